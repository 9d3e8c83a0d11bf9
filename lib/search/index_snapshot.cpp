#include "search/index_snapshot.h"

#include <algorithm>
#include <system_error>

#include "faqsearch/error.h"
#include "cluster/cluster_file.h"
#include "search/local_shard.h"
#include "search/remote_shard.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;

namespace {

std::unique_ptr<ShardSnapshot> local_shard(const fs::path& dir) {
  const Manifest manifest = read_manifest(dir);
  check_compatible(dir, manifest, nullptr);
  return std::make_unique<LocalShard>(dir, manifest.settings);
}

/// The settings two shards must share to rank as one index: every one but the default language.
std::string settings_difference(const IndexSettings& a, const IndexSettings& b) {
  const std::pair<const char*, bool> differences[] = {
      {"max_term_bytes", a.analysis.max_term_bytes != b.analysis.max_term_bytes},
      {"word_pairs", a.analysis.word_pairs != b.analysis.word_pairs},
      {"title_boost", a.title_boost != b.title_boost},
      {"tags_weight", a.tags_weight != b.tags_weight},
      {"section_weight", a.section_weight != b.section_weight},
      {"category_weight", a.category_weight != b.category_weight},
  };
  for (const auto& [setting, differs] : differences) {
    if (differs) return setting;
  }
  return {};
}

}  // namespace

IndexSnapshot::IndexSnapshot(const fs::path& where) : where_(where) {
  std::error_code ec;
  if (!fs::is_regular_file(where, ec)) {
    shards_.push_back({local_shard(where), where.string(), std::nullopt});
  } else {
    const ClusterDescription cluster = read_cluster_file(where);
    policy_ = cluster.on_shard_failure;
    retry_after_ = std::chrono::milliseconds(cluster.retry_ms);
    for (const ClusterShard& shard : cluster.shards) {
      if (!shard.remote()) {
        shards_.push_back({local_shard(shard.path), shard.name, std::nullopt});
        continue;
      }
      shards_.push_back({std::make_unique<RemoteShard>(shard, cluster.timeout_ms), shard.name, std::nullopt});
    }
  }
  read_shards();
}

template <typename F>
bool IndexSnapshot::for_each_shard_searched(F&& f) {
  bool changed = false;
  for (Shard& shard : shards_) {
    for (bool again = true; again && !shard.left_out_until;) {
      again = false;
      try {
        f(*shard.snapshot);
      } catch (const ShardUnreachable& failure) {
        changed = true;
        again = fails_over(failure);  // `f` once more, on the partition's next server
        if (!again) leave_out_or_throw(shard, failure.message, "searching " + where_.string());
      }
    }
  }
  return changed;
}

bool IndexSnapshot::fails_over(const ShardUnreachable& failure) {
  // Once per shard and search, so that a server failing on every connection cannot keep a
  // search going round its servers.
  return failure.retry_now && failed_over_.insert(failure.shard).second;
}

void IndexSnapshot::read_shards() {
  struct Read {
    ShardSnapshot* shard;
    Manifest manifest;
  };
  std::vector<Read> read;  // only shards that answer: one that fails is left out (or throws)
  for_each_shard_searched([&](ShardSnapshot& shard) {
    Manifest manifest = parse_manifest(shard.manifest_text(), shard.name(), shard.name());
    if (read.empty()) synonyms_ = shard.synonyms_text();
    read.push_back({&shard, std::move(manifest)});
  });
  partitions_.clear();
  shard_of_.clear();
  for (const Read& r : read) {
    check_compatible(r.shard->name(), r.manifest, nullptr);
    if (r.shard == read.front().shard) {
      manifest_ = r.manifest;
    } else if (const std::string setting = settings_difference(manifest_.settings, r.manifest.settings); !setting.empty()) {
      throw IndexMismatch(r.shard->name() + " was built with another " + setting + " than " + read.front().shard->name() +
                          "; the shards of one index must be built with the same settings");
    }
    for (const Partition& p : r.shard->partitions()) {
      partitions_.push_back(p);
      shard_of_[p.path.string()] = r.shard;
    }
  }
}

bool IndexSnapshot::refresh_if_published() {
  failed_over_.clear();  // a new search
  bool moved = bring_back_due();
  // A shard that failed over or was left out moved too: its partitions are read elsewhere, or
  // listed no more.
  if (for_each_shard_searched([&](ShardSnapshot& shard) { moved = shard.refresh_if_published() || moved; })) moved = true;
  if (moved) read_shards();
  return moved;
}

void IndexSnapshot::reload() {
  bring_back_due();
  for_each_shard_searched([](ShardSnapshot& shard) { shard.reload(); });
  read_shards();
}

bool IndexSnapshot::bring_back_due() {
  bool back = false;
  for (Shard& shard : shards_) {
    if (shard.left_out_until && Clock::now() >= *shard.left_out_until) {
      shard.left_out_until.reset();
      back = true;
    }
  }
  return back;
}

void IndexSnapshot::leave_out_or_throw(Shard& shard, const std::string& message, const std::string& doing) {
  const auto searched = std::count_if(shards_.begin(), shards_.end(), [](const Shard& s) { return !s.left_out_until; });
  if (policy_ == ShardFailurePolicy::kPartial && searched > 1 && !shard.left_out_until) {
    shard.snapshot->drop_connections();
    shard.left_out_until = Clock::now() + retry_after_;
    return;
  }
  for (Shard& s : shards_) s.snapshot->drop_connections();
  throw IndexError(doing + ": " + message);
}

void IndexSnapshot::shard_failed(const ShardUnreachable& failure, const std::string& doing) {
  const auto shard = std::find_if(shards_.begin(), shards_.end(), [&](const Shard& s) { return s.snapshot.get() == failure.shard; });
  if (shard == shards_.end()) {
    for (Shard& s : shards_) s.snapshot->drop_connections();
    throw IndexError(doing + ": " + failure.message);
  }
  if (!fails_over(failure)) leave_out_or_throw(*shard, failure.message, doing);
  read_shards();
}

void IndexSnapshot::shard_failed(const Xapian::NetworkError& e, const std::string& doing) {
  for (const Shard& shard : shards_) {
    if (std::optional<ShardUnreachable> failure = shard.snapshot->server_failed(e)) return shard_failed(*failure, doing);
  }
  const std::string what = e.get_msg() + (e.get_context().empty() ? "" : " (" + e.get_context() + ")");
  shard_failed(ShardUnreachable{nullptr, "a remote partition: " + what}, doing);
}

std::vector<std::string> IndexSnapshot::unavailable_shards() const {
  std::vector<std::string> out;
  for (const Shard& shard : shards_) {
    if (shard.left_out_until) out.push_back(shard.name);
  }
  return out;
}

bool IndexSnapshot::cluster_generations_agree() {
  if (shards_.size() < 2) return true;  // an index directory: nothing to compare, nothing read
  std::optional<std::uint64_t> seen;
  for (Shard& shard : shards_) {
    if (shard.left_out_until) continue;
    const std::optional<std::uint64_t> generation = shard.snapshot->cluster_generation();
    if (!generation) continue;
    if (seen && *seen != *generation) return false;
    seen = generation;
  }
  return true;
}

Xapian::Database& IndexSnapshot::database(const Partition& p) { return shard_of_.at(p.path.string())->database(p); }

}  // namespace faqsearch::detail
