// What IndexBuilder (index_builder.cpp) needs of IndexWriter's internals (index_writer.cpp,
// writer_recovery.cpp): scratch segments written the way the writer writes partitions, and
// publishing a build.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/index.h"
#include "index/source_record.h"

namespace faqsearch::detail {

class SharedDictionaries;

/// Directory inside an index where an IndexBuilder keeps its scratch segments. A writer that
/// opens the index (so holds its lock) removes one left by a build that died.
inline constexpr std::string_view kScratchDir = ".build";

/// Checks and repairs `article` for IndexWriter::upsert and IndexBuilder::add: repaired UTF-8,
/// canonical language tag, default audience. Throws InvalidArgument naming the field.
Article checked_article(Article article);

/// Throws InvalidArgument unless `source` can name a source: 1-64 letters, digits, '-', '_', '.'.
void check_source_name(std::string_view source);

/// An article of a source as the index holds it (WriterInternals::source_articles).
struct IndexedSourceArticle {
  std::string id;
  std::string lang;      ///< canonical, as its partition is named
  std::string audience;
  ContentHash hash{};
};

/// Threads a commit, a compaction or a build may use: one per core.
std::size_t writer_threads();

/// Runs `work(item, worker)` for items 0..count-1 on at most `max_threads` threads (`worker` in
/// 0..threads-1 names the thread, so a worker can own per-thread state such as an Analyzer).
/// Items are taken in order, so listing the biggest first balances the load. One item, or one
/// thread, runs inline: no thread is started. After the first exception no new item starts; that
/// exception is rethrown once every thread has stopped.
template <typename Work>
void run_parallel(std::size_t count, std::size_t max_threads, Work&& work) {
  const std::size_t threads = std::min(count, max_threads);
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i, std::size_t{0});
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto loop = [&](std::size_t worker) {
    for (std::size_t i; !failed.load() && (i = next.fetch_add(1)) < count;) {
      try {
        work(i, worker);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (std::size_t w = 1; w < threads; ++w) pool.emplace_back(loop, w);
  loop(0);
  pool.clear();  // joins
  if (first_error) std::rethrow_exception(first_error);
}

/// The merged value of a metadata key that several of a partition's segments hold, as a bulk
/// build's compaction asks for it (`key` as Xapian passes it: user_metadata_key strips the table's
/// prefix). Lemma-table entries are equal in every segment and the first is kept; the lemma-set
/// version must differ from every segment's, so it is their sum; word-pair frequency buckets are
/// summed entry by entry (each segment counted its own articles).
std::string merge_segment_metadata(std::string_view key, std::span<const std::string> values);

struct WriterInternals {
  /// A writer on the scratch segment `dir` (created): no lock (the index's lock covers it), no
  /// journal and no fsync (a failed build is discarded whole), one thread (the builder runs one
  /// segment per core), and Hunspell dictionaries shared with the other segments.
  static IndexWriter open_segment(const std::filesystem::path& dir, const IndexSettings& settings,
                                  SharedDictionaries& dictionaries);

  /// A writer holding the lock of the new index `dir` for an IndexBuilder: `dir` must be empty or
  /// absent, or hold a build that was interrupted (which is discarded). Marks the index as being
  /// built until publish(). Throws IndexError, IndexLocked.
  static IndexWriter open_for_build(const std::filesystem::path& dir, const IndexSettings& settings);

  /// Publishes the partitions a build placed (searchers see all of them at once) and clears the
  /// build marker.
  static void publish(IndexWriter& writer);

  /// The committed articles of `source` in `writer`'s index (staged changes not included), read
  /// from each partition's kSlotSourceRecord value stream. Throws IndexError.
  static std::vector<IndexedSourceArticle> source_articles(const IndexWriter& writer, std::string_view source);

  /// The index directory `writer` writes.
  static const std::filesystem::path& directory(const IndexWriter& writer);
};

}  // namespace faqsearch::detail
