// faqsearch stats: what an index holds.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/results_json.h"
#include "faqsearch/index.h"

namespace faqsearch::cli {

void add_stats_command(CLI::App& app) {
  struct Options {
    std::string db;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("stats", "Articles per language, terms, size, versions of an index");
  cmd->add_option("--db", options->db, "Index directory")->required();
  cmd->add_flag("--json", options->json, "JSON output");
  cmd->callback([options] {
    const IndexStats s = index_stats(options->db);
    if (options->json) {
      const nlohmann::json out = stats_to_json(s);
      std::cout << out.dump(2) << "\n";
      return;
    }
    std::cout << fmt::format("index            {}\n", printable(options->db));
    std::cout << fmt::format("articles         {}\n", s.articles);
    for (const auto& [lang, n] : s.per_language) std::cout << fmt::format("  {:<14} {:>8}\n", printable(lang), n);
    std::cout << "audiences\n";
    for (const auto& [aud, n] : s.per_audience) std::cout << fmt::format("  {:<14} {:>8}\n", printable(aud), n);
    std::cout << fmt::format("distinct terms   {}\n", s.distinct_terms);
    std::cout << fmt::format("size on disk     {:.1f} MiB ({} bytes)\n", static_cast<double>(s.bytes_on_disk) / 1048576.0,
                             s.bytes_on_disk);
    std::cout << fmt::format("schema version   {}\nanalysis version {}\ntitle boost      {}\nword pairs       {}\n",
                             s.schema_version, s.analysis_version, s.settings.title_boost,
                             s.settings.analysis.word_pairs ? "on" : "off");
  });
}

}  // namespace faqsearch::cli
