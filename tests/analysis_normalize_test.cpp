// Analysis stage 3, normalize: elision, the normalizer chain (case folding, script normalizers,
// apostrophes), and the orthography rules; diacritic folding (a variant, stage 6) is here too,
// as the other character-level step.
#include <gtest/gtest.h>

#include <string>

#include "analysis/arabic.h"
#include "analysis/diacritic_folding.h"
#include "analysis/elision.h"
#include "analysis/orthography.h"
#include "analysis/word_normalizer.h"

namespace faqsearch::detail {
namespace {

icu::UnicodeString u16(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

struct ElisionRow {
  const char* articles;
  const char* word;
  int32_t start;  // UTF-16 index where the word starts after elision
};

class Elisions : public ::testing::TestWithParam<ElisionRow> {};

TEST_P(Elisions, StripListedArticlesOnly) {
  const Elision elision(GetParam().articles);
  const icu::UnicodeString word = u16(GetParam().word);
  EXPECT_EQ(elision.word_start(word, 0, word.length()), GetParam().start) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Elisions,
    ::testing::Values(ElisionRow{"l d qu jusqu", "l'adresse", 2}, ElisionRow{"l d qu jusqu", "L’Adresse", 2},
                      ElisionRow{"l d qu jusqu", "jusqu'ici", 6}, ElisionRow{"l d qu jusqu", "aujourd'hui", 0},
                      ElisionRow{"l d qu jusqu", "l'", 0},  // nothing after the apostrophe
                      ElisionRow{"l d", "dell'ordine", 0}, ElisionRow{"", "l'adresse", 0},
                      // Only the first apostrophe counts, within the first 9 characters.
                      ElisionRow{"l", "abcdefghij'k", 0}));

struct SuffixRow {
  const char* word;
  int32_t end;  // UTF-16 index where the word's term ends
};

class ApostropheSuffixes : public ::testing::TestWithParam<SuffixRow> {};

TEST_P(ApostropheSuffixes, EndTheWordAtItsFirstInnerApostrophe) {
  const icu::UnicodeString word = u16(GetParam().word);
  EXPECT_EQ(apostrophe_suffix_start(word, 0, word.length()), GetParam().end) << GetParam().word;
}

INSTANTIATE_TEST_SUITE_P(Rows, ApostropheSuffixes,
                         ::testing::Values(SuffixRow{"Tesla'nın", 5}, SuffixRow{"Tesla’nın", 5},
                                           SuffixRow{"Broncos'un", 7}, SuffixRow{"plain", 5},
                                           SuffixRow{"'abc", 4},   // nothing before it
                                           SuffixRow{"abc'", 4},   // nothing after it
                                           SuffixRow{"a'b'c", 1}));  // the first one

TEST(ApostropheSuffixes, FollowTheirNumberRightAfterTheApostrophe) {
  const icu::UnicodeString text = u16("2015'te 50’de 7 'x");
  EXPECT_TRUE(is_apostrophe_suffix(text, 4, 5));    // "te"
  EXPECT_TRUE(is_apostrophe_suffix(text, 10, 11));  // "de" after ’
  EXPECT_FALSE(is_apostrophe_suffix(text, 15, 17));  // "x": a space before the apostrophe
  EXPECT_FALSE(is_apostrophe_suffix(text, 4, 8));   // not right after it
}

TEST(Elisions, EmptyListIsEmpty) {
  EXPECT_TRUE(Elision("").empty());
  EXPECT_FALSE(Elision("l d").empty());
}

struct NormalizeRow {
  Orthography orthography;
  const char* word;
  const char* normalized;
};

class Normalizer : public ::testing::TestWithParam<NormalizeRow> {};

TEST_P(Normalizer, FoldsCaseThenScriptThenApostrophes) {
  const WordNormalizer normalizer(orthography_rules(GetParam().orthography).normalizers);
  const std::string word = GetParam().word;
  const icu::UnicodeString text = u16(word);
  EXPECT_EQ(normalizer.normalize_word(text, 0, text.length(), word), GetParam().normalized);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Normalizer,
    ::testing::Values(NormalizeRow{Orthography::kStandard, "WON'T", "wont"},
                      NormalizeRow{Orthography::kStandard, "Customer’s", "customers"},
                      NormalizeRow{Orthography::kStandard, "Ｆｕｌｌ", "full"},
                      NormalizeRow{Orthography::kStandard, "Straße", "strasse"},
                      NormalizeRow{Orthography::kStandard, "ΤΗΣ", "τησ"},
                      // Arabic script normalization only in the Arabic orthography...
                      NormalizeRow{Orthography::kArabic, "إلكترونيّ", "الكتروني"},
                      NormalizeRow{Orthography::kArabic, "مـــرحبا", "مرحبا"},
                      NormalizeRow{Orthography::kStandard, "إلكتروني", "إلكتروني"},
                      // ...where it leaves other scripts alone.
                      NormalizeRow{Orthography::kArabic, "Café", "café"}));

TEST(Normalizer, NormalizeKeepsApostrophes) {
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  EXPECT_EQ(normalizer.normalize(u16("Don't")), "don't");
}

TEST(Normalizer, NormalizesAPartOfTheText) {
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  const std::string text = "ab CDé fg";
  EXPECT_EQ(normalizer.normalize_word(u16(text), 3, 6, "CDé"), "cdé");
}

TEST(ScriptNormalizers, DeclareTheBlockTheyApplyTo) {
  const auto normalizers = orthography_rules(Orthography::kArabic).normalizers;
  ASSERT_EQ(normalizers.size(), 1u);
  EXPECT_TRUE(normalizers[0].applies_to(u16("abc مرحبا")));
  EXPECT_FALSE(normalizers[0].applies_to(u16("abc déjà")));
  EXPECT_TRUE(orthography_rules(Orthography::kStandard).normalizers.empty());
}

TEST(Apostrophes, AreDropped) {
  for (auto [in, out] : {std::pair{"can't", "cant"}, {"l’adresse", "ladresse"}, {"''", ""}, {"plain", "plain"}}) {
    std::string word = in;
    drop_apostrophes(word);
    EXPECT_EQ(word, out) << in;
  }
}

struct FoldRow {
  const char* kept;
  const char* term;
  const char* folded;
};

class Folding : public ::testing::TestWithParam<FoldRow> {};

TEST_P(Folding, FoldsLatinGreekCyrillicExceptKeptLetters) {
  EXPECT_EQ(DiacriticFolding(GetParam().kept).fold(GetParam().term), GetParam().folded) << GetParam().term;
}

INSTANTIATE_TEST_SUITE_P(Rows, Folding,
                         ::testing::Values(FoldRow{"", "zwrót", "zwrot"}, FoldRow{"", "łódź", "lodz"},
                                           FoldRow{"", "đ ħ ŀ ŧ", "d h l t"}, FoldRow{"æøå", "døra", "døra"},
                                           FoldRow{"", "døra", "dora"}, FoldRow{"й", "мой", "мой"},
                                           FoldRow{"", "мой", "мои"}, FoldRow{"", "άλλος", "αλλος"},
                                           // Other scripts, and their marks, pass through.
                                           FoldRow{"", "हिन्दी", "हिन्दी"}, FoldRow{"", "ภาษาไทย", "ภาษาไทย"},
                                           FoldRow{"", "plain", "plain"}));

TEST(Arabic, StripsTheArticleLeftOnAStemWhereARootRemains) {
  std::string stem = "الكترون";
  arabic::strip_second_article(stem);
  EXPECT_EQ(stem, "كترون");
  stem = "الله";  // two letters would remain
  arabic::strip_second_article(stem);
  EXPECT_EQ(stem, "الله");
}

TEST(Arabic, SpellingVariantOfTehMarbutaAndAlefMaksura) {
  EXPECT_EQ(arabic::spelling_variant("الاحذية"), "الاحذيه");
  EXPECT_EQ(arabic::spelling_variant("على"), "علي");
  EXPECT_EQ(arabic::spelling_variant("مرحبا"), "");
  EXPECT_EQ(arabic::spelling_variant("ascii"), "");
}

TEST(Arabic, ConjunctionIsStrippedFromLongWordsBeforeAlef) {
  EXPECT_EQ(arabic::without_conjunction("واسترجاع"), "استرجاع");
  EXPECT_EQ(arabic::without_conjunction("فاسترجاع"), "استرجاع");
  EXPECT_EQ(arabic::without_conjunction("واحد"), "");      // too short: a root beginning with و
  EXPECT_EQ(arabic::without_conjunction("استرجاع"), "");  // no conjunction
}

TEST(Arabic, ArticleRepairsRestoreAMistypedArticleOnly) {
  struct Row {
    std::string typed, repair;
    bool offered;
  };
  const std::vector<Row> rows = {
      {"اععربية", "العربية", true},      // ل typed as the next letter
      {"اعربية", "العربية", true},       // ل lost
      {"لاعربية", "العربية", true},      // the two letters swapped
      {"االمدينة", "المدينة", true},     // ا doubled
      {"اللمدينة", "المدينة", true},     // ل doubled
      {"بللمدينة", "بالمدينة", true},    // after a preposition
      // Another extra letter is a letter of the word, and a conjunction or preposition is no
      // mistyped article.
      {"الستيلرز", "التيلرز", false},
      {"لإستضافة", "الإستضافة", false},
      {"لكاليفورنيا", "كاليفورنيا", false},
      {"لكاليفورنيا", "للاليفورنيا", false},
  };
  for (const Row& row : rows) {
    const std::vector<std::string> repairs = arabic::article_repairs(row.typed);
    EXPECT_EQ(std::find(repairs.begin(), repairs.end(), row.repair) != repairs.end(), row.offered) << row.typed;
  }
  EXPECT_TRUE(arabic::article_repairs("ال").empty());  // nothing after the article
}

TEST(Orthography, ArabicRulesReplaceWrittenForms) {
  const OrthographyRules& standard = orthography_rules(Orthography::kStandard);
  EXPECT_TRUE(standard.written_form);
  EXPECT_EQ(standard.repair_stem, nullptr);
  EXPECT_EQ(standard.spelling_variant, nullptr);
  EXPECT_EQ(standard.without_clitic, nullptr);
  EXPECT_EQ(standard.prefix_repairs, nullptr);
  const OrthographyRules& arabic = orthography_rules(Orthography::kArabic);
  EXPECT_FALSE(arabic.written_form);
  EXPECT_NE(arabic.repair_stem, nullptr);
  EXPECT_NE(arabic.spelling_variant, nullptr);
  EXPECT_NE(arabic.without_clitic, nullptr);
  EXPECT_NE(arabic.prefix_repairs, nullptr);
}

}  // namespace
}  // namespace faqsearch::detail
