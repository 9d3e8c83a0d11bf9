// Analysis stages 1 and 2: decode (DecodedText) and segment (WordSegmenter).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/decoded_text.h"
#include "analysis/language_table.h"
#include "analysis/word_segmenter.h"

namespace faqsearch::detail {
namespace {

std::string utf8_of(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

TEST(DecodedText, MapsEveryUnitToItsByteOffset) {
  DecodedText d;
  d.decode("aé😀b");  // 1 + 2 + 4 + 1 bytes; 😀 is two UTF-16 units
  ASSERT_EQ(d.length(), 5);
  const std::vector<std::size_t> expected{0, 1, 3, 3, 7, 8};
  for (int32_t unit = 0; unit <= d.length(); ++unit) EXPECT_EQ(d.byte_at(unit), expected[static_cast<std::size_t>(unit)]) << unit;
}

TEST(DecodedText, ReadsIllFormedBytesAsReplacementCharacters) {
  DecodedText d;
  d.decode("a\xFF" "b\xE2\x82");  // a lone byte and a truncated sequence: one U+FFFD each
  EXPECT_EQ(utf8_of(d.utf16()), "a\uFFFD" "b\uFFFD");
  EXPECT_EQ(d.byte_at(2), 2u);
  EXPECT_EQ(d.byte_at(4), 5u);
}

TEST(DecodedText, IsReusable) {
  DecodedText d;
  d.decode("long text here");
  d.decode("ab");
  EXPECT_EQ(d.length(), 2);
  EXPECT_EQ(d.byte_at(2), 2u);
}

struct SegmentRow {
  const char* lang;
  const char* text;
  std::vector<std::pair<std::string, TokenKind>> words;  // each piece's text and kind
};

void PrintTo(const SegmentRow& row, std::ostream* os) { *os << row.lang << ": " << row.text; }

class Segmenter : public ::testing::TestWithParam<SegmentRow> {};

TEST_P(Segmenter, CutsWordsAndLeavesOutTheRest) {
  WordSegmenter segmenter(find_language_row(GetParam().lang));
  DecodedText d;
  d.decode(GetParam().text);
  std::vector<WordPiece> pieces;
  segmenter.segment(d, pieces);
  std::vector<std::pair<std::string, TokenKind>> words;
  for (const WordPiece& p : pieces) words.emplace_back(utf8_of(icu::UnicodeString(d.utf16(), p.begin, p.end - p.begin)), p.kind);
  EXPECT_EQ(words, GetParam().words);
}

constexpr TokenKind kW = TokenKind::kWord, kN = TokenKind::kNumber, kI = TokenKind::kIdeo;

INSTANTIATE_TEST_SUITE_P(
    Rows, Segmenter,
    ::testing::Values(
        // Spaces and punctuation are left out; numbers keep their decimal point.
        SegmentRow{"en", "Where's my parcel? 4.95 €", {{"Where's", kW}, {"my", kW}, {"parcel", kW}, {"4.95", kN}}},
        // ICU keeps the elided article inside the word (the elision stage splits it).
        SegmentRow{"fr", "l'adresse", {{"l'adresse", kW}}},
        // Dictionary segmentation: Han and kana words are ideographic.
        SegmentRow{"ja", "注文を確認", {{"注文", kI}, {"を", kI}, {"確認", kI}}},
        // Where Thai meets Latin letters or digits, the span is split there.
        SegmentRow{"th", "NASUWTและ", {{"NASUWT", kW}, {"และ", kW}}},
        SegmentRow{"th", "ปี2015", {{"ปี", kW}, {"2015", kN}}},
        // Unsplit Thai words keep ICU's verdict.
        SegmentRow{"th", "ภาษาไทย", {{"ภาษา", kW}, {"ไทย", kW}}},
        SegmentRow{"en", "", {}}));

TEST(Segmenter, FindsScriptsWrittenWithoutSpaces) {
  EXPECT_TRUE(has_unspaced_script(icu::UnicodeString::fromUTF8("abc ไทย")));
  EXPECT_TRUE(has_unspaced_script(icu::UnicodeString::fromUTF8("ខ្មែរ")));
  EXPECT_FALSE(has_unspaced_script(icu::UnicodeString::fromUTF8("abc 注文 한국어 عربي")));
}

TEST(Segmenter, SplitOffPiecesOfDigitsAreNumbers) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8("มี2015ABC");
  std::vector<WordPiece> pieces;
  split_at_script_changes(text, 0, text.length(), UBRK_WORD_LETTER, pieces);
  ASSERT_EQ(pieces.size(), 2u);  // digits and Latin letters are both "other" than Thai
  EXPECT_EQ(pieces[0], (WordPiece{0, 2, kW}));
  EXPECT_EQ(pieces[1], (WordPiece{2, text.length(), kW}));
}

}  // namespace
}  // namespace faqsearch::detail
