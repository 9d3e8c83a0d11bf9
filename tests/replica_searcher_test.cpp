// A faqsearch Searcher over a replica index: every partition replicated by xapian-replicate into
// <replica>/partitions/<audience>/<lang>, and the master's own files (manifest, generation,
// synonyms), which Xapian's replication does not carry, copied beside them (issue #24,
// docs/cluster.md "Replicas on xapian-replicate").
#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "remote_index.h"
#include "replica_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::ReplicationServer;
using testing::ScopedMaxChangesets;
using testing::ScratchDir;

const std::vector<std::string> kPartitions = {"public/de", "public/en", "agents/en"};

/// A page of results as text: every hit's id, language, score (every bit) and snippets.
std::string page(Searcher& searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.audiences = {"public", "agents"};
  request.limit = 10;
  const SearchResults results = searcher.search(request);
  std::string out = "total " + std::to_string(results.total) + "\n";
  for (const Hit& hit : results.hits) {
    char score[64];
    std::snprintf(score, sizeof score, "%.17g", hit.score);
    out += hit.id + " " + hit.lang + " " + score + " [" + hit.title_snippet.to_html() + "] [" + hit.snippet.to_html() + "]\n";
  }
  return out;
}

/// An article the master commits after the first replication.
Article gift_wrap() { return testing::article("gift-wrap", "en", "Gift wrapping", "Add gift wrapping before the parcel ships."); }

const std::vector<std::string> kQueries = {"refund to my card", "lost parcel", "Erstattung Karte", "refnd parcle", "money back"};

/// A master index (the remote-shard tests' articles and a synonym group) with a replication
/// server over its partitions, and a replica index directory.
class ReplicaSearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(master_.path());
    for (const Article& a : testing::corpus()) w.upsert(a);
    w.set_synonyms({{"en", {"refund", "money back"}, false}});
    w.commit();
    server_.emplace(master_.path() / detail::kPartitionsDir);
  }

  /// Brings every partition of the replica index to the master's revision.
  void replicate_partitions() {
    for (const std::string& name : kPartitions) {
      const testing::ReplicationRun run = server_->replicate(name, replica_.path() / detail::kPartitionsDir / name);
      ASSERT_EQ(run.exit_code, 0) << run.output;
    }
  }

  /// Copies the master's own files into the replica index (each replaced by rename, as the
  /// writer replaces them, so that a Searcher notices).
  void copy_files() {
    for (const std::string_view file : {detail::kManifestFile, detail::kGenerationFile, detail::kSynonymsFile}) {
      const fs::path from = master_.path() / file, to = replica_.path() / file, tmp = replica_.path() / ".copying";
      fs::copy_file(from, tmp, fs::copy_options::overwrite_existing);
      fs::rename(tmp, to);
    }
  }

  /// Every replica partition's UUID and revision, as text.
  [[nodiscard]] std::string revisions() const {
    std::string out;
    for (const std::string& name : kPartitions) {
      const Xapian::Database db((replica_.path() / detail::kPartitionsDir / name).string());
      out += name + " " + db.get_uuid() + " " + std::to_string(db.get_revision()) + "\n";
    }
    return out;
  }

  ScopedMaxChangesets changesets_{10};
  ScratchDir master_;
  ScratchDir replica_;
  std::optional<ReplicationServer> server_;
};

TEST_F(ReplicaSearcherTest, ASearcherOverReplicatedPartitionsAndCopiedFilesSearchesLikeTheMaster) {
  replicate_partitions();
  copy_files();
  Searcher master(master_.path());
  Searcher replica(replica_.path());
  for (const std::string& query : kQueries) {
    SCOPED_TRACE(query);
    const std::string expected = page(master, query);
    EXPECT_NE(expected.find("]\n"), std::string::npos) << expected;
    EXPECT_EQ(page(replica, query), expected);
  }
  EXPECT_NE(page(replica, "money back").find("refund-time"), std::string::npos);  // the synonyms came too

  // Caught up, partitions first and then the files: the open Searcher moves to the new generation.
  testing::index_articles(master_.path(), {gift_wrap()});
  replicate_partitions();
  copy_files();
  EXPECT_EQ(page(replica, "gift wrapping"), page(master, "gift wrapping"));
  EXPECT_NE(page(replica, "gift wrapping").find("gift-wrap"), std::string::npos);
}

// A compacted master is copied whole into the replica's other directory and the one the Searcher
// had open is removed: its partitions' reopen() fails, and the Searcher opens them again by path.
TEST_F(ReplicaSearcherTest, AnOpenSearcherFollowsItsReplicaToTheMastersCompactedPartitions) {
  replicate_partitions();
  copy_files();
  Searcher replica(replica_.path());
  Searcher master(master_.path());
  ASSERT_EQ(page(replica, "refund to my card"), page(master, "refund to my card"));
  const fs::path en = replica_.path() / detail::kPartitionsDir / "public" / "en";
  const std::string old_uuid = Xapian::Database(en.string()).get_uuid();
  IndexWriter::open(master_.path()).compact();
  testing::index_articles(master_.path(), {gift_wrap()});
  replicate_partitions();
  copy_files();
  ASSERT_NE(Xapian::Database(en.string()).get_uuid(), old_uuid);
  EXPECT_NE(page(replica, "gift wrapping").find("gift-wrap"), std::string::npos);  // not the old files, still open
  for (const std::string& query : kQueries) {
    SCOPED_TRACE(query);
    EXPECT_EQ(page(replica, query), page(master, query));
  }
}

// The generation file names every partition's UUID and revision: partitions replicated past it
// are, to a Searcher, a batch its writer left unfinished. With no writer alive the Searcher
// recovers the index itself (IndexWriter::open), which here publishes the partitions as they are
// under a generation number of the replica's own: it writes into the replica directory.
TEST_F(ReplicaSearcherTest, ASearcherRepublishesReplicatedPartitionsAheadOfTheCopiedGeneration) {
  replicate_partitions();
  copy_files();
  testing::index_articles(master_.path(), {gift_wrap()});
  replicate_partitions();  // the files are not copied again
  const fs::path generation = replica_.path() / detail::kGenerationFile;
  const std::string copied = testing::text_of(generation);
  ASSERT_FALSE(fs::exists(replica_.path() / detail::kLockFile));
  const std::string partitions_before = revisions();
  {
    Searcher replica(replica_.path());
    EXPECT_NE(page(replica, "gift wrapping").find("gift-wrap"), std::string::npos);
  }
  const std::string republished = testing::text_of(generation);
  std::printf("copied generation file:\n%s\nafter the Searcher:\n%s\n", copied.c_str(), republished.c_str());
  EXPECT_NE(republished, copied);
  EXPECT_TRUE(fs::exists(replica_.path() / detail::kLockFile));  // an IndexWriter opened it

  // The partitions themselves were not written, and the next commit still reaches them as a
  // changeset.
  EXPECT_EQ(revisions(), partitions_before);
  testing::index_articles(master_.path(), {testing::article("invoice", "en", "Invoices", "The invoice is on the order page.")});
  const testing::ReplicationRun run = server_->replicate("public/en", replica_.path() / detail::kPartitionsDir / "public" / "en");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.copies, 0U) << run.output;
  EXPECT_EQ(run.changesets, 1U) << run.output;
}

}  // namespace
}  // namespace faqsearch
