#include "search/shoppers_own_form.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "search/did_you_mean_check.h"
#include "search/one_edits.h"
#include "search/term_expansion.h"

namespace faqsearch::detail {

namespace {

/// How the analyzer reads a text of one word: its term and folded variant, and whether it is a
/// stop word.
struct Reading {
  std::vector<std::string> terms;
  bool stop_word = false;

  /// The same word: both stop words or neither, sharing a term ("devolucion" and "devolución"
  /// share the folded one).
  [[nodiscard]] bool same_word(const Reading& other) const {
    return stop_word == other.stop_word && std::any_of(terms.begin(), terms.end(), [&](const std::string& t) {
             return std::find(other.terms.begin(), other.terms.end(), t) != other.terms.end();
           });
  }
};

std::optional<Reading> reading_of(Analyzer& analyzer, const std::string& lang, const std::string& word) {
  std::optional<Reading> out;
  for (const Token& t : analyzer.analyze(word, lang)) {
    if (t.kind == TokenKind::kWord) {
      if (out) return std::nullopt;  // more than one word
      out = Reading{{t.term}, t.stop_word};
    } else if (t.kind == TokenKind::kFolded && out) {
      out->terms.push_back(t.term);
    }
  }
  return out;
}

/// The edits of `typed` where it first differs from `spelled` (the letter deleted, swapped with
/// the next; `spelled`'s letter inserted or put in its place): a typo in a stem comes before the
/// ending that makes another inflection of it.
std::vector<std::u32string> edits_where_they_part(std::u32string_view typed, std::u32string_view spelled) {
  std::size_t i = 0;
  while (i < typed.size() && i < spelled.size() && typed[i] == spelled[i]) ++i;
  const std::u32string word(typed);
  std::vector<std::u32string> edits;
  if (i < word.size()) edits.push_back(word.substr(0, i) + word.substr(i + 1));
  if (i + 1 < word.size()) {
    std::u32string swapped = word;
    std::swap(swapped[i], swapped[i + 1]);
    edits.push_back(std::move(swapped));
  }
  if (i < spelled.size()) {
    edits.push_back(word.substr(0, i) + spelled[i] + word.substr(i));
    if (i < word.size()) edits.push_back(word.substr(0, i) + spelled[i] + word.substr(i + 1));
  }
  return edits;
}

/// Of `forms`, the one `analyzer` reads as `meant` that is nearest to `spelled`; "" when none is.
/// `lemmas_are_words`: a form that is its own term is shown when the language's dictionary
/// spells it (a lemma, "przeciwnik"), not only when the articles write it.
std::string nearest_same_word(Analyzer& analyzer, const std::string& lang, const std::vector<std::u32string>& forms,
                              const Reading& meant, const std::string& spelled, bool lemmas_are_words) {
  const std::u32string spelled_letters = decode_utf8(spelled);
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const std::u32string& form : forms) {
    const std::size_t distance = bounded_edit_distance(form, spelled_letters, kFarEdits);
    if (distance >= best_distance) continue;
    std::string text = encode_utf8(form);
    // A stem is no word to show, unless the articles write it so; nor is a form of a stop word
    // that the lists lack ("когд" for "когда"), which reads as another word.
    if (text == meant.terms.front() && spelled != meant.terms.front() &&
        (!lemmas_are_words || AnalyzerHooks::spells(analyzer, text, lang) != true)) {
      continue;
    }
    const std::optional<Reading> read = reading_of(analyzer, lang, text);
    if (!read || !read->same_word(meant)) continue;
    best_distance = distance;
    best = std::move(text);
  }
  return best;
}

}  // namespace

std::string shoppers_own_form(Analyzer& analyzer, const std::string& lang, std::u32string_view typed,
                              const std::string& spelled) {
  constexpr std::size_t kShortest = 4, kLongest = 24;
  if (typed.size() < kShortest || typed.size() > kLongest) return {};
  std::optional<Reading> meant;
  std::string own;
  {
    const OnlyTableLemmas written_forms_only(analyzer);
    meant = reading_of(analyzer, lang, spelled);
    if (!meant) return {};
    // The letters put in or in place of one: those of the two words.
    std::u32string letters = std::u32string(typed) + decode_utf8(spelled);
    std::sort(letters.begin(), letters.end());
    letters.erase(std::unique(letters.begin(), letters.end()), letters.end());
    const auto forms = one_edit_forms(typed, {.letters = [&](std::size_t) -> std::u32string_view { return letters; }});
    own = nearest_same_word(analyzer, lang, forms, *meant, spelled, false);
  }
  if (!own.empty()) return own;
  // Where the articles write no such form, the few edits where the words part are read with the
  // language's dictionary too (a lemmatizing language's unseen forms).
  const std::vector<std::u32string> parted = edits_where_they_part(typed, decode_utf8(spelled));
  return nearest_same_word(analyzer, lang, parted, *meant, spelled, true);
}

std::string in_shoppers_letters(const OrthographyRules& rules, std::u32string_view typed, const std::string& spelled) {
  constexpr std::size_t kLongest = 32;  // letters: a table of (typed + 1) × (spelled + 1) distances
  const std::u32string letters = decode_utf8(spelled);
  if (rules.normalizers.empty() || typed.size() > kLongest || letters.size() > kLongest) return spelled;
  const auto as_read = [&](char32_t c) { return rules.normalized(encode_utf8(std::u32string(1, c))); };
  std::vector<std::string> typed_read, spelled_read;
  for (const char32_t c : typed) typed_read.push_back(as_read(c));
  for (const char32_t c : letters) spelled_read.push_back(as_read(c));
  const auto alike = [&](std::size_t i, std::size_t j) {
    return typed[i] == letters[j] || (!typed_read[i].empty() && typed_read[i] == spelled_read[j]);
  };
  // Edit distances of the words' tails, letters read alike counting as the same.
  const std::size_t n = typed.size(), m = letters.size();
  std::vector<std::vector<std::size_t>> tail(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      if (i == n || j == m) {
        tail[i][j] = (n - i) + (m - j);
        continue;
      }
      tail[i][j] = std::min({tail[i + 1][j] + 1, tail[i][j + 1] + 1, tail[i + 1][j + 1] + (alike(i, j) ? 0 : 1)});
    }
  }
  // Walked from the front along a cheapest alignment, taking the typed letter where it is read alike.
  std::u32string out;
  std::size_t i = 0, j = 0;
  while (j < m) {
    if (i < n && tail[i][j] == tail[i + 1][j + 1] + (alike(i, j) ? 0 : 1)) {
      out += alike(i, j) ? typed[i] : letters[j];
      ++i, ++j;
    } else if (tail[i][j] == tail[i][j + 1] + 1) {
      out += letters[j++];
    } else {
      ++i;
    }
  }
  return encode_utf8(out);
}

}  // namespace faqsearch::detail
