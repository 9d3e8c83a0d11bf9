// SuggestCache (lib/search/suggest.h): the completions it keeps for busy prefixes, and those it
// walks for the others, are the most frequent terms of the prefix's range, as a walk over the
// whole vocabulary finds them.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <random>

#include "search/suggest.h"

namespace faqsearch::detail {
namespace {

/// Every term of `db` longer than `prefix` that starts with it, most frequent first (then in
/// term order), at most `wanted`.
std::vector<std::pair<std::string, Xapian::doccount>> walked(const Xapian::Database& db, const std::string& prefix,
                                                            std::size_t wanted) {
  std::vector<std::pair<std::string, Xapian::doccount>> all;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if ((*it).size() > prefix.size()) all.emplace_back(*it, it.get_termfreq());
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (all.size() > wanted) all.resize(wanted);
  return all;
}

TEST(SuggestCache, CompletionsAreTheMostFrequentOfTheWholeRange) {
  // 1,200 terms under "b" (busy ranges: "b", "ba", "bab"...), a few under "z" (walked), and
  // boolean terms, which are never completions; random frequencies from a fixed seed.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::mt19937 random(7);
  std::vector<std::string> terms;
  const std::vector<std::string> letters = {"a", "b", "c", "d", "é"};
  for (std::size_t i = 0; i < 1200; ++i) {
    std::string term = "b";
    for (std::size_t n = i, k = 0; n > 0 || k < 2; n /= letters.size(), ++k) term += letters[n % letters.size()];
    terms.push_back(term);
  }
  terms.insert(terms.end(), {"zebra", "zero", "zest", "Kbanana", "Qbabble"});
  for (std::size_t d = 0; d < 40; ++d) {
    Xapian::Document doc;
    for (const std::string& term : terms) {
      if (random() % 8 == 0) doc.add_boolean_term(term);
    }
    db.add_document(doc);
  }
  db.commit();

  SuggestCache cache;
  const std::string key = "partitions/public/en\n";  // the cache tells vocabularies apart by name
  for (const std::string prefix : {"b", "ba", "bab", "bé", "bcd", "z", "ze", "K", "q"}) {
    for (const std::size_t wanted : {1U, 5U, 24U, 30U}) {
      const std::vector<TermCount> got = cache.completions(key, db, prefix, wanted);
      const auto expected = walked(db, prefix, wanted);
      std::vector<std::pair<std::string, Xapian::doccount>> as_pairs;
      for (const TermCount& c : got) as_pairs.emplace_back(c.term, c.articles);
      if (prefix == "K") {
        EXPECT_TRUE(got.empty()) << "a boolean term's prefix is completed";
        continue;
      }
      EXPECT_EQ(as_pairs, expected) << prefix << " " << wanted;
    }
  }
}

}  // namespace
}  // namespace faqsearch::detail
