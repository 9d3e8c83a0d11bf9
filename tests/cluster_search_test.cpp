// A Searcher over a cluster file (docs/cluster.md): the sample help center split into two shards,
// one a local directory and one served partition by partition by xapian-tcpsrv
// (cluster_fixture.h), searched as one index. Every query of the sample corpus, in its language
// and in all, gives what the same articles in one local index give: hits, ranks, scores to the
// last bit, snippets, facets, corrections and diagnoses.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "faqsearch/synonyms.h"
#include "index/manifest.h"
#include "index/partition_stamp.h"
#include "cli_runner.h"
#include "cluster_fixture.h"
#include "remote_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::ClusterSearch;
using testing::Query;
using testing::RemoteServer;
using testing::ScratchDir;
using testing::ids_of;
using testing::on_second_shard;
using testing::rendered;
using testing::write_file;

// What cannot be exact across shards, and is counted instead (docs/cluster.md §6):
// - scores: Xapian estimates the frequency of an OP_SYNONYM (typo, prefix and synonym
//   expansions) per database and sums the estimates, so another split of the articles gives
//   another estimate; summing in another order also moves the last bits;
// - the total, Xapian's estimate when the matcher stops early;
// - the did-you-mean, which spells a correction as the articles of one partition write it.
TEST_F(ClusterSearch, EveryQueryGivesWhatOneLocalIndexGives) {
  Searcher single(dir_->path() / "single");
  Searcher cluster(cluster_file());
  EXPECT_EQ(cluster.languages(), single.languages());
  std::size_t compared = 0;
  std::size_t with_hits = 0;
  std::size_t hits = 0;
  std::size_t scores_differ = 0;  // beyond 1e-12 relative
  std::size_t totals_differ = 0;
  std::size_t corrections_differ = 0;
  for (const Query& q : *queries_) {
    for (const bool in_its_language : {true, false}) {
      SearchRequest request;
      request.query = q.text;
      if (in_its_language) request.languages = {q.lang};
      request.facets = true;
      request.limit = 10;
      SCOPED_TRACE(q.lang + (in_its_language ? "" : " (all languages)") + ": " + q.text);
      const SearchResults expected = single.search(request);
      const SearchResults got = cluster.search(request);
      EXPECT_EQ(rendered(got), rendered(expected));
      for (std::size_t i = 0; i < std::min(got.hits.size(), expected.hits.size()); ++i) {
        const double score = expected.hits[i].score;
        EXPECT_NEAR(got.hits[i].score, score, std::abs(score) * 0.05) << got.hits[i].id;
        scores_differ += std::abs(got.hits[i].score - score) > std::abs(score) * 1e-12 ? 1 : 0;
      }
      if (got.total != expected.total) {
        ++totals_differ;
        EXPECT_GT(expected.total, request.limit) << "an exact total differs";
      }
      corrections_differ += got.did_you_mean != expected.did_you_mean ? 1 : 0;
      ++compared;
      with_hits += expected.hits.empty() ? 0 : 1;
      hits += expected.hits.size();
    }
  }
  EXPECT_GT(with_hits, compared * 3 / 4) << "too few searches found anything to compare";
  EXPECT_LE(scores_differ, hits / 100);
  EXPECT_LE(corrections_differ, compared / 100);
  std::cout << "[ measured ] " << compared << " searches, " << with_hits << " with hits: hits, order, snippets and "
            << "facets identical; " << scores_differ << " of " << hits << " scores differ beyond 1e-12, "
            << totals_differ << " estimated totals and " << corrections_differ << " did-you-means differ\n";
}

// Completions count each partition's most frequent terms, a per-partition top list, so a
// language split over shards can complete differently (docs/cluster.md §6): counted. The titles
// are a search of the completed text; articles() reads every shard.
TEST_F(ClusterSearch, ArticlesAndSuggestionsReadEveryShard) {
  Searcher single(dir_->path() / "single");
  Searcher cluster(cluster_file());
  std::size_t requests = 0;
  std::size_t completions_differ = 0;
  std::size_t words_differ = 0;
  std::size_t titles_compared = 0;
  std::size_t from_shard[2] = {0, 0};
  for (const Query& q : *queries_) {
    SuggestRequest request;
    request.text = q.text.substr(0, q.text.size() / 2);
    request.languages = {q.lang};
    request.completions = 5;
    request.titles = 5;
    const Suggestions expected = single.suggest(request);
    const Suggestions got = cluster.suggest(request);
    ++requests;
    if (got.completions != expected.completions) {
      ++completions_differ;
      std::vector<std::string> a, b;
      for (const auto& c : got.completions) a.push_back(c.word);
      for (const auto& c : expected.completions) b.push_back(c.word);
      words_differ += a != b ? 1 : 0;
      if (std::getenv("FAQSEARCH_SHOW_DIFFERENCES") != nullptr) {
        std::cout << q.lang << " '" << request.text << "': got";
        for (const auto& c : got.completions) std::cout << " " << c.word << "=" << c.articles;
        std::cout << "; one index:";
        for (const auto& c : expected.completions) std::cout << " " << c.word << "=" << c.articles;
        std::cout << "\n";
      }
      continue;
    }
    EXPECT_EQ(ids_of(got.titles), ids_of(expected.titles)) << request.text;
    for (const Hit& hit : got.titles) ++from_shard[on_second_shard(hit.id)];
    ++titles_compared;
  }
  EXPECT_GT(from_shard[0], 0u);
  EXPECT_GT(from_shard[1], 0u);
  EXPECT_LE(completions_differ, requests * 15 / 100);
  std::cout << "[ measured ] " << requests << " suggestions: completions differ in " << completions_differ
            << " (their words in " << words_differ << "), titles identical in the other " << titles_compared << "\n";
  for (const std::string id : {"klarna-instalments", "track-order", "warranty", "place-order"}) {
    const std::vector<Article> want = single.articles(id, {kPublicAudience});
    const std::vector<Article> have = cluster.articles(id, {kPublicAudience});
    ASSERT_EQ(have.size(), want.size()) << id;
    for (std::size_t i = 0; i < have.size(); ++i) EXPECT_EQ(have[i].body, want[i].body) << id;
  }
}

// A commit on a shard's host reaches the cluster's searcher at its next search.
TEST_F(ClusterSearch, ACommitToAServedShardIsSeenByTheNextSearch) {
  Searcher cluster(cluster_file());
  SearchRequest request;
  request.query = "quuxumbrella";
  request.languages = {"en"};
  EXPECT_TRUE(cluster.search(request).hits.empty());
  {
    IndexWriter served = IndexWriter::open(dir_->path() / "served");
    served.upsert(testing::article("zebra-umbrella", "en", "Quuxumbrella", "The quuxumbrella has zebra stripes."));
    served.commit();
  }
  EXPECT_EQ(testing::ids(cluster.search(request)), std::vector<std::string>{"zebra-umbrella"});
  IndexWriter served = IndexWriter::open(dir_->path() / "served");
  served.remove("zebra-umbrella", "en");
  served.commit();
  EXPECT_TRUE(cluster.search(request).hits.empty());
}

// The CLI's --db takes a cluster file as it takes a directory.
TEST_F(ClusterSearch, TheCliSearchesAClusterFile) {
  const std::vector<std::string> query{"search", "--lang", "en", "--json", "where is my parcel"};
  std::vector<std::string> on_cluster = query;
  on_cluster.insert(on_cluster.begin() + 1, {"--db", cluster_file().string()});
  std::vector<std::string> on_single = query;
  on_single.insert(on_single.begin() + 1, {"--db", (dir_->path() / "single").string()});
  const testing::CliResult cluster = testing::run_cli(on_cluster);
  const testing::CliResult single = testing::run_cli(on_single);
  ASSERT_EQ(cluster.exit_code, 0) << cluster.err;
  EXPECT_NE(cluster.out.find("track-order"), std::string::npos) << cluster.out;
  const auto ids = [](const std::string& json) {
    // Parsed into a variable: a range-for over a member of a temporary outlives the temporary.
    const nlohmann::json parsed = nlohmann::json::parse(json);
    std::vector<std::string> out;
    for (const auto& hit : parsed.at("hits")) out.push_back(hit.at("id").get<std::string>());
    return out;
  };
  EXPECT_EQ(ids(cluster.out), ids(single.out));
}

struct BadCluster {
  std::string name;
  std::string file;  // "{served:en}" is replaced by the address of served public/en
  std::string message;
};

// A cluster whose shards do not fit together is refused at opening, naming what is wrong.
TEST_F(ClusterSearch, ShardsThatDoNotFitAreRefused) {
  // The server of served public/de, named in the file as another partition.
  std::string de_address;
  std::string de_server;
  const std::vector<detail::Partition> parts = detail::list_partitions(dir_->path() / "served");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].audience == "public" && parts[i].lang == "de") de_server = std::to_string((*servers_)[i]->port());
  }
  ASSERT_FALSE(de_server.empty());
  ScratchDir other;
  {
    IndexSettings settings;
    settings.title_boost = 7;
    IndexWriter w = IndexWriter::open(other.path() / "boosted", OpenMode::kCreate, settings);
    w.upsert(testing::article("a", "en", "A", "Text."));
    w.commit();
  }
  const std::vector<BadCluster> cases{
      {"a server of another partition",
       "version = 1\n[[shard]]\nname = \"s\"\n  [[shard.partition]]\n  audience = \"public\"\n  lang = \"en\"\n"
       "  address = \"tcp://127.0.0.1:" + de_server + "\"\n",
       "serves partition public/de, not public/en"},
      {"other settings",
       "version = 1\n[[shard]]\nname = \"a\"\npath = \"" + (dir_->path() / "local").string() + "\"\n[[shard]]\nname = \"b\"\npath = \"" +
           (other.path() / "boosted").string() + "\"\n",
       "was built with another title_boost than"},
      {"no server there",
       "version = 1\ntimeout_ms = 500\n[[shard]]\nname = \"s\"\n  [[shard.partition]]\n  audience = \"public\"\n  lang = \"en\"\n"
       "  address = \"tcp://127.0.0.1:1\"\n",
       "shard s: partition public/en at tcp://127.0.0.1:1"},
  };
  for (const BadCluster& c : cases) {
    SCOPED_TRACE(c.name);
    const fs::path file = other.path() / "bad.toml";
    write_file(file, c.file);
    try {
      Searcher searcher(file);
      ADD_FAILURE() << "opened";
    } catch (const IndexError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

// A served shard whose partitions show a batch half committed (its writer died between two
// partitions' commits, and nobody opened a writer since) is an error naming the shard, not a
// search over part of a batch.
TEST(ClusterTornShard, AShardThatStaysTornIsAnErrorNamingIt) {
  ScratchDir dir;
  testing::index_articles(dir.path() / "served", {testing::article("refund", "en", "Refund", "Five days."),
                                                  testing::article("refund", "de", "Erstattung", "Fünf Tage.")});
  {  // public/de as if it committed batch 1000, which also names public/en
    Xapian::WritableDatabase db(detail::partition_path(dir.path() / "served", "public", "de").string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(detail::kMetadataGeneration), "1000");
    db.set_metadata(std::string(detail::kMetadataBatch), "public/de\npublic/en\n");
    db.commit();
  }
  std::vector<std::unique_ptr<RemoteServer>> servers;
  std::string cluster = "version = 1\n[[shard]]\nname = \"torn\"\n";
  for (const detail::Partition& p : detail::list_partitions(dir.path() / "served")) {
    servers.push_back(std::make_unique<RemoteServer>(std::vector<fs::path>{p.path}));
    cluster += "  [[shard.partition]]\n  audience = \"public\"\n  lang = \"" + p.lang + "\"\n  address = \"tcp://127.0.0.1:" +
               std::to_string(servers.back()->port()) + "\"\n";
  }
  write_file(dir.path() / "cluster.toml", cluster);
  Searcher searcher(dir.path() / "cluster.toml");
  SearchRequest request;
  request.query = "refund";
  try {
    (void)searcher.search(request);
    ADD_FAILURE() << "searched a torn shard";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("shard torn: partitions public/en stay behind"), std::string::npos) << e.what();
  }
}

/// A served shard of two partitions (en, de), each on its own xapian-tcpsrv, and its cluster
/// file with a short timeout.
class ClusterFailure : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::index_articles(dir_.path() / "served", {testing::article("refund", "en", "Refund", "A refund takes five days."),
                                                     testing::article("refund", "de", "Erstattung", "Fünf Tage.")});
    std::string cluster = "version = 1\ntimeout_ms = 500\n[[shard]]\nname = \"s\"\n";
    for (const detail::Partition& p : detail::list_partitions(dir_.path() / "served")) {
      servers_.push_back(std::make_unique<RemoteServer>(std::vector<fs::path>{p.path}));
      cluster += "  [[shard.partition]]\n  audience = \"public\"\n  lang = \"" + p.lang + "\"\n  address = \"tcp://127.0.0.1:" +
                 std::to_string(servers_.back()->port()) + "\"\n";
    }
    write_file(dir_.path() / "cluster.toml", cluster);
  }
  /// The server of public/en (partitions are listed de, en).
  RemoteServer& en_server() { return *servers_.at(1); }

  static std::vector<std::string> english_refund(Searcher& searcher) {
    SearchRequest request;
    request.query = "refund";
    request.languages = {"en"};
    return testing::ids(searcher.search(request));
  }

  /// The message of the IndexError `search` throws, or "" (and a failure) if it throws none.
  static std::string failure_of(Searcher& searcher) {
    try {
      (void)english_refund(searcher);
    } catch (const IndexError& e) {
      return e.what();
    }
    ADD_FAILURE() << "the search did not fail";
    return {};
  }

  ScratchDir dir_;
  std::vector<std::unique_ptr<RemoteServer>> servers_;
};

// Failure policy "error": a search meeting a server that went away fails, naming the shard and
// partition; once the server is back, the next search connects again.
TEST_F(ClusterFailure, AStoppedServerFailsTheSearchNamingItAndIsReconnectedOnceBack) {
  Searcher searcher(dir_.path() / "cluster.toml");
  ASSERT_EQ(english_refund(searcher), std::vector<std::string>{"refund"});
  en_server().stop();
  const std::string message = failure_of(searcher);
  EXPECT_NE(message.find("shard s: partition public/en at tcp://127.0.0.1:" + std::to_string(en_server().port())),
            std::string::npos) << message;
  EXPECT_NE(failure_of(searcher).find("public/en"), std::string::npos);  // still down: connecting fails
  en_server().restart();
  EXPECT_EQ(english_refund(searcher), std::vector<std::string>{"refund"});
}

// A compaction on the shard's host replaces the served database whole: the connection opened
// before cannot reopen (DatabaseNotFoundError), and a new one serves the compacted partition.
TEST_F(ClusterFailure, ACompactedServedPartitionIsConnectedToAgain) {
  Searcher searcher(dir_.path() / "cluster.toml");
  ASSERT_EQ(english_refund(searcher), std::vector<std::string>{"refund"});
  {
    IndexWriter writer = IndexWriter::open(dir_.path() / "served");
    writer.upsert(testing::article("refund-card", "en", "Refund to a card", "A refund to a card takes a week."));
    writer.commit();
    writer.compact();
  }
  EXPECT_EQ(english_refund(searcher), (std::vector<std::string>{"refund", "refund-card"}));
}

// A server that stalls (SIGSTOP) fails the search after the cluster file's timeout, not never;
// once it answers again, the next search connects again.
TEST_F(ClusterFailure, AStalledServerFailsTheSearchAfterTheTimeout) {
  Searcher searcher(dir_.path() / "cluster.toml");
  ASSERT_EQ(english_refund(searcher), std::vector<std::string>{"refund"});
  en_server().pause();
  const std::string message = failure_of(searcher);
  en_server().resume();
  EXPECT_NE(message.find("public/en"), std::string::npos) << message;
  EXPECT_NE(message.find("Timeout"), std::string::npos) << message;
  EXPECT_EQ(english_refund(searcher), std::vector<std::string>{"refund"});
}

}  // namespace
}  // namespace faqsearch
