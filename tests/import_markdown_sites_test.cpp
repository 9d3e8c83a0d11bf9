// Markdown as site generators keep it: a small Hugo site (TOML and YAML front matter,
// shortcodes, _index.md section pages) and a Docusaurus folder (.mdx, admonitions,
// _category_.json), each with malformed variants whose problems name file, line and field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "faqsearch/import.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;

struct Imported {
  std::map<std::string, Article> articles;  // by id
  std::vector<ImportProblem> problems;
  ImportSummary summary;
  [[nodiscard]] std::string problem_text() const {
    std::string out;
    for (const ImportProblem& p : problems) out += p.to_string() + "\n";
    return out;
  }
};

/// Writes `files` (relative path → content) under a scratch directory and imports it.
Imported import_site(const std::map<std::string, std::string>& files, const std::string& only = "") {
  testing::ScratchDir dir;
  for (const auto& [relative, content] : files) {
    fs::create_directories((dir.path() / relative).parent_path());
    std::ofstream(dir.path() / relative, std::ios::binary) << content;
  }
  Imported out;
  out.summary = read_articles(
      only.empty() ? dir.path() : dir.path() / only, {},
      [&](Article&& a, const SourceLocation&) { out.articles[a.id] = std::move(a); },
      [&](const ImportProblem& p) { out.problems.push_back(p); });
  // Problems name paths inside the scratch directory: keep them relative for the rows.
  for (ImportProblem& p : out.problems) p.where.file = fs::path(p.where.file).lexically_relative(dir.path()).string();
  return out;
}

const std::map<std::string, std::string> kHugoSite = {
    {"content/shipping/_index.md", "+++\ntitle = \"Shipping & delivery\"\nweight = 2\n+++\nAll about parcels.\n"},
    {"content/shipping/track-order.md",
     "+++\n"
     "title = \"Track your order\"\n"
     "lang = \"en\"\n"
     "slug = \"track-order\"\n"
     "categories = [\"Orders\", \"Help\"]\n"
     "tags = [\"tracking\", \"parcel\"]\n"
     "lastmod = 2026-10-01T12:00:00Z\n"
     "date = 2025-01-01\n"
     "weight = 3\n"
     "+++\n"
     "Open **your orders** and pick the order.\n\n"
     "{{< notice tip >}}The tracking link comes by e-mail.{{< /notice >}}\n\n"
     "{{% alert color=\"warning\" %}}Parcels abroad take longer.{{% /alert %}}\n\n"
     "```\n{{< not-a-shortcode-in-code >}}\n```\n"},
    {"content/shipping/abroad.md",
     "---\ntitle: Shipping abroad\nlang: en\ndate: 2025-02-03\nsection: International\n---\n"
     "We ship to 30 countries. {{< figure src=\"map.png\" >}}\n"},
    {"content/returns/_index.md", "---\ndraft: false\n---\n"},
    {"content/returns/refund.md", "+++\ntitle = \"Refunds\"\nlang = \"de\"\ndraft = false\n+++\nGeld zurück.\n"},
    {"content/returns/old.md", "+++\ntitle = \"Old\"\nlang = \"en\"\ndraft = true\n+++\nGone.\n"},
};

TEST(ImportMarkdownSites, HugoSite) {
  const Imported run = import_site(kHugoSite);
  ASSERT_TRUE(run.problems.empty()) << run.problem_text();
  ASSERT_EQ(run.articles.size(), 3u);
  EXPECT_EQ(run.summary.skipped, 1u);  // the draft; section pages are neither articles nor problems

  const Article& track = run.articles.at("track-order");
  EXPECT_EQ(track.title, "Track your order");
  EXPECT_EQ(track.section, "Shipping & delivery");
  EXPECT_EQ(track.category, "Orders");
  EXPECT_EQ(track.tags, (std::vector<std::string>{"tracking", "parcel"}));
  EXPECT_EQ(track.updated_at, "2026-10-01T12:00:00Z");
  EXPECT_EQ(track.position, 3);
  EXPECT_EQ(track.body,
            "Open your orders and pick the order.\nThe tracking link comes by e-mail.\nParcels abroad take longer.\n"
            "{{< not-a-shortcode-in-code >}}");

  const Article& abroad = run.articles.at("abroad");
  EXPECT_EQ(abroad.section, "International");  // its own field wins over _index.md
  EXPECT_EQ(abroad.updated_at, "2025-02-03");  // date, without lastmod
  EXPECT_EQ(abroad.body, "We ship to 30 countries.");

  EXPECT_EQ(run.articles.at("refund").section, "returns");  // _index.md without a title: the folder
}

const std::map<std::string, std::string> kDocusaurusFolder = {
    {"docs/account/_category_.json", R"({"label": "Your account", "position": 1})"},
    {"docs/account/reset-password.mdx",
     "---\n"
     "id: reset-password\n"
     "title: Reset your password\n"
     "lang: en\n"
     "sidebar_position: 2\n"
     "tags: [password, login]\n"
     "---\n"
     "import Tabs from '@theme/Tabs';\n"
     "import TabItem from '@theme/TabItem';\n"
     "export const meta = {\n  audience: 'all',\n};\n"
     "\n"
     "Open the login page and pick **Forgot password**.\n\n"
     "<Tabs>\n"
     "  <TabItem value=\"web\" label=\"Web\">\n\n"
     "On the web, the link comes by e-mail.\n\n"
     "  </TabItem>\n"
     "</Tabs>\n\n"
     ":::tip Quicker\n"
     "Use the app: it resets at once. {props.note}\n"
     ":::\n\n"
     ":::note[Security]\nLinks expire after one hour.\n:::\n\n"
     "Use `<Tabs>` in code.\n"},
    {"docs/account/delete.md", "---\ntitle: Delete your account\nlang: en\n---\n:::danger\nThis cannot be undone.\n:::\n"},
};

TEST(ImportMarkdownSites, DocusaurusFolder) {
  const Imported run = import_site(kDocusaurusFolder);
  ASSERT_TRUE(run.problems.empty()) << run.problem_text();
  ASSERT_EQ(run.articles.size(), 2u);
  const Article& reset = run.articles.at("reset-password");
  EXPECT_EQ(reset.section, "Your account");
  EXPECT_EQ(reset.position, 2);
  EXPECT_EQ(reset.tags, (std::vector<std::string>{"password", "login"}));
  EXPECT_EQ(reset.body,
            "Open the login page and pick Forgot password.\nOn the web, the link comes by e-mail.\nQuicker\n"
            "Use the app: it resets at once.\nSecurity\nLinks expire after one hour.\nUse <Tabs> in code.");
  EXPECT_EQ(run.articles.at("delete").body, "This cannot be undone.");
}

TEST(ImportMarkdownSites, MalformedVariantsNameFileLineAndField) {
  const struct {
    const char* what;
    const char* file;
    const char* content;
    std::size_t line;
    const char* field;
    const char* message_part;
  } rows[] = {
      {"TOML syntax", "content/a.md", "+++\ntitle = \"A\"\nlang = en\n+++\nText\n", 3, "", "invalid TOML"},
      {"TOML not closed", "content/a.md", "+++\ntitle = \"A\"\n", 1, "", "not closed"},
      {"TOML title a table", "content/a.md", "+++\nlang = \"en\"\n[title]\nx = 1\n+++\nText\n", 3, "title", "expected a string"},
      {"TOML weight a string", "content/a.md", "+++\ntitle = \"A\"\nlang = \"en\"\nweight = \"first\"\n+++\n", 4, "weight",
       "expected an integer"},
      {"TOML categories item", "content/a.md", "+++\ntitle = \"A\"\nlang = \"en\"\ncategories = [\"x\", [1]]\n+++\n", 4,
       "categories[1]", "expected a string"},
      {"TOML draft a string", "content/a.md", "+++\ntitle = \"A\"\nlang = \"en\"\n\ndraft = \"perhaps\"\n+++\n", 5, "draft",
       "true or false"},
      {"YAML lastmod a list", "content/a.md", "---\ntitle: A\nlang: en\nlastmod:\n  - 2024\n---\n", 5, "lastmod",
       "expected a string"},
      {"_index.md title a list", "content/s/_index.md", "---\ntitle: [a, b]\n---\n", 2, "title", "expected a string"},
      {"mdx without front matter", "docs/page.mdx", "import X from 'x';\n\n# Page\n", 1, "", "no front matter"},
      {"mdx sidebar_position", "docs/page.mdx", "---\ntitle: P\nlang: en\nsidebar_position: two\n---\n", 4,
       "sidebar_position", "expected an integer"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const Imported run = import_site({{row.file, row.content}});
    EXPECT_TRUE(run.articles.empty());
    ASSERT_EQ(run.problems.size(), 1u) << run.problem_text();
    const ImportProblem& p = run.problems[0];
    EXPECT_EQ(p.where.file, row.file);
    EXPECT_EQ(p.where.line, row.line) << p.to_string();
    EXPECT_EQ(p.where.field, row.field) << p.to_string();
    EXPECT_NE(p.message.find(row.message_part), std::string::npos) << p.to_string();
  }
}

TEST(ImportMarkdownSites, PlainMarkdownKeepsCodeAndUnclosedMarkup) {
  const struct {
    const char* what;
    const char* markdown;
    bool mdx;
    const char* text;
  } rows[] = {
      {"shortcode in a code span", "Write `{{< ref \"a\" >}}` to link.", false, "Write {{< ref \"a\" >}} to link."},
      {"unclosed shortcode stays text", "A {{< broken", false, "A {{< broken"},
      {"JSX in .md is left to md4c", "A <Tabs>b</Tabs> c", false, "A b c"},
      {"JSX attribute with braces and >", "<Note when={a > b}>Hi</Note>", true, "Hi"},
      {"lowercase HTML in mdx", "a <br/> b", true, "a b"},
      {"expression does not fuse words", "one{x}two", true, "one two"},
      {"export block ends at a blank line", "export const a = {\n  b: 1,\n};\n\nText", true, "Text"},
      {"import in .md is text", "import this\n", false, "import this"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const std::string name = row.mdx ? "docs/p.mdx" : "docs/p.md";
    const Imported run = import_site({{name, std::string("---\nid: p\nlang: en\ntitle: T\n---\n") + row.markdown + "\n"}});
    ASSERT_TRUE(run.problems.empty()) << run.problem_text();
    ASSERT_EQ(run.articles.size(), 1u);
    EXPECT_EQ(run.articles.at("p").body, row.text);
  }
}

}  // namespace
}  // namespace faqsearch
