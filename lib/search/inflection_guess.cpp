#include "search/inflection_guess.h"

#include <algorithm>
#include <string>

#include "analysis/utf8.h"
#include "search/written_form.h"

namespace faqsearch::detail {

bool same_but_ending(std::string_view a, std::string_view b) {
  constexpr std::size_t kEnding = 2;
  constexpr std::size_t kShortest = 5;
  const std::u32string x = decode_utf8(a), y = decode_utf8(b);
  if (x.size() < kShortest || y.size() < kShortest) return false;
  const std::size_t common = static_cast<std::size_t>(std::mismatch(x.begin(), x.end(), y.begin(), y.end()).first - x.begin());
  return common + kEnding >= std::max(x.size(), y.size());
}

bool another_inflection(std::string_view typed, std::string_view spelled, bool misspelled) {
  if (!same_but_ending(typed, spelled)) return false;
  return !misspelled || typed.substr(0, spelled.size()) == spelled || spelled.substr(0, typed.size()) == typed;
}

bool ending_only(std::string_view typed, std::string_view spelled) {
  return same_but_ending(typed, spelled) || spelled.starts_with(typed) || typed.starts_with(spelled);
}

bool same_ending(std::string_view a, std::string_view b, std::size_t letters) {
  const std::u32string x = decode_utf8(lower_case(a)), y = decode_utf8(lower_case(b));
  return x.size() >= letters && y.size() >= letters && x.substr(x.size() - letters) == y.substr(y.size() - letters);
}

bool same_but_apostrophes(std::string_view a, std::string_view b) {
  const auto letters = [](std::string_view word) {
    std::u32string out = decode_utf8(lower_case(word));
    std::erase_if(out, [](char32_t c) { return c == U'\'' || c == U'\u2019'; });
    return out;
  };
  return letters(a) == letters(b);
}

}  // namespace faqsearch::detail
