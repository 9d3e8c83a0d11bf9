#include "search/index_snapshot.h"

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
    shards_.push_back(local_shard(where));
  } else {
    const ClusterDescription cluster = read_cluster_file(where);
    if (cluster.on_shard_failure == ShardFailurePolicy::kPartial) {
      throw InvalidArgument(where.string() + ": on_shard_failure = \"partial\" is not implemented yet; use \"error\"");
    }
    for (const ClusterShard& shard : cluster.shards) {
      if (!shard.remote()) {
        shards_.push_back(local_shard(shard.path));
        continue;
      }
      for (const RemotePartition& p : shard.partitions) {
        if (!p.replicas.empty()) {
          throw InvalidArgument(where.string() + ":" + std::to_string(p.line) + ": shard " + shard.name +
                                ": replicas are not searched yet; remove them from the cluster file");
        }
      }
      shards_.push_back(std::make_unique<RemoteShard>(shard, cluster.timeout_ms));
      has_remote_ = true;
    }
  }
  read_shards();
}

void IndexSnapshot::read_shards() {
  partitions_.clear();
  shard_of_.clear();
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    ShardSnapshot& shard = *shards_[i];
    const Manifest manifest = parse_manifest(shard.manifest_text(), shard.name(), shard.name());
    check_compatible(shard.name(), manifest, nullptr);
    if (i == 0) {
      manifest_ = manifest;
      synonyms_ = shard.synonyms_text();
    } else if (const std::string setting = settings_difference(manifest_.settings, manifest.settings); !setting.empty()) {
      throw IndexMismatch(shard.name() + " was built with another " + setting + " than " + shards_[0]->name() +
                          "; the shards of one index must be built with the same settings");
    }
    for (const Partition& p : shard.partitions()) {
      partitions_.push_back(p);
      shard_of_[p.path.string()] = &shard;
    }
  }
}

bool IndexSnapshot::refresh_if_published() {
  bool moved = false;
  for (const auto& shard : shards_) moved = shard->refresh_if_published() || moved;
  if (moved) read_shards();
  return moved;
}

void IndexSnapshot::reload() {
  for (const auto& shard : shards_) shard->reload();
  read_shards();
}

std::string IndexSnapshot::network_failure(const Xapian::Error& e) {
  std::string server;
  for (const auto& shard : shards_) {
    if (server.empty()) server = shard->describe_server(e.get_context());
    shard->drop_connections();
  }
  return (server.empty() ? "a remote partition" : server) + ": " + e.get_msg() +
         (e.get_context().empty() ? "" : " (" + e.get_context() + ")");
}

Xapian::Database& IndexSnapshot::database(const Partition& p) { return shard_of_.at(p.path.string())->database(p); }

}  // namespace faqsearch::detail
