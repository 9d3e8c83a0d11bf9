// faqsearch eval: relevance of faqsearch on a judged dataset in BEIR layout.
//
// Protocol (the one ../shared/data/eval/README.md uses for its baselines): per language L, only
// documents with lang == L are searched, only queries with lang == L are run, the top k are kept.
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "faqsearch/search.h"

namespace faqsearch::cli {
namespace {

namespace fs = std::filesystem;

struct EvalOptions {
  std::string dataset;
  std::string db;
  std::string lang;
  std::size_t k = 10;
  bool json = false;
  std::string run_file;
  bool detect_language = false;
};

struct JudgedQuery {
  std::string id;
  std::string text;
  std::string lang;
};

struct Totals {
  std::size_t queries = 0;
  double rr = 0, ndcg = 0, recall = 0, success = 0;
  void add(const Totals& o) {
    queries += o.queries;
    rr += o.rr;
    ndcg += o.ndcg;
    recall += o.recall;
    success += o.success;
  }
  [[nodiscard]] nlohmann::json to_json(std::size_t k) const {
    const double n = queries ? static_cast<double>(queries) : 1.0;
    auto round4 = [](double v) { return std::round(v * 10000.0) / 10000.0; };
    return {{"queries", queries},
            {fmt::format("mrr@{}", k), round4(rr / n)},
            {fmt::format("ndcg@{}", k), round4(ndcg / n)},
            {fmt::format("recall@{}", k), round4(recall / n)},
            {fmt::format("success@{}", k), round4(success / n)}};
  }
};

std::vector<JudgedQuery> read_queries(const fs::path& file, const std::string& only_lang) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read " + file.string());
  std::vector<JudgedQuery> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      const auto j = nlohmann::json::parse(repair_utf8(line));
      JudgedQuery q{j.at("_id").is_string() ? j.at("_id").get<std::string>() : j.at("_id").dump(),
                    j.at("text").get<std::string>(), canonical_language_tag(j.value("lang", "und"))};
      if (only_lang.empty() || q.lang == only_lang) out.push_back(std::move(q));
    } catch (const std::exception& e) {
      throw Error(fmt::format("{}:{}: {}", file.string(), n, e.what()));
    }
  }
  return out;
}

std::map<std::string, std::set<std::string>> read_qrels(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot read " + file.string());
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

std::size_t build_index(const fs::path& dataset, const fs::path& db, const std::string& only_lang) {
  const fs::path corpus = fs::exists(dataset / "corpus.jsonl") ? dataset / "corpus.jsonl" : dataset / "articles";
  if (!fs::exists(corpus)) throw Error("dataset " + dataset.string() + " has neither corpus.jsonl nor articles/");
  IndexWriter writer = IndexWriter::open(db, OpenMode::kCreate);
  std::size_t count = 0;
  read_articles(
      corpus, {},
      [&](Article&& a, const SourceLocation&) {
        if (!only_lang.empty() && canonical_language_tag(a.lang) != only_lang) return;
        writer.upsert(std::move(a));
        ++count;
        if (writer.pending() >= 5000) writer.commit();
      },
      [](const ImportProblem& p) { std::cerr << "faqsearch: eval: skipped: " << p.to_string() << "\n"; });
  writer.commit();
  return count;
}

void run_eval(const EvalOptions& o) {
  const fs::path dataset(o.dataset);
  const std::string only_lang = o.lang.empty() ? "" : canonical_language_tag(o.lang);
  std::string name = dataset.filename().string();
  if (name.empty()) name = dataset.parent_path().filename().string();

  std::optional<TemporaryDirectory> scratch;
  fs::path db = o.db;
  if (db.empty()) {
    scratch.emplace("faqsearch-eval-");
    db = scratch->path() / "index";
  }
  if (!fs::exists(db / "faqsearch-index.json")) build_index(dataset, db, only_lang);

  const auto queries = read_queries(dataset / "queries.jsonl", only_lang);
  const auto qrels = read_qrels(dataset / "qrels" / "test.tsv");
  std::ofstream run;
  if (!o.run_file.empty()) {
    run.open(o.run_file);
    if (!run) throw Error("cannot write run file " + o.run_file);
  }

  Searcher searcher(db);
  std::map<std::string, Totals> per_language;
  for (const JudgedQuery& q : queries) {
    const auto judged = qrels.find(q.id);
    if (judged == qrels.end() || judged->second.empty()) continue;  // BEIR: unjudged queries don't count
    SearchRequest request;
    request.query = q.text;
    // --detect-language: the query goes out without its language, as from a shopper whose
    // language the caller does not know; the searcher identifies it. Scores are still reported
    // under the declared language, so the two runs compare row by row.
    if (!o.detect_language) request.languages = {q.lang};
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
    per_language[q.lang].add(t);
  }

  Totals overall;
  for (const auto& [lang, t] : per_language) overall.add(t);
  if (o.json) {
    nlohmann::json out = {{"dataset", name}, {"k", o.k}, {"languages", nlohmann::json::object()}};
    for (const auto& [lang, t] : per_language) out["languages"][lang] = t.to_json(o.k);
    out["overall"] = overall.to_json(o.k);
    if (o.detect_language) out["detect_language"] = true;
    std::cout << out.dump() << "\n";
    return;
  }
  std::cout << fmt::format("dataset {} (k = {}{})\n{:<10} {:>7} {:>8} {:>8} {:>9} {:>10}\n", name, o.k,
                           o.detect_language ? ", query languages identified" : "", "lang", "queries",
                           "MRR", "nDCG", "Recall", "Success");
  auto row = [&](const std::string& label, const Totals& t) {
    const double n = t.queries ? static_cast<double>(t.queries) : 1.0;
    std::cout << fmt::format("{:<10} {:>7} {:>8.4f} {:>8.4f} {:>9.4f} {:>10.4f}\n", label, t.queries, t.rr / n,
                             t.ndcg / n, t.recall / n, t.success / n);
  };
  for (const auto& [lang, t] : per_language) row(lang, t);
  row("overall", overall);
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto o = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand("eval", "Score relevance on a judged dataset (BEIR layout)");
  cmd->add_option("--dataset", o->dataset, "Dataset directory: corpus.jsonl (or articles/), queries.jsonl, qrels/test.tsv")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--db", o->db, "Use (or build, if missing) this index instead of a temporary one");
  cmd->add_option("--lang", o->lang, "Only this language");
  cmd->add_option("--k", o->k, "Cut-off rank")->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", o->json, "JSON output");
  cmd->add_option("--run", o->run_file, "Write a TREC run file");
  cmd->add_flag("--detect-language", o->detect_language,
                "Search without the queries' languages (the searcher identifies them) to compare with "
                "the declared languages");
  cmd->callback([o] { run_eval(*o); });
}

}  // namespace faqsearch::cli
