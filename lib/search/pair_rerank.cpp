#include "search/pair_rerank.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "index/schema.h"
#include "index/word_pairs.h"
#include "search/ranking.h"
#include "search/search_plan.h"

namespace faqsearch::detail {
namespace {

// Title positions run from 1, and the body's start kBodyPositionGap after the title's last: below
// this, a position is the title's (exact for titles of up to kBodyPositionGap words).
constexpr Xapian::termpos kBodyFirstPosition = kBodyPositionGap + 1;

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
                       std::vector<int> language_of_database, unsigned title_boost)
    : combined_(combined), language_of_database_(std::move(language_of_database)), title_boost_(title_boost) {
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
      ScoredPair sp{{}, bm25_termweight(frequency, documents, pair.scale, pair.wqf)};
      for (const auto& text : pair.texts) {
        const auto space = text.find(' ');
        if (space != std::string::npos) sp.words.emplace_back(text.substr(0, space), text.substr(space + 1));
      }
      scored.push_back(std::move(sp));
    }
    active_ = active_ || !scored.empty();
    double most = 0;
    for (const ScoredPair& pair : scored) most += pair.termweight;
    bound_ = std::max(bound_, most);
    languages_.push_back(std::move(scored));
  }
}

double PairScorer::score(Xapian::docid did) const {
  if (language_of_database_.empty()) return 0;
  const int language = language_of_database_[database_of(did, language_of_database_.size())];
  if (language < 0 || languages_[static_cast<std::size_t>(language)].empty()) return 0;
  const double normalized_length =
      std::max(static_cast<double>(combined_.get_doclength(did)) * length_factor_, kBm25MinNormalizedLength);
  const double length_part = kBm25K1 * (normalized_length * kBm25B + (1 - kBm25B));
  // A word's positions are read once per article, however many pairs it is part of.
  std::map<std::string, std::vector<Xapian::termpos>, std::less<>> positions_of;
  const auto positions = [&](const std::string& term) -> const std::vector<Xapian::termpos>& {
    auto [it, fresh] = positions_of.try_emplace(term);
    if (fresh) {
      for (auto p = combined_.positionlist_begin(did, term); p != combined_.positionlist_end(did, term); ++p) {
        it->second.push_back(*p);
      }
    }
    return it->second;
  };
  double total = 0;
  for (const ScoredPair& pair : languages_[static_cast<std::size_t>(language)]) {
    double wdf = 0;
    for (const auto& [first, second] : pair.words) {
      const auto& a = positions(first);
      if (a.empty()) continue;
      const auto& b = positions(second);
      auto next = b.begin();
      for (const Xapian::termpos p : a) {
        while (next != b.end() && *next <= p) ++next;
        if (next == b.end()) break;
        if (*next == p + 1) wdf += p < kBodyFirstPosition ? title_boost_ : 1;
      }
    }
    if (wdf > 0) total += pair.termweight * wdf / (length_part + wdf);
  }
  return total;
}

}  // namespace faqsearch::detail
