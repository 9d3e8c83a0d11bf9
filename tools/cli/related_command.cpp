// faqsearch related: the articles related to one article, for an article page's sidebar.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/results_json.h"
#include "faqsearch/search.h"

namespace faqsearch::cli {
namespace {

struct RelatedOptions {
  ReaderOptions reader;
  std::string id;
  std::size_t limit = 5;
  bool json = false;
  bool no_fallback = false;
};

void run_related(const RelatedOptions& o) {
  SearchRequest request;
  request.languages = o.reader.languages;
  if (!o.reader.audiences.empty()) request.audiences = o.reader.audiences;
  request.limit = o.limit;
  request.snippets = false;
  request.fallback = !o.no_fallback;
  Searcher searcher(o.reader.db);
  const RelatedArticles related = searcher.related(o.id, request);
  if (o.json) {
    std::cout << pretty_json(related_json(o.id, related).text()) << "\n";
    return;
  }
  std::cout << fmt::format("Related to {}:\n", printable(o.id));
  print_shard_notices(related.unavailable_shards, related.generations_differ);
  for (const Hit& hit : related.hits) {
    std::cout << fmt::format("{:>3}. {}  [{}]{}\n", hit.rank + 1, printable(hit.title), printable(hit.lang),
                             hit.fallback ? " (fallback)" : "");
  }
}

}  // namespace

void add_related_command(CLI::App& app) {
  auto o = std::make_shared<RelatedOptions>();
  CLI::App* cmd = app.add_subcommand("related", "Articles related to one article");
  add_reader_options(*cmd, o->reader);
  cmd->add_option("--id", o->id, "The article's id")->required();
  cmd->add_option("--limit", o->limit, "Articles (1-1000)")->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->add_flag("--no-fallback", o->no_fallback, "With --lang: no articles in the default language");
  cmd->callback([o] { run_related(*o); });
}

}  // namespace faqsearch::cli
