#include "search/slip_repairs.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <vector>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/orthography.h"
#include "analysis/utf8.h"
#include "search/one_edits.h"

namespace faqsearch::detail {

namespace {

/// Which letters of `alphabet` may be put in `letters` at each place (element i: before
/// letters[i], or in its place) for the result's term to be one of `vocabulary`'s, taking the
/// term to begin the word it is the term of (a stem or, mostly, a lemma): where some term goes on
/// from what comes before, the letters it goes on with; after a term the word begins with (a slip
/// in an ending, "yapmışır" after `yap`), any.
std::vector<std::u32string> repairable_letters(const Xapian::Database& vocabulary, const std::u32string& letters,
                                               std::u32string_view alphabet) {
  constexpr std::size_t kShortestStem = 2;
  std::vector<std::u32string> out(letters.size() + 1);
  bool after_stem = false;
  for (std::size_t i = 1; i <= letters.size(); ++i) {
    if (after_stem) {
      out[i] = alphabet;
      continue;
    }
    const std::string before = encode_utf8(letters.substr(0, i));
    for (const char32_t c : letters_after(vocabulary, before)) {
      if (alphabet.find(c) != std::u32string_view::npos) out[i].push_back(c);
    }
    after_stem = i >= kShortestStem && vocabulary.term_exists(before);
  }
  return out;
}

}  // namespace

std::u32string letters_after(const Xapian::Database& vocabulary, const std::string& prefix) {
  std::u32string out;
  Xapian::TermIterator it = vocabulary.allterms_begin(prefix);
  const Xapian::TermIterator end = vocabulary.allterms_end(prefix);
  while (it != end) {
    const std::string term = *it;
    const std::u32string rest = decode_utf8(std::string_view(term).substr(prefix.size()));
    if (rest.empty()) {
      ++it;
      continue;
    }
    out.push_back(rest.front());
    // Past every term going on with that letter: no UTF-8 byte is 0xFF. A term that is no UTF-8
    // (read as U+FFFD) may sort past that key, and skip_to never moves back: then one step.
    it.skip_to(prefix + encode_utf8(std::u32string(1, rest.front())) + '\xFF');
    if (it != end && *it <= term) ++it;
  }
  return out;
}

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
                                       const Xapian::Database& vocabulary, const ArticlesWithWord& articles_with) {
  constexpr std::size_t kShortest = 6;  // shorter words have more real neighbours
  const std::u32string letters = decode_utf8(typed);
  if (letters.size() < kShortest) return std::nullopt;
  // Most tries are no word, and whichever check rejects one sooner goes first: the articles' (one
  // analysis) where the stemmer is an algorithm, the dictionary's where the analyzer lemmatizes
  // with one, since reading a word there takes a dictionary lookup and more.
  const bool dictionary_first = !find_language_row(lang).hunspell.empty();
  std::optional<std::string> best;
  Xapian::doccount best_frequency = 0;
  const auto try_each = [&](const std::vector<std::u32string>& slips) {
    for (const std::u32string& slip : slips) {
      std::string text = encode_utf8(slip);
      if (dictionary_first && AnalyzerHooks::spells(analyzer, text, lang) != true) continue;
      const Xapian::doccount frequency = articles_with(text);
      if (frequency <= best_frequency) continue;
      if (!dictionary_first && AnalyzerHooks::spells(analyzer, text, lang) != true) continue;
      best = std::move(text);
      best_frequency = frequency;
    }
  };
  try_each(one_edit_forms(letters, {.first = 1}));
  // A letter put back takes a try per letter of the alphabet: only where no letter was too many,
  // in a word no longer than shoppers' long words (a hostile one would cost a try per letter), and
  // written in the alphabet, marks aside (a Latin word in an Arabic query is no Arabic word
  // missing a letter; a word may carry harakat the dictionary's alphabet lacks).
  constexpr std::size_t kLongestPutBack = 24;
  if (best || letters.size() > kLongestPutBack) return best;
  const std::u32string alphabet = AnalyzerHooks::spelling_letters(analyzer, lang);
  const auto in_alphabet = [&](char32_t c) {
    return alphabet.find(c) != std::u32string::npos || (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
  };
  if (std::all_of(letters.begin(), letters.end(), in_alphabet)) {
    const std::vector<std::u32string> allowed = repairable_letters(vocabulary, letters, alphabet);
    try_each(one_edit_forms(letters, {.first = 1,
                                      .drop_and_swap = false,
                                      .letters = [&](std::size_t i) -> std::u32string_view { return allowed[i]; },
                                      .marks_are_no_edit = true}));
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
