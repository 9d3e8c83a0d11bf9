// Read replicas of faqsearch partitions fed by Xapian's replication (xapian-replicate-server on
// the master's partitions, xapian-replicate into a replica directory; issue #24, docs/cluster.md
// "Replicas on xapian-replicate"): what a replica holds, how it catches up with the master's
// commits, what its readers see meanwhile, a replica served by xapian-tcpsrv, and a master
// compacted into a new database. Xapian 1.4.22 (Debian 12).
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "index/document_builder.h"
#include "index/schema.h"
#include "remote_index.h"
#include "remote_server.h"
#include "replica_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::analyzed_query;
using testing::article;
using testing::database_text;
using testing::ranked;
using testing::RemoteServer;
using testing::ReplicationRun;
using testing::ReplicationServer;
using testing::ScopedMaxChangesets;
using testing::ScratchDir;

/// Polish articles: Polish is stemmed with Hunspell, so its partition holds a lemma table (user
/// metadata "lemma:") to replicate. Indexed only where needed: loading the dictionary costs
/// ~0.4 s.
std::vector<Article> polish_articles() {
  return {
      article("refund-time", "pl", "Zwrot pieniędzy", "Zwrot pieniędzy za zamówienie trafia na kartę w ciągu pięciu dni."),
      article("track-order", "pl", "Śledzenie paczki", "Link do śledzenia paczki jest na stronie zamówienia."),
  };
}

/// Later articles, one commit each, for a replica to catch up with.
std::vector<Article> later_articles() {
  return {
      article("gift-wrap", "en", "Gift wrapping", "Add gift wrapping to an order before the parcel ships."),
      article("cancel-order", "en", "Cancel an order", "An order can be cancelled until it ships; the refund follows."),
      article("invoice", "en", "Download an invoice", "The invoice of an order is on the order page."),
      article("vouchers", "en", "Vouchers", "A voucher code is entered at checkout; it cannot be refunded."),
  };
}

void commit_each(const fs::path& index, const std::vector<Article>& articles) {
  for (const Article& a : articles) testing::index_articles(index, {a});
}

/// "" if `db.reopen()` succeeds, else the Xapian error's description.
std::string reopen_failure(Xapian::Database& db) {
  try {
    db.reopen();
    return "";
  } catch (const Xapian::Error& e) {
    return e.get_description();
  }
}

std::set<std::string> entries_of(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
  return out;
}

/// A master index (the remote-shard tests' articles) written with changesets kept
/// (XAPIAN_MAX_CHANGESETS, set before its first commit), a replication server over its
/// partitions, and a directory for replicas.
class ReplicaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::index_articles(master_.path(), testing::corpus());
    server_.emplace(master_.path() / "partitions");
  }

  [[nodiscard]] fs::path master(const std::string& name) const { return master_.path() / "partitions" / name; }
  [[nodiscard]] fs::path replica(const std::string& name) const { return replicas_.path() / name; }

  /// Replicates `name` and checks that the run succeeded.
  ReplicationRun replicate(const std::string& name) {
    ReplicationRun run = server_->replicate(name, replica(name));
    EXPECT_EQ(run.exit_code, 0) << run.output << "\nserver:\n" << server_->output();
    return run;
  }

  ScopedMaxChangesets changesets_{10};
  ScratchDir master_;
  ScratchDir replicas_;
  std::optional<ReplicationServer> server_;
};

struct PartitionCase {
  const char* name;
  std::vector<std::pair<std::string, std::string>> query;
  const char* metadata_prefix;  ///< user metadata the partition must hold, so that its copy is checked
};

TEST_F(ReplicaTest, AReplicaHoldsItsMastersDatabaseAndRanksLikeIt) {
  const std::vector<PartitionCase> cases = {
      {"public/en", {{"en", "refund to my card"}}, "pairdf:"},
      {"public/de", {{"de", "Erstattung Karte"}}, "pairdf:"},
      {"agents/en", {{"en", "lost parcel refund"}}, "pairdf:"},
      {"public/pl", {{"pl", "zwrot pieniędzy za zamówienie"}}, "lemma:"},
  };
  testing::index_articles(master_.path(), polish_articles());
  for (const PartitionCase& c : cases) {
    SCOPED_TRACE(c.name);
    const ReplicationRun run = replicate(c.name);
    EXPECT_EQ(run.copies, 1U) << run.output;  // an empty replica gets the whole database
    EXPECT_TRUE(run.changed) << run.output;
    const Xapian::Database original(master(c.name).string());
    const Xapian::Database copy(replica(c.name).string());
    EXPECT_GT(testing::metadata_keys_with(original, c.metadata_prefix), 0U);
    EXPECT_EQ(copy.get_uuid(), original.get_uuid());
    EXPECT_EQ(copy.get_revision(), original.get_revision());
    EXPECT_EQ(database_text(copy), database_text(original));
    const Xapian::Query query = analyzed_query(c.query);
    const auto collapsed = [](Xapian::Enquire& e) { e.set_collapse_key(detail::kSlotArticleId); };
    const std::string expected = ranked(original, query, collapsed);
    EXPECT_NE(expected, "est=0");
    EXPECT_EQ(ranked(copy, query, collapsed), expected);
  }
}

// The replica directory is Xapian's: a stub file naming the live copy, beside it.
TEST_F(ReplicaTest, AReplicaDirectoryIsAStubAndItsLiveCopy) {
  (void)replicate("public/en");
  EXPECT_EQ(entries_of(replica("public/en")), (std::set<std::string>{"XAPIANDB", "replica_1"}));
  // After two lines of comment ("Automatically generated by Xapian::DatabaseReplica v1.4.22."):
  const std::string stub = testing::text_of(replica("public/en") / "XAPIANDB");
  EXPECT_NE(stub.find("\nauto replica_1\n"), std::string::npos) << stub;
}

struct CatchUpCase {
  const char* name;
  std::optional<unsigned> max_changesets;  ///< XAPIAN_MAX_CHANGESETS of the master's writer
  bool whole_copy;                         ///< whether catching up takes a whole copy
};

// The master's writer keeps changesets only with XAPIAN_MAX_CHANGESETS set; without them a
// replica catches up by copying the whole database again.
TEST(ReplicaCatchUp, ASecondRunBringsTheReplicaToTheMastersRevision) {
  const std::vector<CatchUpCase> cases = {
      {"changesets kept", 10, false},
      {"XAPIAN_MAX_CHANGESETS unset", std::nullopt, true},
  };
  for (const CatchUpCase& c : cases) {
    SCOPED_TRACE(c.name);
    const ScopedMaxChangesets env(c.max_changesets);
    ScratchDir index, replicas;
    testing::index_articles(index.path(), testing::corpus());
    const ReplicationServer server(index.path() / "partitions");
    const fs::path master = index.path() / "partitions" / "public" / "en", replica = replicas.path() / "public-en";
    ASSERT_EQ(server.replicate("public/en", replica).exit_code, 0) << server.output();
    Xapian::Database reader(replica.string());
    const Xapian::doccount before = reader.get_doccount();
    const Xapian::rev from = reader.get_revision();

    commit_each(index.path(), later_articles());
    const Xapian::Database original(master.string());
    const ReplicationRun run = server.replicate("public/en", replica);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_TRUE(run.changed) << run.output;
    if (c.whole_copy) {
      EXPECT_EQ(run.copies, 1U) << run.output;
      EXPECT_EQ(run.changesets, 0U) << run.output;
    } else {
      EXPECT_EQ(run.copies, 0U) << run.output;
      // One per master commit: each later article was a commit of public/en.
      EXPECT_EQ(run.changesets, later_articles().size()) << run.output;
      EXPECT_EQ(original.get_revision() - from, later_articles().size());
    }
    const Xapian::Database copy(replica.string());
    EXPECT_EQ(copy.get_revision(), original.get_revision());
    EXPECT_EQ(database_text(copy), database_text(original));

    EXPECT_EQ(reader.get_doccount(), before);  // an open reader stays at its revision
    const std::string reopen_error = reopen_failure(reader);
    if (c.whole_copy) {
      // The copy went into another directory beside the stub and the one the reader had open
      // was removed: the reader must be opened again from the replica's path.
      EXPECT_EQ(reopen_error.rfind("DatabaseNotFoundError: ", 0), 0U) << reopen_error;
      EXPECT_EQ(Xapian::Database(replica.string()).get_doccount(), before + later_articles().size());
    } else {
      EXPECT_EQ(reopen_error, "");
      EXPECT_EQ(reader.get_doccount(), before + later_articles().size());
      EXPECT_TRUE(reader.term_exists(detail::id_term("vouchers")));
    }
  }
}

// What a searcher of the replica sees of an update: probe() after every step.
std::string reader_outcome(Xapian::Database& reader, const std::string& opened_text) {
  try {
    return database_text(reader) == opened_text ? "its revision" : "another text";
  } catch (const Xapian::DatabaseModifiedError&) {
    return "DatabaseModifiedError";
  }
}

TEST_F(ReplicaTest, AnOpenReaderKeepsTheRevisionItOpenedUntilReopen) {
  for (const std::size_t commits : {std::size_t{1}, std::size_t{4}}) {
    SCOPED_TRACE(std::to_string(commits) + " master commits behind");
    const fs::path copy = replicas_.path() / ("behind-" + std::to_string(commits));
    ASSERT_EQ(server_->replicate("public/en", copy).exit_code, 0);
    Xapian::Database reader(copy.string());
    const std::string opened_text = database_text(reader);
    std::vector<Article> batch = later_articles();
    for (Article& a : batch) a.id += "-" + std::to_string(commits);
    batch.resize(commits);
    commit_each(master_.path(), batch);
    const ReplicationRun run = server_->replicate("public/en", copy);
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_EQ(run.changesets, commits) << run.output;
    const std::string outcome = reader_outcome(reader, opened_text);
    std::printf("[ %zu commits behind ] the open reader sees: %s\n", commits, outcome.c_str());
    EXPECT_EQ(outcome, "its revision");
    EXPECT_TRUE(reader.reopen());
    EXPECT_EQ(database_text(reader), database_text(Xapian::Database(master("public/en").string())));
  }
}

// Readers reopening in a loop while xapian-replicate applies changesets (with no pause between
// them: -r 0) see only whole revisions of the master, never a changeset half applied.
TEST_F(ReplicaTest, ReadersOfAReplicaBeingUpdatedSeeOnlyWholeRevisions) {
  (void)replicate("public/en");
  std::set<std::string> revisions = {database_text(Xapian::Database(master("public/en").string()))};
  for (const Article& a : later_articles()) {
    commit_each(master_.path(), {a});
    revisions.insert(database_text(Xapian::Database(master("public/en").string())));
  }
  std::atomic<bool> done{false};
  std::size_t reads = 0, modified = 0, foreign = 0;
  std::set<std::string> seen;
  std::string last;
  std::thread reader_thread([&] {
    Xapian::Database reader(replica("public/en").string());
    // Reads go on until one succeeds after the update ended, so that the last revision is read.
    for (bool ended = false; !ended;) {
      const bool update_over = done.load();
      try {
        reader.reopen();
        last = database_text(reader);
        ++reads;
        if (revisions.count(last) == 0) ++foreign;
        seen.insert(last);
        ended = update_over;
      } catch (const Xapian::DatabaseModifiedError&) {
        ++modified;
      }
    }
  });
  const ReplicationRun run = replicate("public/en");
  done = true;
  reader_thread.join();
  EXPECT_EQ(run.changesets, later_articles().size()) << run.output;
  std::printf("reads %zu, DatabaseModifiedError %zu, revisions seen %zu of %zu\n", reads, modified, seen.size(), revisions.size());
  EXPECT_EQ(foreign, 0U);
  EXPECT_EQ(last, database_text(Xapian::Database(master("public/en").string())));
}

TEST_F(ReplicaTest, ReplicasServedByTcpsrvSearchLikeTheirMasters) {
  const std::vector<std::string> names = {"public/de", "public/en", "agents/en"};
  std::vector<std::optional<RemoteServer>> servers(names.size());
  std::vector<Xapian::Database> masters, remotes;
  for (std::size_t k = 0; k < names.size(); ++k) {
    (void)replicate(names[k]);
    servers[k].emplace(std::vector<fs::path>{replica(names[k])});
    masters.emplace_back(master(names[k]).string());
    remotes.push_back(servers[k]->open());
  }
  const std::vector<std::vector<std::pair<std::string, std::string>>> queries = {
      {{"en", "refund to my card"}},
      {{"en", "lost parcel order page"}},
      {{"de", "Erstattung Karte"}},
      {{"en", "refund parcel"}, {"de", "Erstattung Paket"}},
      {{"en", "gift order refund"}},
  };
  const auto collapsed = [](Xapian::Enquire& e) { e.set_collapse_key(detail::kSlotArticleId); };
  const auto same_rankings = [&] {
    for (const auto& texts : queries) {
      SCOPED_TRACE(texts.front().second);
      const Xapian::Query query = analyzed_query(texts);
      const std::string expected = ranked(testing::combine(masters), query, collapsed);
      EXPECT_NE(expected, "est=0");
      EXPECT_EQ(ranked(testing::combine(remotes), query, collapsed), expected);
    }
  };
  same_rankings();

  // Caught up by xapian-replicate, the served replica is seen by a remote reader's reopen().
  commit_each(master_.path(), later_articles());
  (void)replicate("public/en");
  for (auto& db : masters) db.reopen();
  EXPECT_TRUE(remotes[1].reopen());
  EXPECT_TRUE(remotes[1].term_exists(detail::id_term("gift-wrap")));
  same_rankings();
}

TEST_F(ReplicaTest, AfterTheMasterIsCompactedTheReplicaTakesTheNewDatabaseWhole) {
  (void)replicate("public/en");
  Xapian::Database reader(replica("public/en").string());
  const std::string old_uuid = reader.get_uuid();
  const std::string old_text = database_text(reader);
  const RemoteServer served({replica("public/en")});
  Xapian::Database remote = served.open();

  IndexWriter::open(master_.path()).compact();
  const Xapian::Database original(master("public/en").string());
  ASSERT_NE(original.get_uuid(), old_uuid);
  const ReplicationRun run = replicate("public/en");
  EXPECT_EQ(run.copies, 1U) << run.output;
  EXPECT_TRUE(run.changed) << run.output;
  const Xapian::Database copy(replica("public/en").string());
  EXPECT_EQ(copy.get_uuid(), original.get_uuid());
  EXPECT_EQ(copy.get_revision(), original.get_revision());
  EXPECT_EQ(database_text(copy), database_text(original));
  EXPECT_EQ(entries_of(replica("public/en")), (std::set<std::string>{"XAPIANDB", "replica_0"}));

  // The new copy went into another directory beside the stub, and the old one was removed: a
  // reader open on it keeps reading it, but cannot reopen() into the new one.
  const std::string outcome = reader_outcome(reader, old_text);
  std::string reopen_error = reopen_failure(reader);
  std::string remote_reopen_error = reopen_failure(remote);
  std::printf("old reader: %s; reopen(): %s; remote reopen(): %s\n", outcome.c_str(), reopen_error.c_str(),
              remote_reopen_error.c_str());
  EXPECT_EQ(outcome, "its revision");
  EXPECT_EQ(reopen_error.rfind("DatabaseNotFoundError: ", 0), 0U) << reopen_error;
  EXPECT_EQ(remote_reopen_error.rfind("DatabaseNotFoundError: ", 0), 0U) << remote_reopen_error;
  // Opened again from the stub, locally or by a new connection to the same server: the new copy.
  EXPECT_EQ(Xapian::Database(replica("public/en").string()).get_uuid(), original.get_uuid());
  // The master's next commit reaches the new copy as a changeset again.
  commit_each(master_.path(), {later_articles().front()});
  const ReplicationRun next = replicate("public/en");
  EXPECT_EQ(next.copies, 0U) << next.output;
  EXPECT_EQ(next.changesets, 1U) << next.output;
  EXPECT_EQ(database_text(Xapian::Database(replica("public/en").string())), database_text(Xapian::Database(master("public/en").string())));
}

}  // namespace
}  // namespace faqsearch
