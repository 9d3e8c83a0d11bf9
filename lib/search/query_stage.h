// The second stage of a search: the plan's query. The shopper's text is analyzed once per
// language of the plan (search/query_builder.h), each language's query matching only that
// language's articles, its word pairs kept aside for the rank stage.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "search/pair_rerank.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

class SynonymTable;

/// The fields a request filters on by terms (the served language is filtered apart:
/// served_filter.h).
enum class FilterField : std::uint8_t { kCategory, kSection, kTag };

/// The query of one plan. Plain data.
struct PlanQuery {
  /// Every language's query OR-ed; empty (Xapian::Query()) when the text has no searchable word
  /// in any language.
  Xapian::Query text;
  /// The request's active filters: values of one field OR-ed.
  std::map<FilterField, Xapian::Query> filters;
  /// `text` filtered by every filter: what the ranking runs.
  Xapian::Query query;
  /// How many of the plan's languages have a query: with one, no article can match twice (an
  /// id is unique within a language, across audiences).
  std::size_t languages_with_words = 0;
  /// Terms to highlight and to measure title coverage with, per language.
  std::map<std::string, std::unordered_set<std::string>> terms_of_language;
  /// Word pairs per language, for PairScorer.
  std::vector<LanguagePairs> pairs;
  /// For PairScorer: the index into `pairs` of each database of the plan, or -1.
  std::vector<int> language_of_database;

  /// `text` filtered by every filter but `field`'s (disjunctive facet counts), or by all.
  [[nodiscard]] Xapian::Query filtered(std::optional<FilterField> except = std::nullopt) const;

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

/// Sets `query.filters` from the request's categories, sections and tags, and `query.query` to
/// `query.text` filtered by them.
void apply_filters(PlanQuery& query, const SearchRequest& request);

/// Whether `query` matches any article of `plan` (the matcher stops at the first).
bool matches_any(const SearchPlan& plan, const Xapian::Query& query);

}  // namespace faqsearch::detail
