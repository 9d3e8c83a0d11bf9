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

}  // namespace
}  // namespace faqsearch
