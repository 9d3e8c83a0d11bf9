#include "search/query_stage.h"

#include <algorithm>

#include "analysis/language_table.h"
#include "index/schema.h"
#include "search/query_builder.h"
#include "search/synonym_expansion.h"

namespace faqsearch::detail {

namespace {

/// Unknown words each language of a many-language search may expand, whatever its share of the
/// budget: a short query is expanded in full in every language.
constexpr std::size_t kMinExpandedWordsPerLanguage = 4;

Xapian::Query boolean_any(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(std::string(prefix) + fold_filter_value(v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

PlanQuery build_plan_query(Analyzer& analyzer, SynonymTable& synonyms, const SearchRequest& request,
                           const SearchPlan& plan) {
  PlanQuery out;
  out.language_of_database.assign(plan.partitions.size(), -1);
  std::vector<Xapian::Query> per_language;
  // Without typo tolerance, completion or compounds the vocabulary is never read: skip assembling
  // it.
  const bool expands = request.typo_tolerance || request.prefix_last_word;
  const std::size_t shared_budget = ExpansionLimits{}.max_expanded_words / std::max<std::size_t>(1, plan.languages.size());
  for (const std::string& lang : plan.languages) {
    const LanguageRow& row = find_language_row(lang);
    const bool many_languages = plan.languages.size() > 1;
    const bool reads_vocabulary = expands || row.joined_compounds || row.split_compounds;
    const LanguageVocabulary vocabulary = reads_vocabulary || many_languages ? vocabulary_of(plan, lang) : LanguageVocabulary{};
    QueryExpansion expansion;
    if (reads_vocabulary) {
      expansion.vocabulary = &vocabulary.combined;
      expansion.partitions = &vocabulary.partitions;
    }
    if (many_languages) expansion.known_terms = &vocabulary.combined;
    expansion.typos = request.typo_tolerance;
    expansion.prefix_last_word = request.prefix_last_word;
    expansion.max_expanded_words = std::max(kMinExpandedWordsPerLanguage, shared_budget);
    expansion.synonyms = synonyms.for_language(analyzer, lang);
    TextQuery q = build_text_query(analyzer, request.query, lang, expansion);
    if (q.query.empty()) continue;
    if (plan.languages.size() > 1) {
      q.query = Xapian::Query(Xapian::Query::OP_FILTER, q.query, Xapian::Query(std::string(kPrefixLanguage) + lang));
    }
    per_language.push_back(std::move(q.query));
    ++out.languages_with_words;
    out.terms_of_language[lang] = std::move(q.terms);
    if (q.pairs.empty()) continue;
    LanguagePairs language{std::move(q.pairs), {}};
    for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
      if (plan.partitions[k]->lang != lang) continue;
      language.partitions.push_back(plan.databases[k]);
      out.language_of_database[k] = static_cast<int>(out.pairs.size());
    }
    out.pairs.push_back(std::move(language));
  }
  if (per_language.empty()) return out;
  out.text = Xapian::Query(Xapian::Query::OP_OR, per_language.begin(), per_language.end());
  apply_filters(out, request);
  return out;
}

void apply_filters(PlanQuery& query, const SearchRequest& request) {
  if (!request.categories.empty()) query.filters[FilterField::kCategory] = boolean_any(kPrefixCategory, request.categories);
  if (!request.sections.empty()) query.filters[FilterField::kSection] = boolean_any(kPrefixSection, request.sections);
  if (!request.tags.empty()) query.filters[FilterField::kTag] = boolean_any(kPrefixTag, request.tags);
  query.query = query.filtered();
}

Xapian::Query PlanQuery::filtered(std::optional<FilterField> except) const {
  Xapian::Query q = text;
  for (const auto& [field, filter] : filters) {
    if (field != except) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  }
  return q;
}

bool matches_any(const SearchPlan& plan, const Xapian::Query& query) {
  if (query.empty()) return false;
  Xapian::Enquire enquire(plan.combined);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0;
}

}  // namespace faqsearch::detail
