// The pieces of IndexBuilder::finish() that report its progress: the reporter that serializes
// calls to the caller's callback, and the Xapian compactor that merges one partition's segments.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/index.h"

namespace faqsearch::detail {

/// Hands finish()'s progress to the caller's callback one call at a time, from whichever thread
/// reports it (the merge runs on several). Thread-safe.
class BuildProgressReporter {
 public:
  explicit BuildProgressReporter(const BuildProgressCallback& callback) : callback_(callback) {}

  void report(std::string_view phase, std::uint64_t done, std::uint64_t total, std::string_view unit);

  /// Adds `bytes` to the merge's done count and reports it (as "merging" of `total` bytes).
  void merged(std::uint64_t bytes, std::uint64_t total);

 private:
  void call(std::string_view phase, std::uint64_t done, std::uint64_t total, std::string_view unit);

  const BuildProgressCallback& callback_;
  std::mutex mutex_;
  std::uint64_t merged_ = 0;  // guarded by mutex_
};

/// Xapian's hooks for one partition's merge: metadata keys that several segments hold
/// (merge_segment_metadata), and the end of each table's compaction, reported as merged bytes:
/// the size of that table's file in the segments. Used by one thread.
class SegmentMerger final : public Xapian::Compactor {
 public:
  /// `segments`: the partition's segment databases, `bytes` their size on disk, `overall` the
  /// size of every partition's segments.
  SegmentMerger(const std::vector<std::filesystem::path>& segments, std::uint64_t bytes, std::uint64_t overall,
                BuildProgressReporter& progress)
      : segments_(segments), bytes_(bytes), overall_(overall), progress_(progress) {}

  std::string resolve_duplicate_metadata(const std::string& key, size_t count, const std::string tags[]) override;
  void set_status(const std::string& table, const std::string& status) override;

  /// Reports the partition's bytes not counted yet (files that are no table): call once its
  /// merge has ended.
  void done();

 private:
  const std::vector<std::filesystem::path>& segments_;
  const std::uint64_t bytes_;
  const std::uint64_t overall_;
  BuildProgressReporter& progress_;
  std::uint64_t counted_ = 0;
  std::string last_table_;
};

}  // namespace faqsearch::detail
