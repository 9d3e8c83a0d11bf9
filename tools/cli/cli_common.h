// Shared pieces of the faqsearch command-line tool.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "faqsearch/search.h"
#include "faqsearch/synonyms.h"

namespace faqsearch::cli {

/// Exit codes: 0 success, 1 usage error, 2 any other failure.
inline constexpr int kExitUsage = 1;
inline constexpr int kExitFailure = 2;

/// Registers each subcommand on `app`. The callbacks run the command and may throw.
void add_index_command(CLI::App& app);
void add_search_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_analyze_command(CLI::App& app);
void add_stats_command(CLI::App& app);

/// A hit as the JSON the CLI prints (`--json`, batch mode).
nlohmann::json hit_to_json(const Hit& hit);

/// A snippet for a terminal: highlights in bold when `color`, else in [brackets].
std::string render_for_terminal(const Snippet& snippet, bool color);

/// The synonym groups of a synonyms file (faqsearch/synonyms.h format). Throws Error naming the
/// file if it cannot be read, InvalidArgument naming file and line if it is malformed.
std::vector<SynonymGroup> read_synonyms_file(const std::filesystem::path& file);

/// Whether the stream is an interactive terminal.
bool is_terminal(int fd);

/// A temporary directory removed (recursively) when the object is destroyed.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(std::string_view prefix);
  ~TemporaryDirectory();
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace faqsearch::cli
