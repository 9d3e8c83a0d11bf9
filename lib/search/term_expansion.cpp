#include "search/term_expansion.h"

#include <algorithm>
#include <map>

#include "analysis/utf8.h"

namespace faqsearch::detail {
namespace {

// Boolean terms carry a capital-letter prefix (schema.h); analyzed terms never start with one.
bool is_boolean_term(std::string_view term) { return !term.empty() && term[0] >= 'A' && term[0] <= 'Z'; }

struct Candidate {
  std::size_t distance;
  Xapian::doccount frequency;
  std::string term;
  bool operator<(const Candidate& o) const {
    if (distance != o.distance) return distance < o.distance;
    if (frequency != o.frequency) return frequency > o.frequency;
    return term < o.term;
  }
};

}  // namespace

std::size_t bounded_edit_distance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > bound) return bound + 1;
  // Three rows of the optimal-string-alignment table.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > bound) return bound + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], bound + 1);
}

std::vector<std::string> typo_candidates(const Xapian::Database& db, const std::vector<std::string>& forms,
                                         const ExpansionLimits& limits) {
  std::vector<std::u32string> wanted;
  std::string first;  // the shared leading characters, as UTF-8
  std::size_t bound = 0;
  for (const auto& form : forms) {
    std::u32string cps = decode_utf8(form);
    if (cps.size() < limits.min_typo_length) continue;
    // Long words keep their first two characters: the scanned range shrinks by an order of
    // magnitude on a large vocabulary, and typos cluster after the start of a word.
    const std::size_t kept = cps.size() >= limits.two_letter_prefix_length ? 2 : 1;
    std::size_t length = 0;
    for (std::size_t k = 0, step = 0; k < kept; ++k, length += step) decode_utf8(form, length, step);
    if (!first.empty() && form.compare(0, first.size(), first) != 0) continue;  // forms differ at once
    if (first.empty()) first = form.substr(0, length);
    bound = std::max<std::size_t>(bound, cps.size() >= limits.two_typos_length ? 2 : 1);
    wanted.push_back(std::move(cps));
  }
  if (wanted.empty() || is_boolean_term(first)) return {};

  std::vector<Candidate> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(first); it != db.allterms_end(first) && scanned < limits.max_scanned_terms;
       ++it, ++scanned) {
    const std::string term = *it;
    const std::u32string cps = decode_utf8(term);
    std::size_t best = bound + 1;
    for (const auto& w : wanted) {
      const std::size_t allowed = w.size() >= limits.two_typos_length ? 2 : 1;
      const std::size_t d = bounded_edit_distance(w, cps, allowed);
      if (d == 0) {
        best = bound + 1;  // the word itself: not a correction
        break;
      }
      if (d <= allowed) best = std::min(best, d);
    }
    if (best <= bound) found.push_back({best, it.get_termfreq(), term});
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && out.size() < limits.max_candidates; ++i) {
    // Only the nearest distance: a one-edit correction outranks any two-edit one.
    if (found[i].distance != found.front().distance) break;
    out.push_back(std::move(found[i].term));
  }
  return out;
}

std::vector<std::string> prefix_completions(const Xapian::Database& db, std::string_view prefix,
                                            const ExpansionLimits& limits) {
  if (decode_utf8(prefix).size() < limits.min_prefix_length || is_boolean_term(prefix)) return {};
  const std::string p(prefix);
  std::vector<Candidate> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(p); it != db.allterms_end(p) && scanned < limits.max_scanned_terms;
       ++it, ++scanned) {
    if ((*it).size() == p.size()) continue;
    found.push_back({0, it.get_termfreq(), *it});
  }
  const std::size_t keep = std::min(found.size(), limits.max_completions);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back(std::move(found[i].term));
  return out;
}

}  // namespace faqsearch::detail
