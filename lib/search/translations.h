// Translations of one article share its id. A search that names the shopper's languages serves
// each article once, in the most preferred language that has a translation of it, whichever
// translation matched; an article none of those languages has is served in the help center's
// default language, marked as a fallback.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "search/search_plan.h"

namespace faqsearch::detail {

/// Which translation of a matched article a hit shows.
struct ServedTranslation {
  Xapian::docid did = 0;  ///< of the plan's combined database
  bool fallback = false;  ///< in the default language: the shopper's languages have none
};

/// The translation to serve of the article whose translation `matched` (of the plan's combined
/// database, with document `document`) matched the query.
ServedTranslation served_translation(const SearchPlan& plan, Xapian::docid matched, const Xapian::Document& document);

/// The languages of the other translations of article `id` the caller may see, sorted.
std::vector<std::string> other_translations(const SearchPlan& plan, const std::string& id, const std::string& lang);

}  // namespace faqsearch::detail
