// IndexWriter: opening an index (its write lock and partitions), and staging changes, each
// checked: upsert()/remove() ──checked──▶ staged ──commit()──▶ writer_commit.cpp.
//
// A commit's phases are in writer_commit.cpp; what brings an index back to a whole batch when
// this stops midway, and compaction, in writer_recovery.cpp; partition stamps in
// writer_stamps.cpp; the documents themselves are built in document_builder.cpp.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "analysis/lemma_hooks.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/source_record.h"
#include "index/synonyms_file.h"
#include "index/writer_impl.h"
#include "index/writer_internals.h"
#include "index/xapian_errors.h"

namespace faqsearch {

namespace fs = std::filesystem;

namespace detail {

std::size_t writer_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace detail

namespace {

using detail::build_marker_exists;
using detail::create_index_directory;
using detail::interrupted_build_message;
using detail::StagedChange;

void require(bool ok, const Article& a, std::string_view field, std::string_view problem) {
  if (ok) return;
  throw InvalidArgument("article '" + a.id + "' (" + a.lang + "): field " + std::string(field) + ": " +
                        std::string(problem));
}

}  // namespace

IndexWriter::Impl::Impl(fs::path d, IndexSettings s, detail::SharedDictionaries* shared)
    : dir(std::move(d)), settings(s), dictionaries(shared != nullptr ? *shared : own_dictionaries),
      analyzer(s.analysis) {
  detail::AnalyzerHooks::share_dictionaries(analyzer, &dictionaries);
}

IndexWriter::Impl::~Impl() {
  close_partitions();
  if (lock_fd >= 0) ::close(lock_fd);  // releases the flock
}

void IndexWriter::Impl::lock() {
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

void IndexWriter::Impl::close_partitions() noexcept {
  for (auto& [key, db] : open_partitions) {
    try {
      db.close();
    } catch (const Xapian::Error&) {
      // Nothing uncommitted is left in a partition outside commit(): closing cannot lose data.
    }
  }
  open_partitions.clear();
}

Analyzer& IndexWriter::Impl::analyzer_of_worker(std::size_t worker) {
  if (worker == 0) return analyzer;
  std::unique_ptr<Analyzer>& a = worker_analyzers.at(worker - 1);
  if (!a) {
    a = std::make_unique<Analyzer>(settings.analysis);
    detail::AnalyzerHooks::share_dictionaries(*a, &dictionaries);
  }
  return *a;
}

detail::RecordCompressor& IndexWriter::Impl::compressor_of_worker(std::size_t worker) {
  std::unique_ptr<detail::RecordCompressor>& c = worker_compressors.at(worker);
  if (!c) c = std::make_unique<detail::RecordCompressor>();
  return *c;
}

Xapian::WritableDatabase& IndexWriter::Impl::partition(const std::string& audience, const std::string& lang, bool create) {
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

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() = default;
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

namespace detail {

void create_index_directory(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    throw IndexError(dir.string() + " exists, is not empty and holds no faqsearch index; refusing to "
                     "write into it");
  }
  fs::create_directories(dir, ec);
  if (ec) throw IndexError("cannot create index directory " + dir.string() + ": " + ec.message());
}

}  // namespace detail

IndexWriter IndexWriter::open(const fs::path& dir, OpenMode mode, IndexSettings settings) {
  std::error_code ec;
  const bool exists = detail::has_manifest(dir);
  if (mode == OpenMode::kOpen && !exists) {
    throw IndexError("no faqsearch index at " + dir.string());
  }
  if (mode == OpenMode::kCreate && exists) {
    throw IndexError("an index already exists at " + dir.string() + "; choose another directory");
  }
  if (!exists) create_index_directory(dir);

  if (!settings.default_language.empty()) settings.default_language = known_language_tag(settings.default_language);
  auto impl = std::make_unique<Impl>(dir, settings);
  impl->lock();
  // The lock proves no builder is alive: a build marker is a build that died.
  if (build_marker_exists(dir)) throw IndexError(interrupted_build_message(dir));
  // Scratch segments of a build that died (IndexBuilder): the lock proves no builder is alive.
  fs::remove_all(dir / detail::kScratchDir, ec);
  if (detail::has_manifest(dir)) {
    detail::Manifest found = detail::read_manifest(dir);
    detail::check_compatible(dir, found, &settings);
    // The default language is a search setting: a new one is recorded, searchers read it at
    // the next commit they see.
    if (!settings.default_language.empty() && settings.default_language != found.settings.default_language) {
      found.settings.default_language = settings.default_language;
      detail::write_manifest(dir, found);
    }
  } else {
    detail::Manifest manifest;
    manifest.settings = settings;
    detail::write_manifest(dir, manifest);
  }
  impl->recover();
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
  for (std::string* field : {&a.title, &a.body, &a.url, &a.category, &a.section, &a.updated_at}) {
    *field = repair_utf8(*field);
  }
  for (auto& tag : a.tags) {
    tag = repair_utf8(tag);
    require(tag.size() <= detail::kMaxKeyBytes, a, "tags", "a tag is longer than 200 bytes");
  }
  require(a.category.size() <= detail::kMaxKeyBytes, a, "category", "is longer than 200 bytes");
  require(a.section.size() <= detail::kMaxKeyBytes, a, "section", "is longer than 200 bytes");
  require(!a.title.empty() || !a.body.empty(), a, "title", "title and body are both empty");
  return a;
}

void check_source_name(std::string_view source) {
  if (!is_safe_partition_name(source)) {
    throw InvalidArgument("source '" + repair_utf8(source) +
                          "': must be 1-64 characters of letters, digits, '-', '_' or '.'");
  }
}

std::vector<IndexedSourceArticle> WriterInternals::source_articles(const IndexWriter& writer, std::string_view source) {
  std::vector<IndexedSourceArticle> out;
  for (const Partition& p : list_partitions(writer.impl_->dir)) {
    xapian_call("listing the articles of source '" + std::string(source) + "' in " + p.path.string(), [&] {
      const Xapian::Database db(p.path.string());
      for (auto v = db.valuestream_begin(kSlotSourceRecord); v != db.valuestream_end(kSlotSourceRecord); ++v) {
        SourceRecord record = decode_source_record(*v);
        if (record.source != source) continue;
        out.push_back({std::move(record.id), p.lang, p.audience, record.hash});
      }
    });
  }
  return out;
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

const fs::path& WriterInternals::directory(const IndexWriter& writer) { return writer.impl_->dir; }

}  // namespace detail

void IndexWriter::upsert(Article a, std::string_view source) {
  detail::check_source_name(source);
  impl_->staged.push_back({StagedChange::Kind::kUpsert, detail::checked_article(std::move(a)), std::string(source)});
}

void IndexWriter::remove(std::string_view id, std::string_view lang) {
  StagedChange change{StagedChange::Kind::kRemove, {}, {}};
  change.article.id = repair_utf8(id);
  change.article.lang = canonical_language_tag(lang);
  if (change.article.id.empty()) throw InvalidArgument("remove: field id: is empty");
  impl_->staged.push_back(std::move(change));
}

std::size_t IndexWriter::pending() const noexcept {
  return impl_->staged.size() + (impl_->staged_synonyms ? 1 : 0) + (impl_->staged_cluster_generation ? 1 : 0);
}

void IndexWriter::set_synonyms(std::vector<SynonymGroup> groups) {
  impl_->staged_synonyms = check_synonyms(std::move(groups));
}

void IndexWriter::commit() { impl_->commit(); }

void IndexWriter::commit(const BuildProgressCallback& on_progress) {
  detail::BuildProgressReporter reporter(on_progress);
  const Impl::ReportingTo reporting(*impl_, reporter);
  impl_->commit();
}

void IndexWriter::rollback() noexcept {
  impl_->staged.clear();
  impl_->staged_synonyms.reset();
  impl_->staged_cluster_generation.reset();
}

const IndexSettings& IndexWriter::settings() const noexcept { return impl_->settings; }

}  // namespace faqsearch
