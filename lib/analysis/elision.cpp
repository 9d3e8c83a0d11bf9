#include "analysis/elision.h"

#include <algorithm>

#include "analysis/language_table.h"

namespace faqsearch::detail {

Elision::Elision(std::string_view articles) {
  for (std::string_view article : list_words(articles)) {
    articles_.push_back(icu::UnicodeString::fromUTF8(icu::StringPiece(article.data(), static_cast<int32_t>(article.size()))));
  }
}

int32_t Elision::word_start(const icu::UnicodeString& text, int32_t begin, int32_t end) const {
  constexpr int32_t kLongestArticle = 8;  // "lorsqu", "puisqu" and a margin
  for (int32_t i = begin; i < end && i - begin <= kLongestArticle; ++i) {
    if (!is_apostrophe(text[i])) continue;
    icu::UnicodeString prefix(text, begin, i - begin);
    prefix.foldCase();
    const bool elided = i + 1 < end && std::find(articles_.begin(), articles_.end(), prefix) != articles_.end();
    return elided ? i + 1 : begin;
  }
  return begin;
}

int32_t apostrophe_suffix_start(const icu::UnicodeString& text, int32_t begin, int32_t end) {
  for (int32_t i = begin + 1; i + 1 < end; ++i) {
    if (is_apostrophe(text[i])) return i;
  }
  return end;
}

bool is_apostrophe_suffix(const icu::UnicodeString& text, int32_t previous_end, int32_t begin) {
  return begin == previous_end + 1 && is_apostrophe(text[previous_end]);
}

}  // namespace faqsearch::detail
