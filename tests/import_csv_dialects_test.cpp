// CSV as spreadsheets and help-center tools write it: ';' (Excel where ',' is the decimal
// separator: Germany, Norway, Poland) and tab separators, and the header names FAQ exports use.
#include <gtest/gtest.h>

#include <algorithm>
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

TEST(ImportCsvDialects, HeaderNamesFieldsAliasesAndMappings) {
  // Each header row over the record "v1,v2": what the article's id, title and body get, and the
  // problems' fields. Mappings come first, then the fields' own names, then the aliases.
  const struct {
    const char* what;
    const char* header;
    std::vector<std::pair<std::string, std::string>> map;
    const char* id;
    const char* title;
    const char* body;
    const char* problem_field;  // "" for none
  } rows[] = {
      {"field names, any case", "ID,Title", {}, "v1", "v2", "", ""},
      {"aliases", "_id,question", {}, "v1", "v2", "", ""},
      {"alias of body", "id,answer", {}, "v1", "", "v2", ""},
      {"a mapping wins over a field's own name", "id,title", {{"title", "body"}}, "v1", "", "v2", ""},
      {"a mapping to - ignores the column", "id,title", {{"TITLE", "-"}}, "v1", "", "", ""},
      {"- is a field only for a mapping", "id,-", {}, "v1", "", "", "-"},
      {"a field named twice", "id,title,question", {}, "v1", "v2", "", "question"},
      {"an alias mapped away", "id,title,labels", {{"Labels", "-"}}, "v1", "v2", "", ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    testing::ScratchDir dir;
    const auto file = dir.path() / "faq.csv";
    const std::string header(row.header);
    const std::size_t columns = static_cast<std::size_t>(std::count(header.begin(), header.end(), ',')) + 1;
    std::ofstream(file, std::ios::binary) << header << "\nv1,v2" << (columns == 3 ? ",v3" : "") << "\n";
    ImportOptions options;
    options.default_lang = "en";
    options.csv_columns = row.map;
    Imported out;
    read_articles(
        file, options, [&](Article&& a, const SourceLocation&) { out.articles.push_back(std::move(a)); },
        [&](const ImportProblem& p) { out.problems.push_back(p); });
    if (row.title[0] == '\0' && row.body[0] == '\0') {
      EXPECT_TRUE(out.articles.empty());  // neither title nor body: a problem of its own
    } else {
      ASSERT_EQ(out.articles.size(), 1u);
      EXPECT_EQ(out.articles[0].id, row.id);
      EXPECT_EQ(out.articles[0].title, row.title);
      EXPECT_EQ(out.articles[0].body, row.body);
    }
    const bool header_problem = std::any_of(out.problems.begin(), out.problems.end(), [&](const ImportProblem& p) {
      return p.where.line == 1 && p.where.field == row.problem_field;
    });
    EXPECT_EQ(header_problem, row.problem_field[0] != '\0') << (out.problems.empty() ? "" : out.problems[0].to_string());
  }
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
