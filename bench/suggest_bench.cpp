// faqsearch_suggest_bench: search-box suggestions (Searcher::suggest) timed in process over an
// index already built, for the p99 ≤ 1 ms goal of issue #20 and for comparing two builds on the
// same articles. The queries (JSON lines with "lang" and "text", as faqsearch_gen_corpus and the
// peer bench write them) are cut as a shopper types them (typed_so_far.h) and suggested in their
// language, pass after pass; the first pass fills the per-generation caches and is reported apart.
//
//   faqsearch_suggest_bench --db DIR --queries FILE [--passes 3] [--completions 5] [--titles 5]
//
// Prints, per pass, p50, p99 and the slowest call in µs, then the slowest texts of the last pass.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/faqsearch.h"
#include "measurements.h"
#include "typed_so_far.h"

namespace {

struct Options {
  std::string db, queries;
  int passes = 3;
  std::size_t completions = 5, titles = 5;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--db") o.db = value;
    else if (flag == "--queries") o.queries = value;
    else if (flag == "--passes") o.passes = std::max(1, std::atoi(value));
    else if (flag == "--completions") o.completions = std::strtoul(value, nullptr, 10);
    else if (flag == "--titles") o.titles = std::strtoul(value, nullptr, 10);
    else throw std::runtime_error("unknown option " + flag);
  }
  if (o.db.empty() || o.queries.empty()) throw std::runtime_error("--db and --queries are required");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse(argc, argv);
    std::vector<faqsearch::SuggestRequest> requests;
    std::ifstream in(o.queries);
    if (!in) throw std::runtime_error("cannot read " + o.queries);
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const nlohmann::json q = nlohmann::json::parse(line);
      faqsearch::SuggestRequest r;
      r.text = faqsearch::bench::typed_so_far(q.at("text").get<std::string>());
      r.languages = {q.at("lang").get<std::string>()};
      r.completions = o.completions;
      r.titles = o.titles;
      requests.push_back(std::move(r));
    }
    if (requests.empty()) throw std::runtime_error("no queries in " + o.queries);
    faqsearch::Searcher searcher(o.db);
    std::vector<std::pair<double, std::size_t>> slowest;
    for (int pass = 0; pass < o.passes; ++pass) {
      std::vector<double> us;
      slowest.clear();
      for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto start = std::chrono::steady_clock::now();
        (void)searcher.suggest(requests[i]);
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
        slowest.emplace_back(us.back(), i);
      }
      const double max = *std::max_element(us.begin(), us.end());
      const double p50 = faqsearch::bench::percentile(us, 0.50);
      const double p99 = faqsearch::bench::percentile(us, 0.99);
      std::printf("pass %d%s: p50 %.0f µs, p99 %.0f µs, slowest %.0f µs (%zu suggestions)\n", pass + 1,
                  pass == 0 ? " (fills the caches)" : "", p50, p99, max, requests.size());
    }
    std::sort(slowest.rbegin(), slowest.rend());
    for (std::size_t i = 0; i < slowest.size() && i < 5; ++i) {
      const faqsearch::SuggestRequest& r = requests[slowest[i].second];
      std::printf("  %.0f µs  [%s] %s\n", slowest[i].first, r.languages.front().c_str(), r.text.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "faqsearch_suggest_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
