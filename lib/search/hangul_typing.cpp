#include "search/hangul_typing.h"

#include <array>

#include "analysis/utf8.h"

namespace faqsearch::detail {

namespace {

// Unicode's Hangul syllable arithmetic: syllable = kFirstSyllable + (lead × 21 + vowel) × 28 + final.
constexpr char32_t kFirstSyllable = 0xAC00;
constexpr char32_t kLastSyllable = 0xD7A3;
constexpr int kFinals = 28;  // 0: none
constexpr int kSyllablesPerLead = 21 * kFinals;

/// For each final consonant (1–27): the final left on the syllable when the typed consonant
/// moves on (a double final keeps its first; ㄲ, ㅆ move whole), and the leading consonant it
/// moves on as (0–18, Unicode's order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
struct FinalSplit {
  int stays;
  int lead;
};
constexpr std::array<FinalSplit, kFinals> kFinalSplits = {{
    {0, -1},                                               // none (unused)
    {0, 0},  {0, 1},  {1, 9},  {0, 2},  {4, 12}, {4, 18},  // ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ
    {0, 3},  {0, 5},  {8, 0},  {8, 6},  {8, 7},  {8, 9},   // ㄷ ㄹ ㄺ ㄻ ㄼ ㄽ
    {8, 16}, {8, 17}, {8, 18}, {0, 6},  {0, 7},  {17, 9},  // ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ
    {0, 9},  {0, 10}, {0, 11}, {0, 12}, {0, 14}, {0, 15},  // ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ
    {0, 16}, {0, 17}, {0, 18},                             // ㅌ ㅍ ㅎ
}};

}  // namespace

std::optional<OpenSyllable> open_syllable(std::string_view typed) {
  std::u32string letters = decode_utf8(typed);
  if (letters.empty() || letters.back() < kFirstSyllable || letters.back() > kLastSyllable) return std::nullopt;
  const char32_t last = letters.back();
  letters.pop_back();
  const int final = static_cast<int>((last - kFirstSyllable) % kFinals);
  if (final == 0) {
    if (letters.empty()) return std::nullopt;
    return OpenSyllable{encode_utf8(letters), last, last + kFinals - 1};
  }
  const FinalSplit split = kFinalSplits[static_cast<std::size_t>(final)];
  letters.push_back(last - static_cast<char32_t>(final) + static_cast<char32_t>(split.stays));
  const char32_t first = kFirstSyllable + static_cast<char32_t>(split.lead * kSyllablesPerLead);
  return OpenSyllable{encode_utf8(letters), first, first + kSyllablesPerLead - 1};
}

}  // namespace faqsearch::detail
