#include "search/facets.h"

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "index/document_codec.h"
#include "index/schema.h"
#include "search/rank_stage.h"
#include "search/translations.h"

namespace faqsearch::detail {

namespace {

enum class Facet : std::uint8_t { kCategory, kSection, kTag, kLang };

/// Takes matching translations and keeps, per article, the best-scoring one's values and its
/// served language.
class FacetTally {
 public:
  explicit FacetTally(const SearchPlan& plan) : plan_(plan) {}

  void add(const Xapian::Document& document, double weight) {
    auto [entry, fresh] = articles_.try_emplace(document.get_value(kSlotArticleId));
    if (!fresh && entry->second.weight >= weight) return;
    entry->second.weight = weight;
    entry->second.values = decode_facet_values(document.get_value(kSlotFacets));
    entry->second.lang = served_language(plan_, entry->first, entry->second.values.lang);
  }

  /// Adds the counts of `facets` to `out`.
  void add_counts(const std::vector<Facet>& facets, FacetCounts& out) const {
    for (const auto& [id, article] : articles_) {
      for (const Facet facet : facets) {
        switch (facet) {
          case Facet::kCategory: count(out.category, article.values.category); break;
          case Facet::kSection: count(out.section, article.values.section); break;
          case Facet::kLang: count(out.lang, article.lang); break;
          case Facet::kTag:
            for (const std::string& tag : std::set<std::string>(article.values.tags.begin(), article.values.tags.end())) {
              count(out.tag, tag);
            }
            break;
        }
      }
    }
  }

 private:
  struct Article {
    double weight = -1;
    FacetValues values;
    std::string lang;
  };
  static void count(std::map<std::string, std::size_t>& counts, const std::string& value) {
    if (!value.empty()) ++counts[value];
  }

  const SearchPlan& plan_;
  std::map<std::string, Article> articles_;  // by article id
};

/// One counting pass over the best kMaxFacetMatches translations `query` matches, with the
/// served-language filter when `languages` has any. (Not a Xapian::MatchSpy: a spy sees every
/// match, which a broad query makes tens of thousands.) Returns whether every match was counted.
bool count_pass(const SearchPlan& plan, const Xapian::Query& query, const std::set<std::string>& languages,
                const std::vector<Facet>& facets, FacetCounts& out) {
  Xapian::Enquire enquire(plan.combined);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking_weight());
  const std::optional<ServedLanguageFilter> filter =
      languages.empty() ? std::nullopt : std::optional<ServedLanguageFilter>(std::in_place, plan, languages);
  const Xapian::MSet mset = enquire.get_mset(0, kMaxFacetMatches, 0, nullptr, filter ? &*filter : nullptr);
  FacetTally tally(plan);
  for (auto it = mset.begin(); it != mset.end(); ++it) tally.add(it.get_document(), it.get_weight());
  tally.add_counts(facets, out);
  return mset.get_matches_upper_bound() <= mset.size();
}

}  // namespace

FacetCounts count_facets(const SearchPlan& plan, const PlanQuery& query) {
  FacetCounts out;
  if (query.text.empty()) return out;
  const std::set<std::string> languages(plan.hit_languages.begin(), plan.hit_languages.end());
  // A field with a filter of its own is counted without it, in a pass of its own; the others
  // share the pass filtered by everything.
  std::vector<Facet> shared;
  bool exhaustive = true;
  for (const auto& [facet, field] : {std::pair{Facet::kCategory, FilterField::kCategory},
                                    std::pair{Facet::kSection, FilterField::kSection},
                                    std::pair{Facet::kTag, FilterField::kTag}}) {
    if (query.filters.count(field) == 0) {
      shared.push_back(facet);
      continue;
    }
    exhaustive = count_pass(plan, query.filtered(field), languages, {facet}, out) && exhaustive;
  }
  if (languages.empty()) {
    shared.push_back(Facet::kLang);
  } else {
    exhaustive = count_pass(plan, query.query, {}, {Facet::kLang}, out) && exhaustive;
  }
  if (!shared.empty()) exhaustive = count_pass(plan, query.query, languages, shared, out) && exhaustive;
  out.exhaustive = exhaustive;
  return out;
}

}  // namespace faqsearch::detail
