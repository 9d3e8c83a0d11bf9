#include "index/segment_merger.h"

#include <algorithm>
#include <span>
#include <system_error>

#include "index/writer_internals.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;

void BuildProgressReporter::report(std::string_view phase, std::uint64_t done, std::uint64_t total,
                                   std::string_view unit) {
  const std::lock_guard lock(mutex_);
  done_ = done;
  call(phase, done, total, unit);
}

void BuildProgressReporter::advance(std::string_view phase, std::uint64_t amount, std::uint64_t total,
                                    std::string_view unit) {
  // Added under the lock, so that the counts reported from several threads only grow.
  const std::lock_guard lock(mutex_);
  done_ += amount;
  call(phase, done_, total, unit);
}

void BuildProgressReporter::call(std::string_view phase, std::uint64_t done, std::uint64_t total,
                                 std::string_view unit) {
  if (callback_) callback_(BuildProgress{std::string(phase), done, total, std::string(unit)});
}

std::string SegmentMerger::resolve_duplicate_metadata(const std::string& key, size_t count, const std::string tags[]) {
  return merge_segment_metadata(key, std::span<const std::string>(tags, count));
}

void SegmentMerger::set_status(const std::string& table, const std::string& status) {
  // Xapian calls this with an empty status as a table starts, then with its outcome, possibly
  // more than once: a table counts once, when it is done.
  if (status.empty() || table == last_table_) return;
  last_table_ = table;
  std::uint64_t table_bytes = 0;
  for (const fs::path& segment : segments_) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(segment / (table + ".glass"), ec);
    if (!ec) table_bytes += size;
  }
  table_bytes = std::min(table_bytes, bytes_ - counted_);
  counted_ += table_bytes;
  progress_.advance(phase_, table_bytes, overall_, "bytes");
}

void SegmentMerger::done() {
  progress_.advance(phase_, bytes_ - counted_, overall_, "bytes");
  counted_ = bytes_;
}

}  // namespace faqsearch::detail
