// Pipeline stage 5, stem: a normalized word to the term the index holds, by the row's Hunspell
// dictionary, its Snowball stemmer, or neither.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>

#include "analysis/diacritic_folding.h"
#include "analysis/dictionary_stemmer.h"
#include "analysis/language_table.h"
#include "analysis/orthography.h"

namespace faqsearch::detail {

/// A row's stemmer. Which one is decided once, when it is made: the row's Hunspell dictionary
/// when its files are present (lemmas: words of the language), else its Snowball stemmer
/// (stems: cut words, repaired by the orthography), else none (words stay as normalized).
///
/// Thread-safety: NOT thread-safe (Xapian stemmers and Hunspell are single-threaded).
class WordStemmer {
 public:
  enum class Kind : std::uint8_t { kNone, kSnowball, kDictionary };

  /// Throws Error when the row names a Snowball stemmer Xapian does not have. The references
  /// must outlive the stemmer.
  WordStemmer(const LanguageRow& row, const OrthographyRules& rules, const DiacriticFolding& folding,
              LemmaSources& sources);

  /// The stem of normalized `word`; `word` itself when the stemmer has nothing for it.
  [[nodiscard]] std::string stem(std::string word);

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  /// "hunspell:<dictionary>", the Snowball name, or "" (Analyzer::stemmer_in_use).
  [[nodiscard]] std::string name() const;

 private:
  Kind kind_ = Kind::kNone;
  const LanguageRow& row_;
  void (*repair_stem_)(std::string&) = nullptr;
  std::optional<Xapian::Stem> snowball_;
  std::unique_ptr<DictionaryStemmer> dictionary_;
};

}  // namespace faqsearch::detail
