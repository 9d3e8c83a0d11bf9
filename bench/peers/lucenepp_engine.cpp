// Lucene++ 3.0 (Debian's liblucene++): one index per language (directory <dir>/<lang>, like the
// Xapian peer), StandardAnalyzer (Lucene 3.0's: UAX#29-ish tokens, lower case, English stop words,
// no stemming; one token per Han ideograph), fields id (stored, not analyzed: the update key),
// title (stored, analyzed) and body (analyzed, not stored: Lucene++ has no snippets in the core
// library). Queries: MultiFieldQueryParser over title (boost 3) and body, default operator OR,
// words escaped, a phrase in double quotes, the half-typed word as tok*; IndexSearcher top 10.
// Default IndexWriter settings (16 MB RAM buffer); optimize() after the build.
#include <LuceneHeaders.h>
#include <MultiFieldQueryParser.h>

#include <cwchar>
#include <map>
#include <stdexcept>

#include "peers/engine.h"

namespace faqsearch::bench::peers {
namespace {

namespace fs = std::filesystem;
using namespace Lucene;

template <typename F>
auto call(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const LuceneException& e) {
    throw std::runtime_error(std::string("lucene++: ") + what + ": " + StringUtils::toUTF8(e.getError()));
  }
}

String wide(std::string_view s) {
  return StringUtils::toUnicode(reinterpret_cast<const uint8_t*>(s.data()), static_cast<int32_t>(s.size()));
}

/// `word` with QueryParser syntax escaped (Lucene++ 3.0.8 makes QueryParser::escape protected).
/// The operator keywords AND, OR, NOT are lower-cased: the analyzer lower-cases every term anyway.
String escape(std::string_view word) {
  String w = wide(word);
  if (w == L"AND" || w == L"OR" || w == L"NOT") StringUtils::toLower(w);
  String out;
  for (const wchar_t c : w) {
    if (std::wcschr(L"\\+-!():^[]\"{}~*?|&/", c) != nullptr && c != L'\0') out += L'\\';
    out += c;
  }
  return out;
}

class LuceneIndexer final : public PeerIndexer {
 public:
  LuceneIndexer(fs::path dir, bool create) : dir_(std::move(dir)), create_(create) {
    analyzer_ = newLucene<StandardAnalyzer>(LuceneVersion::LUCENE_CURRENT);
  }
  ~LuceneIndexer() override {
    try {
      for (auto& [lang, w] : writers_) w->close();
    } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
    }
  }

  void add(const Article& a, std::uint64_t /*ordinal*/) override {
    call("add", [&] { writer(a.lang)->addDocument(make_document(a)); });
  }
  void commit() override {
    call("commit", [&] {
      for (auto& [lang, w] : writers_) w->commit();
    });
  }
  void finish() override {
    call("optimize", [&] {
      for (auto& [lang, w] : writers_) {
        w->optimize();
        w->close();
      }
    });
    writers_.clear();
  }
  void update(const Article& a, std::uint64_t /*ordinal*/) override {
    call("update", [&] {
      const IndexWriterPtr& w = writer(a.lang);
      w->updateDocument(newLucene<Term>(L"id", wide(a.id)), make_document(a));
      w->commit();
    });
  }

 private:
  const IndexWriterPtr& writer(const std::string& lang) {
    auto it = writers_.find(lang);
    if (it != writers_.end()) return it->second;
    const fs::path path = dir_ / lang;
    fs::create_directories(path);
    auto w = newLucene<IndexWriter>(FSDirectory::open(wide(path.string())), analyzer_, create_,
                                    IndexWriter::MaxFieldLengthUNLIMITED);
    return writers_.emplace(lang, w).first->second;
  }

  static DocumentPtr make_document(const Article& a) {
    DocumentPtr doc = newLucene<Document>();
    doc->add(newLucene<Field>(L"id", wide(a.id), Field::STORE_YES, Field::INDEX_NOT_ANALYZED_NO_NORMS));
    doc->add(newLucene<Field>(L"title", wide(a.title), Field::STORE_YES, Field::INDEX_ANALYZED));
    doc->add(newLucene<Field>(L"body", wide(a.body), Field::STORE_NO, Field::INDEX_ANALYZED));
    return doc;
  }

  fs::path dir_;
  bool create_;
  AnalyzerPtr analyzer_;
  std::map<std::string, IndexWriterPtr> writers_;
};

class LuceneSearcher final : public PeerSearcher {
 public:
  explicit LuceneSearcher(fs::path dir) : dir_(std::move(dir)) {
    analyzer_ = newLucene<StandardAnalyzer>(LuceneVersion::LUCENE_CURRENT);
  }

  void search(const PeerQuery& q, bool /*snippets*/, std::vector<PeerHit>& hits) override {
    call("search", [&] {
      Language& l = language(q.lang);
      String text;
      if (q.shape == PeerQuery::Shape::kPhrase) {
        text = L"\"" + escape(q.words.front()) + L"\"";
      } else {
        for (std::size_t i = 0; i < q.words.size(); ++i) {
          if (i > 0) text += L" ";
          text += escape(q.words[i]);
          if (q.shape == PeerQuery::Shape::kPrefix && i + 1 == q.words.size()) text += L"*";
        }
      }
      hits.clear();
      if (text.empty()) return;
      const QueryPtr query = l.parser->parse(text);
      const TopDocsPtr top = l.searcher->search(query, 10);
      for (const ScoreDocPtr& sd : top->scoreDocs) {
        const DocumentPtr doc = l.searcher->doc(sd->doc);
        hits.push_back({StringUtils::toUTF8(doc->get(L"id")), StringUtils::toUTF8(doc->get(L"title"))});
      }
    });
  }

 private:
  struct Language {
    IndexSearcherPtr searcher;
    QueryParserPtr parser;
  };

  Language& language(const std::string& lang) {
    auto it = languages_.find(lang);
    if (it != languages_.end()) return it->second;
    Language l;
    l.searcher = newLucene<IndexSearcher>(FSDirectory::open(wide((dir_ / lang).string())), true);
    MapStringDouble boosts = MapStringDouble::newInstance();
    boosts.put(L"title", 3.0);
    boosts.put(L"body", 1.0);
    l.parser = newLucene<MultiFieldQueryParser>(LuceneVersion::LUCENE_CURRENT, newCollection<String>(L"title", L"body"),
                                                analyzer_, boosts);
    l.parser->setDefaultOperator(QueryParser::OR_OPERATOR);
    return languages_.emplace(lang, std::move(l)).first->second;
  }

  fs::path dir_;
  AnalyzerPtr analyzer_;
  std::map<std::string, Language> languages_;
};

class LuceneEngine final : public PeerEngine {
 public:
  [[nodiscard]] std::string name() const override { return "lucenepp"; }
  [[nodiscard]] bool snippets() const override { return false; }
  std::unique_ptr<PeerIndexer> open_indexer(const fs::path& dir, bool create, std::size_t /*batch*/) override {
    return std::make_unique<LuceneIndexer>(dir, create);
  }
  std::unique_ptr<PeerSearcher> open_searcher(const fs::path& dir) override {
    return std::make_unique<LuceneSearcher>(dir);
  }
};

}  // namespace

std::unique_ptr<PeerEngine> make_lucenepp_engine() { return std::make_unique<LuceneEngine>(); }

}  // namespace faqsearch::bench::peers
