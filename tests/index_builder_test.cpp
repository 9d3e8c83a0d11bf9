// IndexBuilder, the bulk path: the same index as IndexWriter, duplicates, bad input, failures.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/word_pairs.h"
#include "index/writer_internals.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::article;
using testing::ScratchDir;

// The ids of a page's hits, each with its audience.
std::vector<std::string> ids(const SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id + "/" + h.audience);
  return out;
}

std::vector<Article> sample_corpus() {
  std::vector<Article> out;
  read_articles(testing::source_dir() / "corpus" / "articles", {},
                [&](Article&& a, const SourceLocation&) { out.push_back(std::move(a)); },
                [](const ImportProblem& p) { FAIL() << p.to_string(); });
  return out;
}

SearchRequest query(std::string text, std::string lang, std::vector<std::string> audiences = {"public"}) {
  SearchRequest r;
  r.query = std::move(text);
  r.languages = {std::move(lang)};
  r.audiences = std::move(audiences);
  r.snippets = false;
  return r;
}

/// Every judged query of the sample help center gets the same scores from `a` as from `b`. Docids
/// differ between the two, so hits of equal score may come in another order: compare scores, and
/// the hits above the last score shown.
void expect_same_search_results(const std::filesystem::path& a, const std::filesystem::path& b) {
  Searcher from_a(a), from_b(b);
  std::ifstream queries(testing::source_dir() / "corpus" / "queries.jsonl");
  std::string line;
  int compared = 0;
  while (std::getline(queries, line)) {
    const auto q = nlohmann::json::parse(line);
    const SearchRequest r = query(q.at("text"), q.at("lang"));
    const SearchResults expected = from_a.search(r), got = from_b.search(r);
    ASSERT_EQ(got.hits.size(), expected.hits.size()) << line;
    // total is Xapian's estimate, which depends on docid order: not compared.
    std::map<std::string, double> expected_above, got_above;
    for (std::size_t i = 0; i < got.hits.size(); ++i) {
      EXPECT_NEAR(got.hits[i].score, expected.hits[i].score, 1e-9) << line;
      if (expected.hits[i].score > expected.hits.back().score + 1e-9) {
        expected_above[expected.hits[i].id] = expected.hits[i].score;
      }
      if (got.hits[i].score > got.hits.back().score + 1e-9) got_above[got.hits[i].id] = got.hits[i].score;
    }
    EXPECT_EQ(std::ssize(got_above), std::ssize(expected_above)) << line;
    for (const auto& [id, score] : expected_above) EXPECT_TRUE(got_above.contains(id)) << line << " " << id;
    ++compared;
  }
  EXPECT_GT(compared, 100);
}

/// Every partition of `a` and `b` holds the same word-pair frequency buckets (index/word_pairs.h):
/// the builder sums its segments' buckets when it merges them.
void expect_same_pair_frequencies(const std::filesystem::path& a, const std::filesystem::path& b) {
  const std::string prefix(detail::kMetadataPairFrequencyPrefix);
  const auto buckets = [&](const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;  // partition and key → bucket
    for (const auto& p : detail::list_partitions(dir)) {
      const Xapian::Database db(p.path.string());
      for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        out[p.audience + "/" + p.lang + " " + *k] = db.get_metadata(*k);
      }
    }
    return out;
  };
  const auto expected = buckets(a), got = buckets(b);
  EXPECT_GT(expected.size(), 100u);
  EXPECT_EQ(got.size(), expected.size());
  std::size_t differing = 0;
  for (const auto& [key, bucket] : expected) differing += got.contains(key) && got.at(key) == bucket ? 0 : 1;
  EXPECT_EQ(differing, 0u);
}

TEST(IndexBuilder, BuildsTheIndexIndexWriterBuilds) {
  // The sample read language by language, and interleaved; a small batch (many segment commits)
  // and a large one. Polish lemma tables included.
  std::vector<Article> sorted = sample_corpus();
  ASSERT_GT(sorted.size(), 100u);
  std::vector<Article> interleaved;
  std::map<std::string, std::vector<Article>> by_lang;
  for (const auto& a : sorted) by_lang[a.lang].push_back(a);
  for (std::size_t i = 0; interleaved.size() < sorted.size(); ++i) {
    for (const auto& [lang, articles] : by_lang) {
      if (i < articles.size()) interleaved.push_back(articles[i]);
    }
  }
  ScratchDir by_writer;
  {
    IndexWriter w = IndexWriter::open(by_writer.path(), OpenMode::kCreate);
    for (const auto& a : sorted) w.upsert(a);
    w.commit();
    w.compact();
  }
  const IndexStats expected = index_stats(by_writer.path());
  struct Case {
    const std::vector<Article>* articles;
    std::size_t batch;
  };
  for (const Case& c : {Case{&sorted, 40}, Case{&interleaved, 1500}}) {
    SCOPED_TRACE("batch " + std::to_string(c.batch));
    ScratchDir by_builder;
    IndexBuilder b = IndexBuilder::create(by_builder.path(), {}, c.batch);
    for (const auto& a : *c.articles) b.add(a);
    EXPECT_EQ(b.added(), c.articles->size());
    b.finish();
    EXPECT_FALSE(std::filesystem::exists(by_builder.path() / detail::kScratchDir));
    expect_same_pair_frequencies(by_writer.path(), by_builder.path());
    const IndexStats got = index_stats(by_builder.path());
    EXPECT_EQ(got.articles, expected.articles);
    EXPECT_EQ(got.per_language, expected.per_language);
    EXPECT_EQ(got.distinct_terms, expected.distinct_terms);
    expect_same_search_results(by_writer.path(), by_builder.path());
  }
}

TEST(IndexBuilder, TheLastVersionOfAnArticleWinsWhateverItsAudience) {
  ScratchDir dir;
  IndexBuilder b = IndexBuilder::create(dir.path(), {}, 3);
  for (int i = 0; i < 50; ++i) {
    b.add(article("a" + std::to_string(i), "en", "Return number " + std::to_string(i), "returns"));
  }
  b.add(article("a7", "en", "Moved", "moved to agents", "agents"));
  b.add(article("a8", "en", "Rewritten", "rewritten once"));
  b.add(article("a8", "en", "Rewritten again", "rewritten twice"));
  b.add(article("a8", "pl", "Inny język", "ten sam identyfikator, inny język"));
  b.finish();

  const IndexStats stats = index_stats(dir.path());
  EXPECT_EQ(stats.articles, 51u);
  EXPECT_EQ(stats.per_audience.at("agents"), 1u);
  Searcher s(dir.path());
  EXPECT_EQ(ids(s.search(query("moved", "en", {"public", "agents"}))), std::vector<std::string>{"a7/agents"});
  EXPECT_TRUE(s.search(query("number 7", "en")).hits.size() < 50);
  EXPECT_EQ(ids(s.search(query("twice", "en"))), std::vector<std::string>{"a8/public"});
  EXPECT_TRUE(s.search(query("once", "en")).hits.empty());
  EXPECT_EQ(ids(s.search(query("identyfikator", "pl"))), std::vector<std::string>{"a8/public"});
}

TEST(IndexBuilder, MalformedArticlesAreRefusedAndTheRestIsBuilt) {
  ScratchDir dir;
  IndexBuilder b = IndexBuilder::create(dir.path());
  b.add(article("ok", "en", "Fine", "a good article"));
  try {
    b.add(article("", "en", "No id", "body"));
    FAIL() << "an empty id was accepted";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("field id"), std::string::npos) << e.what();
  }
  EXPECT_THROW(b.add(article("x", "not a language!", "t", "b")), InvalidArgument);
  EXPECT_THROW(b.add(article("x", "en", "", "")), InvalidArgument);
  EXPECT_EQ(b.added(), 1u);
  b.finish();
  EXPECT_THROW(b.add(article("late", "en", "Late", "after finish")), InvalidArgument);
  EXPECT_EQ(index_stats(dir.path()).articles, 1u);
}

TEST(IndexBuilder, NothingIsVisibleBeforeFinishAndAnAbandonedBuildIsAnInterruptedOne) {
  ScratchDir dir;
  {
    IndexBuilder b = IndexBuilder::create(dir.path(), {}, 2);
    for (int i = 0; i < 300; ++i) b.add(article("a" + std::to_string(i), i % 2 ? "en" : "nb", "Retur", "retur"));
    EXPECT_THROW(IndexWriter::open(dir.path()), IndexLocked);
    EXPECT_EQ(index_stats(dir.path()).articles, 0u);
    EXPECT_TRUE(Searcher(dir.path()).search(query("retur", "nb")).hits.empty());
  }  // destroyed without finish()
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kScratchDir));
  EXPECT_EQ(index_stats(dir.path()).articles, 0u);
  // Not an empty index that answers "0 results": a build that did not finish, built again.
  EXPECT_EQ(index_state(dir.path()), IndexState::kInterruptedBuild);
  EXPECT_THROW(IndexWriter::open(dir.path(), OpenMode::kOpen), IndexError);
  IndexBuilder again = IndexBuilder::create(dir.path());
  again.add(article("later", "en", "Later", "added by the second build"));
  again.finish();
  EXPECT_EQ(index_stats(dir.path()).articles, 1u);
  EXPECT_EQ(index_state(dir.path()), IndexState::kReady);
}

TEST(IndexBuilder, AWriterRemovesTheSegmentsOfABuildThatDied) {
  ScratchDir dir;
  { IndexWriter w = IndexWriter::open(dir.path()); }
  const auto stale = dir.path() / detail::kScratchDir / "segment-0" / "partitions" / "public" / "en";
  std::filesystem::create_directories(stale);
  std::ofstream(stale / "postlist.glass") << "left by a killed build";
  { IndexWriter w = IndexWriter::open(dir.path()); }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kScratchDir));
}

TEST(IndexBuilder, AFailingSegmentFailsTheBuildAndLeavesTheIndexEmpty) {
  // The segments cannot create their partitions (a file stands where the directory must go): the
  // worker's failure reaches add() or finish() as IndexError, and nothing becomes visible.
  ScratchDir dir;
  bool failed = false;
  {
    IndexBuilder b = IndexBuilder::create(dir.path(), {}, 1);
    for (const auto& segment : std::filesystem::directory_iterator(dir.path() / detail::kScratchDir)) {
      std::ofstream(segment.path() / detail::kPartitionsDir) << "not a directory";
    }
    try {
      for (int i = 0; i < 2000; ++i) b.add(article("a" + std::to_string(i), "en", "Return", "returns"));
      b.finish();
    } catch (const IndexError& e) {
      failed = true;
      EXPECT_NE(std::string(e.what()).find(std::string(detail::kPartitionsDir)), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(failed);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kScratchDir));
  EXPECT_EQ(index_stats(dir.path()).articles, 0u);
  EXPECT_EQ(index_state(dir.path()), IndexState::kInterruptedBuild);
}

TEST(IndexBuilder, AnEmptyBuildMakesAnEmptyIndex) {
  ScratchDir dir;
  IndexBuilder b = IndexBuilder::create(dir.path());
  b.finish();
  EXPECT_EQ(index_stats(dir.path()).articles, 0u);
  EXPECT_TRUE(Searcher(dir.path()).search(query("anything", "en")).hits.empty());
}

TEST(IndexBuilder, RefusesADirectoryThatHoldsAnIndex) {
  ScratchDir dir;
  { IndexWriter w = IndexWriter::open(dir.path()); }
  EXPECT_THROW(IndexBuilder::create(dir.path()), IndexError);
}

TEST(IndexBuilder, MergedLemmaTablesKeepEverySegmentsWordsAndANewVersion) {
  // Polish words reach searchers through each partition's lemma table; the segments' tables are
  // merged, and the lemma-set version differs from every segment's (the sum).
  if (Analyzer().stemmer_in_use("pl") != "hunspell:pl_PL") GTEST_SKIP() << "no Polish dictionary";
  ScratchDir dir;
  const std::vector<std::string> bodies = {"zamówienie zostało wysłane", "zwrot pieniędzy na konto",
                                           "paczka czeka w paczkomacie", "płatność kartą została odrzucona"};
  {
    IndexBuilder b = IndexBuilder::create(dir.path(), {}, 1);
    for (int i = 0; i < 40; ++i) b.add(article("p" + std::to_string(i), "pl", "Pomoc", bodies[i % bodies.size()]));
    b.finish();
  }
  Xapian::Database db(detail::partition_path(dir.path(), "public", "pl").string());

  EXPECT_GE(std::stoull(db.get_metadata(std::string(detail::kMetadataLemmaVersion))), 1u);
  Searcher s(dir.path());
  // Other inflected forms than the articles': found through the lemmas in the merged table.
  for (const char* q : {"zamówienia", "zwrotu", "paczki", "płatności"}) {
    EXPECT_EQ(s.search(query(q, "pl")).hits.size(), 10u) << q;
  }
}

TEST(IndexBuilder, MergesSegmentMetadataWhateverKeyFormXapianPasses) {
  // Xapian 1.4's glass compactor hands resolve_duplicate_metadata the table's key ("\0\xc0" +
  // the user's key). Compared as given, the lemma-set version kept the first segment's value, so
  // a searcher could take a merged lemma set for one it had already loaded.
  const std::string table_prefix("\0\xc0", 2);
  struct Case {
    std::string key;
    std::vector<std::string> values;
    std::string merged;
  };
  const std::vector<Case> cases = {
      {std::string(detail::kMetadataLemmaVersion), {"2", "4"}, "6"},
      {table_prefix + std::string(detail::kMetadataLemmaVersion), {"2", "4"}, "6"},
      {table_prefix + std::string(detail::kMetadataLemmaVersion), {"1", "1", "1"}, "3"},
      {table_prefix + std::string(detail::kMetadataLemmaPrefix) + "zwrotu", {"zwrot", "zwrot"}, "zwrot"},
      {std::string(detail::kMetadataLemmaPrefix) + "paczki", {"paczka", "paczka"}, "paczka"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(detail::merge_segment_metadata(c.key, c.values), c.merged) << c.key.substr(2);
  }

  // Word-pair frequency buckets are summed entry by entry: a pair both segments hold, and one of
  // the same bucket (the top 12 bits of the hash) only the second holds.
  const std::uint32_t shared = detail::word_pair_hash("top up");
  std::uint32_t only_second = 0;
  for (int n = 0; only_second == 0; ++n) {
    const std::uint32_t h = detail::word_pair_hash("pair " + std::to_string(n));
    if (h >> 20 == shared >> 20 && h != shared) only_second = h;
  }
  ScratchDir dir;
  std::vector<std::string> buckets;
  std::string key;
  int segment = 0;
  for (const std::vector<std::uint32_t>& hashes : {std::vector{shared}, std::vector{shared, only_second}}) {
    Xapian::WritableDatabase db((dir.path() / std::to_string(segment++)).string(), Xapian::DB_CREATE);
    detail::PairFrequencyChanges changes;
    for (const std::uint32_t h : hashes) changes.emplace_back(h, +1);
    detail::write_pair_frequencies(db, changes);
    std::vector<std::string> keys;
    for (Xapian::TermIterator k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
      if (detail::is_pair_frequency_key(*k)) keys.push_back(*k);
    }
    ASSERT_EQ(keys.size(), 1u);
    key = keys.front();
    buckets.push_back(db.get_metadata(key));
  }
  Xapian::WritableDatabase merged((dir.path() / "merged").string(), Xapian::DB_CREATE);
  merged.set_metadata(key, detail::merge_segment_metadata(table_prefix + key, buckets));
  EXPECT_EQ(detail::pair_frequency(merged, shared), 2u);
  EXPECT_EQ(detail::pair_frequency(merged, only_second), 1u);
}

}  // namespace
}  // namespace faqsearch
