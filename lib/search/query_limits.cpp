#include "search/query_limits.h"

#include <string>

#include "faqsearch/error.h"

namespace faqsearch::detail {

void check_query_shape(std::string_view query) {
  const auto reject = [](const std::string& what, std::size_t limit) {
    throw InvalidArgument("search: field query: " + what + ", over the limit of " + std::to_string(limit));
  };
  if (query.size() > kMaxQueryBytes) {
    reject("is " + std::to_string(query.size()) + " bytes", kMaxQueryBytes);
  }
  std::size_t words = 0, quotes = 0;
  bool in_word = false;
  for (const char c : query) {
    // ASCII whitespace separates words; other separators (CJK text has none) are the analyzer's.
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !in_word) ++words;
    in_word = !space;
    if (c == '"') ++quotes;
  }
  if (words > kMaxQueryWords) reject("has " + std::to_string(words) + " words", kMaxQueryWords);
  // As split_phrases reads them: an unbalanced quote opens a phrase that runs to the end.
  const std::size_t phrases = (quotes + 1) / 2;
  if (phrases > kMaxQueryPhrases) {
    reject("has " + std::to_string(phrases) + " \"quoted phrases\"", kMaxQueryPhrases);
  }
}

}  // namespace faqsearch::detail
