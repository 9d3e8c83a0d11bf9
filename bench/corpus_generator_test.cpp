// The generator's vocabulary and queries are made of words: every engine must accept every
// generated query (a query of two words and what lay between them in a Markdown table, with a
// newline in it, once stopped Lucene++'s query parser halfway through a 100k run).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "corpus_generator.h"

namespace faqsearch::bench {
namespace {

bool has_space_or_control(const std::string& s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ') return true;
  }
  return false;
}

TEST(CorpusGenerator, VocabularyAndQueriesAreWords) {
  const auto vocabulary = std::make_shared<const Vocabulary>(
      collect_vocabulary(std::string(FAQSEARCH_SOURCE_DIR) + "/corpus/articles", default_languages()));
  std::size_t words = 0;
  for (const auto& lv : vocabulary->languages) {
    for (const auto& w : lv.words) {
      ++words;
      EXPECT_FALSE(has_space_or_control(w.text)) << lv.lang << ": \"" << w.text << "\"";
    }
  }
  EXPECT_GT(words, 1000U);
  GeneratorOptions options;
  options.vocabulary = vocabulary;
  options.queries = 3000;
  for (const auto& q : generate_queries(options)) {
    for (const char c : q.text) {
      EXPECT_GE(static_cast<unsigned char>(c), 0x20) << q.text;
    }
  }
}

}  // namespace
}  // namespace faqsearch::bench
