// Pipeline stage 3a, normalize: elided articles ("l'adresse" → "adresse") and suffixes written
// after an apostrophe ("Tesla'nın" → "Tesla"). ICU keeps the apostrophe inside the word, so
// without this "l'adresse" would match neither "adresse" nor "l'adresse" with another article.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// A row's elided articles. Applies to a word whose first apostrophe (' or ’) comes within
/// its first 9 characters, after one of the articles, with more of the word after it; any other
/// word is left as it is.
///
/// Thread-safety: immutable after construction; shareable.
class Elision {
 public:
  /// `articles`: space-separated, written without the apostrophe ("l d qu").
  explicit Elision(std::string_view articles);

  [[nodiscard]] bool empty() const noexcept { return articles_.empty(); }

  /// Where the word [begin, end) of `text` starts once an elided article is taken off: just
  /// after the apostrophe, or `begin` when it has none.
  [[nodiscard]] int32_t word_start(const icu::UnicodeString& text, int32_t begin, int32_t end) const;

 private:
  std::vector<icu::UnicodeString> articles_;
};

/// Whether a UTF-16 code unit is an apostrophe (' or ’).
[[nodiscard]] constexpr bool is_apostrophe(char16_t c) { return c == u'\'' || c == u'\u2019'; }

/// Where the word [begin, end) of `text` ends once a suffix written after an apostrophe (' or ’)
/// is taken off (LanguageRow::apostrophe_suffixes): at its first apostrophe that has a character
/// on each side, or `end` when it has none.
[[nodiscard]] int32_t apostrophe_suffix_start(const icu::UnicodeString& text, int32_t begin, int32_t end);

/// Whether the word starting at `begin` of `text` is a suffix written after an apostrophe onto
/// the word or number ending at `previous_end` ("2015'te": ICU cuts a number from its suffix).
[[nodiscard]] bool is_apostrophe_suffix(const icu::UnicodeString& text, int32_t previous_end, int32_t begin);

}  // namespace faqsearch::detail
