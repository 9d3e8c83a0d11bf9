// What a Korean input method shows mid-syllable, for the search box's completions: typing 배송
// shows ㅂ, 배, 뱃, 배소, 배송. At 뱃 the ㅅ is the syllable's final consonant only until the next
// vowel moves it on to begin the next syllable: the word being typed is 배 and a syllable that
// begins with ㅅ, which a completion of 뱃 alone never finds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faqsearch::detail {

/// What a word typed so far may become: `before` followed by a syllable in [first, last].
struct OpenSyllable {
  std::string before;
  char32_t first = 0;
  char32_t last = 0;
};

/// `typed` read as a word whose last syllable is still open: one ending in a final consonant that
/// can begin a syllable becomes the syllable without it followed by one beginning with it (뱃 →
/// 배 + 사…싷; of a double final, its second consonant moves: 닭 → 달 + 가…깋); one without a
/// final may take one (배소 → 배 + 소…솧, so 배송). nullopt for a word not ending in a Hangul
/// syllable, and for one syllable without a final: the words beginning with it are its
/// completions already, and those of the syllables it may become can be thousands.
[[nodiscard]] std::optional<OpenSyllable> open_syllable(std::string_view typed);

}  // namespace faqsearch::detail
