// Helpers shared by the test files.
#pragma once

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "faqsearch/article.h"
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

/// The ids of a page's hits, in rank order.
inline std::vector<std::string> ids(const SearchResults& results) {
  std::vector<std::string> out;
  for (const auto& hit : results.hits) out.push_back(hit.id);
  return out;
}

}  // namespace faqsearch::testing
