// faqsearch report: the support team's report of a query log (search --log, serve --log).
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "faqsearch/query_log.h"

namespace faqsearch::cli {
namespace {

struct ReportCommandOptions {
  std::string log_file;
  QueryLogReportOptions report;
  bool json = false;
};

std::string percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? "0%" : fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

void print_counts(const std::vector<QueryCount>& counts, const char* indent) {
  for (const QueryCount& c : counts) {
    const std::string zero = c.zero_results == 0 || c.zero_results == c.searches
                                 ? ""
                                 : fmt::format("  ({} found nothing)", c.zero_results);
    std::cout << fmt::format("{}{:>6}  {}{}\n", indent, c.searches, printable(c.query), zero);
  }
}

void print_sections(const QueryLogReport& r) {
  std::cout << "\nTop searches\n";
  print_counts(r.top_searches, "  ");
  std::cout << "\nSearches that found nothing, by reason and language\n";
  if (r.zero_result_groups.empty()) std::cout << "  (none)\n";
  for (const ZeroResultGroup& g : r.zero_result_groups) {
    std::cout << fmt::format("  {} in {}: {} search{}\n", g.reason, printable(g.language), g.searches,
                             g.searches == 1 ? "" : "es");
    print_counts(g.queries, "    ");
  }
  std::cout << "\nArticles found only in another language, or the best answer only there (translate these next)\n";
  if (r.to_translate.empty()) std::cout << "  (none)\n";
  for (const TranslationNeed& n : r.to_translate) {
    std::string wanted;
    for (const auto& [lang, searches] : n.wanted) {
      wanted += fmt::format("{}{} ({})", wanted.empty() ? "" : ", ", printable(lang), searches);
    }
    std::cout << fmt::format("  {:>6}  article {} (served in {}) wanted in {}\n", n.searches, printable(n.id),
                             printable(n.served_lang), wanted);
  }
  std::cout << "\nWords corrected by did-you-mean (synonyms or spellings to add)\n";
  if (r.corrections.empty()) std::cout << "  (none)\n";
  for (const CorrectionCount& c : r.corrections) {
    std::cout << fmt::format("  {:>6}  {} -> {}\n", c.searches, printable(c.typed), printable(c.corrected));
  }
}

void print_report(const std::string& file, const QueryLogReport& r, const std::string& since) {
  std::cout << fmt::format("Query log {}{}\n", printable(file), since.empty() ? "" : " since " + printable(since));
  std::cout << fmt::format(
      "  {} searches: {} found nothing ({}), {} only in another language, {} best answered in another language, "
      "{} corrected\n",
      r.searches, r.zero_results, percent(r.zero_results, r.searches), r.fallback_only, r.best_hit_fallback,
      r.corrected);
  if (r.before_since > 0) std::cout << fmt::format("  ({} earlier searches left out)\n", r.before_since);
  print_sections(r);
  if (r.malformed == 0) return;
  std::cout << fmt::format("\nMalformed lines: {} (not counted above)\n", r.malformed);
  for (const MalformedLogLine& m : r.malformed_lines) {
    std::cout << fmt::format("  line {}: {}\n", m.line, printable(m.message));
  }
  if (r.malformed > r.malformed_lines.size()) {
    std::cout << fmt::format("  and {} more\n", r.malformed - r.malformed_lines.size());
  }
}

void run_report(const ReportCommandOptions& o) {
  const QueryLogReport report = report_query_log(o.log_file, o.report);
  if (o.json) {
    std::cout << report_to_json(report, 2) << "\n";
  } else {
    print_report(o.log_file, report, o.report.since);
  }
  if (report.malformed > 0) {
    std::cerr << fmt::format("faqsearch report: warning: {} malformed line{} in {} (first: line {})\n", report.malformed,
                             report.malformed == 1 ? "" : "s", printable(o.log_file), report.malformed_lines.front().line);
  }
}

}  // namespace

void add_report_command(CLI::App& app) {
  auto o = std::make_shared<ReportCommandOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Report a query log: top searches, failed searches and why, "
                                               "articles to translate, corrections");
  cmd->add_option("--log", o->log_file, "Query log written by search --log or serve --log")->required();
  cmd->add_option("--since", o->report.since, "Only searches since this UTC date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)");
  cmd->add_option("--top", o->report.top, "Entries per list")->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->callback([o] { run_report(*o); });
}

}  // namespace faqsearch::cli
