// What `faqsearch eval` computes and how it was asked to: shared by the scoring
// (eval_command.cpp), the baselines (eval_baselines.cpp) and the table (eval_table.cpp).
#pragma once

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace faqsearch::cli {

/// The command line of `faqsearch eval`.
struct EvalOptions {
  std::vector<std::string> datasets;
  std::vector<std::string> all;
  std::string baselines;
  std::string floors_out;
  bool markdown = false;
  std::size_t jobs = 2;
  std::string db;
  std::string lang;
  std::size_t k = 10;
  bool json = false;
  std::string run_file;
  bool detect_language = false;
  bool no_word_pairs = false;
  bool no_synonyms = false;
  std::string progress = "auto";
};

// Scores are rounded to 4 decimals wherever they are shown or compared, so the table, the JSON
// and the floors all agree on the same figure.
inline double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

/// Sums of one cell's per-query scores.
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
  [[nodiscard]] double n() const { return queries ? static_cast<double>(queries) : 1.0; }
  [[nodiscard]] double mrr() const { return round4(rr / n()); }
  [[nodiscard]] double mean_ndcg() const { return round4(ndcg / n()); }
  [[nodiscard]] double mean_recall() const { return round4(recall / n()); }
  [[nodiscard]] double mean_success() const { return round4(success / n()); }
  [[nodiscard]] nlohmann::json to_json(std::size_t k) const {
    return {{"queries", queries},
            {fmt::format("mrr@{}", k), mrr()},
            {fmt::format("ndcg@{}", k), mean_ndcg()},
            {fmt::format("recall@{}", k), mean_recall()},
            {fmt::format("success@{}", k), mean_success()}};
  }
};

/// One dataset's scores, per language.
struct DatasetResult {
  std::string name;
  std::map<std::string, Totals> per_language;
  [[nodiscard]] Totals overall() const {
    Totals t;
    for (const auto& [lang, l] : per_language) t.add(l);
    return t;
  }
};

}  // namespace faqsearch::cli
