#include "search/related.h"

#include <algorithm>

#include "index/document_builder.h"
#include "index/schema.h"
#include "search/rank_stage.h"

namespace faqsearch::detail {

namespace {

/// Analyzed terms only: no boolean term (capital prefix, schema.h) and no word pair (a space).
class AnalyzedTerms final : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && term.find(' ') == std::string::npos;
  }
};

/// The visible partition (index into plan.visible) and docid of the translation of `id` whose
/// terms make the query: the first of the plan's languages that has one, else any.
std::optional<std::pair<std::size_t, Xapian::docid>> source_translation(const SearchPlan& plan, const std::string& id) {
  const std::string term = id_term(id);
  std::optional<std::pair<std::size_t, Xapian::docid>> any;
  std::size_t best_rank = SIZE_MAX;
  for (std::size_t k = 0; k < plan.visible.size(); ++k) {
    const Xapian::Database& db = plan.visible_databases[k];
    const Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) continue;
    const auto at = std::find(plan.languages.begin(), plan.languages.end(), plan.visible[k]->lang);
    const auto rank = static_cast<std::size_t>(at - plan.languages.begin());
    if (!any || rank < best_rank) {
      any = {k, *it};
      best_rank = rank;
    }
  }
  return any;
}

}  // namespace

std::optional<PlanQuery> related_query(const SearchPlan& plan, const std::string& id, const SearchRequest& request) {
  const auto source = source_translation(plan, id);
  if (!source) return std::nullopt;
  const Xapian::Database& db = plan.visible_databases[source->first];
  Xapian::Enquire enquire(db);
  Xapian::RSet relevant;
  relevant.add_document(source->second);
  const AnalyzedTerms analyzed;
  const Xapian::ESet terms = enquire.get_eset(kRelatedTerms, relevant, &analyzed);
  PlanQuery out;
  out.language_of_database.assign(plan.partitions.size(), -1);
  if (terms.empty()) return out;
  std::vector<Xapian::Query> weighted;
  auto& highlighted = out.terms_of_language[plan.visible[source->first]->lang];
  for (auto it = terms.begin(); it != terms.end(); ++it) {
    weighted.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight());
    highlighted.insert(*it);
  }
  out.text = Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, weighted.begin(), weighted.end()),
                           Xapian::Query(id_term(id)));
  out.languages_with_words = 1;
  // The filters a search would apply (categories, sections, tags).
  const auto any_of = [](std::string_view prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> q;
    for (const auto& v : values) q.emplace_back(std::string(prefix) + fold_filter_value(v));
    return Xapian::Query(Xapian::Query::OP_OR, q.begin(), q.end());
  };
  if (!request.categories.empty()) out.filters[FilterField::kCategory] = any_of(kPrefixCategory, request.categories);
  if (!request.sections.empty()) out.filters[FilterField::kSection] = any_of(kPrefixSection, request.sections);
  if (!request.tags.empty()) out.filters[FilterField::kTag] = any_of(kPrefixTag, request.tags);
  out.query = out.filtered();
  return out;
}

}  // namespace faqsearch::detail
