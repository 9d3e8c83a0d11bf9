#include "search/slip_repairs.h"

#include <algorithm>
#include <vector>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/orthography.h"
#include "analysis/utf8.h"

namespace faqsearch::detail {

namespace {

/// `letters` with one letter dropped or two different neighbours swapped, the first letter kept;
/// each once.
std::vector<std::u32string> dropped_or_swapped(const std::u32string& letters) {
  std::vector<std::u32string> slips;
  for (std::size_t i = 1; i < letters.size(); ++i) {
    slips.push_back(letters.substr(0, i) + letters.substr(i + 1));
    if (i + 1 < letters.size() && letters[i] != letters[i + 1]) {
      std::u32string swapped = letters;
      std::swap(swapped[i], swapped[i + 1]);
      slips.push_back(std::move(swapped));
    }
  }
  std::sort(slips.begin(), slips.end());
  slips.erase(std::unique(slips.begin(), slips.end()), slips.end());
  return slips;
}

}  // namespace

std::optional<std::string> repaired_prefix(std::string_view typed, std::string_view lang,
                                           const ArticlesWithWord& articles_with) {
  const auto repairs = orthography_rules(find_language_row(lang).orthography).prefix_repairs;
  if (repairs == nullptr) return std::nullopt;
  std::optional<std::string> best;
  Xapian::doccount best_frequency = 0;
  for (std::string& text : repairs(typed)) {
    const Xapian::doccount frequency = articles_with(text);
    if (frequency == 0 || frequency < best_frequency) continue;
    if (best && frequency == best_frequency && text.size() >= best->size()) continue;
    best = std::move(text);
    best_frequency = frequency;
  }
  return best;
}

std::optional<std::string> undone_slip(Analyzer& analyzer, std::string_view lang, std::string_view typed,
                                       const ArticlesWithWord& articles_with) {
  constexpr std::size_t kShortest = 6;  // shorter words have more real neighbours
  const std::u32string letters = decode_utf8(typed);
  if (letters.size() < kShortest) return std::nullopt;
  std::optional<std::string> best;
  Xapian::doccount best_frequency = 0;
  for (const std::u32string& slip : dropped_or_swapped(letters)) {
    std::string text = encode_utf8(slip);
    // The vocabulary first: a lookup costs less than the dictionary's.
    const Xapian::doccount frequency = articles_with(text);
    if (frequency <= best_frequency) continue;
    if (AnalyzerHooks::spells(analyzer, text, lang) != true) continue;
    best = std::move(text);
    best_frequency = frequency;
  }
  return best;
}

std::vector<std::string> first_letter_repairs(const Xapian::Database& vocabulary, std::string_view stem,
                                              std::u32string_view letters, std::size_t max) {
  // A stem of three letters (a root) has a neighbour for most letters put in its first place:
  // it is only tried with its first letter dropped or swapped.
  constexpr std::size_t kShortest = 3, kShortestReplaced = 4;
  const std::u32string word = decode_utf8(stem);
  if (word.size() < kShortest) return {};
  std::vector<std::u32string> repairs{word.substr(1)};
  if (word[0] != word[1]) repairs.push_back(std::u32string{word[1], word[0]} + word.substr(2));
  for (const char32_t c : word.size() >= kShortestReplaced ? letters : std::u32string_view()) {
    repairs.push_back(c + word);
    if (c != word[0]) repairs.push_back(c + word.substr(1));
  }
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (const std::u32string& repair : repairs) {
    std::string term = encode_utf8(repair);
    const Xapian::doccount frequency = vocabulary.get_termfreq(term);
    if (frequency > 0) found.emplace_back(frequency, std::move(term));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < found.size() && i < max; ++i) out.push_back(std::move(found[i].second));
  return out;
}

}  // namespace faqsearch::detail
