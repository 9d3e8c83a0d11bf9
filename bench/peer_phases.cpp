#include "peer_phases.h"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "measurements.h"
#include "peers/engine.h"
#include "typed_so_far.h"

namespace faqsearch::bench {
namespace {

namespace fs = std::filesystem;
using faqsearch::Article;
using faqsearch::bench::peers::PeerHit;
using faqsearch::bench::peers::PeerQuery;
using nlohmann::json;
using Clock = std::chrono::steady_clock;
using Options = PeerBenchOptions;

// --- Measurements -------------------------------------------------------------------------------

std::uint64_t directory_bytes(const fs::path& dir) {
  std::uint64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// --- Corpus files ---------------------------------------------------------------------------------

Article article_from_json(const json& j) {
  Article a;
  a.id = j.at("id").get<std::string>();
  a.lang = j.at("lang").get<std::string>();
  a.title = j.at("title").get<std::string>();
  a.body = j.at("body").get<std::string>();
  a.url = j.value("url", "");
  a.category = j.value("category", "");
  a.tags = j.value("tags", std::vector<std::string>{});
  a.audience = j.value("audience", "");
  a.updated_at = j.value("updated_at", "");
  return a;
}

/// Calls `f(article, ordinal)` for the first `limit` articles of the work directory's file.
template <typename F>
void for_each_article(const fs::path& work, std::size_t limit, F&& f) {
  std::ifstream in(work / "articles.jsonl", std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + (work / "articles.jsonl").string());
  std::string line;
  for (std::uint64_t n = 0; n < limit && std::getline(in, line); ++n) f(article_from_json(json::parse(line)), n);
}

std::vector<PeerQuery> read_queries(const fs::path& work) {
  std::ifstream in(work / "queries.jsonl", std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + (work / "queries.jsonl").string());
  std::vector<PeerQuery> out;
  std::string line;
  while (std::getline(in, line)) {
    const json j = json::parse(line);
    PeerQuery q;
    q.text = j.at("text").get<std::string>();
    q.lang = j.at("lang").get<std::string>();
    q.shape_name = j.at("shape").get<std::string>();
    if (q.shape_name == "phrase") {
      q.shape = PeerQuery::Shape::kPhrase;
      std::string inner = q.text;
      std::erase(inner, '"');
      q.words.push_back(inner);
    } else {
      q.shape = q.shape_name == "prefix" ? PeerQuery::Shape::kPrefix : PeerQuery::Shape::kWords;
      q.words = split(q.text, ' ');
    }
    out.push_back(std::move(q));
  }
  return out;
}

/// Writes the corpus and its queries into `work` (articles in corpus order; only queries in a
/// language the corpus has).

// --- Child phases ---------------------------------------------------------------------------------

json phase_index(const Options& o, faqsearch::bench::peers::PeerEngine& engine, const fs::path& dir) {
  fs::remove_all(dir);
  // The whole wall time, reading the articles included: an engine with background workers
  // (faqsearch's IndexBuilder) indexes while the next articles are parsed, so timing only the
  // engine's calls would hide work. Parsing costs every engine the same few µs per article.
  const auto start = Clock::now();
  std::unique_ptr<faqsearch::bench::peers::PeerIndexer> indexer = engine.open_indexer(dir, true, o.batch);
  std::size_t n = 0;
  for_each_article(o.work, o.size, [&](const Article& a, std::uint64_t ordinal) {
    indexer->add(a, ordinal);
    if (++n % o.batch == 0) indexer->commit();
  });
  indexer->finish();
  indexer.reset();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return {{"index_docs_per_s", static_cast<double>(n) / seconds},
          {"index_seconds", seconds},
          {"index_bytes", directory_bytes(dir)},
          {"index_rss_kb", proc_status_kb("VmHWM")}};
}

/// p50 and p99 (µs) of suggestions for what was typed of each query (typed_so_far), after a
/// warm-up pass; none when the engine has no suggestions.
std::optional<std::pair<double, double>> phase_suggest(const std::vector<PeerQuery>& queries,
                                                      faqsearch::bench::peers::PeerSearcher& searcher) {
  for (const auto& q : queries) {
    if (!searcher.suggest(q, typed_so_far(q.text))) return std::nullopt;
  }
  std::vector<double> latencies;
  for (const auto& q : queries) {
    const std::string text = typed_so_far(q.text);
    const auto t = Clock::now();
    searcher.suggest(q, text);
    latencies.push_back(micros(Clock::now() - t));
  }
  return std::pair{percentile(latencies, 0.50), percentile(latencies, 0.99)};
}

json phase_query(const Options& o, faqsearch::bench::peers::PeerEngine& engine, const fs::path& dir) {
  const std::vector<PeerQuery> queries = read_queries(o.work);
  if (queries.empty()) throw std::runtime_error("no queries");
  const std::uint64_t rss_before = proc_status_kb("VmRSS");
  // Anonymous memory (heap, stacks) apart from file pages, which are page cache (the program,
  // libraries, ICU's data file): sampled while the handles are alive, since the kernel keeps no
  // peak of it. The target is memory "beyond the page cache".
  const std::uint64_t anon_before = proc_status_kb("RssAnon");
  std::uint64_t anon_peak = anon_before;
  const auto sample_anon = [&] { anon_peak = std::max(anon_peak, proc_status_kb("RssAnon")); };
  json r;
  {
    auto searcher = engine.open_searcher(dir);
    std::vector<PeerHit> hits;
    for (const auto& q : queries) {  // warm-up pass; names the query an engine fails on
      try {
        searcher->search(q, false, hits);
      } catch (const std::exception& e) {
        throw std::runtime_error(std::string(e.what()) + " (query " + q.lang + ": " + q.text + ")");
      }
    }
    std::vector<double> latencies;
    std::map<std::string, std::vector<double>> by_shape;
    std::size_t total_hits = 0;
    std::size_t empty = 0;
    const auto start = Clock::now();
    for (std::size_t pass = 0; pass < o.passes; ++pass) {
      for (const auto& q : queries) {
        const auto t = Clock::now();
        searcher->search(q, false, hits);
        const double us = micros(Clock::now() - t);
        latencies.push_back(us);
        by_shape[q.shape_name].push_back(us);
        if (pass == 0) {
          total_hits += hits.size();
          empty += hits.empty() ? 1 : 0;
        }
      }
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const std::vector<double> latencies_in_order = latencies;  // percentile() sorts
    r["qps_1t"] = static_cast<double>(latencies.size()) / wall;
    r["p50_us"] = percentile(latencies, 0.50);
    r["p99_us"] = percentile(latencies, 0.99);
    json shapes = json::object();
    json shapes_p99 = json::object();
    for (auto& [shape, v] : by_shape) {
      shapes[shape] = percentile(v, 0.50);
      shapes_p99[shape] = percentile(v, 0.99);
    }
    r["p50_us_by_shape"] = shapes;
    r["p99_us_by_shape"] = shapes_p99;
    r["mean_hits"] = static_cast<double>(total_hits) / static_cast<double>(queries.size());
    r["zero_hit_queries"] = empty;

    if (engine.snippets()) {
      for (const auto& q : queries) searcher->search(q, true, hits);  // warm-up pass
      std::vector<double> with_snippets;
      for (std::size_t pass = 0; pass < o.passes; ++pass) {
        for (const auto& q : queries) {
          const auto t = Clock::now();
          searcher->search(q, true, hits);
          with_snippets.push_back(micros(Clock::now() - t));
        }
      }
      const std::vector<double> with_snippets_in_order = with_snippets;
      r["snippets_top10_p50_us"] = percentile(with_snippets, 0.50);
      // The snippets' own cost (the target is on it, MSet::snippet's on Xapian): per
      // query, its median over the passes with snippets minus its median without, then the
      // median over the queries. Both layouts are pass-major over the same queries.
      std::vector<double> extra;
      for (std::size_t i = 0; i < queries.size(); ++i) {
        std::vector<double> with, without;
        for (std::size_t pass = 0; pass < o.passes; ++pass) {
          with.push_back(with_snippets_in_order[pass * queries.size() + i]);
          without.push_back(latencies_in_order[pass * queries.size() + i]);
        }
        extra.push_back(percentile(with, 0.50) - percentile(without, 0.50));
      }
      r["snippets_only_p50_us"] = percentile(extra, 0.50);
    } else {
      r["snippets_top10_p50_us"] = nullptr;
      r["snippets_only_p50_us"] = nullptr;
    }
    const auto suggested = phase_suggest(queries, *searcher);
    r["suggest_p50_us"] = suggested ? json(suggested->first) : json(nullptr);
    r["suggest_p99_us"] = suggested ? json(suggested->second) : json(nullptr);
    sample_anon();
  }
  {
    // Two threads, each with its own handle, each running every pass over the whole query set
    // (starting half-way through the set from each other); both start together after warming up.
    constexpr std::size_t kThreads = 2;
    std::barrier sync(static_cast<std::ptrdiff_t>(kThreads + 1));
    std::vector<std::thread> threads;
    std::atomic<bool> failed{false};
    std::string failure;
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        std::unique_ptr<faqsearch::bench::peers::PeerSearcher> searcher;
        std::vector<PeerHit> hits;
        const std::size_t offset = t * queries.size() / kThreads;
        try {
          searcher = engine.open_searcher(dir);
          for (const auto& q : queries) searcher->search(q, false, hits);
        } catch (const std::exception& e) {
          if (!failed.exchange(true)) failure = e.what();
        }
        sync.arrive_and_wait();  // warmed up
        try {
          for (std::size_t pass = 0; searcher && pass < o.passes; ++pass) {
            for (std::size_t i = 0; i < queries.size(); ++i) {
              searcher->search(queries[(offset + i) % queries.size()], false, hits);
            }
          }
        } catch (const std::exception& e) {
          if (!failed.exchange(true)) failure = e.what();
        }
        sync.arrive_and_wait();  // done
        sync.arrive_and_wait();  // sampled: the handle may go
      });
    }
    sync.arrive_and_wait();
    const auto start = Clock::now();
    sync.arrive_and_wait();
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    sample_anon();  // the threads' handles are still alive: each thread waits at a third barrier
    sync.arrive_and_wait();
    for (auto& t : threads) t.join();
    if (failed) throw std::runtime_error("two-thread run: " + failure);
    r["qps_2t"] = static_cast<double>(kThreads * o.passes * queries.size()) / wall;
  }
  r["query_rss_kb"] = proc_status_kb("VmHWM") - std::min(rss_before, proc_status_kb("VmHWM"));
  r["query_rss_file_kb"] = proc_status_kb("RssFile");
  r["query_rss_anon_kb"] = anon_peak - anon_before;  // mapped file pages (mmap'd index files)
  r["queries"] = queries.size();
  return r;
}

json phase_update(const Options& o, faqsearch::bench::peers::PeerEngine& engine, const fs::path& dir) {
  // The first `updates` articles of the corpus, edited, each upserted and committed alone.
  std::vector<std::pair<Article, std::uint64_t>> edits;
  for_each_article(o.work, o.updates, [&](Article a, std::uint64_t ordinal) {
    a.title += " 2";
    a.body += "\n\n" + a.title;
    edits.emplace_back(std::move(a), ordinal);
  });
  json r;
  if (edits.empty()) {
    r["update_p50_us"] = nullptr;
    return r;
  }
  auto indexer = engine.open_indexer(dir, false, o.batch);
  std::vector<double> latencies;
  for (const auto& [article, ordinal] : edits) {
    const auto t = Clock::now();
    indexer->update(article, ordinal);
    latencies.push_back(micros(Clock::now() - t));
  }
  r["update_p50_us"] = percentile(latencies, 0.50);
  return r;
}

}  // namespace

int run_child(const PeerBenchOptions& o) {
  auto engine = faqsearch::bench::peers::make_engine(o.engine);
  const fs::path dir = o.work / ("index-" + o.engine);
  json r;
  if (o.phase == "index") r = phase_index(o, *engine, dir);
  else if (o.phase == "query") r = phase_query(o, *engine, dir);
  else if (o.phase == "update") r = phase_update(o, *engine, dir);
  else throw std::runtime_error("unknown phase " + o.phase);
  std::ofstream out(o.result, std::ios::binary);
  out << r.dump() << '\n';
  if (!out) throw std::runtime_error("cannot write " + o.result.string());
  return 0;
}

}  // namespace faqsearch::bench
