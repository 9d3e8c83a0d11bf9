#include "search/typo_scan.h"

#include <algorithm>
#include <climits>

#include "analysis/language_table.h"
#include "analysis/orthography.h"
#include "analysis/utf8.h"
#include "search/inflection_guess.h"
#include "search/shoppers_own_form.h"
#include "search/slip_repairs.h"
#include "search/written_form.h"

namespace faqsearch::detail {

ScannedFixes nearest_of(const ScannedFixes& fixes) {
  const auto farther =
      std::find_if(fixes.begin(), fixes.end(), [&](const auto& f) { return f.first.cost > fixes.front().first.cost; });
  return {fixes.begin(), farther};
}

TypoScan::TypoScan(Analyzer& analyzer, std::string lang, const LanguageVocabulary& vocabulary, RecordDecompressor& decompressor,
                   const CorrectionLimits& limits)
    : analyzer_(analyzer), lang_(std::move(lang)), vocabulary_(vocabulary), decompressor_(decompressor),
      limits_(limits), rules_(orthography_rules(find_language_row(lang_).orthography)) {
  const LanguageRow& row = find_language_row(lang_);
  stems_endings_ = (!row.stemmer.empty() || !row.hunspell.empty()) && !row.suffix_chains;
}

ExpansionLimits TypoScan::scan_limits() const {
  // Within the words sharing the first letter only, long words too: the search's own scan keeps
  // two letters for speed, but a correction runs only for words no article has.
  ExpansionLimits scan;
  scan.two_letter_prefix_length = SIZE_MAX;
  scan.max_candidates = limits_.max_typo_candidates;
  return scan;
}

ScannedFixes TypoScan::fixes_of(const QueryWord& w, const std::string& typed, bool misspelled,
                               const std::function<bool(const std::string& term)>& wanted) {
  std::vector<std::string> forms{w.term};
  if (typed != w.term) forms.push_back(typed);
  const std::u32string typed_letters = decode_utf8(typed);
  const std::u32string normalized_letters = decode_utf8(rules_.normalized(typed));
  // Where the analyzer kept the word's ending (no stemmer, or a name it does not know: "Geralt"),
  // the articles' other inflections are other terms, and look like typos of it.
  const bool ending_kept = !stems_endings_ || w.term == typed;
  ScannedFixes fixes;
  for (const std::string& candidate : candidates_of(w, typed, forms, scan_limits())) {
    if (wanted && !wanted(candidate)) continue;
    std::string spelled = in_shoppers_letters(rules_, typed_letters, spelling_of(candidate, typed));
    if (spelled == typed || (ending_kept && another_inflection(typed, spelled, misspelled))) continue;
    // Letters the search reads alike (Arabic's alef with or without a hamza) are no edit.
    const std::size_t cost = bounded_edit_distance(normalized_letters, decode_utf8(rules_.normalized(spelled)), kFarEdits);
    QueryFix fix{.begin = w.begin, .end = w.end, .text = std::move(spelled), .cost = cost, .misspelled = misspelled};
    fixes.emplace_back(std::move(fix), candidate);
  }
  std::stable_sort(fixes.begin(), fixes.end(), [](const auto& a, const auto& b) { return a.first.cost < b.first.cost; });
  return fixes;
}

std::optional<std::string> TypoScan::part_fix(const std::string& part) {
  std::vector<std::string> forms;
  for (const Token& t : analyzer_.analyze(part, lang_)) {
    if (t.kind == TokenKind::kWord && forms.empty()) forms.push_back(t.term);
  }
  if (forms.empty()) return std::nullopt;
  if (forms.front() != part) forms.push_back(part);
  const std::u32string letters = decode_utf8(part);
  for (const std::string& candidate : typo_candidates(vocabulary_.combined, forms, scan_limits(), &vocabulary_.partitions)) {
    std::string spelled = lower_case(spelling_of(candidate, part));
    if (spelled != part && bounded_edit_distance(letters, decode_utf8(spelled), 1) == 1) return spelled;
  }
  return std::nullopt;
}

/// The typo scan's terms near `forms` (the word's term and as typed), and where the analyzer
/// took a prefix off the word, the stem with its first letter's slip undone.
std::vector<std::string> TypoScan::candidates_of(const QueryWord& w, std::string_view typed,
                                                 const std::vector<std::string>& forms, const ExpansionLimits& scan) {
  std::vector<std::string> out = typo_candidates(vocabulary_.combined, forms, scan, &vocabulary_.partitions);
  // A folded variant that begins otherwise than the term is the word with a prefix the stemmer
  // kept taken off (Arabic "الدلة": term `الدل`, folded `دله`, one edit from the articles'
  // `دوله`); the scan keeps the first letter, so it is scanned on its own.
  if (!w.folded.empty() && !w.term.empty() && decode_utf8(w.folded).front() != decode_utf8(w.term).front() &&
      decode_utf8(typed).size() >= scan.min_typo_length) {
    // Its length is the stem's of a word typed long enough (ExpansionLimits::min_stem_typo_length).
    ExpansionLimits folded_scan = scan;
    folded_scan.min_typo_length = scan.min_stem_typo_length;
    for (std::string& term : typo_candidates(vocabulary_.combined, {w.folded}, folded_scan, &vocabulary_.partitions)) {
      if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(std::move(term));
    }
  }
  // A stem that begins the word as normalized is all of it: no prefix was taken off.
  if (rules_.stem_letters.empty() || w.term.empty() || rules_.normalized(typed).starts_with(w.term)) return out;
  for (std::string& term : first_letter_repairs(vocabulary_.combined, w.term, rules_.stem_letters, limits_.max_typo_candidates)) {
    if (std::find(out.begin(), out.end(), term) == out.end()) out.push_back(std::move(term));
  }
  return out;
}

std::string TypoScan::spelling_of(const std::string& term, std::string_view typed) {
  std::string written = written_form(analyzer_, vocabulary_.combined, lang_, term, typed, decompressor_,
                                     {limits_.max_spelling_articles, limits_.max_spelling_body_bytes,
                                      limits_.spelling_body_beyond_edits, limits_.max_spelling_bodies});
  return written.empty() ? term : written;
}

}  // namespace faqsearch::detail
