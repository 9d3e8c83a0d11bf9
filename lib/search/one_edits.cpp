#include "search/one_edits.h"

#include <unicode/normalizer2.h>

#include <algorithm>

#include "faqsearch/error.h"

namespace faqsearch::detail {

namespace {

/// `c` without its marks (the first letter of its canonical decomposition): "ú" → "u", "أ" → "ا".
char32_t base_letter(const icu::Normalizer2& nfd, char32_t c) {
  icu::UnicodeString decomposed;
  return nfd.getDecomposition(static_cast<UChar32>(c), decomposed) ? static_cast<char32_t>(decomposed.char32At(0)) : c;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer data is unavailable: ") + u_errorName(status));
  return *normalizer;
}

}  // namespace

std::vector<std::u32string> one_edit_forms(std::u32string_view word, const OneEdits& edits) {
  const std::u32string w(word);
  const icu::Normalizer2* marks = edits.marks_are_no_edit ? &nfd() : nullptr;
  std::vector<std::u32string> out;
  for (std::size_t i = edits.first; i <= w.size(); ++i) {
    if (edits.drop_and_swap && i < w.size()) {
      out.push_back(w.substr(0, i) + w.substr(i + 1));
      if (i + 1 < w.size() && w[i] != w[i + 1]) {
        std::u32string swapped = w;
        std::swap(swapped[i], swapped[i + 1]);
        out.push_back(std::move(swapped));
      }
    }
    if (!edits.letters) continue;
    const char32_t base = i < w.size() && marks != nullptr ? base_letter(*marks, w[i]) : 0;
    for (const char32_t c : edits.letters(i)) {
      out.push_back(w.substr(0, i) + c + w.substr(i));
      const bool other_letter = marks != nullptr ? base != base_letter(*marks, c) : w[i] != c;
      if (i < w.size() && other_letter) {
        std::u32string replaced = w;
        replaced[i] = c;
        out.push_back(std::move(replaced));
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace faqsearch::detail
