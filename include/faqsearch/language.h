// faqsearch: languages and language tags.
//
// Languages are data: one row per language in the library's language table decides how its text
// is segmented, normalized, folded, stemmed and which stop words it has. These functions expose
// that table read-only, and identify_language() guesses the language of a text.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace faqsearch {

/// What the analyzer does for one language: a read-only view of one row of the language table.
/// Plain data: free to copy and share between threads.
struct LanguageInfo {
  /// Canonical BCP 47 tag of the row ("en", "zh-Hant", "nb").
  std::string tag;
  /// English name ("Norwegian Bokmål").
  std::string name;
  /// Stemmer or lemmatizer applied to words, or "" when none ("english", "hunspell:pl_PL").
  std::string stemmer;
  /// Segmentation: "icu-words", "icu-dictionary" (Thai, Lao, Khmer, Burmese, CJK words) and, for
  /// Han/kana/Hangul runs, "+bigrams" when overlapping bigrams are indexed too.
  std::string segmentation;
  /// Whether diacritics are folded away for matching (marks that are letters in the language are
  /// kept: Norwegian å, Japanese voicing marks).
  bool folds_diacritics = false;
  /// Number of stop words the row has.
  std::size_t stop_word_count = 0;
};

/// Every row of the language table, in table order. Thread-safe.
[[nodiscard]] std::vector<LanguageInfo> supported_languages();

/// Canonical form of a BCP 47 language tag: "EN-us" → "en-US", "zh_TW" → "zh-TW", "no" → "no".
/// Throws InvalidArgument if `tag` is empty or not well-formed (the message quotes it).
/// Thread-safe.
[[nodiscard]] std::string canonical_language_tag(std::string_view tag);

/// canonical_language_tag() of a tag that must name a language: also throws InvalidArgument (the
/// message quotes the tag and gives examples) for a well-formed tag that names none ("english",
/// "klingon": BCP 47 reserves five to eight letters for registered languages). For tags people
/// type: a search's languages, an index's default language.
/// Thread-safe.
[[nodiscard]] std::string known_language_tag(std::string_view tag);

/// The table row that analyzes text tagged `tag`: the exact tag, else its language and script
/// ("zh-TW" → "zh-Hant"), else its language ("en-GB" → "en"), else the generic row ("und").
/// Thread-safe.
[[nodiscard]] LanguageInfo language_for(std::string_view tag);

/// The answer of identify_language(). Plain data: free to copy and share between threads.
struct LanguageGuess {
  /// Canonical BCP 47 tag of the language identified ("en", "nb", "zh-Hans", "zh-Hant", "he"),
  /// or "" when no language could be told (empty text, digits and punctuation only, text the
  /// identifier does not know, or no candidate matched).
  std::string tag;
  /// Share of the text's letters attributed to `tag`, 0..1 (0 when `tag` is empty). It says how
  /// mixed the text is, not how likely the guess is right: act on `reliable`.
  double confidence = 0;
  /// Whether the guess is safe to act on without a human: the identifier found a clear winner
  /// AND the text is long enough to tell. Text of fewer than four words (most search queries)
  /// is never reliable: two or three words are shared by too many languages ("gift card
  /// balance", "chat åpningstid") and are often guessed wrong with high confidence.
  bool reliable = false;

  friend bool operator==(const LanguageGuess&, const LanguageGuess&) = default;
};

/// Identifies the language of plain text `text` with CLD2 (Compact Language Detector 2, 83
/// languages). Best on a sentence or more: article titles with bodies, full questions.
///
/// Tags follow faqsearch's conventions, not CLD2's: Chinese is "zh-Hans" or "zh-Hant",
/// Norwegian is "nb" (CLD2 says "no"), Hebrew "he" (CLD2: "iw"); every tag is canonical
/// (canonical_language_tag()).
///
/// `candidates` (BCP 47 tags, e.g. the languages an index holds) restricts the answer: the best
/// of CLD2's three top languages that matches a candidate, returned as that candidate's
/// canonical tag, else an empty tag. A candidate matches the exact tag or, failing that, the
/// same language ("en-GB" matches "en", "no" matches "nb"). Throws InvalidArgument for a
/// malformed candidate tag.
///
/// Never throws on content: ill-formed UTF-8 sequences and control characters are read as
/// spaces, and text with no letters gives an empty tag. Only the first 64 KiB of `text` are
/// read. Thread-safe: CLD2 is stateless and keeps no global mutable state.
[[nodiscard]] LanguageGuess identify_language(std::string_view text,
                                              std::span<const std::string> candidates = {});

}  // namespace faqsearch
