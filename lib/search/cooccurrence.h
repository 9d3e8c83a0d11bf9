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
#include "search/search_plan.h"

namespace faqsearch::detail {

/// Whether some article of `db` has `terms` within a few words of each other, in this order or
/// not ("track your order" for "trackorder").
[[nodiscard]] bool close_together(const Xapian::Database& db, const std::vector<std::string>& terms);

/// The most of `others` that one article of `db` holds together with `term`: 0 when no article
/// has `term` with any of them.
[[nodiscard]] unsigned most_held_with(const Xapian::Database& db, const std::string& term,
                                      const std::vector<std::string>& others);

/// Whether some article of `db` holds `term` and every one of `others`.
[[nodiscard]] bool held_together(const Xapian::Database& db, const std::string& term, const std::vector<std::string>& others);

/// The known words typed next to a word, as terms ("" where there is none).
struct Neighbours {
  std::string before, after;
};

/// The articles of `partitions` that write `term` right after `neighbours.before` or right
/// before `neighbours.after` (word-pair frequencies; a written form without a stem is in none).
[[nodiscard]] Xapian::doccount side_by_side(const std::vector<Xapian::Database>& partitions, const std::string& term,
                                            const Neighbours& neighbours);

/// Of `fixes` of the `typed` word (lower case), as near to it, each with its term: the one whose
/// term an article of the vocabulary holds with the most of `others` (the query's other known
/// words: "bottle" before "battle" for "bittle" beside "return"). On a tie, the one the articles
/// write most often beside the words typed next to it ("passwort vergessen", not "vergeben", for
/// "passwort vergesen", where one article holds all three), then the first, the most frequent.
/// Not one that differs from the typed word in its ending only: another inflection of a name
/// ("Salma" for "Salmy Hayek", "XIII:s" for "Karl XIII") is found beside the same words.
[[nodiscard]] std::optional<QueryFix> fittest_fix(const LanguageVocabulary& vocabulary, std::string_view typed,
                                                  std::vector<std::pair<QueryFix, std::string>> fixes,
                                                  const std::vector<std::string>& others, const Neighbours& neighbours);

}  // namespace faqsearch::detail
