// What every partition carries about its index in Xapian user metadata: its "stamp".
//
// A searcher that opens partitions through Xapian's remote backend (docs/cluster.md) sees only
// the Xapian databases, not the files beside them (manifest, synonyms, generation, publish lock).
// So each commit writes, in the same Xapian transaction as the batch's documents:
//   faqsearch:partition   "audience/lang": a server pointed at the wrong directory is found out;
//   faqsearch:manifest    the manifest file's text (schema, analysis version, settings);
//   faqsearch:synonyms    the synonyms file's text (absent: no synonyms);
//   faqsearch:generation  the number of the batch that last committed this partition;
//   faqsearch:batch       the partitions that batch committed, "audience/lang" a line each;
//   faqsearch:cluster-generation  the shard's cluster generation (absent: none), which a writer
//                         per shard of a cluster is given (IndexWriter::set_cluster_generation)
//                         and which a searcher over the shards compares (docs/cluster.md §5.5).
// A partition's generation number alone cannot tell a reader whether it sees a whole batch: the
// partitions a batch did not touch keep older numbers. The batch list can: a reader sees part of
// a batch exactly when some partition's batch names another partition, among those it opened,
// whose number is lower (that one has not committed it yet, or was read before it did). Writing
// the list costs nothing in partitions a batch does not touch, where stamping the number into
// every partition would commit (and fsync) all of them on every batch.
//
// The manifest and synonyms must agree across partitions, so a commit that changes either
// stamps every partition (a batch naming all of them). The writer checks the stamps whenever it
// opens an index or recovers from a failed commit, and stamps every partition again if any is
// missing, torn or stale (an index written before stamps existed is stamped by the first writer
// that opens it); a compaction stamps every partition again too (writer_recovery.cpp says why).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Xapian {
class Database;
class WritableDatabase;
}  // namespace Xapian

namespace faqsearch::detail {

inline constexpr std::string_view kMetadataPartition = "faqsearch:partition";
inline constexpr std::string_view kMetadataManifest = "faqsearch:manifest";
inline constexpr std::string_view kMetadataSynonyms = "faqsearch:synonyms";
inline constexpr std::string_view kMetadataGeneration = "faqsearch:generation";
inline constexpr std::string_view kMetadataBatch = "faqsearch:batch";
inline constexpr std::string_view kMetadataClusterGeneration = "faqsearch:cluster-generation";

/// One partition's stamp.
struct PartitionStamp {
  std::string partition;           ///< "audience/lang"
  std::string manifest;            ///< the manifest file's text
  std::string synonyms;            ///< the synonyms file's text; empty: none
  std::uint64_t generation = 0;    ///< the batch that last committed the partition
  std::vector<std::string> batch;  ///< the partitions that batch committed, sorted
  std::uint64_t cluster_generation = 0;  ///< the shard's; 0: none

  friend bool operator==(const PartitionStamp&, const PartitionStamp&) = default;
};

/// "audience/lang", the name a stamp gives a partition.
std::string partition_name(std::string_view audience, std::string_view lang);

/// Writes `stamp` into `db`'s user metadata (within the caller's transaction, if one is open).
/// Keys whose value is already the same are not rewritten: a synonyms text can be large.
void write_stamp(Xapian::WritableDatabase& db, const PartitionStamp& stamp);

/// The stamp of `db`; nullopt when it has none (a partition written before stamps existed, or
/// created by a commit that never completed). Throws IndexCorrupt, naming `where`, when a stamp
/// is there but unreadable. Works through a remote database; a Xapian::NetworkError (its server
/// gone or timed out) passes through untranslated, for the cluster's failure policy.
std::optional<PartitionStamp> read_stamp(const Xapian::Database& db, std::string_view where);

/// The partitions among `stamps` that are behind a batch another one of them committed: for
/// every stamp P and every partition Q its batch names, if Q is among `stamps` and Q's
/// generation is below P's, Q is behind. Empty when `stamps` show whole batches only.
std::vector<std::string> partitions_behind(const std::vector<PartitionStamp>& stamps);

}  // namespace faqsearch::detail
