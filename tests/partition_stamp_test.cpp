// Partition stamps (lib/index/partition_stamp.h): what every partition carries in its Xapian
// user metadata about its index, so a searcher that sees only the Xapian databases (a remote
// partition, docs/cluster.md) reads the manifest, the synonyms and whole batches. Each test
// checks the stamps against the files beside the partitions, which local searchers read.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/synonyms.h"
#include "failing_point.h"
#include "index/generation.h"
#include "index/manifest.h"
#include "index/partition_stamp.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "remote_server.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using detail::PartitionStamp;
using testing::article;
using testing::FailingPoint;
using testing::ScratchDir;

std::string file_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Every partition's stamp, by name, checked against the index's files: the partition's own
/// name, the manifest and synonyms files' texts, and whole batches only.
std::map<std::string, PartitionStamp> stamps_matching_files(const fs::path& dir) {
  std::map<std::string, PartitionStamp> out;
  std::vector<PartitionStamp> all;
  for (const detail::Partition& p : detail::list_partitions(dir)) {
    const std::string name = detail::partition_name(p.audience, p.lang);
    SCOPED_TRACE(name);
    const std::optional<PartitionStamp> stamp = detail::read_stamp(Xapian::Database(p.path.string()), name);
    if (!stamp) {
      ADD_FAILURE() << "no stamp";
      continue;
    }
    EXPECT_EQ(stamp->partition, name);
    EXPECT_EQ(stamp->manifest, file_text(dir / detail::kManifestFile));
    EXPECT_EQ(stamp->synonyms, fs::exists(dir / detail::kSynonymsFile) ? file_text(dir / detail::kSynonymsFile) : "");
    all.push_back(*stamp);
    out.emplace(name, *stamp);
  }
  EXPECT_EQ(detail::partitions_behind(all), std::vector<std::string>());
  return out;
}

std::uint64_t published_number(const fs::path& dir) { return detail::read_generation(dir).value().number; }

std::vector<Article> three_partitions() {
  return {article("refund", "en", "Refund time", "A refund takes five days."),
          article("refund", "de", "Erstattung", "Eine Erstattung dauert fünf Tage."),
          article("claims", "en", "Parcel claims", "Open a claim with the carrier.", "agents")};
}

const std::vector<std::string> kAllThree{"agents/en", "public/de", "public/en"};

PartitionStamp stamp(std::string partition, std::uint64_t generation, std::vector<std::string> batch) {
  PartitionStamp s;
  s.partition = std::move(partition);
  s.generation = generation;
  s.batch = std::move(batch);
  return s;
}

struct BehindCase {
  std::string name;
  std::vector<PartitionStamp> stamps;
  std::vector<std::string> behind;
};

// The rule readers apply: a partition is behind when a batch another one committed names it and
// its own number is lower. Partitions a reader did not open do not count.
TEST(PartitionStamps, PartitionsBehindABatchAreFound) {
  const std::vector<BehindCase> cases{
      {"one batch, whole", {stamp("a", 3, {"a", "b"}), stamp("b", 3, {"a", "b"})}, {}},
      {"a later batch of one", {stamp("a", 4, {"a"}), stamp("b", 3, {"a", "b"})}, {}},
      {"b has not committed batch 4", {stamp("a", 4, {"a", "b"}), stamp("b", 3, {"a", "b"})}, {"b"}},
      {"a read before batch 4", {stamp("a", 3, {"a", "b"}), stamp("b", 4, {"a", "b"})}, {"a"}},
      {"c not opened", {stamp("a", 5, {"a", "c"}), stamp("b", 2, {"b"})}, {}},
      {"two behind", {stamp("a", 6, {"a", "b", "c"}), stamp("b", 5, {"b"}), stamp("c", 1, {"c"})}, {"b", "c"}},
  };
  for (const BehindCase& c : cases) EXPECT_EQ(detail::partitions_behind(c.stamps), c.behind) << c.name;
}

// Each commit stamps the partitions it commits with its number and names them all; the others
// keep their stamps, and the whole still reads as whole batches.
TEST(PartitionStamps, EachCommitStampsThePartitionsItCommits) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  std::map<std::string, PartitionStamp> stamps = stamps_matching_files(dir.path());
  ASSERT_EQ(stamps.size(), 3u);
  const std::uint64_t first = published_number(dir.path());
  for (const auto& [name, s] : stamps) {
    EXPECT_EQ(s.generation, first) << name;
    EXPECT_EQ(s.batch, kAllThree) << name;
  }
  testing::index_articles(dir.path(), {article("shipping", "de", "Versand", "Wir versenden in drei Tagen.")});
  stamps = stamps_matching_files(dir.path());
  const std::uint64_t second = published_number(dir.path());
  EXPECT_GT(second, first);
  EXPECT_EQ(stamps.at("public/de").generation, second);
  EXPECT_EQ(stamps.at("public/de").batch, std::vector<std::string>{"public/de"});
  EXPECT_EQ(stamps.at("public/en").generation, first);
  EXPECT_EQ(stamps.at("agents/en").generation, first);
}

// New synonyms are stamped into every partition in one batch, also those no article of the
// batch touches, so every partition agrees with the synonyms file.
TEST(PartitionStamps, NewSynonymsAreStampedIntoEveryPartition) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  IndexWriter writer = IndexWriter::open(dir.path());
  writer.set_synonyms(parse_synonyms("[en]\nrefund, money back\n", "test"));
  writer.commit();
  std::map<std::string, PartitionStamp> stamps = stamps_matching_files(dir.path());
  for (const auto& [name, s] : stamps) {
    EXPECT_EQ(s.synonyms, "[en]\nrefund, money back\n") << name;
    EXPECT_EQ(s.generation, published_number(dir.path())) << name;
    EXPECT_EQ(s.batch, kAllThree) << name;
  }
  writer.set_synonyms(parse_synonyms("[de]\nerstattung, rückzahlung\n", "test"));
  writer.upsert(article("refund", "en", "Refund time", "A refund takes four days."));
  writer.commit();
  stamps = stamps_matching_files(dir.path());
  EXPECT_EQ(stamps.at("agents/en").synonyms, "[de]\nerstattung, rückzahlung\n");
}

// A bulk build's segments are never stamped; the merged partitions are stamped before the
// build is published. Compaction stamps every partition as a new batch: its copies start again
// at revision 1, and the new batch moves them on (a remote reader's reopen() compares revisions).
TEST(PartitionStamps, ABulkBuildAndACompactionLeaveStampsMatchingTheFiles) {
  ScratchDir dir;
  {
    IndexBuilder builder = IndexBuilder::create(dir.path());
    for (const Article& a : three_partitions()) builder.add(a);
    builder.set_synonyms(parse_synonyms("[en]\nparcel, package\n", "test"));
    builder.finish();
  }
  const std::map<std::string, PartitionStamp> built = stamps_matching_files(dir.path());
  ASSERT_EQ(built.size(), 3u);
  for (const auto& [name, s] : built) EXPECT_EQ(s.batch, kAllThree) << name;
  IndexWriter writer = IndexWriter::open(dir.path());
  writer.compact();
  for (const auto& [name, s] : stamps_matching_files(dir.path())) {
    EXPECT_EQ(s.batch, kAllThree) << name;
    EXPECT_EQ(s.generation, published_number(dir.path())) << name;
    EXPECT_GT(s.generation, built.at(name).generation) << name;
    EXPECT_GT(Xapian::Database(detail::partition_path(dir.path(), name.substr(0, name.find('/')), name.substr(name.find('/') + 1)).string())
                  .get_revision(), 1u) << name;
  }
}

/// Removes every stamp key of every partition, as an index written before stamps has none.
void remove_stamps(const fs::path& dir, const std::string& only = "") {
  for (const detail::Partition& p : detail::list_partitions(dir)) {
    if (!only.empty() && detail::partition_name(p.audience, p.lang) != only) continue;
    Xapian::WritableDatabase db(p.path.string(), Xapian::DB_OPEN);
    for (std::string_view key : {detail::kMetadataPartition, detail::kMetadataManifest, detail::kMetadataSynonyms,
                                 detail::kMetadataGeneration, detail::kMetadataBatch}) {
      db.set_metadata(std::string(key), "");
    }
    db.commit();
  }
}

// Whatever left a partition without its stamp, with a torn one, or with another manifest than
// the file (a new default language recorded on opening), the next writer to open the index
// stamps every partition again as one batch, and publishes.
TEST(PartitionStamps, OpeningAWriterRepairsMissingTornAndStaleStamps) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  const auto reopen = [&](IndexSettings settings = {}) { IndexWriter::open(dir.path(), OpenMode::kOpen, settings); };

  remove_stamps(dir.path());  // an index written before stamps existed
  reopen();
  EXPECT_EQ(stamps_matching_files(dir.path()).at("public/de").generation, published_number(dir.path()));

  testing::index_articles(dir.path(), {article("refund", "en", "Refund time", "A refund takes four days."),
                                       article("refund", "de", "Erstattung", "Vier Tage.")});
  {  // public/de read back to an older batch than public/en names
    Xapian::WritableDatabase db(detail::partition_path(dir.path(), "public", "de").string(), Xapian::DB_OPEN);
    db.set_metadata(std::string(detail::kMetadataGeneration), "1");
    db.commit();
  }
  reopen();
  std::map<std::string, PartitionStamp> stamps = stamps_matching_files(dir.path());
  EXPECT_EQ(stamps.at("public/de").batch, kAllThree);

  IndexSettings settings;
  settings.default_language = "de";
  reopen(settings);
  stamps = stamps_matching_files(dir.path());
  EXPECT_NE(stamps.at("agents/en").manifest.find("\"default_language\": \"de\""), std::string::npos);
}

// A repair that stops after one partition (the disk full) leaves stamps a reader finds torn or
// missing, never a stamp that lies; the next writer finishes the repair.
TEST(PartitionStamps, ARepairThatFailsMidwayIsFinishedByTheNextWriter) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  remove_stamps(dir.path());
  {
    const FailingPoint full("faqsearch/stamps/partition-stamped", 1, ENOSPC);
    EXPECT_THROW(IndexWriter::open(dir.path()), IndexError);
  }
  const std::optional<PartitionStamp> stamped =
      detail::read_stamp(Xapian::Database(detail::partition_path(dir.path(), "agents", "en").string()), "agents/en");
  ASSERT_TRUE(stamped.has_value());
  EXPECT_EQ(stamped->batch, kAllThree);
  EXPECT_FALSE(detail::read_stamp(Xapian::Database(detail::partition_path(dir.path(), "public", "de").string()), "public/de"));
  IndexWriter::open(dir.path());
  stamps_matching_files(dir.path());
}

// A commit failing after some partitions committed is undone, and the stamps it left in those
// partitions are repaired with it: a reader of the stamps never sees the failed batch.
TEST(PartitionStamps, ACommitFailingMidwayLeavesWholeStamps) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  IndexWriter writer = IndexWriter::open(dir.path());
  writer.set_synonyms(parse_synonyms("[en]\nclaim, complaint\n", "test"));
  writer.upsert(article("refund", "en", "Refund time", "A refund takes four days."));
  {
    const FailingPoint fail("faqsearch/commit/partition", 2, ENOSPC);
    EXPECT_THROW(writer.commit(), IndexError);
  }
  for (const auto& [name, s] : stamps_matching_files(dir.path())) EXPECT_EQ(s.synonyms, "") << name;
  writer.commit();  // the staged batch again, now whole
  for (const auto& [name, s] : stamps_matching_files(dir.path())) EXPECT_EQ(s.synonyms, "[en]\nclaim, complaint\n") << name;
}

// The same for a cluster generation: a commit that fails midway leaves the shard's number as it
// was in every partition, and the staged number commits whole when the commit is retried.
TEST(PartitionStamps, ACommitFailingMidwayKeepsTheClusterGeneration) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  IndexWriter writer = IndexWriter::open(dir.path());
  writer.set_cluster_generation(3);
  writer.commit();
  writer.upsert(article("refund", "en", "Refund time", "A refund takes four days."));
  writer.set_cluster_generation(4);
  {
    const FailingPoint fail("faqsearch/commit/partition", 2, ENOSPC);
    EXPECT_THROW(writer.commit(), IndexError);
  }
  EXPECT_EQ(writer.cluster_generation(), 3u);
  for (const auto& [name, s] : stamps_matching_files(dir.path())) EXPECT_EQ(s.cluster_generation, 3u) << name;
  writer.commit();
  EXPECT_EQ(writer.cluster_generation(), 4u);
  for (const auto& [name, s] : stamps_matching_files(dir.path())) EXPECT_EQ(s.cluster_generation, 4u) << name;
}

// The stamp travels through Xapian: read through xapian-tcpsrv it is the one read locally.
TEST(PartitionStamps, AStampReadsTheSameThroughTheRemoteBackend) {
  ScratchDir dir;
  testing::index_articles(dir.path(), three_partitions());
  const fs::path partition = detail::partition_path(dir.path(), "public", "de");
  const testing::RemoteServer server({partition});
  EXPECT_EQ(detail::read_stamp(server.open(), "remote public/de"), detail::read_stamp(Xapian::Database(partition.string()), "public/de"));
}

}  // namespace
}  // namespace faqsearch
