// What the importer tests share (import_test.cpp, import_formats_test.cpp): a temporary
// directory to write input files into, and an import run's articles, places and problems.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/import.h"

namespace faqsearch::testing {

namespace fs = std::filesystem;

/// A directory of its own under the system's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string test = info != nullptr ? info->name() : "test";
    path_ = fs::temp_directory_path() /
            ("faqsearch-import-" + test + "-" + std::to_string(now) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `content` (bytes as given) to `relative`, creating directories; returns the path.
  fs::path write(const fs::path& relative, std::string_view content) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file;
  }

  [[nodiscard]] const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

struct ImportRun {
  std::vector<Article> articles;
  std::vector<SourceLocation> locations;
  std::vector<ImportProblem> problems;
  ImportSummary summary;

  [[nodiscard]] std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const Article& a : articles) out.push_back(a.id);
    return out;
  }
  [[nodiscard]] std::string problem_text() const {
    std::string out;
    for (const ImportProblem& p : problems) out += p.to_string() + "\n";
    return out;
  }
};

inline ImportRun run_import(const fs::path& path, const ImportOptions& options = {}) {
  ImportRun run;
  run.summary = read_articles(
      path, options,
      [&](Article&& article, const SourceLocation& where) {
        run.articles.push_back(std::move(article));
        run.locations.push_back(where);
      },
      [&](const ImportProblem& problem) { run.problems.push_back(problem); });
  EXPECT_EQ(run.summary.articles, run.articles.size());
  EXPECT_EQ(run.summary.problems, run.problems.size());
  return run;
}

inline ImportOptions with_lang(std::string lang) {
  ImportOptions options;
  options.default_lang = std::move(lang);
  return options;
}

}  // namespace faqsearch::testing
