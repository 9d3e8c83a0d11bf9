#include "cli/import_report.h"

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "faqsearch/error.h"

namespace faqsearch::cli {

namespace {

nlohmann::json counts_to_json(const SyncCounts& c) {
  return {{"added", c.added}, {"updated", c.updated}, {"removed", c.removed}, {"unchanged", c.unchanged}};
}

std::string counts_to_text(const SyncCounts& c) {
  return fmt::format("{} added, {} updated, {} removed, {} unchanged", c.added, c.updated, c.removed, c.unchanged);
}

}  // namespace

nlohmann::json report_to_json(const ImportReport& r) {
  nlohmann::json j = counts_to_json(r.sync.total);
  j["command"] = r.command;
  j["db"] = r.db;
  j["source"] = r.sync.source;
  j["dry_run"] = r.sync.dry_run;
  j["skipped"] = r.sync.skipped_total();
  j["skipped_reasons"] = r.sync.skipped;
  j["removals_withheld"] = r.sync.removals_withheld;
  j["withheld_removals"] = r.sync.withheld_removals;
  nlohmann::json langs = nlohmann::json::object();
  for (const auto& [lang, counts] : r.sync.per_language) langs[lang] = counts_to_json(counts);
  j["per_language"] = std::move(langs);
  j["problems"] = r.problems;
  j["seconds"] = r.seconds;
  j["exit_code"] = report_exit_code(r);
  return j;
}

std::string report_to_text(const ImportReport& r) {
  std::string out = fmt::format("{}{} {} (source {}) in {:.2f} s: {}", r.sync.dry_run ? "dry run: " : "", r.command,
                                printable(r.db), printable(r.sync.source), r.seconds, counts_to_text(r.sync.total));
  out += fmt::format(", {} skipped\n", r.sync.skipped_total());
  for (const auto& [reason, n] : r.sync.skipped) out += fmt::format("  skipped {:>7}  {}\n", n, printable(reason));
  if (r.sync.removals_withheld) {
    out += fmt::format("  {} articles missing from the export were NOT removed: the export has malformed records "
                       "(reported above); fix them and sync again\n",
                       r.sync.withheld_removals);
  }
  for (const auto& [lang, counts] : r.sync.per_language) {
    out += fmt::format("  {:<10} {}\n", lang, counts_to_text(counts));
  }
  return out;
}

int report_exit_code(const ImportReport& r) { return r.problems.empty() ? 0 : kExitSkippedRecords; }

std::vector<std::pair<std::string, std::string>> parse_column_mappings(const std::vector<std::string>& values) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& value : values) {
    // The last '=' splits: a spreadsheet's column may be named "a=b", a field never is.
    const std::size_t equals = value.rfind('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == value.size()) {
      throw InvalidArgument("--map: \"" + value + "\" is not COLUMN=FIELD (e.g. Frage=title)");
    }
    out.emplace_back(value.substr(0, equals), value.substr(equals + 1));
  }
  return out;
}

}  // namespace faqsearch::cli
