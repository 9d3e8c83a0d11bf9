// faqsearch search: one query, or a batch of queries from a file.
#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/results_json.h"
#include "faqsearch/error.h"
#include "faqsearch/language.h"
#include "faqsearch/search.h"

namespace faqsearch::cli {
namespace {

struct SearchCommandOptions {
  std::string db;
  std::vector<std::string> languages;
  std::vector<std::string> categories;
  std::vector<std::string> sections;
  std::vector<std::string> tags;
  std::vector<std::string> hit_languages;
  bool facets = false;
  std::vector<std::string> audiences;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool json = false;
  bool no_snippets = false;
  bool no_fallback = false;
  bool no_corrections = false;
  bool no_diagnosis = false;
  SearchSort sort = SearchSort::kRelevance;
  std::string queries_file;
  std::vector<std::string> query_words;
  std::string log_file;
};

/// Runs `request`, logging it when --log asked for it.
SearchResults run_one(Searcher& searcher, QueryLog* log, const SearchRequest& request) {
  SearchResults results = searcher.search(request);
  if (log != nullptr) log->record(request, results);
  return results;
}

SearchRequest make_request(const SearchCommandOptions& o, std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  r.languages = o.languages;
  r.categories = o.categories;
  r.sections = o.sections;
  r.tags = o.tags;
  r.hit_languages = o.hit_languages;
  r.facets = o.facets;
  if (!o.audiences.empty()) r.audiences = o.audiences;
  r.limit = o.limit;
  r.offset = o.offset;
  r.snippets = !o.no_snippets;
  r.fallback = !o.no_fallback;
  r.corrections = !o.no_corrections;
  r.diagnose = !o.no_diagnosis;
  r.sort = o.sort;
  return r;
}

/// "Category: returns (12), shipping (3)" lines, most frequent first, at most kShownFacetValues
/// values a line (JSON has them all).
void print_facets(const FacetCounts& facets) {
  constexpr std::size_t kShownFacetValues = 8;
  for (const auto& [name, counts] : {std::pair{"Category", &facets.category}, std::pair{"Section", &facets.section},
                                     std::pair{"Tag", &facets.tag}, std::pair{"Language", &facets.lang}}) {
    if (counts->empty()) continue;
    std::vector<std::pair<std::string, std::size_t>> sorted(counts->begin(), counts->end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string line;
    for (std::size_t i = 0; i < sorted.size() && i < kShownFacetValues; ++i) {
      line += fmt::format("{}{} ({})", line.empty() ? "" : ", ", printable(sorted[i].first), sorted[i].second);
    }
    if (sorted.size() > kShownFacetValues) line += fmt::format(" and {} more", sorted.size() - kShownFacetValues);
    std::cout << fmt::format("  {}: {}\n", name, line);
  }
  if (!facets.exhaustive) std::cout << "  (counts over the best matches only)\n";
}

void print_human(const std::string& query, const SearchResults& results) {
  const bool color = is_terminal(1);
  std::cout << fmt::format("{} result{} for \"{}\"\n", results.total, results.total == 1 ? "" : "s",
                           printable(query));
  print_shard_notices(results.unavailable_shards, results.generations_differ);
  print_discovery(results, color);
  for (const Hit& hit : results.hits) {
    // A fallback is in a language the shopper did not ask for: say which.
    const std::string shown_in = hit.fallback ? fmt::format(" (shown in {})", language_for(hit.lang).name) : "";
    const std::string marks = std::string(hit.promoted ? " (recommended)" : "") + (hit.outdated ? " (may be out of date)" : "");
    std::cout << fmt::format("{:>3}. {}  [{}]{}{} {:.2f}\n", hit.rank + 1, render_for_terminal(hit.title_snippet, color),
                             printable(hit.lang), shown_in, marks, hit.score);
    if (!hit.url.empty()) std::cout << "     " << printable(hit.url) << "\n";
    if (!hit.snippet.text.empty()) std::cout << "     " << render_for_terminal(hit.snippet, color) << "\n";
  }
}

/// One batch line as a request ("line" of `source`, for errors), and the fields echoed in its answer.
SearchRequest batch_request(const SearchCommandOptions& o, const std::string& line, const std::string& source,
                            std::size_t line_number, nlohmann::json& out) {
  SearchRequest request = make_request(o, line);
  if (line.front() == '{') {
    const nlohmann::json q = parse_json_line(line, source, line_number);
    const auto text = q.find("text");
    if (text == q.end() || !text->is_string()) {
      throw InvalidArgument(fmt::format("{}:{}: text: expected a string", source, line_number));
    }
    request.query = text->get<std::string>();
    if (q.contains("_id")) out["_id"] = q["_id"];
    if (q.contains("lang") && q["lang"].is_string()) request.languages = {q["lang"].get<std::string>()};
  }
  out["query"] = request.query;
  if (request.languages.size() == 1) out["lang"] = request.languages.front();
  return request;
}

/// Batch mode: JSONL {"_id","text","lang"} or one query per line; one JSON line out per query.
/// From a file, a bad line stops the batch. From standard input ("-") the CLI is a helper process
/// another program keeps open: each answer is flushed as soon as it is written, and a bad line
/// answers {"error": "..."} instead of ending the conversation.
void run_batch(Searcher& searcher, QueryLog* log, const SearchCommandOptions& o) {
  const bool interactive = o.queries_file == "-";
  std::istringstream file_text(interactive ? std::string() : read_input_text(o.queries_file));
  std::istream& in = interactive ? std::cin : static_cast<std::istream&>(file_text);
  const std::string source = interactive ? "<stdin>" : o.queries_file;
  std::string line;
  for (std::size_t line_number = 1; std::getline(in, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json echoed;
    JsonObjectText out;
    try {
      const SearchRequest request = batch_request(o, line, source, line_number, echoed);
      out = results_json(run_one(searcher, log, request), o.facets);
    } catch (const InvalidArgument& e) {
      if (!interactive) throw;
      echoed["error"] = e.what();
    }
    out.set_all(echoed);
    std::cout << out.text() << "\n";
    if (interactive) std::cout.flush();
  }
}

void run_search(const SearchCommandOptions& o) {
  Searcher searcher(o.db);
  const std::shared_ptr<QueryLog> log = o.log_file.empty() ? nullptr : open_query_log(o.log_file);
  if (!o.queries_file.empty()) {
    run_batch(searcher, log.get(), o);
    return;
  }
  std::string query;
  for (const auto& w : o.query_words) query += (query.empty() ? "" : " ") + w;
  if (query.empty()) throw InvalidArgument("search: give a QUERY or --queries FILE");
  const SearchResults results = run_one(searcher, log.get(), make_request(o, query));
  if (o.json) {
    JsonObjectText out = results_json(results, o.facets);
    out.set("query", query);
    std::cout << pretty_json(out.text()) << "\n";
  } else {
    print_human(query, results);
    if (o.facets) print_facets(results.facets);
  }
}

}  // namespace

void add_search_command(CLI::App& app) {
  auto o = std::make_shared<SearchCommandOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Search an index");
  cmd->add_option("--db", o->db, "Index directory, or cluster file (docs/cluster.md)")->required()->check(CLI::ExistingPath);
  cmd->add_option("--lang", o->languages,
                  "The shopper's language(s), most preferred first, e.g. nn,en (default: identified, else all)")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--category", o->categories, "Keep only these categories")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--section", o->sections, "Keep only these sections")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--tag", o->tags, "Keep only articles with one of these tags")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--hit-lang", o->hit_languages, "Keep only articles served in these languages")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_flag("--facets", o->facets, "Count matching articles per category, section, tag and language");
  cmd->add_option("--audience", o->audiences, "Audiences the caller may see (default: public)")
      ->allow_extra_args(false)
      ->delimiter(',');
  cmd->add_option("--limit", o->limit, "Results per page (1-1000)")->check(CLI::Range(1, 1000));
  cmd->add_option("--offset", o->offset, "Results to skip");
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->add_flag("--no-snippets", o->no_snippets, "Do not build snippets");
  cmd->add_flag("--no-corrections", o->no_corrections, "Do not look for a did-you-mean correction");
  cmd->add_flag("--no-diagnosis", o->no_diagnosis, "Do not say why a search found nothing");
  cmd->add_flag("--no-fallback", o->no_fallback,
                "With --lang: do not serve articles missing in those languages in the default language");
  const std::map<std::string, SearchSort> sorts{
      {"relevance", SearchSort::kRelevance}, {"updated", SearchSort::kUpdated}, {"position", SearchSort::kPosition}};
  cmd->add_option("--sort", o->sort, "relevance (default), updated (newest first) or position (the help center's order)")
      ->transform(CLI::CheckedTransformer(sorts, CLI::ignore_case));
  cmd->add_option("--queries", o->queries_file,
                  "Batch mode: JSONL {_id,text,lang} or one query per line; '-' reads standard input and "
                  "answers each line as it comes (a helper process)")
      ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
  cmd->add_option("--log", o->log_file, kQueryLogHelp);
  cmd->add_option("query", o->query_words, "What to search for");
  cmd->callback([o] { run_search(*o); });
}

}  // namespace faqsearch::cli
