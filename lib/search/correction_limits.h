// The bounds of did-you-mean's work on one query (correct_query, TypoScan).
#pragma once

#include <cstddef>

namespace faqsearch::detail {

/// Bounds of one correction: it runs only for queries with unknown words, but each such word
/// may cost a vocabulary scan and each correction two small matches.
struct CorrectionLimits {
  /// Unknown words corrected at most, in query order, by a vocabulary scan, a join or a split;
  /// words read back from the other keyboard layout are not counted (they scan nothing).
  std::size_t max_corrected_words = 8;
  /// Nearest vocabulary terms of an unknown word whose spellings are compared with what was
  /// typed: the nearest term is often another inflection of the word meant, and the scan keeps
  /// the most frequent, so a short word's rare meaning needs room beside its frequent neighbours
  /// ("الاناق" is one edit from five of an index's terms, "الانفاق" the rarest).
  std::size_t max_typo_candidates = 8;
  /// Shortest word (code points) split in two ("trackorder" → "track order").
  std::size_t min_split_length = 6;
  /// Fewest articles each part of a split must be in: a split into rare fragments is noise.
  unsigned min_split_frequency = 2;
  /// Articles read at most to find how the corrected word is written.
  std::size_t max_spelling_articles = 6;
  /// Their first body is read too when no title writes it within this many edits of the word
  /// typed: titles often hold another inflection ("happens" for "happpen").
  std::size_t spelling_body_beyond_edits = 1;
  /// Body bytes read at most for it, when no title of those articles has the word.
  std::size_t max_spelling_body_bytes = 8192;
  /// Bodies read at most for it, one article after another, while none writes the word within
  /// `spelling_body_beyond_edits` of what was typed.
  std::size_t max_spelling_bodies = 3;
  /// Best-ranked articles of the corrected query, and of the words kept as typed, compared to
  /// show the correction is worth it.
  unsigned checked_articles = 10;
  /// Articles a word is in at least for a one-edit typo of it to be fixed whatever the query's
  /// other words find (FixCheck::common_word_articles).
  unsigned common_word_articles = 5;
};

}  // namespace faqsearch::detail
