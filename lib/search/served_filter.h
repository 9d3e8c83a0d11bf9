// SearchRequest::hit_languages: only articles served in those languages. Not a
// Xapian::MatchDecider, which the remote backend refuses (docs/cluster.md §3.1): one code path
// for local and served partitions, exact in both cases a plan can be in.
// - The request named no language: a translation is served in its own language, so the filter
//   is the matcher's own, a boolean filter on the translations' language terms (it leaves every
//   weight as it is).
// - It named the shopper's languages: an article is served in one language whichever of its
//   translations matched, so all its translations pass or none does, and checking the matches
//   after the match (after the collapse to one hit per article) keeps the same articles as a
//   check of every candidate would. The MSet is fetched deeper until enough matches pass. The
//   language terms still leave out, in the matcher, the translations that can pass in no case.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "search/search_plan.h"

namespace faqsearch::detail {

/// The served-language filter of one plan. Not thread-safe: one search's.
class ServedLanguageFilter {
 public:
  /// The filter of `plan.hit_languages` (inactive when it is empty).
  explicit ServedLanguageFilter(const SearchPlan& plan);

  /// Whether the request asked for hit languages.
  [[nodiscard]] bool active() const { return !languages_.empty(); }
  /// The languages an article must be served in.
  [[nodiscard]] const std::set<std::string>& languages() const { return languages_; }
  /// `query` matching only the translations that can be served in one of the languages: all of
  /// the filter when checks_matches() is false.
  [[nodiscard]] Xapian::Query restricted(const Xapian::Query& query) const;
  /// Whether the matches of restricted() must still be checked one by one (keeps()).
  [[nodiscard]] bool checks_matches() const { return checks_matches_; }
  /// Whether `match` (of an MSet of the plan's combined database) is served in one of the
  /// languages. Reads its article id only where its translations decide.
  [[nodiscard]] bool keeps(const Xapian::MSetIterator& match) const;

 private:
  const SearchPlan& plan_;
  std::set<std::string> languages_;
  /// The plan's languages whose translations can be served in one of `languages_`; every one of
  /// them when that is all the plan's (nothing to restrict).
  std::vector<std::string> candidates_;
  bool checks_matches_ = false;
};

/// Matches of one query that pass a ServedLanguageFilter, from a rank on.
struct FilteredMatches {
  Xapian::MSet mset;  ///< the MSet they index
  std::vector<Xapian::doccount> kept;  ///< indexes into `mset` of the matches of the page, best first
  /// Matches that pass: exact when `mset` holds every match of the query, else estimated.
  Xapian::doccount total = 0;
};

/// The matches of `enquire` (its query restricted() already) that pass `filter`, ranked `first`
/// to `first + count - 1` among those that do, checking at least `check_at_least` (as
/// Enquire::get_mset). An inactive filter or one that checks nothing costs one get_mset as
/// before; one that checks fetches from the top, doubling the depth until enough pass.
FilteredMatches served_matches(const Xapian::Enquire& enquire, const ServedLanguageFilter& filter,
                               Xapian::doccount first, Xapian::doccount count, Xapian::doccount check_at_least);

}  // namespace faqsearch::detail
