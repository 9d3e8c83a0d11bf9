// faqsearch sync: make an index hold exactly the articles of an export, for one source.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/cli_common.h"
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
  std::string format = "auto";
  std::vector<std::string> paths;
  std::string default_lang;
  std::string default_audience;
  bool dry_run = false;
  bool allow_empty = false;
  bool json = false;
  bool strict = false;
  bool quiet = false;
  std::string progress = "auto";
  bool follow_symlinks = false;
  std::vector<std::string> column_map;
  std::string encoding;
  std::size_t max_article_bytes = kDefaultMaxArticleBytes;
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

ImportOptions import_options_of(const SyncCommandOptions& o) {
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

/// Reads every path into the syncer; malformed records go to `report.problems`.
void read_export(const SyncCommandOptions& o, Syncer& syncer, ImportReport& report, ProgressMeter& meter) {
  const ImportOptions options = import_options_of(o);
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
    const ImportSummary summary = read_articles(
        path, options,
        [&](Article&& article, const SourceLocation& where) {
          try {
            syncer.add(std::move(article));
          } catch (const InvalidArgument& e) {
            report_problem({where, e.what()});
            return;
          }
          import_progress.record(where);
        },
        report_problem);
    for (std::size_t i = 0; i < summary.skipped; ++i) syncer.skip(SkipKind::kLeftOut, "draft (not published)");
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
  try {
    const IndexSettings settings = guard.new_index() ? IndexSettings{} : index_settings(target);
    IndexWriter writer = IndexWriter::open(target, OpenMode::kCreateOrOpen, settings);
    Syncer syncer(writer, {o.source, o.dry_run});
    ProgressMeter meter(parse_progress_style(o.progress, o.quiet || o.json), "sync", std::cerr);
    read_export(o, syncer, report, meter);
    refuse_emptying(o, syncer.summary());
    // The commit writes every change at once and reports no steps: the phase shows its time.
    meter.start_phase(o.dry_run ? "reporting" : "committing", 0, "changes");
    report.sync = syncer.commit();
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
  cmd->add_option("--format", options->format, "auto|jsonl|beir|markdown|csv|zendesk|html")
      ->check(CLI::IsMember({"auto", "jsonl", "beir", "markdown", "csv", "zendesk", "html"}));
  cmd->add_option("--lang", options->default_lang, "Language of records that have none");
  cmd->add_option("--audience", options->default_audience, "Audience of records that have none");
  cmd->add_flag("--dry-run", options->dry_run, "Compare and report; change nothing");
  cmd->add_flag("--json", options->json, "Print the summary as one JSON object");
  cmd->add_flag("--allow-empty", options->allow_empty,
                "Let an export without a single article remove all of the source's articles");
  cmd->add_flag("--strict", options->strict, "Fail on the first malformed record and change nothing");
  cmd->add_option("--max-article-bytes", options->max_article_bytes,
                  "Largest article (title and body as plain text); larger ones are reported and skipped (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--map", options->column_map,
                  "CSV: read column COLUMN as FIELD (id, lang, title, body, url, category, section, tags, "
                  "audience, updated_at; - ignores it), before the header aliases; repeatable")
      ->take_all()
      ->allow_extra_args(false);
  cmd->add_option("--encoding", options->encoding,
                  "CSV: the encoding of files that are not UTF-8 (e.g. windows-1250), instead of detecting it");
  cmd->add_flag("--follow-symlinks", options->follow_symlinks,
                "In directories, also read files behind symbolic links that lead outside the directory");
  cmd->add_flag("-q,--quiet", options->quiet, "No progress display");
  cmd->add_option("--progress", options->progress,
                  "auto (a bar on a terminal), bar, json (a JSON line a second on stderr, for job runners) or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}));
  cmd->add_option("paths", options->paths, "Files or directories of the export")->required()->check(CLI::ExistingPath);
  cmd->callback([options, &exit_code] { exit_code = run_sync(*options); });
}

}  // namespace faqsearch::cli
