// faqsearch: text analysis.
//
// One analyzer produces the terms that are indexed, the terms a query looks for and the ranges a
// snippet highlights, so the three cannot disagree. Steps, all driven by the language table:
// UTF-8 repair → ICU word breaks (UAX #29, dictionary segmentation for Thai, Lao, Khmer, Burmese,
// Chinese, Japanese) → NFKC case folding → per-language normalization and diacritic folding →
// stop-word marking → stemming → overlapping bigrams of Han/kana/Hangul runs.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace faqsearch {

namespace detail {
struct AnalyzerHooks;  // internal (lib/): where dictionary lemmas come from, see lemma_hooks.h
}

/// What produced a token.
enum class TokenKind : std::uint8_t {
  kWord,    ///< A word from ICU's word breaker (letters, possibly with marks).
  kNumber,  ///< A number ("30", "4.95").
  kIdeo,    ///< A word of Han, kana, Thai or another dictionary-segmented script.
  kBigram,  ///< An overlapping character bigram of a Han/kana/Hangul run (a recall aid).
  /// One Han/kana/Hangul character inside a longer dictionary word (a recall aid for one-
  /// character words and for runs the dictionary segments differently in query and article).
  kUnigram,
  /// The diacritic-folded form of the word token just before it (same position and bytes),
  /// emitted only where the language folds and folding changed the term ("zwrot" beside
  /// "zwrót"). Queries typed without marks match it; exact forms rank above it. Arabic's
  /// spelling variant takes the same slot.
  kFolded,
  /// The word as written, just after its word token (same position and bytes), where a Snowball
  /// stemmer cut an ending off it and the word has no folded form ("customs" beside the term
  /// "custom"): it ranks the articles with the very form typed above those sharing only the stem
  /// ("customer"). Weighted like a folded form, but indexed without positions (phrases match
  /// stems), which makes it cost an English index 6.5% instead of 16%.
  kWrittenForm,
  /// Two adjacent words or numbers as one term ("top up", "bowl 50": their terms joined by a
  /// space; a number's neighbour says what it counts), with the first
  /// word's position and the bytes of both words. Pairs come after all other tokens of a text. A
  /// precision aid: documents with the words side by side rank above those with them apart.
  kPair,
};

/// One analyzed token. Plain data.
struct Token {
  /// The normalized, folded and stemmed term that is indexed and searched. Never empty.
  std::string term;
  /// Byte range [begin, end) of the token in the analyzed text: always into the original input,
  /// whatever normalization did to `term`. Snippets highlight exactly these bytes.
  std::size_t begin = 0;
  std::size_t end = 0;
  /// Word position (0-based), used for phrases and proximity. Bigrams share the position of the
  /// word they start in.
  std::uint32_t position = 0;
  TokenKind kind = TokenKind::kWord;
  /// True when the word is a stop word of the language. Stop words are indexed (so a query of
  /// only stop words still finds something) but are dropped from queries that have other words.
  bool stop_word = false;

  friend bool operator==(const Token&, const Token&) = default;
};

/// Options of an analyzer. Plain data. The index records them; a different value means a
/// different index (IndexMismatch on open).
struct AnalysisOptions {
  /// Terms longer than this many bytes are dropped (Xapian rejects terms over 245 bytes, and
  /// such runs are base64, URLs or noise, never what a shopper types).
  std::size_t max_term_bytes = 64;
  /// Directory of the Hunspell dictionaries (`<name>.aff` + `<name>.dic`) that rows such as
  /// Polish lemmatize with. A dictionary missing there means that language is not stemmed (see
  /// Analyzer::stemmer_in_use); indexes and queries must then agree on it.
  std::string hunspell_directory = "/usr/share/hunspell";
  /// Index and search adjacent word pairs ("top up", TokenKind::kPair) in the languages whose
  /// row has them. They are what ranks "top up" above "top" and "up" apart, and they cost most of
  /// the index: at 12.5k generated articles, switching them off made the index 40% smaller
  /// (165 → 100 MiB) and its build 26% cheaper in CPU, for MRR@10 0.2–0.7 points lower on most
  /// public sets (stackfaq 0.827 → 0.819, xquad vi 0.960 → 0.953; corpus nb 0.948 → 0.893).
  /// Off is for a catalogue where index size matters more than that.
  bool word_pairs = true;

  friend bool operator==(const AnalysisOptions&, const AnalysisOptions&) = default;
};

/// Version of the analysis pipeline. Bumped whenever a change would alter the terms of existing
/// text, so that indexes built before are detected and rebuilt.
// 2: Hunspell lemmas for Polish; 3: folded variants, CJK unigrams; 4: apostrophes dropped in words;
// 5: word pairs, Arabic ة/ى as variants instead of normalized before stemming; 6: words split where
// Thai/Lao/Khmer/Myanmar meets Latin or digits; 7: the written form beside a Snowball stem that
// cut an ending off it (kWrittenForm); 8: word pairs with numbers ("bowl 50"); 9: Polish words
// whose lemma is a stop word are stop words, "can" a stop word in pl, ru, es, the article ال
// left on an Arabic stem stripped; 10: the written form folded where the row folds diacritics;
// 11: Turkish suffixes after an apostrophe left off ("Tesla'nın" → "tesla").
inline constexpr int kAnalysisVersion = 11;

/// Turns text into tokens.
///
/// Thread-safety: an Analyzer is NOT thread-safe (it reuses ICU break iterators, Xapian stemmers
/// and Hunspell dictionaries, which are single-threaded); use one per thread. Creating one is
/// cheap (iterators and stemmers are created lazily per language and reused afterwards), except
/// that the first word of a Hunspell language loads its dictionary (Polish: ~0.3 s, ~43 MB).
class Analyzer {
 public:
  explicit Analyzer(AnalysisOptions options = {});
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  /// Analyzes `text` as language `lang` (any BCP 47 tag; unknown languages use the generic row).
  /// Invalid UTF-8 is read as U+FFFD per maximal ill-formed subsequence, exactly as repair_utf8()
  /// repairs it, and offsets still point into `text`. Never throws on content.
  [[nodiscard]] std::vector<Token> analyze(std::string_view text, std::string_view lang);

  /// The stemmer `lang` is actually analyzed with: "hunspell:pl_PL", a Snowball name such as
  /// "english", or "" for none. Differs from language_for(lang).stemmer when the row's Hunspell
  /// dictionary could not be loaded (an optional package is missing). Loads the language's state
  /// as analyze() would.
  [[nodiscard]] std::string stemmer_in_use(std::string_view lang);

  /// The options this analyzer was built with.
  [[nodiscard]] const AnalysisOptions& options() const noexcept;

 private:
  friend struct detail::AnalyzerHooks;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// `text` with every maximal ill-formed UTF-8 subsequence replaced by U+FFFD (the Unicode
/// "substitution of maximal subparts" practice, also what ICU does). Valid text is returned
/// unchanged. Thread-safe.
[[nodiscard]] std::string repair_utf8(std::string_view text);

/// Whether `text` is well-formed UTF-8. Thread-safe.
[[nodiscard]] bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace faqsearch
