// faqsearch through its public API only, used the way the CLI's bulk build and a search service
// use it: IndexBuilder for the bulk build, IndexWriter for updates; one Searcher per
// thread sharing one SharedResources, one language per request, top 10.
#include <optional>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "peers/engine.h"

namespace faqsearch::bench::peers {
namespace {

/// A new index: the bulk path, IndexBuilder (commit() has nothing to do: the build is one unit).
class FaqsearchBuilder final : public PeerIndexer {
 public:
  FaqsearchBuilder(const std::filesystem::path& dir, const IndexSettings& settings, std::size_t batch)
      : builder_(IndexBuilder::create(dir, settings, batch)) {}

  void add(const Article& article, std::uint64_t /*ordinal*/) override { builder_.add(article); }
  void commit() override {}
  void finish() override { builder_.finish(); }  // merges the segments: compacted
  void update(const Article& /*article*/, std::uint64_t /*ordinal*/) override {
    throw Error("a bulk build takes no updates; open the built index for them");
  }

 private:
  IndexBuilder builder_;
};

/// An existing index: single-article updates through IndexWriter.
class FaqsearchIndexer final : public PeerIndexer {
 public:
  FaqsearchIndexer(const std::filesystem::path& dir, const IndexSettings& settings)
      : writer_(IndexWriter::open(dir, OpenMode::kOpen, settings)) {}

  void add(const Article& article, std::uint64_t /*ordinal*/) override { writer_.upsert(article); }
  void commit() override { writer_.commit(); }
  void finish() override { writer_.compact(); }  // compact() commits first
  void update(const Article& article, std::uint64_t /*ordinal*/) override {
    writer_.upsert(article);
    writer_.commit();
  }

 private:
  IndexWriter writer_;
};

class FaqsearchSearcher final : public PeerSearcher {
 public:
  FaqsearchSearcher(const std::filesystem::path& dir, const SharedResources& resources, const FaqsearchVariant& variant)
      : searcher_(dir, resources) {
    // A help center's search page: the default-language fallback, and facet counts beside the hits.
    request_.fallback = variant.help_center;
    request_.facets = variant.help_center;
    request_.corrections = variant.discovery;
    request_.diagnose = variant.discovery;
  }

  void search(const PeerQuery& query, bool snippets, std::vector<PeerHit>& hits) override {
    request_.query = query.text;
    request_.languages.assign(1, query.lang);
    request_.limit = 10;
    request_.snippets = snippets;
    const SearchResults results = searcher_.search(request_);
    hits.clear();
    for (const Hit& h : results.hits) hits.push_back({h.id, h.title});
  }

 private:
  bool suggest(const PeerQuery& query, const std::string& text) override {
    SuggestRequest request;
    request.text = text;
    request.languages.assign(1, query.lang);
    const Suggestions out = searcher_.suggest(request);
    return true;
  }

  Searcher searcher_;
  SearchRequest request_;
};

class FaqsearchEngine final : public PeerEngine {
 public:
  explicit FaqsearchEngine(FaqsearchVariant variant) : variant_(std::move(variant)) {
    settings_.analysis.word_pairs = variant_.word_pairs;
  }
  [[nodiscard]] std::string name() const override { return variant_.name; }
  [[nodiscard]] bool snippets() const override { return true; }
  std::unique_ptr<PeerIndexer> open_indexer(const std::filesystem::path& dir, bool create,
                                            std::size_t batch) override {
    if (create) return std::make_unique<FaqsearchBuilder>(dir, settings_, batch);
    return std::make_unique<FaqsearchIndexer>(dir, settings_);
  }
  std::unique_ptr<PeerSearcher> open_searcher(const std::filesystem::path& dir) override {
    return std::make_unique<FaqsearchSearcher>(dir, resources_, variant_);
  }

 private:
  FaqsearchVariant variant_;
  IndexSettings settings_;
  SharedResources resources_;  // one dictionary for the searcher of every thread, as a service would
};

}  // namespace

std::unique_ptr<PeerEngine> make_faqsearch_engine(const FaqsearchVariant& variant) {
  return std::make_unique<FaqsearchEngine>(variant);
}

}  // namespace faqsearch::bench::peers
