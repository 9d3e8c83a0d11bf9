// Bringing an index back to a whole batch, and rewriting its partitions in place.
//
// A batch that spans partitions commits them one by one, so a writer that stops midway (killed,
// or a disk filling up) leaves some partitions with the batch and some without. Searchers keep
// reading the last published generation meanwhile (index/generation.h); the undo journal
// (index/undo_journal.h) lets the failed commit itself, the next commit, or the next writer to
// open the index put every partition back where that generation has it, and publish again.
// Compaction replaces whole partitions by atomic swaps, so an interrupted one leaves whole
// partitions that only need publishing. A bulk build publishes nothing until it is complete, so
// an interrupted one is discarded and built again (open_for_build).
#include <algorithm>
#include <filesystem>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "index/generation.h"
#include "index/manifest.h"
#include "index/partition_files.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "index/undo_journal.h"
#include "index/writer_impl.h"
#include "index/writer_internals.h"
#include "index/xapian_errors.h"
#include "util/fault_points.h"

namespace faqsearch {

namespace fs = std::filesystem;

namespace {

using detail::run_parallel;
using detail::StagedChange;
using detail::writer_threads;

}  // namespace

void IndexWriter::Impl::undo_failed_commit(bool journal) noexcept {
  close_partitions();
  try {
    // Without a journal, the documents were one partition's transaction (committed whole or not
    // at all), but a synonyms-only batch may have stamped some partitions and not others.
    if (journal) undo_journal();
    republish();
    repair_stamps();
    if (journal) detail::remove_undo_journal(dir);
  } catch (...) {
    close_partitions();
    batch_to_undo = true;
  }
}

void IndexWriter::Impl::undo_journal() {
  const std::optional<detail::UndoJournal> journal = detail::read_undo_journal(dir);
  if (!journal || journal->images.empty()) return;  // none, or torn while written: nothing committed
  const std::optional<detail::Generation> recorded = detail::read_generation(dir);
  if (recorded && recorded->number >= journal->generation) return;  // published whole: kept
  std::vector<StagedChange> restore;
  for (const detail::BeforeImage& image : journal->images) {
    if (image.article) {
      restore.push_back({StagedChange::Kind::kUpsert, *image.article, image.source});
    } else {
      StagedChange gone{StagedChange::Kind::kRemove, {}, {}};
      gone.article.id = image.id;
      gone.article.lang = image.lang;
      restore.push_back(std::move(gone));
    }
  }
  std::vector<LanguageBatch> batches = group_by_language(restore, detail::list_partitions(dir));
  detail::xapian_call("undoing an interrupted batch of " + std::to_string(restore.size()) + " changes in " + dir.string(),
                      [&] {
                        closing_on_failure([&] {
                          stage_in_transactions(batches);
                          commit_transactions(batches);
                        });
                      });
  detail::fault_point("faqsearch/recover/undone");
}

void IndexWriter::Impl::republish() {
  detail::Generation now;
  const std::optional<detail::Generation> recorded = detail::read_generation(dir);
  now.number = std::max(published.number, recorded ? recorded->number : 0);
  for (const detail::Partition& p : detail::list_partitions(dir)) {
    now.partitions.push_back(detail::xapian_call("opening partition " + p.path.string(), [&] {
      return detail::describe(Xapian::Database(p.path.string()), p.audience, p.lang);
    }));
  }
  if (recorded && recorded->partitions == now.partitions) {
    published = *recorded;
    return;
  }
  ++now.number;
  detail::write_generation(dir, now);
  published = std::move(now);
}

void IndexWriter::Impl::recover() {
  close_partitions();
  detail::restore_interrupted_swaps(dir);
  const detail::PublishLock lock = detail::PublishLock::exclusive(dir);
  undo_journal();
  republish();
  repair_stamps();
  detail::remove_undo_journal(dir);
  batch_to_undo = false;
}

namespace detail {

bool build_marker_exists(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / detail::kBuildingFile, ec);
}

std::string interrupted_build_message(const fs::path& dir) {
  return "index at " + dir.string() + " is a bulk build that was interrupted before it finished (nothing of it "
         "is searchable); build it again: `faqsearch index --db " + dir.string() + " ARTICLES...` (or IndexBuilder)";
}

IndexWriter WriterInternals::open_for_build(const fs::path& dir, const IndexSettings& settings) {
  const bool interrupted = has_manifest(dir) && build_marker_exists(dir);
  if (has_manifest(dir) && !interrupted) {
    throw IndexError("an index already exists at " + dir.string() + "; choose another directory");
  }
  if (!interrupted) create_index_directory(dir);
  auto impl = std::make_unique<IndexWriter::Impl>(dir, settings);
  impl->lock();
  std::error_code ec;
  if (interrupted) {
    // What the interrupted build left: none of it was ever published.
    if (!build_marker_exists(dir)) throw IndexError("an index already exists at " + dir.string());
    for (std::string_view leftover : {kPartitionsDir, kScratchDir, kGenerationFile, kSynonymsFile, kJournalFile}) {
      fs::remove_all(dir / leftover, ec);
    }
  }
  // The marker first: an index whose build dies at any later moment is known as interrupted.
  write_file_durably(dir / kBuildingFile, "an IndexBuilder is building this index\n");
  Manifest manifest;
  manifest.settings = settings;
  write_manifest(dir, manifest);
  return IndexWriter(std::move(impl));
}

void WriterInternals::publish(IndexWriter& writer) {
  IndexWriter::Impl& impl = *writer.impl_;
  fault_point("faqsearch/build/merged");
  {
    const PublishLock lock = PublishLock::exclusive(impl.dir);
    impl.write_staged_synonyms();
    impl.write_staged_cluster_generation();
    impl.republish();
    impl.repair_stamps();  // the merged partitions are not stamped yet: segments never are
  }
  std::error_code ec;
  fs::remove(impl.dir / kBuildingFile, ec);
  if (ec) throw IndexError("cannot remove " + (impl.dir / kBuildingFile).string() + ": " + ec.message());
}

}  // namespace detail

void IndexWriter::compact() { compact(BuildProgressCallback()); }

void IndexWriter::compact(const BuildProgressCallback& on_progress) {
  detail::BuildProgressReporter reporter(on_progress);
  const Impl::ReportingTo reporting(*impl_, reporter);
  commit();
  Impl& m = *impl_;
  m.close_partitions();
  // Partitions are independent databases: compact them side by side, one per core, beside the
  // partitions; searchers keep reading the partitions until the swap.
  const std::vector<detail::Partition> partitions = detail::list_partitions(m.dir);
  const auto compacted = [](const detail::Partition& p) { return p.path.parent_path() / (".compact-" + p.lang); };
  std::vector<std::uint64_t> bytes;
  for (const detail::Partition& p : partitions) bytes.push_back(detail::directory_size(p.path));
  const std::uint64_t total = std::accumulate(bytes.begin(), bytes.end(), std::uint64_t{0});
  m.start_phase("compacting", total, "bytes");
  run_parallel(partitions.size(), writer_threads(), [&](std::size_t i, std::size_t) {
    const detail::Partition& p = partitions[i];
    std::error_code ec;
    fs::remove_all(compacted(p), ec);
    const std::vector<fs::path> source{p.path};
    detail::SegmentMerger tables(source, bytes[i], total, reporter, "compacting");
    detail::xapian_call("compacting partition " + p.path.string(), [&] {
      Xapian::Database db(p.path.string());
      db.compact(compacted(p).string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS, 0, tables);
    });
    tables.done();
  });
  // Each swap is atomic and the content is the same before and after, so a crash between swaps
  // leaves whole partitions; the next writer publishes them as they are.
  std::vector<fs::path> old;
  {
    const detail::PublishLock lock = detail::PublishLock::exclusive(m.dir);
    for (const detail::Partition& p : partitions) {
      old.push_back(detail::swap_in(compacted(p), p.path));
      detail::fault_point("faqsearch/compact/swapped");
    }
    m.republish();
    // A compacted copy starts again at revision 1, and a remote reader whose connection is at
    // the same revision of the copy it replaced would not notice the swap (reopen() compares
    // revisions). Stamping every partition as a new batch moves the copies on, and tells a reader
    // of several partitions that one it reads is behind (it then connects again).
    m.stamp_every_partition();
  }
  std::error_code ec;
  for (const fs::path& path : old) fs::remove_all(path, ec);
}

}  // namespace faqsearch
