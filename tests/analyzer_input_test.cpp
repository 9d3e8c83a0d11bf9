// Analysis of invalid and hostile input: overlong terms, invalid UTF-8 (read as replacement
// characters, repaired by maximal subparts), random bytes in every language, and language tags,
// canonicalized or rejected. The rest of the analysis: analyzer_test.cpp.
#include <gtest/gtest.h>

#include <random>

#include "analysis_support.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/language.h"

namespace faqsearch {
namespace {

using testing::terms_of;
using testing::without_pairs;

TEST(Analyzer, DropsOverlongTerms) {
  Analyzer analyzer;
  const auto tokens = analyzer.analyze("ok " + std::string(100, 'a') + " fine", "en");
  EXPECT_EQ(terms_of(tokens), (std::vector<std::string>{"ok", "fine"}));
}

TEST(Analyzer, InvalidUtf8IsReadAsReplacementCharacters) {
  Analyzer analyzer;
  const std::string text = "abc\xFF" "def \xE2\x82 ghi";
  const auto tokens = without_pairs(analyzer.analyze(text, "en"));
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "abc");
  EXPECT_EQ(tokens[1].begin, 4u);  // offsets still count the original bytes
  EXPECT_EQ(tokens[1].term, "def");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "ghi");
}

TEST(Analyzer, PositionsIncreaseAndBigramsShareTheirWordsPosition) {
  Analyzer analyzer;
  const auto tokens = analyzer.analyze("退货运费 return", "zh-Hans");
  std::uint32_t last_word_position = 0;
  for (const auto& t : tokens) {
    if (t.kind != TokenKind::kBigram) last_word_position = std::max(last_word_position, t.position);
  }
  EXPECT_EQ(tokens.back().term, "return");
  EXPECT_EQ(tokens.back().position, last_word_position);
}

// Random bytes in every language: never throws, ranges are in bounds and non-empty.
TEST(Analyzer, SurvivesRandomBytesInEveryLanguage) {
  Analyzer analyzer;
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> byte(0, 255);
  for (const auto& lang : supported_languages()) {
    for (int round = 0; round < 20; ++round) {
      std::string text;
      for (int i = 0; i < 200; ++i) text.push_back(static_cast<char>(byte(rng)));
      const auto tokens = analyzer.analyze(text, lang.tag);
      for (const auto& t : tokens) {
        ASSERT_LT(t.begin, t.end);
        ASSERT_LE(t.end, text.size());
        ASSERT_FALSE(t.term.empty());
        ASSERT_TRUE(is_valid_utf8(t.term)) << lang.tag;
      }
    }
  }
}

struct RepairRow {
  std::string input;
  std::string expected;
};

void PrintTo(const RepairRow& row, std::ostream* os) { *os << ::testing::PrintToString(row.input); }

class Utf8Repair : public ::testing::TestWithParam<RepairRow> {};

TEST_P(Utf8Repair, ReplacesMaximalSubparts) {
  EXPECT_EQ(repair_utf8(GetParam().input), GetParam().expected);
  EXPECT_TRUE(is_valid_utf8(repair_utf8(GetParam().input)));
  EXPECT_EQ(is_valid_utf8(GetParam().input), GetParam().input == GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Utf8Repair,
    ::testing::Values(RepairRow{"plain", "plain"}, RepairRow{"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
                      RepairRow{"a\xFF" "b", "a\uFFFD" "b"},
                      RepairRow{"\xE2\x82", "\uFFFD"},                          // truncated: one subpart
                      RepairRow{"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},          // surrogate
                      RepairRow{"\xC0\xAF", "\uFFFD\uFFFD"},                    // overlong
                      RepairRow{"\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},  // above U+10FFFF
                      RepairRow{"\xEF\xBF\xBD", "\xEF\xBF\xBD"}));

struct TagRow {
  const char* input;
  const char* canonical;
  const char* row;
};

void PrintTo(const TagRow& row, std::ostream* os) { *os << row.input; }

class LanguageTags : public ::testing::TestWithParam<TagRow> {};

TEST_P(LanguageTags, CanonicalizeAndFindTheirRow) {
  EXPECT_EQ(canonical_language_tag(GetParam().input), GetParam().canonical);
  EXPECT_EQ(language_for(GetParam().input).tag, GetParam().row);
}

INSTANTIATE_TEST_SUITE_P(Rows, LanguageTags,
                         ::testing::Values(TagRow{"en", "en", "en"}, TagRow{"EN-gb", "en-GB", "en"},
                                           TagRow{"zh_TW", "zh-TW", "zh-Hant"}, TagRow{"zh-Hans", "zh-Hans", "zh-Hans"},
                                           TagRow{"zh", "zh", "zh"}, TagRow{"nb-NO", "nb-NO", "nb"},
                                           TagRow{"nn", "nn", "nn"}, TagRow{"tlh", "tlh", "und"}));

TEST(LanguageTags, MalformedTagsAreRejectedWithTheTag) {
  for (const char* bad : {"", "en us", "e!", "<script>"}) {
    try {
      (void)canonical_language_tag(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find("language tag"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace faqsearch
