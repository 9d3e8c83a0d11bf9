// Writes a generated help center (and its queries) as JSON lines, for inspection, for feeding
// other engines the same data, and for checking that a seed always gives the same bytes.
//
// Usage: faqsearch_gen_corpus [--hunspell] ARTICLES [SEED] [QUERIES_OUT]
//   articles go to stdout (faqsearch "jsonl" import format); queries to QUERIES_OUT if given.
//   --hunspell: the sample's words plus Hunspell dictionaries (/usr/share/hunspell), every article
//   public: the articles faqsearch_peerbench generates.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "corpus_generator.h"

int main(int argc, char** argv) {
  using namespace faqsearch::bench;
  const char* argv0 = argv[0];
  const bool hunspell = argc >= 2 && std::string(argv[1]) == "--hunspell";
  if (hunspell) {
    --argc;
    ++argv;
  }
  if (argc < 2 || argc > 4) {
    std::fprintf(stderr, "usage: %s [--hunspell] ARTICLES [SEED] [QUERIES_OUT]\n", argv0);
    return 2;
  }
  try {
    GeneratorOptions options;
    options.articles = std::stoul(argv[1]);
    if (argc >= 3) options.seed = std::stoull(argv[2], nullptr, 0);
    Vocabulary vocab = collect_vocabulary(std::string(FAQSEARCH_SOURCE_DIR) + "/corpus/articles", default_languages());
    if (hunspell) {
      vocab = with_hunspell_words(vocab);
      vocab.audiences = {{faqsearch::kPublicAudience, 1}};  // as faqsearch_peerbench does
    }
    options.vocabulary = std::make_shared<const Vocabulary>(std::move(vocab));
    for (const auto& lv : options.vocabulary->languages) {
      std::fprintf(stderr, "%-8s %6zu words%s\n", lv.lang.c_str(), lv.words.size(),
                   lv.words.empty() ? " (no sample text: left out)" : "");
    }
    write_jsonl(std::cout, generate_articles(options));
    if (argc >= 4) {
      std::ofstream out(argv[3], std::ios::binary);
      write_jsonl(out, generate_queries(options));
      if (!out) throw std::runtime_error(std::string("cannot write ") + argv[3]);
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv0, e.what());
    return 1;
  }
}
