// Pipeline stage 6a, variants: the diacritic-folded form of a term ("zwrót" → "zwrot"), indexed
// beside it so that text typed without marks finds it.
#pragma once

#include <unicode/normalizer2.h>

#include <string>
#include <string_view>

namespace faqsearch::detail {

/// Folds marks off the letters of the Latin, Greek and Cyrillic scripts (canonical decomposition
/// without its non-spacing marks; ł đ ø ħ ŀ ŧ, which have none, by their base letter), except a
/// language's own letters (Norwegian ø, Russian й). Characters of other scripts pass through, and
/// so do the marks that follow them (a Devanagari or Thai mark is part of its letter).
///
/// Thread-safety: immutable after construction; shareable.
class DiacriticFolding {
 public:
  /// `kept_letters`: UTF-8, lower case, never folded. Throws Error when ICU's normalization data
  /// is unavailable.
  explicit DiacriticFolding(std::string_view kept_letters);

  /// `term` (normalized UTF-8) folded; unchanged when nothing in it folds.
  [[nodiscard]] std::string fold(std::string_view term) const;

 private:
  const icu::Normalizer2* nfd_ = nullptr;
  std::u32string kept_letters_;
};

}  // namespace faqsearch::detail
