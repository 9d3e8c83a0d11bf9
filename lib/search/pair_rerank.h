// Word pairs rerank the top of the words' ranking (index/word_pairs.h says why pairs are not
// terms). An article's pairs are read from the positions of their words: a pair occurs where its
// second word stands right after its first. Measured at 100k generated articles against reading
// a stored set of pair hashes per article (which cost 75 MiB of the index): p50 333–344 µs
// against 333–342, p99 1800–1850 against 1720–1740, MRR@10 equal to ±0.0007.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "search/query_builder.h"

namespace faqsearch::detail {

/// The query pairs of one language and the partitions holding that language's articles.
struct LanguagePairs {
  std::vector<QueryPair> pairs;
  /// Partitions of the language among those searched: their pair frequencies are summed.
  std::vector<Xapian::Database> partitions;
};

/// Scores articles by the query's word pairs as Xapian's BM25Weight (search/ranking.h parameters)
/// would score the pairs as terms of `combined`: the pair's idf from its document frequency
/// over the partitions searched, its frequency in the article (an occurrence in the title counts
/// `title_boost`, as a title term's does), the article's length against the average. Not
/// thread-safe: one per search.
class PairScorer {
 public:
  /// `language_of_database[k]` indexes `languages` for the k-th database of `combined` (the order
  /// they were added in), or is -1 for a database whose articles get no pair score.
  PairScorer(const Xapian::Database& combined, std::vector<LanguagePairs> languages,
             std::vector<int> language_of_database, unsigned title_boost);

  /// Whether any language has a pair whose frequency is not zero: if not, reranking changes
  /// nothing and can be skipped.
  [[nodiscard]] bool active() const { return active_; }

  /// The pair score of document `did` of `combined`.
  double score(Xapian::docid did) const;

  /// More than score() can return for any document: each pair's BM25 weight is below its idf
  /// part. Lets a rerank stop at the first article that even this could not lift into the page.
  [[nodiscard]] double bound() const { return bound_; }

 private:
  struct ScoredPair {
    std::vector<std::pair<std::string, std::string>> words;  // each alternative's two terms
    double termweight;  // BM25's idf part, scale and query frequency folded in
  };
  const Xapian::Database& combined_;
  std::vector<std::vector<ScoredPair>> languages_;
  std::vector<int> language_of_database_;
  double length_factor_ = 0;  // 1 / average length
  unsigned title_boost_;
  double bound_ = 0;
  bool active_ = false;
};

}  // namespace faqsearch::detail
