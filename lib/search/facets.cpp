#include "search/facets.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "index/schema.h"
#include "search/rank_stage.h"
#include "search/served_filter.h"
#include "search/translations.h"

namespace faqsearch::detail {

namespace {

enum class Facet : std::uint8_t { kCategory, kSection, kTag, kLang };

/// A translation a counting pass matched, with what counting reads of it.
struct CountedMatch {
  const FacetTable::Documents* documents;  // of its partition
  Xapian::docid docid;  // in its partition's database
  const std::string* served;  // the language its article is served in
};

/// The matches of one counting pass, best first.
struct CountingPass {
  std::vector<CountedMatch> matches;
  bool exhaustive = false;  // every match of the query is in `matches`
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

/// The matches of `mset` with their table entries and served languages; an article id is read
/// only where the served language depends on the article's translations.
std::vector<CountedMatch> counted_matches(const SearchPlan& plan, FacetTable& table, const Xapian::MSet& mset) {
  const std::size_t n = plan.partitions.size();
  std::vector<const FacetTable::Documents*> documents(n, nullptr);
  std::vector<CountedMatch> out;
  out.reserve(mset.size());
  std::vector<std::size_t> needing_id;
  std::vector<Xapian::docid> dids_needing_id;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::size_t k = database_of(*it, n);
    if (documents[k] == nullptr) documents[k] = &table.documents(plan.partitions[k], plan.databases[k]);
    const std::string& lang = plan.partitions[k]->lang;
    out.push_back({documents[k], static_cast<Xapian::docid>((*it - 1) / n + 1), &lang});
    if (served_as_matched(plan, lang)) continue;
    needing_id.push_back(out.size() - 1);
    dids_needing_id.push_back(*it);
  }
  const std::vector<std::string> ids = values_of(plan.combined, kSlotArticleId, dids_needing_id);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CountedMatch& match = out[needing_id[i]];
    match.served = &served_language(plan, ids[i], *match.served);
  }
  return out;
}

/// The matches of `pass` served in one of `languages`, as a pass with that filter would have
/// found them (in the same order) when `pass` holds every match.
CountingPass served_in(const CountingPass& pass, const std::set<std::string>& languages) {
  CountingPass out{{}, pass.exhaustive};
  std::copy_if(pass.matches.begin(), pass.matches.end(), std::back_inserter(out.matches),
               [&](const CountedMatch& match) { return languages.count(*match.served) > 0; });
  return out;
}

/// The best kMaxFacetMatches translations `query` matches, with `filter` when it is active.
/// (Not a Xapian::MatchSpy: a spy sees every match, which a broad query makes tens of thousands.)
CountingPass run_pass(const SearchPlan& plan, FacetTable& table, const Xapian::Query& query,
                      const ServedLanguageFilter* filter) {
  Xapian::Enquire enquire(plan.combined);
  enquire.set_query(filter != nullptr ? filter->restricted(query) : query);
  enquire.set_weighting_scheme(ranking_weight());
  // Counting reads every match's served language anyway: a filter that checks matches is
  // applied to those, from the top, the depth doubling until enough pass.
  const bool checks = filter != nullptr && filter->checks_matches();
  for (Xapian::doccount depth = kMaxFacetMatches;; depth *= 2) {
    const Xapian::MSet mset = enquire.get_mset(0, depth);
    CountingPass pass{counted_matches(plan, table, mset), mset.get_matches_upper_bound() <= mset.size()};
    if (!checks) return pass;
    pass = served_in(pass, filter->languages());
    if (pass.matches.size() >= kMaxFacetMatches || pass.exhaustive) {
      pass.exhaustive = pass.exhaustive && pass.matches.size() <= kMaxFacetMatches;
      pass.matches.resize(std::min<std::size_t>(pass.matches.size(), kMaxFacetMatches));
      return pass;
    }
  }
}

/// Counts the `facets` of the matches of `pass` into `out`, each article once: its first
/// (best-scoring) translation's values, in its served language. `translations_meet`: more than
/// one language has words, so one article can match twice.
void count(const FacetTable& table, const CountingPass& pass, const std::vector<Facet>& facets, bool translations_meet,
           FacetCounts& out) {
  std::vector<std::size_t> category(table.values()), section(table.values()), tag(table.values());
  std::map<std::string, std::size_t> lang;
  std::unordered_set<std::uint64_t> seen;  // article id hashes, when translations can meet
  for (const CountedMatch& match : pass.matches) {
    const FacetTable::Entry& entry = match.documents->entry(match.docid);
    if (translations_meet && !seen.insert(entry.article).second) continue;
    for (const Facet facet : facets) {
      switch (facet) {
        case Facet::kCategory: ++category[entry.category]; break;
        case Facet::kSection: ++section[entry.section]; break;
        case Facet::kLang: ++lang[*match.served]; break;
        case Facet::kTag:
          for (const std::uint32_t value : match.documents->tags_of(match.docid)) ++tag[value];
          break;
      }
    }
  }
  for (const auto& [numbered, named] : {std::pair{&category, &out.category}, std::pair{&section, &out.section},
                                        std::pair{&tag, &out.tag}}) {
    for (std::uint32_t value = FacetTable::kNoValue + 1; value < numbered->size(); ++value) {
      if ((*numbered)[value] > 0) (*named)[table.name(value)] += (*numbered)[value];
    }
  }
  for (const auto& [served, n] : lang) out.lang[served] += n;
}

}  // namespace

FacetCounts count_facets(const SearchPlan& plan, const PlanQuery& query, FacetTable& table) {
  FacetCounts out;
  if (query.text.empty()) return out;
  const bool translations_meet = query.languages_with_words > 1;
  const ServedLanguageFilter filter(plan);
  const std::set<std::string>& languages = filter.languages();
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
    const CountingPass pass = run_pass(plan, table, query.filtered(field), &filter);
    count(table, pass, {facet}, translations_meet, out);
    exhaustive = exhaustive && pass.exhaustive;
  }
  std::optional<CountingPass> pass;
  if (languages.empty()) {
    shared.push_back(Facet::kLang);
  } else {
    // Languages are counted without the served-language filter. When that pass holds every
    // match, the filtered pass is a part of it, and is not run.
    const CountingPass unfiltered = run_pass(plan, table, query.query, nullptr);
    count(table, unfiltered, {Facet::kLang}, translations_meet, out);
    exhaustive = exhaustive && unfiltered.exhaustive;
    if (unfiltered.exhaustive) pass = served_in(unfiltered, languages);
  }
  if (!shared.empty()) {
    if (!pass) pass = run_pass(plan, table, query.query, &filter);
    count(table, *pass, shared, translations_meet, out);
    exhaustive = exhaustive && pass->exhaustive;
  }
  out.exhaustive = exhaustive;
  return out;
}

}  // namespace faqsearch::detail
