// An index's life: malformed articles refused naming the field, one writer at a time, opening
// modes and settings, the commit journal, batches over many partitions, compaction, searchers
// noticing commits, and searches while the writer commits. Searching: index_search_test.cpp.
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

struct BadArticleRow {
  Article article;
  std::string field;
};

TEST(IndexWriterValidation, RejectsMalformedArticlesNamingTheField) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  const std::vector<BadArticleRow> rows = {
      {filed_article("", "en", "t", "b"), "id"},
      {filed_article("x", "", "t", "b"), "lang"},
      {filed_article("x", "en us!", "t", "b"), "lang"},
      {filed_article("x", "en", "", ""), "title"},
      {filed_article("x", "en", "t", "b", "c", {}, "bad/audience"), "audience"},
      {filed_article(std::string(300, 'x'), "en", "t", "b"), "id"},
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
    w.upsert(filed_article("bad-bytes", "en", "Caf\xE9 opening hours", "We open at \xFF 8:00 <b>daily</b>."));
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
      filed_article("topup", "en", "Top up your gift card", "Add money to a gift card from your account."),
      filed_article("apart", "en", "Card limits", "Spend up to the top limit of your card."),
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
    w.upsert(filed_article("kept", "en", "Kept as it was", "the first version"));
    w.upsert(filed_article("new", "en", "Added by the batch", "added"));
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
  EXPECT_EQ(ids_with_lang(s.search(query("first version", {"en"}))), std::vector<std::string>{"kept/en"});
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
      w.upsert(filed_article("a" + std::to_string(i), lang, "Return number " + std::to_string(i),
                       "returns and refunds " + std::to_string(i), "returns", {"refund"},
                       i % 3 ? "" : "agents"));
    }
  }
  w.remove("a1", "pl");
  w.upsert(filed_article("a3", "en", "Moved", "moved to the public audience"));  // was agents
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
  w.upsert(filed_article("d1", "de", "Aktualisiert", "neuer Text"));
  w.commit();
  EXPECT_EQ(ids_with_lang(s.search(query("aktualisiert", {"de"}))), std::vector<std::string>{"d1/de"});
  w.compact();
  EXPECT_EQ(index_stats(dir.path()).articles, 30u * langs.size());  // d1/de added, a1/pl removed
  EXPECT_EQ(ids_with_lang(s.search(query("aktualisiert", {"de"}))), std::vector<std::string>{"d1/de"});
}

TEST(IndexCompaction, KeepsEverySearchResult) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  for (int i = 0; i < 200; ++i) {
    w.upsert(filed_article("a" + std::to_string(i), i % 2 ? "en" : "nb", "Return number " + std::to_string(i),
                     "returns and refunds " + std::to_string(i)));
  }
  w.commit();
  Searcher s(dir.path());
  const auto before = ids_with_lang(s.search(query("return 17")));
  w.compact();
  EXPECT_EQ(ids_with_lang(s.search(query("return 17"))), before);
  EXPECT_EQ(index_stats(dir.path()).articles, 200u);
}

// A commit whose generation file comes back with the inode, mtime and size a searcher saw (the
// file system hands back the inode the previous replace freed, and a clock of whole seconds
// repeats the mtime) is still noticed: while the mtime could repeat, the searcher compares the
// file's bytes. Staged here with a hard link that keeps the old inode and a restored mtime.
TEST(SearcherRefresh, NoticesACommitWhoseGenerationFileRepeatsInodeMtimeAndSize) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  w.upsert(filed_article("first", "en", "Delivery", "Parcels arrive in two days."));
  w.commit();
  Searcher s(dir.path());
  EXPECT_EQ(ids_with_lang(s.search(query("parcels", {"en"}))), std::vector<std::string>{"first/en"});

  const std::filesystem::path generation = dir.path() / std::string(detail::kGenerationFile);
  const std::filesystem::path kept = dir.path() / "generation.kept";
  struct stat seen {};
  ASSERT_EQ(::stat(generation.c_str(), &seen), 0);
  ASSERT_EQ(::link(generation.c_str(), kept.c_str()), 0);
  w.upsert(filed_article("second", "en", "Lockers", "Parcels wait in the locker."));
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

  std::vector<std::string> found = ids_with_lang(s.search(query("parcels", {"en"})));
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"first/en", "second/en"}));
}

TEST(Concurrency, SearchersInOtherThreadsWhileTheWriterCommits) {
  ScratchDir dir;
  { IndexWriter w = IndexWriter::open(dir.path()); w.upsert(filed_article("seed", "en", "Delivery", "Delivery times.")); w.commit(); }
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
      for (int i = 0; i < 10; ++i) w.upsert(filed_article("d" + std::to_string(batch * 10 + i), "en", "Delivery " + std::to_string(i), "Delivery."));
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
