#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <thread>
#include <utility>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "analysis/lemma_hooks.h"
#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/lemma_table.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "index/writer_internals.h"
#include "index/xapian_errors.h"

namespace faqsearch {

namespace fs = std::filesystem;
using nlohmann::json;

namespace detail {

std::string id_term(std::string_view id) {
  std::string term(kPrefixId);
  term += id;
  return term;
}

Xapian::Document build_document(Analyzer& analyzer, const Article& a, unsigned title_boost,
                                RecordCompressor& compressor, PairSet& pairs) {
  Xapian::Document doc;
  pairs.clear();
  doc.add_boolean_term(id_term(a.id));
  doc.add_boolean_term(std::string(kPrefixLanguage) + a.lang);
  for (const auto& tag : a.tags) {
    if (!tag.empty()) doc.add_boolean_term(std::string(kPrefixTag) + fold_filter_value(tag));
  }
  if (!a.category.empty()) {
    doc.add_boolean_term(std::string(kPrefixCategory) + fold_filter_value(a.category));
  }
  doc.add_value(kSlotUpdatedAt, a.updated_at);
  doc.add_value(kSlotArticleId, a.id);

  // Positions start at 1; the body starts well after the title so no phrase spans both. Only the
  // kinds phrases are matched on get positions (schema.h has_positions); CJK n-grams and word
  // pairs are not terms at all (n-gram positions were 16% of the position table at 10k generated
  // articles). Snippets find the n-grams through their terms in the token-offset table.
  Xapian::termpos body_start = 1;
  const std::vector<Token> title = analyzer.analyze(a.title, a.lang);
  for (const Token& t : title) {
    if (t.kind == TokenKind::kPair) continue;  // add_pairs, below
    if (!has_positions(t.kind)) {
      doc.add_term(t.term, title_boost);
      continue;
    }
    doc.add_posting(t.term, t.position + 1, title_boost);
    body_start = std::max<Xapian::termpos>(body_start, t.position + 1);
  }
  body_start += kBodyPositionGap;
  const std::vector<Token> body = analyzer.analyze(a.body, a.lang);
  for (const Token& t : body) {
    if (t.kind == TokenKind::kPair) {
      continue;
    } else if (has_positions(t.kind)) {
      doc.add_posting(t.term, body_start + t.position, 1);
    } else {
      doc.add_term(t.term, 1);
    }
  }
  add_pairs(title, pairs);
  add_pairs(body, pairs);
  normalize_pair_set(pairs);
  // Where each token lies, so snippets need no analysis at query time (the table keeps only the
  // tokens a snippet can highlight).
  doc.add_value(kSlotArticle, encode_stored_article(a, heading_words(title, body),
                                                    encode_token_offsets(a.title, title, 1, a.body, body, body_start),
                                                    compressor));
  return doc;
}

PairSet stored_pairs(Analyzer& analyzer, const Xapian::Database& db, Xapian::docid did,
                     RecordDecompressor& decompressor) {
  const std::string stored = db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(kSlotArticle);
  const Article header = decode_stored_header(stored);
  const DocumentData data = decode_stored_body(stored, decompressor);
  PairSet pairs;
  add_pairs(analyzer.analyze(header.title, header.lang), pairs);
  add_pairs(analyzer.analyze(data.body, header.lang), pairs);
  normalize_pair_set(pairs);
  return pairs;
}

std::size_t writer_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace detail

namespace {

using detail::run_parallel;
using detail::writer_threads;

struct StagedChange {
  enum class Kind { kUpsert, kRemove } kind;
  Article article;  // for kRemove only id and lang are set
};

json change_to_json(const StagedChange& c) {
  const Article& a = c.article;
  if (c.kind == StagedChange::Kind::kRemove) return {{"op", "remove"}, {"id", a.id}, {"lang", a.lang}};
  return {{"op", "upsert"},
          {"article",
           {{"id", a.id}, {"lang", a.lang}, {"title", a.title}, {"body", a.body}, {"url", a.url},
            {"category", a.category}, {"tags", a.tags}, {"audience", a.audience},
            {"updated_at", a.updated_at}}}};
}

StagedChange change_from_json(const json& j) {
  StagedChange c;
  if (j.at("op") == "remove") {
    c.kind = StagedChange::Kind::kRemove;
    c.article.id = j.at("id").get<std::string>();
    c.article.lang = j.at("lang").get<std::string>();
    return c;
  }
  c.kind = StagedChange::Kind::kUpsert;
  const json& a = j.at("article");
  c.article.id = a.at("id").get<std::string>();
  c.article.lang = a.at("lang").get<std::string>();
  c.article.title = a.at("title").get<std::string>();
  c.article.body = a.at("body").get<std::string>();
  c.article.url = a.at("url").get<std::string>();
  c.article.category = a.at("category").get<std::string>();
  c.article.tags = a.at("tags").get<std::vector<std::string>>();
  c.article.audience = a.at("audience").get<std::string>();
  c.article.updated_at = a.at("updated_at").get<std::string>();
  return c;
}

/// Replaces `file` by a new inode holding `contents`, without fsync: for the generation file,
/// whose only job is to change identity (inode, mtime) so searchers notice a commit. Its content
/// is never read, so losing it in a crash costs nothing; two fsyncs per commit did.
void replace_file(const fs::path& file, std::string_view contents) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << contents;
    if (!out.flush()) throw IndexError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw IndexError("cannot rename " + tmp.string() + " to " + file.string() + ": " + ec.message());
}

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

void require(bool ok, const Article& a, std::string_view field, std::string_view problem) {
  if (ok) return;
  throw InvalidArgument("article '" + a.id + "' (" + a.lang + "): field " + std::string(field) + ": " +
                        std::string(problem));
}

}  // namespace

struct IndexWriter::Impl {
  fs::path dir;
  IndexSettings settings;
  int lock_fd = -1;
  // A scratch segment of an IndexBuilder (WriterInternals::open_segment): no journal, no fsync,
  // `max_threads` 1. A failed build is discarded whole, so a segment needs no crash safety.
  bool scratch = false;
  std::size_t max_threads = writer_threads();
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
  std::vector<StagedChange> staged;
  // Synonyms set since the last commit (checked), written by the next one.
  std::optional<std::vector<SynonymGroup>> staged_synonyms;
  std::uint64_t generation = 0;
  // A journal of a commit that failed midway is still on disk: it must stay until a commit that
  // covers it succeeds, so no later commit may skip journalling.
  bool journal_on_disk = false;

  Impl(fs::path d, IndexSettings s, detail::SharedDictionaries* shared = nullptr)
      : dir(std::move(d)), settings(s), dictionaries(shared != nullptr ? *shared : own_dictionaries),
        analyzer(s.analysis) {
    detail::AnalyzerHooks::share_dictionaries(analyzer, &dictionaries);
  }
  ~Impl() {
    close_partitions();
    if (lock_fd >= 0) ::close(lock_fd);  // releases the flock
  }

  void lock() {
    const fs::path file = dir / detail::kLockFile;
    lock_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock_fd < 0) {
      throw IndexError("cannot open " + file.string() + ": " + std::strerror(errno));
    }
    if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      ::close(lock_fd);
      lock_fd = -1;
      if (err == EWOULDBLOCK) {
        throw IndexLocked("index at " + dir.string() +
                          " is being written by another IndexWriter; wait for it to finish");
      }
      throw IndexError("cannot lock " + file.string() + ": " + std::strerror(err));
    }
  }

  void close_partitions() noexcept {
    for (auto& [key, db] : open_partitions) {
      try {
        db.close();
      } catch (const Xapian::Error&) {
        // Nothing uncommitted is left in a partition outside commit(): closing cannot lose data.
      }
    }
    open_partitions.clear();
  }

  Analyzer& analyzer_of_worker(std::size_t worker) {
    if (worker == 0) return analyzer;
    std::unique_ptr<Analyzer>& a = worker_analyzers.at(worker - 1);
    if (!a) {
      a = std::make_unique<Analyzer>(settings.analysis);
      detail::AnalyzerHooks::share_dictionaries(*a, &dictionaries);
    }
    return *a;
  }

  detail::RecordCompressor& compressor_of_worker(std::size_t worker) {
    std::unique_ptr<detail::RecordCompressor>& c = worker_compressors.at(worker);
    if (!c) c = std::make_unique<detail::RecordCompressor>();
    return *c;
  }

  /// Thread-safe: commit workers open the partitions of their languages through it.
  Xapian::WritableDatabase& partition(const std::string& audience, const std::string& lang, bool create) {
    const std::lock_guard lock(open_partitions_mutex);
    const auto key = std::make_pair(audience, lang);
    if (auto it = open_partitions.find(key); it != open_partitions.end()) return it->second;
    const fs::path path = detail::partition_path(dir, audience, lang);
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      if (!create) throw IndexError("no partition " + path.string());
      // Build the empty database beside its final place and rename it in, so an interrupted
      // creation never leaves a half-made partition that searches would open.
      const fs::path tmp = path.parent_path() / (".tmp-" + lang);
      fs::remove_all(tmp, ec);
      // Filesystem failures are IndexErrors like Xapian's (a std::filesystem_error is not a
      // faqsearch::Error, so callers catching those would miss it).
      fs::create_directories(path.parent_path(), ec);
      if (ec) throw IndexError("cannot create " + path.parent_path().string() + ": " + ec.message());
      detail::xapian_call("creating partition " + path.string(), [&] {
        Xapian::WritableDatabase fresh(tmp.string(),
                                       Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | (scratch ? Xapian::DB_NO_SYNC : 0));
        fresh.commit();
        fresh.close();
      });
      fs::rename(tmp, path, ec);
      if (ec) throw IndexError("cannot move " + tmp.string() + " to " + path.string() + ": " + ec.message());
    }
    auto db = detail::xapian_call("opening partition " + path.string(), [&] {
      return Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN | (scratch ? Xapian::DB_NO_SYNC : 0));
    });
    return open_partitions.emplace(key, std::move(db)).first->second;
  }

  void write_journal(const std::vector<StagedChange>& changes) {
    std::string text;
    for (const auto& c : changes) text += change_to_json(c).dump() + "\n";
    text += json{{"op", "end"}, {"count", changes.size()}}.dump() + "\n";
    detail::write_file_durably(dir / detail::kJournalFile, text);
  }

  /// Reads a journal left by a writer that died during commit(). A journal without its end line
  /// was never complete, so nothing of it was applied: it is discarded.
  std::vector<StagedChange> read_journal() {
    std::vector<StagedChange> changes;
    std::ifstream in(dir / detail::kJournalFile, std::ios::binary);
    std::string line;
    bool complete = false;
    try {
      while (std::getline(in, line)) {
        const json j = json::parse(line);
        if (j.at("op") == "end") {
          complete = j.at("count").get<std::size_t>() == changes.size();
          break;
        }
        changes.push_back(change_from_json(j));
      }
    } catch (const std::exception&) {
      complete = false;
    }
    if (!complete) changes.clear();
    return changes;
  }

  /// The changes of one language, in staging order, and the partitions they were applied to.
  /// A change only ever touches partitions of its own language, so languages are independent:
  /// each is applied by one thread, with that thread's Analyzer.
  struct LanguageBatch {
    std::string lang;
    std::set<std::string> audiences;  // partitions holding the language (grows with upserts)
    std::vector<const StagedChange*> changes;
    std::set<std::pair<std::string, std::string>> in_transaction;
  };

  static std::vector<LanguageBatch> group_by_language(const std::vector<StagedChange>& changes,
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

  /// Whether applying `batches` touches exactly one partition: one language, held (before and
  /// after) by one audience. Such a commit is one Xapian transaction, atomic by itself.
  static bool single_partition(const std::vector<LanguageBatch>& batches) {
    if (batches.size() != 1) return false;
    std::set<std::string> audiences = batches.front().audiences;
    for (const StagedChange* c : batches.front().changes) {
      if (c->kind == StagedChange::Kind::kUpsert) audiences.insert(c->article.audience);
    }
    return audiences.size() <= 1;
  }

  void apply_language(LanguageBatch& batch, Analyzer& worker_analyzer, detail::RecordCompressor& compressor) {
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
        Xapian::Document doc = detail::build_document(worker_analyzer, a, settings.title_boost, compressor, pairs);
        detail::count_pair_set(pairs, +1, pair_changes[a.audience]);
        db.replace_document(term, doc);
      }
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

  /// Applies `batches` (from group_by_language) in two parallel phases: every language's changes
  /// into its partitions' open transactions, then, only if all of that succeeded, every
  /// partition's commit_transaction (where Xapian writes and fsyncs). A failure in the first
  /// phase commits nothing.
  void apply(std::vector<LanguageBatch>& batches, std::size_t change_count) {
    const std::size_t threads = std::min(max_threads, batches.size());
    if (worker_analyzers.size() + 1 < threads) worker_analyzers.resize(threads - 1);
    if (worker_compressors.size() < threads) worker_compressors.resize(threads);
    try {
      run_parallel(batches.size(), threads, [&](std::size_t i, std::size_t worker) {
        apply_language(batches[i], analyzer_of_worker(worker), compressor_of_worker(worker));
      });
      std::vector<Xapian::WritableDatabase*> to_commit;
      for (const auto& batch : batches) {
        for (const auto& key : batch.in_transaction) to_commit.push_back(&open_partitions.at(key));
      }
      run_parallel(to_commit.size(), max_threads,
                   [&](std::size_t i, std::size_t) { to_commit[i]->commit_transaction(); });
    } catch (const Xapian::Error& e) {
      // A writer-side Xapian error leaves its database object in doubt: drop every handle (which
      // cancels open transactions) and reopen from disk on the next attempt.
      close_partitions();
      detail::throw_translated(e, "committing a batch of " + std::to_string(change_count) +
                                      " changes to " + dir.string());
    } catch (...) {
      close_partitions();  // no transaction may stay open into the next commit
      throw;
    }
  }

  void apply(const std::vector<StagedChange>& changes) {
    std::vector<LanguageBatch> batches = group_by_language(changes, detail::list_partitions(dir));
    apply(batches, changes.size());
  }

  void commit() {
    if (staged.empty()) {
      if (staged_synonyms) {
        write_staged_synonyms();
        bump_generation();
      }
      return;
    }
    std::vector<LanguageBatch> batches = group_by_language(staged, detail::list_partitions(dir));
    // The journal makes a batch spanning partitions all-or-nothing across a crash; a batch for
    // one partition is one Xapian transaction, already all-or-nothing, so it needs none (this
    // saves a single-article update two fsyncs and a JSON rewrite).
    const bool journal = !scratch && (journal_on_disk || !single_partition(batches));
    if (journal) {
      write_journal(staged);
      journal_on_disk = true;
    }
    apply(batches, staged.size());
    if (journal) {
      std::error_code ec;
      fs::remove(dir / detail::kJournalFile, ec);
      journal_on_disk = false;
    }
    staged.clear();
    write_staged_synonyms();
    bump_generation();
  }

  /// Before the generation changes: a searcher that notices the commit reads the new synonyms.
  void write_staged_synonyms() {
    if (!staged_synonyms) return;
    detail::write_synonyms(dir, *staged_synonyms);
    staged_synonyms.reset();
  }

  void bump_generation() {
    ++generation;
    replace_file(dir / detail::kGenerationFile, std::to_string(generation) + "\n");
  }

  void replay_journal() {
    std::error_code ec;
    if (!fs::exists(dir / detail::kJournalFile, ec)) return;
    const std::vector<StagedChange> changes = read_journal();
    if (!changes.empty()) apply(changes);
    fs::remove(dir / detail::kJournalFile, ec);
    if (!changes.empty()) bump_generation();
  }
};

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

IndexWriter IndexWriter::open(const fs::path& dir, OpenMode mode, IndexSettings settings) {
  std::error_code ec;
  const bool exists = detail::has_manifest(dir);
  if (mode == OpenMode::kOpen && !exists) {
    throw IndexError("no faqsearch index at " + dir.string());
  }
  if (mode == OpenMode::kCreate && exists) {
    throw IndexError("an index already exists at " + dir.string() + "; choose another directory");
  }
  if (!exists && fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    throw IndexError(dir.string() + " exists, is not empty and holds no faqsearch index; refusing to "
                     "write into it");
  }
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index directory " + dir.string() + ": " + ec.message());

  auto impl = std::make_unique<Impl>(dir, settings);
  impl->lock();
  // Scratch segments of a build that died (IndexBuilder): the lock proves no builder is alive.
  fs::remove_all(dir / detail::kScratchDir, ec);
  if (detail::has_manifest(dir)) {
    const detail::Manifest found = detail::read_manifest(dir);
    detail::check_compatible(dir, found, &settings);
  } else {
    detail::Manifest manifest;
    manifest.settings = settings;
    detail::write_manifest(dir, manifest);
  }
  impl->replay_journal();
  return IndexWriter(std::move(impl));
}

namespace detail {

Article checked_article(Article a) {
  a.id = repair_utf8(a.id);
  require(!a.id.empty(), a, "id", "is empty");
  require(a.id.size() <= detail::kMaxKeyBytes, a, "id", "is longer than 200 bytes");
  require(!a.lang.empty(), a, "lang", "is empty");
  try {
    a.lang = canonical_language_tag(a.lang);
  } catch (const InvalidArgument& e) {
    require(false, a, "lang", e.what());
  }
  if (a.audience.empty()) a.audience = kPublicAudience;
  require(detail::is_safe_partition_name(a.audience), a, "audience",
          "must be 1-64 characters of letters, digits, '-', '_' or '.'");
  for (std::string* field : {&a.title, &a.body, &a.url, &a.category, &a.updated_at}) {
    *field = repair_utf8(*field);
  }
  for (auto& tag : a.tags) {
    tag = repair_utf8(tag);
    require(tag.size() <= detail::kMaxKeyBytes, a, "tags", "a tag is longer than 200 bytes");
  }
  require(a.category.size() <= detail::kMaxKeyBytes, a, "category", "is longer than 200 bytes");
  require(!a.title.empty() || !a.body.empty(), a, "title", "title and body are both empty");
  return a;
}

IndexWriter WriterInternals::open_segment(const fs::path& dir, const IndexSettings& settings,
                                          SharedDictionaries& dictionaries) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create build segment " + dir.string() + ": " + ec.message());
  auto impl = std::make_unique<IndexWriter::Impl>(dir, settings, &dictionaries);
  impl->scratch = true;
  impl->max_threads = 1;
  return IndexWriter(std::move(impl));
}

void WriterInternals::publish(IndexWriter& writer) {
  writer.impl_->write_staged_synonyms();
  writer.impl_->bump_generation();
}

const fs::path& WriterInternals::directory(const IndexWriter& writer) { return writer.impl_->dir; }

}  // namespace detail

void IndexWriter::upsert(Article a) {
  impl_->staged.push_back({StagedChange::Kind::kUpsert, detail::checked_article(std::move(a))});
}

void IndexWriter::remove(std::string_view id, std::string_view lang) {
  StagedChange change{StagedChange::Kind::kRemove, {}};
  change.article.id = repair_utf8(id);
  change.article.lang = canonical_language_tag(lang);
  if (change.article.id.empty()) throw InvalidArgument("remove: field id: is empty");
  impl_->staged.push_back(std::move(change));
}

std::size_t IndexWriter::pending() const noexcept {
  return impl_->staged.size() + (impl_->staged_synonyms ? 1 : 0);
}

void IndexWriter::set_synonyms(std::vector<SynonymGroup> groups) {
  impl_->staged_synonyms = check_synonyms(std::move(groups));
}

void IndexWriter::commit() { impl_->commit(); }

void IndexWriter::rollback() noexcept {
  impl_->staged.clear();
  impl_->staged_synonyms.reset();
}

const IndexSettings& IndexWriter::settings() const noexcept { return impl_->settings; }

void IndexWriter::compact() {
  commit();
  impl_->close_partitions();
  // Partitions are independent databases: compact them side by side, one per core.
  const std::vector<detail::Partition> partitions = detail::list_partitions(impl_->dir);
  run_parallel(partitions.size(), writer_threads(), [&](std::size_t i, std::size_t) {
    const detail::Partition& p = partitions[i];
    const fs::path tmp = p.path.parent_path() / (".compact-" + p.lang);
    const fs::path old = p.path.parent_path() / (".old-" + p.lang);
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::remove_all(old, ec);
    detail::xapian_call("compacting partition " + p.path.string(), [&] {
      Xapian::Database source(p.path.string());
      source.compact(tmp.string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS);
    });
    fs::rename(p.path, old, ec);
    if (ec) throw IndexError("cannot move " + p.path.string() + " aside: " + ec.message());
    fs::rename(tmp, p.path, ec);
    if (ec) throw IndexError("cannot move " + tmp.string() + " to " + p.path.string() + ": " + ec.message());
    fs::remove_all(old, ec);
  });
  impl_->bump_generation();
}

}  // namespace faqsearch
