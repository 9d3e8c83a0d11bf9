#include "search/rank_stage.h"

#include <algorithm>
#include <functional>
#include <queue>

#include "index/document_codec.h"
#include "index/schema.h"
#include "search/pair_rerank.h"
#include "search/ranking.h"
#include "search/served_filter.h"
#include "search/signal_boost.h"
#include "search/signal_table.h"
#include "search/title_coverage.h"

namespace faqsearch::detail {

Xapian::BM25Weight ranking_weight() {
  return Xapian::BM25Weight(kBm25K1, 0, kBm25K3, kBm25B, kBm25MinNormalizedLength);
}

namespace {

/// The words' ranking of the articles from `first` to `fetched`, the top `pair_window` of it
/// scored by words and pairs together. Articles come in falling word scores: once the most pairs
/// could add leaves one at or below a page's worth of best scores so far, no later one can reach
/// the top `limit`, and their positions are never read: they keep their words' scores. What is
/// scored depends on the page size, never on the offset.
std::vector<RankedArticle> score_words_and_pairs(const FilteredMatches& matches, const PairScorer& pairs,
                                                 Xapian::doccount pair_window, Xapian::doccount limit, bool from_top) {
  std::vector<RankedArticle> ranked;
  ranked.reserve(matches.kept.size());
  std::priority_queue<double, std::vector<double>, std::greater<>> best;
  bool scoring = pairs.active() && from_top;
  for (const Xapian::doccount index : matches.kept) {
    const Xapian::MSetIterator it = matches.mset[index];
    const double words = it.get_weight();
    scoring = scoring && ranked.size() < pair_window &&
              (best.size() < limit || best.empty() || words + pairs.bound() > best.top());
    const double score = scoring ? words + pairs.score(*it) : words;
    ranked.push_back({*it, score, it.get_document(), {}, {}});
    if (!scoring) continue;
    best.push(score);
    if (best.size() > limit) best.pop();
  }
  return ranked;
}

/// Chooses the translation each article of [begin, end) is served in.
void choose_translations(const SearchPlan& plan, std::vector<RankedArticle>::iterator begin,
                         std::vector<RankedArticle>::iterator end) {
  for (auto entry = begin; entry != end; ++entry) entry->served = served_translation(plan, entry->did, entry->document);
}

/// Multiplies the weights of [begin, end) by their help-center signals' factor.
void boost_signals(const SearchPlan& plan, std::vector<RankedArticle>::iterator begin,
                   std::vector<RankedArticle>::iterator end) {
  const long today = today_in_days();
  const std::size_t n = plan.partitions.size();
  for (auto entry = begin; entry != end; ++entry) {
    const std::size_t k = database_of(entry->did, n);
    const SignalTable::Entry& signals = plan.signals->entry(plan.partitions[k], plan.databases[k], local_docid(entry->did, n));
    entry->weight *= signal_factor(signals.signals(), signals.updated(), today);
  }
}

/// The page in a value's order (SearchSort other than kRelevance): no rerank, which would move
/// articles out of that order.
Ranking rank_by_value(Xapian::Enquire& enquire, const SearchPlan& plan, const SearchRequest& request,
                      const ServedLanguageFilter& languages) {
  if (request.sort == SearchSort::kUpdated) {
    enquire.set_sort_by_value_then_relevance(kSlotUpdatedAt, true);  // newest first
  } else {
    enquire.set_sort_by_value_then_relevance(kSlotSectionPosition, false);
  }
  const auto offset = static_cast<Xapian::doccount>(request.offset);
  const auto limit = static_cast<Xapian::doccount>(request.limit);
  const FilteredMatches matches = served_matches(enquire, languages, offset, limit, offset + limit + 1);
  Ranking out;
  out.total = matches.total;
  for (const Xapian::doccount index : matches.kept) {
    const Xapian::MSetIterator it = matches.mset[index];
    RankedArticle entry{*it, it.get_weight(), it.get_document(), {}, {}};
    if (plan.serves_by_preference()) entry.served = served_translation(plan, entry.did, entry.document);
    out.page.push_back(std::move(entry));
  }
  return out;
}

/// Multiplies the weights of [begin, end) by their title coverage. A first page reads the stored
/// articles of its window anyway (it shows them): no extra reads.
void boost_title_coverage(const SearchPlan& plan, const PlanQuery& query, std::vector<RankedArticle>::iterator begin,
                          std::vector<RankedArticle>::iterator end) {
  for (auto entry = begin; entry != end; ++entry) {
    const auto* terms = query.terms_of(plan.partition_of(entry->did).lang);
    if (terms == nullptr) continue;
    entry->stored = entry->document.get_value(kSlotArticle);
    entry->weight *= title_coverage_boost(title_coverage(decode_stored_title_words(entry->stored), *terms));
  }
}

}  // namespace

Ranking rank(const SearchPlan& plan, const PlanQuery& query, const SearchRequest& request, unsigned title_boost) {
  const ServedLanguageFilter languages(plan);
  Xapian::Enquire enquire(plan.combined);
  enquire.set_query(languages.restricted(query.query));
  enquire.set_weighting_scheme(ranking_weight());
  // One hit per article; reading every candidate's id costs, so only where translations can meet.
  if (query.languages_with_words > 1) enquire.set_collapse_key(kSlotArticleId);
  if (request.sort != SearchSort::kRelevance) return rank_by_value(enquire, plan, request, languages);
  const auto offset = static_cast<Xapian::doccount>(request.offset);
  const auto limit = static_cast<Xapian::doccount>(request.limit);
  const PairScorer pairs(plan.combined, query.pairs, query.language_of_database, title_boost);
  // Without pairs to score, only the title window and the page are fetched: a deeper MSet costs
  // the matcher.
  const Xapian::doccount pair_window = pairs.active() ? std::max(limit, kPairRerankWindow) : 0;
  const Xapian::doccount fetched = std::max({pair_window, kTitleRerankWindow, offset + limit});
  // A page below both windows is in the words' order (a rerank only raises scores, so the windows'
  // articles stay above it): only the page is fetched, and nothing is reranked.
  const Xapian::doccount first = offset >= std::max(pair_window, kTitleRerankWindow) ? offset : 0;
  const FilteredMatches matches = served_matches(enquire, languages, first, fetched - first, fetched + 1);
  Ranking out;
  out.total = matches.total;
  std::vector<RankedArticle> ranked = score_words_and_pairs(matches, pairs, pair_window, limit, first == 0);

  // Stable: equal scores keep Xapian's order, but for a native article before a fallback.
  const auto by_weight = [](const RankedArticle& a, const RankedArticle& b) {
    return a.weight > b.weight || (a.weight == b.weight && !a.served.fallback && b.served.fallback);
  };
  const auto window_end = [&](Xapian::doccount window) {
    return ranked.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(window, ranked.size()));
  };
  const auto rerank_end = window_end(first == 0 ? std::max(pair_window, kTitleRerankWindow) : 0);
  if (plan.serves_by_preference()) choose_translations(plan, ranked.begin(), rerank_end);
  boost_signals(plan, ranked.begin(), rerank_end);
  std::stable_sort(ranked.begin(), rerank_end, by_weight);
  const auto title_window_end = window_end(first == 0 ? kTitleRerankWindow : 0);
  boost_title_coverage(plan, query, ranked.begin(), title_window_end);
  std::stable_sort(ranked.begin(), title_window_end, by_weight);

  const std::size_t page_begin = offset - first;
  for (std::size_t i = page_begin; i < ranked.size() && i < page_begin + limit; ++i) {
    out.page.push_back(std::move(ranked[i]));
  }
  return out;
}

}  // namespace faqsearch::detail
