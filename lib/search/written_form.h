// How the articles write a term: stems and lemmas are what the index holds, not words to show a
// shopper (a did-you-mean, a completion).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "search/did_you_mean_check.h"

namespace faqsearch::detail {

/// How many articles, and how much of a body, written_form() reads.
struct SpellingLimits {
  std::size_t articles = 6;
  std::size_t body_bytes = 8192;  ///< 0: titles only
  /// The body is read when no title writes the term, or when the nearest spelling the titles
  /// give is more than this many edits from what was typed (SIZE_MAX: only the former).
  std::size_t body_beyond_edits = SIZE_MAX;
  /// Bodies read at most, of the first articles in turn, while that still holds (written_form).
  std::size_t bodies = 1;
};

/// How the articles of `db` (language `lang`) write `term` (a stem or a lemma is not a word to
/// show a shopper): of the words analyzed to it (as the word's term, its folded variant or its
/// written form) in the titles of the first articles holding it (else at the start of the
/// bodies of the first `limits.bodies`, in turn), the one nearest to `typed`, in lower case, without the marks the analyzer ignores
/// that `typed` lacks (an Arabic haraka); "" when none is found.
std::string written_form(Analyzer& analyzer, const Xapian::Database& db, const std::string& lang, const std::string& term,
                         std::string_view typed, RecordDecompressor& decompressor, const SpellingLimits& limits = {});

/// Every way (distinct, in lower case) the articles of `db` write `term`: the words analyzed to it
/// in the titles of the first articles holding it, else at the start of the first one's body.
std::vector<std::string> word_spellings(Analyzer& analyzer, const Xapian::Database& db, const std::string& lang,
                                        const std::string& term, RecordDecompressor& decompressor,
                                        const SpellingLimits& limits = {});

/// Of `spellings`, the one fewest edits from `typed` (the first on a tie), and that distance in
/// `distance` if given; "" when there is none.
std::string nearest_spelling(const std::vector<std::string>& spellings, std::string_view typed,
                             std::size_t* distance = nullptr);

/// `text` in lower case (Unicode simple case mapping, per code point).
std::string lower_case(std::string_view text);

/// A word as typed, in the letters the articles are written in, for comparing with their
/// spellings: NFKC (mathematical, full-width and ligature letters made plain, decomposed marks
/// composed), then lower case. "𝓬𝓪𝓷𝓬𝓵𝓮" is "cancle", one edit from "cancel", not six. Not case
/// folding, which would spell "ß" "ss".
std::string typed_word(std::string_view text);

/// A correction `text` (as the articles write it, usually in lower case) in the case of the word
/// `typed` it replaces, by `lang`'s rules (Turkish "i" → "İ"): each letter upper case where the
/// typed letter at its place is ("Botle" → "Bottle", "XXXIII'ün" → "XXXIII'te"), and the letters
/// beyond those typed too in a word typed all in capitals ("BOTLE" → "BOTTLE"). Never lower case:
/// a shopper who wrote a name or the start of a sentence with a capital reads the suggestion so.
std::string with_typed_case(std::string_view typed, std::string_view text, std::string_view lang);

/// `query` with `fixes` (sorted, apart) applied, each in the case of the words it replaces
/// (with_typed_case), and where they are in it.
QueryCorrection corrected(std::string_view query, const std::vector<QueryFix>& fixes, std::string_view lang);

}  // namespace faqsearch::detail
