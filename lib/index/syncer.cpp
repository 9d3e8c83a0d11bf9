// Syncer: an export compared with one source's articles in the index, the difference staged as
// one batch of the writer; or, for a first sync into a new index, every article handed to the
// bulk builder.
#include "faqsearch/sync.h"

#include <string>
#include <unordered_map>
#include <utility>

#include "faqsearch/error.h"
#include "index/source_record.h"
#include "index/writer_internals.h"

namespace faqsearch {

namespace {

/// One (id, lang) as the index holds it for the source and as the export gives it.
struct Entry {
  std::string id;
  std::string lang;
  bool in_index = false;
  bool in_export = false;
  bool staged = false;  // an upsert of it is staged on the writer
  detail::ContentHash indexed{};
  detail::ContentHash exported{};
};

std::string key_of(std::string_view id, std::string_view lang) {
  std::string key(id);
  key += '\0';
  key += lang;
  return key;
}

}  // namespace

std::size_t SyncSummary::skipped_total() const noexcept {
  std::size_t n = 0;
  for (const auto& [reason, count] : skipped) n += count;
  return n;
}

struct Syncer::Impl {
  IndexWriter* writer = nullptr;    // exactly one of the two
  IndexBuilder* builder = nullptr;
  SyncOptions options;
  std::unordered_map<std::string, Entry> entries;
  std::map<std::string, std::size_t> skipped;
  std::size_t malformed = 0;
  bool committed = false;

  Impl(IndexWriter* w, IndexBuilder* b, SyncOptions o) : writer(w), builder(b), options(std::move(o)) {}

  void stage(Article article) {
    if (builder != nullptr) {
      builder->add(std::move(article), options.source);
    } else {
      writer->upsert(std::move(article), options.source);
    }
  }

  void add(Article article) {
    if (committed) throw InvalidArgument("Syncer::add after commit()");
    article = detail::checked_article(std::move(article));
    const detail::ContentHash hash = detail::content_hash(article);
    auto [it, fresh] = entries.try_emplace(key_of(article.id, article.lang));
    Entry& e = it->second;
    if (fresh) {
      e.id = article.id;
      e.lang = article.lang;
    }
    if (e.in_export) {
      ++skipped["duplicate id and language in the export (the last one is kept)"];
      if (e.exported == hash) return;
    }
    e.in_export = true;
    e.exported = hash;
    // A duplicate that brings the indexed content back must undo the earlier one's upsert.
    if (!e.in_index || e.indexed != hash || e.staged) {
      stage(std::move(article));
      e.staged = true;
    }
  }

  [[nodiscard]] SyncSummary summary() const {
    SyncSummary s;
    s.source = options.source;
    s.dry_run = options.dry_run;
    s.skipped = skipped;
    s.malformed = malformed;
    s.removals_withheld = malformed > 0;
    for (const auto& [key, e] : entries) {
      SyncCounts& counts = s.per_language[e.lang];
      if (!e.in_export) {
        if (s.removals_withheld) {
          ++s.withheld_removals;
          continue;
        }
        ++counts.removed;
      } else if (!e.in_index) {
        ++counts.added;
      } else if (e.indexed != e.exported) {
        ++counts.updated;
      } else {
        ++counts.unchanged;
      }
    }
    for (auto it = s.per_language.begin(); it != s.per_language.end();) {
      const SyncCounts& c = it->second;
      s.total.added += c.added;
      s.total.updated += c.updated;
      s.total.removed += c.removed;
      s.total.unchanged += c.unchanged;
      it = (c == SyncCounts{}) ? s.per_language.erase(it) : std::next(it);
    }
    return s;
  }

  SyncSummary commit(const BuildProgressCallback& on_progress) {
    if (committed) throw InvalidArgument("Syncer::commit called twice");
    committed = true;
    SyncSummary s = summary();
    if (builder != nullptr) {  // a new index: nothing to remove
      builder->finish(on_progress);
      return s;
    }
    if (options.dry_run) {
      writer->rollback();
      return s;
    }
    if (!s.removals_withheld) {
      for (const auto& [key, e] : entries) {
        if (!e.in_export) writer->remove(e.id, e.lang);
      }
    }
    writer->commit(on_progress);
    return s;
  }
};

Syncer::Syncer(IndexWriter& writer, SyncOptions options) {
  detail::check_source_name(options.source);
  if (writer.pending() != 0) {
    throw InvalidArgument("Syncer: the writer has " + std::to_string(writer.pending()) +
                          " staged changes; commit or roll them back before a sync");
  }
  impl_ = std::make_unique<Impl>(&writer, nullptr, std::move(options));
  for (detail::IndexedSourceArticle& a : detail::WriterInternals::source_articles(writer, impl_->options.source)) {
    auto [it, fresh] = impl_->entries.try_emplace(key_of(a.id, a.lang));
    Entry& e = it->second;
    e.id = std::move(a.id);
    e.lang = std::move(a.lang);
    e.in_index = true;
    e.indexed = a.hash;
  }
}

Syncer::Syncer(IndexBuilder& builder, SyncOptions options) {
  detail::check_source_name(options.source);
  if (builder.added() != 0) {
    throw InvalidArgument("Syncer: the builder has " + std::to_string(builder.added()) +
                          " articles already; a first sync must build the index from its export alone");
  }
  if (options.dry_run) {
    throw InvalidArgument("Syncer: a dry run compares with the index; open it with an IndexWriter, not a builder");
  }
  impl_ = std::make_unique<Impl>(nullptr, &builder, std::move(options));
}

Syncer::~Syncer() {
  if (impl_ && !impl_->committed && impl_->writer != nullptr) impl_->writer->rollback();
}
Syncer::Syncer(Syncer&&) noexcept = default;
Syncer& Syncer::operator=(Syncer&&) noexcept = default;

void Syncer::add(Article article) { impl_->add(std::move(article)); }

void Syncer::skip(SkipKind kind, std::string_view reason) {
  ++impl_->skipped[std::string(reason)];
  if (kind == SkipKind::kMalformed) ++impl_->malformed;
}

SyncSummary Syncer::summary() const { return impl_->summary(); }

SyncSummary Syncer::commit() { return impl_->commit(BuildProgressCallback()); }

SyncSummary Syncer::commit(const BuildProgressCallback& on_progress) { return impl_->commit(on_progress); }

}  // namespace faqsearch
