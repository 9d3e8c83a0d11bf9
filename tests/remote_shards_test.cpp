// A search with partitions behind xapian-tcpsrv (issue #24, docs/cluster.md): the same ranking as
// the local index, how a server over several partitions numbers documents, what a reader sees of
// later commits, a stopped or stalled server and a one-shot server. Xapian 1.4.22 (Debian 12).
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "index/document_builder.h"
#include "index/schema.h"
#include "remote_index.h"
#include "remote_server.h"
#include "search/search_plan.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::analyzed_query;
using testing::article;
using testing::combine;
using testing::corpus;
using testing::documents;
using testing::kServed;
using testing::RemoteServer;
using testing::ranked;
using testing::ScratchDir;
using testing::term_of;

using RemoteShardsTest = testing::RemoteIndexTest;

TEST_F(RemoteShardsTest, RankingIsTheSameWithAnyPartitionsRemote) {
  // Every partition behind a server of its own, too: then no statistic is local at all.
  std::vector<std::optional<RemoteServer>> servers(paths_.size());
  std::vector<Xapian::Database> all_remote;
  for (std::size_t k = 0; k < paths_.size(); ++k) {
    servers[k].emplace(std::vector<std::filesystem::path>{paths_[k]});
    all_remote.push_back(servers[k]->open());
  }
  const Xapian::Database local = combine(parts(false)), one_remote = combine(parts(true)), remote = combine(all_remote);
  const std::vector<std::vector<std::pair<std::string, std::string>>> queries = {
      {{"en", "refund to my card"}},
      {{"en", "lost parcel order page"}},
      {{"en", "the return is free"}},
      {{"de", "Erstattung Karte"}},
      {{"en", "refund parcel"}, {"de", "Erstattung Paket"}},
  };
  for (const auto& texts : queries) {
    SCOPED_TRACE(texts.front().second);
    const Xapian::Query query = analyzed_query(texts);
    const auto collapsed = [](Xapian::Enquire& e) { e.set_collapse_key(detail::kSlotArticleId); };
    const std::string expected = ranked(local, query, collapsed);
    EXPECT_GT(expected.size(), std::string("est=0").size()) << expected;
    EXPECT_EQ(ranked(one_remote, query, collapsed), expected);
    EXPECT_EQ(ranked(remote, query, collapsed), expected);
  }
}

// One server over several partition directories is ONE sub-database of the combination: its own
// documents interleave inside it, so database_of() over the combination's size is not enough.
TEST_F(RemoteShardsTest, OneServerOverTwoPartitionsIsOneSubDatabase) {
  const RemoteServer both({paths_[0], paths_[2]});  // public/de and agents/en, combined by the server
  Xapian::Database combined;
  combined.add_database(both.open());
  combined.add_database(local_[1]);
  EXPECT_EQ(combined.size(), 2U);
  std::size_t checked = 0;
  for (const Xapian::docid did : documents(combined)) {
    const std::string id = combined.get_document(did).get_value(detail::kSlotArticleId);
    const std::size_t k = detail::database_of(did, 2);
    const Xapian::docid in_k = (did - 1) / 2 + 1;
    // Inside the server's combination: (in_k - 1) % 2 picks the directory, as database_of() does.
    const Xapian::Database& holder = k == 1 ? local_[1] : local_[detail::database_of(in_k, 2) == 0 ? 0 : 2];
    const Xapian::docid local_did = k == 1 ? in_k : (in_k - 1) / 2 + 1;
    EXPECT_EQ(holder.get_document(local_did).get_value(detail::kSlotArticleId), id) << did;
    ++checked;
  }
  EXPECT_EQ(checked, corpus().size());
}

TEST_F(RemoteShardsTest, ReopenSeesTheServedPartitionsLaterCommits) {
  const Xapian::doccount before = remote_.get_doccount();
  const std::string uuid = remote_.get_uuid();
  testing::index_articles(dir_.path(), {article("new-one", "en", "A new article", "Brand new words here.")});
  EXPECT_EQ(remote_.get_doccount(), before);  // still the revision it opened
  EXPECT_TRUE(remote_.reopen());
  EXPECT_EQ(remote_.get_doccount(), before + 1);
  EXPECT_EQ(remote_.get_uuid(), uuid);
  EXPECT_TRUE(remote_.term_exists(detail::id_term("new-one")));
}

TEST_F(RemoteShardsTest, AStoppedServerGivesNetworkErrorOnTheNextRead) {
  const Xapian::Database combined = combine(parts(true));
  ASSERT_GT(combined.get_doccount(), 0U);
  server_->stop();
  try {
    Xapian::Enquire enquire(combined);
    enquire.set_query(Xapian::Query(term_of("refund", "en")));
    (void)enquire.get_mset(0, 10);
    ADD_FAILURE() << "searched through a stopped server";
  } catch (const Xapian::NetworkError&) {
    // Its message depends on which step meets the closed connection first: "write failed"
    // (EPIPE), "read failed" (ECONNRESET) and "Received EOF" were all seen.
  }
  try {
    (void)RemoteServer::open_at(server_->port());
    ADD_FAILURE() << "connected to a stopped server";
  } catch (const Xapian::NetworkError& e) {
    EXPECT_EQ(e.get_msg(), "Couldn't connect") << e.get_description();
  }
}

TEST_F(RemoteShardsTest, AStalledServerGivesNetworkTimeoutErrorAfterTheTimeout) {
  Xapian::Database combined = local_[0];
  combined.add_database(server_->open(300));  // ms
  ASSERT_GT(combined.get_doccount(), 0U);
  server_->pause();
  try {
    Xapian::Enquire enquire(combined);
    enquire.set_query(Xapian::Query(term_of("refund", "en")));
    (void)enquire.get_mset(0, 10);
    ADD_FAILURE() << "searched through a stalled server";
  } catch (const Xapian::NetworkTimeoutError& e) {
    EXPECT_EQ(e.get_msg(), "Timeout expired while trying to read") << e.get_description();
  }
  server_->resume();
}

TEST_F(RemoteShardsTest, AOneShotServerServesOneConnectionThenExits) {
  RemoteServer once({paths_[kServed]}, {.one_shot = true});
  {
    const Xapian::Database db = once.open();
    EXPECT_EQ(db.get_doccount(), local_[kServed].get_doccount());
  }
  EXPECT_TRUE(once.exited_within(std::chrono::seconds(20)));
}

// faqsearch keeps no Xapian spelling table (typos are expanded from the partitions' terms:
// term_expansion.cpp), but a remote database reads none: a plain database shows it.
TEST(RemoteSpelling, ARemoteDatabaseGivesNoSpellingSuggestions) {
  ScratchDir dir;
  {
    Xapian::WritableDatabase db((dir.path() / "spelling").string(), Xapian::DB_CREATE);
    db.add_spelling("refund");
    db.add_document(Xapian::Document());
    db.commit();
  }
  const RemoteServer server({dir.path() / "spelling"});
  EXPECT_EQ(Xapian::Database((dir.path() / "spelling").string()).get_spelling_suggestion("refnd"), "refund");
  EXPECT_EQ(server.open().get_spelling_suggestion("refnd"), "");
}

}  // namespace
}  // namespace faqsearch
