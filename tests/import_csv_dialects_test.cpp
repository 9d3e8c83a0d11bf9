// CSV as spreadsheets and help-center tools write it: ';' (Excel where ',' is the decimal
// separator: Germany, Norway, Poland) and tab separators, and the header names FAQ exports use.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "faqsearch/import.h"
#include "test_support.h"

namespace faqsearch {
namespace {

struct Imported {
  std::vector<Article> articles;
  std::vector<ImportProblem> problems;
};

Imported import_csv(const std::string& content) {
  testing::ScratchDir dir;
  const auto file = dir.path() / "faq.csv";
  std::ofstream(file, std::ios::binary) << content;
  Imported out;
  read_articles(
      file, {}, [&](Article&& a, const SourceLocation&) { out.articles.push_back(std::move(a)); },
      [&](const ImportProblem& p) { out.problems.push_back(p); });
  return out;
}

TEST(ImportCsvDialects, SeparatorIsDetectedFromTheHeader) {
  const struct {
    const char* what;
    const char* content;
    const char* body;
    std::vector<std::string> tags;
  } rows[] = {
      {"comma", "id,lang,title,body,tags\nr1,de,Rücksendung,\"Innerhalb von 30 Tagen; kostenlos\",retoure|versand\n",
       "Innerhalb von 30 Tagen; kostenlos", {"retoure", "versand"}},
      {"semicolon (Excel, de)", "id;lang;title;body;tags\nr1;de;Rücksendung;Preis 4,95 €, kostenlos ab 50 €;retoure|versand\n",
       "Preis 4,95 €, kostenlos ab 50 €", {"retoure", "versand"}},
      {"semicolon with quotes", "\"id\";\"lang\";\"title\";\"body\";\"tags\"\r\n\"r1\";\"de\";\"Rücksendung\";\"Zeile 1\nZeile; 2\";\"retoure\"\r\n",
       "Zeile 1\nZeile; 2", {"retoure"}},
      {"tab (Unicode text)", "id\tlang\ttitle\tbody\ttags\nr1\tde\tRücksendung\tKosten: 4,95 €; gratis\tretoure,versand\n",
       "Kosten: 4,95 €; gratis", {"retoure", "versand"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const Imported run = import_csv(row.content);
    ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
    ASSERT_EQ(run.articles.size(), 1u);
    EXPECT_EQ(run.articles[0].title, "Rücksendung");
    EXPECT_EQ(run.articles[0].body, row.body);
    EXPECT_EQ(run.articles[0].tags, row.tags);
  }
}

TEST(ImportCsvDialects, HeaderAliasesAnyCase) {
  const Imported run = import_csv(
      "ID;Locale;Question;Answer;Labels\n"
      "q1;nb;Hvor er pakken min?;Bruk sporingslenken.;sporing\n");
  ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].lang, "nb");
  EXPECT_EQ(run.articles[0].title, "Hvor er pakken min?");
  EXPECT_EQ(run.articles[0].body, "Bruk sporingslenken.");
  EXPECT_EQ(run.articles[0].tags, std::vector<std::string>{"sporing"});
  const Imported content = import_csv("id,language,title,Content\nc1,en,Returns,Send it back.\n");
  ASSERT_EQ(content.articles.size(), 1u);
  EXPECT_EQ(content.articles[0].body, "Send it back.");
}

TEST(ImportCsvDialects, MalformedSemicolonRecordsNameFileAndLine) {
  const Imported run = import_csv("id;lang;title;body\nr1;de;Eins;Text\nr2;de;Zwei\nr3;de;\"Drei;Text\n");
  ASSERT_EQ(run.articles.size(), 1u);
  ASSERT_EQ(run.problems.size(), 2u);
  EXPECT_EQ(run.problems[0].where.line, 3u);
  EXPECT_NE(run.problems[0].message.find("expected 4 fields"), std::string::npos);
  EXPECT_EQ(run.problems[1].where.line, 4u);
  EXPECT_NE(run.problems[1].to_string().find("faq.csv:4"), std::string::npos);
}

}  // namespace
}  // namespace faqsearch
