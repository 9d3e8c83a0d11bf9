#include "search/cooccurrence.h"

#include "index/word_pairs.h"
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

bool held_together(const Xapian::Database& db, const std::string& term, const std::vector<std::string>& others) {
  std::vector<Xapian::Query> all{Xapian::Query(term)};
  for (const std::string& other : others) all.emplace_back(other);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

Xapian::doccount side_by_side(const std::vector<Xapian::Database>& partitions, const std::string& term,
                              const Neighbours& neighbours) {
  Xapian::doccount articles = 0;
  for (const Xapian::Database& partition : partitions) {
    if (!neighbours.before.empty()) articles += pair_frequency(partition, word_pair_hash(neighbours.before + ' ' + term));
    if (!neighbours.after.empty()) articles += pair_frequency(partition, word_pair_hash(term + ' ' + neighbours.after));
  }
  return articles;
}

std::optional<QueryFix> fittest_fix(const LanguageVocabulary& vocabulary, std::string_view typed,
                                    std::vector<std::pair<QueryFix, std::string>> fixes,
                                    const std::vector<std::string>& others, const Neighbours& neighbours) {
  if (fixes.empty()) return std::nullopt;
  std::size_t best = 0;
  unsigned best_held = 0;
  Xapian::doccount best_beside = 0;
  bool beside_read = false;  // side_by_side is read on a tie only
  for (std::size_t i = 0; fixes.size() > 1 && i < fixes.size(); ++i) {
    if (i > 0 && ending_only(typed, fixes[i].first.text)) continue;
    const unsigned held = most_held_with(vocabulary.combined, fixes[i].second, others);
    if (i > 0 && held == best_held && held > 0) {
      if (!beside_read) best_beside = side_by_side(vocabulary.partitions, fixes[best].second, neighbours);
      beside_read = true;
      const Xapian::doccount beside = side_by_side(vocabulary.partitions, fixes[i].second, neighbours);
      if (beside > best_beside) best = i, best_beside = beside;
    } else if (held > best_held) {
      best = i, best_held = held, beside_read = false;
    }
  }
  return std::move(fixes[best].first);
}

}  // namespace faqsearch::detail
