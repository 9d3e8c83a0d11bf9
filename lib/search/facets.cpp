#include "search/facets.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "index/document_codec.h"
#include "index/schema.h"
#include "search/rank_stage.h"
#include "search/translations.h"

namespace faqsearch::detail {

namespace {

enum class Facet : std::uint8_t { kCategory, kSection, kTag, kLang };

/// Takes matching translations, best first, and counts each article once: its first (best-scoring)
/// translation's values, in its served language. Articles sharing one stored facet value (the same
/// language, category, section and tags) are counted together, the value decoded once.
class FacetTally {
 public:
  /// `translations_meet`: more than one language has words, so one article can match twice.
  FacetTally(const SearchPlan& plan, bool translations_meet) : plan_(plan), translations_meet_(translations_meet) {}

  /// Counts translation `did` of `plan.combined`, its stored facet value `facets` and, when
  /// translations can meet, its article id `id` (read here when a served language needs it).
  void add(Xapian::docid did, std::string&& facets, std::string id) {
    if (translations_meet_ && !seen_.insert(id).second) return;
    auto [group, fresh] = groups_.try_emplace(std::move(facets));
    if (fresh) group->second.values = decode_facet_values(group->first);
    const std::string& lang = group->second.values.lang;
    if (served_as_matched(lang)) {
      ++group->second.served[lang];
      return;
    }
    if (!translations_meet_) id = plan_.combined.get_document(did).get_value(kSlotArticleId);
    ++group->second.served[served_language(plan_, id, lang)];
  }

  [[nodiscard]] bool translations_meet() const { return translations_meet_; }

  /// Adds the counts of `facets` to `out`.
  void add_counts(const std::vector<Facet>& facets, FacetCounts& out) const {
    for (const auto& [raw, group] : groups_) {
      std::size_t articles = 0;
      for (const auto& [lang, n] : group.served) articles += n;
      for (const Facet facet : facets) {
        switch (facet) {
          case Facet::kCategory: count(out.category, group.values.category, articles); break;
          case Facet::kSection: count(out.section, group.values.section, articles); break;
          case Facet::kLang:
            for (const auto& [lang, n] : group.served) count(out.lang, lang, n);
            break;
          case Facet::kTag:
            for (const std::string& tag : std::set<std::string>(group.values.tags.begin(), group.values.tags.end())) {
              count(out.tag, tag, articles);
            }
            break;
        }
      }
    }
  }

 private:
  struct Group {
    FacetValues values;
    std::map<std::string, std::size_t> served;  // articles by served language
  };
  /// Whether an article matched in `lang` is served in it whatever its id: no preference, or the
  /// most preferred language (served_language() would not read its translations either).
  [[nodiscard]] bool served_as_matched(const std::string& lang) const {
    return !plan_.serves_by_preference() || (!plan_.preferred.empty() && plan_.preferred.front() == lang);
  }
  static void count(std::map<std::string, std::size_t>& counts, const std::string& value, std::size_t n) {
    if (!value.empty()) counts[value] += n;
  }

  const SearchPlan& plan_;
  bool translations_meet_;
  std::unordered_set<std::string> seen_;  // article ids, when translations can meet
  std::unordered_map<std::string, Group> groups_;  // by stored facet value (kSlotFacets)
};

/// The `slot` value of each of `dids` (documents of `db`), read in one walk of the slot's value
/// stream in docid order: a document's own get_value() looks its value up from the start of the
/// stream's chunk, for each document anew.
std::vector<std::string> values_of(const Xapian::Database& db, Xapian::valueno slot, const std::vector<Xapian::docid>& dids) {
  std::vector<std::size_t> order(dids.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return dids[a] < dids[b]; });
  std::vector<std::string> out(dids.size());
  Xapian::ValueIterator it = db.valuestream_begin(slot);
  const Xapian::ValueIterator end = db.valuestream_end(slot);
  for (const std::size_t i : order) {
    if (it == end) break;
    it.skip_to(dids[i]);
    if (it != end && it.get_docid() == dids[i]) out[i] = *it;
  }
  return out;
}

/// One counting pass over the best kMaxFacetMatches translations `query` matches, with the
/// served-language filter when `languages` has any. (Not a Xapian::MatchSpy: a spy sees every
/// match, which a broad query makes tens of thousands.) Returns whether every match was counted.
bool count_pass(const SearchPlan& plan, const PlanQuery& plan_query, const Xapian::Query& query,
                const std::set<std::string>& languages, const std::vector<Facet>& facets, FacetCounts& out) {
  Xapian::Enquire enquire(plan.combined);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking_weight());
  const std::optional<ServedLanguageFilter> filter =
      languages.empty() ? std::nullopt : std::optional<ServedLanguageFilter>(std::in_place, plan, languages);
  const Xapian::MSet mset = enquire.get_mset(0, kMaxFacetMatches, 0, nullptr, filter ? &*filter : nullptr);
  FacetTally tally(plan, plan_query.languages_with_words > 1);
  std::vector<Xapian::docid> dids;
  dids.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) dids.push_back(*it);
  std::vector<std::string> facet_values = values_of(plan.combined, kSlotFacets, dids);
  std::vector<std::string> ids = tally.translations_meet() ? values_of(plan.combined, kSlotArticleId, dids)
                                                           : std::vector<std::string>(dids.size());
  for (std::size_t i = 0; i < dids.size(); ++i) tally.add(dids[i], std::move(facet_values[i]), std::move(ids[i]));
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
    exhaustive = count_pass(plan, query, query.filtered(field), languages, {facet}, out) && exhaustive;
  }
  if (languages.empty()) {
    shared.push_back(Facet::kLang);
  } else {
    exhaustive = count_pass(plan, query, query.query, {}, {Facet::kLang}, out) && exhaustive;
  }
  if (!shared.empty()) exhaustive = count_pass(plan, query, query.query, languages, shared, out) && exhaustive;
  out.exhaustive = exhaustive;
  return out;
}

}  // namespace faqsearch::detail
