// faqsearch: building and updating an on-disk index.
//
// An index is a directory: a manifest recording the schema version and the analysis settings,
// and one Xapian glass database per partition (language × audience). A search opens only the
// partitions its caller may see, so counts, statistics and snippets never leak other audiences.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"
#include "faqsearch/synonyms.h"

namespace faqsearch {

namespace detail {
struct WriterInternals;  // internal (lib/): scratch segments and publication for IndexBuilder
}

/// Version of the on-disk layout. Opening an index of another version throws IndexMismatch.
/// 2: token-offset tables for snippets; 3: word pairs under their own term prefix, lemma tables
/// (searchers stem Polish from the index), CJK n-grams without positions, token-offset table 2;
/// 4: document data compressed with zstd, holding the token-offset table; 5: word pairs as
/// hashes of their text; 6: word pairs out of the inverted index (per-partition frequencies; the
/// top of the ranking reranked from their words' positions), each article stored as one value
/// (its record, then its body and token offsets compressed), folded variants out of the
/// token-offset table; 7: the stored article holds its title's content words (title coverage);
/// 8: an untitled article as short as a title holds its text's content words there instead;
/// 9: sections; 10: help-center signals (promoted, outdated, votes, position), and tags, section
/// and category names searchable, each with its field weight; 11: the title's terms stored apart
/// (search-box title suggestions).
inline constexpr int kSchemaVersion = 11;

/// Settings an index is built with and records. Plain data. Opening an existing index with
/// different settings throws IndexMismatch naming the setting that differs.
struct IndexSettings {
  /// Analysis options for every field.
  AnalysisOptions analysis;
  /// Within-document frequency given to each title occurrence, relative to 1 for the body: how
  /// much more a title match weighs in BM25. 5 rather than Zendesk's 3: with BM25's k1 at 1.0 a
  /// title occurrence saturates sooner (docs/tuning.md).
  unsigned title_boost = 5;
  /// Within-document frequency of each word of the article's tags (Zendesk's labels), its section
  /// name and its category name, relative to 1 for the body: these fields are searchable text as
  /// well as filters. The proportions follow Zendesk's (title 3, labels 2.8, section 1.5, body 1)
  /// scaled to title_boost; 0 leaves a field out of the text (filters and facets still see it).
  unsigned tags_weight = 4;
  unsigned section_weight = 2;
  unsigned category_weight = 2;
  /// The help center's default language (a canonical BCP 47 tag): a search in languages that
  /// lack an article serves the article's translation in this language as a fallback. Empty: the
  /// language with the most articles the caller may see. Unlike the other settings it may change
  /// on an existing index (IndexWriter::open with another value records it).
  std::string default_language;

  friend bool operator==(const IndexSettings&, const IndexSettings&) = default;
};

/// The source an article belongs to when none is named: the export a plain `faqsearch index`
/// or `faqsearch sync` without --source reads. A sync (faqsearch/sync.h) lists, compares and
/// removes only the articles of its own source.
inline constexpr std::string_view kDefaultSource = "default";

/// What a long write is doing, as IndexBuilder::finish(), IndexWriter::commit() and
/// IndexWriter::compact() report it. Plain data.
struct BuildProgress {
  /// The phase; each reports `done` of `total` in its `unit`:
  /// - IndexBuilder::finish(): "writing", the build's workers write the articles still queued
  ///   to their segments ("articles": done of those queued when finish() was called); then
  ///   "merging", the segments merged into the index's partitions, largest first ("bytes" of the
  ///   segments; done grows as each table of a partition is merged).
  /// - IndexWriter::commit(): "writing" ("changes" analyzed into the partitions' transactions),
  ///   then "committing" ("partitions" written to disk).
  /// - IndexWriter::compact(): the commit's phases, then "compacting" ("bytes" of the partitions,
  ///   growing as each table is rewritten).
  std::string phase;
  std::uint64_t done = 0;
  std::uint64_t total = 0;  ///< 0 when not known.
  std::string unit;
};

/// Receives the progress of IndexBuilder::finish(), IndexWriter::commit() or compact(). Calls
/// come one at a time (never concurrently), but from their worker threads, not only the
/// caller's; the callback must not call the builder or writer. An exception it throws fails the
/// build or commit like any other failure.
using BuildProgressCallback = std::function<void(const BuildProgress&)>;

/// How IndexWriter::open treats the directory.
enum class OpenMode : std::uint8_t {
  kCreateOrOpen,  ///< Open the index, or create an empty one if the directory has none.
  kCreate,        ///< Create a new index; throws IndexError if one exists already.
  kOpen,          ///< Open an existing index; throws IndexError if there is none.
};

/// Counts and sizes of an index. Plain data.
struct IndexStats {
  std::size_t articles = 0;                            ///< Articles in all partitions.
  std::map<std::string, std::size_t> per_language;     ///< Articles per language tag.
  std::map<std::string, std::size_t> per_audience;     ///< Articles per audience.
  std::size_t distinct_terms = 0;                      ///< Sum over partitions.
  std::uint64_t bytes_on_disk = 0;                     ///< Size of the index directory.
  int schema_version = 0;                              ///< As recorded in the manifest.
  int analysis_version = 0;                            ///< As recorded in the manifest.
  IndexSettings settings;                              ///< As recorded in the manifest.
};

/// Adds, replaces and deletes articles in an index, in atomic batches.
///
/// Changes are staged in memory and become visible to searches only on commit(), all of them
/// together: commit() first writes the batch to a journal in the index directory, then applies it
/// to every partition it touches and removes the journal. If the process dies midway, the next
/// IndexWriter to open the index replays the journal, so a batch is never half applied once a
/// writer has opened the index again. Destroying a writer discards uncommitted changes.
///
/// Only one IndexWriter may have an index open at a time (across processes); a second one gets
/// IndexLocked. Thread-safety: NOT thread-safe; use from one thread at a time.
class IndexWriter {
 public:
  /// Opens or creates the index in `dir`. Throws IndexLocked, IndexMismatch (other schema or
  /// settings; the message says what differs and how to rebuild) or IndexError.
  static IndexWriter open(const std::filesystem::path& dir, OpenMode mode = OpenMode::kCreateOrOpen,
                          IndexSettings settings = {});

  ~IndexWriter();
  IndexWriter(IndexWriter&&) noexcept;
  IndexWriter& operator=(IndexWriter&&) noexcept;
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  /// Stages adding `article`, replacing any article with the same (id, lang) whatever its
  /// audience or source. Text fields are repaired to valid UTF-8 and the language tag is
  /// canonicalized. The article is recorded as belonging to `source` (the export it came from:
  /// 1-64 letters, digits, '-', '_' or '.') with a hash of its content, which Syncer compares.
  /// Throws InvalidArgument naming the field if id or lang is missing or malformed, if the
  /// article has neither title nor body, or if `source` is malformed. Nothing is staged when it
  /// throws.
  void upsert(Article article, std::string_view source = kDefaultSource);

  /// Stages deleting the article (id, lang) from every audience. Deleting an article that does
  /// not exist is not an error.
  void remove(std::string_view id, std::string_view lang);

  /// Stages replacing the index's synonyms with `groups` (all languages at once; empty: none).
  /// They take effect for searches at commit(), without reindexing: articles do not depend on
  /// them. Throws InvalidArgument as check_synonyms does; nothing is staged then.
  void set_synonyms(std::vector<SynonymGroup> groups);

  /// Stages giving this shard of a cluster (docs/cluster.md) the cluster generation `generation`:
  /// the next commit stamps it into every partition, with that commit's articles. A writer per
  /// shard commits one cluster-wide batch under one number, the same on every shard and higher
  /// than the last; a searcher over the cluster then sees every shard at one number or says so
  /// (SearchResults::generations_differ). Throws InvalidArgument for 0 or a number below the
  /// shard's (cluster_generation()); setting the shard's own number again is allowed (a batch
  /// run again).
  void set_cluster_generation(std::uint64_t generation);

  /// The shard's cluster generation as last committed; 0 if it was never given one.
  [[nodiscard]] std::uint64_t cluster_generation() const;

  /// Number of staged changes (new synonyms and a new cluster generation count as one each).
  [[nodiscard]] std::size_t pending() const noexcept;

  /// Applies every staged change atomically (see the class comment) and makes it durable.
  /// Throws IndexError if writing fails; the staged changes are then kept so that commit() can be
  /// retried, and what was committed before is intact.
  void commit();

  /// commit(), reporting its phases to `on_progress` (see BuildProgress): "writing" (the staged
  /// changes analyzed into the partitions) and "committing" (partitions written to disk).
  void commit(const BuildProgressCallback& on_progress);

  /// Discards every staged change.
  void rollback() noexcept;

  /// Rewrites each partition compactly (smaller, faster to search). Commits first. Worth doing
  /// after a bulk build; costs about as much time as reading the index once.
  void compact();

  /// compact(), reporting its phases to `on_progress` (see BuildProgress): those of the commit,
  /// then "compacting" (bytes of the partitions rewritten so far).
  void compact(const BuildProgressCallback& on_progress);

  /// The settings the index was built with.
  [[nodiscard]] const IndexSettings& settings() const noexcept;

 private:
  friend struct detail::WriterInternals;
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Builds a new index from many articles using every core: the bulk path, faster than feeding
/// IndexWriter in batches (measured in bench/README.md).
///
/// Articles are spread by (id, lang) over one scratch segment per core, databases written side by
/// side without journal or fsync (a build that dies is thrown away, so it needs neither, and
/// smaller databases keep Xapian's inserts cheap). finish() merges each partition's segments into
/// the index with one compaction, so the index comes out compacted (about 2% larger than
/// IndexWriter plus compact() makes it, for a build about 1.3× as fast on two cores). Searchers see an empty
/// index until finish() returns, then all of it: a bulk build is all or nothing. If it fails, or
/// the process dies, the index is marked as an interrupted build
/// (index_state): searchers and IndexWriter::open refuse it with an IndexError saying so, and
/// IndexBuilder::create on the same directory discards it and builds again.
///
/// An article added twice (same id and lang) ends as the last one added, whatever its audience,
/// as with IndexWriter::upsert. The index is locked like an IndexWriter's from create() until the
/// builder is destroyed. Thread-safety: NOT thread-safe; use from one thread at a time (it runs
/// its own worker threads).
class IndexBuilder {
 public:
  /// Creates the index in `dir`, which must hold none or an interrupted build (IndexError
  /// otherwise; IndexLocked if a writer holds it). `batch_articles` bounds memory as IndexWriter's batch size does: the
  /// workers together buffer about that many articles before writing them to their segments.
  static IndexBuilder create(const std::filesystem::path& dir, IndexSettings settings = {},
                             std::size_t batch_articles = 1500);

  /// Destroying a builder before finish() discards the build: the directory is then an
  /// interrupted build (index_state), which IndexBuilder::create builds again.
  ~IndexBuilder();
  IndexBuilder(IndexBuilder&&) noexcept;
  IndexBuilder& operator=(IndexBuilder&&) noexcept;
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  /// Adds `article` as belonging to `source`, checked and repaired as IndexWriter::upsert does:
  /// throws InvalidArgument naming the field, and nothing is added. Throws IndexError if a worker
  /// failed writing (the build is then lost; nothing becomes visible).
  void add(Article article, std::string_view source = kDefaultSource);

  /// Sets the new index's synonyms (see IndexWriter::set_synonyms), published with the articles
  /// by finish(). Throws InvalidArgument as check_synonyms does.
  void set_synonyms(std::vector<SynonymGroup> groups);

  /// Sets the new index's cluster generation (see IndexWriter::set_cluster_generation),
  /// published with the articles by finish(). Throws InvalidArgument for 0.
  void set_cluster_generation(std::uint64_t generation);

  /// Articles accepted by add() so far (duplicates included).
  [[nodiscard]] std::size_t added() const noexcept;

  /// Waits for the workers, merges the segments into the index's partitions and makes the whole
  /// build visible to searchers at once. Throws IndexError on failure, leaving an interrupted
  /// build (nothing of it visible).
  /// Afterwards the builder accepts nothing more (add() throws InvalidArgument).
  void finish();

  /// finish(), reporting its phases and their progress to `on_progress` (see BuildProgress):
  /// at 100k articles the merge alone takes tens of seconds.
  void finish(const BuildProgressCallback& on_progress);

 private:
  struct Impl;
  explicit IndexBuilder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// Counts and sizes of the index in `dir` (all partitions). Throws IndexError if there is none.
/// Thread-safe (opens its own handles). It reads every partition's whole vocabulary (to count
/// distinct terms): seconds at 100k articles.
[[nodiscard]] IndexStats index_stats(const std::filesystem::path& dir);

/// What a directory holds, as far as faqsearch is concerned.
enum class IndexState : std::uint8_t {
  kNone,               ///< No index (absent, empty, or other files).
  kReady,              ///< An index that searches and writers can open.
  kBeingBuilt,         ///< An IndexBuilder is building it now; searches see it empty until it finishes.
  kInterruptedBuild,   ///< An IndexBuilder stopped before finishing: IndexBuilder::create builds it
                       ///< again; IndexWriter::open and Searcher refuse it with IndexError.
};

/// The state of `dir` (cheap: a few stat() calls and a lock probe). Thread-safe.
[[nodiscard]] IndexState index_state(const std::filesystem::path& dir);

/// The settings the index in `dir` was built with, from its manifest alone (cheap): what an
/// update passes to IndexWriter::open to keep them. Throws IndexError if there is none,
/// IndexCorrupt if the manifest is unreadable. Thread-safe.
[[nodiscard]] IndexSettings index_settings(const std::filesystem::path& dir);

}  // namespace faqsearch
