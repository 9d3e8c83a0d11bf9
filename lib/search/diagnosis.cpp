#include "search/diagnosis.h"

#include <algorithm>

#include "index/schema.h"
#include "search/synonym_expansion.h"

namespace faqsearch::detail {

namespace {

Xapian::Query any_language(const std::vector<std::string>& languages) {
  std::vector<Xapian::Query> terms;
  for (const auto& lang : languages) terms.emplace_back(std::string(kPrefixLanguage) + lang);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::size_t count_matches(const Xapian::Database& db, const Xapian::Query& query) {
  if (query.empty()) return 0;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Exact up to kExactCount, Xapian's estimate beyond: an exact count of a common word in a
  // large language would cost a pass over its whole posting list.
  constexpr Xapian::doccount kExactCount = 1000;
  return enquire.get_mset(0, 0, kExactCount).get_matches_estimated();
}

std::string_view field_name(FilterField field) {
  switch (field) {
    case FilterField::kCategory: return "category";
    case FilterField::kSection: return "section";
    case FilterField::kTag: return "tag";
  }
  return "";
}

/// The filter fields that, dropped alone, let the words match; all active ones if only dropping
/// them together does; empty if the words match nothing even unfiltered.
std::vector<std::string> blocking_filters(const SearchPlan& plan, const PlanQuery& query) {
  std::vector<std::string> out;
  if (query.text.empty() || !matches_any(plan, query.text)) return out;
  if (matches_any(plan, query.query)) return {"hit_language"};  // the served-language filter, then
  for (const auto& [field, filter] : query.filters) {
    if (matches_any(plan, query.filtered(field))) out.emplace_back(field_name(field));
  }
  if (out.empty()) {
    for (const auto& [field, filter] : query.filters) out.emplace_back(field_name(field));
  }
  return out;
}

/// Matching articles per visible language outside `searched`.
std::map<std::string, std::size_t> other_language_matches(const DiagnosisInput& input,
                                                          const std::vector<std::string>& searched) {
  std::map<std::string, std::size_t> out;
  SearchPlan everywhere = widened(input.request, input.context);
  std::vector<std::string> others;
  for (const auto& lang : everywhere.languages) {
    if (std::find(searched.begin(), searched.end(), lang) == searched.end()) others.push_back(lang);
  }
  if (others.empty()) return out;
  everywhere.languages = others;  // the languages searched already found nothing: no query in them
  // Whether the words as typed are in other languages, not their neighbours one edit away there.
  SearchRequest as_typed = input.request;
  as_typed.typo_tolerance = false;
  const PlanQuery query = build_plan_query(input.analyzer, input.synonyms, as_typed, everywhere);
  // Most searches that find nothing find nothing anywhere: one match that stops at the first
  // article says so, before a count per language.
  if (!matches_any(everywhere, Xapian::Query(Xapian::Query::OP_FILTER, query.query, any_language(others)))) return out;
  for (const auto& lang : others) {
    const Xapian::Query in_lang(Xapian::Query::OP_FILTER, query.query, Xapian::Query(std::string(kPrefixLanguage) + lang));
    if (const std::size_t n = count_matches(everywhere.combined, in_lang); n > 0) out[lang] = n;
  }
  return out;
}

/// Whether the query has words and, in every language searched, all of them are stop words.
/// Sets `has_words`.
bool only_stop_words(Analyzer& analyzer, const SearchPlan& plan, const std::string& text, bool& has_words) {
  has_words = false;
  bool only_stop = true;
  for (const auto& lang : plan.languages) {
    for (const Token& t : analyzer.analyze(text, lang)) {
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kNumber && t.kind != TokenKind::kIdeo) continue;
      has_words = true;
      if (!t.stop_word) only_stop = false;
    }
  }
  return has_words && only_stop;
}

}  // namespace

std::optional<Diagnosis> diagnose(const DiagnosisInput& input, const SearchPlan& plan, const PlanQuery& query) {
  Diagnosis d;
  const bool prefers = !plan.preferred.empty() && !plan.fallback_language.empty();
  if (input.total > 0) {
    // Found: diagnosed only when every match is a fallback.
    if (!prefers || input.served_preferred ||
        matches_any(plan, Xapian::Query(Xapian::Query::OP_FILTER, query.query, any_language(plan.preferred)))) {
      return std::nullopt;
    }
    d.fallback_only = true;
  }
  bool has_words = false;
  const bool stop_words_only = only_stop_words(input.analyzer, plan, input.request.query, has_words);
  if (!has_words) return std::nullopt;
  if (!d.fallback_only) {
    d.filters = blocking_filters(plan, query);
    if (!d.filters.empty()) {
      d.reason = EmptyReason::kFiltered;
      return d;
    }
  }
  d.other_languages = other_language_matches(input, prefers ? plan.preferred : plan.languages);
  if (!d.other_languages.empty()) {
    d.reason = EmptyReason::kOtherLanguages;
  } else if (input.correction) {
    d.reason = EmptyReason::kCorrection;
  } else if (stop_words_only) {
    d.reason = EmptyReason::kOnlyStopWords;
  } else {
    d.reason = EmptyReason::kNothing;
  }
  return d;
}

}  // namespace faqsearch::detail

namespace faqsearch {

std::string_view to_string(EmptyReason reason) {
  switch (reason) {
    case EmptyReason::kOtherLanguages: return "other_languages";
    case EmptyReason::kFiltered: return "filtered";
    case EmptyReason::kOnlyStopWords: return "only_stop_words";
    case EmptyReason::kCorrection: return "correction";
    case EmptyReason::kNothing: return "nothing";
  }
  return "nothing";
}

}  // namespace faqsearch
