// faqsearch suggest: what a search box offers for the text typed so far.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/results_json.h"
#include "faqsearch/search.h"

namespace faqsearch::cli {
namespace {

struct SuggestOptions {
  ReaderOptions reader;
  std::size_t limit = 5;
  bool json = false;
  std::vector<std::string> words;
};

void run_suggest(const SuggestOptions& o) {
  std::string text;
  for (const auto& w : o.words) text += (text.empty() ? "" : " ") + w;
  SuggestRequest request;
  request.text = text;
  request.languages = o.reader.languages;
  if (!o.reader.audiences.empty()) request.audiences = o.reader.audiences;
  request.completions = o.limit;
  request.titles = o.limit;
  Searcher searcher(o.reader.db);
  const Suggestions s = searcher.suggest(request);
  if (o.json) {
    std::cout << pretty_json(suggestions_json(text, s).text()) << "\n";
    return;
  }
  const bool color = is_terminal(1);
  for (const Completion& c : s.completions) std::cout << fmt::format("  {}  ({})\n", printable(c.query), c.articles);
  if (!s.titles.empty()) std::cout << "Articles:\n";
  for (const Hit& hit : s.titles) {
    std::cout << fmt::format("  {}  [{}]\n", render_for_terminal(hit.title_snippet, color), printable(hit.lang));
  }
}

}  // namespace

void add_suggest_command(CLI::App& app) {
  auto o = std::make_shared<SuggestOptions>();
  CLI::App* cmd = app.add_subcommand("suggest", "Search-box suggestions: completions of the last word, matching titles");
  add_reader_options(*cmd, o->reader);
  cmd->add_option("--limit", o->limit, "Completions and titles, each (0-50)")->check(CLI::Range(0, 50));
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->add_option("text", o->words, "The text typed so far")->required();
  cmd->callback([o] { run_suggest(*o); });
}

}  // namespace faqsearch::cli
