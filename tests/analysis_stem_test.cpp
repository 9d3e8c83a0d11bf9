// Analysis stages 4 and 5: stop words (StopWords) and stemming (WordStemmer, DictionaryStemmer).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "analysis/dictionary_stemmer.h"
#include "analysis/language_table.h"
#include "analysis/orthography.h"
#include "analysis/stop_words.h"
#include "analysis/word_stemmer.h"
#include "faqsearch/error.h"

namespace faqsearch::detail {
namespace {

TEST(StopWordList, AreNormalizedAsTheWordsComparedWithThem) {
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  const StopWords stop("Της How", normalizer, nullptr);
  EXPECT_TRUE(stop.contains("τησ"));  // case folding writes a final sigma as σ
  EXPECT_TRUE(stop.contains("how"));
  EXPECT_FALSE(stop.contains("How"));
}

TEST(StopWordList, FoldedFormsAreStopWordsWhereTheRowFolds) {
  const WordNormalizer normalizer(orthography_rules(Orthography::kStandard).normalizers);
  const DiacriticFolding folding("");
  EXPECT_TRUE(StopWords("jeśli", normalizer, &folding).contains("jesli"));
  EXPECT_FALSE(StopWords("jeśli", normalizer, nullptr).contains("jesli"));
  EXPECT_TRUE(StopWords("jeśli", normalizer, nullptr).contains("jeśli"));
}

TEST(StopWordList, ArabicListIsReadAsArabicWordsAre) {
  const WordNormalizer normalizer(orthography_rules(Orthography::kArabic).normalizers);
  EXPECT_TRUE(StopWords("إلى", normalizer, nullptr).contains("الى"));
}

// A row for the stemmer tests: the columns they read.
LanguageRow row_with(std::string_view stemmer, std::string_view hunspell, Orthography orthography = Orthography::kStandard) {
  return {.tag = "xx", .name = "Test", .orthography = orthography, .stemmer = stemmer, .hunspell = hunspell};
}

struct StemmerFixture : ::testing::Test {
  LemmaSources sources;
  DiacriticFolding folding{""};
  StemmerFixture() { sources.hunspell_directory = "/usr/share/hunspell"; }
};

using Stemmer = StemmerFixture;

TEST_F(Stemmer, SnowballCutsEndings) {
  const LanguageRow row = row_with("english", "");
  WordStemmer stemmer(row, orthography_rules(row.orthography), folding, sources);
  EXPECT_EQ(stemmer.kind(), WordStemmer::Kind::kSnowball);
  EXPECT_EQ(stemmer.name(), "english");
  EXPECT_EQ(stemmer.stem("refunded"), "refund");
  EXPECT_EQ(stemmer.stem("customs"), "custom");
}

TEST_F(Stemmer, OrthographyRepairsSnowballStems) {
  const LanguageRow plain = row_with("arabic", "");
  const LanguageRow arabic = row_with("arabic", "", Orthography::kArabic);
  WordStemmer without(plain, orthography_rules(plain.orthography), folding, sources);
  WordStemmer with(arabic, orthography_rules(arabic.orthography), folding, sources);
  EXPECT_EQ(without.stem("الالكتروني"), "الكترون");
  EXPECT_EQ(with.stem("الالكتروني"), "كترون");
}

TEST_F(Stemmer, NoneLeavesWords) {
  const LanguageRow row = row_with("", "");
  WordStemmer stemmer(row, orthography_rules(row.orthography), folding, sources);
  EXPECT_EQ(stemmer.kind(), WordStemmer::Kind::kNone);
  EXPECT_EQ(stemmer.name(), "");
  EXPECT_EQ(stemmer.stem("refunded"), "refunded");
}

TEST_F(Stemmer, UnknownSnowballStemmerIsAnError) {
  const LanguageRow row = row_with("klingon", "");
  EXPECT_THROW(WordStemmer(row, orthography_rules(row.orthography), folding, sources), Error);
}

TEST_F(Stemmer, DictionaryReplacesSnowballWhenPresent) {
  const LanguageRow row = row_with("english", "pl_PL");
  WordStemmer stemmer(row, orthography_rules(row.orthography), folding, sources);
  EXPECT_EQ(stemmer.kind(), WordStemmer::Kind::kDictionary);
  EXPECT_EQ(stemmer.name(), "hunspell:pl_PL");
  EXPECT_EQ(stemmer.stem("zwrotu"), "zwrot");
  sources.hunspell_directory = "/nonexistent";
  WordStemmer fallback(row, orthography_rules(row.orthography), folding, sources);
  EXPECT_EQ(fallback.kind(), WordStemmer::Kind::kSnowball);
}

// A lemma table and recorder as the index and the searcher attach them.
struct MapTable : LemmaTable {
  std::map<std::string, std::string, std::less<>> lemmas_of;
  std::optional<std::string> find(std::string_view, std::string_view word) override {
    const auto it = lemmas_of.find(word);
    return it == lemmas_of.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::unordered_set<std::string> lemmas(std::string_view) override {
    std::unordered_set<std::string> out;
    for (const auto& [word, lemma] : lemmas_of) out.insert(lemma);
    return out;
  }
  [[nodiscard]] std::string scope() const override { return "test"; }
  std::string version(std::string_view) override { return "1"; }
};

struct ListRecorder : LemmaRecorder {
  std::vector<std::pair<std::string, std::string>> pairs;
  bool record(std::string_view word, std::string_view lemma) override {
    pairs.emplace_back(word, lemma);
    return true;
  }
};

TEST_F(Stemmer, DictionaryReadsTheLemmaTableFirst) {
  MapTable table;
  table.lemmas_of = {{"zwrotu", "from-table"}};
  sources.table = &table;
  sources.unseen_words = UnseenWords::kUnchanged;
  DictionaryStemmer stemmer("pl_PL", folding, true, sources);
  EXPECT_EQ(stemmer.stem("zwrotu"), "from-table");
  EXPECT_EQ(stemmer.stem("paczki"), "paczki");  // unseen, unchanged
  sources.unseen_words = UnseenWords::kLoadDictionary;
  EXPECT_EQ(stemmer.stem("paczki"), "paczka");
}

TEST_F(Stemmer, DictionaryReportsLemmasAndTheFormTypedWithoutMarks) {
  ListRecorder recorder;
  sources.recorder = &recorder;
  DictionaryStemmer stemmer("pl_PL", folding, true, sources);
  EXPECT_EQ(stemmer.stem("płatności"), "płatność");
  const std::vector<std::pair<std::string, std::string>> expected{{"płatności", "płatność"},
                                                                   {"platnosci", "płatność"}};
  EXPECT_EQ(recorder.pairs, expected);
}

}  // namespace
}  // namespace faqsearch::detail
