#include "analysis/dictionary_stemmer.h"

#include "analysis/word_normalizer.h"

namespace faqsearch::detail {
namespace {

// Entries of DictionaryStemmer::answers_ before it is cleared.
constexpr std::size_t kMaxDictionaryAnswers = std::size_t{1} << 15;

}  // namespace

DictionaryStemmer::DictionaryStemmer(std::string_view dictionary, const DiacriticFolding& folding, bool fold_typed,
                                     LemmaSources& sources)
    : dictionary_(dictionary),
      folding_(folding),
      fold_typed_(fold_typed),
      sources_(sources),
      fold_letters_([&folding](std::string_view letters) { return folding.fold(letters); }) {}

std::string DictionaryStemmer::stem(std::string word) {
  if (sources_.table != nullptr) {
    if (std::optional<std::string> lemma = sources_.table->find(sources_.lang, word)) return std::move(*lemma);
    if (sources_.unseen_words == UnseenWords::kUnchanged) return word;
  }
  std::string lemma = ask_dictionary(word);
  if (sources_.recorder != nullptr && sources_.recorder->record(word, lemma) && fold_typed_ && !is_ascii(word)) {
    // Shoppers type without marks, and the dictionary restores them ("zamowienia" → "zamówienia"
    // → "zamówienie"): the word so typed is recorded too, with the dictionary's own answer for it.
    std::string folded = folding_.fold(word);
    if (is_ascii(folded)) {
      const std::string folded_lemma = ask_dictionary(folded);
      sources_.recorder->record(folded, folded_lemma);
    }
  }
  return lemma;
}

std::string DictionaryStemmer::ask_dictionary(const std::string& word) {
  const std::string_view directory = sources_.hunspell_directory;
  LemmaTable* const table = sources_.table;
  if (table != nullptr && sources_.unseen_words == UnseenWords::kReducedDictionary) {
    const std::string_view lang = sources_.lang;
    const std::optional<std::string> lemma = sources_.dictionaries->stem_reduced(
        dictionary_, directory, fold_letters_, table->scope(), table->version(lang),
        [table, lang] { return table->lemmas(lang); }, word);
    return lemma ? *lemma : word;
  }
  if (const auto known = answers_.find(word); known != answers_.end()) return known->second;
  const std::optional<std::string> lemma = sources_.dictionaries->stem(dictionary_, directory, fold_letters_, word);
  std::string answer = lemma ? *lemma : word;  // no dictionary (unsupported encoding): unstemmed
  if (answers_.size() >= kMaxDictionaryAnswers) answers_.clear();
  answers_.emplace(word, answer);
  return answer;
}

}  // namespace faqsearch::detail
