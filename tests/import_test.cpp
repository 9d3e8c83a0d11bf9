// Tests of the article importers: format names and detection, JSON lines (every field, malformed
// lines, invalid UTF-8 in every format), BEIR and directory walking. Zendesk, Markdown, CSV and the
// text converters: import_formats_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "import_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::ImportRun;
using testing::run_import;
using testing::TempDir;
using testing::with_lang;

// ------------------------------------------------------------------------------------------
// Format names and detection

TEST(ImportFormat, NamesRoundTrip) {
  for (const InputFormat format : {InputFormat::kAuto, InputFormat::kJsonl, InputFormat::kBeir,
                                   InputFormat::kMarkdown, InputFormat::kCsv, InputFormat::kZendesk}) {
    EXPECT_EQ(parse_format(format_name(format)), format) << format_name(format);
  }
  EXPECT_EQ(format_name(InputFormat::kMarkdown), "markdown");
  EXPECT_THROW((void)parse_format("yaml"), InvalidArgument);
  EXPECT_THROW((void)parse_format(""), InvalidArgument);
}

TEST(ImportFormat, DetectFromFileName) {
  const struct {
    const char* name;
    InputFormat expected;
  } rows[] = {
      {"faq/track-order.md", InputFormat::kMarkdown},
      {"faq/README.MARKDOWN", InputFormat::kMarkdown},
      {"articles.csv", InputFormat::kCsv},
      {"export.json", InputFormat::kZendesk},
      {"scifact/corpus.jsonl", InputFormat::kBeir},
      {"articles.jsonl", InputFormat::kJsonl},
      {"articles.NDJSON", InputFormat::kJsonl},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(detect_format(row.name), row.expected) << row.name;
  }
  EXPECT_THROW((void)detect_format("notes.txt"), InvalidArgument);
  EXPECT_THROW((void)detect_format("Makefile"), InvalidArgument);
}

TEST(ImportFormat, DetectDirectory) {
  TempDir dir;
  dir.write("beir/corpus.jsonl", "");
  dir.write("mixed/a.md", "");
  EXPECT_EQ(detect_format(dir.path() / "beir"), InputFormat::kBeir);
  EXPECT_EQ(detect_format(dir.path() / "mixed"), InputFormat::kAuto);
}

TEST(ImportProblemText, ToString) {
  const struct {
    SourceLocation where;
    const char* message;
    const char* expected;
  } rows[] = {
      {{"a.jsonl", 3, "tags"}, "expected an array", "a.jsonl:3: tags: expected an array"},
      {{"a.jsonl", 3, ""}, "invalid JSON", "a.jsonl:3: invalid JSON"},
      {{"a.json", 0, "articles[2].title"}, "bad", "a.json: articles[2].title: bad"},
      {{"a.md", 0, ""}, "bad", "a.md: bad"},
      {{"", 0, ""}, "bad", "bad"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ((ImportProblem{row.where, row.message}.to_string()), row.expected);
  }
}

TEST(ImportRead, MissingPathAndUnknownExtension) {
  TempDir dir;
  EXPECT_THROW((void)run_import(dir.path() / "nope.jsonl"), InvalidArgument);
  const fs::path notes = dir.write("notes.txt", R"({"id":"a","lang":"en","title":"T"})" "\n");
  EXPECT_THROW((void)run_import(notes), InvalidArgument);
  // Naming the format reads any file name.
  ImportOptions options;
  options.format = InputFormat::kJsonl;
  EXPECT_EQ(run_import(notes, options).ids(), std::vector<std::string>{"a"});
}

// ------------------------------------------------------------------------------------------
// JSONL

TEST(ImportJsonl, ReadsEveryField) {
  TempDir dir;
  const fs::path file = dir.write(
      "articles.jsonl",
      R"({"id":"track-order","lang":" en ","title":"Track your order","body":"Use the link.","url":"https://help.example/track","category":"shipping","tags":["tracking","delivery"],"audience":"b2b","updated_at":"2026-10-01T12:00:00Z"})"
      "\n"
      R"({"id":42,"lang":"nb","title":"Retur","tags":"retur, penger ,"})"
      "\n");
  ImportOptions options;
  options.default_audience = "public";
  const ImportRun run = run_import(file, options);
  ASSERT_EQ(run.articles.size(), 2U) << run.problem_text();
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  const Article expected0{"track-order",
                          "en",
                          "Track your order",
                          "Use the link.",
                          "https://help.example/track",
                          "shipping",
                          {"tracking", "delivery"},
                          "b2b",
                          "2026-10-01T12:00:00Z",
                          ""};
  EXPECT_EQ(run.articles[0], expected0);
  const Article expected1{"42", "nb", "Retur", "", "", "", {"retur", "penger"}, "public", "", ""};
  EXPECT_EQ(run.articles[1], expected1);
  EXPECT_EQ(run.locations[1].file, file.string());
  EXPECT_EQ(run.locations[1].line, 2U);
}

TEST(ImportJsonl, MalformedLineIsReportedAndOthersDelivered) {
  const struct {
    const char* line;
    const char* field;
    const char* message_part;
  } rows[] = {
      {R"({"id":"x","lang":"en","title":)", "", "invalid JSON"},
      {R"(not json at all)", "", "invalid JSON"},
      {R"({"id":"x","lang":"en","title":"T","rank":1e999})", "rank", "number out of range"},  // found by fuzz_import_jsonl
      {R"([1,2])", "", "expected a JSON object"},
      {R"({"lang":"en","title":"No id"})", "id", "missing"},
      {R"({"id":"  ","lang":"en","title":"Blank id"})", "id", "missing"},
      {R"({"id":"x","title":"No lang"})", "lang", "missing"},
      {R"({"id":"x","lang":"en"})", "title", "neither a title nor a body"},
      {R"({"id":"x","lang":"en","title":"T","tags":7})", "tags", "expected an array"},
      {R"({"id":"x","lang":"en","title":"T","tags":["a",3]})", "tags[1]", "expected a string"},
      {R"({"id":"x","lang":"en","title":["T"]})", "title", "expected a string"},
      {R"({"id":1.5,"lang":"en","title":"T"})", "id", "expected a string or an integer"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.line);
    TempDir dir;
    const fs::path file =
        dir.write("a.jsonl", std::string(R"({"id":"first","lang":"en","title":"One"})") + "\n" +
                                 row.line + "\n" +
                                 R"({"id":"third","lang":"en","body":"Three"})" + "\n");
    const ImportRun run = run_import(file);
    EXPECT_EQ(run.ids(), (std::vector<std::string>{"first", "third"}));
    ASSERT_EQ(run.problems.size(), 1U) << run.problem_text();
    const ImportProblem& problem = run.problems[0];
    EXPECT_EQ(problem.where.file, file.string());
    EXPECT_EQ(problem.where.line, 2U);
    EXPECT_EQ(problem.where.field, row.field);
    EXPECT_NE(problem.message.find(row.message_part), std::string::npos) << problem.message;
    EXPECT_EQ(run.locations[1].line, 3U);
  }
}

TEST(ImportJsonl, BlankLinesCrlfAndDefaults) {
  TempDir dir;
  const fs::path file = dir.write(
      "a.jsonl", "\xEF\xBB\xBF\r\n" R"({"id":"a","title":"A"})" "\r\n\r\n   \n" R"({"id":"b","title":"B"})");
  const ImportRun run = run_import(file, with_lang("de"));
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  ASSERT_EQ(run.ids(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(run.articles[0].lang, "de");
  EXPECT_EQ(run.locations[0].line, 2U);
  EXPECT_EQ(run.locations[1].line, 5U);
}

TEST(ImportJsonl, UnknownFieldReportedOncePerFile) {
  TempDir dir;
  const fs::path file = dir.write("a.jsonl",
                                  R"({"id":"a","lang":"en","title":"A","tag":"x"})" "\n"
                                  R"({"id":"b","lang":"en","title":"B","tag":"y"})" "\n");
  const ImportRun run = run_import(file);
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].where.line, 1U);
  EXPECT_EQ(run.problems[0].where.field, "tag");
}

TEST(ImportJsonl, InvalidUtf8IsRepaired) {
  TempDir dir;
  // "Café" in Latin-1, a truncated sequence and a lone continuation byte.
  const fs::path file = dir.write(
      "a.jsonl", "{\"id\":\"a\",\"lang\":\"fr\",\"title\":\"Caf\xE9\",\"body\":\"x\xE2\x82 y \x80\"}\n");
  const ImportRun run = run_import(file);
  ASSERT_EQ(run.articles.size(), 1U) << run.problem_text();
  EXPECT_EQ(run.articles[0].title, "Caf\xEF\xBF\xBD");
  EXPECT_EQ(run.articles[0].body, "x\xEF\xBF\xBD y \xEF\xBF\xBD");
}

TEST(ImportRead, InvalidUtf8IsRepairedInEveryFormat) {
  // "Caf\xE9" is "Café" in Latin-1: one ill-formed byte, one U+FFFD, never a lost record. CSV
  // files, which spreadsheets write in the machine's code page, are converted from the encoding
  // detected instead (import_csv_encoding_test.cpp).
  const struct {
    const char* name;
    const char* content;
    const char* title;
  } rows[] = {
      {"a.jsonl", "{\"id\":\"a\",\"lang\":\"fr\",\"title\":\"Caf\xE9\"}\n", "Caf\xEF\xBF\xBD"},
      {"corpus.jsonl", "{\"_id\":\"a\",\"lang\":\"fr\",\"title\":\"Caf\xE9\",\"text\":\"\"}\n", "Caf\xEF\xBF\xBD"},
      {"a.csv", "id,lang,title\na,fr,Caf\xE9\n", "Caf\xC3\xA9"},
      {"a.md", "---\nlang: fr\ntitle: Caf\xE9\n---\n", "Caf\xEF\xBF\xBD"},
      {"a.json", "{\"articles\":[{\"id\":\"a\",\"locale\":\"fr\",\"title\":\"Caf\xE9\"}]}", "Caf\xEF\xBF\xBD"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    TempDir dir;
    const ImportRun run = run_import(dir.write(row.name, row.content));
    ASSERT_EQ(run.articles.size(), 1U) << run.problem_text();
    EXPECT_EQ(run.articles[0].id, "a");
    EXPECT_EQ(run.articles[0].title, row.title);
  }
}

TEST(ImportJsonl, CallbackMayStopTheRun) {
  TempDir dir;
  const fs::path file = dir.write("a.jsonl", "{bad\n" R"({"id":"b","lang":"en","title":"B"})" "\n");
  std::size_t delivered = 0;
  EXPECT_THROW(
      (void)read_articles(
          file, {}, [&](Article&&, const SourceLocation&) { ++delivered; },
          [](const ImportProblem& problem) { throw ImportError(problem.to_string()); }),
      ImportError);
  EXPECT_EQ(delivered, 0U);
}

// ------------------------------------------------------------------------------------------
// BEIR

TEST(ImportBeir, CorpusFile) {
  TempDir dir;
  const fs::path file = dir.write(
      "corpus.jsonl",
      R"({"_id":"4983","title":"Microstructural development","text":"Alterations of the architecture.","metadata":{}})"
      "\n"
      R"({"_id":5836,"title":"","text":"Induction of myelodysplasia.","lang":"fr"})"
      "\n"
      R"({"title":"no id","text":"x"})"
      "\n");
  const ImportRun run = run_import(file, with_lang("en"));
  ASSERT_EQ(run.ids(), (std::vector<std::string>{"4983", "5836"}));
  EXPECT_EQ(run.articles[0].body, "Alterations of the architecture.");
  EXPECT_EQ(run.articles[0].lang, "en");
  EXPECT_EQ(run.articles[1].lang, "fr");
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].where.line, 3U);
  EXPECT_EQ(run.problems[0].where.field, "_id");
}

TEST(ImportBeir, WithoutLanguageEveryRecordIsAProblem) {
  TempDir dir;
  const fs::path file = dir.write("corpus.jsonl", R"({"_id":"1","title":"T","text":"x"})" "\n");
  const ImportRun run = run_import(file);
  EXPECT_TRUE(run.articles.empty());
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].where.field, "lang");
}

TEST(ImportBeir, DatasetDirectoryReadsOnlyTheCorpus) {
  TempDir dir;
  dir.write("scifact/corpus.jsonl", R"({"_id":"d1","title":"Doc","text":"body"})" "\n");
  dir.write("scifact/queries.jsonl", R"({"_id":"q1","text":"a query"})" "\n");
  dir.write("scifact/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
  const ImportRun run = run_import(dir.path(), with_lang("en"));
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  EXPECT_EQ(run.ids(), std::vector<std::string>{"d1"});
}

// ------------------------------------------------------------------------------------------
// Directories

TEST(ImportDirectory, RecursiveSortedAndByExtension) {
  TempDir dir;
  dir.write("b.csv", "id,lang,title\nb1,en,B\n");
  dir.write("a.md", "---\nlang: en\ntitle: A\n---\nText\n");
  dir.write("sub/c.jsonl", R"({"id":"c1","lang":"en","title":"C"})" "\n");
  dir.write("sub/deeper/d.json", R"({"articles":[{"id":4,"title":"D","locale":"en"}]})");
  dir.write(".hidden.md", "---\nlang: en\ntitle: Hidden\n---\n");
  dir.write(".git/config.md", "---\nlang: en\ntitle: Git\n---\n");
  dir.write("image.png", "\x89PNG");
  dir.write("README.md", "# About this corpus\n");
  const ImportRun run = run_import(dir.path());
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"a", "b1", "c1", "4"}));
  ASSERT_EQ(run.problems.size(), 1U) << run.problem_text();
  EXPECT_EQ(run.problems[0].where.file, (dir.path() / "README.md").string());
  EXPECT_EQ(run.locations[2].file, (dir.path() / "sub" / "c.jsonl").string());
}

TEST(ImportDirectory, ExplicitFormatReadsOnlyItsFiles) {
  TempDir dir;
  dir.write("b.csv", "id,lang,title\nb1,en,B\n");
  dir.write("a.md", "---\nlang: en\ntitle: A\n---\nText\n");
  dir.write("x/y.markdown", "---\nlang: en\ntitle: Y\n---\n");
  ImportOptions options;
  options.format = InputFormat::kMarkdown;
  const ImportRun run = run_import(dir.path(), options);
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"a", "x/y"}));
}

}  // namespace
}  // namespace faqsearch
