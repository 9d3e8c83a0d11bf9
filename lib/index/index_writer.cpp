#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <xapian.h>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/manifest.h"
#include "index/schema.h"
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

Xapian::Document build_document(Analyzer& analyzer, const Article& a, unsigned title_boost) {
  Xapian::Document doc;
  doc.set_data(encode_article(a));
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

  // Positions start at 1; the body starts well after the title so no phrase spans both.
  Xapian::termpos body_start = 1;
  const std::vector<Token> title = analyzer.analyze(a.title, a.lang);
  for (const Token& t : title) {
    doc.add_posting(t.term, t.position + 1, title_boost);
    body_start = std::max<Xapian::termpos>(body_start, t.position + 1);
  }
  body_start += kBodyPositionGap;
  const std::vector<Token> body = analyzer.analyze(a.body, a.lang);
  for (const Token& t : body) {
    doc.add_posting(t.term, body_start + t.position, 1);
  }
  // Where each token lies, so snippets need no analysis at query time. Word pairs (last in the
  // list) are never highlighted: only the tokens before them are stored.
  const auto before_pairs = [](const std::vector<Token>& tokens) {
    return std::vector<Token>(tokens.begin(), std::find_if(tokens.begin(), tokens.end(), [](const Token& t) {
                                return t.kind == TokenKind::kPair;
                              }));
  };
  doc.add_value(kSlotTokenOffsets,
                encode_token_offsets(a.title, before_pairs(title), 1, a.body, before_pairs(body), body_start));
  return doc;
}

}  // namespace detail

namespace {

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
  Analyzer analyzer;
  std::map<std::pair<std::string, std::string>, Xapian::WritableDatabase> open_partitions;
  std::vector<StagedChange> staged;
  std::uint64_t generation = 0;

  Impl(fs::path d, IndexSettings s) : dir(std::move(d)), settings(s), analyzer(s.analysis) {}
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

  Xapian::WritableDatabase& partition(const std::string& audience, const std::string& lang, bool create) {
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
      fs::create_directories(path.parent_path());
      detail::xapian_call("creating partition " + path.string(), [&] {
        Xapian::WritableDatabase fresh(tmp.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        fresh.commit();
        fresh.close();
      });
      fs::rename(tmp, path);
    }
    auto db = detail::xapian_call("opening partition " + path.string(), [&] {
      return Xapian::WritableDatabase(path.string(), Xapian::DB_OPEN);
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

  void apply(const std::vector<StagedChange>& changes) {
    // Which audiences hold each language, so an upsert can move an article between audiences.
    std::map<std::string, std::set<std::string>> audiences_of_lang;
    for (const auto& p : detail::list_partitions(dir)) audiences_of_lang[p.lang].insert(p.audience);
    std::set<std::pair<std::string, std::string>> in_transaction;
    auto touch = [&](const std::string& audience, const std::string& lang,
                     bool create) -> Xapian::WritableDatabase& {
      Xapian::WritableDatabase& db = partition(audience, lang, create);
      if (in_transaction.emplace(audience, lang).second) db.begin_transaction(true);
      audiences_of_lang[lang].insert(audience);
      return db;
    };
    try {
      for (const auto& change : changes) {
        const Article& a = change.article;
        const std::string term = detail::id_term(a.id);
        const std::set<std::string> holders = audiences_of_lang[a.lang];
        for (const auto& audience : holders) {
          if (change.kind == StagedChange::Kind::kUpsert && audience == a.audience) continue;
          Xapian::WritableDatabase& db = touch(audience, a.lang, false);
          if (db.term_exists(term)) db.delete_document(term);
        }
        if (change.kind == StagedChange::Kind::kUpsert) {
          touch(a.audience, a.lang, true)
              .replace_document(term, detail::build_document(analyzer, a, settings.title_boost));
        }
      }
      for (const auto& key : in_transaction) open_partitions.at(key).commit_transaction();
    } catch (const Xapian::Error& e) {
      // A writer-side Xapian error leaves its database object in doubt: drop every handle (which
      // cancels open transactions) and reopen from disk on the next attempt.
      close_partitions();
      detail::throw_translated(e, "committing a batch of " + std::to_string(changes.size()) +
                                      " changes to " + dir.string());
    }
  }

  void commit() {
    if (staged.empty()) return;
    write_journal(staged);
    apply(staged);
    std::error_code ec;
    fs::remove(dir / detail::kJournalFile, ec);
    staged.clear();
    bump_generation();
  }

  void bump_generation() {
    ++generation;
    detail::write_file_durably(dir / detail::kGenerationFile, std::to_string(generation) + "\n");
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

void IndexWriter::upsert(Article a) {
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
  impl_->staged.push_back({StagedChange::Kind::kUpsert, std::move(a)});
}

void IndexWriter::remove(std::string_view id, std::string_view lang) {
  StagedChange change{StagedChange::Kind::kRemove, {}};
  change.article.id = repair_utf8(id);
  change.article.lang = canonical_language_tag(lang);
  if (change.article.id.empty()) throw InvalidArgument("remove: field id: is empty");
  impl_->staged.push_back(std::move(change));
}

std::size_t IndexWriter::pending() const noexcept { return impl_->staged.size(); }

void IndexWriter::commit() { impl_->commit(); }

void IndexWriter::rollback() noexcept { impl_->staged.clear(); }

const IndexSettings& IndexWriter::settings() const noexcept { return impl_->settings; }

void IndexWriter::compact() {
  commit();
  impl_->close_partitions();
  for (const auto& p : detail::list_partitions(impl_->dir)) {
    const fs::path tmp = p.path.parent_path() / (".compact-" + p.lang);
    const fs::path old = p.path.parent_path() / (".old-" + p.lang);
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::remove_all(old, ec);
    detail::xapian_call("compacting partition " + p.path.string(), [&] {
      Xapian::Database source(p.path.string());
      source.compact(tmp.string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS);
    });
    fs::rename(p.path, old);
    fs::rename(tmp, p.path);
    fs::remove_all(old, ec);
  }
  impl_->bump_generation();
}

}  // namespace faqsearch
