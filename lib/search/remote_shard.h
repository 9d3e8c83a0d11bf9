// RemoteShard: a shard whose partitions are served by xapian-tcpsrv, one server per partition
// (docs/cluster.md §3.3), read through Xapian's remote backend.
//
// The remote backend carries Xapian databases only: no generation file, no publish lock, no
// revision numbers. What the files tell a LocalShard, the partitions' stamps tell a RemoteShard
// (index/partition_stamp.h): the manifest and synonyms, which partition a server really serves,
// and whether the partitions opened show whole batches. A search that finds a batch half
// committed (the shard's writer between two partitions' commits) reopens and checks again; a
// shard that stays torn is an error naming it.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cluster/cluster_file.h"
#include "index/partition_stamp.h"
#include "search/shard_snapshot.h"

namespace faqsearch::detail {

/// Thread-safety: not thread-safe (one Searcher's).
class RemoteShard final : public ShardSnapshot {
 public:
  /// Connects to nothing yet: partitions are opened on first use. `timeout_ms` bounds every
  /// request to a server (Xapian::Remote::open's timeouts).
  RemoteShard(const ClusterShard& shard, unsigned timeout_ms);

  /// reopen() of every partition opened (one round trip each); true if any moved on. Every
  /// method that reads a server throws ShardUnreachable when it cannot.
  bool refresh_if_published() override;
  void reload() override;
  [[nodiscard]] const std::vector<Partition>& partitions() const override { return partitions_; }
  Xapian::Database& database(const Partition& p) override;
  /// From the first partition's stamp.
  /// From the stamps read when the partitions were opened or reopened.
  [[nodiscard]] std::optional<std::uint64_t> cluster_generation() override;
  std::string manifest_text() override;
  std::string synonyms_text() override;
  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] bool remote() const override { return true; }

  /// When `e`'s context names the server a partition of this shard reads: that partition moves
  /// on to its next server (a replica, or back to its master), every connection is dropped, and
  /// the failure says so ("shard NAME: partition public/en at tcp://HOST:PORT: ...").
  std::optional<ShardUnreachable> server_failed(const Xapian::NetworkError& e) override;
  void drop_connections() override { open_.clear(); }

 private:
  struct Opened {
    Xapian::Database db;
    PartitionStamp stamp;
  };
  /// A partition's servers: its master, then its replicas (the cluster file's order).
  struct Servers {
    std::vector<ServerAddress> addresses;
    std::size_t current = 0;  ///< the one read last, tried first
  };
  /// Opens `p` through the first of its servers that answers, from the current one on, and
  /// checks its stamp names it. Throws ShardUnreachable (none answered), IndexError.
  Opened open(const Partition& p);
  /// Opens `p` through `address`. Throws Xapian::NetworkError, IndexError, IndexMismatch.
  Opened open_at(const Partition& p, const ServerAddress& address) const;
  /// After the connection of the partition at `path` failed with `e`: drops every connection
  /// and returns the failure to throw. A server silent past our timeout is left for the
  /// partition's next server; one that closed the connection (or reports its own timeout) is
  /// asked first again, at once: xapian-tcpsrv closes connections idle for a minute by
  /// default, and a quiet help center's next search must not fail for it.
  ShardUnreachable connection_failed(const std::string& path, const Xapian::NetworkError& e, const std::string& message);
  /// database() without the translation of network errors.
  Xapian::Database& open_partition(const Partition& p);
  /// `f()`, a Xapian::NetworkError turned into ShardUnreachable (every connection dropped):
  /// the cluster's failure policy decides what a search does then.
  template <typename F>
  decltype(auto) reachable(const std::string& doing, F&& f);
  /// reload() without the translation of network errors: reopens every partition until their
  /// stamps show whole batches.
  void follow_latest_batch();
  /// The partition whose Partition::path is `path` (one of partitions_).
  [[nodiscard]] const Partition& partition_at(const std::string& path) const;
  /// How messages name the partition at `path`: "shard NAME: partition AUDIENCE/LANG at URL",
  /// the URL of the server it reads.
  [[nodiscard]] std::string where(const std::string& path) const;
  /// reopen() of one opened partition; whether it moved on.
  bool reopen(std::pair<const std::string, Opened>& entry);
  /// Reads every opened partition's stamp again; false if they show a batch half committed.
  bool stamps_whole();
  /// Connects again to the partitions the others' stamps show behind: a connection can stay on
  /// a database its server's directory no longer holds (a compacted copy at the same revision),
  /// and a new one opens what the directory holds now.
  void reconnect_partitions_behind();
  /// The stamp of the first partition (opened for it).
  const PartitionStamp& first_stamp();

  std::string name_;
  unsigned timeout_ms_;
  std::vector<Partition> partitions_;
  std::map<std::string, Servers> servers_;           // by Partition::path
  std::map<std::string, Opened> open_;               // by Partition::path
};

}  // namespace faqsearch::detail
