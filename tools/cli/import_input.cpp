#include "cli/import_input.h"

#include <limits>
#include <utility>

#include "cli/import_report.h"
#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch::cli {

void add_import_options(CLI::App& cmd, ImportCommandOptions& o) {
  cmd.add_option("--format", o.format, "auto|jsonl|beir|markdown|csv|zendesk|html")
      ->check(CLI::IsMember({"auto", "jsonl", "beir", "markdown", "csv", "zendesk", "html"}));
  cmd.add_option("--lang", o.default_lang, "Language of records that have none");
  cmd.add_option("--audience", o.default_audience, "Audience of records that have none");
  cmd.add_option("--max-article-bytes", o.max_article_bytes,
                 "Largest article (title and body as plain text) read; larger ones are reported and skipped "
                 "(0: no limit)")
      ->capture_default_str();
  cmd.add_option("--map", o.column_map,
                 "CSV: read column COLUMN as FIELD (id, lang, title, body, url, category, section, tags, "
                 "audience, updated_at; - ignores it), before the header aliases; repeatable")
      ->take_all()
      ->allow_extra_args(false);
  cmd.add_option("--encoding", o.encoding,
                 "CSV: the encoding of files that are not UTF-8 (e.g. windows-1250), instead of detecting it");
  cmd.add_flag("--follow-symlinks", o.follow_symlinks,
               "In directories, also read files behind symbolic links that lead outside the directory");
  cmd.add_flag("-q,--quiet", o.quiet, "No progress display");
  cmd.add_option("--progress", o.progress,
                 "auto (a bar on a terminal), bar, json (a JSON line a second on stderr, for job runners) or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}));
}

ImportOptions import_options_of(const ImportCommandOptions& o) {
  ImportOptions options;
  options.format = parse_format(o.format);
  if (!o.default_lang.empty()) options.default_lang = canonical_language_tag(o.default_lang);
  options.default_audience = o.default_audience;
  options.follow_symlinks = o.follow_symlinks;
  options.max_article_bytes = o.max_article_bytes;
  options.csv_columns = parse_column_mappings(o.column_map);
  options.encoding = o.encoding;
  return options;
}

ImportSummary import_each(const std::filesystem::path& path, const ImportOptions& options,
                          const std::function<void(Article&&)>& add,
                          const std::function<void(const ImportProblem&)>& on_problem,
                          const std::function<void(const SourceLocation&)>& on_added) {
  return read_articles(
      path, options,
      [&](Article&& article, const SourceLocation& where) {
        try {
          add(std::move(article));
        } catch (const InvalidArgument& e) {
          on_problem({where, e.what()});
          return;
        }
        if (on_added) on_added(where);
      },
      on_problem);
}

std::optional<ShardSelector> ShardCommandOptions::selector() const {
  return shard.empty() ? std::nullopt : std::optional<ShardSelector>(parse_shard_selector(shard));
}

void ShardCommandOptions::stage_cluster_generation(IndexBuilder* builder, IndexWriter* writer) const {
  if (cluster_generation == 0) return;
  if (builder != nullptr) builder->set_cluster_generation(cluster_generation);
  if (writer != nullptr) writer->set_cluster_generation(cluster_generation);
}

void add_shard_options(CLI::App& cmd, ShardCommandOptions& options, const std::string& what) {
  cmd.add_option("--shard", options.shard,
                 "K/N: only the articles of shard K (from 0) of N, by a stable hash of their id, for a sharded "
                 "index searched through a cluster file (docs/cluster.md); the others are left out");
  cmd.add_option("--cluster-generation", options.cluster_generation,
                 "N: " + what + " is the shard's part of cluster-wide batch N (the same on every shard, higher "
                 "than the last); searches over the cluster flag results while shards differ (docs/cluster.md)")
      ->check(CLI::Range(std::uint64_t{1}, std::numeric_limits<std::uint64_t>::max()));
}

void import_into(Syncer& syncer, const std::filesystem::path& path, const ImportOptions& options,
                 const std::function<void(const ImportProblem&)>& on_problem,
                 const std::function<void(const SourceLocation&)>& on_added, const std::optional<ShardSelector>& shard) {
  const auto add = [&](Article&& article) {
    if (shard && !shard->holds(article.id)) return syncer.skip(SkipKind::kLeftOut, "another shard's");
    syncer.add(std::move(article));
  };
  const ImportSummary summary = import_each(path, options, add, on_problem, on_added);
  for (std::size_t i = 0; i < summary.skipped; ++i) syncer.skip(SkipKind::kLeftOut, "draft (not published)");
}

}  // namespace faqsearch::cli
