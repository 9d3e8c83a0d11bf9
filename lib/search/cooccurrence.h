// What the articles hold together, for did-you-mean's choices between corrections: the parts of
// a split written close together, and a typo's fix among the query's other words.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/did_you_mean_check.h"

namespace faqsearch::detail {

/// Whether some article of `db` has `terms` within a few words of each other, in this order or
/// not ("track your order" for "trackorder").
[[nodiscard]] bool close_together(const Xapian::Database& db, const std::vector<std::string>& terms);

/// The most of `others` that one article of `db` holds together with `term`: 0 when no article
/// has `term` with any of them.
[[nodiscard]] unsigned most_held_with(const Xapian::Database& db, const std::string& term,
                                      const std::vector<std::string>& others);

/// Of `fixes` of the `typed` word (lower case), as near to it, each with its term: the one whose
/// term an article of `db` holds with the most of `others` (the query's other known words:
/// "bottle" before "battle" for "bittle" beside "return"); the first, the most frequent, on a tie.
/// Not one that differs from the typed word in its ending only: another inflection of a name
/// ("Salma" for "Salmy Hayek", "XIII:s" for "Karl XIII") is found beside the same words.
[[nodiscard]] std::optional<QueryFix> fittest_fix(const Xapian::Database& db, std::string_view typed,
                                                  std::vector<std::pair<QueryFix, std::string>> fixes,
                                                  const std::vector<std::string>& others);

}  // namespace faqsearch::detail
