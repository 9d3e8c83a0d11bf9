// Hostile queries at the query limits (search/query_limits.h), timed in process.
//
// The reliability target is that every query the limits let through is answered in under 20 ms,
// with or without a language. This program indexes a folder of articles (any format `faqsearch
// index` reads: the sample help center, or a BEIR set of ../shared/data/eval such as xquad_r with
// its eleven languages), builds queries of each hostile shape from the index's own words, and
// prints the median and the slowest of several runs of each, without a language and with one.
//
// Usage: faqsearch_hostile_bench ARTICLES [--db DIR] [--runs N] [--no-expansions] [--suggest]
//   ARTICLES  a file or folder of articles; indexed into a temporary directory unless --db names
//             an index already built from it
//   --runs N  runs of each query (default 7); the first, which opens partitions, is not counted
//   --suggest time Searcher::suggest (5 completions, 5 titles) of each text instead of a search
//   --no-expansions  without typo tolerance and completion (what they cost)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "faqsearch/faqsearch.h"
#include "analysis/utf8.h"
#include "search/keyboard_layouts.h"

namespace {

namespace fs = std::filesystem;

struct Shape {
  std::string name;
  std::string query;
};

/// Words of the articles' bodies per language (ASCII letters or any non-ASCII byte, 4+ bytes).
std::map<std::string, std::vector<std::string>> words_by_language(const std::vector<faqsearch::Article>& articles) {
  std::map<std::string, std::set<std::string>> seen;
  for (const auto& a : articles) {
    std::string word;
    for (const char c : a.body + ' ') {
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x80 || std::isalpha(u)) {
        word += c;
      } else {
        if (word.size() >= 4 && word.size() <= 24) seen[a.lang].insert(word);
        word.clear();
      }
    }
  }
  std::map<std::string, std::vector<std::string>> out;
  for (auto& [lang, words] : seen) out[lang].assign(words.begin(), words.end());
  return out;
}

/// Appends words from `next` while the query stays within the byte and word limits.
std::string fill(const std::function<std::string(std::size_t)>& next, std::size_t max_words = faqsearch::kMaxQueryWords) {
  std::string query;
  for (std::size_t i = 0; i < max_words; ++i) {
    const std::string word = next(i);
    if (query.size() + word.size() + 1 > faqsearch::kMaxQueryBytes) break;
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

std::vector<Shape> hostile_shapes(const std::map<std::string, std::vector<std::string>>& words) {
  std::mt19937 random(42);
  std::vector<std::string> all;  // every language's words, interleaved
  for (const auto& [lang, list] : words) {
    for (std::size_t i = 0; i < list.size() && i < 2000; ++i) all.push_back(list[i]);
  }
  std::shuffle(all.begin(), all.end(), random);
  const auto pick = [&](std::size_t i) { return all[(i * 7919) % all.size()]; };
  const auto typo = [&](std::size_t i) {
    std::string w = pick(i);
    std::swap(w[1], w[2]);  // a transposition inside the word: one edit, same first letter
    return w;
  };
  std::vector<Shape> shapes;
  shapes.push_back({"128 unknown words", fill([](std::size_t i) { return "qz" + std::to_string(i) + "xv"; })});
  shapes.push_back({"128 typos", fill(typo)});
  shapes.push_back({"128 known words", fill(pick)});
  // A letter lost inside words of 6 letters or more: the slip repair puts a letter back, a try per
  // letter of the dictionary's alphabet and place (lib/search/slip_repairs.cpp).
  std::vector<std::string> long_words;
  std::copy_if(all.begin(), all.end(), std::back_inserter(long_words),
               [](const std::string& w) { return faqsearch::detail::decode_utf8(w).size() >= 6; });
  if (!long_words.empty()) {
    shapes.push_back({"128 letters lost", fill([&](std::size_t i) {
                        std::u32string w = faqsearch::detail::decode_utf8(long_words[(i * 7919) % long_words.size()]);
                        return faqsearch::detail::encode_utf8(w.erase(w.size() / 2, 1));
                      })});
  }
  shapes.push_back({"128 prefixes", fill([&](std::size_t i) { return pick(i).substr(0, 3); })});
  // Known Latin-script words typed with ЙЦУКЕН active: every word read back (layout fixes are
  // not limited to the corrected words' count), then checked.
  std::vector<std::string> latin;
  std::copy_if(all.begin(), all.end(), std::back_inserter(latin), [](const std::string& w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
  });
  if (!latin.empty()) {
    shapes.push_back({"128 words on the other layout", fill([&](std::size_t i) {
                        return faqsearch::detail::qwerty_to_layout(latin[(i * 7919) % latin.size()],
                                                                   faqsearch::detail::KeyboardLayout::kRussian);
                      })});
  }
  std::string phrases;
  for (std::size_t p = 0; p < faqsearch::kMaxQueryPhrases; ++p) {
    phrases += '"' + pick(3 * p) + ' ' + pick(3 * p + 1) + ' ' + pick(3 * p + 2) + "\" ";
  }
  shapes.push_back({"8 phrases", phrases});
  shapes.push_back({"8 phrases of typos", [&] {
                      std::string q;
                      for (std::size_t p = 0; p < faqsearch::kMaxQueryPhrases; ++p) q += '"' + typo(2 * p) + ' ' + typo(2 * p + 1) + "\" ";
                      return q;
                    }()});
  shapes.push_back({"2048 bytes, one word", std::string(faqsearch::kMaxQueryBytes, 'x')});
  // Han text has no spaces: every character is a unigram and every two a bigram.
  const std::string han_characters[] = {"\u65e5", "\u672c", "\u8a9e", "\u9000", "\u8d27", "\u8ba2", "\u5355"};
  std::string han;
  for (std::size_t i = 0; han.size() + 3 <= faqsearch::kMaxQueryBytes; ++i) han += han_characters[(i * 5) % 7];
  shapes.push_back({"2048 bytes of Han", han});
  return shapes;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s ARTICLES [--db DIR] [--runs N] [--no-expansions] [--suggest]\n", argv[0]);
    return 2;
  }
  const fs::path articles_path = argv[1];
  fs::path db;
  int runs = 7;
  bool expansions = true;
  bool suggest = false;  // the search box's suggestions (5 completions, 5 titles) instead
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-expansions") == 0) expansions = false;
    if (std::strcmp(argv[i], "--suggest") == 0) suggest = true;
    if (i + 1 == argc) break;
    if (std::strcmp(argv[i], "--db") == 0) db = argv[i + 1];
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(2, std::atoi(argv[i + 1]));
  }
  try {
    std::vector<faqsearch::Article> articles;
    faqsearch::read_articles(
        articles_path, {}, [&](faqsearch::Article&& a, const faqsearch::SourceLocation&) { articles.push_back(std::move(a)); },
        [](const faqsearch::ImportProblem&) {});
    fs::path temp;
    if (db.empty()) {
      std::string pattern = (fs::temp_directory_path() / "faqsearch-hostile-XXXXXX").string();
      if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
      temp = pattern;
      db = temp / "index";
      auto builder = faqsearch::IndexBuilder::create(db);
      for (const auto& a : articles) builder.add(a);
      builder.finish();
    }
    faqsearch::Searcher searcher(db);
    const auto languages = searcher.languages();
    const std::string one_language = languages.empty() ? "en" : languages.front();
    std::printf("%zu articles in %zu languages; %d runs each (median, slowest), ms\n\n", articles.size(),
                languages.size(), runs - 1);
    std::printf("| query | bytes | no language | | --lang %s | |\n|---|---|---|---|---|---|\n", one_language.c_str());
    for (const Shape& shape : hostile_shapes(words_by_language(articles))) {
      std::printf("| %s | %zu", shape.name.c_str(), shape.query.size());
      for (const bool with_language : {false, true}) {
        faqsearch::SearchRequest request;
        request.query = shape.query;
        request.typo_tolerance = request.prefix_last_word = expansions;
        if (with_language) request.languages = {one_language};
        faqsearch::SuggestRequest box;
        box.text = request.query;
        box.languages = request.languages;
        std::vector<double> ms;
        for (int r = 0; r < runs; ++r) {
          const auto start = std::chrono::steady_clock::now();
          try {
            if (suggest) {
              (void)searcher.suggest(box);
            } else {
              (void)searcher.search(request);
            }
          } catch (const faqsearch::InvalidArgument& e) {
            std::printf(" | refused: %s", e.what());
            break;
          }
          const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
          if (r > 0) ms.push_back(elapsed);
        }
        if (!ms.empty()) std::printf(" | %.2f | %.2f", median(ms), *std::max_element(ms.begin(), ms.end()));
      }
      std::printf(" |\n");
    }
    if (!temp.empty()) fs::remove_all(temp);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "faqsearch_hostile_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
