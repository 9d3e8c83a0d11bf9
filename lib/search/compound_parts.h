// Compounds written as one word (LanguageRow::split_compounds, German "Lieferadresse"): the two
// known words a compound the vocabulary lacks is made of, which the search looks for in its
// place, and did-you-mean's fix of a compound with a typo in one of them ("Puktestand").
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// The two known words a compound typed as one word is made of (their terms), or nothing: split
/// where both sides are terms of `db` once analyzed (stemmed), a linking "s" or "e" at the end of
/// the first dropped ("Lieferungsadresse" → "liefer" + "adress", both stems), the most even split
/// first. Words of fewer than eight letters, and sides of fewer than four, are not split.
/// `word`: lower case, as typed.
std::optional<std::pair<std::string, std::string>> compound_parts(Analyzer& analyzer, const Xapian::Database& db,
                                                                  std::string_view lang, const std::string& word);

/// A one-edit fix of one part of a compound (lower case, as typed): the part as the articles
/// write it, in lower case, or nothing.
using CompoundPartFix = std::function<std::optional<std::string>(const std::string& part)>;

/// `word` (lower case, as typed), a compound of which one side is a known word and the other
/// one edit from a word `fix_part` knows, with that edit undone: "puktestand" → "punktestand"
/// ("pukte" → "punkte", "stand" known), "verteiddigungsspieler" → "verteidigungsspieler" (the
/// linking "s" kept aside while its side is fixed). Splits are tried as compound_parts() tries
/// them, and `fix_part` is asked at most `max_fixes` times (each is a vocabulary scan).
std::optional<std::string> compound_with_part_fixed(Analyzer& analyzer, const Xapian::Database& db, std::string_view lang,
                                                    const std::string& word, const CompoundPartFix& fix_part,
                                                    std::size_t max_fixes);

}  // namespace faqsearch::detail
