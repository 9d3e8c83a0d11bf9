// IndexSnapshot: the partitions of every shard of an index, each shard at one published
// generation, as a Searcher's stages read them.
//
// An index directory is one shard (LocalShard); a cluster file (docs/cluster.md) names several,
// local directories and partitions served by xapian-tcpsrv (RemoteShard). Their partitions are
// listed side by side, shard after shard, so a plan over "every partition of German" combines
// the German partitions of every shard in one Xapian search, whose statistics then cover all of
// them as one index's would.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cluster/cluster_file.h"
#include "index/manifest.h"
#include "search/shard_snapshot.h"

namespace faqsearch::detail {

/// Thread-safety: not thread-safe (one Searcher's).
class IndexSnapshot {
 public:
  /// Opens the index directory or cluster file at `where`: reads and checks each shard's
  /// manifest (shards must agree on every setting). Throws IndexError, IndexMismatch,
  /// InvalidArgument (a malformed cluster file).
  explicit IndexSnapshot(const std::filesystem::path& where);

  /// Moves shards a writer published to since, and brings back the shards left out whose
  /// retry time has come; returns whether anything moved (then the manifest and synonyms are
  /// read again).
  bool refresh_if_published();

  /// Moves every shard to its latest published generation.
  void reload();

  /// The partitions of every shard searched, shard after shard. Stable until the next refresh,
  /// reload or shard_failed.
  [[nodiscard]] const std::vector<Partition>& partitions() const { return partitions_; }

  /// `p`'s database (`p` one of partitions()). Throws as ShardSnapshot::database.
  Xapian::Database& database(const Partition& p);

  /// The first shard's manifest (every shard's has the same settings but the default language,
  /// which is the first shard's).
  [[nodiscard]] const Manifest& manifest() const { return manifest_; }

  /// The first shard's synonyms text (empty: none).
  [[nodiscard]] const std::string& synonyms_text() const { return synonyms_; }

  /// After a shard's server failed while `doing` (e.g. "searching DIR"): returns, so the caller
  /// repeats, when the failed partition has another server (a replica) and the shard has not
  /// failed over since the last refresh; else applies the cluster's failure policy. Under
  /// "partial", leaves that shard out of partitions() for the cluster's retry_ms and returns,
  /// so the caller repeats over the others (and forgets what it kept of the partitions). Throws IndexError naming the shard and partition under "error", when no
  /// shard would be left, or when the failed server cannot be told; every remote connection is
  /// dropped then, so the next search connects again.
  void shard_failed(const ShardUnreachable& failure, const std::string& doing);
  /// The same for a Xapian::NetworkError met while reading the partitions, its shard and
  /// partition told from the error's context (ShardSnapshot::server_failed).
  void shard_failed(const Xapian::NetworkError& e, const std::string& doing);

  /// The cluster file's names of the shards left out after a failure, in file order; empty
  /// when every shard is searched.
  [[nodiscard]] std::vector<std::string> unavailable_shards() const;

  /// Whether the shards searched show one cluster generation in the partitions opened so far
  /// (IndexWriter::set_cluster_generation): false while a cluster-wide batch has reached some
  /// shards and not others. Always true for one shard.
  [[nodiscard]] bool cluster_generations_agree();

 private:
  using Clock = std::chrono::steady_clock;
  struct Shard {
    std::unique_ptr<ShardSnapshot> snapshot;
    std::string name;  ///< the cluster file's; the directory for an index directory
    std::optional<Clock::time_point> left_out_until;  ///< set while left out
  };

  /// Reads every shard's manifest and the synonyms, and lists the partitions again.
  void read_shards();
  /// `f(shard)` for every shard searched; on ShardUnreachable, `f` again if the shard fails
  /// over to a replica, else the failure policy. Returns whether any shard failed.
  template <typename F>
  bool for_each_shard_searched(F&& f);
  /// Whether the search may repeat on the failed partition's next server (a replica): it has
  /// one, and the shard has not failed over since the last refresh (a search).
  bool fails_over(const ShardUnreachable& failure);
  /// Under "partial" with another shard searched, leaves `shard` out; else throws IndexError.
  void leave_out_or_throw(Shard& shard, const std::string& message, const std::string& doing);
  /// Brings back the shards left out whose retry time has come; whether any came back.
  bool bring_back_due();

  std::filesystem::path where_;
  std::vector<Shard> shards_;
  std::vector<Partition> partitions_;
  std::map<std::string, ShardSnapshot*> shard_of_;  // by Partition::path
  Manifest manifest_;
  std::string synonyms_;
  ShardFailurePolicy policy_ = ShardFailurePolicy::kError;
  std::set<const ShardSnapshot*> failed_over_;  // to a replica, since the last refresh (a search)
  Clock::duration retry_after_{};
};

}  // namespace faqsearch::detail
