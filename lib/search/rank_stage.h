// The third stage of a search: ranking. BM25 over the query's words (Xapian), translations of
// one article collapsed to the best-scoring one, then reranks of the top (search/ranking.h has
// every constant): word pairs and help-center signals (search/signal_boost.h) over the top
// kPairRerankWindow, articles served in the shopper's language raised above fallbacks there too,
// title coverage over the top kTitleRerankWindow. The windows are fixed positions whatever the
// offset, so pages of one size cut one order: no article shows twice or is skipped. A sort by
// recency or position (SearchSort) is Xapian's sort by value, with no rerank.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "faqsearch/search.h"
#include "search/query_stage.h"
#include "search/search_plan.h"
#include "search/translations.h"

namespace faqsearch::detail {

/// An article of the page, ranked.
struct RankedArticle {
  Xapian::docid did = 0;  ///< of the plan's combined database
  double weight = 0;
  Xapian::Document document;
  std::string stored;  ///< the stored article (kSlotArticle), once read; empty until then
  /// The translation the hit shows; did 0 until chosen (the rerank window chooses it).
  ServedTranslation served;
};

/// The requested page and what the matcher estimated.
struct Ranking {
  std::vector<RankedArticle> page;
  Xapian::doccount total = 0;  ///< matching articles (SearchResults::total)
};

/// BM25 with the parameters of search/ranking.h: what every pass over the matches weighs with.
Xapian::BM25Weight ranking_weight();

/// Ranks the articles of `plan` that `query` matches and returns the page `request` asks for
/// (offset, limit). `title_boost`: the index's (IndexSettings), as the pairs' title weight.
Ranking rank(const SearchPlan& plan, const PlanQuery& query, const SearchRequest& request, unsigned title_boost);

}  // namespace faqsearch::detail
