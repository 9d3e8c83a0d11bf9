// Facet counts (SearchRequest::facets): matching articles per category, section, tag and served
// language, each article once, over the partitions the caller may see. Counted over the best
// kMaxFacetMatches matching translations, in a pass of its own per filtered field, so that a
// field's counts ignore its own filter (disjunctive counts: a shop's checkbox list keeps its other
// options).
#pragma once

#include "faqsearch/search.h"
#include "search/facet_table.h"
#include "search/query_stage.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

/// The facet counts of `query` over `plan`, with its filters and the plan's served-language
/// filter; each match's facet values and article from `table` (the Searcher's, of the plan's
/// generation).
FacetCounts count_facets(const SearchPlan& plan, const PlanQuery& query, FacetTable& table);

}  // namespace faqsearch::detail
