// IndexWriter's commit (IndexWriter::Impl::commit): a batch's phases.
//
//   staged ──▶ grouped by language ──▶ phase one: each language's changes into its partitions'
//   open transactions (one thread per language; the undo journal written if the batch spans
//   partitions) ──▶ phase two, holding the publish lock: every partition's commit_transaction
//   ──▶ the new generation published ──▶ journal removed.
//
// Opening the index and staging are in index_writer.cpp; undoing a batch a failed commit left
// half-written, in writer_recovery.cpp.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "analysis/lemma_hooks.h"
#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/generation.h"
#include "index/lemma_table.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/source_record.h"
#include "index/synonyms_file.h"
#include "index/undo_journal.h"
#include "index/word_pairs.h"
#include "index/writer_impl.h"
#include "index/xapian_errors.h"
#include "util/fault_points.h"

namespace faqsearch {

namespace {

using detail::run_parallel;
using detail::StagedChange;

/// The dictionary lemmas a language batch's analysis produced, by the partition (audience) of the
/// article that produced them: a partition's lemma table holds its own articles' words only.
struct BatchLemmas final : detail::LemmaRecorder {
  std::map<std::string, detail::LemmaMap> by_audience;
  detail::LemmaMap* current = nullptr;  // the audience of the article being analyzed

  bool record(std::string_view word, std::string_view lemma) override {
    if (current == nullptr || !detail::fits_lemma_table(word)) return false;
    return current->try_emplace(std::string(word), lemma).second;
  }
};

/// Attaches a recorder to an analyzer for one scope.
class RecordingLemmas {
 public:
  RecordingLemmas(Analyzer& analyzer, detail::LemmaRecorder& recorder) : analyzer_(analyzer) {
    detail::AnalyzerHooks::set_lemma_recorder(analyzer_, &recorder);
  }
  ~RecordingLemmas() { detail::AnalyzerHooks::set_lemma_recorder(analyzer_, nullptr); }
  RecordingLemmas(const RecordingLemmas&) = delete;
  RecordingLemmas& operator=(const RecordingLemmas&) = delete;

 private:
  Analyzer& analyzer_;
};

}  // namespace

std::vector<IndexWriter::Impl::LanguageBatch> IndexWriter::Impl::group_by_language(const std::vector<StagedChange>& changes,
                                                                                   const std::vector<detail::Partition>& on_disk) {
  std::map<std::string, LanguageBatch> by_lang;
  for (const auto& change : changes) {
    LanguageBatch& batch = by_lang[change.article.lang];
    batch.lang = change.article.lang;
    batch.changes.push_back(&change);
  }
  for (const auto& p : on_disk) {
    if (auto it = by_lang.find(p.lang); it != by_lang.end()) it->second.audiences.insert(p.audience);
  }
  std::vector<LanguageBatch> out;
  out.reserve(by_lang.size());
  for (auto& [lang, batch] : by_lang) out.push_back(std::move(batch));
  // Biggest first, so the last one to start is small (the threads finish together).
  std::stable_sort(out.begin(), out.end(), [](const LanguageBatch& a, const LanguageBatch& b) {
    return a.changes.size() > b.changes.size();
  });
  return out;
}

bool IndexWriter::Impl::single_partition(const std::vector<LanguageBatch>& batches) {
  if (batches.size() != 1) return false;
  std::set<std::string> audiences = batches.front().audiences;
  for (const StagedChange* c : batches.front().changes) {
    if (c->kind == StagedChange::Kind::kUpsert) audiences.insert(c->article.audience);
  }
  return audiences.size() <= 1;
}

detail::BeforeImage IndexWriter::Impl::before_image(const LanguageBatch& batch, const std::string& id, const std::string& term,
                                                    detail::RecordDecompressor& decompressor) {
  detail::BeforeImage image{id, batch.lang, std::nullopt, {}};
  for (const auto& audience : batch.audiences) {
    Xapian::WritableDatabase& db = partition(audience, batch.lang, false);
    const Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) continue;
    const Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
    const std::string stored = doc.get_value(detail::kSlotArticle);
    image.source = detail::decode_source_record(doc.get_value(detail::kSlotSourceRecord)).source;
    Article article = detail::decode_stored_header(stored);
    article.body = detail::decode_stored_body(stored, decompressor).body;
    article.audience = audience;
    image.article = std::move(article);
    break;
  }
  return image;
}

void IndexWriter::Impl::apply_language(LanguageBatch& batch, Analyzer& worker_analyzer, detail::RecordCompressor& compressor) {
  auto touch = [&](const std::string& audience, bool create) -> Xapian::WritableDatabase& {
    Xapian::WritableDatabase& db = partition(audience, batch.lang, create);
    if (batch.in_transaction.emplace(audience, batch.lang).second) db.begin_transaction(true);
    batch.audiences.insert(audience);
    return db;
  };
  BatchLemmas lemmas;
  const RecordingLemmas recording(worker_analyzer, lemmas);
  std::map<std::string, detail::PairFrequencyChanges> pair_changes;  // by audience
  detail::RecordDecompressor decompressor;  // for replaced articles' stored text
  // The pairs of the article `term` names in `db`, if it is there, counted out: it is about to
  // be replaced or deleted. Read within the transaction, so an article upserted twice in one
  // batch is counted out once for each version. The old text is analyzed with lemma recording
  // off: its words are in the table already, and the batch's current audience may be another.
  const auto forget_pairs = [&](Xapian::WritableDatabase& db, const std::string& audience, const std::string& term) {
    detail::LemmaMap* const recording_to = std::exchange(lemmas.current, nullptr);
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      detail::count_pair_set(detail::stored_pairs(worker_analyzer, db, *p, decompressor), -1, pair_changes[audience]);
    }
    lemmas.current = recording_to;
  };
  detail::PairSet pairs;
  for (const StagedChange* change : batch.changes) {
    const Article& a = change->article;
    const std::string term = detail::id_term(a.id);
    if (batch.collect_before && batch.ids_seen.insert(a.id).second) {
      batch.before.push_back(before_image(batch, a.id, term, decompressor));
    }
    const std::set<std::string> holders = batch.audiences;
    for (const auto& audience : holders) {
      if (change->kind == StagedChange::Kind::kUpsert && audience == a.audience) continue;
      Xapian::WritableDatabase& db = touch(audience, false);
      if (!db.term_exists(term)) continue;
      forget_pairs(db, audience, term);
      db.delete_document(term);
    }
    if (change->kind == StagedChange::Kind::kUpsert) {
      lemmas.current = &lemmas.by_audience[a.audience];
      Xapian::WritableDatabase& db = touch(a.audience, true);
      forget_pairs(db, a.audience, term);
      Xapian::Document doc = detail::build_document(worker_analyzer, a, change->source, settings, compressor, pairs);
      detail::count_pair_set(pairs, +1, pair_changes[a.audience]);
      db.replace_document(term, doc);
    }
    advance("writing", 1, staged.size(), "changes");
  }
  // In the same transactions as the documents: a searcher never sees an article without its
  // words' lemmas, or pair frequencies that disagree with the articles.
  for (const auto& [audience, words] : lemmas.by_audience) {
    if (!words.empty()) detail::write_lemmas(touch(audience, false), words);
  }
  for (auto& [audience, changes] : pair_changes) {
    if (!changes.empty()) detail::write_pair_frequencies(touch(audience, false), changes);
  }
}

void IndexWriter::Impl::stage_in_transactions(std::vector<LanguageBatch>& batches) {
  start_phase("writing", staged.size(), "changes");
  const std::size_t threads = std::min(max_threads, batches.size());
  if (worker_analyzers.size() + 1 < threads) worker_analyzers.resize(threads - 1);
  if (worker_compressors.size() < threads) worker_compressors.resize(threads);
  run_parallel(batches.size(), threads, [&](std::size_t i, std::size_t worker) {
    apply_language(batches[i], analyzer_of_worker(worker), compressor_of_worker(worker));
  });
}

void IndexWriter::Impl::commit_transactions(const std::vector<LanguageBatch>& batches) {
  std::vector<Xapian::WritableDatabase*> to_commit;
  for (const auto& batch : batches) {
    for (const auto& key : batch.in_transaction) to_commit.push_back(&open_partitions.at(key));
  }
  start_phase("committing", to_commit.size(), "partitions");
  run_parallel(to_commit.size(), max_threads, [&](std::size_t i, std::size_t) {
    detail::fault_point("faqsearch/commit/partition");
    to_commit[i]->commit_transaction();
    advance("committing", 1, to_commit.size(), "partitions");
  });
}

void IndexWriter::Impl::publish(const std::vector<LanguageBatch>& batches) {
  for (const auto& batch : batches) {
    for (const auto& key : batch.in_transaction) {
      detail::PublishedPartition now = detail::describe(open_partitions.at(key), key.first, key.second);
      auto it = std::find_if(published.partitions.begin(), published.partitions.end(),
                             [&](const detail::PublishedPartition& p) { return p.audience == key.first && p.lang == key.second; });
      if (it != published.partitions.end()) {
        *it = std::move(now);
      } else {
        published.partitions.push_back(std::move(now));
      }
    }
  }
  std::sort(published.partitions.begin(), published.partitions.end(), [](const auto& x, const auto& y) {
    return std::tie(x.audience, x.lang) < std::tie(y.audience, y.lang);
  });
  ++published.number;
  detail::write_generation(dir, published);
}

std::string IndexWriter::Impl::batch_description(std::size_t change_count) const {
  return "committing a batch of " + std::to_string(change_count) + " changes to " + dir.string();
}

void IndexWriter::Impl::commit_scratch() {
  std::vector<LanguageBatch> batches = group_by_language(staged, detail::list_partitions(dir));
  detail::xapian_call(batch_description(staged.size()), [&] {
    closing_on_failure([&] {
      stage_in_transactions(batches);
      commit_transactions(batches);
    });
  });
  staged.clear();
}

void IndexWriter::Impl::commit() {
  if (batch_to_undo) recover();  // a failed commit's batch first: throws while it cannot be undone
  if (scratch) return commit_scratch();
  if (staged.empty() && !stamps_every_partition()) return;
  std::vector<LanguageBatch> batches = group_by_language(staged, detail::list_partitions(dir));
  // A batch for one partition is one Xapian transaction, all or nothing by itself; a batch
  // spanning partitions needs the undo journal (index/undo_journal.h). New synonyms and a new
  // cluster generation are stamped into every partition, so their batch spans partitions too.
  const bool journal = !staged.empty() && (!single_partition(batches) || stamps_every_partition());
  for (auto& batch : batches) batch.collect_before = journal;
  const std::string what = batch_description(staged.size());
  detail::xapian_call(what, [&] {
    closing_on_failure([&] {
      stage_in_transactions(batches);
      stamp_batch(batches, published.number + 1, stamps_every_partition());  // as publish() numbers it
      if (journal) write_undo_journal(batches);
      detail::fault_point("faqsearch/commit/journal-written");
    });
  });
  {
    const detail::PublishLock lock = detail::PublishLock::exclusive(dir);
    try {
      commit_transactions(batches);
      detail::fault_point("faqsearch/commit/partitions-committed");
      write_staged_synonyms();
      write_staged_cluster_generation();
      publish(batches);
      detail::fault_point("faqsearch/commit/published");
    } catch (const Xapian::Error& e) {
      undo_failed_commit(journal);
      detail::throw_translated(e, what);
    } catch (...) {
      undo_failed_commit(journal);
      throw;
    }
  }
  if (journal) detail::remove_undo_journal(dir);
  staged.clear();
}

void IndexWriter::Impl::write_undo_journal(const std::vector<LanguageBatch>& batches) {
  detail::UndoJournal journal;
  journal.generation = published.number + 1;  // as publish() will number the batch
  for (const auto& batch : batches) journal.images.insert(journal.images.end(), batch.before.begin(), batch.before.end());
  detail::write_undo_journal(dir, journal);
}

void IndexWriter::Impl::write_staged_synonyms() {
  if (!staged_synonyms) return;
  detail::write_synonyms(dir, *staged_synonyms);
  stamped_synonyms = format_synonyms(*staged_synonyms);
  staged_synonyms.reset();
}

}  // namespace faqsearch
