// faqsearch_peerbench: faqsearch side by side with raw Xapian, SQLite FTS5 and Lucene++ on the
// same generated help center and the same queries (issue #4). See README.md for every figure.
//
//   faqsearch_peerbench [--size N] [--out FILE] [--engines faqsearch,xapian,fts5,lucenepp]
//                       [--queries Q] [--passes P] [--rounds R] [--updates U] [--batch B]
//                       [--hunspell-dir DIR] [--dict-words W] [--work DIR]
//   faqsearch_peerbench --validate FILE      checks a result file's shape (exit 1 if wrong)
//
// The parent generates the corpus once (articles.jsonl, queries.jsonl in a work directory), then
// runs every engine phase in a child process of its own (fork + exec of this binary with
// --engine E --phase index|query|update), so that peak RSS (VmHWM) is the engine's alone and no
// engine warms another's caches inside the process. Children stream the articles from the file,
// so the corpus is never held in the indexer's memory. Results go to FILE as JSON and to stdout
// as a Markdown table with ratios to faqsearch.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "corpus_generator.h"
#include "measurements.h"
#include "typed_so_far.h"
#include "peers/engine.h"

namespace {

using faqsearch::bench::percentile;
using faqsearch::bench::proc_status_kb;
using faqsearch::bench::typed_so_far;

namespace fs = std::filesystem;
using faqsearch::Article;
using faqsearch::bench::peers::PeerHit;
using faqsearch::bench::peers::PeerQuery;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

// Fields every engine reports (snippets may be null where the engine has none).
const std::vector<std::string> kRequiredFields = {"p50_us",           "p99_us",      "qps_1t",       "qps_2t",
                                                  "index_docs_per_s", "index_bytes", "query_rss_kb", "index_rss_kb",
                                                  "snippets_top10_p50_us"};
const std::vector<std::string> kNullableFields = {"snippets_top10_p50_us", "snippets_only_p50_us", "suggest_p50_us",
                                                  "suggest_p99_us"};

struct Options {
  std::size_t size = 10000;
  std::size_t queries = 1000;
  std::size_t passes = 3;
  std::size_t rounds = 3;
  std::size_t updates = 50;
  std::size_t batch = 1500;  // the CLI's default (tools/cli/index_command.cpp says why)
  std::size_t dict_words = 0;
  std::string hunspell_dir = "/usr/share/hunspell";
  std::vector<std::string> engines = faqsearch::bench::peers::engine_names();
  fs::path out;
  fs::path work;
  // Child mode.
  std::string engine;
  std::string phase;
  fs::path result;
  // Validation mode.
  fs::path validate;
};

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--size N] [--out FILE] [--engines a,b,...] [--queries Q] [--passes P] [--rounds R]\n"
               "          [--updates U] [--batch B] [--hunspell-dir DIR] [--dict-words W] [--work DIR]\n"
               "       %s --validate FILE\n",
               argv0, argv0);
  std::exit(2);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

Options parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(argv[0]);
      return argv[++i];
    };
    auto number = [&]() -> std::size_t {
      const std::string v = value();
      char* end = nullptr;
      const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0') usage(argv[0]);
      return static_cast<std::size_t>(n);
    };
    if (arg == "--size") o.size = number();
    else if (arg == "--queries") o.queries = number();
    else if (arg == "--passes") o.passes = std::max<std::size_t>(1, number());
    else if (arg == "--rounds") o.rounds = std::max<std::size_t>(1, number());
    else if (arg == "--updates") o.updates = number();
    else if (arg == "--batch") o.batch = std::max<std::size_t>(1, number());
    else if (arg == "--dict-words") o.dict_words = number();
    else if (arg == "--hunspell-dir") o.hunspell_dir = value();
    else if (arg == "--engines") o.engines = split(value(), ',');
    else if (arg == "--out") o.out = value();
    else if (arg == "--work") o.work = value();
    else if (arg == "--engine") o.engine = value();
    else if (arg == "--phase") o.phase = value();
    else if (arg == "--result") o.result = value();
    else if (arg == "--validate") o.validate = value();
    else usage(argv[0]);
  }
  for (const auto& e : o.engines) {
    if (!faqsearch::bench::peers::make_engine(e)) {
      std::fprintf(stderr, "unknown engine %s\n", e.c_str());
      std::exit(2);
    }
  }
  return o;
}

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
void generate(const Options& o) {
  using namespace faqsearch::bench;
  const auto start = Clock::now();
  Vocabulary base = collect_vocabulary(fs::path(FAQSEARCH_SOURCE_DIR) / "corpus" / "articles", default_languages());
  HunspellOptions h;
  h.directory = o.hunspell_dir;
  h.max_words_per_language = o.dict_words;
  Vocabulary vocab = with_hunspell_words(base, h);
  // Every article public: one partition per language in faqsearch, no audience filter anywhere.
  vocab.audiences = {{faqsearch::kPublicAudience, 1}};
  for (const auto& lv : vocab.languages) {
    std::fprintf(stderr, "[generate] %-8s %7zu words (%zu from the sample help center)\n", lv.lang.c_str(),
                 lv.words.size(), base.find(lv.lang)->words.size());
  }
  GeneratorOptions g;
  g.vocabulary = std::make_shared<const Vocabulary>(std::move(vocab));
  g.articles = o.size;
  g.queries = o.queries;
  const std::vector<Article> articles = generate_articles(g);
  std::set<std::string> langs;
  std::map<std::string, std::size_t> per_lang;
  std::uint64_t text_bytes = 0;
  for (const auto& a : articles) {
    langs.insert(a.lang);
    ++per_lang[a.lang];
    text_bytes += a.title.size() + a.body.size();
  }
  std::vector<GeneratedQuery> queries;
  for (auto& q : generate_queries(g)) {
    if (langs.count(q.lang)) queries.push_back(std::move(q));
  }
  {
    std::ofstream out(o.work / "articles.jsonl", std::ios::binary);
    write_jsonl(out, articles);
    if (!out) throw std::runtime_error("cannot write articles.jsonl");
  }
  {
    std::ofstream out(o.work / "queries.jsonl", std::ios::binary);
    write_jsonl(out, queries);
    if (!out) throw std::runtime_error("cannot write queries.jsonl");
  }
  std::string mix;
  for (const auto& [lang, n] : per_lang) mix += " " + lang + "=" + std::to_string(n);
  std::fprintf(stderr, "[generate] %zu articles (%.1f MB of text;%s), %zu queries in %.1f s\n", articles.size(),
               static_cast<double>(text_bytes) / 1e6, mix.c_str(), queries.size(),
               std::chrono::duration<double>(Clock::now() - start).count());
}

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

int run_child(const Options& o) {
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

// --- Parent ------------------------------------------------------------------------------------

/// Runs this binary as `--engine engine --phase phase` and returns its result.
json run_phase(const Options& o, const std::string& engine, const std::string& phase) {
  const fs::path result = o.work / (engine + "-" + phase + ".json");
  fs::remove(result);
  std::vector<std::string> args = {"/proc/self/exe",  "--engine", engine, "--phase", phase,
                                   "--work",          o.work.string(),  "--result", result.string(),
                                   "--size",          std::to_string(o.size),
                                   "--passes",        std::to_string(o.passes),
                                   "--updates",       std::to_string(o.updates),
                                   "--batch",         std::to_string(o.batch)};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::execv("/proc/self/exe", argv.data());
    std::perror("execv");
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error(engine + " " + phase + " phase failed (status " + std::to_string(status) + ")");
  }
  std::ifstream in(result);
  return json::parse(in);
}

/// Empty if `results` has the expected shape, else what is wrong.
std::string check_shape(const json& results) {
  if (!results.is_object() || !results.contains("size") || !results["size"].is_number_unsigned()) return "no size";
  if (!results.contains("engines") || !results["engines"].is_object() || results["engines"].empty()) return "no engines";
  for (const auto& [name, e] : results["engines"].items()) {
    for (const auto& f : kRequiredFields) {
      if (!e.contains(f)) return name + ": no " + f;
      const bool nullable = std::find(kNullableFields.begin(), kNullableFields.end(), f) != kNullableFields.end();
      if (e[f].is_null() && nullable) continue;
      if (!e[f].is_number() || !(e[f].get<double>() > 0)) return name + ": " + f + " is not a positive number";
    }
    if (!e.contains("mean_hits") || !(e["mean_hits"].get<double>() > 0)) return name + ": no query found anything";
  }
  return {};
}

std::string format_value(double v) {
  char buf[64];
  if (v >= 100) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (v >= 10) std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void print_table(const json& results, std::ostream& out) {
  struct Row {
    const char* label;
    const char* field;
    double scale;  // value shown = field / scale
  };
  const Row rows[] = {
      {"query p50 (µs)", "p50_us", 1},
      {"query p99 (µs)", "p99_us", 1},
      {"qps, 1 thread", "qps_1t", 1},
      {"qps, 2 threads", "qps_2t", 1},
      {"search + snippets, top 10, p50 (µs)", "snippets_top10_p50_us", 1},
      {"snippets alone, top 10, p50 (µs)", "snippets_only_p50_us", 1},
      {"suggest (5 completions + 5 titles) p50 (µs)", "suggest_p50_us", 1},
      {"suggest p99 (µs)", "suggest_p99_us", 1},
      {"query RSS beyond start (MB)", "query_rss_kb", 1024},
      {"query anonymous RSS beyond start (MB)", "query_rss_anon_kb", 1024},
      {"indexing (docs/s)", "index_docs_per_s", 1},
      {"index size (MB)", "index_bytes", 1024.0 * 1024.0},
      {"indexer peak RSS (MB)", "index_rss_kb", 1024},
      {"update upsert+commit p50 (µs)", "update_p50_us", 1},
      {"mean hits per query", "mean_hits", 1},
  };
  const json& engines = results["engines"];
  std::vector<std::string> names;
  for (const auto& n : faqsearch::bench::peers::engine_names()) {
    if (engines.contains(n)) names.push_back(n);
  }
  for (const auto& [n, e] : engines.items()) {  // variants run by name (faqsearch-lean, ...)
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  }
  out << "Size " << results["size"].get<std::size_t>() << " articles, " << results.value("queries", 0)
      << " queries; cells: value (engine / faqsearch)\n\n| |";
  for (const auto& n : names) out << ' ' << n << " |";
  out << "\n|---|";
  for (std::size_t i = 0; i < names.size(); ++i) out << "---:|";
  out << '\n';
  auto get = [&](const std::string& engine, const char* field) -> std::optional<double> {
    const json& e = engines[engine];
    if (!e.contains(field) || !e[field].is_number()) return std::nullopt;
    return e[field].get<double>();
  };
  for (const Row& row : rows) {
    out << "| " << row.label << " |";
    // 0: no faqsearch figure to divide by.
    const double base = engines.contains("faqsearch") ? get("faqsearch", row.field).value_or(0.0) : 0.0;
    for (const auto& n : names) {
      const auto v = get(n, row.field);
      if (!v) {
        out << " – |";
        continue;
      }
      out << ' ' << format_value(*v / row.scale);
      if (n != "faqsearch" && base > 0) out << " (" << format_value(*v / base) << "×)";
      out << " |";
    }
    out << '\n';
  }
  // Per-shape p50 and p99: where the tail comes from. Prefix queries are not like for like: each
  // engine completes the last word its own way (Xapian FLAG_PARTIAL, FTS5 and Lucene++ prefix
  // queries, faqsearch only when the word is not a whole indexed word).
  for (const char* key : {"p50_us_by_shape", "p99_us_by_shape"}) {
    const std::string label = std::string(key).substr(0, 3);
    std::set<std::string> shapes;
    for (const auto& n : names) {
      if (engines[n].contains(key)) {
        for (const auto& [s, v] : engines[n][key].items()) shapes.insert(s);
      }
    }
    for (const auto& s : shapes) {
      out << "| " << label << ' ' << s << " (µs) |";
      double base = 0;  // none
      if (engines.contains("faqsearch") && engines["faqsearch"].value(key, json::object()).contains(s)) {
        base = engines["faqsearch"][key][s].get<double>();
      }
      for (const auto& n : names) {
        const json& by = engines[n].value(key, json::object());
        if (!by.contains(s)) {
          out << " – |";
          continue;
        }
        const double v = by[s].get<double>();
        out << ' ' << format_value(v);
        if (n != "faqsearch" && base > 0) out << " (" << format_value(v / base) << "×)";
        out << " |";
      }
      out << '\n';
    }
  }
}

/// The rounds' figures with every number replaced by its median over the rounds (the lower of
/// the middle two for an even count), objects (figures by query shape) field by field; anything
/// else as the first round has it.
json median_of_rounds(const std::vector<json>& rounds) {
  if (rounds.empty()) return json::object();
  json out = rounds.front();
  for (auto& [key, value] : out.items()) {
    if (value.is_number()) {
      std::vector<json> v;  // json values: counts stay integers
      for (const json& r : rounds) {
        if (r.contains(key) && r[key].is_number()) v.push_back(r[key]);
      }
      std::sort(v.begin(), v.end(), [](const json& a, const json& b) { return a.get<double>() < b.get<double>(); });
      value = v[(v.size() - 1) / 2];
    } else if (value.is_object()) {
      std::vector<json> nested;
      for (const json& r : rounds) {
        if (r.contains(key) && r[key].is_object()) nested.push_back(r[key]);
      }
      value = median_of_rounds(nested);
    }
  }
  return out;
}

fs::path make_work_dir() {
  std::string pattern = (fs::temp_directory_path() / "faqsearch-peerbench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  return pattern;
}

int run_parent(Options o) {
  const bool own_work = o.work.empty();
  if (own_work) o.work = make_work_dir();
  fs::create_directories(o.work);
  if (o.out.empty()) o.out = "bench-" + std::to_string(o.size) + ".json";
  int rc = 0;
  try {
    generate(o);
    json results = {{"size", o.size}, {"engines", json::object()}};
    std::size_t queries = 0;
    const auto timed_phase = [&](const std::string& engine, const char* phase) {
      std::fprintf(stderr, "[%s] %s phase...\n", engine.c_str(), phase);
      const auto start = Clock::now();
      json r = run_phase(o, engine, phase);
      std::fprintf(stderr, "[%s] %s phase done in %.1f s\n", engine.c_str(), phase,
                   std::chrono::duration<double>(Clock::now() - start).count());
      return r;
    };
    // Every index first; then the query phases in rounds, the engines in turn (each round starting
    // one engine later), and each query figure the median of its rounds. A shared machine's slow
    // minutes then fall on every engine alike rather than on whichever ran during them: one
    // 100k run measured faqsearch's p50 at 533 µs in its slot and 342-373 µs minutes later.
    std::map<std::string, json> figures;
    for (const auto& engine : o.engines) figures[engine] = timed_phase(engine, "index");
    std::map<std::string, std::vector<json>> query_rounds;
    for (std::size_t round = 0; round < o.rounds; ++round) {
      for (std::size_t k = 0; k < o.engines.size(); ++k) {
        const std::string& engine = o.engines[(round + k) % o.engines.size()];
        query_rounds[engine].push_back(timed_phase(engine, "query"));
      }
    }
    for (const auto& engine : o.engines) {
      json& e = figures[engine];
      e.update(median_of_rounds(query_rounds[engine]));
      e.update(timed_phase(engine, "update"));
      queries = e.value("queries", std::size_t{0});
      e.erase("queries");
      results["engines"][engine] = e;
      fs::remove_all(o.work / ("index-" + engine));
    }
    results["queries"] = queries;
    results["passes"] = o.passes;
    results["rounds"] = o.rounds;
    results["batch"] = o.batch;
    {
      std::ofstream out(o.out, std::ios::binary);
      out << results.dump(2) << '\n';
      if (!out) throw std::runtime_error("cannot write " + o.out.string());
    }
    print_table(results, std::cout);
    const std::string problem = check_shape(results);
    if (!problem.empty()) {
      std::fprintf(stderr, "result has the wrong shape: %s\n", problem.c_str());
      rc = 1;
    }
    std::fprintf(stderr, "results written to %s\n", o.out.c_str());
  } catch (...) {
    if (own_work) fs::remove_all(o.work);
    throw;
  }
  if (own_work) fs::remove_all(o.work);
  return rc;
}

int run_validate(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  const json results = json::parse(in, nullptr, /*allow_exceptions=*/false);
  std::string problem = results.is_discarded() ? "not JSON" : check_shape(results);
  if (problem.empty()) {
    for (const auto& n : faqsearch::bench::peers::engine_names()) {
      if (!results["engines"].contains(n)) problem = "no engine " + n;
    }
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "%s: %s\n", file.c_str(), problem.c_str());
    return 1;
  }
  std::printf("%s: valid (%zu engines)\n", file.c_str(), results["engines"].size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options o = parse_args(argc, argv);
    if (!o.validate.empty()) return run_validate(o.validate);
    if (!o.engine.empty()) return run_child(o);
    return run_parent(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "faqsearch_peerbench: %s\n", e.what());
    return 1;
  }
}
