#include "search/local_shard.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <thread>

#include "faqsearch/error.h"
#include "index/partition_stamp.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "index/undo_journal.h"
#include "index/xapian_errors.h"

namespace faqsearch::detail {

namespace fs = std::filesystem;

namespace {

// How long after a file's mtime another replace could leave the same mtime: file systems that
// stamp whole seconds (ext4 with 128-byte inodes, some network file systems), with slack.
constexpr std::int64_t kCoarseClockNs = 2'000'000'000;

std::optional<std::size_t> hash_of_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return std::hash<std::string>{}(bytes);
}

}  // namespace

// A rename gives the file a new inode, but the file system hands back the inode the previous
// replace freed (on ext4 they alternate), and where mtime has whole seconds, two replaces in one
// second can repeat inode, mtime and size. So a stamp taken while the mtime could still repeat
// also holds a hash of the bytes, which the next check compares.
bool file_changed(const fs::path& file, FileStamp& seen) {
  FileStamp now;
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) {
    now.inode = st.st_ino;
    now.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    now.size = st.st_size;
  }
  const bool same = now.inode == seen.inode && now.mtime_ns == seen.mtime_ns && now.size == seen.size;
  if (now.inode != 0) {
    struct timespec clock {};
    ::clock_gettime(CLOCK_REALTIME, &clock);
    const std::int64_t age = static_cast<std::int64_t>(clock.tv_sec) * 1'000'000'000 + clock.tv_nsec - now.mtime_ns;
    // Read while the mtime could repeat, and once more after, if the last stamp had the bytes.
    const bool recent = age < kCoarseClockNs;
    if (recent || (same && seen.bytes_hash)) now.bytes_hash = hash_of_file(file);
    const bool changed = !same || (seen.bytes_hash && now.bytes_hash != seen.bytes_hash);
    if (!recent) now.bytes_hash.reset();  // a later replace has a later mtime
    seen = now;
    return changed;
  }
  seen = now;
  return !same;
}


namespace {

// How long a searcher waits for a live writer to bring back an index it left mid-commit (a
// failed commit whose undo failed too: the disk still full) before it reports the problem.
constexpr std::chrono::milliseconds kRecoveryPatience{5000};
constexpr std::chrono::milliseconds kFirstRecoveryWait{1};
constexpr std::chrono::milliseconds kLongestRecoveryWait{100};

bool file_exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

}  // namespace

LocalShard::LocalShard(fs::path dir, IndexSettings settings)
    : dir_(std::move(dir)), name_(dir_.string()), settings_(settings) {
  reload();
}

bool LocalShard::refresh_if_published() {
  if (!file_changed(dir_ / kGenerationFile, generation_seen_)) return false;
  reload();
  return true;
}

void LocalShard::reload() {
  const auto give_up = std::chrono::steady_clock::now() + kRecoveryPatience;
  std::chrono::milliseconds wait = kFirstRecoveryWait;
  while (!open_published()) {
    if (recover()) continue;
    if (std::chrono::steady_clock::now() > give_up) {
      throw IndexError("index at " + dir_.string() + " holds a batch its writer could not finish or undo (a "
                       "failed commit); searches resume once that writer commits again or is closed");
    }
    std::this_thread::sleep_for(wait);
    wait = std::min(wait * 2, kLongestRecoveryWait);
  }
}

bool LocalShard::open_published() {
  const PublishLock lock = PublishLock::shared(dir_);
  file_changed(dir_ / kGenerationFile, generation_seen_);
  if (file_exists(dir_ / kBuildingFile)) {
    if (!writer_alive(dir_)) {
      throw IndexError("index at " + dir_.string() + " is a bulk build that was interrupted before it finished; "
                       "build it again: `faqsearch index --db " + dir_.string() + " ARTICLES...`");
    }
    generation_.reset();  // being built: empty until the build publishes all of it
    partitions_.clear();
    open_.clear();
    return true;
  }
  generation_ = read_generation(dir_);
  partitions_.clear();
  if (generation_) {
    for (const PublishedPartition& p : generation_->partitions) {
      partitions_.push_back({p.audience, p.lang, partition_path(dir_, p.audience, p.lang)});
    }
  } else {
    partitions_ = list_partitions(dir_);
    if (file_exists(dir_ / kJournalFile)) return false;  // without a record, a journal is the only sign
  }
  for (auto it = open_.begin(); it != open_.end();) {
    const auto p = std::find_if(partitions_.begin(), partitions_.end(), [&](const Partition& q) { return q.path == it->first; });
    if (p == partitions_.end()) {
      it = open_.erase(it);
      continue;
    }
    try {
      it->second.reopen();
    } catch (const Xapian::Error&) {
      it->second = Xapian::Database(it->first.string());  // replaced on disk (compaction)
    }
    if (generation_ && !matches(it->second, *generation_->find(p->audience, p->lang))) return false;
    ++it;
  }
  return true;
}

bool LocalShard::recover() {
  if (writer_alive(dir_)) return false;  // it recovered the index when it opened it, or will
  try {
    (void)IndexWriter::open(dir_, OpenMode::kOpen, settings_);
    return true;
  } catch (const IndexLocked&) {
    return false;  // a writer opened it meanwhile
  } catch (const Error& e) {
    throw IndexError("index at " + dir_.string() + " was left mid-commit by a writer that stopped, and this "
                     "searcher cannot bring it back (" + e.what() + "); open it once with a writer that can "
                     "write there (IndexWriter::open, or `faqsearch index --db " + dir_.string() + " ...`)");
  }
}

Xapian::Database& LocalShard::database(const Partition& p) {
  if (auto it = open_.find(p.path); it != open_.end()) return it->second;
  const PublishedPartition* published = generation_ ? generation_->find(p.audience, p.lang) : nullptr;
  Xapian::Database db;
  try {
    db = Xapian::Database(p.path.string());
  } catch (const Xapian::Error&) {
    // Opened while a writer committed it (a glimpse of files in motion): the same open under the
    // publish lock, where no commit runs, tells a real problem from that.
    try {
      const PublishLock lock = PublishLock::shared(dir_);
      db = Xapian::Database(p.path.string());
    } catch (const Xapian::Error& again) {
      throw_translated(again, "opening partition " + p.path.string());
    }
  }
  Xapian::Database& opened = open_.emplace(p.path, std::move(db)).first->second;
  // Kept open even when it moved on: reload() then checks it under the lock, where a partition
  // still out of step is a writer's unfinished batch.
  if (published != nullptr && !matches(opened, *published)) throw SnapshotMoved{};
  return opened;
}

std::optional<std::uint64_t> LocalShard::cluster_generation() {
  std::optional<std::uint64_t> highest;
  for (const auto& [path, db] : open_) {
    // Xapian's errors pass: the search that asks repeats on them (DatabaseModifiedError).
    const std::string text = db.get_metadata(std::string(kMetadataClusterGeneration));
    std::uint64_t number = 0;
    std::from_chars(text.data(), text.data() + text.size(), number);  // empty (none): 0
    highest = std::max(highest.value_or(0), number);
  }
  return highest;
}

std::string LocalShard::manifest_text() { return read_manifest_text(dir_); }

std::string LocalShard::synonyms_text() {
  std::ifstream in(dir_ / kSynonymsFile, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace faqsearch::detail
