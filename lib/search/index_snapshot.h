// IndexSnapshot: the partitions of every shard of an index, each shard at one published
// generation, as a Searcher's stages read them.
//
// An index directory is one shard (LocalShard); a cluster file (docs/cluster.md) names several,
// local directories and partitions served by xapian-tcpsrv (RemoteShard). Their partitions are
// listed side by side, shard after shard, so a plan over "every partition of German" combines
// the German partitions of every shard in one Xapian search, whose statistics then cover all of
// them as one index's would.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

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

  /// Moves shards a writer published to since; returns whether any moved (then the manifest
  /// and synonyms are read again).
  bool refresh_if_published();

  /// Moves every shard to its latest published generation.
  void reload();

  /// Every shard's partitions, shard after shard. Stable until the next refresh or reload.
  [[nodiscard]] const std::vector<Partition>& partitions() const { return partitions_; }

  /// `p`'s database (`p` one of partitions()). Throws as ShardSnapshot::database.
  Xapian::Database& database(const Partition& p);

  /// The first shard's manifest (every shard's has the same settings but the default language,
  /// which is the first shard's).
  [[nodiscard]] const Manifest& manifest() const { return manifest_; }

  /// The first shard's synonyms text (empty: none).
  [[nodiscard]] const std::string& synonyms_text() const { return synonyms_; }

  /// After a Xapian::NetworkError (a server gone or timed out) met while searching: drops every
  /// remote connection, so the next search connects again, and returns what `e` says, naming
  /// the shard and partition whose server failed when its context tells.
  std::string network_failure(const Xapian::Error& e);

  /// Whether any partition is read through the remote backend.
  [[nodiscard]] bool has_remote() const { return has_remote_; }

 private:
  /// Reads every shard's manifest and the synonyms, and lists the partitions again.
  void read_shards();

  std::filesystem::path where_;
  std::vector<std::unique_ptr<ShardSnapshot>> shards_;
  std::vector<Partition> partitions_;
  std::map<std::string, ShardSnapshot*> shard_of_;  // by Partition::path
  Manifest manifest_;
  std::string synonyms_;
  bool has_remote_ = false;
};

}  // namespace faqsearch::detail
