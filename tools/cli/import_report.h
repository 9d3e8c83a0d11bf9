// What `faqsearch index` and `faqsearch sync` print when they finish: the same summary, as text
// or as JSON (`--json`), and the exit code it implies.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/sync.h"

namespace faqsearch::cli {

/// Exit code of an index or sync run that left malformed records out while indexing the rest:
/// a job that must notice skipped records tests for it (0 means every record was imported).
inline constexpr int kExitSkippedRecords = 3;

/// What one run of index or sync did.
struct ImportReport {
  std::string command;  ///< "index" or "sync"
  std::string db;
  SyncSummary sync;     ///< counts (index: every article written counts as `added`)
  std::vector<std::string> problems;  ///< malformed records, "file:line: field: message"
  double seconds = 0;
};

/// The report as `--json` prints it (one object).
nlohmann::json report_to_json(const ImportReport& report);

/// The report as text, for a terminal or a log.
std::string report_to_text(const ImportReport& report);

/// 0, or kExitSkippedRecords if any record was malformed.
int report_exit_code(const ImportReport& report);

/// `--map COLUMN=FIELD` values as ImportOptions::csv_columns pairs. Throws InvalidArgument
/// naming the value without '=' (the fields themselves are checked by read_articles()).
std::vector<std::pair<std::string, std::string>> parse_column_mappings(const std::vector<std::string>& values);

}  // namespace faqsearch::cli
