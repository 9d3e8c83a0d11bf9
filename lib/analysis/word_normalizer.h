// Pipeline stage 3b, normalize: a word's text to the form stop words, stemmers and the index
// compare.
#pragma once

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "analysis/orthography.h"

namespace faqsearch::detail {

/// The normalizer chain of a row, applied in order:
///   1. NFKC case folding: every word of every script (full-width letters, ligatures, case).
///   2. The orthography's script normalizers: words with a character of their script only.
///   3. Apostrophes (' and ’) dropped: every word; shoppers type "wont", "cant", "customers" for
///      "won't", "can't", "customer's" (elided articles are split off before, see elision.h).
///
/// Thread-safety: immutable after construction; shareable (ICU normalizers are).
class WordNormalizer {
 public:
  /// Throws Error when ICU's normalization data is unavailable.
  explicit WordNormalizer(std::span<const ScriptNormalizer> script_normalizers);

  /// Steps 1 and 2: stop-word lists and n-grams, which have no apostrophes to drop. UTF-8;
  /// empty if ICU fails.
  [[nodiscard]] std::string normalize(const icu::UnicodeString& text) const;

  /// Steps 1 to 3 for the word [begin, end) of `text`, whose UTF-8 bytes are `utf8` (an ASCII
  /// word is folded without ICU).
  [[nodiscard]] std::string normalize_word(const icu::UnicodeString& text, int32_t begin, int32_t end,
                                           std::string_view utf8) const;

 private:
  const icu::Normalizer2* nfkc_casefold_ = nullptr;
  std::span<const ScriptNormalizer> script_normalizers_;
};

/// Step 3 alone: `word` without ' and ’.
void drop_apostrophes(std::string& word);

/// Whether every byte of `s` is ASCII.
[[nodiscard]] inline bool is_ascii(std::string_view s) noexcept {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace faqsearch::detail
