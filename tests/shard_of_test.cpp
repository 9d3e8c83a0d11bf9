// The sharding rule (faqsearch/cluster.h): which shard holds an article. Every writer of a
// sharded index, on any machine and with any version, must place an article alike, so the
// values are pinned here: a change of hash would move articles between shards.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "faqsearch/cluster.h"
#include "faqsearch/error.h"

namespace faqsearch {
namespace {

struct Placed {
  std::string id;
  std::size_t shards;
  std::size_t shard;
};

TEST(ShardOf, PlacesArticlesByAStableHashOfTheirId) {
  const std::vector<Placed> pinned = {
      {"refund", 2, 1},      {"refund", 3, 0},      {"refund", 7, 5},
      {"track-order", 2, 0}, {"track-order", 3, 2}, {"track-order", 7, 2},
      {"klarna-instalments", 2, 0}, {"klarna-instalments", 3, 1}, {"klarna-instalments", 7, 3},
      {"a", 2, 1},           {"a", 3, 1},           {"a", 7, 1},
      {"zwrot-pieniędzy", 2, 0}, {"zwrot-pieniędzy", 3, 0}, {"zwrot-pieniędzy", 7, 4},
  };
  for (const Placed& p : pinned) EXPECT_EQ(shard_of(p.id, p.shards), p.shard) << p.id << " of " << p.shards;
  EXPECT_THROW((void)shard_of("refund", 0), InvalidArgument);
}

TEST(ShardOf, SpreadsArticlesOverEveryShard) {
  std::vector<std::size_t> count(4);
  for (int i = 0; i < 4000; ++i) ++count[shard_of("article-" + std::to_string(i), 4)];
  for (const std::size_t n : count) {
    EXPECT_GT(n, 900u);
    EXPECT_LT(n, 1100u);
  }
}

struct SelectorCase {
  std::string text;
  bool valid;
  std::size_t index = 0;
  std::size_t count = 0;
};

TEST(ShardSelector, ParsesKOfN) {
  const std::vector<SelectorCase> cases{
      {"0/1", true, 0, 1},   {"1/2", true, 1, 2},  {"1023/1024", true, 1023, 1024},
      {"2/2", false},        {"0/0", false},       {"1/1025", false},
      {"-1/2", false},       {"1", false},         {"a/2", false},
      {"1/2x", false},       {"", false},          {" 1/2", false},
  };
  for (const SelectorCase& c : cases) {
    SCOPED_TRACE(c.text);
    if (!c.valid) {
      EXPECT_THROW((void)parse_shard_selector(c.text), InvalidArgument);
      continue;
    }
    const ShardSelector s = parse_shard_selector(c.text);
    EXPECT_EQ(s.index, c.index);
    EXPECT_EQ(s.count, c.count);
  }
  const ShardSelector half = parse_shard_selector("1/2");
  EXPECT_EQ(half.holds("refund"), shard_of("refund", 2) == 1);
}

}  // namespace
}  // namespace faqsearch
