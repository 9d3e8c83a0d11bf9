// Benchmarks of faqsearch's query hot path, stage by stage, and of indexing.
//
// Stages (each on the sample help center and on generated ones of 1,000 and 10,000 articles):
//   analyze_query/<queries>/<lang>   Analyzer::analyze on one query                  items = queries
//   analyze_article/sample/<lang>    Analyzer::analyze on an article's title and body items = articles
//   build_query/<queries>/<lang>     detail::build_text_query (analysis + Xapian)    items = queries
//   match_top10/<corpus>             Searcher::search, limit 10, snippets off       items = queries
//   match_top10_no_fallback/<corpus> the same without the default-language fallback items = queries
//   search_snippets_top10/<corpus>   the same with snippets on                       items = queries
//   make_snippet_x10/<corpus>        detail::make_snippet on a query's 10 hit bodies items = snippets
//   analyze_snippet_x10/<corpus>     analysis of those bodies + make_snippet         items = snippets
//   search_e2e/<corpus>              request → results rendered as HTML              items = queries
//   search_e2e_any_lang/<corpus>     the same without a language (every partition)  items = queries
//   index/<corpus>                   IndexWriter upsert + commit into a fresh dir    items = articles
// An iteration of a query benchmark runs the whole query set once (every query weighs the same
// whatever the iteration count); the "per_query" counter is the mean time of one query (one
// query's ten snippets for the *_x10 ones). <corpus> is "sample" or "gen-<N>".
//
// Usage: faqsearch_bench [--gen_sizes=1000,10000] [Google Benchmark flags]
// Indexes live in a temporary directory removed at exit; the repository is only read.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "corpus_generator.h"
#include "faqsearch/faqsearch.h"
#include "search/query_builder.h"
#include "search/snippet.h"
#include "typical_queries.h"

namespace {

namespace fs = std::filesystem;
using faqsearch::Article;
using faqsearch::bench::GeneratorOptions;

const fs::path kSourceDir = FAQSEARCH_SOURCE_DIR;
constexpr std::size_t kTopK = 10;
constexpr std::size_t kGeneratedQueries = 500;

// --- Temporary directory, removed at the end of main ------------------------------------------

fs::path g_temp_root;

fs::path make_temp_root() {
  std::string pattern = (fs::temp_directory_path() / "faqsearch-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory: " + std::string(std::strerror(errno)));
  }
  return pattern;
}

fs::path fresh_dir(const std::string& name) {
  static unsigned counter = 0;
  return g_temp_root / (name + "-" + std::to_string(counter++));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --- Query sets ---------------------------------------------------------------------------------

struct Query {
  std::string text;
  std::string lang;
};

/// The hand-written typical queries plus the judged queries of corpus/queries.jsonl.
const std::vector<Query>& sample_queries() {
  static const std::vector<Query> queries = [] {
    std::vector<Query> out;
    for (const auto& q : faqsearch::bench::kTypicalQueries) out.push_back({std::string(q.text), std::string(q.lang)});
    std::ifstream in(kSourceDir / "corpus" / "queries.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_object() || !j.contains("text") || !j.contains("lang")) continue;
      out.push_back({j["text"].get<std::string>(), j["lang"].get<std::string>()});
    }
    return out;
  }();
  return queries;
}

std::shared_ptr<const faqsearch::bench::Vocabulary> sample_vocabulary() {
  static const auto vocab = std::make_shared<const faqsearch::bench::Vocabulary>(faqsearch::bench::collect_vocabulary(
      kSourceDir / "corpus" / "articles", faqsearch::bench::default_languages()));
  return vocab;
}

GeneratorOptions generator_options(std::size_t articles) {
  GeneratorOptions o;
  o.vocabulary = sample_vocabulary();
  o.articles = articles;
  o.queries = kGeneratedQueries;
  return o;
}

/// Generated queries: the same for every corpus size (see generate_queries).
const std::vector<Query>& generated_queries() {
  static const std::vector<Query> queries = [] {
    std::vector<Query> out;
    for (auto& q : faqsearch::bench::generate_queries(generator_options(0))) out.push_back({std::move(q.text), q.lang});
    return out;
  }();
  return queries;
}

std::vector<Query> of_language(const std::vector<Query>& all, const std::string& lang) {
  std::vector<Query> out;
  for (const auto& q : all) {
    if (q.lang == lang) out.push_back(q);
  }
  return out;
}

// --- Corpora: articles, an index built once, the queries it can answer --------------------------

struct SnippetCase {
  std::string body;
  std::string lang;
  std::vector<faqsearch::Token> tokens;
  std::unordered_set<std::string> terms;
};

struct Corpus {
  std::string name;
  std::vector<Article> articles;
  std::vector<Query> queries;  // those in a language the index holds
  fs::path index_dir;
  std::unique_ptr<faqsearch::Searcher> searcher;
  std::vector<std::vector<SnippetCase>> top_bodies;  // per query with hits: its top-10 bodies
  std::size_t article_bytes = 0;
};

std::vector<Article> load_sample_articles() {
  std::vector<Article> articles;
  faqsearch::read_articles(
      kSourceDir / "corpus" / "articles", {},
      [&](Article&& a, const faqsearch::SourceLocation&) { articles.push_back(std::move(a)); },
      [](const faqsearch::ImportProblem& p) { std::fprintf(stderr, "[setup] sample corpus: %s\n", p.to_string().c_str()); });
  return articles;
}

void build_index(const std::vector<Article>& articles, const fs::path& dir) {
  auto writer = faqsearch::IndexWriter::open(dir, faqsearch::OpenMode::kCreate);
  for (const auto& a : articles) writer.upsert(a);
  writer.commit();
  writer.compact();  // what a bulk build is advised to do before serving searches
}

std::unique_ptr<Corpus> make_corpus(const std::string& name) {
  auto c = std::make_unique<Corpus>();
  c->name = name;
  auto start = std::chrono::steady_clock::now();
  std::vector<Query> candidates;
  if (name == "sample") {
    c->articles = load_sample_articles();
    candidates = sample_queries();
  } else {
    const std::size_t n = std::stoul(name.substr(name.find('-') + 1));
    c->articles = faqsearch::bench::generate_articles(generator_options(n));
    candidates = generated_queries();
  }
  for (const auto& a : c->articles) c->article_bytes += a.title.size() + a.body.size();
  const double t_load = seconds_since(start);

  start = std::chrono::steady_clock::now();
  c->index_dir = fresh_dir("index-" + name);
  build_index(c->articles, c->index_dir);
  const double t_index = seconds_since(start);

  start = std::chrono::steady_clock::now();
  c->searcher = std::make_unique<faqsearch::Searcher>(c->index_dir);
  const auto langs = c->searcher->languages();
  const std::set<std::string> present(langs.begin(), langs.end());
  std::map<std::pair<std::string, std::string>, const Article*> by_key;
  for (const auto& a : c->articles) by_key[{a.id, a.lang}] = &a;
  faqsearch::Analyzer analyzer;
  std::size_t hits = 0;
  std::size_t zero = 0;
  for (const auto& q : candidates) {
    if (!present.count(faqsearch::canonical_language_tag(q.lang))) continue;
    c->queries.push_back(q);
    // Warms the searcher (every partition opened) and collects the top-10 bodies.
    faqsearch::SearchRequest request;
    request.query = q.text;
    request.languages = {q.lang};
    request.snippets = false;
    const auto results = c->searcher->search(request);
    hits += results.hits.size();
    if (results.hits.empty()) {
      ++zero;
      continue;
    }
    auto terms = faqsearch::detail::build_text_query(analyzer, q.text, q.lang).terms;
    std::vector<SnippetCase> cases;
    for (const auto& hit : results.hits) {
      const auto it = by_key.find({hit.id, hit.lang});
      if (it == by_key.end()) continue;
      SnippetCase sc{it->second->body, hit.lang, analyzer.analyze(it->second->body, hit.lang), terms};
      cases.push_back(std::move(sc));
    }
    c->top_bodies.push_back(std::move(cases));
  }
  std::fprintf(stderr,
               "[setup] %s: %zu articles (%.1f MB text) loaded in %.2f s, indexed+compacted in %.2f s; "
               "%zu queries (%zu without hits, %.1f hits each), warmed in %.2f s\n",
               name.c_str(), c->articles.size(), static_cast<double>(c->article_bytes) / 1e6, t_load, t_index,
               c->queries.size(), zero, c->queries.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(c->queries.size()),
               seconds_since(start));
  return c;
}

std::map<std::string, std::unique_ptr<Corpus>> g_corpora;
std::map<std::string, std::string> g_corpus_errors;  // a failed setup is not retried per benchmark

/// The corpus `name`, built on first use (so a filtered run builds only what it needs).
Corpus& corpus(const std::string& name) {
  if (auto it = g_corpus_errors.find(name); it != g_corpus_errors.end()) throw std::runtime_error(it->second);
  auto& slot = g_corpora[name];
  if (!slot) {
    try {
      slot = make_corpus(name);
    } catch (const std::exception& e) {
      g_corpus_errors[name] = "setting up corpus " + name + ": " + e.what();
      throw std::runtime_error(g_corpus_errors[name]);
    }
  }
  return *slot;
}

std::string corpus_name(std::size_t generated_size) {
  return generated_size == 0 ? "sample" : "gen-" + std::to_string(generated_size);
}

/// Items = queries, bytes = query bytes, per_query = mean seconds per query.
void report_queries(benchmark::State& state, const std::vector<Query>& queries) {
  std::int64_t bytes = 0;
  for (const auto& q : queries) bytes += static_cast<std::int64_t>(q.text.size());
  const auto n = static_cast<std::int64_t>(queries.size());
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["per_query"] = benchmark::Counter(static_cast<double>(state.iterations() * n),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// Runs `body`, turning an exception (e.g. the library failing mid-edit) into a skipped benchmark.
template <typename F>
void guarded(benchmark::State& state, F&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

// --- (1) query analysis, (2) query building ---------------------------------------------------

void BM_AnalyzeQuery(benchmark::State& state, std::vector<Query> queries) {
  guarded(state, [&] {
    if (queries.empty()) {
      state.SkipWithError("no queries in this language");
      return;
    }
    faqsearch::Analyzer analyzer;
    std::int64_t tokens = 0;
    for (auto _ : state) {
      for (const Query& q : queries) {
        auto result = analyzer.analyze(q.text, q.lang);
        benchmark::DoNotOptimize(result.data());
        tokens += static_cast<std::int64_t>(result.size());
      }
    }
    report_queries(state, queries);
    state.counters["tokens"] = benchmark::Counter(static_cast<double>(tokens) / static_cast<double>(queries.size()),
                                                  benchmark::Counter::kAvgIterations);
  });
}

/// Analysis of whole articles (title, then body), as indexing and snippets run it: long texts,
/// where the per-word stages weigh more than in a query.
void BM_AnalyzeArticle(benchmark::State& state, std::vector<Article> articles) {
  guarded(state, [&] {
    if (articles.empty()) {
      state.SkipWithError("no articles in this language");
      return;
    }
    faqsearch::Analyzer analyzer;
    std::int64_t bytes = 0;
    for (const Article& a : articles) bytes += static_cast<std::int64_t>(a.title.size() + a.body.size());
    for (auto _ : state) {
      for (const Article& a : articles) {
        auto title = analyzer.analyze(a.title, a.lang);
        auto body = analyzer.analyze(a.body, a.lang);
        benchmark::DoNotOptimize(title.data());
        benchmark::DoNotOptimize(body.data());
      }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(articles.size()));
    state.SetBytesProcessed(state.iterations() * bytes);
    state.counters["per_article"] =
        benchmark::Counter(static_cast<double>(state.iterations() * static_cast<std::int64_t>(articles.size())),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  });
}

void BM_BuildQuery(benchmark::State& state, std::vector<Query> queries) {
  guarded(state, [&] {
    if (queries.empty()) {
      state.SkipWithError("no queries in this language");
      return;
    }
    faqsearch::Analyzer analyzer;
    for (auto _ : state) {
      for (const Query& q : queries) {
        auto built = faqsearch::detail::build_text_query(analyzer, q.text, q.lang);
        benchmark::DoNotOptimize(built.query);
      }
    }
    report_queries(state, queries);
  });
}

// --- (3) matching, (4) snippets, (5) end to end -----------------------------------------------

enum class SearchMode { kMatchOnly, kMatchOnlyNoFallback, kWithSnippets, kEndToEnd, kEndToEndAnyLanguage };

void BM_Search(benchmark::State& state, std::string name, SearchMode mode) {
  guarded(state, [&] {
    Corpus& c = corpus(name);
    if (c.queries.empty()) {
      state.SkipWithError("no queries in the languages of this corpus");
      return;
    }
    std::vector<faqsearch::SearchRequest> requests;
    for (const auto& q : c.queries) {
      faqsearch::SearchRequest r;
      r.query = q.text;
      if (mode != SearchMode::kEndToEndAnyLanguage) r.languages = {q.lang};
      r.limit = kTopK;
      r.snippets = mode != SearchMode::kMatchOnly && mode != SearchMode::kMatchOnlyNoFallback;
      r.fallback = mode != SearchMode::kMatchOnlyNoFallback;
      requests.push_back(std::move(r));
    }
    const bool render = mode == SearchMode::kEndToEnd || mode == SearchMode::kEndToEndAnyLanguage;
    std::int64_t hits = 0;
    std::int64_t html_bytes = 0;
    for (auto _ : state) {
      for (const auto& request : requests) {
        auto results = c.searcher->search(request);
        if (render) {
          for (const auto& hit : results.hits) {
            std::string html = hit.title_snippet.to_html();
            html += hit.snippet.to_html();
            html_bytes += static_cast<std::int64_t>(html.size());
            benchmark::DoNotOptimize(html.data());
          }
        }
        benchmark::DoNotOptimize(results.hits.data());
        hits += static_cast<std::int64_t>(results.hits.size());
      }
    }
    report_queries(state, c.queries);
    const auto per_query = [&](std::int64_t total) {
      return benchmark::Counter(static_cast<double>(total) / static_cast<double>(requests.size()),
                                benchmark::Counter::kAvgIterations);
    };
    state.counters["hits"] = per_query(hits);
    if (render) state.counters["html_B"] = per_query(html_bytes);
  });
}

/// detail::make_snippet over the bodies of one query's top 10 per iteration (with `analyze`, the
/// body analysis the searcher does per hit is timed too).
void BM_Snippets(benchmark::State& state, std::string name, bool analyze) {
  guarded(state, [&] {
    Corpus& c = corpus(name);
    if (c.top_bodies.empty()) {
      state.SkipWithError("no query of this corpus has hits");
      return;
    }
    faqsearch::Analyzer analyzer;
    const faqsearch::SearchRequest defaults;
    std::int64_t bytes_per_pass = 0;
    std::int64_t snippets_per_pass = 0;
    for (const auto& cases : c.top_bodies) {
      for (const SnippetCase& sc : cases) bytes_per_pass += static_cast<std::int64_t>(sc.body.size());
      snippets_per_pass += static_cast<std::int64_t>(cases.size());
    }
    for (auto _ : state) {
      for (const auto& cases : c.top_bodies) {
        for (const SnippetCase& sc : cases) {
          faqsearch::Snippet s;
          if (analyze) {
            s = faqsearch::detail::make_snippet(sc.body, analyzer.analyze(sc.body, sc.lang), sc.terms,
                                                defaults.snippet_bytes);
          } else {
            s = faqsearch::detail::make_snippet(sc.body, sc.tokens, sc.terms, defaults.snippet_bytes);
          }
          benchmark::DoNotOptimize(s.text.data());
        }
      }
    }
    state.SetItemsProcessed(state.iterations() * snippets_per_pass);
    state.SetBytesProcessed(state.iterations() * bytes_per_pass);
    state.counters["per_query"] =
        benchmark::Counter(static_cast<double>(state.iterations()) * static_cast<double>(c.top_bodies.size()),
                           benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  });
}

// --- (6) indexing ---------------------------------------------------------------------------

/// How BM_Index writes: IndexWriter with one commit (the update path), or IndexBuilder (the bulk
/// path: a segment per core, merged by compaction, so its figure includes compacting).
enum class IndexPath { kWriter, kBuilder };

void BM_Index(benchmark::State& state, std::string name, IndexPath path) {
  guarded(state, [&] {
    std::vector<Article> articles;
    std::int64_t article_bytes = 0;
    {
      if (name == "sample") {
        articles = load_sample_articles();
      } else {
        articles = faqsearch::bench::generate_articles(generator_options(std::stoul(name.substr(name.find('-') + 1))));
      }
      for (const auto& a : articles) article_bytes += static_cast<std::int64_t>(a.title.size() + a.body.size());
    }
    for (auto _ : state) {
      state.PauseTiming();
      std::vector<Article> batch = articles;  // moved into upsert below: copying is not timed
      const fs::path dir = fresh_dir("write-" + name);
      state.ResumeTiming();
      if (path == IndexPath::kWriter) {
        auto writer = faqsearch::IndexWriter::open(dir, faqsearch::OpenMode::kCreate);
        for (auto& a : batch) writer.upsert(std::move(a));
        writer.commit();
      } else {
        auto builder = faqsearch::IndexBuilder::create(dir);
        for (auto& a : batch) builder.add(std::move(a));
        builder.finish();
      }
      state.PauseTiming();
      fs::remove_all(dir);
      batch.clear();
      state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(articles.size()));
    state.SetBytesProcessed(state.iterations() * article_bytes);
  });
}

// --- Registration and main --------------------------------------------------------------------

std::vector<std::size_t> parse_sizes(const char* text) {
  std::vector<std::size_t> sizes;
  std::string s(text);
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const std::size_t comma = std::min(s.find(',', pos), s.size());
    if (comma > pos) sizes.push_back(std::stoul(s.substr(pos, comma - pos)));
    pos = comma + 1;
  }
  return sizes;
}

void register_benchmarks(const std::vector<std::size_t>& generated_sizes) {
  const auto languages = faqsearch::bench::default_languages();
  std::vector<std::pair<std::string, const std::vector<Query>*>> query_sets;
  query_sets.emplace_back("sample", &sample_queries());
  if (!generated_sizes.empty()) query_sets.emplace_back("generated", &generated_queries());
  for (const auto& [set, queries] : query_sets) {
    for (const auto& lang : languages) {
      benchmark::RegisterBenchmark(("analyze_query/" + set + "/" + lang).c_str(), BM_AnalyzeQuery,
                                   of_language(*queries, lang))
          ->Unit(benchmark::kMicrosecond);
    }
  }
  {
    const std::vector<Article> articles = load_sample_articles();
    for (const auto& lang : languages) {
      std::vector<Article> of_lang;
      for (const Article& a : articles) {
        if (a.lang == lang) of_lang.push_back(a);
      }
      benchmark::RegisterBenchmark(("analyze_article/sample/" + lang).c_str(), BM_AnalyzeArticle, of_lang)
          ->Unit(benchmark::kMicrosecond);
    }
  }
  for (const auto& [set, queries] : query_sets) {
    for (const auto& lang : languages) {
      benchmark::RegisterBenchmark(("build_query/" + set + "/" + lang).c_str(), BM_BuildQuery,
                                   of_language(*queries, lang))
          ->Unit(benchmark::kMicrosecond);
    }
  }

  std::vector<std::string> corpora{"sample"};
  for (auto n : generated_sizes) corpora.push_back(corpus_name(n));
  const std::pair<const char*, SearchMode> searches[] = {
      {"match_top10/", SearchMode::kMatchOnly},
      {"match_top10_no_fallback/", SearchMode::kMatchOnlyNoFallback},
      {"search_snippets_top10/", SearchMode::kWithSnippets},
  };
  for (const auto& [prefix, mode] : searches) {
    for (const auto& c : corpora) {
      benchmark::RegisterBenchmark((prefix + c).c_str(), BM_Search, c, mode)->Unit(benchmark::kMicrosecond);
    }
  }
  for (const auto& c : corpora) {
    benchmark::RegisterBenchmark(("make_snippet_x10/" + c).c_str(), BM_Snippets, c, false)->Unit(benchmark::kMicrosecond);
  }
  for (const auto& c : corpora) {
    benchmark::RegisterBenchmark(("analyze_snippet_x10/" + c).c_str(), BM_Snippets, c, true)->Unit(benchmark::kMicrosecond);
  }
  for (const auto& c : corpora) {
    benchmark::RegisterBenchmark(("search_e2e/" + c).c_str(), BM_Search, c, SearchMode::kEndToEnd)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const auto& c : corpora) {
    benchmark::RegisterBenchmark(("search_e2e_any_lang/" + c).c_str(), BM_Search, c, SearchMode::kEndToEndAnyLanguage)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const auto& [suffix, path] : {std::pair{"", IndexPath::kWriter}, std::pair{"/builder", IndexPath::kBuilder}}) {
    for (std::size_t k = 0; k < corpora.size(); ++k) {
      auto* b = benchmark::RegisterBenchmark(("index/" + corpora[k] + suffix).c_str(), BM_Index, corpora[k], path)
                    ->Unit(benchmark::kMillisecond)
                    ->UseRealTime();  // commit waits on fsync, the builder runs threads: wall time counts
      // Large builds: fixed counts keep a run within ~20 s whatever --benchmark_min_time and
      // --benchmark_repetitions say (a 10,000-article build takes 10-20 s on 2 shared cores).
      const std::size_t n = k == 0 ? 0 : generated_sizes[k - 1];
      if (n >= 5000) {
        b->Iterations(1)->Repetitions(1);
      } else if (n >= 1000) {
        b->Iterations(3);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> generated_sizes{1000, 10000};
  // Our own flag, removed before Google Benchmark sees the arguments.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    constexpr std::string_view kFlag = "--gen_sizes=";
    if (std::string_view(argv[i]).starts_with(kFlag)) {
      generated_sizes = parse_sizes(argv[i] + kFlag.size());
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  int status = 0;
  try {
    g_temp_root = make_temp_root();
    register_benchmarks(generated_sizes);
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "faqsearch_bench: %s\n", e.what());
    status = 1;
  }
  g_corpora.clear();  // close searchers before removing their indexes
  benchmark::Shutdown();
  if (!g_temp_root.empty()) {
    std::error_code ec;
    fs::remove_all(g_temp_root, ec);
  }
  return status;
}
