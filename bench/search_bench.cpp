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

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "corpus_generator.h"
#include "faqsearch/faqsearch.h"
#include "search/query_builder.h"
#include "search/snippet.h"
#include "search_bench_corpora.h"

namespace {

namespace fs = std::filesystem;
using faqsearch::Article;
using faqsearch::bench::GeneratorOptions;

using namespace faqsearch::bench::search_bench;  // the query sets and corpora

constexpr std::size_t kTopK = 10;

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
    open_temp_root();
    register_benchmarks(generated_sizes);
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "faqsearch_bench: %s\n", e.what());
    status = 1;
  }
  remove_temp_root();
  benchmark::Shutdown();
  return status;
}
