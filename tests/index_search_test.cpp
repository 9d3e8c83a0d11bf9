// Index and search: upserts, deletes, batches, partitions, filters, pagination, errors.
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
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

// testing::article with the url, category and tags the filter tests read.
Article article(std::string id, std::string lang, std::string title, std::string body,
                std::string category = "shipping", std::vector<std::string> tags = {"delivery"},
                std::string audience = "") {
  Article a = testing::article(std::move(id), std::move(lang), std::move(title), std::move(body), std::move(audience));
  a.url = "https://help.example/" + a.id;
  a.category = std::move(category);
  a.tags = std::move(tags);
  return a;
}

// The ids of a page's hits, each with its language.
std::vector<std::string> ids(const SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id + "/" + h.lang);
  return out;
}

SearchRequest query(std::string text, std::vector<std::string> langs = {}) {
  SearchRequest r;
  r.query = std::move(text);
  r.languages = std::move(langs);
  return r;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(article("track-order", "en", "Where is my order? Tracking your parcel",
                     "Open the tracking link in the shipping email to follow your parcel."));
    w.upsert(article("refund-time", "en", "When will I get my refund?",
                     "Refunds reach your card within 5 business days after the return arrives.", "returns",
                     {"refund", "returns"}));
    w.upsert(article("track-order", "pl", "Gdzie jest moje zamówienie? Śledzenie paczki",
                     "Link do śledzenia przesyłki znajdziesz w e-mailu o wysyłce."));
    w.upsert(article("agent-override", "en", "Goodwill refund override",
                     "Agents may refund up to 50 euros without approval.", "returns", {"refund"}, "agents"));
    w.commit();
  }
  ScratchDir dir_;
};

TEST_F(IndexTest, FindsArticlesInTheirLanguage) {
  Searcher s(dir_.path());
  EXPECT_EQ(ids(s.search(query("tracking parcel", {"en"}))), std::vector<std::string>{"track-order/en"});
  EXPECT_EQ(ids(s.search(query("sledzenie paczki", {"pl"}))), std::vector<std::string>{"track-order/pl"});
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
  w.upsert(article("a-body", "en", "Something else entirely", "A word about warranty in the body text only."));
  w.upsert(article("b-title", "en", "Warranty", "Nothing relevant here at all, just other words."));
  w.commit();
  Searcher s(dir_.path());
  const auto r = s.search(query("warranty", {"en"}));
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "b-title");
}

TEST_F(IndexTest, AudiencesArePartitions) {
  Searcher s(dir_.path());
  EXPECT_EQ(ids(s.search(query("refund", {"en"}))), std::vector<std::string>{"refund-time/en"});
  EXPECT_EQ(s.search(query("goodwill override", {"en"})).total, 0u);
  SearchRequest agents = query("goodwill override", {"en"});
  agents.audiences = {"public", "agents"};
  EXPECT_EQ(ids(s.search(agents)), std::vector<std::string>{"agent-override/en"});
  const IndexStats stats = index_stats(dir_.path());
  EXPECT_EQ(stats.per_audience.at("agents"), 1u);
  EXPECT_EQ(stats.per_audience.at("public"), 3u);
}

TEST_F(IndexTest, UpsertReplacesAcrossAudiences) {
  IndexWriter w = IndexWriter::open(dir_.path());
  Article moved = article("agent-override", "en", "Goodwill refund override", "Now public.", "returns");
  w.upsert(moved);
  w.commit();
  const IndexStats stats = index_stats(dir_.path());
  EXPECT_EQ(stats.articles, 4u);
  EXPECT_EQ(stats.per_audience.count("agents") ? stats.per_audience.at("agents") : 0u, 0u);
  Searcher s(dir_.path());
  EXPECT_EQ(ids(s.search(query("goodwill", {"en"}))), std::vector<std::string>{"agent-override/en"});
}

TEST_F(IndexTest, UpsertReplacesAndRemoveDeletes) {
  Searcher s(dir_.path());
  IndexWriter w = IndexWriter::open(dir_.path());
  w.upsert(article("track-order", "en", "Follow your shipment", "Use the carrier link."));
  w.commit();
  EXPECT_EQ(s.search(query("tracking", {"en"})).hits.size(), 0u);  // searcher sees the commit
  EXPECT_EQ(ids(s.search(query("shipment", {"en"}))), std::vector<std::string>{"track-order/en"});
  w.remove("track-order", "en");
  w.remove("no-such-article", "en");
  w.commit();
  EXPECT_EQ(s.search(query("shipment", {"en"})).hits.size(), 0u);
  EXPECT_EQ(index_stats(dir_.path()).per_language.at("pl"), 1u);  // other languages untouched
}

TEST_F(IndexTest, UncommittedChangesAreInvisibleAndDiscarded) {
  {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(article("new", "en", "Brand new gift cards", "Gift cards."));
    EXPECT_EQ(w.pending(), 1u);
    Searcher s(dir_.path());
    EXPECT_EQ(s.search(query("gift", {"en"})).hits.size(), 0u);
  }  // destroyed without commit
  Searcher s(dir_.path());
  EXPECT_EQ(s.search(query("gift", {"en"})).hits.size(), 0u);
  IndexWriter w = IndexWriter::open(dir_.path());
  w.upsert(article("new", "en", "Brand new gift cards", "Gift cards."));
  w.rollback();
  w.commit();
  EXPECT_EQ(s.search(query("gift", {"en"})).hits.size(), 0u);
}

TEST_F(IndexTest, FiltersByCategoryAndTag) {
  Searcher s(dir_.path());
  SearchRequest r = query("refund parcel", {"en"});
  r.categories = {"Returns"};  // case-insensitive
  EXPECT_EQ(ids(s.search(r)), std::vector<std::string>{"refund-time/en"});
  r.categories.clear();
  r.tags = {"delivery"};
  EXPECT_EQ(ids(s.search(r)), std::vector<std::string>{"track-order/en"});
  r.tags = {"no-such-tag"};
  EXPECT_TRUE(s.search(r).hits.empty());
}

TEST_F(IndexTest, PaginatesConsistently) {
  IndexWriter w = IndexWriter::open(dir_.path());
  for (int i = 0; i < 25; ++i) {
    w.upsert(article("faq-" + std::to_string(i), "en", "Delivery question " + std::to_string(i),
                     std::string(static_cast<std::size_t>(i + 1), 'x') + " delivery"));
  }
  w.commit();
  Searcher s(dir_.path());
  SearchRequest all = query("delivery", {"en"});
  all.limit = 30;
  const auto everything = ids(s.search(all));
  ASSERT_EQ(everything.size(), 26u);  // and the fixture's track-order, tagged "delivery"
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < 26; offset += 10) {
    SearchRequest page = all;
    page.offset = offset;
    page.limit = 10;
    const auto r = s.search(page);
    EXPECT_EQ(r.total, 26u);
    for (std::size_t i = 0; i < r.hits.size(); ++i) EXPECT_EQ(r.hits[i].rank, offset + i);
    for (const auto& id : ids(r)) paged.push_back(id);
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
  EXPECT_EQ(ids(s.search(query("how to", {"en"}))), std::vector<std::string>{"track-order/en"});
}

TEST_F(IndexTest, QuotedPhrasesMatchAdjacentWords) {
  Searcher s(dir_.path());
  EXPECT_EQ(ids(s.search(query("\"tracking link\"", {"en"}))), std::vector<std::string>{"track-order/en"});
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

struct BadArticleRow {
  Article article;
  std::string field;
};

TEST(IndexWriterValidation, RejectsMalformedArticlesNamingTheField) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  const std::vector<BadArticleRow> rows = {
      {article("", "en", "t", "b"), "id"},
      {article("x", "", "t", "b"), "lang"},
      {article("x", "en us!", "t", "b"), "lang"},
      {article("x", "en", "", ""), "title"},
      {article("x", "en", "t", "b", "c", {}, "bad/audience"), "audience"},
      {article(std::string(300, 'x'), "en", "t", "b"), "id"},
  };
  for (const auto& row : rows) {
    try {
      w.upsert(row.article);
      ADD_FAILURE() << "accepted an article with a bad " << row.field;
    } catch (const InvalidArgument& e) {
      EXPECT_NE(std::string(e.what()).find("field " + row.field), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(w.pending(), 0u);
}

TEST(IndexWriterValidation, RepairsInvalidUtf8) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(article("bad-bytes", "en", "Caf\xE9 opening hours", "We open at \xFF 8:00 <b>daily</b>."));
    w.commit();
  }
  Searcher s(dir.path());
  const auto r = s.search(query("opening daily", {"en"}));
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_TRUE(is_valid_utf8(r.hits[0].title));
  EXPECT_TRUE(is_valid_utf8(r.hits[0].snippet.text));
  EXPECT_NE(r.hits[0].snippet.to_html().find("&lt;b&gt;"), std::string::npos);
}

TEST(IndexWriterLocking, SecondWriterIsLockedOut) {
  ScratchDir dir;
  IndexWriter first = IndexWriter::open(dir.path());
  EXPECT_THROW((void)IndexWriter::open(dir.path()), IndexLocked);
}

TEST(IndexOpening, ModesAndForeignDirectories) {
  ScratchDir dir;
  EXPECT_THROW((void)IndexWriter::open(dir.path() / "missing", OpenMode::kOpen), IndexError);
  EXPECT_THROW((void)Searcher(dir.path() / "missing"), IndexError);
  { IndexWriter w = IndexWriter::open(dir.path() / "idx", OpenMode::kCreate); }
  EXPECT_THROW((void)IndexWriter::open(dir.path() / "idx", OpenMode::kCreate), IndexError);
  std::ofstream(dir.path() / "notes.txt") << "someone's files";
  EXPECT_THROW((void)IndexWriter::open(dir.path()), IndexError);  // not empty, not an index
}

TEST(IndexOpening, MismatchedSettingsSayWhatDiffersAndHowToRebuild) {
  ScratchDir dir;
  { IndexWriter w = IndexWriter::open(dir.path()); }
  IndexSettings other;
  other.title_boost = 7;
  try {
    (void)IndexWriter::open(dir.path(), OpenMode::kOpen, other);
    ADD_FAILURE() << "opened with other settings";
  } catch (const IndexMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("title_boost 5 (requested 7)"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("rebuild"), std::string::npos) << e.what();
  }
  // An index written by an older analysis version.
  std::ofstream(dir.path() / detail::kManifestFile)
      << R"({"format":"faqsearch-index","schema_version":1,"analysis_version":0,)"
      << R"("settings":{"max_term_bytes":64,"title_boost":5}})";
  try {
    Searcher s(dir.path());
    ADD_FAILURE() << "opened an index of another analysis version";
  } catch (const IndexMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("analysis version 0"), std::string::npos) << e.what();
  }
  std::ofstream(dir.path() / detail::kManifestFile) << "{ not json";
  EXPECT_THROW(Searcher{dir.path()}, IndexCorrupt);
}

// An index built without word pairs records it: searches analyze queries the same way, and a
// writer asking for pairs is refused rather than mixing the two.
TEST(IndexOpening, WordPairsOffIsRecordedAndKeptBySearches) {
  const std::vector<Article> articles = {
      article("topup", "en", "Top up your gift card", "Add money to a gift card from your account."),
      article("apart", "en", "Card limits", "Spend up to the top limit of your card."),
  };
  IndexSettings no_pairs;
  no_pairs.analysis.word_pairs = false;
  for (const bool pairs : {true, false}) {
    ScratchDir dir;
    {
      IndexWriter w = IndexWriter::open(dir.path(), OpenMode::kCreate, pairs ? IndexSettings{} : no_pairs);
      for (const auto& a : articles) w.upsert(a);
      w.commit();
    }
    const IndexStats stats = index_stats(dir.path());
    EXPECT_EQ(stats.settings.analysis.word_pairs, pairs);
    EXPECT_EQ(index_settings(dir.path()), stats.settings);  // the manifest alone says the same
    // Pairs are kept beside the terms: the partition's pair frequencies exist only with them.
    const Xapian::Database partition((dir.path() / std::string(detail::kPartitionsDir) / "public" / "en").string());
    EXPECT_EQ(partition.metadata_keys_begin(std::string(detail::kMetadataPairFrequencyPrefix)) !=
                  partition.metadata_keys_end(std::string(detail::kMetadataPairFrequencyPrefix)),
              pairs);
    Searcher searcher(dir.path());
    SearchRequest request;
    request.query = "top up gift card";
    request.languages = {"en"};
    const SearchResults result = searcher.search(request);
    ASSERT_FALSE(result.hits.empty());
    EXPECT_EQ(result.hits.front().id, "topup");
    if (!pairs) {
      try {
        (void)IndexWriter::open(dir.path());
        ADD_FAILURE() << "opened an index without word pairs as one with them";
      } catch (const IndexMismatch& e) {
        EXPECT_NE(std::string(e.what()).find("word_pairs off (requested on)"), std::string::npos) << e.what();
      }
    }
  }
  ScratchDir empty;
  EXPECT_THROW((void)index_settings(empty.path()), IndexError);
}

TEST(IndexJournal, ACompleteJournalIsUndoneAndAnIncompleteOneDiscarded) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(article("kept", "en", "Kept as it was", "the first version"));
    w.upsert(article("new", "en", "Added by the batch", "added"));
    w.commit();
  }
  // A writer died while committing a batch that changed "kept" and added "new": the journal
  // holds what they were before it.
  std::ofstream(dir.path() / detail::kJournalFile)
      << R"({"op":"before","id":"kept","lang":"en","article":{"id":"kept","lang":"en","title":"Kept as it was",)"
      << R"("body":"the first version","url":"","category":"","tags":[],"audience":"public","updated_at":""}})" << "\n"
      << R"({"op":"before","id":"new","lang":"en","article":null})" << "\n"
      << R"({"op":"end","count":2,"generation":1000})" << "\n";
  { IndexWriter w = IndexWriter::open(dir.path()); }
  EXPECT_EQ(index_stats(dir.path()).articles, 1u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kJournalFile));
  Searcher s(dir.path());
  EXPECT_EQ(ids(s.search(query("first version", {"en"}))), std::vector<std::string>{"kept/en"});
  // A writer died while writing its journal: no partition had committed, nothing is undone.
  std::ofstream(dir.path() / detail::kJournalFile) << R"({"op":"before","id":"kept","lang":"en","article":null})";
  { IndexWriter w = IndexWriter::open(dir.path()); }
  EXPECT_EQ(index_stats(dir.path()).articles, 1u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kJournalFile));
}

TEST(IndexCommit, ABatchOverManyLanguagesAndAudiencesAppliesEveryChange) {
  // Languages are applied by parallel workers, each with its own analyzer: the result must be
  // what staging order says, in every partition.
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  const std::vector<std::string> langs = {"en", "pl", "nb", "ar", "ja", "zh-Hans", "th"};
  for (int i = 0; i < 30; ++i) {
    for (const auto& lang : langs) {
      w.upsert(article("a" + std::to_string(i), lang, "Return number " + std::to_string(i),
                       "returns and refunds " + std::to_string(i), "returns", {"refund"},
                       i % 3 ? "" : "agents"));
    }
  }
  w.remove("a1", "pl");
  w.upsert(article("a3", "en", "Moved", "moved to the public audience"));  // was agents
  w.commit();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kJournalFile));
  const IndexStats stats = index_stats(dir.path());
  EXPECT_EQ(stats.articles, 30u * langs.size() - 1);
  EXPECT_EQ(stats.per_language.at("pl"), 29u);
  EXPECT_EQ(stats.per_language.at("en"), 30u);
  EXPECT_EQ(stats.per_audience.at("agents"), 10u * langs.size() - 1);
  Searcher s(dir.path());
  SearchRequest r = query("moved", {"en"});
  r.audiences = {"public", "agents"};
  const auto hits = s.search(r).hits;
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].audience, "public");
  // A commit to one partition (committed without a journal) is as visible as any other.
  w.upsert(article("d1", "de", "Aktualisiert", "neuer Text"));
  w.commit();
  EXPECT_EQ(ids(s.search(query("aktualisiert", {"de"}))), std::vector<std::string>{"d1/de"});
  w.compact();
  EXPECT_EQ(index_stats(dir.path()).articles, 30u * langs.size());  // d1/de added, a1/pl removed
  EXPECT_EQ(ids(s.search(query("aktualisiert", {"de"}))), std::vector<std::string>{"d1/de"});
}

TEST(IndexCompaction, KeepsEverySearchResult) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  for (int i = 0; i < 200; ++i) {
    w.upsert(article("a" + std::to_string(i), i % 2 ? "en" : "nb", "Return number " + std::to_string(i),
                     "returns and refunds " + std::to_string(i)));
  }
  w.commit();
  Searcher s(dir.path());
  const auto before = ids(s.search(query("return 17")));
  w.compact();
  EXPECT_EQ(ids(s.search(query("return 17"))), before);
  EXPECT_EQ(index_stats(dir.path()).articles, 200u);
}

// A commit whose generation file comes back with the inode, mtime and size a searcher saw (the
// file system hands back the inode the previous replace freed, and a clock of whole seconds
// repeats the mtime) is still noticed: while the mtime could repeat, the searcher compares the
// file's bytes. Staged here with a hard link that keeps the old inode and a restored mtime.
TEST(SearcherRefresh, NoticesACommitWhoseGenerationFileRepeatsInodeMtimeAndSize) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  w.upsert(article("first", "en", "Delivery", "Parcels arrive in two days."));
  w.commit();
  Searcher s(dir.path());
  EXPECT_EQ(ids(s.search(query("parcels", {"en"}))), std::vector<std::string>{"first/en"});

  const std::filesystem::path generation = dir.path() / std::string(detail::kGenerationFile);
  const std::filesystem::path kept = dir.path() / "generation.kept";
  struct stat seen {};
  ASSERT_EQ(::stat(generation.c_str(), &seen), 0);
  ASSERT_EQ(::link(generation.c_str(), kept.c_str()), 0);
  w.upsert(article("second", "en", "Lockers", "Parcels wait in the locker."));
  w.commit();
  std::string bytes;
  {
    std::ifstream in(generation, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_EQ(bytes.size(), static_cast<std::size_t>(seen.st_size));
  { std::ofstream(kept, std::ios::binary | std::ios::trunc) << bytes; }
  const struct timespec times[2] = {seen.st_atim, seen.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, kept.c_str(), times, 0), 0);
  std::filesystem::rename(kept, generation);
  struct stat now {};
  ASSERT_EQ(::stat(generation.c_str(), &now), 0);
  ASSERT_EQ(now.st_ino, seen.st_ino);
  ASSERT_EQ(now.st_mtim.tv_sec, seen.st_mtim.tv_sec);
  ASSERT_EQ(now.st_mtim.tv_nsec, seen.st_mtim.tv_nsec);

  std::vector<std::string> found = ids(s.search(query("parcels", {"en"})));
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"first/en", "second/en"}));
}

TEST(Concurrency, SearchersInOtherThreadsWhileTheWriterCommits) {
  ScratchDir dir;
  { IndexWriter w = IndexWriter::open(dir.path()); w.upsert(article("seed", "en", "Delivery", "Delivery times.")); w.commit(); }
  std::atomic<bool> done{false};
  std::atomic<int> searches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      Searcher s(dir.path());  // one Searcher per thread, as documented
      while (!done) {
        const auto r = s.search(query("delivery", {"en"}));
        EXPECT_GE(r.hits.size(), 1u);
        ++searches;
      }
    });
  }
  {
    IndexWriter w = IndexWriter::open(dir.path());
    for (int batch = 0; batch < 20; ++batch) {
      for (int i = 0; i < 10; ++i) w.upsert(article("d" + std::to_string(batch * 10 + i), "en", "Delivery " + std::to_string(i), "Delivery."));
      w.commit();
    }
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_GT(searches.load(), 0);
  Searcher s(dir.path());
  SearchRequest r = query("delivery", {"en"});
  EXPECT_EQ(s.search(r).total, 201u);
}

}  // namespace
}  // namespace faqsearch
