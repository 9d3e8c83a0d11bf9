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
  std::map<std::string, Article> by_id_lang;  // "id lang": translations share an id
  std::vector<ImportProblem> problems;
  ImportSummary summary;
  [[nodiscard]] std::string problem_text() const {
    std::string out;
    for (const ImportProblem& p : problems) out += p.to_string() + "\n";
    return out;
  }
};

/// Writes `files` (relative path → content) under a scratch directory and imports it.
Imported import_site(const std::map<std::string, std::string>& files, const std::string& only = "",
                     const ImportOptions& options = {}) {
  testing::ScratchDir dir;
  for (const auto& [relative, content] : files) {
    fs::create_directories((dir.path() / relative).parent_path());
    std::ofstream(dir.path() / relative, std::ios::binary) << content;
  }
  Imported out;
  out.summary = read_articles(
      only.empty() ? dir.path() : dir.path() / only, options,
      [&](Article&& a, const SourceLocation&) {
        out.by_id_lang[a.id + " " + a.lang] = a;
        out.articles[a.id] = std::move(a);
      },
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

  const Article& track = run.articles.at("content/shipping/track-order");
  EXPECT_EQ(track.title, "Track your order");
  EXPECT_EQ(track.section, "Shipping & delivery");
  EXPECT_EQ(track.category, "Orders");
  EXPECT_EQ(track.tags, (std::vector<std::string>{"tracking", "parcel"}));
  EXPECT_EQ(track.updated_at, "2026-10-01T12:00:00Z");
  EXPECT_EQ(track.position, 3);
  EXPECT_EQ(track.body,
            "Open your orders and pick the order.\nThe tracking link comes by e-mail.\nParcels abroad take longer.\n"
            "{{< not-a-shortcode-in-code >}}");

  const Article& abroad = run.articles.at("content/shipping/abroad");
  EXPECT_EQ(abroad.section, "International");  // its own field wins over _index.md
  EXPECT_EQ(abroad.updated_at, "2025-02-03");  // date, without lastmod
  EXPECT_EQ(abroad.body, "We ship to 30 countries.");

  EXPECT_EQ(run.articles.at("content/returns/refund").section, "returns");  // _index.md without a title: the folder
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
  EXPECT_EQ(run.articles.at("docs/account/delete").body, "This cannot be undone.");
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
      {"YAML not closed", "docs/page.mdx", "---\ntitle: P\n\n# Page\n", 1, "", "not closed"},
      {"front matter without title or body", "docs/page.md", "---\nlang: en\n---\n\n", 1, "title",
       "neither a title nor a body"},
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

/// "id lang" of every article, sorted, and the section of each: what a row expects.
std::string ids_langs_sections(const Imported& run) {
  std::string out;
  for (const auto& [key, a] : run.by_id_lang) out += key + " [" + a.section + "]; ";
  return out;
}

TEST(ImportMarkdownSites, HugoLanguageFileNames) {
  const std::string en = "---\nlang: en\ntitle: T\n---\nText\n";
  const std::string none = "---\ntitle: T\n---\nText\n";
  const struct {
    const char* what;
    std::map<std::string, std::string> files;
    const char* expected;  // ids_langs_sections()
  } rows[] = {
      {"translations share the untranslated page's id",
       {{"returns.md", en}, {"returns.de.md", none}, {"returns.fr.md", none}},
       "returns de []; returns en []; returns fr []; "},
      {"front matter's lang wins over the name", {{"returns.de.md", "---\nlang: de-AT\ntitle: T\n---\nX\n"}},
       "returns de-AT []; "},
      {"region subtags as Hugo writes them", {{"faq.pt-br.md", none}, {"faq.zh-hant.md", none}},
       "faq pt-BR []; faq zh-Hant []; "},
      {"a version number is no language", {{"v1.2.md", en}}, "v1.2 en []; "},
      {"a five-letter word is no language", {{"notes.draft.md", en}}, "notes.draft en []; "},
      {"a three-letter word outside the table is no language", {{"notes.new.md", en}, {"notes.min.md", en}},
       "notes.min en []; notes.new en []; "},
      {"a translated slug is not the id",
       {{"returns.md", "---\nlang: en\ntitle: T\nslug: return-policy\n---\nX\n"},
        {"returns.de.md", "---\ntitle: T\nslug: ruecksendung\n---\nX\n"}},
       "returns de []; returns en []; "},
      {"translationKey links differently named translations",
       {{"returns.md", "+++\nlang = \"en\"\ntitle = \"T\"\ntranslationKey = \"ret\"\n+++\nX\n"},
        {"rueckgabe.de.md", "+++\ntitle = \"T\"\ntranslationKey = \"ret\"\n+++\nX\n"}},
       "ret de []; ret en []; "},
      {"the section page in the page's language",
       {{"ship/_index.md", "---\ntitle: Shipping\n---\n"},
        {"ship/_index.de.md", "---\ntitle: Versand\n---\n"},
        {"ship/track.md", en},
        {"ship/track.de.md", none},
        {"ship/track.fr.md", none}},
       "ship/track de [Versand]; ship/track en [Shipping]; ship/track fr [Shipping]; "},
      {"leaf bundles: the folder names the page",
       {{"posts/my-post/index.md", en}, {"posts/my-post/index.nb.md", none}, {"guide/README.md", en}},
       "guide en []; posts/my-post en []; posts/my-post nb []; "},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const Imported run = import_site(row.files);
    EXPECT_TRUE(run.problems.empty()) << run.problem_text();
    EXPECT_EQ(ids_langs_sections(run), row.expected);
  }
}

TEST(ImportMarkdownSites, PagesWithoutFrontMatter) {
  const struct {
    const char* what;
    const char* file;
    const char* content;
    const char* id;
    const char* title;
    const char* body;
  } rows[] = {
      {"title from the first heading", "docs/intro.md", "# Welcome\n\nStart here.\n", "docs/intro", "Welcome", "Start here."},
      {"markup in the heading", "docs/intro.md", "Before.\n\n# Use **Tabs** #\nAfter.\n", "docs/intro", "Use Tabs",
       "Before.\nAfter."},
      {"no heading: the file name", "docs/shipping-times.md", "Two to three days.\n", "docs/shipping-times",
       "shipping-times", "Two to three days."},
      {"a level-2 heading is no title", "docs/a.md", "## Part\nText\n", "docs/a", "a", "Part\nText"},
      {"a hash tag is no heading", "docs/a.md", "#returns are free\n", "docs/a", "a", "#returns are free"},
      {"a heading in code is code", "docs/a.md", "```\n# not a title\n```\n\n# Title\n", "docs/a", "Title",
       "# not a title"},
      {"mdx imports before the heading", "docs/page.mdx", "import X from 'x';\n\n# Page\n\n<X/>Text\n", "docs/page",
       "Page", "Text"},
      {"index page: the folder", "docs/billing/index.md", "# Billing\n\nInvoices.\n", "docs/billing", "Billing",
       "Invoices."},
      {"index page without a heading", "docs/billing/README.md", "Invoices.\n", "docs/billing", "billing", "Invoices."},
      {"language from the name", "docs/a.de.md", "# Versand\n\nZwei Tage.\n", "docs/a", "Versand", "Zwei Tage."},
      {"front matter without a title", "docs/a.md", "---\nlang: en\n---\n# From heading\nBody\n", "docs/a",
       "From heading", "Body"},
      {"only a heading", "docs/a.md", "# Alone\n", "docs/a", "Alone", ""},
  };
  ImportOptions options;
  options.default_lang = "en";
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const Imported run = import_site({{row.file, row.content}}, "", options);
    ASSERT_TRUE(run.problems.empty()) << run.problem_text();
    ASSERT_EQ(run.articles.size(), 1u);
    const Article& a = run.articles.begin()->second;
    EXPECT_EQ(a.id, row.id);
    EXPECT_EQ(a.title, row.title);
    EXPECT_EQ(a.body, row.body);
  }
  // Without a default language, a page's language is identified from its text.
  const Imported run = import_site(
      {{"docs/retour.md", "# Waren zurückgeben\n\nSie können Waren innerhalb von dreißig Tagen zurückgeben. Verpacken "
                          "Sie die Ware gut und legen Sie das Rücksendeformular aus dem Paket bei.\n"}});
  ASSERT_TRUE(run.problems.empty()) << run.problem_text();
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles.at("docs/retour").lang, "de");
}

}  // namespace
}  // namespace faqsearch
