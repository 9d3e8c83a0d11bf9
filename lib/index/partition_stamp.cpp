#include "index/partition_stamp.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <xapian.h>

#include "faqsearch/error.h"
#include "index/xapian_errors.h"

namespace faqsearch::detail {

namespace {

std::string joined_lines(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += name + "\n";
  return out;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    out.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return out;
}

void set_if_changed(Xapian::WritableDatabase& db, std::string_view key, const std::string& value) {
  const std::string k(key);
  if (db.get_metadata(k) != value) db.set_metadata(k, value);
}

}  // namespace

std::string partition_name(std::string_view audience, std::string_view lang) {
  std::string name(audience);
  name += '/';
  name += lang;
  return name;
}

void write_stamp(Xapian::WritableDatabase& db, const PartitionStamp& stamp) {
  set_if_changed(db, kMetadataPartition, stamp.partition);
  set_if_changed(db, kMetadataManifest, stamp.manifest);
  set_if_changed(db, kMetadataSynonyms, stamp.synonyms);  // empty removes the key
  set_if_changed(db, kMetadataGeneration, std::to_string(stamp.generation));
  set_if_changed(db, kMetadataBatch, joined_lines(stamp.batch));
  set_if_changed(db, kMetadataClusterGeneration, stamp.cluster_generation == 0 ? std::string() : std::to_string(stamp.cluster_generation));
}

namespace {

std::optional<PartitionStamp> read_stamp_fields(const Xapian::Database& db, std::string_view where) {
  const std::string generation = db.get_metadata(std::string(kMetadataGeneration));
  if (generation.empty()) return std::nullopt;
  PartitionStamp stamp;
  const char* end = generation.data() + generation.size();
  if (std::from_chars(generation.data(), end, stamp.generation).ptr != end) {
    throw IndexCorrupt("partition " + std::string(where) + ": user metadata " + std::string(kMetadataGeneration) +
                       " is not a number: '" + generation + "'");
  }
  stamp.partition = db.get_metadata(std::string(kMetadataPartition));
  stamp.manifest = db.get_metadata(std::string(kMetadataManifest));
  stamp.synonyms = db.get_metadata(std::string(kMetadataSynonyms));
  stamp.batch = split_lines(db.get_metadata(std::string(kMetadataBatch)));
  if (const std::string cluster = db.get_metadata(std::string(kMetadataClusterGeneration)); !cluster.empty()) {
    const char* cluster_end = cluster.data() + cluster.size();
    if (std::from_chars(cluster.data(), cluster_end, stamp.cluster_generation).ptr != cluster_end) {
      throw IndexCorrupt("partition " + std::string(where) + ": user metadata " + std::string(kMetadataClusterGeneration) +
                         " is not a number: '" + cluster + "'");
    }
  }
  if (stamp.partition.empty() || stamp.manifest.empty() || stamp.batch.empty()) {
    throw IndexCorrupt("partition " + std::string(where) + ": its faqsearch stamp is incomplete (" +
                       std::string(kMetadataGeneration) + " without " + std::string(kMetadataPartition) + ", " +
                       std::string(kMetadataManifest) + " or " + std::string(kMetadataBatch) + ")");
  }
  return stamp;
}

}  // namespace

std::optional<PartitionStamp> read_stamp(const Xapian::Database& db, std::string_view where) {
  try {
    return read_stamp_fields(db, where);
  } catch (const Xapian::NetworkError&) {
    throw;  // a remote partition's server: the cluster's failure policy decides
  } catch (const Xapian::Error& e) {
    throw_translated(e, "reading the stamp of partition " + std::string(where));
  }
}

std::vector<std::string> partitions_behind(const std::vector<PartitionStamp>& stamps) {
  std::map<std::string_view, std::uint64_t> generation_of;
  for (const PartitionStamp& s : stamps) generation_of[s.partition] = s.generation;
  std::vector<std::string> behind;
  for (const PartitionStamp& s : stamps) {
    for (const std::string& other : s.batch) {
      const auto it = generation_of.find(other);
      if (it != generation_of.end() && it->second < s.generation) behind.push_back(other);
    }
  }
  std::sort(behind.begin(), behind.end());
  behind.erase(std::unique(behind.begin(), behind.end()), behind.end());
  return behind;
}

}  // namespace faqsearch::detail
