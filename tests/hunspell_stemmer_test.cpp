// HunspellStemmer (analysis/hunspell_stemmer.h) on dictionaries the test writes itself, so it
// needs no dictionary package.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "analysis/hunspell_stemmer.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Hunspell's UTF-8 dictionaries count themselves in and out of a table global to the library,
// unguarded: dictionaries opened and closed on several threads at once (searchers of different
// SharedResources, an index writer's workers) leaked it, freed it twice or freed it under one
// another. The sanitizer build is the one that sees those; every build checks the lookups.
TEST(HunspellStemmer, DictionariesOpenedAndClosedOnManyThreadsAtOnce) {
  const ScratchDir dir;
  write_file(dir.path() / "tiny.aff", "SET UTF-8\nTRY aeiou\n");
  write_file(dir.path() / "tiny.dic", "3\nsklep\nzwrot\nzamówienie\n");
  const auto identity = [](std::string_view word) { return std::string(word); };

  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < kRounds; ++round) {
        auto stemmer = detail::HunspellStemmer::open("tiny", dir.path().string(), identity);
        if (!stemmer || !stemmer->spells("zamówienie") || stemmer->spells("zamowienie")) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

// The alphabet did-you-mean puts a lost letter back from: the TRY line's letters and marks in
// lower case, each once, in its order, read in the dictionary's own encoding.
TEST(HunspellStemmer, LettersAreTheTryLinesInLowerCase) {
  const ScratchDir dir;
  struct Row {
    std::string name, aff;
    std::u32string letters;
  };
  const std::vector<Row> rows = {
      {"utf8", "SET UTF-8\nTRY eaIıŞş-'.Ee\n", U"eaiış"},
      {"latin2", "SET ISO8859-2\nTRY a\xB3\xA3z\n", U"ałz"},  // ł and Ł in ISO 8859-2
      {"hindi", "SET UTF-8\nTRY \xE0\xA4\xBE\xE0\xA4\x95\n", U"\u093E\u0915"},  // a vowel sign (a mark), ka
      {"none", "SET UTF-8\n", U""},
  };
  const auto identity = [](std::string_view word) { return std::string(word); };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    write_file(dir.path() / (row.name + ".aff"), row.aff);
    write_file(dir.path() / (row.name + ".dic"), "1\nsklep\n");
    auto stemmer = detail::HunspellStemmer::open(row.name, dir.path().string(), identity);
    ASSERT_TRUE(stemmer);
    EXPECT_TRUE(stemmer->letters() == row.letters);
  }
}

}  // namespace
}  // namespace faqsearch
