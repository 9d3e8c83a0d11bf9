// The Zendesk Help Center API's shapes: list pages with sideloaded sections and categories, drafts,
// several locales, and the translations endpoint.
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
  ImportSummary summary;
};

Imported import_json(const std::string& content) {
  testing::ScratchDir dir;
  const auto file = dir.path() / "articles.json";
  std::ofstream(file, std::ios::binary) << content;
  Imported out;
  out.summary = read_articles(
      file, {}, [&](Article&& a, const SourceLocation&) { out.articles.push_back(std::move(a)); },
      [&](const ImportProblem& p) { out.problems.push_back(p); });
  return out;
}

// Two pages as `GET /api/v2/help_center/{locale}/articles.json?include=sections,categories` returns
// them, saved as one array; the second page's article uses a section sideloaded on the first.
constexpr const char* kPages = R"([
{"articles": [
  {"id": 360001, "locale": "en-us", "source_locale": "en-us", "title": "Where is my order?",
   "body": "<p>Use the <a href=\"/track\">tracking link</a>.</p>", "section_id": 11, "draft": false,
   "label_names": ["tracking", "delivery"], "user_segment_id": null, "html_url": "https://help.example.com/hc/en-us/articles/360001"},
  {"id": 360002, "locale": "en-us", "title": "Old returns policy", "body": "<p>Gone.</p>", "section_id": 12, "draft": true}
 ],
 "sections": [{"id": 11, "name": "Tracking", "category_id": 1}, {"id": 12, "name": "Returns", "category_id": 2}],
 "categories": [{"id": 1, "name": "Orders"}, {"id": 2, "name": "Returns & refunds"}],
 "next_page": "https://help.example.com/api/v2/help_center/en-us/articles.json?page=2", "page": 1, "page_count": 2},
{"articles": [
  {"id": 360003, "locale": "en-us", "title": "Return an item", "body": "<p>Within 30 days.</p>", "section_id": 12,
   "user_segment_id": 9001}
 ],
 "sections": [], "categories": [], "next_page": null, "page": 2, "page_count": 2}
])";

TEST(ImportZendesk, SideloadedSectionsAndCategoriesGiveNames) {
  const Imported run = import_json(kPages);
  ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
  EXPECT_EQ(run.summary.skipped, 1u);  // the draft
  ASSERT_EQ(run.articles.size(), 2u);
  EXPECT_EQ(run.articles[0].section, "Tracking");
  EXPECT_EQ(run.articles[0].category, "Orders");
  EXPECT_EQ(run.articles[0].tags, (std::vector<std::string>{"tracking", "delivery"}));
  EXPECT_EQ(run.articles[0].body, "Use the tracking link.");
  EXPECT_EQ(run.articles[1].section, "Returns");
  EXPECT_EQ(run.articles[1].category, "Returns & refunds");
  EXPECT_EQ(run.articles[1].audience, "segment-9001");
}

TEST(ImportZendesk, WithoutSideloadsSectionIdsStay) {
  const Imported run = import_json(R"({"articles": [{"id": 1, "locale": "de", "title": "Versand", "body": "x", "section_id": 77}]})");
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].section, "77");
}

// `GET /api/v2/help_center/articles/{id}/translations.json`: one article in each locale.
TEST(ImportZendesk, TranslationsEndpoint) {
  const Imported run = import_json(R"({"translations": [
    {"id": 9, "source_id": 360001, "source_type": "Article", "locale": "de", "title": "Wo ist meine Bestellung?",
     "body": "<p>Nutzen Sie den Link.</p>", "draft": false, "outdated": false},
    {"id": 10, "source_id": 360001, "source_type": "Article", "locale": "nb", "title": "Hvor er pakken?",
     "body": "<p>Utkast.</p>", "draft": true}
  ], "next_page": null})");
  ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].id, "360001");
  EXPECT_EQ(run.articles[0].lang, "de");
  EXPECT_EQ(run.summary.skipped, 1u);
}

TEST(ImportZendesk, MalformedArticlesNameLineAndField) {
  const Imported run = import_json("{\"articles\": [\n"
                                   "  {\"id\": 1, \"locale\": \"en\", \"title\": \"Fine\", \"body\": \"ok\"},\n"
                                   "  {\"locale\": \"en\", \"title\": \"No id\"},\n"
                                   "  {\"id\": 3, \"locale\": \"en\", \"title\": 42}\n"
                                   "], \"sections\": [{\"id\": 5}]}");
  ASSERT_EQ(run.articles.size(), 1u);
  ASSERT_EQ(run.problems.size(), 2u);
  EXPECT_EQ(run.problems[0].where.line, 3u);
  EXPECT_NE(run.problems[0].where.field.find("id"), std::string::npos) << run.problems[0].to_string();
  EXPECT_EQ(run.problems[1].where.line, 4u);
  EXPECT_NE(run.problems[1].where.field.find("title"), std::string::npos) << run.problems[1].to_string();
}

}  // namespace
}  // namespace faqsearch
