// The language table: every row is well-formed, and the columns say what the pipeline does.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "analysis/language_pipeline.h"
#include "analysis/language_table.h"
#include "faqsearch/language.h"

namespace faqsearch::detail {
namespace {

TEST(LanguageTable, TagsAreUniqueAndCanonicalAndTheGenericRowComesFirst) {
  std::set<std::string_view> tags;
  ASSERT_FALSE(language_rows().empty());
  EXPECT_EQ(language_rows().front().tag, "und");
  for (const LanguageRow& row : language_rows()) {
    EXPECT_TRUE(tags.insert(row.tag).second) << row.tag << " twice";
    EXPECT_FALSE(row.name.empty()) << row.tag;
    if (row.tag != "und") {
      EXPECT_EQ(canonical_language_tag(row.tag), row.tag);
    }
    EXPECT_EQ(&find_language_row(row.tag), &row);
  }
}

// Every row builds its pipeline: its locale, stemmer and lists are ones ICU and Xapian have.
TEST(LanguageTable, EveryRowBuildsItsPipeline) {
  AnalysisOptions options;
  LemmaSources sources;
  sources.hunspell_directory = options.hunspell_directory;
  for (const LanguageRow& row : language_rows()) {
    EXPECT_NO_THROW(LanguagePipeline(row, options, sources)) << row.tag;
  }
}

TEST(LanguageTable, ListsAreSpaceSeparatedWords) {
  EXPECT_EQ(list_words(" l  d qu "), (std::vector<std::string_view>{"l", "d", "qu"}));
  EXPECT_TRUE(list_words("").empty());
  for (const LanguageRow& row : language_rows()) {
    for (std::string_view word : list_words(row.stop_words)) EXPECT_EQ(word.find('\''), std::string_view::npos) << row.tag;
    for (std::string_view article : list_words(row.elisions)) EXPECT_LE(article.size(), 8u) << row.tag;
  }
}

struct SegmentationRow {
  const char* tag;
  const char* segmentation;
};

class SegmentationColumn : public ::testing::TestWithParam<SegmentationRow> {};

// The segmentation column, as language_for() reports it.
TEST_P(SegmentationColumn, IsAColumnOfTheRow) {
  EXPECT_EQ(language_for(GetParam().tag).segmentation, GetParam().segmentation);
}

INSTANTIATE_TEST_SUITE_P(Rows, SegmentationColumn,
                         ::testing::Values(SegmentationRow{"en", "icu-words"}, SegmentationRow{"th", "icu-dictionary"},
                                           SegmentationRow{"ja", "icu-dictionary+ngrams"},
                                           SegmentationRow{"ko", "icu-words+ngrams"},
                                           SegmentationRow{"und", "icu-dictionary+ngrams"}));

}  // namespace
}  // namespace faqsearch::detail
