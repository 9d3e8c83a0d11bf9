#include "search/word_joins.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

#include "analysis/language_table.h"
#include "analysis/utf8.h"
#include "search/cooccurrence.h"
#include "search/written_form.h"

namespace faqsearch::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// A letter, mark or digit: what a word is made of beside the punctuation ICU keeps inside one.
bool is_word_letter(char32_t c) {
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

}  // namespace

WordJoins::WordJoins(Analyzer& analyzer, std::string lang, const LanguageVocabulary& vocabulary, std::string_view query,
                     const CorrectionLimits& limits)
    : analyzer_(analyzer), lang_(std::move(lang)), vocabulary_(vocabulary), query_(query), limits_(limits),
      writes_compounds_(find_language_row(lang_).split_compounds) {}

std::string WordJoins::as_typed(const QueryWord& w) const { return typed_word(query_.substr(w.begin, w.end - w.begin)); }

std::optional<QueryFix> WordJoins::split(const QueryWord& w) {
  constexpr std::size_t kSplitsChecked = 3;  // one small match each
  // In a language written in compounds, a long word the articles lack is one: the search
  // already finds its parts (LanguageRow::split_compounds), and two words are no spelling of it.
  if (writes_compounds_) return std::nullopt;
  const std::u32string letters = decode_utf8(as_typed(w));
  if (letters.size() < limits_.min_split_length) return std::nullopt;
  struct Split { Xapian::doccount frequency; std::string text; std::vector<std::string> terms; };
  std::vector<Split> splits;
  for (std::size_t at = 2; at + 2 <= letters.size(); ++at) {
    // A point or an apostrophe at the cut is the space mistyped ("to.take": one ICU word).
    std::u32string_view left = std::u32string_view(letters).substr(0, at), right = std::u32string_view(letters).substr(at);
    while (!left.empty() && !is_word_letter(left.back())) left.remove_suffix(1);
    while (!right.empty() && !is_word_letter(right.front())) right.remove_prefix(1);
    if (left.empty() || right.empty()) continue;
    std::string text = encode_utf8(left) + ' ' + encode_utf8(right);
    if (std::any_of(splits.begin(), splits.end(), [&](const Split& s) { return s.text == text; })) continue;
    std::vector<std::string> terms = known_words(analyzer_, lang_, vocabulary_.combined, text);
    if (terms.size() != 2) continue;
    const Xapian::doccount frequency =
        std::min(vocabulary_.combined.get_termfreq(terms[0]), vocabulary_.combined.get_termfreq(terms[1]));
    if (frequency >= limits_.min_split_frequency) splits.push_back({frequency, std::move(text), std::move(terms)});
  }
  std::stable_sort(splits.begin(), splits.end(), [](const Split& a, const Split& b) { return a.frequency > b.frequency; });
  for (std::size_t k = 0; k < splits.size() && k < kSplitsChecked; ++k) {
    if (close_together(vocabulary_.combined, splits[k].terms)) {
      return QueryFix{w.begin, w.end, std::move(splits[k].text), kSplitCost};
    }
  }
  return std::nullopt;
}

/// `w` and `next` written as one word, and its term, if they are typed apart by one space and
/// it is one word the articles know, whose term does not begin `w` as typed: that term means the
/// analyzer took `next` off again, as an ending (Turkish "ünü" + "nedir" → "ününedir", term
/// `ün`) or as a suffix after an apostrophe ("Tesla'nın" + "şirketinde", term `tesla`).
std::optional<std::pair<std::string, std::string>> WordJoins::joined(const QueryWord& w, const QueryWord& next) {
  if (next.begin != w.end + 1 || !is_space(query_[w.end])) return std::nullopt;
  const std::string first = as_typed(w);
  std::string text = first + as_typed(next);
  std::vector<std::string> terms = known_words(analyzer_, lang_, vocabulary_.combined, text);
  if (terms.size() != 1 || first.starts_with(terms.front())) return std::nullopt;
  return std::pair{std::move(text), std::move(terms.front())};
}

std::optional<QueryFix> WordJoins::join(const QueryWord& w, const QueryWord& next) {
  auto one = joined(w, next);
  if (!one) return std::nullopt;
  return QueryFix{w.begin, next.end, std::move(one->first), 1};
}

std::optional<QueryFix> WordJoins::apart(const QueryWord& w, const QueryWord* next, std::size_t words) {
  constexpr std::size_t kMaxWordsJoined = 6;  // one match per pair of words: short queries only
  if (next == nullptr || w.stop_word || next->stop_word || !next->known || words > kMaxWordsJoined) {
    return std::nullopt;
  }
  auto one = joined(w, *next);
  if (!one) return std::nullopt;
  const Xapian::doccount joined_frequency = vocabulary_.combined.get_termfreq(one->second);
  Xapian::Enquire enquire(vocabulary_.combined);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(w.term), Xapian::Query(next->term)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::doccount together = enquire.get_mset(0, 0, joined_frequency + 1).get_matches_lower_bound();
  if (joined_frequency <= together) return std::nullopt;
  return QueryFix{w.begin, next->end, std::move(one->first), 1};
}

}  // namespace faqsearch::detail
