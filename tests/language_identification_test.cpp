// Language identification (identify_language) and what builds on it: importers filling a
// missing language, searches without a language.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/language.h"
#include "faqsearch/search.h"
#include "test_support.h"

namespace faqsearch {

// Found by GoogleTest through argument-dependent lookup, so it lives in LanguageGuess's namespace.
void PrintTo(const LanguageGuess& g, std::ostream* os);
void PrintTo(const LanguageGuess& g, std::ostream* os) {
  *os << "{tag \"" << g.tag << "\", confidence " << g.confidence << ", reliable " << g.reliable << "}";
}

namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

// ------------------------------------------------------------------------------------------
// One sentence per language of the sample corpus (corpus/articles/<lang>/), as a shopper or an
// article would write it: each must be identified, reliably, with faqsearch's tag.

struct SentenceRow {
  const char* lang;
  const char* text;
};

void PrintTo(const SentenceRow& row, std::ostream* os) { *os << row.lang; }

class IdentifySentence : public ::testing::TestWithParam<SentenceRow> {};

TEST_P(IdentifySentence, GivesTheLanguageReliably) {
  const LanguageGuess guess = identify_language(GetParam().text);
  EXPECT_EQ(guess.tag, GetParam().lang) << GetParam().text;
  EXPECT_TRUE(guess.reliable) << GetParam().text;
  EXPECT_GT(guess.confidence, 0.5);
  EXPECT_LE(guess.confidence, 1.0);
}

INSTANTIATE_TEST_SUITE_P(
    SampleCorpus, IdentifySentence,
    ::testing::Values(
        SentenceRow{"en", "Internal procedure for customer service agents handling parcels that are "
                          "lost or marked as delivered but never received."},
        SentenceRow{"pl", "Otwórz stronę produktu i wybierz rozmiar lub kolor, który cię interesuje."},
        SentenceRow{"nb", "Er størrelsen eller fargen du vil ha, utsolgt? Da kan du få beskjed så "
                          "snart varen er på lager igjen."},
        SentenceRow{"ar", "نفد المنتج الذي تريده؟ لا تقلق، يمكنك أن تطلب منا إبلاغك فور عودته إلى المخزون."},
        SentenceRow{"de", "Melden Sie sich an und öffnen Sie Mein Konto und dann Bestellungen, um Ihre "
                          "Bestellung zu ändern."},
        SentenceRow{"ja", "ログインしてマイアカウントの注文履歴を開きます。"},
        SentenceRow{"zh-Hans", "下单后改变主意了？只要动作够快，您可以自己处理。"},
        SentenceRow{"th", "สั่งไปแล้วแต่เปลี่ยนใจ? ถ้ารีบจัดการ คุณแก้ไขเองได้ทันที"}),
    [](const ::testing::TestParamInfo<SentenceRow>& row) {
      std::string name = row.param.lang;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

// Every article of the sample corpus, title and body, is identified as the language of its
// directory: what an import without a lang field would do with it.
TEST(IdentifyLanguage, EverySampleArticleByItsDirectory) {
  const fs::path articles = testing::source_dir() / "corpus" / "articles";
  std::size_t checked = 0;
  for (const auto& dir : fs::directory_iterator(articles)) {
    if (!dir.is_directory()) continue;
    const std::string lang = dir.path().filename().string();
    ImportOptions options;
    options.default_lang = lang;  // declared: we only want the text
    (void)read_articles(
        dir.path(), options,
        [&](Article&& a, const SourceLocation& where) {
          const LanguageGuess guess = identify_language(a.title + "\n" + a.body);
          EXPECT_EQ(guess.tag, lang) << where.file;
          EXPECT_TRUE(guess.reliable) << where.file;
          ++checked;
        },
        [](const ImportProblem& p) { ADD_FAILURE() << p.to_string(); });
  }
  EXPECT_GE(checked, 200U);
}

// ------------------------------------------------------------------------------------------
// Short text: 1–3 words are never reliable, whatever CLD2 thinks of them.

TEST(IdentifyLanguage, ShortQueriesAreNeverReliable) {
  const char* rows[] = {
      "change email adress",    // CLD2: Swedish, "reliable"
      "leveringstid ekspress",  // CLD2: Danish, "reliable"
      "退款多久到",             // CLD2: Traditional Chinese, "reliable" (3 words)
      "wheres my parcel",
      "パスワード",
      "คืนสินค้า",
  };
  for (const char* text : rows) {
    EXPECT_FALSE(identify_language(text).reliable) << text;
  }
}

TEST(IdentifyLanguage, ScriptOfItsOwnIsIdentifiedEvenWhenShort) {
  // Thai and kana need no statistics: the tag is right, only not called reliable.
  EXPECT_EQ(identify_language("คืนสินค้า").tag, "th");
  EXPECT_EQ(identify_language("パスワード忘れた").tag, "ja");
}

// ------------------------------------------------------------------------------------------
// Tags follow faqsearch's conventions, not CLD2's codes.

TEST(IdentifyLanguage, TagsAreFaqsearchTags) {
  const SentenceRow rows[] = {
      {"zh-Hant", "下單後改變主意了？只要動作夠快，您可以自己處理訂單，也可以聯絡我們的客服人員。"},
      {"he", "אם שינית את דעתך אחרי ההזמנה, אפשר לבטל אותה בתוך שעה אחת מרגע התשלום."},
      {"nb", "Du kan returnere varene innen tretti dager etter at du har mottatt pakken fra oss."},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(identify_language(row.text).tag, row.lang) << row.text;
  }
}

// ------------------------------------------------------------------------------------------
// Candidates: the answer is one of them or nothing.

TEST(IdentifyLanguage, CandidatesRestrictTheAnswer) {
  const std::string german =
      "Melden Sie sich an und öffnen Sie Mein Konto und dann Bestellungen, um Ihre Bestellung zu ändern.";
  const struct {
    std::vector<std::string> candidates;
    const char* expected;
  } rows[] = {
      {{"en", "de", "pl"}, "de"},
      {{"de-DE", "en"}, "de-DE"},  // the candidate's own (canonical) tag comes back
      {{"de_AT"}, "de-AT"},
      {{"en", "pl"}, ""},          // German is not among them: no answer rather than a wrong one
      {{"ja", "th", "zh-Hans"}, ""},
  };
  for (const auto& row : rows) {
    const LanguageGuess guess = identify_language(german, row.candidates);
    EXPECT_EQ(guess.tag, row.expected) << ::testing::PrintToString(row.candidates);
    if (guess.tag.empty()) {
      EXPECT_FALSE(guess.reliable);
      EXPECT_EQ(guess.confidence, 0.0);
    }
  }
}

TEST(IdentifyLanguage, NorwegianCandidatesMatchWhateverTheyAreCalled) {
  const std::string text = "Du kan returnere varene innen tretti dager etter at du har mottatt pakken fra oss.";
  for (const std::string tag : {"no", "nb", "nb-NO"}) {
    const std::vector<std::string> candidates{"en", tag};
    EXPECT_EQ(identify_language(text, candidates).tag, canonical_language_tag(tag)) << tag;
  }
}

TEST(IdentifyLanguage, ChineseScriptsAreNotConfused) {
  const std::string simplified = "下单后改变主意了？只要动作够快，您可以自己处理，也可以联系我们的客服人员。";
  const std::vector<std::string> both{"zh-Hant", "zh-Hans"};
  EXPECT_EQ(identify_language(simplified, both).tag, "zh-Hans");
}

TEST(IdentifyLanguage, MalformedCandidateThrowsInvalidArgument) {
  const std::vector<std::string> bad{"en", "not a tag!"};
  EXPECT_THROW((void)identify_language("whatever the text says", bad), InvalidArgument);
  const std::vector<std::string> empty_tag{""};
  EXPECT_THROW((void)identify_language("", empty_tag), InvalidArgument);
}

// ------------------------------------------------------------------------------------------
// Content never throws: empty, garbage, invalid UTF-8, huge.

TEST(IdentifyLanguage, TextWithoutLanguageGivesNoGuess) {
  const std::string rows[] = {
      "",
      "   \n\t ",
      "12345 678,90 %% !!! ???",
      "https://example.com/a/b?c=d",
      std::string("\x01\x02\x7F", 3),
      std::string(1000, '\0'),
      "\xFF\xFE\xFD\xC0\x80",
  };
  for (const auto& text : rows) {
    const LanguageGuess guess = identify_language(text);
    EXPECT_FALSE(guess.reliable) << ::testing::PrintToString(text);
    if (guess.tag.empty()) {
      EXPECT_EQ(guess.confidence, 0.0);
    }
  }
  EXPECT_EQ(identify_language(""), LanguageGuess{});
  EXPECT_EQ(identify_language("12345 678,90 %% !!! ???"), LanguageGuess{});
}

TEST(IdentifyLanguage, InvalidUtf8AndControlsDoNotHideTheLanguage) {
  const std::string text =
      "Er st\xF8rrelsen eller fargen du vil ha, utsolgt?\x01 Da kan du f\xE5 beskjed s\xE5 snart "
      "varen er p\xE5 lager igjen, og du kan bestille den med en gang.";
  const LanguageGuess guess = identify_language(text);
  EXPECT_EQ(guess.tag, "nb");
}

TEST(IdentifyLanguage, LongTextIsCappedNotRejected) {
  std::string text;
  while (text.size() < 300000) {
    text += "Otwórz stronę produktu i wybierz rozmiar lub kolor, który cię interesuje. ";
  }
  const LanguageGuess guess = identify_language(text);
  EXPECT_EQ(guess.tag, "pl");
  EXPECT_TRUE(guess.reliable);
}

// ------------------------------------------------------------------------------------------
// Importers: the declared language wins; a missing one is identified when reliable, else a
// problem naming file, line and field.

struct ImportRun {
  std::vector<Article> articles;
  std::vector<ImportProblem> problems;
};

ImportRun import(const fs::path& path, const ImportOptions& options = {}) {
  ImportRun run;
  (void)read_articles(
      path, options, [&](Article&& a, const SourceLocation&) { run.articles.push_back(std::move(a)); },
      [&](const ImportProblem& p) { run.problems.push_back(p); });
  return run;
}

fs::path write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

constexpr const char* kNorwegianBody =
    "Er størrelsen eller fargen du vil ha, utsolgt? Da kan du få beskjed så snart varen er på lager igjen.";

TEST(ImportMissingLanguage, IsIdentifiedInEveryFormatWhereItCanBeMissing) {
  ScratchDir dir;
  const std::string body = kNorwegianBody;
  const fs::path files[] = {
      write(dir.path() / "a.jsonl", R"({"id":"a","title":"Varsel om lagerstatus","body":")" + body + "\"}\n"),
      write(dir.path() / "b" / "corpus.jsonl", R"({"_id":"b","title":"Varsel","text":")" + body + "\"}\n"),
      write(dir.path() / "c.csv", "id,title,body\nc,Varsel om lagerstatus,\"" + body + "\"\n"),
      write(dir.path() / "d.md", "---\nid: d\ntitle: Varsel om lagerstatus\n---\n" + body + "\n"),
      write(dir.path() / "e.json", R"({"articles":[{"id":5,"title":"Varsel","body":"<p>)" + body + "</p>\"}]}"),
  };
  for (const fs::path& file : files) {
    const ImportRun run = import(file);
    ASSERT_EQ(run.articles.size(), 1U) << file << (run.problems.empty() ? "" : run.problems[0].to_string());
    EXPECT_EQ(run.articles[0].lang, "nb") << file;
    EXPECT_TRUE(run.problems.empty()) << file;
  }
}

TEST(ImportMissingLanguage, DeclaredAndDefaultLanguagesAlwaysWin) {
  ScratchDir dir;
  const std::string body = kNorwegianBody;
  // Norwegian text declared Danish: the record says so, identification is not asked.
  const fs::path file = write(dir.path() / "a.jsonl",
                              R"({"id":"a","lang":"da","title":"Varsel","body":")" + body + "\"}\n" +
                                  R"({"id":"b","title":"Varsel","body":")" + body + "\"}\n");
  ImportOptions options;
  options.default_lang = "sv";
  const ImportRun run = import(file, options);
  ASSERT_EQ(run.articles.size(), 2U);
  EXPECT_EQ(run.articles[0].lang, "da");
  EXPECT_EQ(run.articles[1].lang, "sv");
}

TEST(ImportMissingLanguage, UnreliableIsAProblemNamingFileLineAndField) {
  ScratchDir dir;
  const struct {
    fs::path file;
    std::size_t line;
    const char* field;
  } rows[] = {
      {write(dir.path() / "a.jsonl", "\n" R"({"id":"a","title":"Gift card"})" "\n"), 2, "lang"},
      {write(dir.path() / "c.csv", "id,title,body\nc,Retur,12345\n"), 2, "lang"},
      {write(dir.path() / "d.md", "---\nid: d\ntitle: FAQ\n---\nOK\n"), 1, "lang"},
      {write(dir.path() / "e.json", "{\"articles\": [\n{\"id\": 5, \"title\": \"Retur\"}]}"), 2,
       "articles[0].locale"},
  };
  for (const auto& row : rows) {
    const ImportRun run = import(row.file);
    EXPECT_TRUE(run.articles.empty()) << row.file;
    ASSERT_EQ(run.problems.size(), 1U) << row.file;
    const ImportProblem& p = run.problems[0];
    EXPECT_EQ(p.where.file, row.file.string());
    EXPECT_EQ(p.where.line, row.line) << p.to_string();
    EXPECT_EQ(p.where.field, row.field) << p.to_string();
    EXPECT_NE(p.message.find("could not be identified"), std::string::npos) << p.message;
  }
}

// ------------------------------------------------------------------------------------------
// Search without a language: a reliably identified query searches its language; a short one
// searches every language, as before.

class SearchWithoutLanguage : public ::testing::Test {
 protected:
  static Article article(std::string lang, std::string title, std::string body) {
    Article a;
    a.id = "pay";
    a.lang = std::move(lang);
    a.title = std::move(title);
    a.body = std::move(body);
    return a;
  }

  void SetUp() override {
    IndexWriter writer = IndexWriter::open(db(), OpenMode::kCreate);
    // The same id in two languages, and a shared brand word ("Klarna") in both.
    writer.upsert(article("en", "Pay later with Klarna",
                          "You can pay for your order later with Klarna invoice or instalments."));
    writer.upsert(article("nb", "Betal senere med Klarna",
                          "Du kan betale for bestillingen senere med Klarna faktura eller delbetaling."));
    writer.commit();
  }
  fs::path db() const { return dir_.path() / "db"; }
  ScratchDir dir_;
};

std::vector<std::string> languages_of(const SearchResults& results) {
  std::vector<std::string> out;
  for (const Hit& h : results.hits) out.push_back(h.lang);
  return out;
}

TEST_F(SearchWithoutLanguage, ReliableQuerySearchesItsLanguageOnly) {
  Searcher searcher(db());
  SearchRequest request;
  request.query = "kan jeg betale bestillingen senere med Klarna";
  EXPECT_EQ(languages_of(searcher.search(request)), std::vector<std::string>{"nb"});
  request.query = "can I pay for my order later with Klarna";
  EXPECT_EQ(languages_of(searcher.search(request)), std::vector<std::string>{"en"});
}

TEST_F(SearchWithoutLanguage, ShortQuerySearchesEveryLanguage) {
  Searcher searcher(db());
  SearchRequest request;
  request.query = "Klarna";
  const SearchResults results = searcher.search(request);
  EXPECT_EQ(results.languages.size(), 2U);
  EXPECT_EQ(results.hits.size(), 1U);  // one article, two translations
}

TEST_F(SearchWithoutLanguage, DeclaredLanguageWins) {
  Searcher searcher(db());
  SearchRequest request;
  request.query = "kan jeg betale bestillingen senere med Klarna";
  request.languages = {"en"};
  EXPECT_EQ(languages_of(searcher.search(request)), std::vector<std::string>{"en"});
}

TEST_F(SearchWithoutLanguage, NoMatchInTheIdentifiedLanguageFallsBackToAll) {
  Searcher searcher(db());
  SearchRequest request;
  // Clearly German; the index holds no German, so every language is searched.
  request.query = "Kann ich meine Bestellung später mit Klarna bezahlen";
  EXPECT_EQ(searcher.search(request).languages.size(), 2U);
}

}  // namespace
}  // namespace faqsearch
