// faqsearch index: read help-center exports and add them to an index.
#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/import_input.h"
#include "cli/import_report.h"
#include "cli/progress.h"
#include "faqsearch/cluster.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"

namespace faqsearch::cli {
namespace {

struct IndexCommandOptions {
  std::string db;
  std::vector<std::string> paths;
  ImportCommandOptions input;
  std::string help_center_lang;
  std::string synonyms_file;
  std::string source{kDefaultSource};
  ShardCommandOptions sharding;
  bool json = false;
  bool strict = false;
  bool compact = false;
  bool no_compact = false;
  bool no_word_pairs = false;
  std::string weights;
  // Articles per commit (for a new index: buffered by IndexBuilder's workers together). Xapian buffers a batch's changes in memory (a map node per posting):
  // at 100k generated articles the indexer peaked at 256 MB with 2000, 218 MB with 1500, and
  // indexed faster with 1500 than with 2000 plus returning each commit's buffers to the OS
  // (635 against 600 docs/s). Smaller batches cost speed on a large index (1000: 571 docs/s).
  std::size_t batch_size = 1500;
};

/// `--weights title=5,tags=4,section=2,category=2`: the fields named change, the others keep
/// their value.
void apply_field_weights(std::string_view text, IndexSettings& settings) {
  const std::map<std::string, unsigned IndexSettings::*, std::less<>> fields{
      {"title", &IndexSettings::title_boost},
      {"tags", &IndexSettings::tags_weight},
      {"section", &IndexSettings::section_weight},
      {"category", &IndexSettings::category_weight}};
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(',', begin), text.size());
    const std::string_view item = text.substr(begin, end - begin);
    const std::size_t equals = item.find('=');
    const auto field = fields.find(item.substr(0, equals));
    unsigned value = 0;
    const std::string_view number = equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
    const auto [last, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (field == fields.end() || number.empty() || error != std::errc() || last != number.data() + number.size() ||
        value > 100 || (field->first == "title" && value == 0)) {
      throw InvalidArgument("--weights: \"" + std::string(item) +
                            "\" is not FIELD=N (fields: title 1-100, tags, section, category 0-100)");
    }
    settings.*(field->second) = value;
    begin = end + 1;
  }
}

int run_index(const IndexCommandOptions& o, ImportReport& report) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const ImportOptions import_options = import_options_of(o.input);
  // Read (and checked) before anything is written: a malformed file changes nothing.
  std::optional<std::vector<SynonymGroup>> synonyms;
  if (!o.synonyms_file.empty()) synonyms = read_synonyms_file(o.synonyms_file);
  if (o.paths.empty() && !synonyms) {
    throw InvalidArgument("faqsearch index: give files or directories to read, or --synonyms FILE");
  }

  // A bulk build into a new index is compacted by default (about half the size, faster queries);
  // updates to an existing index are not, unless asked.
  const IndexState state = index_state(o.db);
  // A bulk build that died is built again, in bulk: nothing of it was ever searchable.
  const bool rebuild = state == IndexState::kInterruptedBuild;
  if (rebuild) std::cerr << "note: " << o.db << " holds an interrupted bulk build; building it again\n";
  const bool new_index = state == IndexState::kNone || rebuild;
  const bool compact = rebuild || (!o.no_compact && (o.compact || new_index));
  // A new index is built by IndexBuilder: every core, compacted as its segments merge, and all or
  // nothing. An existing index (or --no-compact) is updated by IndexWriter in atomic batches.
  // An update keeps the settings the index was built with; asking for others fails (IndexMismatch
  // names the difference).
  IndexSettings settings = new_index ? IndexSettings{} : index_settings(o.db);
  if (o.no_word_pairs) settings.analysis.word_pairs = false;
  if (!o.help_center_lang.empty()) settings.default_language = known_language_tag(o.help_center_lang);
  if (!o.weights.empty()) apply_field_weights(o.weights, settings);
  std::optional<IndexBuilder> builder;
  std::optional<IndexWriter> writer;
  if (new_index && compact) {
    builder.emplace(IndexBuilder::create(o.db, settings, o.batch_size));
  } else {
    writer.emplace(IndexWriter::open(o.db, OpenMode::kCreateOrOpen, settings));
  }
  if (synonyms) {
    if (builder) builder->set_synonyms(*synonyms);
    else writer->set_synonyms(*synonyms);
  }
  const std::uint64_t cluster_generation = o.sharding.cluster_generation;
  if (writer && cluster_generation != 0 && cluster_generation < writer->cluster_generation()) {
    // Before reading anything: the number is staged with the run's last commit.
    throw InvalidArgument("--cluster-generation: must not be below the shard's " +
                          std::to_string(writer->cluster_generation()) + ", got " + std::to_string(cluster_generation));
  }
  auto add = [&](Article&& article) {
    if (builder) return builder->add(std::move(article), o.source);
    writer->upsert(std::move(article), o.source);
    // --strict makes the whole run one batch: all of it or nothing.
    if (!o.strict && writer->pending() >= o.batch_size) writer->commit();
  };
  ProgressMeter meter(parse_progress_style(o.input.progress, o.input.quiet || o.json), "index", std::cerr);
  ImportProgress import_progress(meter, o.paths, "reading");
  std::size_t indexed = 0, skipped = 0;

  auto report_problem = [&](const ImportProblem& p) {
    if (o.strict) {
      throw ImportError(p.to_string() + " (--strict: nothing from this run was indexed)");
    }
    report.problems.push_back(p.to_string());
    ++report.sync.skipped["malformed record (reported)"];
    ++report.sync.malformed;
    meter.clear_line();
    std::cerr << "faqsearch: skipped: " << printable(p.to_string()) << "\n";
    import_progress.record(p.where);
  };

  const std::optional<ShardSelector> shard =
      o.sharding.selector();
  const auto add_counted = [&](Article&& article) {
    if (shard && !shard->holds(article.id)) {
      ++report.sync.skipped["another shard's"];
      return;
    }
    const std::string lang = article.lang;
    add(std::move(article));
    ++report.sync.per_language[canonical_language_tag(lang)].added;
    ++report.sync.total.added;
    ++indexed;
  };
  for (const auto& path : o.paths) {
    skipped += import_each(path, import_options, add_counted, report_problem,
                           [&](const SourceLocation& where) { import_progress.record(where); })
                   .skipped;
  }
  import_progress.done();
  o.sharding.stage_cluster_generation(builder ? &*builder : nullptr, writer ? &*writer : nullptr);  // with the last commit
  if (builder) {
    builder->finish(build_progress_to(meter));
  } else {
    writer->commit(build_progress_to(meter));
    if (compact && indexed > 0) writer->compact(build_progress_to(meter));
  }
  meter.finish();

  if (skipped) report.sync.skipped["draft (not published)"] += skipped;
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  if (o.json) {
    nlohmann::json j = report_to_json(report);
    if (synonyms) j["synonym_groups"] = synonyms->size();
    std::cout << j.dump() << "\n";
    return report_exit_code(report);
  }
  std::cout << fmt::format("indexed {} articles into {} in {:.2f} s", indexed, printable(o.db), report.seconds);
  if (skipped) std::cout << fmt::format(", {} skipped (drafts)", skipped);
  if (const auto other = report.sync.skipped.find("another shard's"); other != report.sync.skipped.end()) {
    std::cout << fmt::format(", {} left to other shards", other->second);
  }
  if (!report.problems.empty()) std::cout << fmt::format(", {} malformed records reported above", report.problems.size());
  std::cout << "\n";
  if (synonyms) std::cout << fmt::format("set {} synonym groups from {}\n", synonyms->size(), o.synonyms_file);
  for (const auto& [lang, n] : report.sync.per_language) std::cout << fmt::format("  {:<10} {:>7}\n", lang, n.added);
  return report_exit_code(report);
}

/// Runs the command; a run that fails into a directory it created leaves no index behind (a
/// --strict run that met a malformed record changes nothing, not even by creating an empty index).
int run_index_command(const IndexCommandOptions& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool existed = fs::exists(o.db, ec);
  const bool was_empty = !existed || fs::is_empty(o.db, ec);
  ImportReport report;
  report.command = "index";
  report.db = o.db;
  report.sync.source = o.source;
  try {
    return run_index(o, report);
  } catch (...) {
    if (!existed) {
      fs::remove_all(o.db, ec);
    } else if (was_empty) {
      for (const auto& entry : fs::directory_iterator(o.db, ec)) fs::remove_all(entry.path(), ec);
    }
    throw;
  }
}

}  // namespace

void add_index_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IndexCommandOptions>();
  CLI::App* cmd = app.add_subcommand("index", "Add articles from help-center exports to an index");
  cmd->add_option("--db", options->db, "Index directory (created if missing)")->required();
  add_import_options(*cmd, options->input);
  cmd->add_option("--default-lang", options->help_center_lang,
                  "The help center's default language: searches in languages that lack an article show it "
                  "in this one (default: the language with the most articles)");
  cmd->add_option("--batch-size", options->batch_size, "Articles per atomic commit")->check(CLI::Range(1, 1000000));
  cmd->add_flag("--strict", options->strict,
                "Fail on the first malformed record and index nothing (a new index directory is not left behind)");
  cmd->add_flag("--compact", options->compact,
                "Compact the index afterwards (smaller, faster); the default for a new index");
  cmd->add_flag("--no-compact", options->no_compact, "Do not compact, even a new index");
  cmd->add_flag("--no-word-pairs", options->no_word_pairs,
                "Index no word pairs: about 4% smaller and 4% less indexing CPU, for lower relevance "
                "(a new index only; an update keeps the index's setting)");
  cmd->add_option("--synonyms", options->synonyms_file,
                  "Replace the index's synonyms with this file's ([lang] lines, then 'a, b, c' or 'a => b, c' "
                  "per line); no articles needed, no reindexing")
      ->check(CLI::ExistingFile);
  cmd->add_option("--weights", options->weights,
                  "Field weights of a new index, relative to the body's 1: title=5,tags=4,section=2,category=2");
  cmd->add_option("paths", options->paths, "Files or directories to read (optional with --synonyms)")
      ->check(CLI::ExistingPath);
  cmd->add_option("--source", options->source,
                  "Name of the export these articles belong to, as `faqsearch sync --source` names it (default: "
                  "'default')");
  add_shard_options(*cmd, options->sharding, "this run's last commit (with --strict, the whole run)");
  cmd->add_flag("--json", options->json, "Print the summary as one JSON object (as `faqsearch sync --json`)");
  cmd->callback([options, &exit_code] { exit_code = run_index_command(*options); });
}

}  // namespace faqsearch::cli
