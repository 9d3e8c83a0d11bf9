// The cluster description file (docs/cluster.md §4): the shards of one index, each a local index
// directory or a set of partitions served by xapian-tcpsrv, with optional replicas. A TOML file,
// read into plain data and checked whole here; nothing opens a shard yet (issue #24's next steps).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// Where a xapian-tcpsrv listens: "tcp://HOST:PORT" in the file. Plain data.
struct ServerAddress {
  std::string host;  ///< a name or an address; an IPv6 address without its brackets
  unsigned port = 0;  ///< 1-65535
  friend bool operator==(const ServerAddress&, const ServerAddress&) = default;
};

/// One partition (audience × language) of a remote shard, served by its own xapian-tcpsrv.
struct RemotePartition {
  std::string audience;
  std::string lang;
  ServerAddress address;
  /// Read replicas (fed by xapian-replicate) searched like `address`.
  std::vector<ServerAddress> replicas;
  std::size_t line = 0;  ///< where its [[shard.partition]] table starts, for later messages
  friend bool operator==(const RemotePartition&, const RemotePartition&) = default;
};

/// One shard: a local index directory (`path`) or remote partitions, never both.
struct ClusterShard {
  std::string name;
  /// A local index directory, relative paths resolved against the cluster file's directory;
  /// empty for a remote shard.
  std::filesystem::path path;
  std::vector<RemotePartition> partitions;  ///< empty for a local shard
  std::size_t line = 0;  ///< where its [[shard]] table starts
  [[nodiscard]] bool remote() const { return !partitions.empty(); }
  friend bool operator==(const ClusterShard&, const ClusterShard&) = default;
};

/// What a search does when a shard cannot answer (docs/cluster.md: failure policy).
enum class ShardFailurePolicy { kError, kPartial };

/// A cluster description. Plain data.
struct ClusterDescription {
  static constexpr unsigned kDefaultTimeoutMs = 2000;
  static constexpr unsigned kMaxTimeoutMs = 600000;
  static constexpr unsigned kDefaultRetryMs = 5000;
  static constexpr unsigned kMaxRetryMs = 3600000;

  std::vector<ClusterShard> shards;  ///< in file order, at least one
  /// Per request to a remote partition, in milliseconds (Xapian::Remote::open's timeouts).
  unsigned timeout_ms = kDefaultTimeoutMs;
  ShardFailurePolicy on_shard_failure = ShardFailurePolicy::kError;
  /// Under kPartial, how long, in milliseconds, searches leave out a shard that failed before
  /// trying it again: a stalled server would otherwise cost every search its timeout.
  unsigned retry_ms = kDefaultRetryMs;
  friend bool operator==(const ClusterDescription&, const ClusterDescription&) = default;
};

/// The cluster description in `text`, named `file` in messages and resolving relative shard
/// paths against `file`'s directory. Throws InvalidArgument naming the file, the line and the
/// field ("cluster.toml:12: shard[1].partition[0].address: ...") for malformed TOML, a missing,
/// unknown or mistyped key, or a value out of its range.
ClusterDescription parse_cluster_description(std::string_view text, const std::filesystem::path& file);

/// Reads and parses the cluster file `file`. Throws IndexError if it cannot be read, and
/// InvalidArgument as parse_cluster_description.
ClusterDescription read_cluster_file(const std::filesystem::path& file);

}  // namespace faqsearch::detail
