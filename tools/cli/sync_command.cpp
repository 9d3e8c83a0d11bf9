// faqsearch sync: make an index hold exactly the articles of an export, for one source.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/cli_common.h"
#include "cli/import_input.h"
#include "cli/import_report.h"
#include "cli/progress.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "faqsearch/sync.h"

namespace faqsearch::cli {
namespace {

namespace fs = std::filesystem;

struct SyncCommandOptions {
  std::string db;
  std::string source{kDefaultSource};
  std::vector<std::string> paths;
  ImportCommandOptions input;
  bool dry_run = false;
  bool allow_empty = false;
  bool json = false;
  bool strict = false;
  ShardCommandOptions sharding;
};

/// Puts a directory the run created back as it was when the run fails: a failed first sync (or
/// --strict meeting a malformed record) leaves no empty index behind.
class CreatedDirectoryGuard {
 public:
  explicit CreatedDirectoryGuard(fs::path dir) : dir_(std::move(dir)) {
    std::error_code ec;
    existed_ = fs::exists(dir_, ec);
    was_empty_ = !existed_ || fs::is_empty(dir_, ec);
  }
  /// Call when the run failed, once every writer on the directory is gone.
  void restore() const noexcept {
    std::error_code ec;
    if (!existed_) {
      fs::remove_all(dir_, ec);
    } else if (was_empty_) {
      for (const auto& entry : fs::directory_iterator(dir_, ec)) fs::remove_all(entry.path(), ec);
    }
  }
  [[nodiscard]] bool new_index() const { return was_empty_; }

 private:
  fs::path dir_;
  bool existed_ = false;
  bool was_empty_ = false;
};

/// Reads every path into the syncer (only `shard`'s articles, when given); malformed records go
/// to `report.problems`.
void read_export(const SyncCommandOptions& o, const std::optional<ShardSelector>& shard, Syncer& syncer,
                 ImportReport& report, ProgressMeter& meter) {
  const ImportOptions options = import_options_of(o.input);
  ImportProgress import_progress(meter, o.paths, "comparing");
  auto report_problem = [&](const ImportProblem& p) {
    if (o.strict) throw ImportError(p.to_string() + " (--strict: nothing was changed)");
    report.problems.push_back(p.to_string());
    syncer.skip(SkipKind::kMalformed, "malformed record (reported)");
    meter.clear_line();
    std::cerr << "faqsearch: skipped: " << printable(p.to_string()) << "\n";
    import_progress.record(p.where);
  };
  for (const auto& path : o.paths) {
    import_into(syncer, path, options, report_problem,
                [&](const SourceLocation& where) { import_progress.record(where); }, shard);
  }
  import_progress.done();
}

/// An export that yields no article at all is more often a wrong path or format than a help
/// center that deleted everything: emptying a source takes --allow-empty.
void refuse_emptying(const SyncCommandOptions& o, const SyncSummary& would) {
  const SyncCounts& t = would.total;
  if (o.allow_empty || t.added + t.updated + t.unchanged > 0 || t.removed == 0) return;
  throw InvalidArgument("the export holds no articles, so this sync would remove all " + std::to_string(t.removed) +
                        " articles of source '" + o.source + "'; check the paths and --format, or pass --allow-empty");
}

int run_sync(const SyncCommandOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  const std::optional<ShardSelector> shard =  // checked before anything is opened
      o.sharding.selector();
  ImportReport report;
  report.command = "sync";
  report.db = o.db;
  // A dry run of a sync into no index compares against an empty one, made aside.
  std::optional<TemporaryDirectory> aside;
  fs::path target = o.db;
  if (o.dry_run && index_state(o.db) == IndexState::kNone) {
    aside.emplace("faqsearch-sync-dry-run");
    target = aside->path() / "index";
  }
  const CreatedDirectoryGuard guard(target);
  // A first sync (no index yet, or a bulk build that died) has nothing to compare or remove: it
  // builds the index on IndexBuilder's bulk path, every core and all or nothing.
  const IndexState state = index_state(target);
  const bool first_build = !o.dry_run && (state == IndexState::kNone || state == IndexState::kInterruptedBuild);
  if (state == IndexState::kInterruptedBuild) std::cerr << "note: " << o.db << " holds an interrupted bulk build; building it again\n";
  try {
    std::optional<IndexBuilder> builder;
    std::optional<IndexWriter> writer;
    if (first_build) {
      builder.emplace(IndexBuilder::create(target));
    } else {
      const IndexSettings settings = guard.new_index() ? IndexSettings{} : index_settings(target);
      writer.emplace(IndexWriter::open(target, OpenMode::kCreateOrOpen, settings));
    }
    const SyncOptions sync_options{o.source, o.dry_run};
    Syncer syncer = builder ? Syncer(*builder, sync_options) : Syncer(*writer, sync_options);
    ProgressMeter meter(parse_progress_style(o.input.progress, o.input.quiet || o.json), "sync", std::cerr);
    // Checked now, committed with the sync's one batch.
    o.sharding.stage_cluster_generation(builder ? &*builder : nullptr, writer ? &*writer : nullptr);
    read_export(o, shard, syncer, report, meter);
    refuse_emptying(o, syncer.summary());
    report.sync = syncer.commit(build_progress_to(meter));
    meter.finish();
  } catch (...) {
    if (guard.new_index()) guard.restore();
    throw;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (o.json) {
    std::cout << report_to_json(report).dump() << "\n";
  } else {
    std::cout << report_to_text(report);
  }
  return report_exit_code(report);
}

}  // namespace

void add_sync_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SyncCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sync", "Make the index hold exactly the articles of an export: add and update what changed, remove what "
              "the export no longer has (only the articles of --source)");
  cmd->add_option("--db", options->db, "Index directory (created if missing)")->required();
  cmd->add_option("--source", options->source,
                  "Name of the export (default: 'default'): a sync removes only articles of its own source, so "
                  "several exports can share an index");
  add_import_options(*cmd, options->input);
  cmd->add_flag("--dry-run", options->dry_run, "Compare and report; change nothing");
  cmd->add_flag("--json", options->json, "Print the summary as one JSON object");
  cmd->add_flag("--allow-empty", options->allow_empty,
                "Let an export without a single article remove all of the source's articles");
  cmd->add_flag("--strict", options->strict, "Fail on the first malformed record and change nothing");
  add_shard_options(*cmd, options->sharding, "this sync");
  cmd->add_option("paths", options->paths, "Files or directories of the export")->required()->check(CLI::ExistingPath);
  cmd->callback([options, &exit_code] { exit_code = run_sync(*options); });
}

}  // namespace faqsearch::cli
