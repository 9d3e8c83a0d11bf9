// LocalShard: the partitions of one published generation of an index directory, as a Searcher
// reads them (a ShardSnapshot: shard_snapshot.h).
//
// It opens partitions lazily (a search opens only the languages and audiences it needs), checks
// every one against the generation file (index/generation.h) and, when a commit published a new
// generation, moves all of them to it at once under the publish lock. So a search reads one whole
// batch, never part of one, whatever the writer is doing. Finding the partitions out of step with
// the generation while no writer commits means a writer stopped midway: the snapshot has the index
// recovered (by the live writer, or by itself through IndexWriter::open when none is alive) and
// waits for that, within a bound.
#pragma once

#include <sys/types.h>
#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "faqsearch/index.h"
#include "index/generation.h"
#include "index/manifest.h"
#include "search/shard_snapshot.h"

namespace faqsearch::detail {

/// What a searcher remembers of a file a writer replaces by rename (the generation file, the
/// synonyms) to tell whether it changed (file_changed).
struct FileStamp {
  ino_t inode = 0;  // 0: no such file
  std::int64_t mtime_ns = 0;
  off_t size = 0;
  std::optional<std::size_t> bytes_hash;
};

/// Whether `file` changed since `seen` was taken; `seen` becomes its stamp now. One stat() when
/// nothing changed, plus a read of the file while its mtime could still repeat.
bool file_changed(const std::filesystem::path& file, FileStamp& seen);

/// Thread-safety: not thread-safe (one Searcher's).
class LocalShard final : public ShardSnapshot {
 public:
  /// Opens the latest generation of the index in `dir` (built with `settings`, for a recovery).
  /// Throws IndexError (an interrupted bulk build, an index that cannot be recovered).
  LocalShard(std::filesystem::path dir, IndexSettings settings);

  /// One stat() when no writer published since.
  bool refresh_if_published() override;
  void reload() override;
  [[nodiscard]] const std::vector<Partition>& partitions() const override { return partitions_; }
  Xapian::Database& database(const Partition& p) override;
  /// The files' texts (read now: called after a reload only).
  /// Read from each open partition's user metadata (a lookup in a cached block).
  [[nodiscard]] std::optional<std::uint64_t> cluster_generation() override;
  std::string manifest_text() override;
  std::string synonyms_text() override;
  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] bool remote() const override { return false; }

 private:
  /// Opens the generation the file records, holding the publish lock shared. False if a partition
  /// disagrees with the record (a writer stopped midway).
  bool open_published();
  /// Has the index brought back to its last whole batch; false while a live writer must do it.
  bool recover();

  std::filesystem::path dir_;
  std::string name_;  // dir_ as text
  IndexSettings settings_;
  std::optional<Generation> generation_;  // none: an index written before generations were
  std::vector<Partition> partitions_;
  std::map<std::filesystem::path, Xapian::Database> open_;
  FileStamp generation_seen_;
};

}  // namespace faqsearch::detail
