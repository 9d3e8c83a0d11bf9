// SQLite FTS5 (Debian's libsqlite3): one table for every language,
//   CREATE VIRTUAL TABLE t USING fts5(title, body, lang UNINDEXED, id UNINDEXED,
//                                     tokenize = 'unicode61 remove_diacritics 2')
// the rowid being the article's ordinal (so an update finds its row without an index on id).
// A query is the OR of its words, each quoted (FTS5 syntax escaped), a phrase as one quoted string,
// the half-typed word of a prefix query as "tok"*; filtered on lang, ranked by bm25 with the
// title weighted 3 (like the other engines' title weight), LIMIT 10. Default pragmas (rollback
// journal, synchronous=FULL). After the build: FTS5 'optimize' (merges the segment b-trees), then
// VACUUM. unicode61 does not segment Chinese, Japanese or Thai: a run of them is one token.
#include <sqlite3.h>

#include <stdexcept>

#include "peers/engine.h"

namespace faqsearch::bench::peers {
namespace {

namespace fs = std::filesystem;

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("sqlite: ") + what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
}

/// An open connection, closed on destruction.
class Connection {
 public:
  Connection(const fs::path& file, bool create) {
    const int flags = (create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READWRITE) |
                      SQLITE_OPEN_NOMUTEX;  // one connection per thread
    const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw std::runtime_error("sqlite: open " + file.string() + ": " + message);
    }
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const char* sql) { check(db_, sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), sql); }
  [[nodiscard]] sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// A prepared statement, reset after every use.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) { check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr), sql); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, std::string_view s) { check(db_, sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT), "bind"); }
  void bind(int i, std::int64_t v) { check(db_, sqlite3_bind_int64(stmt_, i, v), "bind"); }
  /// True while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    check(db_, rc, "step");
    return rc == SQLITE_ROW;
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

fs::path db_file(const fs::path& dir) { return dir / "fts5.db"; }

class Fts5Indexer final : public PeerIndexer {
 public:
  Fts5Indexer(const fs::path& dir, bool create) : conn_((fs::create_directories(dir), db_file(dir)), create) {
    if (create) {
      conn_.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, lang UNINDEXED, id UNINDEXED, "
                 "tokenize = 'unicode61 remove_diacritics 2')");
    }
    insert_ = std::make_unique<Statement>(conn_.get(), "INSERT INTO t(rowid, title, body, lang, id) VALUES (?, ?, ?, ?, ?)");
    delete_ = std::make_unique<Statement>(conn_.get(), "DELETE FROM t WHERE rowid = ?");
    conn_.exec("BEGIN");
  }
  ~Fts5Indexer() override {
    insert_.reset();
    delete_.reset();
    sqlite3_exec(conn_.get(), "ROLLBACK", nullptr, nullptr, nullptr);  // nothing pending after commit()
  }

  void add(const Article& a, std::uint64_t ordinal) override { insert(a, ordinal); }

  void commit() override {
    conn_.exec("COMMIT");
    conn_.exec("BEGIN");
  }

  void finish() override {
    conn_.exec("COMMIT");
    conn_.exec("INSERT INTO t(t) VALUES ('optimize')");
    conn_.exec("VACUUM");
    conn_.exec("BEGIN");
  }

  void update(const Article& a, std::uint64_t ordinal) override {
    delete_->bind(1, static_cast<std::int64_t>(ordinal + 1));
    delete_->step();
    delete_->reset();
    insert(a, ordinal);
    commit();
  }

 private:
  void insert(const Article& a, std::uint64_t ordinal) {
    insert_->bind(1, static_cast<std::int64_t>(ordinal + 1));
    insert_->bind(2, a.title);
    insert_->bind(3, a.body);
    insert_->bind(4, a.lang);
    insert_->bind(5, a.id);
    insert_->step();
    insert_->reset();
  }

  Connection conn_;
  std::unique_ptr<Statement> insert_;
  std::unique_ptr<Statement> delete_;
};

/// `word` as an FTS5 string: in double quotes, inner quotes doubled.
void append_quoted(std::string& out, std::string_view word) {
  out += '"';
  for (const char c : word) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class Fts5Searcher final : public PeerSearcher {
 public:
  explicit Fts5Searcher(const fs::path& dir)
      : conn_(db_file(dir), false),
        query_(conn_.get(), "SELECT id, title FROM t WHERE t MATCH ? AND lang = ? ORDER BY bm25(t, 3.0, 1.0) LIMIT 10"),
        snippet_query_(conn_.get(),
                       "SELECT id, title, snippet(t, 1, '<mark>', '</mark>', '…', 24) FROM t "
                       "WHERE t MATCH ? AND lang = ? ORDER BY bm25(t, 3.0, 1.0) LIMIT 10") {}

  void search(const PeerQuery& q, bool snippets, std::vector<PeerHit>& hits) override {
    match_.clear();
    for (std::size_t i = 0; i < q.words.size(); ++i) {
      if (i > 0) match_ += " OR ";
      append_quoted(match_, q.words[i]);
      if (q.shape == PeerQuery::Shape::kPrefix && i + 1 == q.words.size()) match_ += '*';
    }
    hits.clear();
    if (match_.empty()) return;
    Statement& s = snippets ? snippet_query_ : query_;
    s.bind(1, match_);
    s.bind(2, q.lang);
    while (s.step()) {
      hits.push_back({s.text(0), s.text(1)});
      if (snippets) snippet_ = s.text(2);
    }
    s.reset();
  }

 private:
  Connection conn_;
  Statement query_;
  Statement snippet_query_;
  std::string match_;
  std::string snippet_;
};

class Fts5Engine final : public PeerEngine {
 public:
  [[nodiscard]] std::string name() const override { return "fts5"; }
  [[nodiscard]] bool snippets() const override { return true; }
  std::unique_ptr<PeerIndexer> open_indexer(const fs::path& dir, bool create, std::size_t /*batch*/) override {
    return std::make_unique<Fts5Indexer>(dir, create);
  }
  std::unique_ptr<PeerSearcher> open_searcher(const fs::path& dir) override {
    return std::make_unique<Fts5Searcher>(dir);
  }
};

}  // namespace

std::unique_ptr<PeerEngine> make_fts5_engine() { return std::make_unique<Fts5Engine>(); }

}  // namespace faqsearch::bench::peers
