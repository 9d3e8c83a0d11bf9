// Tests of the article importers: every format with good and malformed input, format detection,
// directory walking, and the HTML/Markdown text converters.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;

/// A directory of its own under the system's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string test = info != nullptr ? info->name() : "test";
    path_ = fs::temp_directory_path() /
            ("faqsearch-import-" + test + "-" + std::to_string(now) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `content` (bytes as given) to `relative`, creating directories; returns the path.
  fs::path write(const fs::path& relative, std::string_view content) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file;
  }

  [[nodiscard]] const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

struct ImportRun {
  std::vector<Article> articles;
  std::vector<SourceLocation> locations;
  std::vector<ImportProblem> problems;
  ImportSummary summary;

  [[nodiscard]] std::vector<std::string> ids() const {
    std::vector<std::string> out;
    for (const Article& a : articles) out.push_back(a.id);
    return out;
  }
  [[nodiscard]] std::string problem_text() const {
    std::string out;
    for (const ImportProblem& p : problems) out += p.to_string() + "\n";
    return out;
  }
};

ImportRun run_import(const fs::path& path, const ImportOptions& options = {}) {
  ImportRun run;
  run.summary = read_articles(
      path, options,
      [&](Article&& article, const SourceLocation& where) {
        run.articles.push_back(std::move(article));
        run.locations.push_back(where);
      },
      [&](const ImportProblem& problem) { run.problems.push_back(problem); });
  EXPECT_EQ(run.summary.articles, run.articles.size());
  EXPECT_EQ(run.summary.problems, run.problems.size());
  return run;
}

ImportOptions with_lang(std::string lang) {
  ImportOptions options;
  options.default_lang = std::move(lang);
  return options;
}

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
// Zendesk

constexpr std::string_view kZendeskExport = R"({
  "articles": [
    {
      "id": 360001,
      "title": "Where is my order?",
      "body": "<p>Open <a href=\"/orders\">your orders</a>.</p><ul><li>Tracking</li><li>Delivery&nbsp;dates</li></ul><script>x()</script>",
      "locale": "en-us",
      "section_id": 1100,
      "label_names": ["tracking", "orders"],
      "draft": false,
      "html_url": "https://help.example/hc/en-us/articles/360001",
      "updated_at": "2026-09-30T08:00:00Z",
      "user_segment_id": null
    },
    {
      "id": "360002",
      "title": "Unpublished",
      "body": "<p>Not yet</p>",
      "locale": "en-us",
      "draft": true
    },
    {
      "id": 360003,
      "title": "Agents only",
      "body": null,
      "locale": "de",
      "user_segment_id": 77
    },
    {
      "id": 360004,
      "title": {"text": "wrong"},
      "locale": "en-us"
    }
  ],
  "next_page": null
}
)";

TEST(ImportZendesk, ExportWithDraftsAndSegments) {
  TempDir dir;
  const fs::path file = dir.write("export.json", kZendeskExport);
  ImportOptions options;
  options.default_audience = "public";
  const ImportRun run = run_import(file, options);
  ASSERT_EQ(run.ids(), (std::vector<std::string>{"360001", "360003"})) << run.problem_text();
  const Article expected0{"360001",
                          "en-us",
                          "Where is my order?",
                          "Open your orders.\nTracking\nDelivery dates",
                          "https://help.example/hc/en-us/articles/360001",
                          "1100",
                          {"tracking", "orders"},
                          "public",
                          "2026-09-30T08:00:00Z",
                          "1100"};  // a Zendesk article names its section (the only grouping it has)
  EXPECT_EQ(run.articles[0], expected0);
  EXPECT_EQ(run.locations[0].line, 3U);
  EXPECT_EQ(run.articles[1].audience, "segment-77");
  EXPECT_EQ(run.articles[1].body, "");
  EXPECT_EQ(run.locations[1].line, 22U);
  EXPECT_EQ(run.summary.skipped, 1U);
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].where.line, 29U);
  EXPECT_EQ(run.problems[0].where.field, "articles[3].title");
}

TEST(ImportZendesk, ArraysPagesAndConcatenatedDocuments) {
  const struct {
    const char* name;
    const char* content;
    std::vector<std::string> ids;
  } rows[] = {
      {"array", R"([{"id":1,"title":"A","locale":"en"},{"id":2,"title":"B","locale":"en"}])",
       {"1", "2"}},
      {"pages",
       R"([{"articles":[{"id":1,"title":"A","locale":"en"}]},{"articles":[{"id":2,"title":"B","locale":"en"}]}])",
       {"1", "2"}},
      {"concatenated",
       "{\"articles\":[{\"id\":1,\"title\":\"A\",\"locale\":\"en\"}],\"page\":1}\n"
       "{\"articles\":[{\"id\":2,\"title\":\"B\",\"locale\":\"en\"}],\"page\":2}\n",
       {"1", "2"}},
      {"single", R"({"article":{"id":7,"title":"A","locale":"en"}})", {"7"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    TempDir dir;
    const ImportRun run = run_import(dir.write("export.json", row.content));
    EXPECT_TRUE(run.problems.empty()) << run.problem_text();
    EXPECT_EQ(run.ids(), row.ids);
  }
}

TEST(ImportZendesk, ProblemsCarryLineAndPath) {
  TempDir dir;
  const fs::path file = dir.write(
      "export.json",
      "{\"articles\":[{\"id\":1,\"title\":\"A\",\"locale\":\"en\"}]}\n"
      "[{\"articles\":[{\"id\":2,\"title\":\"B\"}, 5]}]\n"
      "{\"articles\": [{\"id\": 3, \"title\": \"C\", \"locale\": \"en\"}, {\"id\": \n");
  const ImportRun run = run_import(file);
  EXPECT_EQ(run.ids(), (std::vector<std::string>{"1"}));
  ASSERT_EQ(run.problems.size(), 3U) << run.problem_text();
  EXPECT_EQ(run.problems[0].where.line, 2U);
  EXPECT_EQ(run.problems[0].where.field, "[0].articles[0].locale");
  EXPECT_EQ(run.problems[1].where.line, 2U);
  EXPECT_EQ(run.problems[1].where.field, "[0].articles[1]");
  // The truncated third page is one problem; its complete first article is not guessed at.
  EXPECT_EQ(run.problems[2].where.line, 3U);
  EXPECT_NE(run.problems[2].message.find("invalid JSON"), std::string::npos);
}

TEST(ImportZendesk, NotAnExport) {
  TempDir dir;
  const ImportRun run = run_import(dir.write("package.json", R"({"name":"x","version":"1.0.0"})"));
  EXPECT_TRUE(run.articles.empty());
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].where.line, 1U);
}

TEST(ImportZendesk, DefaultLanguageStandsInForLocale) {
  TempDir dir;
  const ImportRun run = run_import(dir.write("e.json", R"({"articles":[{"id":1,"title":"A"}]})"), with_lang("en"));
  ASSERT_EQ(run.articles.size(), 1U) << run.problem_text();
  EXPECT_EQ(run.articles[0].lang, "en");
}

// ------------------------------------------------------------------------------------------
// Markdown

TEST(ImportMarkdown, FrontMatterAndBody) {
  TempDir dir;
  const fs::path file = dir.write("faq/track-order.md", R"(---
lang: en
title: Track your order
category: shipping
tags: [tracking, delivery]
url: https://help.example/track
updated_at: 2026-10-01T12:00:00Z
layout: faq
---
# Tracking

Open **your orders** and pick [the order](https://x.example/o).

- Tracking number
- Carrier

| Method | Days |
|--------|------|
| Standard | 3-5 |
)");
  const ImportRun run = run_import(file);
  ASSERT_EQ(run.articles.size(), 1U) << run.problem_text();
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  const Article expected{"track-order",
                         "en",
                         "Track your order",
                         "Tracking\nOpen your orders and pick the order.\nTracking number\nCarrier\n"
                         "Method\nDays\nStandard\n3-5",
                         "https://help.example/track",
                         "shipping",
                         {"tracking", "delivery"},
                         "",
                         "2026-10-01T12:00:00Z",
                         ""};
  EXPECT_EQ(run.articles[0], expected);
  EXPECT_EQ(run.locations[0].line, 1U);
}

TEST(ImportMarkdown, IdLangTagsAndDraft) {
  TempDir dir;
  dir.write("a.md", "---\r\nid: 1001\r\nlang: no\r\ntitle: Retur\r\ntags: retur, penger\r\n---\r\nTekst\r\n");
  dir.write("b.md", "---\ntitle: Draft\nlang: en\ndraft: true\n---\nbody\n");
  dir.write("c.md", "---\nlang: en\ntitle: Only front matter\ntags:\n  - x\n  - y\n---\n");
  const ImportRun run = run_import(dir.path());
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  ASSERT_EQ(run.ids(), (std::vector<std::string>{"1001", "c"}));
  EXPECT_EQ(run.articles[0].lang, "no");  // a string, never YAML 1.1's boolean
  EXPECT_EQ(run.articles[0].tags, (std::vector<std::string>{"retur", "penger"}));
  EXPECT_EQ(run.articles[0].body, "Tekst");
  EXPECT_EQ(run.articles[1].tags, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(run.summary.skipped, 1U);
}

TEST(ImportMarkdown, MalformedFiles) {
  const struct {
    const char* name;
    const char* content;
    std::size_t line;
    const char* field;
    const char* message_part;
  } rows[] = {
      // A page without front matter is read; too little text to tell its language is a problem.
      {"no front matter, no language", "# Hi\n\nOk\n", 1, "lang", "could not be identified"},
      {"not closed", "---\nlang: en\ntitle: T\n\nBody\n", 1, "", "not closed"},
      // yaml-cpp notices the unclosed flow sequence where the front matter ends.
      {"bad yaml", "---\nlang: en\ntitle: [unclosed\n---\nBody\n", 4, "", "invalid YAML"},
      {"bad yaml inside", "---\nlang: en\ntitle: \"x\" y\nid: a\n---\nBody\n", 3, "", "invalid YAML"},
      {"tags map", "---\nlang: en\ntitle: T\ntags:\n  a: b\n---\nBody\n", 5, "tags", "expected a list"},
      {"title list", "---\nlang: en\ntitle:\n  - a\n---\nBody\n", 4, "title", "expected a string"},
      {"no lang", "---\ntitle: T\n---\nBody\n", 1, "lang", "missing"},
      {"scalar front matter", "---\njust text\n---\nBody\n", 1, "", "not a mapping"},
      {"draft not bool", "---\nlang: en\ntitle: T\ndraft: maybe\n---\n", 4, "draft", "true or false"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    TempDir dir;
    const fs::path file = dir.write("article.md", row.content);
    const ImportRun run = run_import(file);
    EXPECT_TRUE(run.articles.empty());
    ASSERT_EQ(run.problems.size(), 1U) << run.problem_text();
    EXPECT_EQ(run.problems[0].where.file, file.string());
    EXPECT_EQ(run.problems[0].where.line, row.line);
    EXPECT_EQ(run.problems[0].where.field, row.field);
    EXPECT_NE(run.problems[0].message.find(row.message_part), std::string::npos)
        << run.problems[0].message;
  }
}

// ------------------------------------------------------------------------------------------
// CSV

TEST(ImportCsv, QuotingNewlinesAndAliases) {
  TempDir dir;
  const fs::path file = dir.write(
      "articles.csv",
      "\xEF\xBB\xBF_id,Lang,title,text,tags,category\r\n"
      "a1,en,\"Returns, refunds\",\"Say \"\"hi\"\"\r\nthen leave\",returns|refunds ,help\r\n"
      "a2,en,Plain,\"multi\nline\nbody\",\"x, y\",\r\n"
      "\r\n"
      "a3,en,12\" screen,body,,\r\n");
  const ImportRun run = run_import(file);
  EXPECT_TRUE(run.problems.empty()) << run.problem_text();
  ASSERT_EQ(run.ids(), (std::vector<std::string>{"a1", "a2", "a3"}));
  EXPECT_EQ(run.articles[0].title, "Returns, refunds");
  EXPECT_EQ(run.articles[0].body, "Say \"hi\"\nthen leave");
  EXPECT_EQ(run.articles[0].tags, (std::vector<std::string>{"returns", "refunds"}));
  EXPECT_EQ(run.articles[0].category, "help");
  EXPECT_EQ(run.articles[1].body, "multi\nline\nbody");
  EXPECT_EQ(run.articles[1].tags, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(run.articles[2].title, "12\" screen");
  EXPECT_EQ(run.locations[0].line, 2U);
  EXPECT_EQ(run.locations[1].line, 4U);
  EXPECT_EQ(run.locations[2].line, 8U);
}

TEST(ImportCsv, MalformedRecords) {
  const struct {
    const char* name;
    const char* content;
    std::vector<std::string> ids;
    std::size_t line;
    const char* field;
    const char* message_part;
  } rows[] = {
      {"unterminated quote", "id,lang,title\n1,en,One\n2,en,\"Broken\n3,en,Three\n", {"1", "3"}, 3,
       "", "unterminated"},
      {"text after closing quote", "id,lang,title\n1,en,\"One\"x\n2,en,Two\n", {"2"}, 2, "",
       "after the closing quote"},
      {"too few fields", "id,lang,title\n1,en\n2,en,Two\n", {"2"}, 2, "", "expected 3 fields"},
      {"too many fields", "id,lang,title\n1,en,One,extra\n2,en,Two\n", {"2"}, 2, "",
       "expected 3 fields"},
      {"missing id", "id,lang,title\n,en,One\n2,en,Two\n", {"2"}, 2, "id", "missing"},
      {"unknown columns", "id,lang,title,views,votes\n1,en,One,5,6\n", {"1"}, 1, "views, votes",
       "unknown columns"},
      {"stray quote closed by a later record",
       "id,lang,title\n1,en,One\n2,en,\"Broken\n3,en,Three\n4,en,\"Four\"\n", {"1", "3", "4"}, 3, "",
       "unbalanced"},
      {"after multiline", "id,lang,body\n1,en,\"a\nb\nc\"\n2,en\n", {"1"}, 5, "", "expected 3"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    TempDir dir;
    const fs::path file = dir.write("a.csv", row.content);
    const ImportRun run = run_import(file);
    EXPECT_EQ(run.ids(), row.ids);
    ASSERT_EQ(run.problems.size(), 1U) << run.problem_text();
    EXPECT_EQ(run.problems[0].where.line, row.line);
    EXPECT_EQ(run.problems[0].where.field, row.field);
    EXPECT_NE(run.problems[0].message.find(row.message_part), std::string::npos)
        << run.problems[0].message;
  }
}

TEST(ImportCsv, EmptyFileAndHeaderOnly) {
  TempDir dir;
  EXPECT_EQ(run_import(dir.write("empty.csv", "")).summary.articles, 0U);
  const ImportRun run = run_import(dir.write("header.csv", "id,lang,title\r\n"));
  EXPECT_TRUE(run.articles.empty());
  EXPECT_TRUE(run.problems.empty());
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

// ------------------------------------------------------------------------------------------
// Text converters

TEST(ImportText, HtmlToText) {
  const struct {
    const char* html;
    const char* text;
  } rows[] = {
      {"", ""},
      {"<p>Hello <b>world</b></p><p>Second</p>", "Hello world\nSecond"},
      {"<ul><li>One</li><li>Two</li></ul>", "One\nTwo"},
      {"a<br>b<br/><br>c", "a\nb\nc"},
      {"<script>alert(1)</script><style>p{}</style>Text<template><p>hidden</p></template>", "Text"},
      {"Fish &amp; chips &lt;3 &eacute;t&#233; &#x1F600;", "Fish & chips <3 été 😀"},
      {"  lots   of\n\n  space  ", "lots of space"},
      {"<table><tr><th>Method</th><th>Days</th></tr><tr><td>Standard</td><td>3-5</td></tr></table>",
       "Method\nDays\nStandard\n3-5"},
      {"<h2>Title</h2>Text after", "Title\nText after"},
      {"<div>a</div><div><div>b</div></div>", "a\nb"},
      {"a&nbsp;b <p>&nbsp;</p><p>x</p>", "a b\nx"},
      {"<pre>line1\n  line2</pre>", "line1\nline2"},
      {"<!-- note -->x<span>y</span>", "xy"},
      {"<a href='/x'>link text</a> <img src=x alt=picture>", "link text"},
      {"broken <p>unclosed <b>bold", "broken\nunclosed bold"},
      {"caf\xE9", "caf\xEF\xBF\xBD"},
      {"&#xF6888888; &#x110000;", "\xEF\xBF\xBD \xEF\xBF\xBD"},  // out of range (gumbo overflows the first)
      {"<!DOCTYPE html><html><head><title>T</title></head><body><p>Body</p></body></html>", "Body"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(html_to_text(row.html), row.text) << row.html;
  }
}

TEST(ImportText, HtmlDeepNestingDoesNotOverflow) {
  std::string html;
  for (int i = 0; i < 3000; ++i) html += "<span>";
  html += "deep";
  EXPECT_EQ(html_to_text(html), "deep");
}

// Gumbo is quadratic in nesting depth (20,000 nested spans took ~27 s): such input takes the
// tag-stripping path and keeps its text. (A timing-free check: it must simply finish and keep text.)
TEST(ImportText, HtmlPathologicalNestingKeepsItsText) {
  std::string html = "<p>Before</p>";
  for (int i = 0; i < 50000; ++i) html += "<span>";
  html += "hostile &amp; deep";
  for (int i = 0; i < 50000; ++i) html += "</span>";
  html += "<p>After</p>";
  const std::string text = html_to_text(html);
  EXPECT_NE(text.find("Before"), std::string::npos);
  EXPECT_NE(text.find("hostile"), std::string::npos);
  EXPECT_NE(text.find("After"), std::string::npos);
}

TEST(ImportText, MarkdownToText) {
  const struct {
    const char* markdown;
    const char* text;
  } rows[] = {
      {"", ""},
      {"# Title\n\nPara one\ncontinues.", "Title\nPara one continues."},
      {"Setext\n======\nbody", "Setext\nbody"},
      {"- one\n- two\n  - nested\n", "one\ntwo\nnested"},
      {"1. first\n\n2. second", "first\nsecond"},
      {"See [the guide](https://x.example/g \"t\") now.", "See the guide now."},
      {"**bold** and *em* and `code` and ~~gone~~", "bold and em and code and gone"},
      {"| A | B |\n|---|---|\n| 1 | 2 |\n", "A\nB\n1\n2"},
      {"```sh\nline1\n  line2\n```", "line1\nline2"},
      {"Fish &amp; chips &copy; &#233; &#x41;", "Fish & chips \xC2\xA9 \xC3\xA9 A"},
      {"![alt text](img.png) after", "after"},
      {"<div>\nhtml <b>block</b>\n</div>\n\nnext", "html block\nnext"},
      {"a  \nb", "a\nb"},
      {"> quoted\n> text", "quoted text"},
      {"press <kbd>Ctrl</kbd>", "press Ctrl"},
      {"- [ ] task\n- [x] done", "task\ndone"},
      {"visit https://example.com today", "visit https://example.com today"},
      {"before\n\n---\n\nafter", "before\nafter"},
      {"caf\xE9", "caf\xEF\xBF\xBD"},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(markdown_to_text(row.markdown), row.text) << row.markdown;
  }
}

}  // namespace
}  // namespace faqsearch
