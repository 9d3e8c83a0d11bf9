// The shopper's own form of a corrected word: a did-you-mean shows the word the articles write,
// but the articles a spelling is read from may write it another way than the shopper meant (the
// word without its clitics, another inflection), several edits from what was typed.
#pragma once

#include <string>
#include <string_view>

#include "analysis/orthography.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// One edit of `typed` (deleted, swapped with the next, inserted or substituted with a letter of
/// `typed` or `spelled`) that `analyzer` reads in `lang` as the same word as `spelled` (the
/// articles' spelling of the correction: a term or folded variant in common, both stop words or
/// neither), nearest to `spelled`; "" when none is, or `typed` is shorter than 4 or longer than
/// 24 letters (each form is analyzed). "الاستحواذات" for the typed "االستحواذات" where the
/// articles write "استحواذات". Never a bare stem the articles do not write ("суперкубк"), though
/// a lemma the dictionary spells may be shown. Unseen forms are read with the lemma tables only
/// (OnlyTableLemmas); where that finds none, the few edits where `typed` and `spelled` first part
/// are read with the dictionary too ("przeciwnik" for "przeiwnik" where the articles write
/// "przeciwnikiem").
std::string shoppers_own_form(Analyzer& analyzer, const std::string& lang, std::u32string_view typed,
                              const std::string& spelled);

/// `spelled` (the articles' spelling of a correction) with the shopper's own letter wherever the
/// two words, aligned letter by letter, write one the script's normalizer reads alike: the search
/// finds the articles' "الإنفاق" as "الانفاق", and a shopper who typed "الاناق" writes that alef
/// bare. Letters of a typo stay the articles' ("الأوسط" for "الووسط"). `spelled` itself where the
/// orthography normalizes nothing, or either word is over 32 letters.
std::string in_shoppers_letters(const OrthographyRules& rules, std::u32string_view typed, const std::string& spelled);

}  // namespace faqsearch::detail
