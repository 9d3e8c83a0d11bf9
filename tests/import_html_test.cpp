// A folder of HTML pages as a help center: title, language and main content of each page.
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

Imported import_folder(const std::vector<std::pair<std::string, std::string>>& pages) {
  testing::ScratchDir dir;
  for (const auto& [name, html] : pages) std::ofstream(dir.path() / name, std::ios::binary) << html;
  Imported out;
  read_articles(
      dir.path(), {}, [&](Article&& a, const SourceLocation&) { out.articles.push_back(std::move(a)); },
      [&](const ImportProblem& p) { out.problems.push_back(p); });
  return out;
}

constexpr const char* kChrome = "<header><a href=/>Example Shop Help</a></header>"
                                "<nav><ul><li>Orders</li><li>Shipping</li></ul></nav>";

TEST(ImportHtml, TitleLanguageAndMainContent) {
  const std::string returns = std::string("<!doctype html><html lang=\"de-DE\"><head><title>Rücksendung</title>"
                                          "<script>var tracking = 1;</script></head><body>") +
                              kChrome +
                              "<main><h1>Rücksendung</h1><p>Innerhalb von <b>30 Tagen</b>.</p></main>"
                              "<footer>© Example Shop · Impressum</footer></body></html>";
  const std::string tracking = std::string("<html><head><meta http-equiv=\"Content-Language\" content=\"nb, en\">"
                                           "</head><body>") +
                               kChrome + "<article><h1>Hvor er pakken min?</h1><p>Bruk sporingslenken.</p></article>"
                                         "<aside>Relaterte artikler</aside></body></html>";
  const Imported run = import_folder({{"returns.html", returns}, {"tracking.htm", tracking}, {"notes.txt", "x"}});
  ASSERT_TRUE(run.problems.empty()) << run.problems.front().to_string();
  ASSERT_EQ(run.articles.size(), 2u);
  const Article& r = run.articles[0];
  EXPECT_EQ(r.id, "returns");
  EXPECT_EQ(r.lang, "de-DE");
  EXPECT_EQ(r.title, "Rücksendung");
  EXPECT_EQ(r.body, "Rücksendung\nInnerhalb von 30 Tagen.");
  const Article& t = run.articles[1];
  EXPECT_EQ(t.lang, "nb");
  EXPECT_EQ(t.title, "Hvor er pakken min?");  // no <title>: the first <h1>
  EXPECT_EQ(t.body, "Hvor er pakken min?\nBruk sporingslenken.");
}

TEST(ImportHtml, BodyWithoutMainLeavesTheChromeOut) {
  const Imported run = import_folder(
      {{"faq.html", std::string("<html lang=en><title>Payment</title><body>") + kChrome +
                        "<p>We take cards and invoices.</p><footer>Contact</footer></body></html>"}});
  ASSERT_EQ(run.articles.size(), 1u);
  EXPECT_EQ(run.articles[0].body, "We take cards and invoices.");
}

TEST(ImportHtml, APageWithoutTextOrLanguageIsAProblemNamingTheFile) {
  const Imported run = import_folder({{"empty.html", "<html><head></head><body><nav>Menu</nav></body></html>"},
                                      {"short.html", "<html><body><p>Hi</p></body></html>"}});
  EXPECT_TRUE(run.articles.empty());
  ASSERT_EQ(run.problems.size(), 2u);
  EXPECT_NE(run.problems[0].where.file.find("empty.html"), std::string::npos);
  EXPECT_NE(run.problems[1].to_string().find("html lang"), std::string::npos) << run.problems[1].to_string();
}

}  // namespace
}  // namespace faqsearch
