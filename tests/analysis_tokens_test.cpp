// Analysis stage 6: variants (WordVariants), n-grams (add_cjk_ngrams) and pairs
// (append_word_pairs).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis/cjk_ngrams.h"
#include "analysis/language_table.h"
#include "analysis/word_pair_tokens.h"
#include "analysis/word_variants.h"

namespace faqsearch::detail {
namespace {

// WordVariants::variant with its in-out strings given by value.
WordVariant variant_of(const WordVariants& variants, const std::string& term, std::string spelling, std::string written,
                       WordStemmer& stemmer) {
  return variants.variant(term, spelling, written, stemmer);
}

struct VariantsFixture : ::testing::Test {
  LemmaSources sources;
  DiacriticFolding folding{""};
  LanguageRow english{.tag = "en", .name = "English", .stemmer = "english"};
  LanguageRow arabic{.tag = "ar", .name = "Arabic", .orthography = Orthography::kArabic, .stemmer = "arabic"};
  WordStemmer english_stemmer{english, orthography_rules(english.orthography), folding, sources};
  WordStemmer arabic_stemmer{arabic, orthography_rules(arabic.orthography), folding, sources};
};

using Variants = VariantsFixture;

TEST_F(Variants, FoldedFormOfATerm) {
  const WordVariants variants(orthography_rules(Orthography::kStandard), &folding);
  const WordVariant v = variant_of(variants, "café", "", "", english_stemmer);
  EXPECT_EQ(v.term, "cafe");
  EXPECT_EQ(v.kind, TokenKind::kFolded);
}

TEST_F(Variants, NoneWhereNothingDiffers) {
  const WordVariants variants(orthography_rules(Orthography::kStandard), &folding);
  EXPECT_EQ(variant_of(variants, "parcel", "", "parcel", english_stemmer).term, "");
  const WordVariants keeping(orthography_rules(Orthography::kStandard), nullptr);  // row keeps marks
  EXPECT_EQ(variant_of(keeping, "café", "", "", english_stemmer).term, "");
}

TEST_F(Variants, WrittenFormWhereTheStemCutAnEndingOff) {
  const WordVariants variants(orthography_rules(Orthography::kStandard), &folding);
  const WordVariant v = variant_of(variants, "custom", "", "customs", english_stemmer);
  EXPECT_EQ(v.term, "customs");
  EXPECT_EQ(v.kind, TokenKind::kWrittenForm);
  // Only where the stem begins the written word ("happi" does not begin "happy").
  EXPECT_EQ(variant_of(variants, "happi", "", "happy", english_stemmer).term, "");
  // A folded form that differs comes first.
  EXPECT_EQ(variant_of(variants, "café", "", "cafés", english_stemmer).kind, TokenKind::kFolded);
}

TEST_F(Variants, ArabicSpellingThenConjunctionAndNoWrittenForm) {
  const WordVariants variants(orthography_rules(Orthography::kArabic), &folding);
  EXPECT_EQ(variants.spelling("الاحذية"), "الاحذيه");
  EXPECT_EQ(variants.spelling("مرحبا"), "");
  // The stemmed spelling variant is the variant.
  EXPECT_EQ(variant_of(variants, "حذي", "حذيه", "", arabic_stemmer).term, "حذيه");
  // The conjunction-free stem, where the stemmer kept the conjunction.
  const std::string term = arabic_stemmer.stem("واسترجاع");
  const WordVariant v = variant_of(variants, term, "", "واسترجاع", arabic_stemmer);
  EXPECT_EQ(v.term, arabic_stemmer.stem("استرجاع"));
  EXPECT_EQ(v.kind, TokenKind::kFolded);
  // No written form in the Arabic orthography.
  EXPECT_EQ(variant_of(variants, "كتب", "", "كتبها", arabic_stemmer).term, "");
  EXPECT_EQ(orthography_rules(Orthography::kStandard).spelling_variant, nullptr);
  EXPECT_EQ(WordVariants(orthography_rules(Orthography::kStandard), &folding).spelling("الاحذية"), "");
}

// The n-grams of `text` in a row that has them, given its words as [begin, end) UTF-16 ranges.
std::vector<std::pair<std::string, TokenKind>> ngrams_of(const char* text, std::vector<WordSpan> words) {
  DecodedText decoded;
  decoded.decode(text);
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  std::vector<Token> tokens;
  add_cjk_ngrams(decoded, words, normalizer, tokens);
  std::vector<std::pair<std::string, TokenKind>> out;
  for (const Token& t : tokens) out.emplace_back(t.term, t.kind);
  return out;
}

constexpr TokenKind kB = TokenKind::kBigram, kU = TokenKind::kUnigram;

TEST(Ngrams, BigramsAndHanCharactersOfARun) {
  // One dictionary word 退货 and one 运费: the bigrams across them, each Han character alone;
  // a bigram that is a word itself is not repeated.
  EXPECT_EQ(ngrams_of("退货运费", {{0, 2, 0, false}, {2, 4, 1, false}}),
            (std::vector<std::pair<std::string, TokenKind>>{
                {"退", kU}, {"货", kU}, {"货运", kB}, {"运", kU}, {"费", kU}}));
}

TEST(Ngrams, NoUnigramsOfKanaOrHangulNorOfOneCharacterWords) {
  EXPECT_EQ(ngrams_of("비밀번호", {{0, 4, 0, false}}),
            (std::vector<std::pair<std::string, TokenKind>>{{"비밀", kB}, {"밀번", kB}, {"번호", kB}}));
  EXPECT_EQ(ngrams_of("退", {{0, 1, 0, false}}), (std::vector<std::pair<std::string, TokenKind>>{}));
}

TEST(Ngrams, TakeTheirWordsPositionAndStopWordFlag) {
  DecodedText decoded;
  decoded.decode("什么退货");
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  std::vector<Token> tokens;
  const std::vector<WordSpan> words{{0, 2, 0, true}, {2, 4, 1, false}};
  add_cjk_ngrams(decoded, words, normalizer, tokens);
  for (const Token& t : tokens) {
    const bool in_first = t.end <= 6;  // 什么 is 6 bytes
    EXPECT_EQ(t.stop_word, in_first) << t.term;
    EXPECT_EQ(t.position, t.begin < 6 ? 0u : 1u) << t.term;
  }
}

TEST(Ngrams, AreOrderedByStartByteAmongTheWords) {
  DecodedText decoded;
  decoded.decode("a 退货");
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  std::vector<Token> tokens(2);
  tokens[0] = {.term = "退货", .begin = 2, .end = 8, .position = 1, .kind = TokenKind::kIdeo};
  tokens[1] = {.term = "a", .begin = 0, .end = 1, .position = 0, .kind = TokenKind::kWord};
  add_cjk_ngrams(decoded, std::vector<WordSpan>{{2, 4, 1, false}}, normalizer, tokens);
  std::vector<std::string> terms;
  for (const Token& t : tokens) terms.push_back(t.term);
  EXPECT_EQ(terms, (std::vector<std::string>{"a", "退货", "退", "货"}));
}

Token word(std::string term, std::uint32_t position, TokenKind kind = TokenKind::kWord, bool stop = false) {
  const std::size_t begin = position * 10;
  return {.term = std::move(term), .begin = begin, .end = begin + 5, .position = position, .kind = kind, .stop_word = stop};
}

std::vector<std::string> pairs_of(std::vector<Token> tokens, std::size_t max_bytes = 64) {
  append_word_pairs(tokens, max_bytes);
  std::vector<std::string> out;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kPair) out.push_back(t.term);
  }
  return out;
}

TEST(Pairs, JoinAdjacentWordsAndNumbers) {
  EXPECT_EQ(pairs_of({word("top", 0), word("up", 1), word("30", 2, TokenKind::kNumber)}),
            (std::vector<std::string>{"top up", "up 30"}));
}

TEST(Pairs, SkipVariantsAndBreakAtGapsAndOtherTokens) {
  EXPECT_EQ(pairs_of({word("custom", 0), word("customs", 0, TokenKind::kWrittenForm), word("duti", 1)}),
            (std::vector<std::string>{"custom duti"}));
  EXPECT_EQ(pairs_of({word("a", 0), word("c", 2)}), (std::vector<std::string>{}));
  EXPECT_EQ(pairs_of({word("a", 0), word("退货", 1, TokenKind::kIdeo), word("b", 2)}), (std::vector<std::string>{}));
  EXPECT_EQ(pairs_of({word("abc", 0), word("def", 1)}, 6), (std::vector<std::string>{}));
  EXPECT_EQ(pairs_of({word("abc", 0), word("de", 1)}, 6), (std::vector<std::string>{"abc de"}));
}

TEST(Pairs, ComeLastWithBothWordsBytesAndAStopFlagOnlyIfBothAre) {
  std::vector<Token> tokens{word("of", 0, TokenKind::kWord, true), word("the", 1, TokenKind::kWord, true),
                            word("box", 2)};
  append_word_pairs(tokens, 64);
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[3].term, "of the");
  EXPECT_TRUE(tokens[3].stop_word);
  EXPECT_EQ(tokens[3].begin, 0u);
  EXPECT_EQ(tokens[3].end, 15u);
  EXPECT_EQ(tokens[3].position, 0u);
  EXPECT_EQ(tokens[4].term, "the box");
  EXPECT_FALSE(tokens[4].stop_word);
}

}  // namespace
}  // namespace faqsearch::detail
