// faqsearch: languages and language tags.
//
// Languages are data: one row per language in the library's language table decides how its text
// is segmented, normalized, folded, stemmed and which stop words it has. These functions expose
// that table read-only.
#pragma once

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

/// The table row that analyzes text tagged `tag`: the exact tag, else its language and script
/// ("zh-TW" → "zh-Hant"), else its language ("en-GB" → "en"), else the generic row ("und").
/// Thread-safe.
[[nodiscard]] LanguageInfo language_for(std::string_view tag);

}  // namespace faqsearch
