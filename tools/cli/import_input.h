// What `faqsearch index`, `faqsearch sync` and serve's sync route read: the import options the
// two commands share, and the loop that hands an export's articles to an index or a Syncer.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "faqsearch/cluster.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/sync.h"

namespace faqsearch::cli {

/// The import options as typed on the command line (index and sync take the same).
struct ImportCommandOptions {
  std::string format = "auto";
  std::string default_lang;
  std::string default_audience;
  bool follow_symlinks = false;
  std::vector<std::string> column_map;
  std::string encoding;
  std::size_t max_article_bytes = kDefaultMaxArticleBytes;
  bool quiet = false;
  std::string progress = "auto";
};

/// Adds --format, --lang, --audience, --max-article-bytes, --map, --encoding,
/// --follow-symlinks, -q/--quiet and --progress to `cmd`, bound to `options`, which must outlive
/// the command.
void add_import_options(CLI::App& cmd, ImportCommandOptions& options);

/// The ImportOptions `options` ask for. Throws InvalidArgument for a malformed language tag or
/// --map value.
[[nodiscard]] ImportOptions import_options_of(const ImportCommandOptions& options);

/// Reads `path` (read_articles) and hands every article to `add`; an article `add` refuses with
/// InvalidArgument (the index's own checks) goes to `on_problem` like a malformed record. With
/// `on_added`, learns where each article `add` took came from. Returns the importer's summary.
ImportSummary import_each(const std::filesystem::path& path, const ImportOptions& options,
                          const std::function<void(Article&&)>& add,
                          const std::function<void(const ImportProblem&)>& on_problem,
                          const std::function<void(const SourceLocation&)>& on_added = {});

/// `--shard K/N` and `--cluster-generation N` of a command writing one shard of a cluster
/// (`index`, `sync`; docs/cluster.md).
struct ShardCommandOptions {
  std::string shard;  ///< "K/N": only the articles of shard K of N (faqsearch/cluster.h); empty: all
  std::uint64_t cluster_generation = 0;  ///< 0: not given (IndexWriter::set_cluster_generation)

  /// The shard selector, if --shard was given. Throws InvalidArgument naming a malformed K/N.
  [[nodiscard]] std::optional<ShardSelector> selector() const;
  /// Stages --cluster-generation, if given, on whichever of `builder` and `writer` is not null.
  /// Throws InvalidArgument as IndexWriter::set_cluster_generation does.
  void stage_cluster_generation(IndexBuilder* builder, IndexWriter* writer) const;
};

/// Adds --shard and --cluster-generation to `cmd`; `what` names what the command writes ("this
/// run's commit", "this sync") in the help.
void add_shard_options(CLI::App& cmd, ShardCommandOptions& options, const std::string& what);

/// import_each() into `syncer`, the drafts the importer left out counted as such. With `shard`
/// (`sync --shard`), articles of other shards are left out as "another shard's": removed if this
/// shard held them (articles moved by a new shard count), never added.
void import_into(Syncer& syncer, const std::filesystem::path& path, const ImportOptions& options,
                 const std::function<void(const ImportProblem&)>& on_problem,
                 const std::function<void(const SourceLocation&)>& on_added = {},
                 const std::optional<ShardSelector>& shard = std::nullopt);

}  // namespace faqsearch::cli
