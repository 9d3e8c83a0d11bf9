// The first stage of a search: its plan. Which partitions it reads (only those of the audiences
// the caller may see, in the languages chosen), in which order of preference, with which
// filters. The stages after it read the plan and nothing else of the index: query_stage builds
// the query per language, rank_stage ranks, hit_assembly turns the page into hits. What the plan
// does not name is never opened, so it cannot leak through counts, statistics or snippets.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "faqsearch/search.h"
#include "index/manifest.h"

namespace faqsearch::detail {

class IndexSnapshot;

/// Which of the `n` databases of a combined Xapian::Database holds its document `did`: Xapian
/// interleaves their docids.
constexpr std::size_t database_of(Xapian::docid did, std::size_t n) { return (did - 1) % n; }

/// A search's partitions and languages. Plain data over the snapshot's databases: valid while
/// the snapshot stays at its generation (one attempt of one search).
struct SearchPlan {
  std::set<std::string> audiences;
  /// The partitions' languages searched, sorted.
  std::vector<std::string> languages;
  /// Only the identified language is searched, and the plan widens to every visible language if
  /// the query matches nothing there (SearchRequest::languages).
  bool identified = false;
  /// The partitions searched, in the order `combined` holds them (database_of()).
  std::vector<const Partition*> partitions;
  /// Each partition's database, as `partitions`.
  std::vector<Xapian::Database> databases;
  /// Every database of `databases`, combined.
  Xapian::Database combined;
  std::vector<std::string> categories;
  std::vector<std::string> tags;

  /// The partition holding document `did` of `combined`.
  [[nodiscard]] const Partition& partition_of(Xapian::docid did) const {
    return *partitions[database_of(did, partitions.size())];
  }
  [[nodiscard]] bool empty() const { return partitions.empty(); }
};

/// The plan for `request` over `snapshot`: the visible partitions of `languages` (canonical
/// tags; empty: every language), or of `identified` alone when it is not empty. Opens the
/// partitions it plans to search.
SearchPlan make_plan(const SearchRequest& request, IndexSnapshot& snapshot, const std::vector<std::string>& languages,
                     const std::string& identified);

/// The plan widened from the identified language to every visible language.
SearchPlan widened(const SearchPlan& plan, const SearchRequest& request, IndexSnapshot& snapshot);

/// The language the query is reliably identified as among the languages of the partitions the
/// caller may see, or "" (short queries, mixed text, one language only).
std::string identified_language(const SearchRequest& request, const IndexSnapshot& snapshot);

}  // namespace faqsearch::detail
