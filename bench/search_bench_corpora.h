// The faqsearch_bench query sets and corpora (search_bench.cpp): the sample help center and
// generated ones, each indexed once into a temporary directory and warmed, with the queries it
// can answer and their top-10 bodies for the snippet benchmarks.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "corpus_generator.h"
#include "faqsearch/faqsearch.h"

namespace faqsearch::bench::search_bench {

/// Creates the temporary directory every index goes into (once, before any corpus).
void open_temp_root();
/// Closes the corpora's searchers and removes the temporary directory (at the end of main).
void remove_temp_root();
/// A new directory name under the temporary one.
std::filesystem::path fresh_dir(const std::string& name);

struct Query {
  std::string text;
  std::string lang;
};

/// The hand-written typical queries plus the judged queries of corpus/queries.jsonl.
const std::vector<Query>& sample_queries();
/// Generated queries: the same for every corpus size (see generate_queries).
const std::vector<Query>& generated_queries();
/// The queries of `all` in `lang`.
std::vector<Query> of_language(const std::vector<Query>& all, const std::string& lang);
/// The generator's options for `articles` articles drawn from the sample's vocabulary.
GeneratorOptions generator_options(std::size_t articles);
/// The sample help center's articles (corpus/articles).
std::vector<Article> load_sample_articles();

/// A query's hit body, analyzed, with the query's terms: what make_snippet gets.
struct SnippetCase {
  std::string body;
  std::string lang;
  std::vector<Token> tokens;
  std::unordered_set<std::string> terms;
};

/// A help center indexed once, its searcher warmed.
struct Corpus {
  std::string name;
  std::vector<Article> articles;
  std::vector<Query> queries;  // those in a language the index holds
  std::filesystem::path index_dir;
  std::unique_ptr<Searcher> searcher;
  std::vector<std::vector<SnippetCase>> top_bodies;  // per query with hits: its top-10 bodies
  std::size_t article_bytes = 0;
};

/// The corpus `name` ("sample" or "gen-<N>"), built on first use (so a filtered run builds only
/// what it needs); a failed setup throws, and throws again on every later call.
Corpus& corpus(const std::string& name);
/// "sample" for 0, else "gen-<N>".
std::string corpus_name(std::size_t generated_size);

}  // namespace faqsearch::bench::search_bench
