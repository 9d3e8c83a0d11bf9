// Tests of the Zendesk, Markdown and CSV importers with good and malformed input, and of the
// HTML and Markdown text converters. The other formats: import_test.cpp.
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
