// Helpers shared by the test files.
#pragma once

#include <filesystem>
#include <random>
#include <string>

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

}  // namespace faqsearch::testing
