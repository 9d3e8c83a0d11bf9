// Pipeline stage 5, stem (Hunspell): a word's dictionary lemma, through the analyzer's hooks
// (lemma_hooks.h): a lemma table first, then a shared or own dictionary.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/diacritic_folding.h"
#include "analysis/hunspell_stemmer.h"
#include "analysis/lemma_hooks.h"

namespace faqsearch::detail {

/// Where an analyzer's dictionary lemmas come from and who hears of them (AnalyzerHooks). One
/// per analyzer, shared by its languages.
struct LemmaSources {
  std::string hunspell_directory;
  LemmaTable* table = nullptr;
  UnseenWords unseen_words = UnseenWords::kLoadDictionary;
  LemmaRecorder* recorder = nullptr;
  SharedDictionaries own_dictionaries;  // unless the owner shares some (AnalyzerHooks)
  SharedDictionaries* dictionaries = &own_dictionaries;
  /// The tag analyze() was called with, as callers spell it: lemma tables are keyed by it.
  std::string_view lang;
};

/// Lemmatizes with one Hunspell dictionary. The dictionary is loaded (or asked of the shared
/// dictionaries) on the first word that needs it, which may be never: a searcher finds most
/// lemmas in the index's lemma table.
///
/// Thread-safety: NOT thread-safe (as the analyzer owning it).
class DictionaryStemmer {
 public:
  /// `dictionary`: its name ("pl_PL"). `folding`: the row's, which also tells the dictionary
  /// which letters a shopper may have typed without their marks. `fold_typed`: the row folds
  /// diacritics, so the recorder also hears of each word as typed without them. All three
  /// references must outlive the stemmer.
  DictionaryStemmer(std::string_view dictionary, const DiacriticFolding& folding, bool fold_typed,
                    LemmaSources& sources);

  /// The lemma of the normalized `word`, or `word` when the dictionary has none.
  [[nodiscard]] std::string stem(std::string word);

 private:
  std::string ask_dictionary(const std::string& word);

  std::string_view dictionary_;
  const DiacriticFolding& folding_;
  bool fold_typed_;
  LemmaSources& sources_;
  HunspellStemmer::FoldFunction fold_letters_;
  // The full dictionary's answers so far (word → lemma), for words no lemma table answered. The
  // shared dictionaries cache their answers too, for every analyzer sharing them, but asking them
  // takes their lock and a std::function per word even when they know it, and an IndexBuilder's
  // workers all ask: this copy cut 4.3% of the instructions of building 600 English and 600
  // Polish articles. The full dictionary never changes, so an answer stays right; a reduced one
  // does (its lemma set grows), so its answers are not kept. Cleared when full (~3 MB).
  std::unordered_map<std::string, std::string> answers_;
};

}  // namespace faqsearch::detail
