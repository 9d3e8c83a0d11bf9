// Ids of Markdown and HTML pages from their path under the imported folder (issue #21): pages of
// the same file name in two folders stay two articles, per-language folders give translations
// one id and their language, and pages at the top or given alone keep their file-name ids.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "faqsearch/import.h"
#include "faqsearch/sync.h"
#include "import/page_path.h"
#include "sync_support.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using Files = std::map<std::string, std::string>;  // relative path → content

TEST(PagePath, WhichNamesAreLanguages) {
  const struct {
    const char* word;
    const char* lang;  // "": no language
  } rows[] = {
      {"de", "de"},           {"EN", "en"},          {"pt-br", "pt-BR"},   {"zh-hant", "zh-Hant"},
      {"zh-hans-tw", "zh-Hans-TW"}, {"es-419", "es-419"}, {"de_CH", "de-CH"}, {"nb", "nb"},
      {"new", ""},            {"min", ""},           {"v1.2", ""},         {"posts", ""},
      {"draft", ""},          {"my-post", ""},       {"it-support", ""},   {"no-reply", ""},
      {"de-help", ""},        {"en-x-test", ""},     {"de-1996", ""},      {"in-store-pickup", ""},
      {"de-zz", ""},          {"_index", ""},        {"", ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.word);
    EXPECT_EQ(detail::language_of_name(row.word), row.lang);
  }
}

TEST(PagePath, IdNameAndLanguageFromThePath) {
  const struct {
    const char* what;
    const char* file;
    const char* root;  // "" : the file was given directly
    const char* id;
    const char* name;
    const char* folder_lang;
    bool nested;
  } rows[] = {
      {"a nested page", "site/shipping/returns.md", "site", "shipping/returns", "returns", "", true},
      {"two folders deep", "site/a/b/c.md", "site", "a/b/c", "c", "", true},
      {"a page at the top", "site/returns.md", "site", "returns", "returns", "", false},
      {"an index page: its folder's path", "site/docs/guide/index.md", "site", "docs/guide", "guide", "", true},
      {"README is an index page", "site/guide/README.md", "site", "guide", "guide", "", true},
      {"an index page at the top: the root's name", "site/index.md", "site", "site", "site", "", false},
      {"the root as typed with a slash", "site/index.md", "site/", "site", "site", "", false},
      {"the root '.' names nothing", "./index.md", ".", "index", "index", "", false},
      {"a relative root", "./faq/returns.md", ".", "faq/returns", "returns", "", true},
      {"a language folder is left out", "site/en/shipping/returns.md", "site", "shipping/returns", "returns", "en",
       true},
      {"a language folder inside content/", "site/content/de/shipping/returns.md", "site", "content/shipping/returns",
       "returns", "de", true},
      {"the innermost language folder", "site/en/pt-br/returns.md", "site", "returns", "returns", "pt-BR", false},
      {"a language folder's index page: the root's name", "site/nb/index.md", "site", "site", "site", "nb", false},
      {"a word of three letters stays", "site/new/returns.md", "site", "new/returns", "returns", "", true},
      {"min is no language here either", "site/min/returns.md", "site", "min/returns", "returns", "", true},
      {"a version stays", "site/v1.2/returns.md", "site", "v1.2/returns", "returns", "", true},
      {"a slug that starts like a tag stays", "site/posts/my-post/index.md", "site", "posts/my-post", "my-post", "",
       true},
      {"a file given directly: its name", "site/shipping/returns.md", "", "returns", "returns", "", false},
      {"an index page given directly: its folder", "site/guide/index.md", "", "guide", "guide", "", false},
      {"given directly, a language folder gives nothing", "site/de/returns.md", "", "returns", "returns", "", false},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    const fs::path file = row.file;
    const detail::PagePath p = detail::page_path(file, detail::page_name(file).base, row.root);
    EXPECT_EQ(p.id, row.id);
    EXPECT_EQ(p.name, row.name);
    EXPECT_EQ(p.folder_lang, row.folder_lang);
    EXPECT_EQ(p.nested, row.nested);
  }
}

/// "id lang" of every article read from `files` written under a scratch folder, sorted, or the
/// first problem. `only`: import that file (relative) instead of the folder.
std::string ids_of(const Files& files, const std::string& only = "") {
  testing::ScratchDir dir;
  for (const auto& [relative, content] : files) {
    fs::create_directories((dir.path() / relative).parent_path());
    std::ofstream(dir.path() / relative, std::ios::binary) << content;
  }
  ImportOptions options;
  options.default_lang = "nb";  // --lang: what a page with no language anywhere gets
  std::set<std::string> ids;
  std::string problems;
  read_articles(
      only.empty() ? dir.path() : dir.path() / only, options,
      [&](Article&& a, const SourceLocation&) { ids.insert(a.id + " " + a.lang); },
      [&](const ImportProblem& p) { problems += p.to_string() + "\n"; });
  if (!problems.empty()) return "problems: " + problems;
  std::string out;
  for (const std::string& id : ids) out += id + "; ";
  return out;
}

const std::string kPage = "---\ntitle: T\n---\nText\n";
const std::string kEnPage = "---\ntitle: T\nlang: en\n---\nText\n";

TEST(PageIds, MarkdownFolders) {
  const struct {
    const char* what;
    Files files;
    const char* only;
    const char* expected;
  } rows[] = {
      {"the same file name in two folders: two ids",
       {{"shipping/returns.md", kEnPage}, {"billing/returns.md", kEnPage}}, "",
       "billing/returns en; shipping/returns en; "},
      {"pages at the top keep their ids", {{"returns.md", kEnPage}, {"returns.de.md", kPage}}, "",
       "returns de; returns en; "},
      {"en/ and de/ folders: one id, two languages",
       {{"en/shipping/returns.md", kPage}, {"de/shipping/returns.md", kPage}}, "",
       "shipping/returns de; shipping/returns en; "},
      {"language folders under content/",
       {{"content/en/faq.md", kPage}, {"content/de/faq.md", kPage}, {"content/faq.md", kPage}}, "",
       "content/faq de; content/faq en; content/faq nb; "},
      {"the folder's language wins over --lang; none anywhere: --lang",
       {{"fr/a.md", kPage}, {"b/a.md", kPage}}, "", "a fr; b/a nb; "},
      {"front matter's lang wins over the folder", {{"de/a.md", "---\ntitle: T\nlang: de-AT\n---\nX\n"}}, "",
       "a de-AT; "},
      {"the name's suffix wins over the folder", {{"de/ship/a.fr.md", kPage}, {"de/ship/a.md", kPage}}, "",
       "ship/a de; ship/a fr; "},
      {"an explicit id wins", {{"shipping/returns.md", "---\nid: ret-42\nlang: en\ntitle: T\n---\nX\n"}}, "",
       "ret-42 en; "},
      {"translationKey wins",
       {{"en/shipping/returns.md", "+++\ntitle = \"T\"\ntranslationKey = \"ret\"\n+++\nX\n"},
        {"de/versand/rueckgabe.md", "+++\ntitle = \"T\"\ntranslationKey = \"ret\"\n+++\nX\n"}},
       "", "ret de; ret en; "},
      {"index pages: their folder's path",
       {{"guide/index.md", kEnPage}, {"docs/billing/README.md", kEnPage}, {"posts/my-post/index.nb.md", kPage}}, "",
       "docs/billing en; guide en; posts/my-post nb; "},
      {"words that are no language stay in the id",
       {{"new/a.md", kEnPage}, {"min/a.md", kEnPage}, {"v1.2/a.md", kEnPage}}, "",
       "min/a en; new/a en; v1.2/a en; "},
      {"a file given directly keeps its name", {{"shipping/returns.md", kEnPage}}, "shipping/returns.md",
       "returns en; "},
      {"given directly, a language folder is no language", {{"de/shipping/returns.md", kPage}},
       "de/shipping/returns.md", "returns nb; "},
      {"an index page given directly: its folder", {{"x/guide/index.md", kEnPage}}, "x/guide/index.md",
       "guide en; "},
      {"a subfolder imported: ids under it", {{"site/shipping/returns.md", kEnPage}}, "site",
       "shipping/returns en; "},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(ids_of(row.files, row.only), row.expected);
  }
}

std::string html_page(const std::string& html_attributes, const std::string& head = "") {
  return "<html" + html_attributes + "><head>" + head + "<title>T</title></head><body><p>Text</p></body></html>";
}

TEST(PageIds, HtmlFolders) {
  const std::string plain = html_page("");
  const std::string meta_sv = html_page("", "<meta http-equiv=\"Content-Language\" content=\"sv\">");
  const struct {
    const char* what;
    Files files;
    const char* only;
    const char* expected;
  } rows[] = {
      {"a static-site export's index pages",
       {{"faq/returns/index.html", plain}, {"faq/shipping/index.html", plain}}, "",
       "faq/returns nb; faq/shipping nb; "},
      {"the same file name in two folders", {{"a/page.html", plain}, {"b/page.htm", plain}}, "",
       "a/page nb; b/page nb; "},
      {"pages at the top keep their ids, index.html too", {{"index.html", plain}, {"returns.html", plain}}, "",
       "index nb; returns nb; "},
      {"en/ and de/ folders: one id, two languages",
       {{"en/faq/returns/index.html", plain}, {"de/faq/returns/index.html", plain}}, "",
       "faq/returns de; faq/returns en; "},
      {"<html lang> wins over the folder", {{"de/a.html", html_page(" lang=\"fr\"", "")}}, "", "a fr; "},
      {"Content-Language wins over the folder", {{"de/a.html", meta_sv}}, "", "a sv; "},
      {"<html lang> wins over Content-Language", {{"de/a.html", html_page(" lang=\"fi\"", "<meta "
                                                                                       "http-equiv=\"Content-Language\" "
                                                                                       "content=\"sv\">")}},
       "", "a fi; "},
      {"words that are no language stay", {{"new/a.html", plain}, {"v1.2/a.html", plain}}, "",
       "new/a nb; v1.2/a nb; "},
      {"a file given directly keeps its file name", {{"faq/returns/index.html", plain}}, "faq/returns/index.html",
       "index nb; "},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(ids_of(row.files, row.only), row.expected);
  }
}

TEST(PageIds, SyncKeepsSameNamedPagesOfTwoFoldersApart) {
  testing::ScratchDir db;
  testing::ScratchDir site;
  const auto write = [&](const fs::path& relative, const std::string& body) {
    fs::create_directories((site.path() / relative).parent_path());
    std::ofstream(site.path() / relative) << "---\nlang: en\ntitle: Returns\n---\n" << body << "\n";
  };
  write("shipping/returns.md", "Send parcels back within 30 days.");
  write("billing/returns.md", "Refunds reach your card in five days.");
  const SyncSummary first = testing::sync_files(db.path(), {site.path()});
  EXPECT_EQ(first.total.added, 2u);
  EXPECT_EQ(first.skipped_total(), 0u);  // no duplicate id
  std::set<std::string> ids;
  for (const auto& key : testing::indexed_articles(db.path(), std::string(kDefaultSource))) ids.insert(std::get<0>(key));
  EXPECT_EQ(ids, (std::set<std::string>{"billing/returns", "shipping/returns"}));

  fs::remove(site.path() / "billing/returns.md");
  const SyncSummary second = testing::sync_files(db.path(), {site.path()});
  EXPECT_EQ(second.total.removed, 1u);
  EXPECT_EQ(second.total.unchanged, 1u);
}

}  // namespace
}  // namespace faqsearch
