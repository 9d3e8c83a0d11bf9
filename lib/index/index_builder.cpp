// IndexBuilder: a bulk build spread over one scratch segment per core, merged by compaction.
//
//   add() ──route──▶ worker k's queue ──▶ segment k (an IndexWriter without journal or fsync, one
//   thread) ──finish()──▶ per partition: Xapian compaction of the segments' databases into the
//   index ──▶ generation bumped: searchers see the whole build at once.
//
// Why segments rather than IndexWriter's parallel languages: a batch's languages are uneven, so
// two threads kept 1.5 cores of 2 busy; and Xapian inserts into a small database cost less than
// into one that has grown to the whole build.
//
// Routing: by a hash of (id, lang), so all versions of an article land in one segment, whose
// writer replaces it as IndexWriter does, and every segment gets an even share of every language
// (Polish costs twice what Norwegian does per byte: Hunspell and lemma tables). The price: a
// language split over k segments gets k posting-list chunks per word, since Xapian's compaction
// copies chunks and never joins them. Measured on the 100k generated corpus, against IndexWriter
// plus compact(): 119 s instead of 155 s, and an index 2.2% larger (postlist +5.6%). Keeping
// whole languages on one worker was tried: it costs no size, but the workers' loads are then as
// uneven as the languages' (12.5k articles: 160% CPU instead of 182%, no faster than before).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "analysis/lemma_hooks.h"
#include "index/manifest.h"
#include "index/segment_merger.h"
#include "index/schema.h"
#include "index/word_pairs.h"
#include "index/writer_internals.h"
#include "index/xapian_errors.h"

namespace faqsearch {

namespace fs = std::filesystem;

namespace detail {

std::string merge_segment_metadata(std::string_view key, std::span<const std::string> values) {
  const std::string_view user_key = user_metadata_key(key);
  if (is_pair_frequency_key(user_key)) return merge_pair_frequency_buckets(values);
  if (user_key != kMetadataLemmaVersion) return values.empty() ? std::string() : values.front();
  unsigned long long sum = 0;
  for (const std::string& v : values) sum += std::strtoull(v.c_str(), nullptr, 10);
  return std::to_string(sum);
}

}  // namespace detail

namespace {

/// Articles handed to a worker at once: enough to make queue traffic negligible, few enough that
/// the workers start early.
constexpr std::size_t kBlockArticles = 64;

/// An article on its way to a segment, with the source it is indexed under.
struct SourcedArticle {
  Article article;
  std::string source;
};
using Block = std::vector<SourcedArticle>;

/// One segment and the thread writing it.
class Worker {
 public:
  /// The queue holds two commits' worth of articles: while one worker commits (seconds, for a
  /// large batch), add() keeps feeding the others instead of waiting on its full queue. Queued
  /// articles are plain text (a few MB); Xapian's buffers, which batch_articles bounds, are not.
  Worker(IndexWriter segment, std::size_t batch_articles)
      : segment_(std::move(segment)),
        batch_articles_(batch_articles),
        queued_blocks_(std::max<std::size_t>(4, 2 * batch_articles / kBlockArticles)),
        thread_([this] { run(); }) {}
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;
  ~Worker() { close(); }

  /// Queues a block, waiting while the queue is full. False if the worker failed.
  bool push(Block block) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < queued_blocks_ || error_; });
    if (error_) return false;
    queue_.push_back(std::move(block));
    work_.notify_one();
    return true;
  }

  /// Asks the thread to write what is queued, commit and stop, without waiting for it.
  void begin_close() {
    const std::lock_guard lock(mutex_);
    closing_ = true;
    work_.notify_one();
  }

  /// Waits up to `timeout` for the thread to have stopped; true once it has.
  bool wait_stopped(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return stopped_cv_.wait_for(lock, timeout, [&] { return stopped_; });
  }

  /// Writes what is queued, commits the rest and stops the thread; returns its failure, if any.
  std::exception_ptr close() {
    begin_close();
    if (thread_.joinable()) thread_.join();
    return error_;
  }

  /// Articles written to the segment so far (read while the thread runs).
  [[nodiscard]] std::uint64_t written() const noexcept { return written_.load(std::memory_order_relaxed); }

  /// Lets go of the segment's databases (after close()), so they can be merged and removed.
  void release() { segment_ = std::nullopt; }

 private:
  void run() {
    write_queue();
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    stopped_cv_.notify_all();
  }

  void write_queue() {
    for (;;) {
      Block block;
      {
        std::unique_lock lock(mutex_);
        work_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) break;
        block = std::move(queue_.front());
        queue_.pop_front();
        space_.notify_one();
      }
      try {
        for (SourcedArticle& a : block) segment_->upsert(std::move(a.article), a.source);
        written_.fetch_add(block.size(), std::memory_order_relaxed);
        if (segment_->pending() >= batch_articles_) segment_->commit();
      } catch (...) {
        fail(std::current_exception());
        return;
      }
    }
    try {
      segment_->commit();
    } catch (...) {
      fail(std::current_exception());
    }
  }

  void fail(std::exception_ptr e) {
    const std::lock_guard lock(mutex_);
    error_ = std::move(e);
    queue_.clear();
    space_.notify_all();
  }

  std::optional<IndexWriter> segment_;
  const std::size_t batch_articles_;
  const std::size_t queued_blocks_;  // before push() waits
  std::mutex mutex_;
  std::condition_variable work_;   // a block was queued, or closing
  std::condition_variable space_;  // a block was taken, or the worker failed
  std::condition_variable stopped_cv_;
  std::deque<Block> queue_;
  bool closing_ = false;
  bool stopped_ = false;
  std::atomic<std::uint64_t> written_{0};
  std::exception_ptr error_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace

struct IndexBuilder::Impl {
  IndexWriter index;  // created empty; holds the lock and publishes the build
  fs::path scratch;
  detail::SharedDictionaries dictionaries;  // one Polish dictionary for every segment
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<Block> blocks;  // being filled, one per worker
  std::size_t added = 0;
  bool finished = false;

  Impl(IndexWriter writer, std::size_t batch_articles)
      : index(std::move(writer)), scratch(detail::WriterInternals::directory(index) / detail::kScratchDir) {
    const std::size_t n = detail::writer_threads();
    const std::size_t per_worker = std::max<std::size_t>(1, batch_articles / n);
    for (std::size_t k = 0; k < n; ++k) {
      IndexWriter segment = detail::WriterInternals::open_segment(segment_dir(k), index.settings(), dictionaries);
      workers.push_back(std::make_unique<Worker>(std::move(segment), per_worker));
    }
    blocks.resize(n);
  }

  ~Impl() {
    workers.clear();  // stops the threads before their segments go
    std::error_code ec;
    fs::remove_all(scratch, ec);
  }

  [[nodiscard]] fs::path segment_dir(std::size_t k) const { return scratch / ("segment-" + std::to_string(k)); }

  /// Lets every worker write what is queued, reporting how many of the articles still queued
  /// are written (counted from zero, so that a meter's rate and ETA hold), then stops them
  /// (rethrowing the first failure).
  void drain_workers(detail::BuildProgressReporter& progress) {
    for (auto& w : workers) w->begin_close();
    const auto written = [&] {
      std::uint64_t n = 0;
      for (const auto& w : workers) n += w->written();
      return n;
    };
    const std::uint64_t before = written();
    const std::uint64_t queued = added - before;
    progress.report("writing", 0, queued, "articles");
    for (auto& w : workers) {
      while (!w->wait_stopped(std::chrono::milliseconds(250))) {
        progress.report("writing", written() - before, queued, "articles");
      }
    }
    progress.report("writing", written() - before, queued, "articles");
    close_workers();
  }

  /// Stops every worker, rethrowing the first failure.
  void close_workers() {
    std::exception_ptr first;
    for (auto& w : workers) {
      if (std::exception_ptr e = w->close(); e && !first) first = e;
    }
    if (first) std::rethrow_exception(first);
  }

  void route(Article article, std::string_view source) {
    std::string key = article.id;
    key += '\0';
    key += article.lang;
    const std::size_t k = std::hash<std::string>{}(key) % workers.size();
    blocks[k].push_back({std::move(article), std::string(source)});
    if (blocks[k].size() >= kBlockArticles) send(k);
  }

  void send(std::size_t k) {
    if (blocks[k].empty()) return;
    Block block;
    block.swap(blocks[k]);
    if (!workers[k]->push(std::move(block))) {
      close_workers();  // rethrows that worker's failure
      throw IndexError("a build worker stopped");
    }
  }

  /// Merges every partition's segments, side by side, biggest first, into a partitions directory
  /// in the scratch area, then renames it into the index in one step: a searcher opened during
  /// the merge sees an empty index, never some partitions without the others.
  void merge(detail::BuildProgressReporter& progress) {
    std::map<std::pair<std::string, std::string>, std::vector<fs::path>> sources;
    for (std::size_t k = 0; k < workers.size(); ++k) {
      for (const detail::Partition& p : detail::list_partitions(segment_dir(k))) {
        sources[{p.audience, p.lang}].push_back(p.path);
      }
    }
    std::vector<std::pair<std::pair<std::string, std::string>, std::vector<fs::path>>> jobs(sources.begin(),
                                                                                           sources.end());
    std::vector<std::uint64_t> bytes;
    for (const auto& job : jobs) {
      std::uint64_t b = 0;
      for (const auto& path : job.second) b += detail::directory_size(path);
      bytes.push_back(b);
    }
    std::vector<std::size_t> order(jobs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bytes[a] > bytes[b]; });
    std::uint64_t total = 0;
    for (const std::uint64_t b : bytes) total += b;
    progress.report("merging", 0, total, "bytes");

    const fs::path merged = scratch / "merged";
    detail::run_parallel(order.size(), detail::writer_threads(), [&](std::size_t i, std::size_t) {
      // Not a structured binding: clang before 16 cannot capture one in the lambda below.
      const auto& key = jobs[order[i]].first;
      const auto& paths = jobs[order[i]].second;
      const fs::path target = detail::partition_path(merged, key.first, key.second);
      const fs::path tmp = target.parent_path() / (".merge-" + key.second);
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      if (ec) throw IndexError("cannot create " + target.parent_path().string() + ": " + ec.message());
      fs::remove_all(tmp, ec);
      detail::SegmentMerger merger(paths, bytes[order[i]], total, progress);
      detail::xapian_call("merging the build segments of " + target.string(), [&] {
        Xapian::Database segments;
        for (const auto& path : paths) segments.add_database(Xapian::Database(path.string()));
        segments.compact(tmp.string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS, 0, merger);
      });
      merger.done();
      fs::rename(tmp, target, ec);
      if (ec) throw IndexError("cannot move " + tmp.string() + " to " + target.string() + ": " + ec.message());
    });
    if (jobs.empty()) return;  // nothing was added: the index stays as created, empty
    // The new index holds no partition yet (at most the empty directory, which rename replaces).
    const fs::path from = merged / detail::kPartitionsDir;
    const fs::path to = detail::WriterInternals::directory(index) / detail::kPartitionsDir;
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec) throw IndexError("cannot move " + from.string() + " to " + to.string() + ": " + ec.message());
  }

  /// Removes whatever a failed finish() placed, so the index is empty again.
  void discard_partitions() noexcept {
    std::error_code ec;
    fs::remove_all(detail::WriterInternals::directory(index) / detail::kPartitionsDir, ec);
  }
};

IndexBuilder::IndexBuilder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexBuilder::~IndexBuilder() = default;
IndexBuilder::IndexBuilder(IndexBuilder&&) noexcept = default;
IndexBuilder& IndexBuilder::operator=(IndexBuilder&&) noexcept = default;

IndexBuilder IndexBuilder::create(const fs::path& dir, IndexSettings settings, std::size_t batch_articles) {
  if (!settings.default_language.empty()) settings.default_language = known_language_tag(settings.default_language);
  IndexWriter writer = detail::WriterInternals::open_for_build(dir, settings);
  return IndexBuilder(std::make_unique<Impl>(std::move(writer), std::max<std::size_t>(1, batch_articles)));
}

void IndexBuilder::add(Article article, std::string_view source) {
  Impl& m = *impl_;
  if (m.finished) throw InvalidArgument("IndexBuilder::add after finish()");
  detail::check_source_name(source);
  article = detail::checked_article(std::move(article));
  ++m.added;
  m.route(std::move(article), source);
}

std::size_t IndexBuilder::added() const noexcept { return impl_->added; }

void IndexBuilder::set_synonyms(std::vector<SynonymGroup> groups) {
  if (impl_->finished) throw InvalidArgument("IndexBuilder::set_synonyms after finish()");
  impl_->index.set_synonyms(std::move(groups));
}

void IndexBuilder::set_cluster_generation(std::uint64_t generation) {
  if (impl_->finished) throw InvalidArgument("IndexBuilder::set_cluster_generation after finish()");
  impl_->index.set_cluster_generation(generation);
}

void IndexBuilder::finish() { finish(BuildProgressCallback()); }

void IndexBuilder::finish(const BuildProgressCallback& on_progress) {
  Impl& m = *impl_;
  if (m.finished) return;
  m.finished = true;
  detail::BuildProgressReporter progress(on_progress);
  for (std::size_t k = 0; k < m.workers.size(); ++k) m.send(k);
  m.drain_workers(progress);
  for (auto& w : m.workers) w->release();
  try {
    m.merge(progress);
  } catch (...) {
    m.discard_partitions();
    throw;
  }
  detail::WriterInternals::publish(m.index);
  m.workers.clear();
  std::error_code ec;
  fs::remove_all(m.scratch, ec);  // the segments' disk space, now merged
}

}  // namespace faqsearch
