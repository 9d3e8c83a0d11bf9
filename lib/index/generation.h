// The published generation: which committed revision of every partition searchers read.
//
// A batch can touch several partitions (languages × audiences), each its own Xapian database
// committed on its own. So that no search ever reads part of a batch:
//   - the writer commits the partitions of a batch while holding the publish lock exclusively,
//     then records every partition's identity (database UUID) and revision in the generation file;
//   - a searcher (re)opens partitions only while holding the publish lock shared, and checks each
//     one's UUID and revision against the generation file. A database, once opened, keeps reading
//     the revision it opened at (until two further commits, when Xapian says so), so a searcher
//     that opened a whole generation keeps reading that generation.
// A partition found at another revision than the record, with the lock held shared, can only be
// the work of a writer that stopped midway (a crash, a failed commit): the next writer to open the
// index undoes that batch (index/undo_journal.h) and publishes the record again; a searcher that
// finds no writer alive does that itself, as SQLite's readers roll back a hot journal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace Xapian {
class Database;
}

namespace faqsearch::detail {

/// One partition as published: which database (its UUID, new after compaction) at which revision.
struct PublishedPartition {
  std::string audience;
  std::string lang;
  std::string uuid;
  std::uint64_t revision = 0;

  friend bool operator==(const PublishedPartition&, const PublishedPartition&) = default;
};

/// The content of the generation file.
struct Generation {
  std::uint64_t number = 0;
  std::vector<PublishedPartition> partitions;  // sorted by (audience, lang)

  /// The record of (audience, lang), or nullptr.
  [[nodiscard]] const PublishedPartition* find(std::string_view audience, std::string_view lang) const;
};

/// The generation file of `dir`; nullopt when there is none or it cannot be read (an index
/// written before generations were recorded, or a file lost with a power cut: the next writer
/// writes it again).
std::optional<Generation> read_generation(const std::filesystem::path& dir);

/// Replaces the generation file (a new inode: searchers notice it with one stat()). Not fsynced:
/// a lost or stale file is found out by its mismatch with the partitions, and rewritten.
void write_generation(const std::filesystem::path& dir, const Generation& generation);

/// Whether `db` is the database and revision `published` names.
bool matches(const Xapian::Database& db, const PublishedPartition& published);

/// `db`'s identity and revision, to publish it as (audience, lang).
PublishedPartition describe(const Xapian::Database& db, std::string audience, std::string lang);

/// The publish lock (flock on a file of the index): held exclusively by a writer while it commits
/// partitions and writes the generation file, shared by a searcher while it opens partitions.
/// Released when destroyed.
class PublishLock {
 public:
  /// Waits for the lock exclusively (a writer's commit). Throws IndexError if the lock file
  /// cannot be opened or created.
  static PublishLock exclusive(const std::filesystem::path& dir);
  /// Waits for the lock shared (a searcher's opening). An index whose lock file cannot be opened
  /// (a read-only copy of an index no writer ever opened since) gives a lock that holds nothing.
  static PublishLock shared(const std::filesystem::path& dir);

  PublishLock(PublishLock&& other) noexcept;
  PublishLock& operator=(PublishLock&&) = delete;
  PublishLock(const PublishLock&) = delete;
  PublishLock& operator=(const PublishLock&) = delete;
  ~PublishLock();

 private:
  explicit PublishLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

/// Whether an IndexWriter (or IndexBuilder) of any process holds `dir`'s write lock now.
bool writer_alive(const std::filesystem::path& dir);

}  // namespace faqsearch::detail
