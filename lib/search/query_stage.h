// The second stage of a search: the plan's query. The shopper's text is analyzed once per
// language of the plan (search/query_builder.h), each language's query matching only that
// language's articles, its word pairs kept aside for the rank stage.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "search/pair_rerank.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

class SynonymTable;

/// The query of one plan. Plain data.
struct PlanQuery {
  /// Every language's query OR-ed, filtered by the request's categories and tags; empty
  /// (Xapian::Query()) when the text has no searchable word in any language.
  Xapian::Query query;
  /// Terms to highlight and to measure title coverage with, per language.
  std::map<std::string, std::unordered_set<std::string>> terms_of_language;
  /// Word pairs per language, for PairScorer.
  std::vector<LanguagePairs> pairs;
  /// For PairScorer: the index into `pairs` of each database of the plan, or -1.
  std::vector<int> language_of_database;

  /// The terms of `lang`, or null when the query had none in it.
  [[nodiscard]] const std::unordered_set<std::string>* terms_of(const std::string& lang) const {
    const auto found = terms_of_language.find(lang);
    return found == terms_of_language.end() ? nullptr : &found->second;
  }
};

/// Builds the query of `plan` for `request.query`: expansions (typos, completions, compounds)
/// from each language's partitions of the plan, `synonyms` of each language. A search of many
/// languages shares one budget of unknown words among them.
PlanQuery build_plan_query(Analyzer& analyzer, SynonymTable& synonyms, const SearchRequest& request,
                           const SearchPlan& plan);

/// Whether `query` matches any article of `plan` (the matcher stops at the first).
bool matches_any(const SearchPlan& plan, const Xapian::Query& query);

}  // namespace faqsearch::detail
