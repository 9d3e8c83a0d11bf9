// Raw Xapian, set up the way its documentation suggests for a multilingual site: one database per
// language (directory <dir>/<lang>, like faqsearch's partitions, so statistics are per language
// and no filter term is needed), TermGenerator with the language's Snowball stemmer (none for
// Polish, Japanese, Chinese, Thai: Xapian has no stemmer for them) and CJK n-grams for Chinese and
// Japanese, title indexed with wdf increment 3 then the body; QueryParser with the same stemmer,
// default operator OR, BM25Weight defaults; document data = title, the id in value slot 0 and the
// body in slot 1 (read only for snippets). A fresh build uses add_document; updates use
// replace_document on the unique "Q<id>" term. After the build every database is compacted the
// way `xapian-compact` does by default (Compactor::FULL).
#include <xapian.h>

#include <map>
#include <stdexcept>

#include "peers/engine.h"

namespace faqsearch::bench::peers {
namespace {

namespace fs = std::filesystem;

constexpr Xapian::valueno kSlotId = 0;
constexpr Xapian::valueno kSlotBody = 1;
constexpr Xapian::termcount kTitleWeight = 3;

/// Per-language settings: the language's Snowball stemmer and whether it is written without spaces.
struct LanguageSetup {
  std::string_view lang;
  std::string_view stemmer;  // empty: none
  bool cjk;
};
constexpr LanguageSetup kLanguages[] = {
    {"en", "english", false}, {"nb", "norwegian", false}, {"ar", "arabic", false},
    {"pl", "", false},        {"ja", "", true},           {"zh-Hans", "", true},
    {"th", "", false},
};

LanguageSetup setup_of(std::string_view lang) {
  for (const auto& s : kLanguages) {
    if (s.lang == lang) return s;
  }
  return {lang, "", false};
}

/// Xapian::Error does not derive from std::exception: translate it for the harness.
template <typename F>
auto call(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw std::runtime_error(std::string("xapian: ") + what + ": " + e.get_description());
  }
}

class XapianIndexer final : public PeerIndexer {
 public:
  XapianIndexer(fs::path dir, bool create) : dir_(std::move(dir)), create_(create) {
    if (create_) fs::create_directories(dir_);
  }

  void add(const Article& a, std::uint64_t /*ordinal*/) override {
    call("add", [&] {
      Partition& p = partition(a.lang);
      p.db.add_document(make_document(p, a));
    });
  }

  void commit() override {
    call("commit", [&] {
      for (auto& [lang, p] : partitions_) p.db.commit();
    });
  }

  void finish() override {
    commit();
    std::vector<std::string> langs;
    for (auto& [lang, p] : partitions_) {
      call("close", [&] { p.db.close(); });
      langs.push_back(lang);
    }
    partitions_.clear();
    for (const auto& lang : langs) {
      const fs::path path = dir_ / lang;
      const fs::path tmp = dir_ / (".compact-" + lang);
      fs::remove_all(tmp);
      call("compact", [&] {
        Xapian::Database source(path.string());
        source.compact(tmp.string(), Xapian::Compactor::FULL);
      });
      fs::remove_all(path);
      fs::rename(tmp, path);
    }
  }

  void update(const Article& a, std::uint64_t /*ordinal*/) override {
    call("update", [&] {
      Partition& p = partition(a.lang);
      p.db.replace_document("Q" + a.id, make_document(p, a));
      p.db.commit();
    });
  }

 private:
  struct Partition {
    Xapian::WritableDatabase db;
    Xapian::TermGenerator generator;
  };

  Partition& partition(const std::string& lang) {
    auto it = partitions_.find(lang);
    if (it != partitions_.end()) return it->second;
    Partition p;
    p.db = Xapian::WritableDatabase((dir_ / lang).string(),
                                    create_ ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
    const LanguageSetup s = setup_of(lang);
    if (!s.stemmer.empty()) p.generator.set_stemmer(Xapian::Stem(std::string(s.stemmer)));
    if (s.cjk) p.generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
    return partitions_.emplace(lang, std::move(p)).first->second;
  }

  static Xapian::Document make_document(Partition& p, const Article& a) {
    Xapian::Document doc;
    p.generator.set_document(doc);
    p.generator.index_text(a.title, kTitleWeight);
    p.generator.increase_termpos();
    p.generator.index_text(a.body);
    doc.set_data(a.title);
    doc.add_value(kSlotId, a.id);
    doc.add_value(kSlotBody, a.body);
    doc.add_boolean_term("Q" + a.id);
    return doc;
  }

  fs::path dir_;
  bool create_;
  std::map<std::string, Partition> partitions_;
};

class XapianSearcher final : public PeerSearcher {
 public:
  explicit XapianSearcher(fs::path dir) : dir_(std::move(dir)) {}

  void search(const PeerQuery& q, bool snippets, std::vector<PeerHit>& hits) override {
    call("search", [&] {
      Language& l = language(q.lang);
      unsigned flags = Xapian::QueryParser::FLAG_DEFAULT;
      if (l.cjk) flags |= Xapian::QueryParser::FLAG_CJK_NGRAM;
      std::string text;
      if (q.shape == PeerQuery::Shape::kPhrase) {
        text = '"' + q.words.front() + '"';
      } else {
        for (const auto& w : q.words) text += (text.empty() ? "" : " ") + w;
        if (q.shape == PeerQuery::Shape::kPrefix) flags |= Xapian::QueryParser::FLAG_PARTIAL;
      }
      Xapian::Query query;
      try {
        query = l.parser.parse_query(text, flags);
      } catch (const Xapian::QueryParserError&) {
        // Words that read as boolean syntax ("OR", "NOT"), or Xapian 1.4.22's CJK n-gram mode
        // failing on mixed Latin/Han text ("Express 小时 American"): parse word by word, OR-ed.
        std::vector<Xapian::Query> parts;
        for (std::size_t i = 0; i < q.words.size(); ++i) {
          const bool last = i + 1 == q.words.size();
          try {
            parts.push_back(l.parser.parse_query(
                q.words[i], (flags & ~(Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE |
                                       (last ? 0U : unsigned{Xapian::QueryParser::FLAG_PARTIAL})))));
          } catch (const Xapian::QueryParserError&) {  // NOLINT(bugprone-empty-catch): word left out
          }
        }
        query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
      }
      l.enquire.set_query(query);
      const Xapian::MSet mset = l.enquire.get_mset(0, 10);
      hits.clear();
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const Xapian::Document doc = it.get_document();
        hits.push_back({doc.get_value(kSlotId), doc.get_data()});
        if (snippets) {
          snippet_ = mset.snippet(doc.get_value(kSlotBody), 180, l.stemmer, Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                      Xapian::MSet::SNIPPET_EXHAUSTIVE | (l.cjk ? Xapian::MSet::SNIPPET_CJK_NGRAM : 0),
                                  "<mark>", "</mark>", "…");
        }
      }
    });
  }

 private:
  struct Language {
    Xapian::Database db;
    Xapian::Enquire enquire;
    Xapian::QueryParser parser;
    Xapian::Stem stemmer;
    bool cjk = false;
    explicit Language(const Xapian::Database& d) : db(d), enquire(d) {}
  };

  Language& language(const std::string& lang) {
    auto it = languages_.find(lang);
    if (it != languages_.end()) return it->second;
    Language l{Xapian::Database((dir_ / lang).string())};
    const LanguageSetup s = setup_of(lang);
    if (!s.stemmer.empty()) l.stemmer = Xapian::Stem(std::string(s.stemmer));
    l.cjk = s.cjk;
    l.parser.set_database(l.db);  // FLAG_PARTIAL expands against it
    l.parser.set_stemmer(l.stemmer);
    l.parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    l.parser.set_default_op(Xapian::Query::OP_OR);
    l.enquire.set_weighting_scheme(Xapian::BM25Weight());
    return languages_.emplace(lang, std::move(l)).first->second;
  }

  fs::path dir_;
  std::map<std::string, Language> languages_;
  std::string snippet_;
};

class XapianEngine final : public PeerEngine {
 public:
  [[nodiscard]] std::string name() const override { return "xapian"; }
  [[nodiscard]] bool snippets() const override { return true; }
  std::unique_ptr<PeerIndexer> open_indexer(const fs::path& dir, bool create, std::size_t /*batch*/) override {
    return std::make_unique<XapianIndexer>(dir, create);
  }
  std::unique_ptr<PeerSearcher> open_searcher(const fs::path& dir) override {
    return std::make_unique<XapianSearcher>(dir);
  }
};

}  // namespace

std::unique_ptr<PeerEngine> make_xapian_engine() { return std::make_unique<XapianEngine>(); }

}  // namespace faqsearch::bench::peers
