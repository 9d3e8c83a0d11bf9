// IndexWriter's internals (internal to the writer's own files). The writer is split by stage,
// so that each file shows one part of the write path:
//   index_writer.cpp     opening and locking, the partitions, staging (each change checked);
//   writer_commit.cpp    a commit's phases (changes staged in the partitions' transactions, undo
//                        journal, partitions committed, generation published);
//   writer_stamps.cpp    partition stamps and the cluster generation they carry;
//   writer_recovery.cpp  bringing the index back to a whole batch (undo journal, republishing),
//                        and rewriting partitions (compaction, bulk builds);
//   document_builder.cpp one article as the Xapian document a partition stores.
// IndexBuilder uses none of this directly, only WriterInternals (writer_internals.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>
#include <xapian.h>

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"
#include "faqsearch/index.h"
#include "faqsearch/synonyms.h"
#include "analysis/lemma_hooks.h"
#include "index/document_codec.h"
#include "index/generation.h"
#include "index/manifest.h"
#include "index/segment_merger.h"
#include "index/undo_journal.h"
#include "index/writer_internals.h"

namespace faqsearch {

namespace detail {

struct StagedChange {
  enum class Kind { kUpsert, kRemove } kind;
  Article article;  // for kRemove only id and lang are set
  // The export the article belongs to (schema.h kPrefixSource); empty only when restoring an
  // article indexed before sources existed, which stays without one.
  std::string source;
};

/// Whether `dir` holds the marker of a bulk build (kBuildingFile). Once the index's lock is held,
/// no builder is alive, so the marker is that of a build that died before it published.
bool build_marker_exists(const std::filesystem::path& dir);

/// What open() says of an index whose bulk build was interrupted, and how to build it again.
std::string interrupted_build_message(const std::filesystem::path& dir);

/// Creates the directory of a new index; refuses a directory that holds anything else, so that
/// a wrong path never mixes an index into someone's files. Throws IndexError.
void create_index_directory(const std::filesystem::path& dir);

}  // namespace detail

struct IndexWriter::Impl {
  std::filesystem::path dir;
  IndexSettings settings;
  int lock_fd = -1;
  // A scratch segment of an IndexBuilder (WriterInternals::open_segment): no journal, no fsync,
  // `max_threads` 1. A failed build is discarded whole, so a segment needs no crash safety.
  bool scratch = false;
  std::size_t max_threads = detail::writer_threads();
  // Hunspell dictionaries, loaded once for all worker analyzers (~43 MB each for Polish; a
  // batch's languages go to whichever worker is free, so each worker loaded its own). A scratch
  // segment uses its builder's, shared by all segments.
  detail::SharedDictionaries own_dictionaries;
  detail::SharedDictionaries& dictionaries;
  Analyzer analyzer;  // worker 0's
  // Analyzers of commit worker threads 1.., made on first use and kept (an Analyzer is
  // single-threaded and costly to create: ICU iterators).
  std::vector<std::unique_ptr<Analyzer>> worker_analyzers;
  // zstd contexts of the commit workers, by worker number (0 included), made on first use:
  // stored article is compressed with one context per thread (encode_stored_article).
  std::vector<std::unique_ptr<detail::RecordCompressor>> worker_compressors;
  std::map<std::pair<std::string, std::string>, Xapian::WritableDatabase> open_partitions;
  std::mutex open_partitions_mutex;  // partition() is called from commit worker threads
  std::vector<detail::StagedChange> staged;
  // Synonyms set since the last commit (checked), written by the next one.
  std::optional<std::vector<SynonymGroup>> staged_synonyms;
  // A cluster generation set since the last commit, written by the next one.
  std::optional<std::uint64_t> staged_cluster_generation;
  // What searchers read now (index/generation.h): updated with each commit's partitions.
  detail::Generation published;
  // A commit failed after some partitions committed and the batch could not be undone at once
  // (the disk still full): its journal is on disk, and the next commit undoes it first.
  bool batch_to_undo = false;
  // Where commit() and compact() report their phases while a caller's callback listens (set by
  // the public calls for their duration; null otherwise).
  detail::BuildProgressReporter* progress = nullptr;
  /// Points `progress` at a reporter for one public call.
  class ReportingTo {
   public:
    ReportingTo(Impl& impl, detail::BuildProgressReporter& reporter) : impl_(impl) { impl_.progress = &reporter; }
    ~ReportingTo() { impl_.progress = nullptr; }
    ReportingTo(const ReportingTo&) = delete;
    ReportingTo& operator=(const ReportingTo&) = delete;

   private:
    Impl& impl_;
  };

  Impl(std::filesystem::path d, IndexSettings s, detail::SharedDictionaries* shared = nullptr);
  ~Impl();

  // Opening (index_writer.cpp).
  void lock();
  void close_partitions() noexcept;

  // A commit (writer_commit.cpp; the workers' analyzers and the partitions in index_writer.cpp).
  Analyzer& analyzer_of_worker(std::size_t worker);
  detail::RecordCompressor& compressor_of_worker(std::size_t worker);

  /// Thread-safe: commit workers open the partitions of their languages through it.
  Xapian::WritableDatabase& partition(const std::string& audience, const std::string& lang, bool create);

  /// The changes of one language, in staging order, and the partitions they were applied to.
  /// A change only ever touches partitions of its own language, so languages are independent:
  /// each is applied by one thread, with that thread's Analyzer.
  struct LanguageBatch {
    std::string lang;
    std::set<std::string> audiences;  // partitions holding the language (grows with upserts)
    std::vector<const detail::StagedChange*> changes;
    std::set<std::pair<std::string, std::string>> in_transaction;
    bool collect_before = false;                 // the batch needs an undo journal
    std::vector<detail::BeforeImage> before;     // each id's article before the batch
    std::set<std::string> ids_seen;              // ids whose before-image is taken
  };

  static std::vector<LanguageBatch> group_by_language(const std::vector<detail::StagedChange>& changes,
                                                      const std::vector<detail::Partition>& on_disk);

  /// Whether applying `batches` touches exactly one partition: one language, held (before and
  /// after) by one audience. Such a commit is one Xapian transaction, atomic by itself.
  static bool single_partition(const std::vector<LanguageBatch>& batches);

  /// (id, lang) as the partitions of `batch`'s language hold it before the batch touches it.
  detail::BeforeImage before_image(const LanguageBatch& batch, const std::string& id, const std::string& term,
                                   detail::RecordDecompressor& decompressor);

  void apply_language(LanguageBatch& batch, Analyzer& worker_analyzer, detail::RecordCompressor& compressor);

  /// Drops every database handle after a failure: a writer-side Xapian error leaves its handle in
  /// doubt (field notes: reusing one corrupted indexes), and closing cancels open transactions.
  template <typename Step>
  void closing_on_failure(Step&& step) {
    try {
      step();
    } catch (...) {
      close_partitions();
      throw;
    }
  }

  /// Phase one: every language's changes into its partitions' open transactions, side by side.
  /// Nothing is visible or durable yet.
  void stage_in_transactions(std::vector<LanguageBatch>& batches);

  /// Phase two: every touched partition's commit_transaction (where Xapian writes and fsyncs),
  /// side by side. The caller holds the publish lock.
  void commit_transactions(const std::vector<LanguageBatch>& batches);

  /// Publishes the partitions `batches` committed (and any new ones) as the next generation.
  void publish(const std::vector<LanguageBatch>& batches);

  std::string batch_description(std::size_t change_count) const;

  /// A bulk build's segment: no journal, no publishing (the builder publishes the merged index).
  void commit_scratch();

  void commit();
  /// Reports `amount` more done in `phase` when a callback listens (thread-safe).
  void advance(std::string_view phase, std::uint64_t amount, std::uint64_t total, std::string_view unit) const {
    if (progress != nullptr && progress->listening()) progress->advance(phase, amount, total, unit);
  }
  /// Starts `phase` of the progress reports when a callback listens.
  void start_phase(std::string_view phase, std::uint64_t total, std::string_view unit) const {
    if (progress != nullptr && progress->listening()) progress->report(phase, 0, total, unit);
  }

  void write_undo_journal(const std::vector<LanguageBatch>& batches);

  // Recovery (writer_recovery.cpp).

  /// After a failure while partitions committed (the publish lock held): undoes the batch in the
  /// partitions that committed it, with fresh handles. If that fails too (the disk still full),
  /// the journal stays and the next commit, or the next writer, undoes it; searchers wait.
  void undo_failed_commit(bool journal) noexcept;

  /// Restores every before-image of the journal, if there is one (the publish lock held).
  void undo_journal();

  /// Publishes every partition as it is on disk, if the generation file says otherwise (the
  /// publish lock held).
  void republish();

  /// Brings the index to its last whole batch (run by open(), holding the write lock): removes
  /// what interrupted compactions and creations left, undoes a batch a writer left midway, and
  /// publishes the partitions as they are.
  void recover();

  // Stamps (writer_stamps.cpp): what every partition carries about the index in its user
  // metadata, for searchers that see only the Xapian databases (index/partition_stamp.h).

  /// The manifest and synonyms texts stamps carry, read from the files on first use; the
  /// synonyms text is replaced when this writer writes new synonyms.
  std::optional<std::string> stamped_manifest;
  std::optional<std::string> stamped_synonyms;
  const std::string& manifest_text_to_stamp();
  const std::string& synonyms_text_to_stamp();
  /// The shard's cluster generation (0: none), read from its file on first use.
  std::optional<std::uint64_t> stamped_cluster_generation;
  std::uint64_t cluster_generation_to_stamp();
  /// Whether the next commit changes what every partition's stamp says (synonyms, cluster
  /// generation), so that its batch spans every partition.
  [[nodiscard]] bool stamps_every_partition() const { return staged_synonyms || staged_cluster_generation; }

  /// Stamps every partition in `batches`' transactions as committed by batch `generation`. With
  /// `every_partition` (the synonyms or cluster generation change), every partition on disk
  /// joins the batch first.
  void stamp_batch(std::vector<LanguageBatch>& batches, std::uint64_t generation, bool every_partition);

  /// Whether any partition's stamp is missing, unreadable, torn (index/partition_stamp.h
  /// partitions_behind) or stale (another manifest, synonyms or cluster generation than the
  /// files').
  bool stamps_need_repair();

  /// stamp_every_partition(), when stamps_need_repair(). The publish lock held.
  void repair_stamps();

  /// Stamps every partition again as one batch (each partition its own commit: a crash midway
  /// is repaired by the next writer) and publishes. The publish lock held.
  void stamp_every_partition();

  // Publishing synonyms (writer_commit.cpp), for a commit and a bulk build.

  /// Before the generation changes: a searcher that notices the commit reads the new synonyms.
  void write_staged_synonyms();
  /// The same for the cluster generation (its file, which stamps are repaired from).
  void write_staged_cluster_generation();
};

}  // namespace faqsearch
