// The one-edit forms did-you-mean's repairs guess from (lib/search/one_edits.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "search/one_edits.h"

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

}  // namespace
}  // namespace faqsearch
