// Whether a correction the articles write is another inflection of the typed word rather than its
// typo's fix: where the analyzer keeps a word's ending (no stemmer, a name the dictionary does not
// know), two inflections are two terms, and one looks like a typo of the other.
#pragma once

#include <string_view>

namespace faqsearch::detail {

/// Whether two words of five letters or more differ only in their last two letters: in a
/// language whose endings the analyzer keeps (Greek: no stemmer), another inflection of a word
/// the articles have ("καριέρα", "καριέρας"), more often than a typo.
[[nodiscard]] bool same_but_ending(std::string_view a, std::string_view b);

/// Whether the articles' `spelled` is taken for another inflection of the `typed` word rather
/// than its typo fix (same_but_ending). Not when the dictionary rejects what was typed
/// (`misspelled`: a letter doubled or lost before the ending, "carolinna", "Πίτσμπουργγκ"),
/// unless one is the other with letters added at the end ("panther", "panthers": names the
/// dictionary does not know take endings too).
[[nodiscard]] bool another_inflection(std::string_view typed, std::string_view spelled, bool misspelled);

/// Whether `spelled` differs from `typed` in its ending only: same_but_ending, or letters added
/// at the end of either ("XIII", "XIII:s").
[[nodiscard]] bool ending_only(std::string_view typed, std::string_view spelled);

/// Whether two words end in the same `letters` letters, in lower case: a one-edit fix that
/// changes none of a word's last three letters is no other inflection of it.
[[nodiscard]] bool same_ending(std::string_view a, std::string_view b, std::size_t letters);

/// Whether two words are one, written with and without an apostrophe (' or ’) before a suffix:
/// Turkish writes a name's ending after one ("Marş'ı"), and the articles' "Marşı" is no typo's
/// fix of it (LanguageRow::apostrophe_suffixes).
[[nodiscard]] bool same_but_apostrophes(std::string_view a, std::string_view b);

}  // namespace faqsearch::detail
