// Index and search: finding articles by language, partitions and audiences, upserts and deletes,
// filters, pagination, hits and snippets, bad requests. An index's life (writers, opening,
// journal, compaction, refresh, concurrency): index_lifecycle_test.cpp.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <thread>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/schema.h"
#include "index_test_support.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::filed_article;
using testing::ids_with_lang;
using testing::query;
using testing::ScratchDir;

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(filed_article("track-order", "en", "Where is my order? Tracking your parcel",
                     "Open the tracking link in the shipping email to follow your parcel."));
    w.upsert(filed_article("refund-time", "en", "When will I get my refund?",
                     "Refunds reach your card within 5 business days after the return arrives.", "returns",
                     {"refund", "returns"}));
    w.upsert(filed_article("track-order", "pl", "Gdzie jest moje zamówienie? Śledzenie paczki",
                     "Link do śledzenia przesyłki znajdziesz w e-mailu o wysyłce."));
    w.upsert(filed_article("agent-override", "en", "Goodwill refund override",
                     "Agents may refund up to 50 euros without approval.", "returns", {"refund"}, "agents"));
    w.commit();
  }
  ScratchDir dir_;
};

TEST_F(IndexTest, FindsArticlesInTheirLanguage) {
  Searcher s(dir_.path());
  EXPECT_EQ(ids_with_lang(s.search(query("tracking parcel", {"en"}))), std::vector<std::string>{"track-order/en"});
  EXPECT_EQ(ids_with_lang(s.search(query("sledzenie paczki", {"pl"}))), std::vector<std::string>{"track-order/pl"});
}

TEST_F(IndexTest, SearchesEveryLanguageWhenNoneIsGiven) {
  Searcher s(dir_.path());
  // Both translations match; the article is one hit, in its best-scoring translation, which
  // names the other.
  const auto r = s.search(query("parcel paczki"));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 1u);
  EXPECT_EQ(r.hits[0].id, "track-order");
  EXPECT_EQ(r.hits[0].translations, std::vector<std::string>{r.hits[0].lang == "en" ? "pl" : "en"});
  EXPECT_EQ(r.languages, (std::vector<std::string>{"en", "pl"}));
  EXPECT_EQ(s.languages(), (std::vector<std::string>{"en", "pl"}));
}

TEST_F(IndexTest, TitleMatchesOutrankBodyMatches) {
  IndexWriter w = IndexWriter::open(dir_.path());
  w.upsert(filed_article("a-body", "en", "Something else entirely", "A word about warranty in the body text only."));
  w.upsert(filed_article("b-title", "en", "Warranty", "Nothing relevant here at all, just other words."));
  w.commit();
  Searcher s(dir_.path());
  const auto r = s.search(query("warranty", {"en"}));
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "b-title");
}

TEST_F(IndexTest, AudiencesArePartitions) {
  Searcher s(dir_.path());
  EXPECT_EQ(ids_with_lang(s.search(query("refund", {"en"}))), std::vector<std::string>{"refund-time/en"});
  EXPECT_EQ(s.search(query("goodwill override", {"en"})).total, 0u);
  SearchRequest agents = query("goodwill override", {"en"});
  agents.audiences = {"public", "agents"};
  EXPECT_EQ(ids_with_lang(s.search(agents)), std::vector<std::string>{"agent-override/en"});
  const IndexStats stats = index_stats(dir_.path());
  EXPECT_EQ(stats.per_audience.at("agents"), 1u);
  EXPECT_EQ(stats.per_audience.at("public"), 3u);
}

TEST_F(IndexTest, UpsertReplacesAcrossAudiences) {
  IndexWriter w = IndexWriter::open(dir_.path());
  Article moved = filed_article("agent-override", "en", "Goodwill refund override", "Now public.", "returns");
  w.upsert(moved);
  w.commit();
  const IndexStats stats = index_stats(dir_.path());
  EXPECT_EQ(stats.articles, 4u);
  EXPECT_EQ(stats.per_audience.count("agents") ? stats.per_audience.at("agents") : 0u, 0u);
  Searcher s(dir_.path());
  EXPECT_EQ(ids_with_lang(s.search(query("goodwill", {"en"}))), std::vector<std::string>{"agent-override/en"});
}

TEST_F(IndexTest, UpsertReplacesAndRemoveDeletes) {
  Searcher s(dir_.path());
  IndexWriter w = IndexWriter::open(dir_.path());
  w.upsert(filed_article("track-order", "en", "Follow your shipment", "Use the carrier link."));
  w.commit();
  EXPECT_EQ(s.search(query("tracking", {"en"})).hits.size(), 0u);  // searcher sees the commit
  EXPECT_EQ(ids_with_lang(s.search(query("shipment", {"en"}))), std::vector<std::string>{"track-order/en"});
  w.remove("track-order", "en");
  w.remove("no-such-article", "en");
  w.commit();
  EXPECT_EQ(s.search(query("shipment", {"en"})).hits.size(), 0u);
  EXPECT_EQ(index_stats(dir_.path()).per_language.at("pl"), 1u);  // other languages untouched
}

TEST_F(IndexTest, UncommittedChangesAreInvisibleAndDiscarded) {
  {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(filed_article("new", "en", "Brand new gift cards", "Gift cards."));
    EXPECT_EQ(w.pending(), 1u);
    Searcher s(dir_.path());
    EXPECT_EQ(s.search(query("gift", {"en"})).hits.size(), 0u);
  }  // destroyed without commit
  Searcher s(dir_.path());
  EXPECT_EQ(s.search(query("gift", {"en"})).hits.size(), 0u);
  IndexWriter w = IndexWriter::open(dir_.path());
  w.upsert(filed_article("new", "en", "Brand new gift cards", "Gift cards."));
  w.rollback();
  w.commit();
  EXPECT_EQ(s.search(query("gift", {"en"})).hits.size(), 0u);
}

TEST_F(IndexTest, FiltersByCategoryAndTag) {
  Searcher s(dir_.path());
  SearchRequest r = query("refund parcel", {"en"});
  r.categories = {"Returns"};  // case-insensitive
  EXPECT_EQ(ids_with_lang(s.search(r)), std::vector<std::string>{"refund-time/en"});
  r.categories.clear();
  r.tags = {"delivery"};
  EXPECT_EQ(ids_with_lang(s.search(r)), std::vector<std::string>{"track-order/en"});
  r.tags = {"no-such-tag"};
  EXPECT_TRUE(s.search(r).hits.empty());
}

TEST_F(IndexTest, PaginatesConsistently) {
  IndexWriter w = IndexWriter::open(dir_.path());
  for (int i = 0; i < 25; ++i) {
    w.upsert(filed_article("faq-" + std::to_string(i), "en", "Delivery question " + std::to_string(i),
                     std::string(static_cast<std::size_t>(i + 1), 'x') + " delivery"));
  }
  w.commit();
  Searcher s(dir_.path());
  SearchRequest all = query("delivery", {"en"});
  all.limit = 30;
  const auto everything = ids_with_lang(s.search(all));
  ASSERT_EQ(everything.size(), 26u);  // and the fixture's track-order, tagged "delivery"
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 26; offset += 10) {
    SearchRequest page = all;
    page.offset = offset;
    page.limit = 10;
    const auto r = s.search(page);
    EXPECT_EQ(r.total, 26u);
    for (std::size_t i = 0; i < r.hits.size(); ++i) EXPECT_EQ(r.hits[i].rank, offset + i);
    for (const auto& id : ids_with_lang(r)) paged.push_back(id);
  }
  EXPECT_EQ(paged, everything);
}

TEST_F(IndexTest, HitsCarryTheArticleAndHighlightedSnippets) {
  Searcher s(dir_.path());
  const auto r = s.search(query("tracking link", {"en"}));
  ASSERT_FALSE(r.hits.empty());
  const Hit& hit = r.hits[0];
  EXPECT_EQ(hit.url, "https://help.example/track-order");
  EXPECT_EQ(hit.category, "shipping");
  EXPECT_EQ(hit.tags, std::vector<std::string>{"delivery"});
  EXPECT_GT(hit.score, 0);
  EXPECT_EQ(hit.snippet.to_html(), "Open the <mark>tracking</mark> <mark>link</mark> in the shipping email to follow your parcel.");
  EXPECT_EQ(hit.title_snippet.to_html(), "Where is my order? <mark>Tracking</mark> your parcel");
}

TEST_F(IndexTest, NoSnippetsMeansPlainTitlesAndNoBodyPassage) {
  Searcher s(dir_.path());
  SearchRequest r = query("tracking link", {"en"});
  r.snippets = false;
  const auto result = s.search(r);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits[0].title_snippet.text, "Where is my order? Tracking your parcel");
  EXPECT_TRUE(result.hits[0].title_snippet.highlights.empty());
  EXPECT_TRUE(result.hits[0].snippet.text.empty());
}

TEST_F(IndexTest, HitsWithoutSnippetsCarryTheSameArticleFields) {
  // Without snippets the searcher reads the stored header value, not the full record.
  Searcher s(dir_.path());
  SearchRequest with = query("refund tracking", {"en"});
  with.audiences = {"public", "agents"};
  SearchRequest without = with;
  without.snippets = false;
  const auto a = s.search(with);
  const auto b = s.search(without);
  ASSERT_EQ(a.hits.size(), b.hits.size());
  ASSERT_FALSE(a.hits.empty());
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    SCOPED_TRACE(a.hits[i].id);
    EXPECT_EQ(a.hits[i].id, b.hits[i].id);
    EXPECT_EQ(a.hits[i].lang, b.hits[i].lang);
    EXPECT_EQ(a.hits[i].title, b.hits[i].title);
    EXPECT_EQ(a.hits[i].url, b.hits[i].url);
    EXPECT_EQ(a.hits[i].category, b.hits[i].category);
    EXPECT_EQ(a.hits[i].tags, b.hits[i].tags);
    EXPECT_EQ(a.hits[i].audience, b.hits[i].audience);
    EXPECT_EQ(a.hits[i].updated_at, b.hits[i].updated_at);
    EXPECT_EQ(a.hits[i].score, b.hits[i].score);
  }
}

TEST_F(IndexTest, HostileQueriesAreCheap) {
  Searcher s(dir_.path());
  const std::string unit = "parcel refund \"x y z\" ((( ";
  std::string long_query, at_the_limit;  // kMaxQueryPhrases units: the most phrases allowed
  for (int i = 0; i < 20000; ++i) long_query += unit;
  for (std::size_t i = 0; i < kMaxQueryPhrases; ++i) at_the_limit += unit;
  // Over the limits of their shape: refused before any work (input_bounds_test.cpp has more).
  EXPECT_THROW((void)s.search(query(long_query, {"en"})), InvalidArgument);
  EXPECT_TRUE(s.search(query("", {"en"})).hits.empty());
  EXPECT_TRUE(s.search(query("?!... ---", {"en"})).hits.empty());
  EXPECT_THROW((void)s.search(query(std::string(5000, '"'), {"en"})), InvalidArgument);
  EXPECT_NO_THROW((void)s.search(query(at_the_limit, {"en"})));
  EXPECT_NO_THROW((void)s.search(query("\xFF\xFE parcel \xC0", {"en"})));
  // A query of only stop words still searches them ("to" is in the tracking article).
  EXPECT_EQ(ids_with_lang(s.search(query("how to", {"en"}))), std::vector<std::string>{"track-order/en"});
}

TEST_F(IndexTest, QuotedPhrasesMatchAdjacentWords) {
  Searcher s(dir_.path());
  EXPECT_EQ(ids_with_lang(s.search(query("\"tracking link\"", {"en"}))), std::vector<std::string>{"track-order/en"});
  EXPECT_TRUE(s.search(query("\"link tracking\"", {"en"})).hits.empty());
}

TEST_F(IndexTest, RejectsBadRequests) {
  Searcher s(dir_.path());
  SearchRequest r = query("parcel");
  r.limit = 0;
  EXPECT_THROW((void)s.search(r), InvalidArgument);
  r.limit = 10;
  r.languages = {"not a tag!"};
  EXPECT_THROW((void)s.search(r), InvalidArgument);
}

}  // namespace
}  // namespace faqsearch
