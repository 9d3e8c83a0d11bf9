// Failure policy "partial" (docs/cluster.md §5 item 6): a cluster whose file says
// `on_shard_failure = "partial"` answers from the shards that answer when one's server is gone or
// stalled, names the shards left out in every result, leaves them out for `retry_ms`, and searches
// them again after that. Two shards: "local" (an index directory) and "served" (its partitions,
// each behind its own xapian-tcpsrv on loopback).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "cli_runner.h"
#include "index/manifest.h"
#include "remote_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::RemoteServer;
using testing::ScratchDir;
using Shards = std::vector<std::string>;

class ClusterPartial : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::index_articles(dir_.path() / "local", {testing::article("refund-card", "en", "Refund to a card", "A refund to a card takes a week."),
                                                    testing::article("refund-card", "de", "Erstattung auf die Karte", "Eine Woche.")});
    testing::index_articles(dir_.path() / "served", {testing::article("refund", "en", "Refund", "A refund takes five days."),
                                                     testing::article("refund", "de", "Erstattung", "Fünf Tage.")});
    serve({});
  }

  /// Serves each partition of "served" by a xapian-tcpsrv of its own, started with `options`
  /// (in place of those serving it before).
  void serve(const testing::RemoteServerOptions& options) {
    servers_.clear();
    langs_.clear();
    for (const detail::Partition& p : detail::list_partitions(dir_.path() / "served")) {
      servers_.push_back(std::make_unique<RemoteServer>(std::vector<fs::path>{p.path}, options));
      langs_.push_back(p.lang);
    }
  }

  /// A cluster file of both shards with `policy` and `retry_ms`; the first shard is "local"
  /// unless `local` is false (then "served" is the only shard).
  fs::path cluster(const std::string& policy, unsigned retry_ms, bool local = true) {
    std::string text = "version = 1\ntimeout_ms = 500\non_shard_failure = \"" + policy + "\"\nretry_ms = " +
                       std::to_string(retry_ms) + "\n";
    if (local) text += "[[shard]]\nname = \"local\"\npath = \"local\"\n";
    text += "[[shard]]\nname = \"served\"\n";
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      text += "  [[shard.partition]]\n  audience = \"public\"\n  lang = \"" + langs_[i] + "\"\n  address = \"tcp://127.0.0.1:" +
              std::to_string(servers_[i]->port()) + "\"\n";
    }
    const fs::path file = dir_.path() / "cluster.toml";
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

  /// The server of public/en (partitions are listed de, en).
  RemoteServer& en_server() { return *servers_.at(1); }

  static SearchResults english(Searcher& searcher, const std::string& query = "refund") {
    SearchRequest request;
    request.query = query;
    request.languages = {"en"};
    request.facets = true;
    return searcher.search(request);
  }

  static std::vector<std::string> sorted_ids(const SearchResults& results) {
    std::vector<std::string> ids = testing::ids(results);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  ScratchDir dir_;
  std::vector<std::unique_ptr<RemoteServer>> servers_;
  std::vector<std::string> langs_;
};

constexpr unsigned kNever = 3600000;  // retry_ms: no retry within a test

TEST_F(ClusterPartial, AShardWhoseServerStoppedIsLeftOutAndNamed) {
  Searcher searcher(cluster("partial", kNever));
  const SearchResults whole = english(searcher);
  EXPECT_EQ(sorted_ids(whole), (std::vector<std::string>{"refund", "refund-card"}));
  EXPECT_EQ(whole.unavailable_shards, Shards{});
  en_server().stop();
  for (int search = 0; search < 2; ++search) {  // the second without trying the server again
    SCOPED_TRACE(search);
    const SearchResults partial = english(searcher);
    EXPECT_EQ(testing::ids(partial), std::vector<std::string>{"refund-card"});
    EXPECT_EQ(partial.unavailable_shards, Shards{"served"});
    EXPECT_EQ(partial.total, 1u);  // the other shards' figures, not a guess at the missing one's
    EXPECT_EQ(partial.facets.lang, (std::map<std::string, std::size_t>{{"en", 1}}));
  }
  // Back, but the shard stays out until retry_ms has passed.
  en_server().restart();
  EXPECT_EQ(english(searcher).unavailable_shards, Shards{"served"});
  SuggestRequest typed;
  typed.text = "refu";
  typed.languages = {"en"};
  const Suggestions suggestions = searcher.suggest(typed);
  EXPECT_EQ(suggestions.unavailable_shards, Shards{"served"});
  ASSERT_EQ(suggestions.titles.size(), 1u);
  EXPECT_EQ(suggestions.titles[0].id, "refund-card");
  // Articles are read from the shards searched.
  EXPECT_EQ(searcher.articles("refund-card").size(), 2u);
  EXPECT_TRUE(searcher.articles("refund").empty());
}

// related() answers from the shards up too, and says so, as search() and suggest() do.
TEST_F(ClusterPartial, RelatedArticlesNameTheShardsLeftOut) {
  Searcher searcher(cluster("partial", kNever));
  SearchRequest request;
  request.languages = {"en"};
  const RelatedArticles whole = searcher.related("refund-card", request);
  ASSERT_EQ(whole.hits.size(), 1u);
  EXPECT_EQ(whole.hits[0].id, "refund");
  EXPECT_EQ(whole.unavailable_shards, Shards{});
  en_server().stop();
  const RelatedArticles partial = searcher.related("refund-card", request);
  EXPECT_TRUE(partial.hits.empty());
  EXPECT_EQ(partial.unavailable_shards, Shards{"served"});
  // The C API's results and the CLI's JSON carry it too.
  const testing::CliResult cli = testing::run_cli(
      {"related", "--db", (dir_.path() / "cluster.toml").string(), "--id", "refund-card", "--lang", "en", "--json"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(nlohmann::json::parse(cli.out).at("unavailable_shards"), nlohmann::json::array({"served"})) << cli.out;
}

// xapian-tcpsrv closes a connection idle past its idle timeout (a minute by default): the next
// search connects again at once, under either policy, rather than failing or leaving the shard
// out. (Found by the scale script at 1M articles, whose cluster searcher sat idle while the
// local index was searched.)
TEST_F(ClusterPartial, AConnectionTheServerClosedWhileIdleIsOpenedAgain) {
  serve({.timeout_ms = 200});
  for (const std::string policy : {"error", "partial"}) {
    SCOPED_TRACE(policy);
    Searcher searcher(cluster(policy, kNever));
    EXPECT_EQ(sorted_ids(english(searcher)), (std::vector<std::string>{"refund", "refund-card"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the servers close the connections
    const SearchResults after = english(searcher);
    EXPECT_EQ(sorted_ids(after), (std::vector<std::string>{"refund", "refund-card"}));
    EXPECT_EQ(after.unavailable_shards, Shards{});
  }
}

TEST_F(ClusterPartial, AShardLeftOutIsSearchedAgainOnceRetryMsHasPassed) {
  Searcher searcher(cluster("partial", 1));
  en_server().stop();
  EXPECT_EQ(english(searcher).unavailable_shards, Shards{"served"});
  EXPECT_EQ(english(searcher).unavailable_shards, Shards{"served"});  // tried again: still down
  en_server().restart();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const SearchResults back = english(searcher);
  EXPECT_EQ(back.unavailable_shards, Shards{});
  EXPECT_EQ(sorted_ids(back), (std::vector<std::string>{"refund", "refund-card"}));
}

TEST_F(ClusterPartial, AStalledServerIsLeftOutAfterTheTimeout) {
  Searcher searcher(cluster("partial", 1));
  ASSERT_EQ(english(searcher).unavailable_shards, Shards{});
  en_server().pause();
  const SearchResults partial = english(searcher);
  en_server().resume();
  EXPECT_EQ(testing::ids(partial), std::vector<std::string>{"refund-card"});
  EXPECT_EQ(partial.unavailable_shards, Shards{"served"});
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(english(searcher).unavailable_shards, Shards{});
}

TEST_F(ClusterPartial, AShardDownWhenTheSearcherOpensIsLeftOut) {
  en_server().stop();
  Searcher searcher(cluster("partial", kNever));
  const SearchResults partial = english(searcher);
  EXPECT_EQ(testing::ids(partial), std::vector<std::string>{"refund-card"});
  EXPECT_EQ(partial.unavailable_shards, Shards{"served"});
}

// Partial results need a shard that answers: with none left, the search fails naming the shard,
// as under "error".
TEST_F(ClusterPartial, WithNoShardLeftTheSearchFailsNamingIt) {
  Searcher searcher(cluster("partial", kNever, /*local=*/false));
  ASSERT_EQ(testing::ids(english(searcher)), std::vector<std::string>{"refund"});
  en_server().stop();
  try {
    (void)english(searcher);
    ADD_FAILURE() << "the search did not fail";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("shard served: partition public/en"), std::string::npos) << e.what();
  }
  en_server().restart();
  EXPECT_EQ(testing::ids(english(searcher)), std::vector<std::string>{"refund"});
}

// Under "error" (the default) nothing is left out: the search fails (ClusterFailure in
// cluster_search_test.cpp has the rest).
TEST_F(ClusterPartial, UnderPolicyErrorTheSearchFails) {
  Searcher searcher(cluster("error", kNever));
  ASSERT_EQ(english(searcher).hits.size(), 2u);
  en_server().stop();
  EXPECT_THROW((void)english(searcher), IndexError);
}

TEST_F(ClusterPartial, TheCliSaysWhichShardsDidNotAnswer) {
  const fs::path file = cluster("partial", kNever);
  en_server().stop();
  const testing::CliResult json = testing::run_cli({"search", "--db", file.string(), "--lang", "en", "--json", "refund"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed.at("unavailable_shards"), nlohmann::json::array({"served"})) << json.out;
  EXPECT_EQ(parsed.at("hits").size(), 1u) << json.out;
  const testing::CliResult text = testing::run_cli({"search", "--db", file.string(), "--lang", "en", "refund"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Partial results: shard served did not answer"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace faqsearch
