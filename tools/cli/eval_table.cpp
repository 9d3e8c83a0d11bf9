#include "cli/eval_table.h"

#include <fstream>
#include <iostream>

#include "cli/cli_common.h"
#include "faqsearch/error.h"

namespace faqsearch::cli {

namespace {

// A floor is today's MRR rounded down to 0.005: the scores are deterministic, the slack absorbs
// float noise across machines and compilers. The epsilon keeps a score that is exactly on a step
// (0.83 read as 0.82999...) on that step.
double floor_of(double mrr) { return std::floor(mrr * 200.0 + 1e-6) / 200.0; }

std::string signed3(double v) { return fmt::format("{:+.3f}", v); }

// Our MRR minus the baseline's, at the baseline's precision: the README gives 3 decimals, so
// 0.9448 against .945 is a tie, not a loss.
double difference(const Totals& t, const Baseline& b) { return std::round((t.mrr() - b.mrr) * 1000.0) / 1000.0; }

}  // namespace

void write_floors(const std::vector<DatasetResult>& results, const std::string& file) {
  std::ofstream out(file, std::ios::binary);
  if (!out) throw Error("cannot write floors " + file);
  out << "# Relevance floors asserted by tests/relevance_test.cpp: MRR@10 of every (set, lang) cell,\n"
         "# today's score rounded down to 0.005. Generated, do not edit by hand; regenerate with\n"
         "#   tools/run eval --floors-out tests/relevance_floors.tsv\n"
         "set\tlang\tmrr@10\n";
  for (const DatasetResult& r : results) {
    for (const auto& [lang, t] : r.per_language) out << fmt::format("{}\t{}\t{:.3f}\n", r.name, lang, floor_of(t.mrr()));
  }
  if (!out.flush()) throw Error("cannot write floors " + file);
}

void print_table(const std::vector<DatasetResult>& results, const std::map<CellKey, Baseline>& baselines,
                 const std::vector<std::filesystem::path>& baselines_files, const EvalOptions& o) {
  struct Row {
    std::string set, lang;
    Totals t;
    const Baseline* best = nullptr;
  };
  std::vector<Row> rows;
  std::size_t compared = 0, ahead = 0;
  for (const DatasetResult& r : results) {
    for (const auto& [lang, t] : r.per_language) {
      const auto b = baselines.find({r.name, lang});
      rows.push_back({r.name, lang, t, b == baselines.end() ? nullptr : &b->second});
      if (rows.back().best) {
        ++compared;
        if (difference(t, *rows.back().best) > 0) ++ahead;
      }
    }
  }

  if (o.json) {
    nlohmann::json cells = nlohmann::json::array();
    for (const Row& row : rows) {
      nlohmann::json c = {{"set", row.set}, {"lang", row.lang}};
      c.update(row.t.to_json(o.k));
      if (row.best) {
        nlohmann::json b = {{"system", row.best->system}, {"mrr@10", row.best->mrr}};
        if (row.best->recall) b["recall@10"] = *row.best->recall;
        if (row.best->success) b["success@10"] = *row.best->success;
        c["best_baseline"] = b;
        c["mrr_difference"] = difference(row.t, *row.best);
      }
      cells.push_back(std::move(c));
    }
    nlohmann::json out = {{"k", o.k}, {"cells", cells}, {"compared", compared}, {"ahead_of_best_baseline", ahead}};
    if (!baselines_files.empty()) {
      // One file: a string, as before there could be several; several: an array.
      if (baselines_files.size() == 1) {
        out["baselines"] = baselines_files.front().string();
      } else {
        nlohmann::json files = nlohmann::json::array();
        for (const std::filesystem::path& file : baselines_files) files.push_back(file.string());
        out["baselines"] = files;
      }
    }
    if (o.detect_language) out["detect_language"] = true;
    std::cout << out.dump() << "\n";
    return;
  }

  const std::string mrr = fmt::format("MRR@{}", o.k), ndcg = fmt::format("nDCG@{}", o.k), rec = fmt::format("Recall@{}", o.k);
  if (o.markdown) {
    std::cout << fmt::format("| set | lang | queries | {} | {} | {} | best baseline (MRR/R@10) | Δ MRR |\n", mrr, ndcg, rec)
              << "|---|---|---:|---:|---:|---:|---|---:|\n";
    for (const Row& row : rows) {
      std::cout << fmt::format("| {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {} | {} |\n", printable(row.set), row.lang, row.t.queries,
                               row.t.mrr(), row.t.mean_ndcg(), row.t.mean_recall(), row.best ? row.best->figure() : "",
                               row.best ? signed3(difference(row.t, *row.best)) : "");
    }
  } else {
    std::cout << fmt::format("{:<10} {:<8} {:>7} {:>7} {:>7} {:>9}  {:<24} {:>7}\n", "set", "lang", "queries", mrr, ndcg, rec,
                             "best baseline", "ΔMRR");
    for (const Row& row : rows) {
      std::cout << fmt::format("{:<10} {:<8} {:>7} {:>7.3f} {:>7.3f} {:>9.3f}  {:<24} {:>7}\n", printable(row.set), row.lang,
                               row.t.queries, row.t.mrr(), row.t.mean_ndcg(), row.t.mean_recall(),
                               row.best ? row.best->figure() : "-", row.best ? signed3(difference(row.t, *row.best)) : "");
    }
  }
  if (compared > 0) {
    std::cout << fmt::format("\n{} of {} cells ahead of their best baseline on {}{}\n", ahead, compared, mrr,
                             o.detect_language ? " (query languages identified)" : "");
  }
}

}  // namespace faqsearch::cli
