#include "search_bench_corpora.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "search/query_builder.h"
#include "typical_queries.h"

namespace faqsearch::bench::search_bench {

namespace fs = std::filesystem;

namespace {

const fs::path kSourceDir = FAQSEARCH_SOURCE_DIR;

constexpr std::size_t kGeneratedQueries = 500;

fs::path g_temp_root;

std::map<std::string, std::unique_ptr<Corpus>> g_corpora;

std::map<std::string, std::string> g_corpus_errors;  // a failed setup is not retried per benchmark

fs::path make_temp_root() {
  std::string pattern = (fs::temp_directory_path() / "faqsearch-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory: " + std::string(std::strerror(errno)));
  }
  return pattern;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::shared_ptr<const faqsearch::bench::Vocabulary> sample_vocabulary() {
  static const auto vocab = std::make_shared<const faqsearch::bench::Vocabulary>(faqsearch::bench::collect_vocabulary(
      kSourceDir / "corpus" / "articles", faqsearch::bench::default_languages()));
  return vocab;
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

}  // namespace

void open_temp_root() { g_temp_root = make_temp_root(); }

void remove_temp_root() {
  g_corpora.clear();  // close searchers before removing their indexes
  if (g_temp_root.empty()) return;
  std::error_code ec;
  fs::remove_all(g_temp_root, ec);
}

fs::path fresh_dir(const std::string& name) {
  static unsigned counter = 0;
  return g_temp_root / (name + "-" + std::to_string(counter++));
}

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

std::vector<Article> load_sample_articles() {
  std::vector<Article> articles;
  faqsearch::read_articles(
      kSourceDir / "corpus" / "articles", {},
      [&](Article&& a, const faqsearch::SourceLocation&) { articles.push_back(std::move(a)); },
      [](const faqsearch::ImportProblem& p) { std::fprintf(stderr, "[setup] sample corpus: %s\n", p.to_string().c_str()); });
  return articles;
}

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

}  // namespace faqsearch::bench::search_bench
