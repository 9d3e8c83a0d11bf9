// Replicas in a cluster file (docs/cluster.md §7): a served partition's `replicas`, fed by
// xapian-replicate and served by their own xapian-tcpsrv, are read when the master's server does
// not answer, in the same search; the master is read again once its replica fails. A search
// through a replica gives the master's hits and scores.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "remote_server.h"
#include "replica_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::RemoteServer;
using testing::ReplicationServer;
using testing::ScratchDir;

/// A local shard and a served one whose two partitions (public/de, public/en) each have a
/// master server and a replica server (over a copy made by xapian-replicate).
class ClusterReplica : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::index_articles(dir_.path() / "local", {testing::article("refund-card", "en", "Refund to a card", "A refund to a card takes a week.")});
    const fs::path master = dir_.path() / "master";
    testing::index_articles(master, {testing::article("refund", "en", "Refund", "A refund takes five days."),
                                     testing::article("refund", "de", "Erstattung", "Eine Erstattung dauert fünf Tage."),
                                     testing::article("parcel", "en", "Parcel", "Where is my parcel? A refund is not needed.")});
    ReplicationServer replication(master / detail::kPartitionsDir);
    std::string cluster = "version = 1\ntimeout_ms = 2000\n[[shard]]\nname = \"local\"\npath = \"local\"\n[[shard]]\nname = \"served\"\n";
    for (const detail::Partition& p : detail::list_partitions(master)) {
      const std::string name = p.audience + "/" + p.lang;
      const fs::path replica = dir_.path() / "replica" / p.audience / p.lang;
      EXPECT_EQ(replication.replicate(name, replica).copies, 1u);
      masters_.push_back(std::make_unique<RemoteServer>(std::vector<fs::path>{p.path}));
      replicas_.push_back(std::make_unique<RemoteServer>(std::vector<fs::path>{replica}));
      cluster += "  [[shard.partition]]\n  audience = \"public\"\n  lang = \"" + p.lang + "\"\n  address = \"tcp://127.0.0.1:" +
                 std::to_string(masters_.back()->port()) + "\"\n  replicas = [\"tcp://127.0.0.1:" +
                 std::to_string(replicas_.back()->port()) + "\"]\n";
    }
    std::ofstream(dir_.path() / "cluster.toml", std::ios::binary) << cluster;
  }

  fs::path cluster() const { return dir_.path() / "cluster.toml"; }
  /// public/en's servers (partitions are listed de, en).
  RemoteServer& en_master() { return *masters_.at(1); }
  RemoteServer& en_replica() { return *replicas_.at(1); }

  /// Ids and scores of an English search for "refund".
  static std::vector<std::pair<std::string, double>> refunds(Searcher& searcher) {
    SearchRequest request;
    request.query = "refund";
    request.languages = {"en"};
    std::vector<std::pair<std::string, double>> out;
    for (const Hit& hit : searcher.search(request).hits) out.emplace_back(hit.id, hit.score);
    return out;
  }

  ScratchDir dir_;
  std::vector<std::unique_ptr<RemoteServer>> masters_, replicas_;
};

TEST_F(ClusterReplica, AReplicaAnswersInTheSearchThatFindsItsMasterGone) {
  Searcher searcher(cluster());
  const auto from_master = refunds(searcher);
  ASSERT_EQ(from_master.size(), 3u);
  en_master().stop();
  EXPECT_EQ(refunds(searcher), from_master);  // the same ids, order and scores, and no error
  EXPECT_EQ(refunds(searcher), from_master);  // the replica is asked first now
}

TEST_F(ClusterReplica, TheMasterIsReadAgainWhenItsReplicaFails) {
  Searcher searcher(cluster());
  const auto from_master = refunds(searcher);
  en_master().stop();
  ASSERT_EQ(refunds(searcher), from_master);
  en_master().restart();
  en_replica().stop();
  EXPECT_EQ(refunds(searcher), from_master);
}

TEST_F(ClusterReplica, AStalledMasterGivesWayToItsReplicaAfterTheTimeout) {
  Searcher searcher(cluster());
  const auto from_master = refunds(searcher);
  en_master().pause();
  const auto during = refunds(searcher);
  en_master().resume();
  EXPECT_EQ(during, from_master);
}

// With every server of a partition gone the cluster's policy applies ("error" here), naming them.
TEST_F(ClusterReplica, WithMasterAndReplicaGoneThePolicyApplies) {
  Searcher searcher(cluster());
  ASSERT_EQ(refunds(searcher).size(), 3u);
  en_master().stop();
  en_replica().stop();
  try {
    (void)refunds(searcher);
    ADD_FAILURE() << "the search did not fail";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("shard served: partition public/en"), std::string::npos) << e.what();
  }
  try {
    (void)refunds(searcher);  // a new connection: every server is tried, and named
    ADD_FAILURE() << "the search did not fail";
  } catch (const IndexError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("127.0.0.1:" + std::to_string(en_master().port())), std::string::npos) << message;
    EXPECT_NE(message.find("127.0.0.1:" + std::to_string(en_replica().port())), std::string::npos) << message;
  }
  en_replica().restart();
  EXPECT_EQ(refunds(searcher).size(), 3u);
}

}  // namespace
}  // namespace faqsearch
