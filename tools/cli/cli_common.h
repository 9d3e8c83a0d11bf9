// Shared pieces of the faqsearch command-line tool.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "faqsearch/query_log.h"
#include "faqsearch/search.h"
#include "faqsearch/synonyms.h"

namespace faqsearch::cli {

/// Exit codes: 0 success, 1 usage error, 2 any other failure, 3 (import_report.h
/// kExitSkippedRecords) records skipped as malformed while the rest were indexed.
inline constexpr int kExitUsage = 1;
inline constexpr int kExitFailure = 2;

/// Registers each subcommand on `app`. The callbacks run the command and may throw; index and
/// sync set `exit_code` when they finish without throwing.
void add_index_command(CLI::App& app, int& exit_code);
void add_sync_command(CLI::App& app, int& exit_code);
void add_search_command(CLI::App& app);
void add_eval_command(CLI::App& app);
void add_analyze_command(CLI::App& app);
void add_stats_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_suggest_command(CLI::App& app);
void add_related_command(CLI::App& app);
void add_report_command(CLI::App& app);

/// A correction as JSON: {"query": "...", "changed": [[begin, end], ...]}.
nlohmann::json correction_to_json(const QueryCorrection& correction);

/// A diagnosis as JSON: {"reason": "...", "fallback_only": bool, "other_languages": {lang: n},
/// "filters": [...]} (the last two only when not empty).
nlohmann::json diagnosis_to_json(const Diagnosis& diagnosis);

/// Adds "did_you_mean" and "diagnosis" to `out` when `results` has them.
void add_discovery_json(const SearchResults& results, nlohmann::json& out);

/// "Did you mean: …?" and the diagnosis' line, when `results` has them.
void print_discovery(const SearchResults& results, bool color);

/// The lines a cluster's answer needs: the shards it was made without ("Partial results"), and
/// shards read at different cluster generations. Nothing for a whole answer.
void print_shard_notices(const std::vector<std::string>& unavailable_shards, bool generations_differ);

/// A snippet for a terminal: highlights in bold when `color`, else in [brackets]; its text
/// made printable().
std::string render_for_terminal(const Snippet& snippet, bool color);

/// `text` safe to print on a terminal: control characters (C0 but, with `keep_line_breaks`, '\n'
/// and '\t'; DEL; C1, such as the one-byte CSI U+009B) and bytes that are not UTF-8 become
/// visible escapes (\x1b, \u009b), so input (article text, field names, paths) cannot move the
/// cursor, rewrite the screen or retitle the terminal. Every human (non-JSON) output of input
/// text and every error message goes through it; JSON output is escaped by its writer.
std::string printable(std::string_view text, bool keep_line_breaks = false);

/// The whole content of an input file the CLI reads itself (queries, qrels, synonyms,
/// baselines): refuses FIFOs, devices and sockets, which would block (faqsearch::read_input_file).
std::string read_input_text(const std::filesystem::path& file);

/// One line of a JSON-lines file as JSON. Nesting deeper than kMaxJsonDepth is not built (the
/// JSON library would recurse on it when copying or printing). Throws InvalidArgument
/// "file:line: field: message" when the line is not JSON or nests too deep.
nlohmann::json parse_json_line(std::string_view line, const std::string& file, std::size_t line_number);

/// The synonym groups of a synonyms file (faqsearch/synonyms.h format). Throws Error naming the
/// file if it cannot be read, InvalidArgument naming file and line if it is malformed.
std::vector<SynonymGroup> read_synonyms_file(const std::filesystem::path& file);

/// What every reading command is told of its caller: the index, the shopper's languages (most
/// preferred first) and the audiences the caller may see.
struct ReaderOptions {
  std::string db;
  std::vector<std::string> languages;
  std::vector<std::string> audiences;
};

/// Adds --db (required, an existing directory), --lang and --audience (comma-separated lists)
/// to `cmd`, bound to `options`, which must outlive the command.
void add_reader_options(CLI::App& cmd, ReaderOptions& options);

/// The help of --log (search, serve).
inline constexpr const char* kQueryLogHelp =
    "Append a JSON line per search to FILE for `faqsearch report` (no personal data: see the README)";

/// The query log `file` opened for appending; its first write error is printed to standard
/// error as a warning, once (searches go on). Throws Error if it cannot be opened.
std::shared_ptr<QueryLog> open_query_log(const std::filesystem::path& file);

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
