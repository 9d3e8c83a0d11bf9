// Helpers shared by the libFuzzer targets.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>

#include "analysis/language_table.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::fuzz {

/// A property the library promises. A broken one is a finding: abort so libFuzzer keeps the input.
#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (false)

/// A directory of this process under the temp dir, removed with its content at exit.
class ProcessDir {
 public:
  explicit ProcessDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("faqsearch-fuzz-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ProcessDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ProcessDir(const ProcessDir&) = delete;
  ProcessDir& operator=(const ProcessDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// One analyzer for the process, as a searcher keeps one: its per-language state is reused.
inline Analyzer& shared_analyzer() {
  static Analyzer analyzer;
  return analyzer;
}

/// Loads every language's state (Polish loads a Hunspell dictionary, seconds under ASan) from
/// LLVMFuzzerInitialize, before libFuzzer's per-input timeout counts.
inline void load_every_language(Analyzer& analyzer) {
  for (const auto& row : detail::language_rows()) (void)analyzer.analyze("warm up", row.tag);
}

}  // namespace faqsearch::fuzz
