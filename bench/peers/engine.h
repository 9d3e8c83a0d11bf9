// The peer benchmark's view of a search engine: build an index from articles, answer queries with
// the top 10 (id + title), update one article. One implementation per engine (faqsearch, raw
// Xapian, SQLite FTS5, Lucene++); peer_phases.cpp measures them all the same way.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/article.h"

namespace faqsearch::bench::peers {

/// What the shopper typed, pre-split so that every engine can express it in its own syntax.
/// Plain data.
struct PeerQuery {
  enum class Shape : std::uint8_t { kWords, kPhrase, kPrefix };
  /// As typed ("change deliv", "\"track order\""): faqsearch takes this text as is.
  std::string text;
  std::string lang;
  Shape shape = Shape::kWords;
  /// The space-separated words, quotes removed. kPhrase: one element, the phrase as written
  /// (CJK phrases have no spaces). kPrefix: the last word is the half-typed one.
  std::vector<std::string> words;
  /// Generator shape name ("one-word", "phrase"...), for per-shape figures.
  std::string shape_name;
};

/// One result.
struct PeerHit {
  std::string id;
  std::string title;
};

/// Builds (or updates) an index. Thread-safety: NOT thread-safe; one thread.
class PeerIndexer {
 public:
  virtual ~PeerIndexer() = default;
  /// Adds one article (`ordinal` counts from 0 in corpus order; a stable key for engines that
  /// want an integer one).
  virtual void add(const Article& article, std::uint64_t ordinal) = 0;
  /// Makes what was added durable (called every batch of articles).
  virtual void commit() = 0;
  /// Last commit, then the engine's compaction/optimization after a bulk build.
  virtual void finish() = 0;
  /// Replaces the article `ordinal` (same id and lang) and commits: the single-article update.
  virtual void update(const Article& article, std::uint64_t ordinal) = 0;
};

/// Answers queries. Thread-safety: NOT thread-safe; one handle per thread.
class PeerSearcher {
 public:
  virtual ~PeerSearcher() = default;
  /// The top 10 for `query` in its language into `hits` (cleared first). With `snippets`, also a
  /// highlighted body passage per hit (only engines where snippets() is true).
  virtual void search(const PeerQuery& query, bool snippets, std::vector<PeerHit>& hits) = 0;
  /// Search-box suggestions (completions and titles, 5 each) for `text`; false when the engine
  /// has none (only faqsearch: the others would need a suggester built beside them).
  virtual bool suggest(const PeerQuery& query, const std::string& text) {
    (void)query;
    (void)text;
    return false;
  }
};

/// An engine: a name and factories. Thread-safety: the factories may be called from any thread.
class PeerEngine {
 public:
  virtual ~PeerEngine() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  /// Whether search(..., snippets=true) builds snippets.
  [[nodiscard]] virtual bool snippets() const = 0;
  /// `create`: a new index in the (empty or missing) directory `dir`, fed commit() every `batch`
  /// articles (an engine with its own bulk path may buffer that many instead); otherwise open the
  /// index built there for updates.
  virtual std::unique_ptr<PeerIndexer> open_indexer(const std::filesystem::path& dir, bool create,
                                                    std::size_t batch) = 0;
  virtual std::unique_ptr<PeerSearcher> open_searcher(const std::filesystem::path& dir) = 0;
};

/// The engines, by name: "faqsearch", "xapian", "fts5", "lucenepp", "faqsearch-nopairs"
/// (faqsearch without word pairs, AnalysisOptions::word_pairs) and "faqsearch-lean" (faqsearch
/// without the help-center features a search can turn off: no default-language fallback), the
/// last two not in a full run's report (run their phases with --engine). nullptr for another name.
std::unique_ptr<PeerEngine> make_engine(std::string_view name);

/// The engine names in report order.
std::vector<std::string> engine_names();

/// Which faqsearch the benchmark runs: what a help center's page asks for, or less of it, to
/// measure what each feature costs.
struct FaqsearchVariant {
  std::string name = "faqsearch";
  bool word_pairs = true;
  /// The default-language fallback and facet counts (SearchRequest::fallback, ::facets).
  bool help_center = true;
  /// Did-you-mean and zero-result diagnosis (SearchRequest::corrections, ::diagnose), on by
  /// default in the library.
  bool discovery = true;
};

std::unique_ptr<PeerEngine> make_faqsearch_engine(const FaqsearchVariant& variant = {});
std::unique_ptr<PeerEngine> make_xapian_engine();
std::unique_ptr<PeerEngine> make_fts5_engine();
std::unique_ptr<PeerEngine> make_lucenepp_engine();

}  // namespace faqsearch::bench::peers
