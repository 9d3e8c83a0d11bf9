// Why a search found nothing, or served only fallbacks (SearchResults::diagnosis). Runs after
// the rank stage, and only then: a search that found articles in the languages asked for pays
// for one check at most. Every count comes from partitions of the audiences the caller may see.
#pragma once

#include <optional>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "search/query_stage.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

class SynonymTable;

/// What a diagnosis reads besides the search's own plan and query.
struct DiagnosisInput {
  Analyzer& analyzer;
  SynonymTable& synonyms;
  PlanContext& context;
  const SearchRequest& request;
  /// The search's matching articles (SearchResults::total) and correction.
  std::size_t total = 0;
  const std::optional<QueryCorrection>& correction;
  /// Whether the page served holds an article in a language asked for: then no match is a
  /// fallback-only one, and no check need say so.
  bool served_preferred = false;
};

/// The diagnosis of a search of `plan` with `query`, or none when it found articles in the
/// languages asked for (any, when it named none), or the query has no word at all. Reasons are
/// tried in the order: filters removed every match, matches only in other languages, a
/// correction finds articles, only stop words were typed, nothing anywhere.
std::optional<Diagnosis> diagnose(const DiagnosisInput& input, const SearchPlan& plan, const PlanQuery& query);

}  // namespace faqsearch::detail
