// Progress of the long write phases (IndexBuilder::finish, IndexWriter::commit and compact): the
// reporter that serializes calls to the caller's callback, and the Xapian compactor that merges
// one partition's segments (or rewrites one partition) and reports each table as it ends.
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

/// Hands a write's progress to the caller's callback one call at a time, from whichever thread
/// reports it (merges, compactions and a commit's languages run on several). Thread-safe.
class BuildProgressReporter {
 public:
  explicit BuildProgressReporter(const BuildProgressCallback& callback) : callback_(callback) {}

  /// Starts `phase` (or reports an absolute count in it): later advance() calls add to `done`.
  void report(std::string_view phase, std::uint64_t done, std::uint64_t total, std::string_view unit);

  /// Adds `amount` to the current phase's done count and reports it. Several threads may
  /// advance the same phase: the counts reported only grow.
  void advance(std::string_view phase, std::uint64_t amount, std::uint64_t total, std::string_view unit);

  /// Whether a callback listens (the caller may skip work that only feeds the reports).
  [[nodiscard]] bool listening() const noexcept { return static_cast<bool>(callback_); }

 private:
  void call(std::string_view phase, std::uint64_t done, std::uint64_t total, std::string_view unit);

  const BuildProgressCallback& callback_;
  std::mutex mutex_;
  std::uint64_t done_ = 0;  // of the current phase; guarded by mutex_
};

/// Xapian's hooks for one partition's merge (or compaction): metadata keys that several segments
/// hold (merge_segment_metadata), and the end of each table's compaction, reported in `phase` as
/// bytes done: the size of that table's file in the sources. Used by one thread.
class SegmentMerger final : public Xapian::Compactor {
 public:
  /// `segments`: the partition's source databases, `bytes` their size on disk, `overall` the
  /// size of every partition's sources; `phase`: "merging" or "compacting".
  SegmentMerger(const std::vector<std::filesystem::path>& segments, std::uint64_t bytes, std::uint64_t overall,
                BuildProgressReporter& progress, std::string_view phase = "merging")
      : segments_(segments), bytes_(bytes), overall_(overall), progress_(progress), phase_(phase) {}

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
  const std::string_view phase_;
  std::uint64_t counted_ = 0;
  std::string last_table_;
};

}  // namespace faqsearch::detail
