// Typo tolerance and as-you-type: index terms close to a query term, read from the vocabulary of
// the partitions the caller may search (so an article the caller may not see never suggests a
// correction or a completion).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace faqsearch::detail {

/// Bounds that keep expansion cheap on a large vocabulary.
struct ExpansionLimits {
  /// Shortest word (code points, as typed) that is corrected; shorter words have too many
  /// neighbours.
  std::size_t min_typo_length = 4;
  /// Shortest stem that is corrected when the typed word is long enough and is the stem with a
  /// prefix (a clitic article or conjunction: "الدقع" → "دقع").
  std::size_t min_stem_typo_length = 3;
  /// Words of at least this many code points may be two edits away (one below it).
  std::size_t two_typos_length = 8;
  /// Shortest prefix (code points) that is completed.
  std::size_t min_prefix_length = 3;
  /// Corrections / completions kept per word, most frequent first.
  std::size_t max_candidates = 3;
  std::size_t max_completions = 8;
  /// Words of at least this many code points are corrected within terms sharing their first two
  /// characters (shorter ones: their first character).
  std::size_t two_letter_prefix_length = 6;
  /// Vocabulary entries read per word at most: a hard ceiling on the cost of a scan (a 100k-
  /// article vocabulary has tens of thousands of terms under one first letter).
  std::size_t max_scanned_terms = 5000;
  /// Han characters a query tries to replace at most (one scan each): a pasted page of unknown
  /// bigrams must not cost hundreds of scans. cmrc2018's questions averaged 0.4.
  std::size_t max_han_scans = 8;
  /// Unknown words of a query looked up at most (corrections, completions, compound parts), in
  /// query order: each costs a vocabulary scan per language searched, and a query of 128
  /// made-up words would cost 128. Queries of the evaluation sets have far fewer.
  std::size_t max_expanded_words = 24;
};

/// Damerau–Levenshtein distance (optimal string alignment) between two code-point strings, or
/// `bound + 1` as soon as it must exceed `bound`.
std::size_t bounded_edit_distance(std::u32string_view a, std::u32string_view b, std::size_t bound);

/// Code points counted by their low six bits: LetterCounts::distance_floor() of two words is at
/// most their edit distance, so a candidate whose floor exceeds the allowance is skipped before
/// the distance table (most of a scanned range, for the price of one pass over its letters).
struct LetterCounts {
  explicit LetterCounts(std::u32string_view word);
  /// The same from UTF-8, without decoding the word into a string first.
  explicit LetterCounts(std::string_view utf8);
  /// A lower bound of the Damerau–Levenshtein distance (optimal string alignment) of the two
  /// words: an insertion or deletion changes one count by one, a substitution two counts,
  /// a transposition none, so the distance is at least half the counts' L1 difference.
  [[nodiscard]] std::size_t distance_floor(const LetterCounts& other) const;

 private:
  void add(char32_t c);
  std::array<std::uint8_t, 64> counts_{};
};

/// Terms of `db` within the allowed edit distance of any of `forms` (the query word's term and
/// its unstemmed spelling), sharing its first character, or its first two for long words
/// (shoppers rarely mistype the start of a word, and the scan stays a short prefix range),
/// nearest then most frequent first. Terms equal to a form are not candidates. The words of the
/// lemma tables (index/lemma_table.h) of `lemma_tables` (null: of `db`) are compared too and
/// stand for their lemmas. They are separate databases because Xapian 1.4 reads the metadata of
/// a multi-database's first database only: a searcher passes each partition `db` combines.
std::vector<std::string> typo_candidates(const Xapian::Database& db, const std::vector<std::string>& forms,
                                         const ExpansionLimits& limits = {},
                                         const std::vector<Xapian::Database>* lemma_tables = nullptr);

/// A character that may stand where a shopper picked a wrong one (han_substitutions).
struct HanSubstitute {
  std::string character;
  /// It also forms a term with the character after the replaced one.
  bool fits_right = false;
};

/// Han characters that may stand where a shopper picked a wrong one (a homophone from the input
/// method's list: 注消 typed for 注销, "close"): characters X, other than `typed` and taken by
/// `accept` (if given), such that `left`+X is a term of `db`. Those that also make X+`right` a
/// term (`right` may be empty: the end of a run) come first, then the most frequent. `left` is
/// one character: the scan is the range of terms it begins.
std::vector<HanSubstitute> han_substitutions(const Xapian::Database& db, std::string_view left,
                                            std::string_view typed, std::string_view right,
                                            const ExpansionLimits& limits = {},
                                            const std::function<bool(std::string_view)>& accept = {});

/// Terms of `db` that start with `prefix` and are longer than it, most frequent first.
std::vector<std::string> prefix_completions(const Xapian::Database& db, std::string_view prefix,
                                            const ExpansionLimits& limits = {});

/// Terms of `db` that a Korean word typed mid-syllable may become (hangul_typing.h: "뱃", "배소"
/// on the way to "배송"), most frequent first; none for any other word.
std::vector<std::string> open_syllable_completions(const Xapian::Database& db, std::string_view typed,
                                                   const ExpansionLimits& limits = {});

}  // namespace faqsearch::detail
