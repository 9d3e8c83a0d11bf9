// Searcher::articles: an article's translations as a service's article view reads them, only in
// the audiences the caller may see, whole (body included), and after later commits.
#include <gtest/gtest.h>

#include "faqsearch/faqsearch.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

std::vector<std::string> languages_of(const std::vector<Article>& articles) {
  std::vector<std::string> out;
  for (const Article& a : articles) out.push_back(a.lang);
  return out;
}

struct LookupCase {
  std::string id;
  std::vector<std::string> audiences;
  std::vector<std::string> expected_languages;
};

class ArticleLookup : public ::testing::TestWithParam<LookupCase> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    Article track = testing::article("track", "nb", "Spor pakken", "Slik sporer du pakken din.");
    track.tags = {"tracking", "parcel"};
    track.category = "shipping";
    testing::index_articles(dir_->path(),
                            {track, testing::article("track", "en", "Track your parcel", "How to track it."),
                             testing::article("track", "th", "ติดตามพัสดุ", "วิธีติดตามพัสดุ"),
                             testing::article("override", "en", "Refund override", "Agents only.", "agents"),
                             testing::article("mixed", "en", "Mixed audiences", "Public text."),
                             testing::article("mixed", "de", "Gemischt", "Nur intern.", "agents")});
  }
  static void TearDownTestSuite() { delete dir_; }
  static ScratchDir* dir_;
};
ScratchDir* ArticleLookup::dir_ = nullptr;

TEST_P(ArticleLookup, TranslationsTheAudiencesMaySeeSortedByLanguage) {
  const LookupCase& c = GetParam();
  Searcher searcher(dir_->path());
  EXPECT_EQ(languages_of(searcher.articles(c.id, c.audiences)), c.expected_languages);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ArticleLookup,
    ::testing::Values(LookupCase{"track", {kPublicAudience}, {"en", "nb", "th"}},
                      LookupCase{"override", {kPublicAudience}, {}},
                      LookupCase{"override", {"agents"}, {"en"}},
                      LookupCase{"override", {kPublicAudience, "agents"}, {"en"}},
                      LookupCase{"mixed", {kPublicAudience}, {"en"}},
                      LookupCase{"mixed", {kPublicAudience, "agents"}, {"de", "en"}},
                      LookupCase{"nothing", {kPublicAudience, "agents"}, {}},
                      LookupCase{"track", {}, {}}));

TEST_F(ArticleLookup, EveryFieldComesBackAsIndexed) {
  Searcher searcher(dir_->path());
  const std::vector<Article> found = searcher.articles("track", {kPublicAudience});
  ASSERT_EQ(found.size(), 3u);
  const Article& nb = found[1];
  EXPECT_EQ(nb.title, "Spor pakken");
  EXPECT_EQ(nb.body, "Slik sporer du pakken din.");
  EXPECT_EQ(nb.category, "shipping");
  EXPECT_EQ(nb.tags, (std::vector<std::string>{"tracking", "parcel"}));
  EXPECT_EQ(nb.audience, kPublicAudience);
}

TEST(ArticleLookupCommits, ASearcherSeesLaterCommitsByItself) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {testing::article("a", "en", "First", "first body")});
  Searcher searcher(dir.path());
  EXPECT_EQ(searcher.articles("a").at(0).title, "First");
  testing::index_articles(dir.path(), {testing::article("a", "en", "Second", "second body"),
                                       testing::article("a", "pl", "Drugi", "drugi")});
  const std::vector<Article> found = searcher.articles("a");
  EXPECT_EQ(languages_of(found), (std::vector<std::string>{"en", "pl"}));
  EXPECT_EQ(found.at(0).title, "Second");
  {
    IndexWriter writer = IndexWriter::open(dir.path());
    writer.remove("a", "en");
    writer.commit();
  }
  EXPECT_EQ(languages_of(searcher.articles("a")), (std::vector<std::string>{"pl"}));
}

}  // namespace
}  // namespace faqsearch
