// The writer's side of partition stamps (index/partition_stamp.h): each commit stamps the
// partitions it commits, in the same transactions as their documents; opening an index and
// recovering from a failed commit repair stamps that are missing, torn or stale. The shard's
// cluster generation (IndexWriter::set_cluster_generation) lives here too: stamps carry it.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>
#include <xapian.h>

#include "faqsearch/error.h"
#include "index/manifest.h"
#include "index/partition_stamp.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "index/writer_impl.h"
#include "index/xapian_errors.h"
#include "util/fault_points.h"

namespace faqsearch {

namespace fs = std::filesystem;

namespace {

std::string file_text_or_empty(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

const std::string& IndexWriter::Impl::manifest_text_to_stamp() {
  if (!stamped_manifest) stamped_manifest = detail::read_manifest_text(dir);
  return *stamped_manifest;
}

const std::string& IndexWriter::Impl::synonyms_text_to_stamp() {
  if (!stamped_synonyms) stamped_synonyms = file_text_or_empty(dir / detail::kSynonymsFile);
  return *stamped_synonyms;
}

std::uint64_t IndexWriter::Impl::cluster_generation_to_stamp() {
  if (!stamped_cluster_generation) {
    const std::string text = file_text_or_empty(dir / detail::kClusterGenerationFile);
    std::uint64_t number = 0;
    const char* end = text.data() + text.size() - (text.empty() || text.back() != '\n' ? 0 : 1);
    if (!text.empty() && std::from_chars(text.data(), end, number).ptr != end) {
      throw IndexCorrupt((dir / detail::kClusterGenerationFile).string() + " is not a number: '" + text + "'");
    }
    stamped_cluster_generation = number;
  }
  return *stamped_cluster_generation;
}

void IndexWriter::Impl::write_staged_cluster_generation() {
  if (!staged_cluster_generation) return;
  detail::write_file_durably(dir / detail::kClusterGenerationFile, std::to_string(*staged_cluster_generation) + "\n");
  stamped_cluster_generation = staged_cluster_generation;
  staged_cluster_generation.reset();
}

void IndexWriter::set_cluster_generation(std::uint64_t generation) {
  const std::uint64_t current = impl_->cluster_generation_to_stamp();
  if (generation == 0 || generation < current) {
    throw InvalidArgument("set_cluster_generation: must be at least 1 and not below the shard's " +
                          std::to_string(current) + ", got " + std::to_string(generation));
  }
  impl_->staged_cluster_generation = generation;
}

std::uint64_t IndexWriter::cluster_generation() const { return impl_->cluster_generation_to_stamp(); }

void IndexWriter::Impl::stamp_batch(std::vector<LanguageBatch>& batches, std::uint64_t generation, bool every_partition) {
  if (every_partition) {
    for (const detail::Partition& p : detail::list_partitions(dir)) {
      const auto key = std::make_pair(p.audience, p.lang);
      auto batch = std::find_if(batches.begin(), batches.end(), [&](const LanguageBatch& b) { return b.lang == p.lang; });
      if (batch == batches.end()) {
        batches.emplace_back().lang = p.lang;
        batch = std::prev(batches.end());
      }
      if (batch->in_transaction.insert(key).second) partition(p.audience, p.lang, false).begin_transaction(true);
    }
  }
  detail::PartitionStamp stamp;
  for (const LanguageBatch& batch : batches) {
    for (const auto& [audience, lang] : batch.in_transaction) stamp.batch.push_back(detail::partition_name(audience, lang));
  }
  std::sort(stamp.batch.begin(), stamp.batch.end());
  stamp.manifest = manifest_text_to_stamp();
  stamp.synonyms = staged_synonyms ? format_synonyms(*staged_synonyms) : synonyms_text_to_stamp();
  stamp.cluster_generation = staged_cluster_generation.value_or(cluster_generation_to_stamp());
  stamp.generation = generation;
  for (const LanguageBatch& batch : batches) {
    for (const auto& [audience, lang] : batch.in_transaction) {
      stamp.partition = detail::partition_name(audience, lang);
      detail::write_stamp(open_partitions.at({audience, lang}), stamp);
    }
  }
}

bool IndexWriter::Impl::stamps_need_repair() {
  std::vector<detail::PartitionStamp> stamps;
  for (const detail::Partition& p : detail::list_partitions(dir)) {
    std::optional<detail::PartitionStamp> stamp;
    try {
      stamp = detail::read_stamp(
          detail::xapian_call("opening partition " + p.path.string(), [&] { return Xapian::Database(p.path.string()); }),
          p.path.string());
    } catch (const IndexCorrupt&) {
      return true;  // an incomplete stamp: written again whole
    }
    if (!stamp || stamp->partition != detail::partition_name(p.audience, p.lang) ||
        stamp->manifest != manifest_text_to_stamp() || stamp->synonyms != synonyms_text_to_stamp() ||
        stamp->cluster_generation != cluster_generation_to_stamp()) {
      return true;
    }
    stamps.push_back(std::move(*stamp));
  }
  return !detail::partitions_behind(stamps).empty();
}

void IndexWriter::Impl::repair_stamps() {
  if (stamps_need_repair()) stamp_every_partition();
}

void IndexWriter::Impl::stamp_every_partition() {
  close_partitions();
  const std::vector<detail::Partition> partitions = detail::list_partitions(dir);
  detail::PartitionStamp stamp;
  for (const detail::Partition& p : partitions) stamp.batch.push_back(detail::partition_name(p.audience, p.lang));
  std::sort(stamp.batch.begin(), stamp.batch.end());
  stamp.manifest = manifest_text_to_stamp();
  stamp.synonyms = synonyms_text_to_stamp();
  stamp.cluster_generation = cluster_generation_to_stamp();
  stamp.generation = published.number + 1;  // as republish() numbers the commits below
  for (const detail::Partition& p : partitions) {
    stamp.partition = detail::partition_name(p.audience, p.lang);
    closing_on_failure([&] {
      detail::xapian_call("stamping partition " + p.path.string(), [&] {
        Xapian::WritableDatabase& db = partition(p.audience, p.lang, false);
        detail::write_stamp(db, stamp);
        db.commit();
        detail::fault_point("faqsearch/stamps/partition-stamped");
      });
    });
  }
  republish();
}

}  // namespace faqsearch
