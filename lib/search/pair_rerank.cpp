#include "search/pair_rerank.h"

#include <algorithm>
#include <cmath>

#include "index/schema.h"
#include "index/word_pairs.h"
#include "search/ranking.h"

namespace faqsearch::detail {
namespace {

// BM25Weight's query-frequency parameter k3, as ranking_weight() sets it.
constexpr double kBm25K3 = 1.0;

// Xapian::BM25Weight::init's idf part for a term of `frequency` documents out of `documents`,
// with the scale of OP_SCALE_WEIGHT and the query frequency folded in.
double bm25_termweight(double frequency, double documents, double scale, Xapian::termcount wqf) {
  double tw = (documents - frequency + 0.5) / (frequency + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;  // as Xapian: no negative weight for a very common term
  const double q = static_cast<double>(wqf);
  return std::log(tw) * scale * ((kBm25K3 + 1) * q / (kBm25K3 + q)) * (kBm25K1 + 1);
}

}  // namespace

PairScorer::PairScorer(const Xapian::Database& combined, std::vector<LanguagePairs> languages,
                       std::vector<int> language_of_database)
    : combined_(combined), language_of_database_(std::move(language_of_database)) {
  const double documents = combined.get_doccount();
  const double average = combined.get_avlength();
  length_factor_ = average > 0 ? 1 / average : 0;
  for (const LanguagePairs& language : languages) {
    std::vector<ScoredPair> scored;
    for (const QueryPair& pair : language.pairs) {
      // Alternatives score as one OP_SYNONYM term, whose frequency Xapian estimates as that of
      // an OR: each further alternative adds its documents less the expected overlap.
      double frequency = 0;
      for (const std::uint32_t hash : pair.hashes) {
        double n = 0;
        for (const Xapian::Database& partition : language.partitions) n += pair_frequency(partition, hash);
        frequency = documents > 0 ? frequency + n - frequency * n / documents : 0;
      }
      if (frequency <= 0) continue;  // no article has it
      scored.push_back({pair.hashes, bm25_termweight(frequency, documents, pair.scale, pair.wqf)});
    }
    active_ = active_ || !scored.empty();
    languages_.push_back(std::move(scored));
  }
}

double PairScorer::score(Xapian::docid did, const Xapian::Document& document) const {
  if (language_of_database_.empty()) return 0;
  // Xapian interleaves the docids of a combined database: docid d of database k (of n) is
  // (d - 1) * n + k + 1.
  const int language = language_of_database_[(did - 1) % language_of_database_.size()];
  if (language < 0 || languages_[static_cast<std::size_t>(language)].empty()) return 0;
  const std::string stored = document.get_value(kSlotWordPairs);
  if (stored.empty()) return 0;
  const PairSet pairs = decode_pair_set(stored);
  const double normalized_length =
      std::max(static_cast<double>(combined_.get_doclength(did)) * length_factor_, kBm25MinNormalizedLength);
  const double length_part = kBm25K1 * (normalized_length * kBm25B + (1 - kBm25B));
  double total = 0;
  for (const ScoredPair& pair : languages_[static_cast<std::size_t>(language)]) {
    double wdf = 0;
    for (const std::uint32_t hash : pair.hashes) {
      auto it = std::lower_bound(pairs.begin(), pairs.end(), hash,
                                 [](const auto& entry, std::uint32_t h) { return entry.first < h; });
      if (it != pairs.end() && it->first == hash) wdf += it->second;
    }
    if (wdf > 0) total += pair.termweight * wdf / (length_part + wdf);
  }
  return total;
}

}  // namespace faqsearch::detail
