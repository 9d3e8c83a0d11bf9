// Word pairs outside the inverted index (index/word_pairs.h): an article's pair set, the
// partitions' document frequencies through upserts, moves and removals, and the reranking.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/word_pairs.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::article;
using testing::ScratchDir;

// The hash is part of the on-disk format: indexes written before a change to it would silently
// stop finding their pairs. A change must bump kSchemaVersion and these values.
TEST(WordPairHash, IsStable) {
  const struct {
    std::string_view pair;
    std::uint32_t hash;
  } golden[] = {{"top up", 2037439940U}, {"of the", 4267323321U}, {"płatność kartą", 2989737798U}, {"", 2847271067U}};
  for (const auto& row : golden) EXPECT_EQ(detail::word_pair_hash(row.pair), row.hash) << row.pair;
}

// An article's pairs, collected as they come, are put in order once and counted once each.
TEST(PairSet, IsSortedAndDistinct) {
  const struct {
    detail::PairSet collected, normalized;
  } rows[] = {
      {{}, {}},
      {{9, 3, 9, 9, 1}, {1, 3, 9}},
      {{UINT32_MAX, 0, UINT32_MAX}, {0, UINT32_MAX}},
  };
  for (auto row : rows) {
    detail::normalize_pair_set(row.collected);
    EXPECT_EQ(row.collected, row.normalized);
  }
  Analyzer analyzer;
  detail::PairSet pairs;
  detail::add_pairs(analyzer.analyze("top up, then top up again", "en"), pairs);
  detail::normalize_pair_set(pairs);
  EXPECT_TRUE(std::binary_search(pairs.begin(), pairs.end(), detail::word_pair_hash("top up")));
  EXPECT_EQ(std::count(pairs.begin(), pairs.end(), detail::word_pair_hash("top up")), 1);
}

// The frequency buckets through the writer's changes: counts of one (the common case, stored as
// a bare gap), two and hundreds, hashes at both ends of a bucket, a count back to zero, and a
// damaged bucket, which is an error rather than a wrong count.
TEST(PairFrequencies, AreStoredExactly) {
  ScratchDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
  const std::uint32_t first = 0x00500000, low_end = 0x00500001, high_end = 0x005FFFFF, other = 0xABCDEF12;
  detail::PairFrequencyChanges changes;
  for (int i = 0; i < 300; ++i) changes.emplace_back(high_end, +1);
  changes.insert(changes.end(), {{first, +1}, {low_end, +1}, {low_end, +1}, {other, +1}});
  detail::write_pair_frequencies(db, changes);
  EXPECT_EQ(detail::pair_frequency(db, first), 1U);
  EXPECT_EQ(detail::pair_frequency(db, low_end), 2U);
  EXPECT_EQ(detail::pair_frequency(db, high_end), 300U);
  EXPECT_EQ(detail::pair_frequency(db, other), 1U);
  EXPECT_EQ(detail::pair_frequency(db, 0x00500002), 0U);
  changes = {{low_end, -1}, {low_end, -1}, {other, -1}, {first, +1}};
  detail::write_pair_frequencies(db, changes);
  EXPECT_EQ(detail::pair_frequency(db, low_end), 0U);
  EXPECT_EQ(detail::pair_frequency(db, first), 2U);
  EXPECT_EQ(detail::pair_frequency(db, other), 0U);
  const std::string prefix(detail::kMetadataPairFrequencyPrefix);
  EXPECT_EQ(std::distance(db.metadata_keys_begin(prefix), db.metadata_keys_end(prefix)), 1);  // empty ones go
  db.set_metadata(*db.metadata_keys_begin(prefix), "\x81");  // a varint that never ends
  EXPECT_THROW((void)detail::pair_frequency(db, first), IndexCorrupt);
}

/// Every pair frequency stored in the partitions of `dir`: (audience, hash) → documents.
std::map<std::pair<std::string, std::uint32_t>, Xapian::doccount> stored_frequencies(
    const std::filesystem::path& dir, const std::map<std::string, std::uint32_t>& pairs) {
  std::map<std::pair<std::string, std::uint32_t>, Xapian::doccount> out;
  for (const auto& p : detail::list_partitions(dir)) {
    const Xapian::Database db(p.path.string());
    for (const auto& [text, hash] : pairs) {
      if (const auto n = detail::pair_frequency(db, hash)) out[{p.audience, hash}] = n;
    }
  }
  return out;
}

/// The same, counted from the articles themselves (each pair once per article).
std::map<std::pair<std::string, std::uint32_t>, Xapian::doccount> counted_frequencies(
    const std::vector<Article>& articles, std::map<std::string, std::uint32_t>& pairs) {
  Analyzer analyzer;
  std::map<std::pair<std::string, std::uint32_t>, Xapian::doccount> out;
  for (const Article& a : articles) {
    std::set<std::uint32_t> seen;
    for (const auto* text : {&a.title, &a.body}) {
      for (const Token& t : analyzer.analyze(*text, a.lang)) {
        if (t.kind != TokenKind::kPair) continue;
        const std::uint32_t hash = detail::word_pair_hash(t.term);
        pairs[t.term] = hash;
        if (seen.insert(hash).second) ++out[{a.audience.empty() ? "public" : a.audience, hash}];
      }
    }
  }
  return out;
}

// The frequencies follow the articles through every kind of change, within a batch and across
// batches: replaced text, an article upserted twice in one batch, a move to another audience
// and a removal, so that a pair no article has any more is gone.
TEST(PairFrequencies, FollowUpsertsMovesAndRemovals) {
  ScratchDir dir;
  std::map<std::string, Article> current;
  std::map<std::string, std::uint32_t> pairs;  // every pair text seen, for lookups
  const auto check = [&](const char* step) {
    std::vector<Article> articles;
    for (const auto& [id, a] : current) articles.push_back(a);
    const auto expected = counted_frequencies(articles, pairs);
    EXPECT_EQ(stored_frequencies(dir.path(), pairs), expected) << step;
  };
  const std::vector<std::vector<Article>> batches = {
      {article("a", "en", "Top up a card", "Top up your gift card online."),
       article("b", "en", "Gift card balance", "Check the balance of a gift card."),
       article("c", "en", "Top up limits", "You can top up to 500 euros a day.")},
      {article("a", "en", "Card top ups", "Gift card top up in the app."),  // replaced
       article("b", "en", "Gift card balance", "Check the balance first."),
       article("b", "en", "Balance of a gift card", "Check the gift card balance in the app."),  // twice
       article("c", "en", "Top up limits", "You can top up to 500 euros a day.", "agents")},    // moved
  };
  {
    IndexWriter w = IndexWriter::open(dir.path());
    for (const auto& batch : batches) {
      for (const auto& a : batch) {
        w.upsert(a);
        current[a.id] = a;
      }
      w.commit();
      check("upserts");
    }
    w.remove("a", "en");
    current.erase("a");
    w.commit();
    check("removal");
  }
  EXPECT_EQ(stored_frequencies(dir.path(), {{"top up", detail::word_pair_hash("top up")}}),
            (std::map<std::pair<std::string, std::uint32_t>, Xapian::doccount>{
                {{"agents", detail::word_pair_hash("top up")}, 1}}));
}

SearchRequest page(std::string text, std::size_t offset, std::size_t limit) {
  SearchRequest r;
  r.query = std::move(text);
  r.languages = {"en"};
  r.offset = offset;
  r.limit = limit;
  r.snippets = false;
  return r;
}

// The words side by side rank above the same words apart, and pages cut the reranked order:
// two pages of one are the first page of two. Without pairs the two articles tie on the words.
TEST(PairRerank, AdjacentWordsRankFirstOnEveryPage) {
  for (const bool pairs : {true, false}) {
    SCOPED_TRACE(pairs ? "pairs" : "no pairs");
    ScratchDir dir;
    IndexSettings settings;
    settings.analysis.word_pairs = pairs;
    {
      IndexWriter w = IndexWriter::open(dir.path(), OpenMode::kCreate, settings);
      w.upsert(article("apart", "en", "Balance and card", "Your gift balance shows on the card page."));
      w.upsert(article("adjacent", "en", "Balance and card", "Your balance shows on the gift card page."));
      for (int i = 0; i < 8; ++i) {
        w.upsert(article("other" + std::to_string(i), "en", "Delivery", "Parcels arrive in two days."));
      }
      w.commit();
    }
    Searcher s(dir.path());
    const SearchResults both = s.search(page("gift card", 0, 2));
    ASSERT_EQ(both.hits.size(), 2U);
    if (pairs) {
      EXPECT_EQ(both.hits[0].id, "adjacent");
      EXPECT_GT(both.hits[0].score, both.hits[1].score);
    } else {
      EXPECT_DOUBLE_EQ(both.hits[0].score, both.hits[1].score);
    }
    const SearchResults first = s.search(page("gift card", 0, 1)), second = s.search(page("gift card", 1, 1));
    ASSERT_EQ(first.hits.size(), 1U);
    ASSERT_EQ(second.hits.size(), 1U);
    EXPECT_EQ(first.hits[0].id, both.hits[0].id);
    EXPECT_EQ(second.hits[0].id, both.hits[1].id);
    EXPECT_EQ(second.hits[0].rank, 1U);
  }
}

// The pages of one size cut one order, whatever the pairs lift: the rerank window stays put as
// the offset grows. The 22 articles with the words apart rank first on the words; those with them
// side by side come next and jump ahead of them in any window that reaches them. (Reranking the
// top offset + limit + 10 showed articles on two pages and skipped others.)
TEST(PairRerank, PagesOfOneSizeCutOneOrder) {
  ScratchDir dir;
  std::set<std::string> matching;
  {
    IndexWriter w = IndexWriter::open(dir.path(), OpenMode::kCreate);
    for (int i = 0; i < 22; ++i) {
      const std::string id = "apart" + std::to_string(i);
      w.upsert(article(id, "en", "Help " + std::to_string(i), "Your gift is in the box with the card."));
      matching.insert(id);
    }
    for (int i = 0; i < 12; ++i) {
      const std::string id = "adjacent" + std::to_string(i);
      std::string body = "Your gift card works in every store";
      for (int k = 0; k <= i; ++k) body += " and online";
      w.upsert(article(id, "en", "Help " + std::to_string(i), body + "."));
      matching.insert(id);
    }
    for (int i = 0; i < 6; ++i) w.upsert(article("other" + std::to_string(i), "en", "Delivery", "Parcels arrive soon."));
    w.commit();
  }
  Searcher s(dir.path());
  testing::expect_pages_cut_one_order(s, "gift card", matching, {10U, 1U, 3U, 5U, 7U});
}

}  // namespace
}  // namespace faqsearch
