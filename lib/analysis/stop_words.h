// Pipeline stage 4, stop words: flags (never removes) a row's function words. They stay indexed,
// so a query of only stop words still finds something; a query with other words drops them.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

#include "analysis/diacritic_folding.h"
#include "analysis/word_normalizer.h"

namespace faqsearch::detail {

/// A row's stop-word list, normalized as the words compared with it are: case folding turns a
/// Greek final sigma into σ ("της" is read as "τησ"), and Arabic normalization drops hamza from
/// alef. Where the row folds diacritics, each word's folded form is a stop word too ("jesli" for
/// "jeśli").
///
/// Thread-safety: immutable after construction; shareable.
class StopWords {
 public:
  /// `list`: space-separated words. `folding`: the row's diacritic folding, or null when the row
  /// keeps diacritics.
  StopWords(std::string_view list, const WordNormalizer& normalizer, const DiacriticFolding* folding);

  /// Whether the normalized (or stemmed, for a dictionary row's lemmas) `word` is listed.
  [[nodiscard]] bool contains(const std::string& word) const { return words_.count(word) > 0; }

 private:
  std::unordered_set<std::string> words_;
};

}  // namespace faqsearch::detail
