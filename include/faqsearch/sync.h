// faqsearch: keeping an index equal to a help center's export.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "faqsearch/article.h"
#include "faqsearch/index.h"

namespace faqsearch {

/// What a sync did (or, dry, would do) to one language's articles, or to all of them. Plain data.
struct SyncCounts {
  std::size_t added = 0;      ///< In the export, not in the index (for this source).
  std::size_t updated = 0;    ///< In both, with different content (any field but updated_at).
  std::size_t removed = 0;    ///< In the index for this source, not in the export.
  std::size_t unchanged = 0;  ///< In both, with the same content: not written.

  /// added + updated + removed: what the commit writes.
  [[nodiscard]] std::size_t changes() const noexcept { return added + updated + removed; }
  friend bool operator==(const SyncCounts&, const SyncCounts&) = default;
};

/// How a record of the export was left out, for Syncer::skip.
enum class SkipKind : std::uint8_t {
  /// Deliberately not indexed (a draft, an unpublished article): removed from the index if it
  /// was there, like any article missing from the export.
  kLeftOut,
  /// Malformed: it may be an article still published that the export spelt wrongly, so a sync
  /// that met one removes nothing (see Syncer).
  kMalformed,
};

/// The result of a sync. Plain data.
struct SyncSummary {
  std::string source;
  bool dry_run = false;
  /// The export had malformed records, so no article was removed (`removed` counts are 0;
  /// `withheld_removals` says how many would have been).
  bool removals_withheld = false;
  std::size_t withheld_removals = 0;
  SyncCounts total;
  std::map<std::string, SyncCounts> per_language;  ///< By canonical language tag.
  std::map<std::string, std::size_t> skipped;      ///< Records left out, by reason.
  std::size_t malformed = 0;                       ///< Of them, malformed (SkipKind::kMalformed).

  /// Records left out, whatever the reason.
  [[nodiscard]] std::size_t skipped_total() const noexcept;
};

/// Options of a sync. Plain data.
struct SyncOptions {
  /// The export being synced: only articles of this source are compared and removed (see
  /// IndexWriter::upsert). Several sources (a Zendesk export and a Markdown folder) share an
  /// index without touching each other's articles.
  std::string source{kDefaultSource};
  /// Compare and count, change nothing.
  bool dry_run = false;
};

/// Makes the index hold exactly the articles of one export for one source: each article of the
/// export is added, or replaced if its content differs (a content hash stored with every article
/// is compared; a newer updated_at alone is no change); each article of that source the export lacks (deleted,
/// unpublished, a withdrawn translation) is removed; other sources' articles are not touched.
///
/// Use: construct on a writer with nothing staged, add() every article of the export, skip()
/// every record left out, then commit(). Everything is one batch of the writer, so a sync is
/// atomic: searchers see all of it at once or none of it, and a sync killed midway leaves the
/// index at its previous state (the writer's undo journal), from which the same sync run again
/// gives the index a clean sync gives. A second run over the same export writes nothing: only
/// added and updated articles are analyzed; an unchanged one costs its hash.
///
/// An article of the export is keyed by (id, lang) like the index; the same key twice: the last
/// one wins and the earlier one is counted as skipped. An (id, lang) indexed under another
/// source is taken over (counted as added): ids must be unique across the sources of an index.
/// A malformed record (SkipKind::kMalformed) may be a published article whose export is broken:
/// a sync that met one removes nothing, and says so (SyncSummary::removals_withheld).
///
/// The first sync into a new index can take IndexBuilder's bulk path instead (the constructor on
/// an IndexBuilder): there is nothing to compare or remove, and the builder indexes on every core
/// (bench/README.md: a full sync through one writer batch takes about twice the bulk build).
///
/// Memory: the index's keys and hashes for the source, and the added and updated articles until
/// commit() (with a builder: a few blocks queued to its workers). Thread-safety: NOT
/// thread-safe; the writer or builder must not be used otherwise until commit() returned or the
/// Syncer is destroyed (which discards what a writer had staged; a builder's build is discarded
/// by destroying the builder unfinished).
class Syncer {
 public:
  /// Starts a sync of `options.source` on `writer`, reading that source's indexed articles
  /// (their keys and hashes: about a second per 100k articles). Throws InvalidArgument if the
  /// source name is malformed or the writer has staged changes, IndexError if reading fails.
  Syncer(IndexWriter& writer, SyncOptions options);

  /// Starts the first sync of `options.source` into the new index `builder` creates: every
  /// article added goes to the builder, and commit() finishes the build (all of it visible at
  /// once). Throws InvalidArgument if the source name is malformed, the builder already has
  /// articles, or `options.dry_run` is set (a dry run compares: use an IndexWriter).
  Syncer(IndexBuilder& builder, SyncOptions options);
  ~Syncer();
  Syncer(Syncer&&) noexcept;
  Syncer& operator=(Syncer&&) noexcept;
  Syncer(const Syncer&) = delete;
  Syncer& operator=(const Syncer&) = delete;

  /// An article of the export: staged on the writer if new or changed (handed to the builder).
  /// Throws InvalidArgument
  /// naming the field as IndexWriter::upsert does (nothing is counted then: the caller decides
  /// whether to skip() it as malformed), or after commit().
  void add(Article article);

  /// A record of the export left out, with the reason shown in the summary (e.g. "draft").
  void skip(SkipKind kind, std::string_view reason);

  /// What commit() would do, from what was added so far: counts, skipped reasons.
  [[nodiscard]] SyncSummary summary() const;

  /// Stages the removals and commits the whole sync as one batch (IndexWriter::commit), or, for
  /// a dry run, discards what was staged. Returns the summary. Throws IndexError if the commit
  /// fails (the index is then as before the sync). A Syncer commits once.
  SyncSummary commit();

  /// commit(), reporting the write's progress to `on_progress`: IndexWriter::commit()'s phases,
  /// or IndexBuilder::finish()'s with a builder.
  SyncSummary commit(const BuildProgressCallback& on_progress);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace faqsearch
