// The Arabic orthography's stages (orthography.h): normalization before stemming, the article
// repair after it, and the spelling and conjunction variants beside it.
#pragma once

#include <unicode/unistr.h>

#include <string>
#include <string_view>
#include <vector>

namespace faqsearch::detail::arabic {

/// Normalize stage: harakat and tatweel dropped, alef with hamza or madda (آ أ إ ٱ) read as ا.
void normalize_letters(icu::UnicodeString& word);

/// Stem stage: the article ال a Snowball stem kept, stripped where three letters remain.
void strip_second_article(std::string& stem);

/// Variants stage: teh marbuta and alef maksura as shoppers often type them (ة → ه, ى → ي), or ""
/// when the word has neither.
[[nodiscard]] std::string spelling_variant(std::string_view normalized);

/// Variants stage: the word without a conjunction و / ف written onto it, where the Snowball
/// stemmer keeps it (before alef) and at least five letters remain; "" otherwise.
[[nodiscard]] std::string_view without_conjunction(std::string_view normalized);

/// Did-you-mean: the letters stems are written with, once normalized and stemmed (a hamza on a
/// seat and alef maksura read as their seats: ئ → ي, ؤ → و, ى → ي).
inline constexpr std::u32string_view kStemLetters = U"ءابتثجحخدذرزسشصضطظعغفقكلمنهوية";

/// Did-you-mean: `typed` with the article ال (alone or after و ف ب ك, or ل's لل) restored where
/// its first letters are one edit from it ("اععربية" → "العربية", "اللمدينة" → "المدينة"), each
/// way once; at least two letters follow the article.
[[nodiscard]] std::vector<std::string> article_repairs(std::string_view typed);

/// Did-you-mean: the bytes of the clitics written onto the front of `word` (lower case, as the
/// articles write it): the article ال, alone or after و ف ب ك, ل's لل, or one of و ف ب ك ل alone;
/// the longest, and 0 when none is or fewer than three letters would remain. A letter that
/// begins the word itself is counted too ("وزير"): the caller checks that the rest is the word.
[[nodiscard]] std::size_t clitic_prefix_bytes(std::string_view word);

}  // namespace faqsearch::detail::arabic
