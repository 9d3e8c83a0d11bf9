// The one-edit forms did-you-mean's repairs guess from (lib/search/one_edits.h), and the
// shopper's own letters in a fix (lib/search/shoppers_own_form.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/orthography.h"
#include "search/one_edits.h"
#include "search/shoppers_own_form.h"

namespace faqsearch {
namespace {

using detail::OneEdits;

TEST(OneEdits, TheEditsAskedForAtThePlacesAskedFor) {
  const std::u32string vowels = U"ae";
  const std::u32string marked = U"úu";
  const auto letters = [](const std::u32string& l) {
    return [&l](std::size_t) -> std::u32string_view { return l; };
  };
  struct Row {
    const char* what;
    std::u32string word;
    OneEdits edits;
    std::vector<std::u32string> forms;
  };
  const std::vector<Row> rows = {
      {"dropped and swapped, the first letter kept", U"abc", {.first = 1}, {U"ab", U"ac", U"acb"}},
      {"equal neighbours are not swapped", U"abb", {.first = 1}, {U"ab"}},
      {"from the first letter", U"ab", {}, {U"a", U"b", U"ba"}},
      {"letters put in or in place, no drop", U"ab",
       {.first = 1, .drop_and_swap = false, .letters = letters(vowels)},
       {U"aa", U"aab", U"abe", U"aba", U"aeb", U"ae"}},
      {"a letter with other marks is no edit", U"su",
       {.first = 1, .drop_and_swap = false, .letters = letters(marked), .marks_are_no_edit = true},
       {U"suu", U"suú", U"súu"}},  // "ú" put in, never in place of "u"
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    std::vector<std::u32string> expected = row.forms;
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    EXPECT_TRUE(detail::one_edit_forms(row.word, row.edits) == expected);
  }
}

TEST(ShoppersLetters, LettersTheNormalizerReadsAlikeAreTheShoppers) {
  const detail::OrthographyRules& arabic = detail::orthography_rules(detail::Orthography::kArabic);
  const detail::OrthographyRules& standard = detail::orthography_rules(detail::Orthography::kStandard);
  struct Row {
    const char* what;
    const detail::OrthographyRules& rules;
    std::u32string typed;
    std::string spelled, shown;
  };
  const std::vector<Row> rows = {
      {"an alef typed bare stays bare", arabic, U"الاناق", "الإنفاق", "الانفاق"},
      {"the articles' bare alef takes the shopper's hamza", arabic, U"إستضاففة", "استضافة", "إستضافة"},
      {"a typo in place of the hamza is the articles' letter", arabic, U"الووسط", "الأوسط", "الأوسط"},
      {"a letter dropped before it", arabic, U"اقلييم", "إقليم", "اقليم"},
      {"an orthography that normalizes nothing", standard, U"devolucin", "devolución", "devolución"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_EQ(detail::in_shoppers_letters(row.rules, row.typed, row.spelled), row.shown);
  }
}

}  // namespace
}  // namespace faqsearch
