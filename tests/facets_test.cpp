// Facet counts and filters the way a shop's filter sidebar uses them: counts per category,
// section, tag and served language, each article once; OR within a field, AND across fields; a
// field's counts ignoring its own filter.
#include <gtest/gtest.h>

#include <algorithm>

#include "faqsearch/faqsearch.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

Article faceted(std::string id, std::string lang, std::string body, std::string category, std::string section,
                std::vector<std::string> tags) {
  Article a = testing::article(std::move(id), std::move(lang), "Parcel " + body, "parcel " + body);
  a.category = std::move(category);
  a.section = std::move(section);
  a.tags = std::move(tags);
  return a;
}

class Facets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    testing::index_articles(
        dir_->path(),
        {faceted("track", "en", "tracking", "shipping", "delivery", {"tracking", "parcel"}),
         faceted("track", "nb", "sporing", "shipping", "delivery", {"tracking", "parcel"}),
         faceted("lost", "en", "lost", "shipping", "problems", {"parcel", "claims"}),
         faceted("refund", "en", "refund", "returns", "money", {"refund"}),
         faceted("refund", "de", "Erstattung", "returns", "money", {"refund"}),
         faceted("label", "nb", "etikett", "returns", "labels", {"label", "parcel"}),
         faceted("other", "en", "unrelated", "account", "login", {"password"})});
  }
  static void TearDownTestSuite() { delete dir_; }

  static SearchResults search(SearchRequest r) {
    r.query = r.query.empty() ? "parcel" : r.query;
    r.facets = true;
    Searcher s(dir_->path());
    return s.search(r);
  }
  static ScratchDir* dir_;
};
ScratchDir* Facets::dir_ = nullptr;

using Counts = std::map<std::string, std::size_t>;

TEST_F(Facets, CountEachArticleOnceInItsServedTranslation) {
  SearchRequest r;
  r.query = "parcel unrelated";
  const SearchResults all = search(r);
  EXPECT_EQ(all.total, 5u);  // track, lost, refund, label, other: translations are one article
  EXPECT_EQ(all.facets.category, (Counts{{"account", 1}, {"returns", 2}, {"shipping", 2}}));
  EXPECT_EQ(all.facets.section, (Counts{{"delivery", 1}, {"labels", 1}, {"login", 1}, {"money", 1}, {"problems", 1}}));
  EXPECT_EQ(all.facets.tag,
            (Counts{{"claims", 1}, {"label", 1}, {"parcel", 3}, {"password", 1}, {"refund", 1}, {"tracking", 1}}));
  EXPECT_TRUE(all.facets.exhaustive);
  // Served languages: with Norwegian preferred, track and label are Norwegian; the rest fall back
  // to English (the language with the most articles).
  r.languages = {"nb"};
  EXPECT_EQ(search(r).facets.lang, (Counts{{"en", 3}, {"nb", 2}}));
  r.fallback = false;
  EXPECT_EQ(search(r).facets.lang, (Counts{{"nb", 2}}));
}

TEST_F(Facets, NotAskedForNotCounted) {
  SearchRequest r;
  r.query = "parcel";
  Searcher s(dir_->path());
  const SearchResults results = s.search(r);
  EXPECT_TRUE(results.facets.category.empty());
  EXPECT_TRUE(results.facets.lang.empty());
}

struct FilterRow {
  std::string name;
  std::vector<std::string> categories, sections, tags, hit_languages;
  std::size_t total;
  Counts category, section, tag, lang;
};

void PrintTo(const FilterRow& row, std::ostream* os) { *os << row.name; }

class FacetFilters : public Facets, public ::testing::WithParamInterface<FilterRow> {};

TEST_P(FacetFilters, OrWithinAFieldAndAcrossFieldsCountsIgnoreTheirOwnFilter) {
  const FilterRow& row = GetParam();
  SearchRequest r;
  r.categories = row.categories;
  r.sections = row.sections;
  r.tags = row.tags;
  r.hit_languages = row.hit_languages;
  r.languages = {"en"};
  const SearchResults results = search(r);
  EXPECT_EQ(results.total, row.total);
  EXPECT_EQ(results.hits.size(), row.total);
  EXPECT_EQ(results.facets.category, row.category);
  EXPECT_EQ(results.facets.section, row.section);
  EXPECT_EQ(results.facets.tag, row.tag);
  EXPECT_EQ(results.facets.lang, row.lang);
}

// "parcel" in English: track, lost, refund and other match; label has no English translation,
// and English is the default language (the most articles), so nothing falls back to Norwegian.
INSTANTIATE_TEST_SUITE_P(
    Rows, FacetFilters,
    ::testing::Values(
        FilterRow{"None", {}, {}, {}, {}, 4,
                  {{"account", 1}, {"returns", 1}, {"shipping", 2}},
                  {{"delivery", 1}, {"login", 1}, {"money", 1}, {"problems", 1}},
                  {{"claims", 1}, {"parcel", 2}, {"password", 1}, {"refund", 1}, {"tracking", 1}},
                  {{"en", 4}}},
        // One category: the category list still shows the others; the rest count within it.
        FilterRow{"Category", {"shipping"}, {}, {}, {}, 2,
                  {{"account", 1}, {"returns", 1}, {"shipping", 2}},
                  {{"delivery", 1}, {"problems", 1}},
                  {{"claims", 1}, {"parcel", 2}, {"tracking", 1}},
                  {{"en", 2}}},
        // Two categories OR-ed, AND a tag.
        FilterRow{"TwoCategoriesAndATag", {"shipping", "returns"}, {}, {"claims", "refund"}, {}, 2,
                  {{"returns", 1}, {"shipping", 1}},
                  {{"money", 1}, {"problems", 1}},
                  {{"claims", 1}, {"parcel", 2}, {"refund", 1}, {"tracking", 1}},
                  {{"en", 2}}},
        FilterRow{"Section", {}, {"money", "login"}, {}, {}, 2,
                  {{"account", 1}, {"returns", 1}},
                  {{"delivery", 1}, {"login", 1}, {"money", 1}, {"problems", 1}},
                  {{"password", 1}, {"refund", 1}},
                  {{"en", 2}}},
        // Filters match case-insensitively, as categories and tags always have.
        FilterRow{"CaseInsensitive", {"SHIPPING"}, {}, {"Tracking"}, {}, 1,
                  {{"shipping", 1}},
                  {{"delivery", 1}},
                  {{"claims", 1}, {"parcel", 2}, {"tracking", 1}},
                  {{"en", 1}}},
        FilterRow{"ServedLanguage", {}, {}, {}, {"nb"}, 0, {}, {}, {}, {{"en", 4}}}));

TEST_F(Facets, ServedLanguageFilterKeepsTheArticlesServedThere) {
  SearchRequest r;
  r.languages = {"nb"};
  r.hit_languages = {"nb"};
  const SearchResults results = search(r);
  std::vector<std::string> served = testing::ids(results);
  std::sort(served.begin(), served.end());
  EXPECT_EQ(served, (std::vector<std::string>{"label", "track"}));
  for (const Hit& h : results.hits) EXPECT_EQ(h.lang, "nb");
  EXPECT_EQ(results.total, 2u);
  EXPECT_EQ(results.facets.lang, (Counts{{"en", 3}, {"nb", 2}}));  // its own filter ignored
  EXPECT_EQ(results.facets.category, (Counts{{"returns", 1}, {"shipping", 1}}));
  EXPECT_THROW(search([] {
                 SearchRequest bad;
                 bad.hit_languages = {"english"};
                 return bad;
               }()),
               InvalidArgument);
}

TEST(FacetLimit, BroadQueriesAreCountedOverTheBestMatches) {
  ScratchDir dir;
  std::vector<Article> many;
  for (std::size_t i = 0; i <= kMaxFacetMatches; ++i) {
    many.push_back(faceted("a" + std::to_string(i), "en", "common", i % 2 ? "odd" : "even", "", {}));
  }
  testing::index_articles(dir.path(), many);
  Searcher s(dir.path());
  SearchRequest r;
  r.query = "common";
  r.facets = true;
  const SearchResults results = s.search(r);
  EXPECT_FALSE(results.facets.exhaustive);
  std::size_t counted = 0;
  for (const auto& [value, count] : results.facets.category) counted += count;
  EXPECT_EQ(counted, kMaxFacetMatches);
  // With a served-language filter, the languages' pass (unfiltered) holds too few of the matches
  // to stand in for the filtered one: that one is run, and counts its own best matches.
  r.languages = {"en"};
  r.hit_languages = {"en"};
  const SearchResults filtered = s.search(r);
  EXPECT_FALSE(filtered.facets.exhaustive);
  EXPECT_EQ(filtered.facets.lang, (Counts{{"en", kMaxFacetMatches}}));
  counted = 0;
  for (const auto& [value, count] : filtered.facets.category) counted += count;
  EXPECT_EQ(counted, kMaxFacetMatches);
}

// A Searcher remembers each document's facet values between searches (FacetTable): after a commit
// that changed an article's category, removed one (leaving a gap in the docids) and added
// another, the counts are the new index's.
TEST(FacetCommits, CountsFollowTheLatestCommit) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {faceted("a", "en", "tracking", "shipping", "delivery", {"x"}),
                                       faceted("b", "en", "lost", "shipping", "problems", {"y", "x", "y"}),
                                       faceted("c", "en", "refund", "returns", "money", {"z"})});
  Searcher s(dir.path());
  SearchRequest r;
  r.query = "parcel";
  r.facets = true;
  const SearchResults before = s.search(r);
  EXPECT_EQ(before.facets.category, (Counts{{"returns", 1}, {"shipping", 2}}));
  EXPECT_EQ(before.facets.tag, (Counts{{"x", 2}, {"y", 1}, {"z", 1}}));  // a tag twice counts once
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(faceted("a", "en", "tracking", "returns", "labels", {"x"}));
    w.remove("c", "en");
    w.upsert(faceted("d", "en", "unrelated", "", "", {}));
    w.upsert(faceted("e", "en", "unrelated", "account", "login", {"w"}));
    w.commit();
  }
  const SearchResults after = s.search(r);
  EXPECT_EQ(after.total, 4u);
  EXPECT_EQ(after.facets.category, (Counts{{"account", 1}, {"returns", 1}, {"shipping", 1}}));
  EXPECT_EQ(after.facets.section, (Counts{{"labels", 1}, {"login", 1}, {"problems", 1}}));
  EXPECT_EQ(after.facets.tag, (Counts{{"w", 1}, {"x", 2}, {"y", 1}}));
}

}  // namespace
}  // namespace faqsearch
