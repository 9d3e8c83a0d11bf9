// Times one query set against several faqsearch indexes (directories or cluster files) and
// checks that each gives the first one's hits: issue #24's scale script (bench/cluster-scale)
// runs it on one local index and on the same articles in shards behind xapian-tcpsrv.
//
// Usage: faqsearch_cluster_bench --queries FILE [--passes N] [--threads-max T] [--no-facets] LABEL=DB...
//   FILE: JSON lines {"lang", "text", "shape"} (faqsearch_gen_corpus's QUERIES_OUT).
// Each query is searched as the peer benchmark's faqsearch query figure does (bench/README.md):
// in its own language, top 10, snippets off, fallback, facets, corrections and diagnosis on.
// Per DB: one unmeasured pass, then N measured passes on one thread (p50, p99 nearest rank, QPS),
// then 2..T threads, each with its own Searcher (a Searcher is not thread-safe), warmed up, each
// running N passes (QPS). Prints one JSON object per DB, then a Markdown table with each DB's
// ratio to the first. Hits (ids and languages, in order) of every DB's unmeasured pass are
// compared with the first DB's, query by query; the first differences go to stderr.
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "faqsearch/search.h"
#include "measurements.h"

namespace {

using faqsearch::bench::percentile;
using faqsearch::bench::proc_status_kb;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

struct Query {
  std::string text;
  std::string lang;
  std::string shape;
};

struct Options {
  fs::path queries;
  std::size_t passes = 3;
  std::size_t threads_max = 2;
  bool facets = true;
  std::vector<std::pair<std::string, fs::path>> dbs;  // label, directory or cluster file
};

/// What a page gives, as the comparison between DBs reads it.
struct Page {
  std::vector<std::string> hits;  // "id/lang" in rank order
  std::vector<double> scores;
  std::size_t total = 0;
};

struct DbRun {
  json figures;
  std::vector<Page> pages;  // per query, from the unmeasured pass
};

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(stderr, "usage: %s --queries FILE [--passes N] [--threads-max T] [--no-facets] LABEL=DB [LABEL=DB...]\n", argv0);
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : (usage(argv[0]), std::string()); };
    if (arg == "--queries") o.queries = value();
    else if (arg == "--passes") o.passes = std::stoul(value());
    else if (arg == "--threads-max") o.threads_max = std::stoul(value());
    else if (arg == "--no-facets") o.facets = false;
    else if (const auto eq = arg.find('='); eq != std::string::npos && eq > 0) o.dbs.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    else usage(argv[0]);
  }
  if (o.queries.empty() || o.dbs.empty() || o.passes == 0 || o.threads_max == 0) usage(argv[0]);
  return o;
}

std::vector<Query> read_queries(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::vector<Query> out;
  std::string line;
  while (std::getline(in, line)) {
    const json j = json::parse(line);
    out.push_back({j.at("text").get<std::string>(), j.at("lang").get<std::string>(), j.value("shape", "")});
  }
  if (out.empty()) throw std::runtime_error(file.string() + " holds no queries");
  return out;
}

/// The peer benchmark's faqsearch query (peers/faqsearch_engine.cpp, default variant), with or
/// without facets.
faqsearch::SearchRequest request_for(const Query& q, bool facets) {
  faqsearch::SearchRequest r;
  r.query = q.text;
  r.languages = {q.lang};
  r.limit = 10;
  r.snippets = false;
  r.facets = facets;  // fallback, corrections and diagnosis are on by default
  return r;
}

Page page_of(const faqsearch::SearchResults& results) {
  Page p;
  p.total = results.total;
  for (const auto& h : results.hits) {
    p.hits.push_back(h.id + "/" + h.lang);
    p.scores.push_back(h.score);
  }
  return p;
}

/// Queries per second of `threads` threads, each with its own Searcher, warmed up, running
/// `o.passes` passes over the queries (starting at different places in the set). `sample` runs
/// while every thread still holds its Searcher.
template <typename Sample>
double threads_qps(const fs::path& db, const faqsearch::SharedResources& resources, const std::vector<Query>& queries,
                   std::size_t threads, const Options& o, Sample&& sample) {
  const std::size_t passes = o.passes;
  std::barrier sync(static_cast<std::ptrdiff_t>(threads + 1));
  std::atomic<bool> failed{false};
  std::string failure;
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::optional<faqsearch::Searcher> searcher;
      const auto guarded = [&](auto&& work) {
        try {
          work();
        } catch (const std::exception& e) {
          if (!failed.exchange(true)) failure = e.what();
          searcher.reset();
        }
      };
      guarded([&] {
        searcher.emplace(db, resources);
        for (const auto& q : queries) (void)searcher->search(request_for(q, o.facets));
      });
      sync.arrive_and_wait();  // warmed up: every thread arrives at every barrier, failed or not
      guarded([&] {
        const std::size_t offset = t * queries.size() / threads;
        for (std::size_t i = 0; searcher && i < passes * queries.size(); ++i) {
          (void)searcher->search(request_for(queries[(offset + i) % queries.size()], o.facets));
        }
      });
      sync.arrive_and_wait();  // done
      sync.arrive_and_wait();  // sampled: the Searcher may go
    });
  }
  sync.arrive_and_wait();
  const auto start = Clock::now();
  sync.arrive_and_wait();
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  sample();
  sync.arrive_and_wait();
  for (auto& t : pool) t.join();
  if (failed) throw std::runtime_error(std::to_string(threads) + " threads: " + failure);
  return static_cast<double>(threads * passes * queries.size()) / wall;
}

/// Prints the `n` queries slowest on their median over the passes (`latencies` pass-major).
void print_slowest(const std::string& label, const std::vector<Query>& queries, const std::vector<double>& latencies,
                   std::size_t n) {
  std::vector<std::pair<double, std::size_t>> medians;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    std::vector<double> own;
    for (std::size_t at = i; at < latencies.size(); at += queries.size()) own.push_back(latencies[at]);
    medians.emplace_back(percentile(own, 0.5), i);
  }
  std::sort(medians.rbegin(), medians.rend());
  for (std::size_t k = 0; k < std::min(n, medians.size()); ++k) {
    const Query& q = queries[medians[k].second];
    std::fprintf(stderr, "%s: slow: %.0f µs [%s %s] %s\n", label.c_str(), medians[k].first, q.lang.c_str(),
                 q.shape.c_str(), q.text.c_str());
  }
}

/// The unmeasured pass (its pages kept for the comparison), then `o.passes` measured passes on
/// one thread: p50, p99, QPS, mean hits.
void one_thread(const std::string& label, faqsearch::Searcher& searcher, const std::vector<Query>& queries,
                const Options& o, DbRun& run) {
  std::size_t hits = 0;
  for (const auto& q : queries) {
    run.pages.push_back(page_of(searcher.search(request_for(q, o.facets))));
    hits += run.pages.back().hits.size();
  }
  std::vector<double> latencies;
  std::map<std::string, std::vector<double>> by_shape;
  const auto start = Clock::now();
  for (std::size_t pass = 0; pass < o.passes; ++pass) {
    for (const auto& q : queries) {
      const auto t = Clock::now();
      (void)searcher.search(request_for(q, o.facets));
      latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
      by_shape[q.shape].push_back(latencies.back());
    }
  }
  json& r = run.figures;
  r["qps_1t"] = static_cast<double>(latencies.size()) / std::chrono::duration<double>(Clock::now() - start).count();
  print_slowest(label, queries, latencies, 3);
  r["p50_us"] = percentile(latencies, 0.50);
  r["p99_us"] = percentile(latencies, 0.99);
  for (auto& [shape, v] : by_shape) r["p50_us_by_shape"][shape] = percentile(v, 0.50);
  r["mean_hits"] = static_cast<double>(hits) / static_cast<double>(queries.size());
}

DbRun run_db(const std::string& label, const fs::path& db, const std::vector<Query>& queries, const Options& o) {
  malloc_trim(0);  // the previous DB's freed heap must not hide this one's
  const std::uint64_t anon_before = proc_status_kb("RssAnon");
  std::uint64_t anon_peak = anon_before;
  const auto sample_anon = [&] { anon_peak = std::max(anon_peak, proc_status_kb("RssAnon")); };
  DbRun run;
  faqsearch::SharedResources resources;
  {
    faqsearch::Searcher searcher(db, resources);
    one_thread(label, searcher, queries, o, run);
    sample_anon();
  }
  for (std::size_t threads = 2; threads <= o.threads_max; ++threads) {
    run.figures["qps_" + std::to_string(threads) + "t"] = threads_qps(db, resources, queries, threads, o, sample_anon);
  }
  run.figures["rss_anon_kb"] = anon_peak - anon_before;
  run.figures["vm_hwm_kb"] = proc_status_kb("VmHWM");
  return run;
}

bool scores_equal(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::abs(a[i] - b[i]) > 1e-9 * std::max(std::abs(a[i]), std::abs(b[i]))) return false;
  }
  return true;
}

/// Counts the queries whose page differs from `reference`'s; prints the first few differences.
void compare_pages(const std::string& label, const std::vector<Page>& reference, const std::vector<Page>& pages,
                   const std::vector<Query>& queries, json& r) {
  std::size_t hits_differ = 0, scores_differ = 0, totals_differ = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const bool same_hits = pages[i].hits == reference[i].hits;
    if (!same_hits && ++hits_differ <= 5) {
      std::fprintf(stderr, "%s: hits differ for [%s] %s\n", label.c_str(), queries[i].lang.c_str(), queries[i].text.c_str());
    }
    if (same_hits && !scores_equal(pages[i].scores, reference[i].scores)) ++scores_differ;
    if (pages[i].total != reference[i].total) ++totals_differ;
  }
  r["queries_hits_differ"] = hits_differ;
  r["queries_scores_differ"] = scores_differ;  // same hits, a score off by more than 1e-9 relative
  r["queries_totals_differ"] = totals_differ;  // Xapian's estimates (docs/cluster.md §6)
}

std::string cell(const json& r, const json& first, const char* key) {
  if (!r.contains(key)) return "–";
  const double v = r[key].get<double>();
  char text[64];
  std::snprintf(text, sizeof text, v >= 100 ? "%.0f" : "%.2f", v);
  if (&r == &first || first[key].get<double>() == 0) return text;
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, " (%.2f×)", v / first[key].get<double>());
  return std::string(text) + ratio;
}

void print_table(const std::vector<json>& results, const Options& o) {
  std::cout << "\n|";
  for (const auto& r : results) std::cout << " | " << r["label"].get<std::string>();
  std::cout << " |\n|---";
  for (std::size_t i = 0; i < results.size(); ++i) std::cout << "|---:";
  std::cout << "|\n";
  std::vector<std::pair<std::string, std::string>> rows = {
      {"query p50 (µs)", "p50_us"}, {"query p99 (µs)", "p99_us"}, {"QPS, 1 thread", "qps_1t"}};
  for (std::size_t t = 2; t <= o.threads_max; ++t) rows.emplace_back("QPS, " + std::to_string(t) + " threads", "qps_" + std::to_string(t) + "t");
  rows.insert(rows.end(), {{"mean hits", "mean_hits"},
                           {"queries whose hits differ from the first", "queries_hits_differ"},
                           {"search RSS, anonymous (MB)", "rss_anon_mb"}});
  for (const auto& [name, key] : rows) {
    std::cout << "| " << name;
    for (const auto& r : results) std::cout << " | " << cell(r, results.front(), key.c_str());
    std::cout << " |\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse_options(argc, argv);
  try {
    const std::vector<Query> queries = read_queries(o.queries);
    std::vector<json> results;
    std::vector<Page> reference;
    for (const auto& [label, db] : o.dbs) {
      std::fprintf(stderr, "[cluster_bench] %s: %zu queries, %zu passes, %s\n", label.c_str(), queries.size(),
                   o.passes, db.c_str());
      DbRun run = run_db(label, db, queries, o);
      json& r = run.figures;
      r["label"] = label;
      r["db"] = db.string();
      r["queries"] = queries.size();
      r["passes"] = o.passes;
      r["facets"] = o.facets;
      r["rss_anon_mb"] = r["rss_anon_kb"].get<double>() / 1024.0;
      if (reference.empty()) reference = run.pages;
      compare_pages(label, reference, run.pages, queries, r);
      std::cout << r.dump() << std::endl;
      results.push_back(std::move(r));
    }
    print_table(results, o);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 1;
  }
}
