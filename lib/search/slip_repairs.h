// Repairs of an unknown word that no term of the articles is near, for did-you-mean after its
// typo scan (did_you_mean.cpp): what the language knows of how its words are written stands in
// for the articles' vocabulary, which is asked only whether it has the repaired word.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// How many articles have the one term `text` analyzes to: 0 when they lack it or `text` is
/// not one word.
using ArticlesWithWord = std::function<Xapian::doccount(std::string_view text)>;

/// `typed` (lower case) with a mistyped prefix of its script restored (OrthographyRules::
/// prefix_repairs of `lang`'s row; Arabic: "اععربية" → "العربية"), which the typo scan cannot see
/// past because the stemmer takes only an intact prefix off. Of the repairs the articles have,
/// the most frequent, then the shortest ("االمبلغ" is "المبلغ" with a letter doubled sooner than
/// "الالمبلغ" with one lost); nullopt when none.
[[nodiscard]] std::optional<std::string> repaired_prefix(std::string_view typed, std::string_view lang,
                                                         const ArticlesWithWord& articles_with);

/// A slip in a form the articles do not write ("yenmiiştir" where they write "yendi",
/// "cancellaitons" where they write "cancel", "yapmışır" where they write "yaptı"): `typed`
/// (lower case, six letters or more) with a letter dropped or two neighbours swapped, where
/// `lang`'s spelling dictionary accepts it and the articles have its term; the most frequent
/// such. Failing those, with a letter of the dictionary's alphabet put back or in place of one,
/// where the result's term can be one of `vocabulary`'s. nullopt when none. The first letter
/// stays, as in the typo scan.
[[nodiscard]] std::optional<std::string> undone_slip(Analyzer& analyzer, std::string_view lang, std::string_view typed,
                                                     const Xapian::Database& vocabulary,
                                                     const ArticlesWithWord& articles_with);

/// The letters that follow `prefix` in some term of `vocabulary`, each once, in the terms' order:
/// one seek each. A term that is no UTF-8 past `prefix` gives U+FFFD.
[[nodiscard]] std::u32string letters_after(const Xapian::Database& vocabulary, const std::string& prefix);

/// Terms of `vocabulary` that `stem` is with its first letter's slip undone: that letter
/// dropped, swapped with the next, or replaced or preceded by one of `letters` (the script's,
/// OrthographyRules::stem_letters); the `max` most frequent. For a stem the analyzer cut a
/// prefix from ("ققليم" of "الققليمي", "اقليم" meant), whose first letter the typo scan keeps.
[[nodiscard]] std::vector<std::string> first_letter_repairs(const Xapian::Database& vocabulary, std::string_view stem,
                                                            std::u32string_view letters, std::size_t max);

}  // namespace faqsearch::detail
