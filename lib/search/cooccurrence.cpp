#include "search/cooccurrence.h"

#include "search/inflection_guess.h"

namespace faqsearch::detail {

bool close_together(const Xapian::Database& db, const std::vector<std::string>& terms) {
  constexpr Xapian::termpos kWindow = 3;  // "track your order"
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), kWindow));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

unsigned most_held_with(const Xapian::Database& db, const std::string& term, const std::vector<std::string>& others) {
  if (others.empty()) return 0;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(term),
                                  Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end())));
  // CoordWeight scores an article by the query terms it holds: `term`, and each of `others`.
  enquire.set_weighting_scheme(Xapian::CoordWeight());
  const Xapian::MSet best = enquire.get_mset(0, 1);
  return best.empty() ? 0 : static_cast<unsigned>(best.begin().get_weight()) - 1;
}

std::optional<QueryFix> fittest_fix(const Xapian::Database& db, std::string_view typed,
                                    std::vector<std::pair<QueryFix, std::string>> fixes,
                                    const std::vector<std::string>& others) {
  if (fixes.empty()) return std::nullopt;
  std::size_t best = 0;
  unsigned best_held = 0;
  for (std::size_t i = 0; fixes.size() > 1 && i < fixes.size(); ++i) {
    if (i > 0 && ending_only(typed, fixes[i].first.text)) continue;
    const unsigned held = most_held_with(db, fixes[i].second, others);
    if (held > best_held) best = i, best_held = held;
  }
  return std::move(fixes[best].first);
}

}  // namespace faqsearch::detail
