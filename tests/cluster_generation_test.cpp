// One generation across shards (docs/cluster.md §5 item 5): a writer per shard commits a
// cluster-wide batch under one cluster generation (IndexWriter::set_cluster_generation), stamped
// into every partition of its shard; a search over the cluster that finds its shards at different
// numbers reads them again, then answers flagged (SearchResults::generations_differ).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "faqsearch/cluster.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "cli_runner.h"
#include "index/manifest.h"
#include "index/partition_stamp.h"
#include "remote_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::RemoteServer;
using testing::ScratchDir;

/// The cluster generation stamped in each partition of the index at `dir`, by partition name.
std::map<std::string, std::uint64_t> stamped(const fs::path& dir) {
  std::map<std::string, std::uint64_t> out;
  for (const detail::Partition& p : detail::list_partitions(dir)) {
    const std::optional<detail::PartitionStamp> stamp = detail::read_stamp(Xapian::Database(p.path.string()), p.path.string());
    out[detail::partition_name(p.audience, p.lang)] = stamp ? stamp->cluster_generation : 999;
  }
  return out;
}

/// Commits `article` to the shard at `dir` as its part of cluster generation `generation`.
void commit_as(const fs::path& dir, std::uint64_t generation, const Article& article) {
  IndexWriter writer = IndexWriter::open(dir);
  writer.upsert(article);
  writer.set_cluster_generation(generation);
  writer.commit();
}

TEST(ClusterGeneration, TheWriterStampsEveryPartitionAndKeepsIt) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {testing::article("a", "en", "Refund", "Five days."),
                                       testing::article("b", "de", "Versand", "Drei Tage.")});
  EXPECT_EQ(stamped(dir.path()), (std::map<std::string, std::uint64_t>{{"public/de", 0}, {"public/en", 0}}));
  {
    IndexWriter writer = IndexWriter::open(dir.path());
    EXPECT_EQ(writer.cluster_generation(), 0u);
    writer.upsert(testing::article("a", "en", "Refund", "Six days."));  // touches public/en only
    writer.set_cluster_generation(4);
    EXPECT_EQ(writer.pending(), 2u);
    writer.commit();
    EXPECT_EQ(writer.cluster_generation(), 4u);
  }
  // Every partition, not only the batch's: a searcher compares any partition it opened.
  EXPECT_EQ(stamped(dir.path()), (std::map<std::string, std::uint64_t>{{"public/de", 4}, {"public/en", 4}}));
  {
    IndexWriter writer = IndexWriter::open(dir.path());
    EXPECT_EQ(writer.cluster_generation(), 4u);
    EXPECT_THROW(writer.set_cluster_generation(3), InvalidArgument);  // a shard does not go back
    EXPECT_THROW(writer.set_cluster_generation(0), InvalidArgument);
    writer.set_cluster_generation(4);  // the same batch run again
    writer.rollback();
    EXPECT_EQ(writer.pending(), 0u);
    writer.upsert(testing::article("c", "fr", "Remboursement", "Cinq jours."));  // a new partition
    writer.commit();
    writer.compact();  // rewrites every partition, stamps included
  }
  EXPECT_EQ(stamped(dir.path()),
            (std::map<std::string, std::uint64_t>{{"public/de", 4}, {"public/en", 4}, {"public/fr", 4}}));
}

TEST(ClusterGeneration, ABulkBuildStampsIt) {
  ScratchDir dir;
  {
    IndexBuilder builder = IndexBuilder::create(dir.path());
    builder.add(testing::article("a", "en", "Refund", "Five days."));
    builder.add(testing::article("b", "de", "Versand", "Drei Tage."));
    builder.set_cluster_generation(7);
    builder.finish();
  }
  EXPECT_EQ(stamped(dir.path()), (std::map<std::string, std::uint64_t>{{"public/de", 7}, {"public/en", 7}}));
  EXPECT_EQ(IndexWriter::open(dir.path()).cluster_generation(), 7u);
}

/// Two shards of one help center, "one" and "two", at cluster generation 1; `cluster()` names
/// them as local directories, `served_cluster()` reads shard two through xapian-tcpsrv.
class ClusterGenerationSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    commit_as(one(), 1, testing::article("refund", "en", "Refund", "A refund takes five days."));
    commit_as(two(), 1, testing::article("refund-card", "en", "Refund to a card", "A refund to a card takes a week."));
  }
  fs::path one() const { return dir_.path() / "one"; }
  fs::path two() const { return dir_.path() / "two"; }

  fs::path cluster() const {
    return write("local.toml", "version = 1\n[[shard]]\nname = \"one\"\npath = \"one\"\n[[shard]]\nname = \"two\"\npath = \"two\"\n");
  }
  fs::path served_cluster() {
    std::string text = "version = 1\ntimeout_ms = 5000\n[[shard]]\nname = \"one\"\npath = \"one\"\n[[shard]]\nname = \"two\"\n";
    for (const detail::Partition& p : detail::list_partitions(two())) {
      servers_.push_back(std::make_unique<RemoteServer>(std::vector<fs::path>{p.path}));
      text += "  [[shard.partition]]\n  audience = \"public\"\n  lang = \"" + p.lang + "\"\n  address = \"tcp://127.0.0.1:" +
              std::to_string(servers_.back()->port()) + "\"\n";
    }
    return write("served.toml", text);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_.path() / name, std::ios::binary) << text;
    return dir_.path() / name;
  }

  static SearchResults refunds(Searcher& searcher) {
    SearchRequest request;
    request.query = "refund";
    request.languages = {"en"};
    return searcher.search(request);
  }

  ScratchDir dir_;
  std::vector<std::unique_ptr<RemoteServer>> servers_;
};

// Shard one commits batch 2, shard two has not yet: searches in between say so; once shard two
// commits it, they do not. Local shards and a served one alike.
TEST_F(ClusterGenerationSearch, ASearchBetweenTwoShardsCommitsIsFlagged) {
  for (const bool served : {false, true}) {
    SCOPED_TRACE(served ? "shard two served" : "both local");
    if (served) {
      commit_as(one(), 3, testing::article("refund", "en", "Refund", "A refund takes five days."));
      commit_as(two(), 3, testing::article("refund-card", "en", "Refund to a card", "A refund to a card takes a week."));
    }
    const std::uint64_t next = served ? 4 : 2;
    const std::string suffix = std::to_string(next);
    Searcher searcher(served ? served_cluster() : cluster());
    const SearchResults before = refunds(searcher);
    ASSERT_EQ(before.hits.size(), served ? 4u : 2u);
    EXPECT_FALSE(before.generations_differ);

    commit_as(one(), next, testing::article("refund-store-" + suffix, "en", "Refund in a store", "A refund in a store is at once."));
    const SearchResults between = refunds(searcher);
    EXPECT_TRUE(between.generations_differ);
    EXPECT_EQ(between.hits.size(), before.hits.size() + 1);  // what each shard holds now: shard one's batch is in

    commit_as(two(), next, testing::article("refund-voucher-" + suffix, "en", "Refund as a voucher", "A voucher at once."));
    const SearchResults after = refunds(searcher);
    EXPECT_FALSE(after.generations_differ);
    EXPECT_EQ(after.hits.size(), before.hits.size() + 2);
  }
}

// A shard with no cluster generation at all (0) differs from one with a number.
TEST_F(ClusterGenerationSearch, AShardNeverGivenANumberDiffers) {
  ScratchDir plain;
  testing::index_articles(plain.path() / "two", {testing::article("refund-card", "en", "Refund to a card", "A week.")});
  fs::remove_all(two());
  fs::rename(plain.path() / "two", two());
  Searcher searcher(cluster());
  EXPECT_TRUE(refunds(searcher).generations_differ);
}

// An index directory is one shard: nothing to compare, whatever its number.
TEST_F(ClusterGenerationSearch, AnIndexDirectoryIsNeverFlagged) {
  Searcher searcher(one());
  EXPECT_FALSE(refunds(searcher).generations_differ);
}

TEST_F(ClusterGenerationSearch, TheCliGivesTheNumberAndReportsTheFlag) {
  const fs::path articles = dir_.path() / "articles.jsonl";
  std::ofstream(articles, std::ios::binary)
      << R"({"id": "refund-gift", "lang": "en", "title": "Refund of a gift", "body": "A gift refund takes a week."})" << "\n";
  const testing::CliResult indexed =
      testing::run_cli({"index", "--db", one().string(), "--cluster-generation", "2", articles.string()});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_EQ(IndexWriter::open(one()).cluster_generation(), 2u);
  const testing::CliResult below =
      testing::run_cli({"index", "--db", one().string(), "--cluster-generation", "1", articles.string()});
  EXPECT_NE(below.exit_code, 0);
  EXPECT_NE(below.err.find("--cluster-generation: must not be below the shard's 2, got 1"), std::string::npos) << below.err;

  const testing::CliResult json = testing::run_cli({"search", "--db", cluster().string(), "--lang", "en", "--json", "refund"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed.value("generations_differ", false), true) << json.out;
  const testing::CliResult text = testing::run_cli({"search", "--db", cluster().string(), "--lang", "en", "refund"});
  EXPECT_NE(text.out.find("Shards at different cluster generations"), std::string::npos) << text.out;
}

// `sync --shard K/N` syncs only shard K's articles of an export, and removes what moved away;
// `--cluster-generation` commits the number with the sync's one batch.
TEST(ClusterGeneration, SyncOfAShardTakesItsArticlesAndTheNumber) {
  ScratchDir dir;
  const fs::path articles = dir.path() / "export.jsonl";
  std::vector<std::string> mine, others;
  {
    std::ofstream out(articles, std::ios::binary);
    for (int i = 0; i < 20; ++i) {
      const std::string id = "article-" + std::to_string(i);
      (shard_of(id, 2) == 1 ? mine : others).push_back(id);
      out << R"({"id": ")" << id << R"(", "lang": "en", "title": "Refund )" << i << R"(", "body": "Refund days."})" << "\n";
    }
  }
  ASSERT_FALSE(mine.empty());
  ASSERT_FALSE(others.empty());
  const fs::path db = dir.path() / "shard1";
  testing::index_articles(db, {testing::article(others.front(), "en", "Refund", "Was here before a new shard split.")});
  for (const std::uint64_t generation : {5, 6}) {  // a first sync, then one with nothing to change
    const testing::CliResult synced = testing::run_cli({"sync", "--db", db.string(), "--shard", "1/2", "--cluster-generation",
                                                        std::to_string(generation), "--json", articles.string()});
    ASSERT_EQ(synced.exit_code, 0) << synced.err;
    EXPECT_EQ(IndexWriter::open(db).cluster_generation(), generation);
  }
  Searcher searcher(db);
  SearchRequest request;
  request.query = "refund";
  request.limit = 100;
  std::vector<std::string> found = testing::ids(searcher.search(request));
  std::sort(found.begin(), found.end());
  std::sort(mine.begin(), mine.end());
  EXPECT_EQ(found, mine);  // the other shard's article that was here is gone
  const testing::CliResult bad = testing::run_cli({"sync", "--db", db.string(), "--shard", "2/2", articles.string()});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("2/2"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace faqsearch
