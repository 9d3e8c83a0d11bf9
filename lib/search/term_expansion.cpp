#include "search/term_expansion.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "analysis/utf8.h"
#include "index/schema.h"
#include "search/hangul_typing.h"

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

LetterCounts::LetterCounts(std::u32string_view word) {
  for (const char32_t c : word) add(c);
}

LetterCounts::LetterCounts(std::string_view utf8) {
  for (std::size_t at = 0, step = 0; at < utf8.size(); at += step) add(decode_utf8(utf8, at, step));
}

void LetterCounts::add(char32_t c) {
  std::uint8_t& n = counts_[c & 63U];
  if (n < 255) ++n;  // saturating: no query word has 255 letters of one bucket
}

std::size_t LetterCounts::distance_floor(const LetterCounts& other) const {
  unsigned l1 = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    l1 += static_cast<unsigned>(counts_[i] > other.counts_[i] ? counts_[i] - other.counts_[i]
                                                               : other.counts_[i] - counts_[i]);
  }
  return (l1 + 1) / 2;
}

std::size_t bounded_edit_distance(std::u32string_view a, std::u32string_view b, std::size_t bound) {
  const std::size_t n = a.size(), m = b.size();
  const std::size_t far = bound + 1;  // "more than bound"
  if ((n > m ? n - m : m - n) > bound) return far;
  // Three rows of the optimal-string-alignment table, on the stack for words of ordinary length
  // (this runs for thousands of vocabulary terms per mistyped word). Only the band of cells
  // within `bound` of the diagonal can stay within `bound`, so only it is computed (Ukkonen): a
  // 15-letter word costs 75 cells instead of 225. Each row marks the cells just outside its band
  // as far, which is all the next rows read of them.
  constexpr std::size_t kStackColumns = 64;
  std::size_t stack_rows[3][kStackColumns + 2];
  std::vector<std::size_t> heap_rows;
  std::size_t* before = stack_rows[0];
  std::size_t* previous = stack_rows[1];
  std::size_t* current = stack_rows[2];
  if (m > kStackColumns) {
    heap_rows.resize(3 * (m + 2));
    before = heap_rows.data();
    previous = before + (m + 2);
    current = previous + (m + 2);
  }
  for (std::size_t j = 0; j <= m && j <= bound + 1; ++j) previous[j] = std::min(j, far);
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t lo = i > bound ? i - bound : 1;
    const std::size_t hi = std::min(m, i + bound);
    current[lo - 1] = lo == 1 ? std::min(i, far) : far;
    std::size_t row_min = current[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
      current[j] = std::min(d, far);
      row_min = std::min(row_min, current[j]);
    }
    if (hi + 1 <= m) current[hi + 1] = far;
    if (row_min > bound) return far;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], far);
}

std::vector<std::string> typo_candidates(const Xapian::Database& db, const std::vector<std::string>& forms,
                                         const ExpansionLimits& limits,
                                         const std::vector<Xapian::Database>* lemma_tables) {
  std::vector<std::u32string> wanted;
  std::string first;  // the shared leading characters, as UTF-8
  std::string lemma_range;  // the first form's first two characters: the lemma-table scan's range
  std::size_t bound = 0;
  // The length threshold counts the word as typed (the longest form): "الدقع" (the payment,
  // mistyped) has the stem "دقع", three letters, and was never corrected. A shorter stem is
  // corrected only where the analyzer took a prefix off the typed word (an article or conjunction
  // written onto it, a word of its own in other languages), not an ending: "جيجن" → "جيج" is
  // mostly a name, and correcting such stems cost more than it found (docs/tuning.md, "Measured where the code decides").
  std::string_view typed;
  std::size_t typed_length = 0;
  for (const auto& form : forms) {
    const std::size_t length = decode_utf8(form).size();
    if (length > typed_length) {
      typed_length = length;
      typed = form;
    }
  }
  if (typed_length < limits.min_typo_length) return {};
  for (const auto& form : forms) {
    std::u32string cps = decode_utf8(form);
    const bool prefix_removed = typed.size() > form.size() && typed.ends_with(form);
    if (cps.size() < limits.min_typo_length && (cps.size() < limits.min_stem_typo_length || !prefix_removed)) continue;
    // Long words keep their first two characters: the scanned range shrinks by an order of
    // magnitude on a large vocabulary, and typos cluster after the start of a word.
    const std::size_t kept = cps.size() >= limits.two_letter_prefix_length ? 2 : 1;
    std::size_t length = 0;
    for (std::size_t k = 0, step = 0; k < kept; ++k, length += step) decode_utf8(form, length, step);
    if (!first.empty() && form.compare(0, first.size(), first) != 0) continue;  // forms differ at once
    if (first.empty()) {
      first = form.substr(0, length);
      std::size_t bytes = 0;
      for (std::size_t k = 0, step = 0; k < 2 && k < cps.size(); ++k, bytes += step) {
        decode_utf8(form, bytes, step);
      }
      lemma_range = form.substr(0, bytes);
    }
    bound = std::max<std::size_t>(bound, cps.size() >= limits.two_typos_length ? 2 : 1);
    wanted.push_back(std::move(cps));
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());  // term == typed, usually
  if (wanted.empty() || is_boolean_term(first)) return {};

  std::size_t shortest = SIZE_MAX, longest = 0;
  for (const auto& w : wanted) {
    shortest = std::min(shortest, w.size());
    longest = std::max(longest, w.size());
  }
  std::vector<LetterCounts> wanted_counts;
  for (const auto& w : wanted) wanted_counts.emplace_back(w);
  // The nearest distance of `cps` to a wanted form within that form's allowance, or bound + 1
  // (also when it is a form itself: not a correction).
  // `cps` is decoded from `utf8` only if some form is within reach of its letter counts.
  std::u32string cps;
  const auto nearest = [&](std::string_view utf8) {
    std::size_t best = bound + 1;
    const LetterCounts counts(utf8);
    bool decoded = false;
    for (std::size_t k = 0; k < wanted.size(); ++k) {
      const std::u32string& w = wanted[k];
      const std::size_t allowed = w.size() >= limits.two_typos_length ? 2 : 1;
      if (wanted_counts[k].distance_floor(counts) > allowed) continue;
      if (!decoded) {
        cps = decode_utf8(utf8);
        decoded = true;
      }
      const std::size_t d = bounded_edit_distance(w, cps, allowed);
      if (d == 0) return bound + 1;
      if (d <= allowed) best = std::min(best, d);
    }
    return best;
  };
  const auto code_points = [](std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
  };
  std::vector<Candidate> found;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(first); it != db.allterms_end(first) && scanned < limits.max_scanned_terms;
       ++it, ++scanned) {
    const std::string term = *it;
    // Most of a prefix range is too long or too short to be within reach: count code points
    // (lead bytes) before decoding anything.
    const std::size_t length = code_points(term);
    if (length + bound < shortest || length > longest + bound) continue;
    const std::size_t best = nearest(term);
    if (best <= bound) found.push_back({best, it.get_termfreq(), term});
  }
  // Where the index holds lemmas (a Hunspell row), a mistyped inflected word is far from its
  // lemma ("odrzcona" is one edit from "odrzucona", three from its lemma "odrzucić"): compare it
  // with the words the lemmas were made from, the partition's lemma table (lemma_table.h), and
  // take their lemma. A lemma no article holds any more (entries are never removed) is skipped.
  // The table has several word forms per lemma, so its range is the first two characters at
  // any length: by the first one alone a short word read 5,000 keys per partition (10k bench,
  // prefix-query p99 1.2 → 2.1 ms). Three for long words cut the slowest Polish queries by
  // 6-13% more but cost poquad 0.0006 (typos in the third letter): not taken.
  const std::string key_prefix = std::string(kMetadataLemmaPrefix) + lemma_range;
  const auto scan_lemma_table = [&](const Xapian::Database& table) {
    std::size_t scanned_keys = 0;
    for (auto it = table.metadata_keys_begin(key_prefix);
         it != table.metadata_keys_end(key_prefix) && scanned_keys < limits.max_scanned_terms; ++it, ++scanned_keys) {
      const std::string key = *it;
      const std::string_view word = std::string_view(key).substr(kMetadataLemmaPrefix.size());
      const std::size_t length = code_points(word);
      if (length + bound < shortest || length > longest + bound) continue;
      const std::size_t best = nearest(word);
      if (best > bound) continue;
      std::string lemma = table.get_metadata(key);
      const Xapian::doccount frequency = lemma.empty() ? 0 : db.get_termfreq(lemma);  // in any partition
      if (frequency == 0) continue;
      const std::u32string lemma_cps = decode_utf8(lemma);
      if (std::find(wanted.begin(), wanted.end(), lemma_cps) != wanted.end()) continue;
      found.push_back({best, frequency, std::move(lemma)});
    }
  };
  if (lemma_tables == nullptr) {
    scan_lemma_table(db);
  } else {
    for (const Xapian::Database& table : *lemma_tables) scan_lemma_table(table);
  }
  std::sort(found.begin(), found.end());
  // A lemma reached through several of its words, or as a term too, counts once (its nearest).
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && out.size() < limits.max_candidates; ++i) {
    // Only the nearest distance: a one-edit correction outranks any two-edit one.
    if (found[i].distance != found.front().distance) break;
    if (std::find(out.begin(), out.end(), found[i].term) != out.end()) continue;
    out.push_back(std::move(found[i].term));
  }
  return out;
}

std::vector<HanSubstitute> han_substitutions(const Xapian::Database& db, std::string_view left,
                                            std::string_view typed, std::string_view right,
                                            const ExpansionLimits& limits,
                                            const std::function<bool(std::string_view)>& accept) {
  if (left.empty() || is_boolean_term(left)) return {};
  const std::string l(left);
  std::vector<Candidate> found;  // distance 0: fits `right` too, 1: `left` alone
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(l); it != db.allterms_end(l) && scanned < limits.max_scanned_terms;
       ++it, ++scanned) {
    const std::string term = *it;
    std::size_t step = 0;
    if (term.size() <= l.size()) continue;
    decode_utf8(term, l.size(), step);
    if (l.size() + step != term.size()) continue;  // left + one character only
    const std::string_view x = std::string_view(term).substr(l.size());
    if (x == typed) continue;
    // Before the second bigram's lookup: most characters of the range fail `accept`.
    if (accept && !accept(x)) continue;
    const bool fits_right = !right.empty() && db.term_exists(std::string(x) + std::string(right));
    found.push_back({fits_right ? 0U : 1U, it.get_termfreq(), std::string(x)});
  }
  std::sort(found.begin(), found.end());
  std::vector<HanSubstitute> out;
  for (std::size_t i = 0; i < found.size() && out.size() < limits.max_candidates; ++i) {
    out.push_back({std::move(found[i].term), found[i].distance == 0});
  }
  return out;
}

namespace {

/// The `limits.max_completions` most frequent of `found`.
std::vector<std::string> most_frequent(std::vector<Candidate> found, const ExpansionLimits& limits) {
  const std::size_t keep = std::min(found.size(), limits.max_completions);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back(std::move(found[i].term));
  return out;
}

}  // namespace

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
  return most_frequent(std::move(found), limits);
}

std::vector<std::string> open_syllable_completions(const Xapian::Database& db, std::string_view typed,
                                                   const ExpansionLimits& limits) {
  const std::optional<OpenSyllable> open = open_syllable(typed);
  if (!open) return {};
  const std::string from = open->before + encode_utf8(std::u32string(1, open->first));
  const std::string to = open->before + encode_utf8(std::u32string(1, open->last)) + '\xFF';  // past `last`'s terms
  std::vector<Candidate> found;
  Xapian::TermIterator it = db.allterms_begin(open->before);
  it.skip_to(from);
  for (std::size_t scanned = 0; it != db.allterms_end(open->before) && *it < to && scanned < limits.max_scanned_terms;
       ++it, ++scanned) {
    found.push_back({0, it.get_termfreq(), *it});
  }
  return most_frequent(std::move(found), limits);
}

}  // namespace faqsearch::detail
