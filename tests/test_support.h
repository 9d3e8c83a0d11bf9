// Helpers shared by the test files.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"

namespace faqsearch::testing {

/// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("faqsearch-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The repository root (for corpus/) and the shared evaluation sets beside it.
inline std::filesystem::path source_dir() { return FAQSEARCH_SOURCE_DIR; }
inline std::filesystem::path eval_dir() { return source_dir().parent_path() / "shared" / "data" / "eval"; }

/// An article with the fields most tests set, the others empty.
inline Article article(std::string id, std::string lang, std::string title, std::string body,
                       std::string audience = "") {
  Article a;
  a.id = std::move(id);
  a.lang = std::move(lang);
  a.title = std::move(title);
  a.body = std::move(body);
  a.audience = std::move(audience);
  return a;
}

/// Appends `copies` articles like `a`, the n-th with n after its id and " n" after its title:
/// separate articles that make the words of `a` as frequent as a test needs.
inline void add_copies(std::vector<Article>& articles, int copies, const Article& a) {
  for (int i = 0; i < copies; ++i) {
    Article copy = a;
    copy.id += std::to_string(i);
    copy.title += " " + std::to_string(i);
    articles.push_back(std::move(copy));
  }
}

/// Indexes `articles` into the index at `dir` (created if missing) in one commit.
inline void index_articles(const std::filesystem::path& dir, const std::vector<Article>& articles) {
  IndexWriter w = IndexWriter::open(dir);
  for (const Article& a : articles) w.upsert(a);
  w.commit();
}

/// The ids of a page's hits, in rank order.
inline std::vector<std::string> ids(const SearchResults& results) {
  std::vector<std::string> out;
  for (const auto& hit : results.hits) out.push_back(hit.id);
  return out;
}

/// Pages through the results of `query` (English) in pages of each size of `sizes` and checks that
/// they cut one order: every article of `matching` once, ranks consecutive, and the first page the
/// same whatever its size. Returns the order the first size gave.
inline std::vector<std::string> expect_pages_cut_one_order(Searcher& searcher, const std::string& query,
                                                           const std::set<std::string>& matching,
                                                           std::initializer_list<std::size_t> sizes) {
  std::vector<std::string> reference;
  for (const std::size_t size : sizes) {
    SCOPED_TRACE("pages of " + std::to_string(size));
    std::vector<std::string> order;
    for (std::size_t offset = 0; offset < matching.size() + size; offset += size) {
      SearchRequest request;
      request.query = query;
      request.languages = {"en"};
      request.offset = offset;
      request.limit = size;
      request.snippets = false;
      const SearchResults r = searcher.search(request);
      for (std::size_t i = 0; i < r.hits.size(); ++i) {
        EXPECT_EQ(r.hits[i].rank, offset + i);
        order.push_back(r.hits[i].id);
      }
    }
    EXPECT_EQ(std::set<std::string>(order.begin(), order.end()), matching);
    EXPECT_EQ(order.size(), matching.size());  // no article twice
    if (reference.empty()) reference = order;
    EXPECT_TRUE(std::equal(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(std::min(size, order.size())),
                           reference.begin()));
  }
  return reference;
}

/// Checks the did-you-mean of `typed` searched in `lang`: `corrected` ("": none) and, when given,
/// the byte ranges it changed.
inline void expect_did_you_mean(Searcher& s, const std::string& lang, const std::string& typed, const std::string& corrected,
                         const std::vector<HighlightRange>* changed = nullptr) {
  SCOPED_TRACE(typed);
  SearchRequest r;
  r.query = typed;
  r.languages = {lang};
  const SearchResults results = s.search(r);
  if (corrected.empty()) {
    EXPECT_FALSE(results.did_you_mean) << typed << " → " << results.did_you_mean->query;
    return;
  }
  ASSERT_TRUE(results.did_you_mean) << typed;
  EXPECT_EQ(results.did_you_mean->query, corrected) << typed;
  if (changed != nullptr) {
    EXPECT_EQ(results.did_you_mean->changed, *changed) << typed;
  }
}

/// A query and its expected did-you-mean ("": none), for table-driven did-you-mean tests.
struct DidYouMeanRow {
  std::string lang, typed, corrected;
};

/// Checks each row's did-you-mean (expect_did_you_mean).
inline void expect_did_you_mean_rows(Searcher& s, const std::vector<DidYouMeanRow>& rows) {
  for (const DidYouMeanRow& row : rows) expect_did_you_mean(s, row.lang, row.typed, row.corrected);
}

}  // namespace faqsearch::testing
