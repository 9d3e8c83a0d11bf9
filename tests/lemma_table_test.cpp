// The index's lemma table (index/lemma_table.h) and the analyzer's dictionary hooks
// (analysis/lemma_hooks.h): searchers read Hunspell's lemmas from the index instead of loading
// the dictionary, and the writer's workers share one dictionary.
#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "analysis/hunspell_stemmer.h"
#include "analysis/lemma_hooks.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/lemma_table.h"
#include "index/manifest.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

bool have_polish_dictionary() { return Analyzer().stemmer_in_use("pl") == "hunspell:pl_PL"; }

// Words of the Polish sample: inflected forms, lemmas, forms typed without marks, proper nouns,
// and words the dictionary does not know.
const std::vector<std::string> kPolishWords = {
    "zamówienia", "zamówienie", "zamówień", "zamowienie", "zwrotu",  "zwrot",    "paczki",
    "paczkę",     "płatności",  "platnosci", "dostawy",   "pieniędzy", "Warszawy", "Larkspur",
    "qwźx",       "konta",      "hasło",     "zmienić",   "nie",       "mogę",     "się"};

std::string polish_text() {
  std::string text;
  for (const auto& w : kPolishWords) text += w + " ";
  return text;
}

Article polish_article(std::string id, std::string body, std::string audience = "") {
  Article a;
  a.id = std::move(id);
  a.lang = "pl";
  a.title = "Pomoc";
  a.body = std::move(body);
  a.audience = std::move(audience);
  return a;
}

/// A lemma table over one database, counting what it was asked.
struct DatabaseLemmas final : detail::LemmaTable {
  Xapian::Database db;
  int misses = 0;
  explicit DatabaseLemmas(const std::filesystem::path& partition) : db(partition.string()) {}
  std::optional<std::string> find(std::string_view, std::string_view word) override {
    auto lemma = detail::read_lemma(db, word);
    if (!lemma) ++misses;
    return lemma;
  }
  [[nodiscard]] std::string scope() const override { return db.get_uuid(); }
  std::string version(std::string_view) override { return detail::lemma_set_version(db); }
  std::unordered_set<std::string> lemmas(std::string_view) override {
    std::unordered_set<std::string> out;
    detail::read_all_lemmas(db, out);
    return out;
  }
};

/// Counts what the analyzer computed with its dictionary.
struct CountingRecorder final : detail::LemmaRecorder {
  std::map<std::string, std::string> seen;
  bool record(std::string_view word, std::string_view lemma) override { return seen.emplace(word, lemma).second; }
};

std::vector<std::string> terms_of(Analyzer& analyzer, const std::string& text) {
  std::vector<std::string> terms;
  for (const Token& t : analyzer.analyze(text, "pl")) terms.push_back(t.term);
  return terms;
}

/// The ids of the hits of Polish query `query`, in rank order.
std::vector<std::string> ids(Searcher& searcher, const std::string& query) {
  SearchRequest r;
  r.query = query;
  r.languages = {"pl"};
  std::vector<std::string> out;
  for (const auto& h : searcher.search(r).hits) out.push_back(h.id);
  return out;
}

class LemmaTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_polish_dictionary()) GTEST_SKIP() << "hunspell-pl is not installed";
  }
};

// Every word the index saw gives, through the table, exactly the terms direct analysis gives, and
// the dictionary is never consulted for them.
TEST_F(LemmaTableTest, GivesTheSameQueryTermsAsTheDictionary) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(polish_article("a", polish_text()));
    w.commit();
  }
  Analyzer direct;
  Analyzer through_table;
  DatabaseLemmas table(detail::partition_path(dir.path(), kPublicAudience, "pl"));
  CountingRecorder dictionary_calls;
  detail::AnalyzerHooks::set_lemma_table(through_table, &table, detail::UnseenWords::kUnchanged);
  detail::AnalyzerHooks::set_lemma_recorder(through_table, &dictionary_calls);
  for (const auto& word : kPolishWords) {
    EXPECT_EQ(terms_of(through_table, word), terms_of(direct, word)) << word;
  }
  EXPECT_EQ(terms_of(through_table, polish_text()), terms_of(direct, polish_text()));
  // Seen words typed without their marks: the writer recorded the dictionary's answer for them.
  for (const std::string word : {"zamowienia", "zamowien", "paczke", "pieniedzy", "haslo", "zmienic", "moge", "sie"}) {
    EXPECT_EQ(terms_of(through_table, word), terms_of(direct, word)) << word;
  }
  EXPECT_EQ(table.misses, 0);
  EXPECT_TRUE(dictionary_calls.seen.empty());
}

struct UnseenRow {
  detail::UnseenWords policy;
  std::string word;
  std::vector<std::string> terms;
  bool dictionary_asked;
};

class UnseenWordPolicy : public LemmaTableTest, public ::testing::WithParamInterface<UnseenRow> {};

TEST_P(UnseenWordPolicy, DecidesWordsTheTableLacks) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(polish_article("a", "zwrot"));
    w.commit();
  }
  DatabaseLemmas table(detail::partition_path(dir.path(), kPublicAudience, "pl"));
  CountingRecorder dictionary_calls;
  Analyzer analyzer;
  detail::AnalyzerHooks::set_lemma_table(analyzer, &table, GetParam().policy);
  detail::AnalyzerHooks::set_lemma_recorder(analyzer, &dictionary_calls);
  EXPECT_EQ(terms_of(analyzer, GetParam().word), GetParam().terms);
  EXPECT_EQ(!dictionary_calls.seen.empty(), GetParam().dictionary_asked);
}

INSTANTIATE_TEST_SUITE_P(
    Policies, UnseenWordPolicy,
    ::testing::Values(
        // Seen: the table answers whatever the policy.
        UnseenRow{detail::UnseenWords::kUnchanged, "zwrot", {"zwrot"}, false},
        UnseenRow{detail::UnseenWords::kLoadDictionary, "zwrot", {"zwrot"}, false},
        // Unseen: the dictionary's lemma, or the word itself (then folded as usual).
        UnseenRow{detail::UnseenWords::kLoadDictionary, "zamówień", {"zamówić", "zamowic"}, true},
        UnseenRow{detail::UnseenWords::kUnchanged, "zamówień", {"zamówień", "zamowien"}, false},
        // The reduced dictionary knows every form of the index's lemmas ("zwrot"), no others.
        UnseenRow{detail::UnseenWords::kReducedDictionary, "zwrotami", {"zwrot"}, true},
        UnseenRow{detail::UnseenWords::kReducedDictionary, "zwrotem", {"zwrot"}, true},
        UnseenRow{detail::UnseenWords::kReducedDictionary, "zamówień", {"zamówień", "zamowien"}, true},
        UnseenRow{detail::UnseenWords::kLoadDictionary, "zwrotami", {"zwrot"}, true},
        UnseenRow{detail::UnseenWords::kUnchanged, "zwrotami", {"zwrotami"}, false}));

TEST_F(LemmaTableTest, AnInflectedWordFindsTheArticleOfItsLemma) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    // Only "a" has the lemma's own form; "b" brings the inflected form into the table.
    w.upsert(polish_article("a", "Zwrot pieniędzy za zamówienie"));
    w.upsert(polish_article("b", "Kurier przywiózł paczki, a zamówień brak"));
    w.commit();
  }
  Searcher s(dir.path());
  SearchRequest r;
  r.languages = {"pl"};
  // "zamówień" is in the table (from "b"); "zwrotami" is nowhere: the reduced dictionary.
  for (const std::string query : {"zamówień", "zamówienia zwrot", "zwrotami"}) {
    r.query = query;
    const auto hits = s.search(r).hits;
    ASSERT_FALSE(hits.empty()) << query;
    bool found_a = false;
    for (const auto& h : hits) found_a = found_a || h.id == "a";
    EXPECT_TRUE(found_a) << query;
  }
}

// Searchers sharing SharedResources share a reduced dictionary only for the same index: one
// reduced to index A's lemmas would leave "zamówieniami" unstemmed in index B, which has
// "zamówienie" (three edits away: beyond typo correction, so only the lemma can find it).
TEST_F(LemmaTableTest, SharedResourcesKeepEachIndexsReducedDictionary) {
  ScratchDir a_dir, b_dir;
  {
    IndexWriter w = IndexWriter::open(a_dir.path());
    w.upsert(polish_article("a", "Zwrot pieniędzy"));
    w.commit();
  }
  {
    IndexWriter w = IndexWriter::open(b_dir.path());
    w.upsert(polish_article("b", "Twoje zamówienie"));
    w.commit();
  }
  const SharedResources shared;
  Searcher a(a_dir.path(), shared), a_again(a_dir.path(), shared), b(b_dir.path(), shared);
  EXPECT_EQ(ids(a, "zwrotami"), std::vector<std::string>{"a"});  // loads A's reduced dictionary
  EXPECT_EQ(ids(b, "zamówieniami"), std::vector<std::string>{"b"});
  EXPECT_EQ(ids(a_again, "zwrotem"), std::vector<std::string>{"a"});
  EXPECT_TRUE(ids(a, "zamówieniami").empty());
}

// A reduced dictionary follows the index: after a commit brings a new lemma, a form of it the
// index never saw finds its article, through the same Searcher and through a new one sharing
// the dictionary. Before the lemma-set version, the dictionary reduced at the first unseen word
// stayed as it was and "zamówieniami" stayed unstemmed.
TEST_F(LemmaTableTest, AReducedDictionaryFollowsNewLemmas) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  w.upsert(polish_article("a", "Zwrot pieniędzy"));
  w.commit();
  const auto version_now = [&] {
    return detail::lemma_set_version(Xapian::Database(detail::partition_path(dir.path(), kPublicAudience, "pl").string()));
  };
  const std::string first_version = version_now();
  EXPECT_FALSE(first_version.empty());
  const SharedResources shared;
  Searcher s(dir.path(), shared);
  EXPECT_EQ(ids(s, "zwrotami"), std::vector<std::string>{"a"});  // reduces the dictionary to {zwrot, pieniądz}
  EXPECT_TRUE(ids(s, "zamówieniami").empty());

  w.upsert(polish_article("b", "Twoje zamówienie"));
  w.commit();
  EXPECT_NE(version_now(), first_version);
  EXPECT_EQ(ids(s, "zamówieniami"), std::vector<std::string>{"b"});
  Searcher fresh(dir.path(), shared);
  EXPECT_EQ(ids(fresh, "zamówieniom"), std::vector<std::string>{"b"});

  // Only forms of known lemmas: the set, and its version, stay as they are.
  const std::string before = version_now();
  w.upsert(polish_article("c", "Zwrotu pieniędzy, zamówienia"));
  w.commit();
  EXPECT_EQ(version_now(), before);
}

TEST_F(LemmaTableTest, SurvivesCompactionAndStaysInItsAudience) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  w.upsert(polish_article("a", "zamówienia"));
  w.upsert(polish_article("b", "paczki", "agents"));
  w.commit();
  w.compact();
  const Xapian::Database public_pl(detail::partition_path(dir.path(), kPublicAudience, "pl").string());
  const Xapian::Database agents_pl(detail::partition_path(dir.path(), "agents", "pl").string());
  EXPECT_EQ(detail::read_lemma(public_pl, "zamówienia"), Analyzer().analyze("zamówienia", "pl").at(0).term);
  EXPECT_EQ(detail::read_lemma(agents_pl, "paczki"), Analyzer().analyze("paczki", "pl").at(0).term);
  // An audience's table never holds another audience's words.
  EXPECT_EQ(detail::read_lemma(public_pl, "paczki"), std::nullopt);
  EXPECT_EQ(detail::read_lemma(agents_pl, "zamówienia"), std::nullopt);
}

// A dictionary reduced to one audience's lemmas never stems another audience's queries.
TEST_F(LemmaTableTest, AReducedDictionaryServesOnlyTheTablesItWasReducedTo) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(polish_article("a", "zwrot", "agents"));
    w.upsert(polish_article("b", "paczka"));
    w.commit();
  }
  DatabaseLemmas agents(detail::partition_path(dir.path(), "agents", "pl"));
  DatabaseLemmas everyone(detail::partition_path(dir.path(), kPublicAudience, "pl"));
  Analyzer analyzer;
  detail::AnalyzerHooks::set_lemma_table(analyzer, &agents, detail::UnseenWords::kReducedDictionary);
  EXPECT_EQ(terms_of(analyzer, "zwrotami"), std::vector<std::string>{"zwrot"});
  detail::AnalyzerHooks::set_lemma_table(analyzer, &everyone, detail::UnseenWords::kReducedDictionary);
  EXPECT_EQ(terms_of(analyzer, "zwrotami"), std::vector<std::string>{"zwrotami"});
  EXPECT_EQ(terms_of(analyzer, "paczkami"), std::vector<std::string>{"paczka"});
  // Without a table the whole dictionary stems again.
  detail::AnalyzerHooks::set_lemma_table(analyzer, nullptr, detail::UnseenWords::kLoadDictionary);
  EXPECT_EQ(terms_of(analyzer, "zwrotami"), std::vector<std::string>{"zwrot"});
}

// Analyzers sharing one dictionary analyze exactly as one with its own.
TEST_F(LemmaTableTest, SharedDictionariesAnalyzeAsOwnOnes) {
  detail::SharedDictionaries shared;
  Analyzer own;
  Analyzer first;
  Analyzer second;
  detail::AnalyzerHooks::share_dictionaries(first, &shared);
  detail::AnalyzerHooks::share_dictionaries(second, &shared);
  EXPECT_EQ(terms_of(first, polish_text()), terms_of(own, polish_text()));
  EXPECT_EQ(terms_of(second, polish_text()), terms_of(own, polish_text()));
  EXPECT_EQ(second.stemmer_in_use("pl"), "hunspell:pl_PL");
}

TEST(ReducedDictionary, LoadsWithoutAWritableTemporaryDirectory) {
  // The reduced copy of the dictionary used to be written under the temporary directory; with
  // none usable, Polish queries were left unstemmed without a word. It is now an in-memory file.
  if (!have_polish_dictionary()) GTEST_SKIP() << "no Polish dictionary";
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old != nullptr ? old : "";
  ::setenv("TMPDIR", "/nonexistent/faqsearch-no-tmp", 1);
  const auto stemmer = detail::HunspellStemmer::open(
      "pl_PL", "/usr/share/hunspell", [](std::string_view w) { return std::string(w); },
      [](std::string_view headword) { return headword == "zamówienie" || headword == "paczka"; });
  if (old != nullptr) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_NE(stemmer, nullptr);
  EXPECT_EQ(stemmer->stem("zamówieniami"), "zamówienie");
  EXPECT_EQ(stemmer->stem("paczki"), "paczka");
  EXPECT_EQ(stemmer->stem("płatności"), "płatności");  // not among the kept lemmas: unchanged
}

}  // namespace
}  // namespace faqsearch
