// What the index and search tests share (index_search_test.cpp, index_lifecycle_test.cpp):
// articles with the fields the filter tests read, a page's ids, a plain request.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/search.h"
#include "test_support.h"

namespace faqsearch::testing {

/// testing::article with the url, category and tags the filter tests read.
inline Article filed_article(std::string id, std::string lang, std::string title, std::string body,
                             std::string category = "shipping", std::vector<std::string> tags = {"delivery"},
                             std::string audience = "") {
  Article a = testing::article(std::move(id), std::move(lang), std::move(title), std::move(body), std::move(audience));
  a.url = "https://help.example/" + a.id;
  a.category = std::move(category);
  a.tags = std::move(tags);
  return a;
}

/// The ids of a page's hits, each with its language ("id/lang").
inline std::vector<std::string> ids_with_lang(const SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id + "/" + h.lang);
  return out;
}

/// A request for `text` in `langs` (every language when empty), the other fields as defaulted.
inline SearchRequest query(std::string text, std::vector<std::string> langs = {}) {
  SearchRequest r;
  r.query = std::move(text);
  r.languages = std::move(langs);
  return r;
}

}  // namespace faqsearch::testing
