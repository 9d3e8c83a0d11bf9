// faqsearch eval: relevance of faqsearch on judged datasets in BEIR layout.
//
// Protocol (the one ../shared/data/eval/README.md uses for its baselines): per language L, only
// documents with lang == L are searched, only queries with lang == L are run, the top k are kept.
//
// Two modes. `--dataset DIR` scores one set and prints its languages. `--all DIR` (plus any
// `--dataset`) scores every set and prints one table, one row per (set, language) cell, next to
// the best baseline of that cell parsed from the sets' README at run time (the README is the
// source of the baselines; a copy in the repository would drift). `--floors-out FILE` writes
// the same cells as the floor table tests/relevance_test.cpp asserts, so the floors are
// regenerated in one command after a ranking change.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "cli/eval_baselines.h"
#include "cli/eval_results.h"
#include "cli/eval_table.h"
#include "cli/progress.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "faqsearch/search.h"

namespace faqsearch::cli {
namespace {

namespace fs = std::filesystem;

struct JudgedQuery {
  std::string id;
  std::string text;
  std::string lang;
};

std::string dataset_name(const fs::path& dataset) {
  std::string name = dataset.filename().string();
  return name.empty() ? dataset.parent_path().filename().string() : name;
}

/// The language of a query that has no `lang`: --lang when given; else the corpus's language
/// when it has one; else the one of the corpus's languages identified from the text. Queries
/// are short, so the guess is only taken among the languages there are documents in.
std::string query_language(const std::string& text, const std::string& only_lang,
                           const std::vector<std::string>& corpus_languages) {
  if (!only_lang.empty()) return only_lang;
  if (corpus_languages.size() == 1) return corpus_languages.front();
  return identify_language(text, corpus_languages).tag;
}

std::vector<JudgedQuery> read_queries(const fs::path& file, const std::string& only_lang,
                                      const std::vector<std::string>& corpus_languages) {
  std::istringstream in(read_input_text(file));
  std::vector<JudgedQuery> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = parse_json_line(line, file.string(), n);
    try {
      JudgedQuery q{j.at("_id").is_string() ? j.at("_id").get<std::string>() : j.at("_id").dump(),
                    j.at("text").get<std::string>(), ""};
      q.lang = j.contains("lang") ? canonical_language_tag(j.at("lang").get<std::string>())
                                  : query_language(q.text, only_lang, corpus_languages);
      if (q.lang.empty()) {
        throw InvalidArgument("lang: the query has no lang field and its language could not be identified among "
                              "the corpus's languages; give --lang");
      }
      if (only_lang.empty() || q.lang == only_lang) out.push_back(std::move(q));
    } catch (const std::exception& e) {
      throw Error(fmt::format("{}:{}: {}", file.string(), n, e.what()));
    }
  }
  return out;
}

std::map<std::string, std::set<std::string>> read_qrels(const fs::path& file) {
  std::istringstream in(read_input_text(file));
  std::map<std::string, std::set<std::string>> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (n == 1 && line.rfind("query-id", 0) == 0)) continue;
    const auto tab1 = line.find('\t');
    const auto tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos) throw Error(fmt::format("{}:{}: expected query-id<TAB>corpus-id<TAB>score", file.string(), n));
    const double score = std::atof(line.c_str() + tab2 + 1);
    if (score > 0) out[line.substr(0, tab1)].insert(line.substr(tab1 + 1, tab2 - tab1 - 1));
  }
  return out;
}

std::size_t build_index(const fs::path& dataset, const fs::path& db, const std::string& only_lang,
                        const IndexSettings& settings, bool synonyms, ProgressMeter* meter) {
  const fs::path corpus = fs::exists(dataset / "corpus.jsonl") ? dataset / "corpus.jsonl" : dataset / "articles";
  if (!fs::exists(corpus)) throw Error("dataset " + dataset.string() + " has neither corpus.jsonl nor articles/");
  IndexWriter writer = IndexWriter::open(db, OpenMode::kCreate, settings);
  // A help center's own synonyms (corpus/synonyms.txt) are part of it, as its articles are.
  if (synonyms && fs::exists(dataset / "synonyms.txt")) writer.set_synonyms(read_synonyms_file(dataset / "synonyms.txt"));
  std::size_t count = 0;
  // A corpus without lang fields (plain BEIR) takes --lang; without it, each document's language
  // is identified (read_articles()).
  ImportOptions import_options;
  import_options.default_lang = only_lang;
  ProgressMeter off(ProgressStyle::kOff, "eval", std::cerr);
  ImportProgress progress(meter != nullptr ? *meter : off, {corpus.string()}, "indexing");
  read_articles(
      corpus, import_options,
      [&](Article&& a, const SourceLocation& where) {
        progress.record(where);
        if (!only_lang.empty() && canonical_language_tag(a.lang) != only_lang) return;
        writer.upsert(std::move(a));
        ++count;
        if (writer.pending() >= 5000) writer.commit();
      },
      [&](const ImportProblem& p) {
        if (meter != nullptr) meter->clear_line();
        std::cerr << "faqsearch: eval: skipped: " << printable(p.to_string()) << "\n";
      });
  progress.done();
  if (meter != nullptr) {
    writer.commit(build_progress_to(*meter));
  } else {
    writer.commit();
  }
  return count;
}

// Scores one dataset. Thread-safe for distinct datasets (everything it opens is its own).
DatasetResult evaluate_dataset(const fs::path& dataset, const EvalOptions& o, ProgressMeter* meter = nullptr) {
  const std::string only_lang = o.lang.empty() ? "" : canonical_language_tag(o.lang);
  DatasetResult result{dataset_name(dataset), {}};

  std::optional<TemporaryDirectory> scratch;
  fs::path db = o.db;
  if (db.empty()) {
    scratch.emplace("faqsearch-eval-");
    db = scratch->path() / "index";
  }
  if (!fs::exists(db / "faqsearch-index.json")) {
    IndexSettings settings;
    settings.analysis.word_pairs = !o.no_word_pairs;
    build_index(dataset, db, only_lang, settings, !o.no_synonyms, meter);
  }
  std::vector<std::string> corpus_languages;
  for (const auto& [lang, count] : index_stats(db).per_language) corpus_languages.push_back(lang);

  const auto queries = read_queries(dataset / "queries.jsonl", only_lang, corpus_languages);
  const auto qrels = read_qrels(dataset / "qrels" / "test.tsv");
  std::ofstream run;
  if (!o.run_file.empty()) {
    run.open(o.run_file);
    if (!run) throw Error("cannot write run file " + o.run_file);
  }

  Searcher searcher(db);
  if (meter != nullptr) meter->start_phase("searching", queries.size(), "queries");
  std::size_t searched = 0;
  for (const JudgedQuery& q : queries) {
    if (meter != nullptr) meter->update(searched++);
    const auto judged = qrels.find(q.id);
    if (judged == qrels.end() || judged->second.empty()) continue;  // BEIR: unjudged queries don't count
    SearchRequest request;
    request.query = q.text;
    // --detect-language: the query goes out without its language, as from a shopper whose
    // language the caller does not know; the searcher identifies it. Scores are still reported
    // under the declared language, so the two runs compare row by row.
    if (!o.detect_language) request.languages = {q.lang};
    // The protocol searches the documents of the query's language only: a set's other languages
    // are other documents, not translations to fall back on.
    request.fallback = false;
    request.limit = o.k;
    request.snippets = false;
    const SearchResults results = searcher.search(request);
    Totals t;
    t.queries = 1;
    double dcg = 0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < results.hits.size(); ++i) {
      const Hit& hit = results.hits[i];
      if (run) run << fmt::format("{} Q0 {} {} {:.6f} faqsearch\n", q.id, hit.id, i + 1, hit.score);
      // Translations share their id: without a declared language, a hit in another language than
      // the query's is a wrong answer, not a second copy of the right one.
      if (!judged->second.count(hit.id) || (o.detect_language && hit.lang != q.lang)) continue;
      if (found == 0) t.rr = 1.0 / static_cast<double>(i + 1);
      ++found;
      dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    }
    double ideal = 0;
    for (std::size_t i = 0; i < std::min(o.k, judged->second.size()); ++i) ideal += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    t.ndcg = ideal > 0 ? dcg / ideal : 0;
    t.recall = static_cast<double>(found) / static_cast<double>(judged->second.size());
    t.success = found > 0 ? 1 : 0;
    result.per_language[q.lang].add(t);
  }
  return result;
}

void print_dataset(const DatasetResult& r, const EvalOptions& o) {
  const Totals overall = r.overall();
  if (o.json) {
    nlohmann::json out = {{"dataset", r.name}, {"k", o.k}, {"languages", nlohmann::json::object()}};
    for (const auto& [lang, t] : r.per_language) out["languages"][lang] = t.to_json(o.k);
    out["overall"] = overall.to_json(o.k);
    if (o.detect_language) out["detect_language"] = true;
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << fmt::format("dataset {} (k = {}{})\n{:<10} {:>7} {:>8} {:>8} {:>9} {:>10}\n", printable(r.name), o.k,
                           o.detect_language ? ", query languages identified" : "", "lang", "queries",
                           "MRR", "nDCG", "Recall", "Success");
  auto row = [&](const std::string& label, const Totals& t) {
    std::cout << fmt::format("{:<10} {:>7} {:>8.4f} {:>8.4f} {:>9.4f} {:>10.4f}\n", label, t.queries, t.rr / t.n(),
                             t.ndcg / t.n(), t.recall / t.n(), t.success / t.n());
  };
  for (const auto& [lang, t] : r.per_language) row(lang, t);
  row("overall", overall);
}

// ---- --all: every set, one table ----

std::vector<fs::path> datasets_to_score(const EvalOptions& o) {
  std::vector<fs::path> out;
  for (const std::string& dir : o.all) {
    std::vector<fs::path> sets;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_directory() && fs::exists(entry.path() / "queries.jsonl")) sets.push_back(entry.path());
    }
    if (sets.empty()) throw Error("no dataset (a directory with queries.jsonl) under " + dir);
    std::sort(sets.begin(), sets.end());
    out.insert(out.end(), sets.begin(), sets.end());
  }
  for (const std::string& d : o.datasets) out.emplace_back(d);
  std::set<std::string> names;
  for (const fs::path& d : out) {
    if (!names.insert(dataset_name(d)).second) throw InvalidArgument("two datasets are named " + dataset_name(d));
  }
  return out;
}

std::uintmax_t dataset_size(const fs::path& dataset) {
  std::uintmax_t size = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dataset, ec)) {
    if (entry.is_regular_file(ec)) size += entry.file_size(ec);
  }
  return size;
}

// Scores the datasets on `jobs` threads, one dataset per task, largest first so that the big sets
// do not end up last on one thread. Results come back in the order of `datasets`.
std::vector<DatasetResult> evaluate_all(const std::vector<fs::path>& datasets, const EvalOptions& o) {
  std::vector<std::size_t> order(datasets.size());
  std::vector<std::uintmax_t> sizes;
  for (std::size_t i = 0; i < datasets.size(); ++i) {
    order[i] = i;
    sizes.push_back(dataset_size(datasets[i]));
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });

  std::vector<DatasetResult> results(datasets.size());
  std::vector<std::exception_ptr> errors(datasets.size());
  std::atomic<std::size_t> next{0};
  // Counted in the sets' sizes, since their time grows with their size: an ETA by number of sets
  // would be off by the spread of their sizes.
  ProgressMeter meter(parse_progress_style(o.progress, false), "eval", std::cerr);
  std::mutex meter_mutex;
  std::uintmax_t total_kib = 0, done_kib = 0;
  for (const std::uintmax_t size : sizes) total_kib += size / 1024;
  meter.start_phase("scoring sets", total_kib, "KiB");
  auto worker = [&] {
    for (std::size_t n; (n = next.fetch_add(1)) < order.size();) {
      const std::size_t i = order[n];
      const auto start = std::chrono::steady_clock::now();
      try {
        results[i] = evaluate_dataset(datasets[i], o);
      } catch (...) {
        errors[i] = std::current_exception();
      }
      const std::lock_guard<std::mutex> lock(meter_mutex);
      if (meter.style() == ProgressStyle::kBar) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        meter.clear_line();
        std::cerr << fmt::format("faqsearch: eval: {} ({:.1f} s)\n", printable(dataset_name(datasets[i])), took.count());
      }
      done_kib += sizes[i] / 1024;
      meter.update(done_kib);
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < std::max<std::size_t>(1, std::min(o.jobs, datasets.size())); ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();
  meter.finish();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  return results;
}

void run_eval_all(const EvalOptions& o) {
  if (!o.floors_out.empty() && (o.k != 10 || !o.lang.empty() || o.detect_language || o.no_word_pairs || o.no_synonyms)) {
    throw InvalidArgument(
        "--floors-out records the default protocol: no --k, --lang, --detect-language, --no-word-pairs or "
        "--no-synonyms");
  }
  const auto datasets = datasets_to_score(o);

  // The baselines: --baselines, else the README beside each --all directory's sets (each
  // directory's README gives the baselines of its own sets).
  std::map<CellKey, Baseline> baselines;
  std::vector<fs::path> baselines_files;
  if (!o.baselines.empty()) {
    baselines_files.emplace_back(o.baselines);
  } else {
    for (const std::string& dir : o.all) {
      if (fs::exists(fs::path(dir) / "README.md")) baselines_files.push_back(fs::path(dir) / "README.md");
    }
  }
  for (const fs::path& file : baselines_files) baselines.merge(read_baselines(file));

  const std::vector<DatasetResult> results = evaluate_all(datasets, o);
  if (!o.floors_out.empty()) write_floors(results, o.floors_out);
  print_table(results, baselines, baselines_files, o);
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Score relevance on judged datasets (BEIR layout)");
  cmd->add_option("--dataset", o->datasets,
                  "Dataset directory: corpus.jsonl (or articles/), queries.jsonl, qrels/test.tsv, optionally "
                  "synonyms.txt. Alone: its "
                  "languages; with --all, one more set in the table")
      ->check(CLI::ExistingDirectory)
      ->take_all();
  cmd->add_option("--all", o->all,
                  "Score every set under this directory (each subdirectory with queries.jsonl) in one table, "
                  "with the best baseline per cell; may be repeated")
      ->check(CLI::ExistingDirectory)
      ->take_all();
  cmd->add_option("--baselines", o->baselines,
                  "Markdown file with the '| set | lang | SYSTEM... |' baselines table (default: README.md "
                  "in each --all directory)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--markdown", o->markdown, "With --all: a Markdown table");
  cmd->add_option("--floors-out", o->floors_out,
                  "With --all: also write the per-(set, lang) MRR@10 floors, rounded down to 0.005 (tests/relevance_floors.tsv)");
  cmd->add_option("--jobs", o->jobs, "With --all: sets scored in parallel")->check(CLI::Range(1, 64));
  cmd->add_option("--db", o->db, "Use (or build, if missing) this index instead of a temporary one");
  cmd->add_option("--lang", o->lang, "Only this language");
  cmd->add_option("--k", o->k, "Cut-off rank")->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->add_option("--progress", o->progress,
                  "auto (a bar on a terminal), bar, json (a JSON line a second on stderr, for job runners) or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}));
  cmd->add_option("--run", o->run_file, "Write a TREC run file");
  cmd->add_flag("--detect-language", o->detect_language,
                "Search without the queries' languages (the searcher identifies them) to compare with "
                "the declared languages");
  cmd->add_flag("--no-synonyms", o->no_synonyms,
                "Build the indexes without the datasets' synonyms (synonyms.txt beside queries.jsonl), to weigh "
                "what they give");
  cmd->add_flag("--no-word-pairs", o->no_word_pairs,
                "Build the indexes without word pairs (faqsearch index --no-word-pairs), to weigh what they give");
  cmd->callback([o] {
    const bool table = !o->all.empty();
    if (!table) {
      if (o->datasets.size() != 1) throw InvalidArgument("give one --dataset, or --all DIR for a table of several sets");
      if (o->markdown || !o->floors_out.empty() || !o->baselines.empty()) {
        throw InvalidArgument("--markdown, --floors-out and --baselines need --all");
      }
      ProgressMeter meter(parse_progress_style(o->progress, false), "eval", std::cerr);
      const DatasetResult result = evaluate_dataset(o->datasets.front(), *o, &meter);
      meter.finish();
      print_dataset(result, *o);
      return;
    }
    if (!o->db.empty() || !o->run_file.empty()) throw InvalidArgument("--db and --run score one --dataset, not --all");
    run_eval_all(*o);
  });
}

}  // namespace faqsearch::cli
