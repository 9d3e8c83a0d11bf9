// What the articles hold together, for did-you-mean's choices between corrections: the parts of
// a split written close together, and a typo's fix among the query's other words.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace faqsearch::detail {

/// Whether some article of `db` has `terms` within a few words of each other, in this order or
/// not ("track your order" for "trackorder").
[[nodiscard]] bool close_together(const Xapian::Database& db, const std::vector<std::string>& terms);

/// The most of `others` that one article of `db` holds together with `term`: 0 when no article
/// has `term` with any of them.
[[nodiscard]] unsigned most_held_with(const Xapian::Database& db, const std::string& term,
                                      const std::vector<std::string>& others);

}  // namespace faqsearch::detail
