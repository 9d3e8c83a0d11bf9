// ShardSnapshot: what a Searcher reads of one shard of an index, at one published generation.
//
// An index is one shard (a local directory) or, described by a cluster file (docs/cluster.md),
// several: local directories (LocalShard: the generation file and the publish lock) and sets
// of partitions served by xapian-tcpsrv (RemoteShard: the partitions' stamps, since the remote
// backend carries only Xapian databases). IndexSnapshot (index_snapshot.h) puts the shards'
// partitions side by side; the search stages see partitions only.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index/manifest.h"

namespace faqsearch::detail {

/// Thrown by a shard's database() when a partition is no longer at the snapshot's generation
/// (a writer published another): the search reloads the snapshot and repeats.
struct SnapshotMoved {};

class ShardSnapshot;

/// Thrown by a shard whose server could not be reached or timed out (a Xapian::NetworkError),
/// after it dropped its connections: the Searcher applies the cluster's failure policy
/// (IndexSnapshot::shard_failed). `message` names the shard and, when known, the partition.
struct ShardUnreachable {
  const ShardSnapshot* shard = nullptr;
  std::string message;
  /// A search may repeat at once, before the failure policy applies: the failed partition has
  /// another server (a replica) to read, which the next search of it asks first, or its server
  /// closed the connection without timing out (an idle connection it dropped, a restart), and
  /// a new connection may be answered.
  bool retry_now = false;
};

/// Thread-safety: not thread-safe (one Searcher's).
class ShardSnapshot {
 public:
  virtual ~ShardSnapshot() = default;

  /// Moves to the latest generation if a writer published one since. Returns whether it did.
  virtual bool refresh_if_published() = 0;

  /// Moves every partition to the latest published generation.
  virtual void reload() = 0;

  /// The partitions of the snapshot's generation, sorted by (audience, lang). Stable until the
  /// next refresh or reload: plans point into it.
  [[nodiscard]] virtual const std::vector<Partition>& partitions() const = 0;

  /// `p`'s database at the snapshot's generation, opened on first use. Throws SnapshotMoved if
  /// the partition has moved on, IndexError or IndexCorrupt if it cannot be opened.
  virtual Xapian::Database& database(const Partition& p) = 0;

  /// The manifest's text and the synonyms' text (empty: none) at the snapshot's generation.
  virtual std::string manifest_text() = 0;
  virtual std::string synonyms_text() = 0;

  /// The cluster generation stamped in the partitions opened (IndexWriter::
  /// set_cluster_generation; 0: none), the highest if they differ; nullopt while none is open.
  /// Throws what reading a partition throws (Xapian's errors, ShardUnreachable).
  [[nodiscard]] virtual std::optional<std::uint64_t> cluster_generation() = 0;

  /// How messages name the shard: its directory, or "shard NAME".
  [[nodiscard]] virtual const std::string& name() const = 0;

  /// Whether its partitions are read through the remote backend (xapian-tcpsrv).
  [[nodiscard]] virtual bool remote() const = 0;

  /// If `e` (met while reading) names a server of this shard by its context: the failure,
  /// naming the partition, after the shard dropped its connections (and, for a timeout, moved
  /// that partition on to its next server if it has one); nullopt otherwise (and always for a
  /// local shard).
  virtual std::optional<ShardUnreachable> server_failed(const Xapian::NetworkError& /*e*/) { return std::nullopt; }

  /// Forgets every network connection, so the next search connects again (after a server
  /// failed or timed out, its connection is unusable). Nothing for a local shard.
  virtual void drop_connections() {}
};

}  // namespace faqsearch::detail
