#include "search/remote_shard.h"

#include <algorithm>
#include <chrono>
#include <string_view>
#include <thread>

#include "faqsearch/error.h"
#include "index/xapian_errors.h"

namespace faqsearch::detail {

namespace {

// How long a search waits for a shard's writer to finish committing a batch it sees half of
// (the writer commits a batch's partitions one after the other, each a fsync or two).
constexpr int kTornBatchChecks = 8;
constexpr std::chrono::milliseconds kFirstTornBatchWait{2};

std::string describe(const Xapian::Error& e) {
  return e.get_msg() + (e.get_context().empty() ? "" : " (" + e.get_context() + ")");
}

std::string url_of(const ServerAddress& a) {
  const bool ipv6 = a.host.find(':') != std::string::npos;
  return "tcp://" + (ipv6 ? "[" + a.host + "]" : a.host) + ":" + std::to_string(a.port);
}

}  // namespace

RemoteShard::RemoteShard(const ClusterShard& shard, unsigned timeout_ms) : name_("shard " + shard.name), timeout_ms_(timeout_ms) {
  for (const RemotePartition& rp : shard.partitions) {
    Partition p{rp.audience, rp.lang, url_of(rp.address)};
    Servers& servers = servers_[p.path.string()];
    servers.addresses.push_back(rp.address);
    servers.addresses.insert(servers.addresses.end(), rp.replicas.begin(), rp.replicas.end());
    partitions_.push_back(std::move(p));
  }
  std::sort(partitions_.begin(), partitions_.end(), [](const Partition& a, const Partition& b) {
    return std::tie(a.audience, a.lang) < std::tie(b.audience, b.lang);
  });
}

RemoteShard::Opened RemoteShard::open(const Partition& p) {
  Servers& servers = servers_.at(p.path.string());
  std::string failures;
  // The server that answered last first, then the others in the file's order: a master that
  // went away is not asked again on every search while its replica answers.
  for (std::size_t k = 0; k < servers.addresses.size(); ++k) {
    const std::size_t i = (servers.current + k) % servers.addresses.size();
    try {
      Opened opened = open_at(p, servers.addresses[i]);
      servers.current = i;
      return opened;
    } catch (const Xapian::NetworkError& e) {
      failures += (failures.empty() ? " at " : "; at ") + url_of(servers.addresses[i]) + ": " + describe(e);
    }
  }
  throw ShardUnreachable{this, name_ + ": partition " + partition_name(p.audience, p.lang) + failures};
}

RemoteShard::Opened RemoteShard::open_at(const Partition& p, const ServerAddress& address) const {
  const std::string place = name_ + ": partition " + partition_name(p.audience, p.lang) + " at " + url_of(address);
  Xapian::Database db;
  std::optional<PartitionStamp> stamp;
  try {
    db = Xapian::Remote::open(address.host, address.port, timeout_ms_, timeout_ms_);
    stamp = read_stamp(db, place);
  } catch (const Xapian::NetworkError&) {
    throw;  // open() tries the partition's next server
  } catch (const Xapian::Error& e) {
    throw_translated(e, "opening " + place);
  }
  if (!stamp) {
    throw IndexError(place + " has no faqsearch stamp (a partition written before partitions were stamped, or "
                     "not a faqsearch partition): open the index once with this faqsearch's "
                     "writer on its host (`faqsearch index --db DIR`), which stamps every partition");
  }
  if (stamp->partition != partition_name(p.audience, p.lang)) {
    throw IndexMismatch(place + " serves partition " + stamp->partition + ", not " + partition_name(p.audience, p.lang) +
                        "; check the server's database directory or the cluster file");
  }
  return {std::move(db), std::move(*stamp)};
}

template <typename F>
decltype(auto) RemoteShard::reachable(const std::string& doing, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const Xapian::NetworkError& e) {
    if (std::optional<ShardUnreachable> failure = server_failed(e)) throw *failure;
    drop_connections();
    throw ShardUnreachable{this, name_ + ": " + doing + ": " + describe(e)};
  }
}

Xapian::Database& RemoteShard::database(const Partition& p) {
  return reachable("opening", [&]() -> Xapian::Database& { return open_partition(p); });
}

Xapian::Database& RemoteShard::open_partition(const Partition& p) {
  const std::string key = p.path.string();
  if (auto it = open_.find(key); it != open_.end()) return it->second.db;
  Opened& opened = open_.emplace(key, open(p)).first->second;
  std::vector<PartitionStamp> stamps;
  for (const auto& [path, o] : open_) stamps.push_back(o.stamp);
  if (!partitions_behind(stamps).empty()) throw SnapshotMoved{};  // opened after a later batch
  return opened.db;
}

bool RemoteShard::stamps_whole() {
  std::vector<PartitionStamp> stamps;
  for (auto& [path, opened] : open_) {
    std::optional<PartitionStamp> stamp = read_stamp(opened.db, where(path));
    if (!stamp) throw IndexError(where(path) + " lost its faqsearch stamp");
    opened.stamp = std::move(*stamp);
    stamps.push_back(opened.stamp);
  }
  return partitions_behind(stamps).empty();
}

bool RemoteShard::refresh_if_published() {
  return reachable("reopening", [&] {
    bool moved = false;
    for (auto& entry : open_) moved = reopen(entry) || moved;
    if (moved) follow_latest_batch();
    return moved;
  });
}

void RemoteShard::reload() {
  reachable("reopening", [&] { follow_latest_batch(); });
}

const Partition& RemoteShard::partition_at(const std::string& path) const {
  const auto p = std::find_if(partitions_.begin(), partitions_.end(), [&](const Partition& q) { return q.path == path; });
  if (p == partitions_.end()) throw IndexError(name_ + ": no partition at " + path);  // paths come from partitions_
  return *p;
}

std::string RemoteShard::where(const std::string& path) const {
  const Partition& p = partition_at(path);
  const Servers& servers = servers_.at(path);
  return name_ + ": partition " + partition_name(p.audience, p.lang) + " at " + url_of(servers.addresses[servers.current]);
}

ShardUnreachable RemoteShard::connection_failed(const std::string& path, const Xapian::NetworkError& e,
                                                const std::string& message) {
  Servers& servers = servers_.at(path);
  // Xapian's errors have no virtual functions: the type is told by name. A timeout the server
  // reports ("REMOTE:…") is its own wait for us that ran out: an idle connection it closed.
  const bool timed_out = std::string_view(e.get_type()) == "NetworkTimeoutError" && e.get_msg().rfind("REMOTE:", 0) != 0;
  if (timed_out) servers.current = (servers.current + 1) % servers.addresses.size();
  drop_connections();
  return ShardUnreachable{this, message, !timed_out || servers.addresses.size() > 1};
}

bool RemoteShard::reopen(std::pair<const std::string, Opened>& entry) {
  const std::string place = where(entry.first) + ": reopening";
  try {
    return entry.second.db.reopen();
  } catch (const Xapian::DatabaseOpeningError&) {
    // The server's database was replaced whole (a compaction, a replica's whole copy): the
    // connection still names the old one, a new connection opens the new one.
    entry.second = open(partition_at(entry.first));
    return true;
  } catch (const Xapian::NetworkError& e) {
    const std::string path = entry.first;  // `entry` goes with the connections
    throw connection_failed(path, e, place + ": " + describe(e));
  } catch (const Xapian::Error& e) {
    throw_translated(e, place);
  }
}

std::optional<ShardUnreachable> RemoteShard::server_failed(const Xapian::NetworkError& e) {
  for (const Partition& p : partitions_) {
    const std::string path = p.path.string();
    const Servers& servers = servers_.at(path);
    const ServerAddress& a = servers.addresses[servers.current];
    // Xapian names the server of a NetworkError "remote:tcp(HOST:PORT)".
    if (e.get_context().find("tcp(" + a.host + ":" + std::to_string(a.port) + ")") != std::string::npos) {
      return connection_failed(path, e, where(path) + ": " + describe(e));
    }
  }
  return std::nullopt;
}

void RemoteShard::follow_latest_batch() {
  std::chrono::milliseconds wait = kFirstTornBatchWait;
  for (int check = 0; check < kTornBatchChecks; ++check) {
    for (auto& entry : open_) reopen(entry);
    if (stamps_whole()) return;
    reconnect_partitions_behind();
    std::this_thread::sleep_for(wait);
    wait *= 2;
  }
  std::vector<PartitionStamp> stamps;
  for (const auto& [path, opened] : open_) stamps.push_back(opened.stamp);
  std::string behind;
  for (const std::string& name : partitions_behind(stamps)) behind += (behind.empty() ? "" : ", ") + name;
  throw IndexError(name_ + ": partitions " + behind + " stay behind a batch other partitions of the shard committed "
                   "(its writer stopped midway?); searches resume once the shard's writer is opened again on its host");
}

void RemoteShard::reconnect_partitions_behind() {
  std::vector<PartitionStamp> stamps;
  for (const auto& [path, opened] : open_) stamps.push_back(opened.stamp);
  for (const std::string& behind : partitions_behind(stamps)) {
    for (auto& entry : open_) {
      if (entry.second.stamp.partition == behind) entry.second = open(partition_at(entry.first));
    }
  }
}

const PartitionStamp& RemoteShard::first_stamp() {
  if (partitions_.empty()) throw IndexError(name_ + " has no partitions");
  database(partitions_.front());  // its stamp was read by opening it
  return open_.at(partitions_.front().path.string()).stamp;
}

std::optional<std::uint64_t> RemoteShard::cluster_generation() {
  std::optional<std::uint64_t> highest;
  for (const auto& [path, opened] : open_) highest = std::max(highest.value_or(0), opened.stamp.cluster_generation);
  return highest;
}

std::string RemoteShard::manifest_text() { return first_stamp().manifest; }

std::string RemoteShard::synonyms_text() { return first_stamp().synonyms; }

}  // namespace faqsearch::detail
