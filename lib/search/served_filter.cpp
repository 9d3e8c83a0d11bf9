#include "search/served_filter.h"

#include <algorithm>
#include <cmath>

#include "index/schema.h"
#include "search/translations.h"

namespace faqsearch::detail {

namespace {

/// The languages a translation in `lang` that matched can be served in under `plan`: its own
/// without the shopper's languages; with them, each preferred language up to `lang` (an earlier
/// one wins when the article has it), and `lang` itself when it is not one of them (a fallback).
std::vector<std::string> possibly_served_in(const SearchPlan& plan, const std::string& lang) {
  std::vector<std::string> out;
  for (const std::string& preferred : plan.preferred) {
    out.push_back(preferred);
    if (preferred == lang) return out;
  }
  out.push_back(lang);
  return out;
}

}  // namespace

ServedLanguageFilter::ServedLanguageFilter(const SearchPlan& plan)
    : plan_(plan), languages_(plan.hit_languages.begin(), plan.hit_languages.end()) {
  if (languages_.empty()) return;
  for (const std::string& lang : plan.languages) {
    const std::vector<std::string> possible = possibly_served_in(plan, lang);
    const auto in_filter = [&](const std::string& served) { return languages_.count(served) > 0; };
    if (std::none_of(possible.begin(), possible.end(), in_filter)) continue;
    candidates_.push_back(lang);
    // A translation that can be served only in the filter's languages passes whatever its article.
    checks_matches_ = checks_matches_ || !std::all_of(possible.begin(), possible.end(), in_filter);
  }
}

Xapian::Query ServedLanguageFilter::restricted(const Xapian::Query& query) const {
  if (!active() || candidates_.size() == plan_.languages.size()) return query;
  if (candidates_.empty()) return Xapian::Query::MatchNothing;
  std::vector<Xapian::Query> terms;
  for (const std::string& lang : candidates_) terms.emplace_back(std::string(kPrefixLanguage) + lang);
  return {Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())};
}

bool ServedLanguageFilter::keeps(const Xapian::MSetIterator& match) const {
  const std::string& lang = plan_.partition_of(*match).lang;
  // Most matches are in the most preferred language: their article id is never read.
  if (served_as_matched(plan_, lang)) return languages_.count(lang) > 0;
  return languages_.count(served_language(plan_, match.get_document().get_value(kSlotArticleId), lang)) > 0;
}

FilteredMatches served_matches(const Xapian::Enquire& enquire, const ServedLanguageFilter& filter,
                               Xapian::doccount first, Xapian::doccount count, Xapian::doccount check_at_least) {
  FilteredMatches out;
  if (!filter.checks_matches()) {
    out.mset = enquire.get_mset(first, count, check_at_least);
    for (Xapian::doccount i = 0; i < out.mset.size(); ++i) out.kept.push_back(i);
    out.total = out.mset.get_matches_estimated();
    return out;
  }
  // What the caller asked to check beyond its page, checked beyond each depth too.
  const Xapian::doccount beyond = check_at_least > first + count ? check_at_least - (first + count) : 0;
  std::vector<Xapian::doccount> passing;
  bool exhausted = false;  // the MSet holds every match
  for (Xapian::doccount depth = std::max<Xapian::doccount>(first + count, 1);; depth *= 2) {
    out.mset = enquire.get_mset(0, depth, depth + beyond);
    passing.clear();
    for (Xapian::doccount i = 0; i < out.mset.size(); ++i) {
      if (filter.keeps(out.mset[i])) passing.push_back(i);
    }
    exhausted = out.mset.size() < depth;
    if (exhausted || passing.size() >= first + count) break;
  }
  const auto begin = std::min<std::size_t>(first, passing.size());
  const auto end = std::min<std::size_t>(first + count, passing.size());
  out.kept.assign(passing.begin() + static_cast<std::ptrdiff_t>(begin), passing.begin() + static_cast<std::ptrdiff_t>(end));
  // Beyond the depth fetched, as many pass as within it.
  const double share = out.mset.empty() ? 0.0 : static_cast<double>(passing.size()) / out.mset.size();
  out.total = exhausted ? static_cast<Xapian::doccount>(passing.size())
                            : static_cast<Xapian::doccount>(std::lround(out.mset.get_matches_estimated() * share));
  return out;
}

}  // namespace faqsearch::detail
