// Related articles (Searcher::related): the article's own most telling terms, chosen by
// Xapian's relevance-set expansion over the partition holding it (probabilistic term selection:
// terms frequent in the article and rare in the partition), searched as a query in the plan's
// partitions, the article and its translations left out. Everything is read from partitions
// the caller may see: an article they may not see has no related list.
#pragma once

#include <optional>
#include <string>

#include "search/query_stage.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

/// Terms of the article taken into its related query.
inline constexpr Xapian::termcount kRelatedTerms = 24;

/// The query of the articles related to article `id`, or none when no partition of `plan.visible`
/// holds it. Its terms come from the translation in the first of `plan.languages` that has one
/// (else any visible one); the query matches only other articles.
std::optional<PlanQuery> related_query(const SearchPlan& plan, const std::string& id, const SearchRequest& request);

}  // namespace faqsearch::detail
