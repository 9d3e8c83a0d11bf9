// SharedDictionaries (lemma_hooks.h): Hunspell dictionaries loaded once and shared by analyzers.
#include "analysis/lemma_hooks.h"
#include "util/release_memory.h"

namespace faqsearch::detail {

std::optional<std::string> SharedDictionaries::stem(std::string_view name, std::string_view directory,
                                                    const HunspellStemmer::FoldFunction& fold,
                                                    std::string_view word) {
  const std::lock_guard lock(mutex_);
  HunspellStemmer* stemmer = whole(name, directory, fold);
  if (stemmer == nullptr) return std::nullopt;
  return stemmer->stem(word);
}

std::optional<bool> SharedDictionaries::spells(std::string_view name, std::string_view directory,
                                               const HunspellStemmer::FoldFunction& fold, std::string_view word) {
  if (!spelling_) return std::nullopt;
  const std::lock_guard lock(mutex_);
  HunspellStemmer* stemmer = whole(name, directory, fold);
  if (stemmer == nullptr) return std::nullopt;
  return stemmer->spells(word);
}

std::u32string SharedDictionaries::letters(std::string_view name, std::string_view directory,
                                           const HunspellStemmer::FoldFunction& fold) {
  if (!spelling_) return {};
  const std::lock_guard lock(mutex_);
  HunspellStemmer* stemmer = whole(name, directory, fold);
  return stemmer != nullptr ? stemmer->letters() : std::u32string();
}

std::optional<std::string> SharedDictionaries::stem_reduced(
    std::string_view name, std::string_view directory, const HunspellStemmer::FoldFunction& fold,
    std::string_view scope, std::string_view version,
    const std::function<std::unordered_set<std::string>()>& lemmas, std::string_view word) {
  const std::lock_guard lock(mutex_);
  HunspellStemmer* stemmer = loaded(
      std::string(directory) + "/" + std::string(name) + "\n" + std::string(scope), version, [&] {
        // The lemma set moves into the keep function, which open() destroys before Hunspell
        // parses: the two never peak together.
        return HunspellStemmer::open(name, directory, fold, [kept = lemmas()](std::string_view headword) {
          return kept.count(std::string(headword)) > 0;
        });
      });
  if (stemmer == nullptr) return std::nullopt;
  return stemmer->stem(word);
}

HunspellStemmer* SharedDictionaries::whole(std::string_view name, std::string_view directory,
                                           const HunspellStemmer::FoldFunction& fold) {
  return loaded(std::string(directory) + "/" + std::string(name), "",
                [&] { return HunspellStemmer::open(name, directory, fold); });
}

HunspellStemmer* SharedDictionaries::loaded(std::string key, std::string_view version,
                                            const std::function<std::unique_ptr<HunspellStemmer>()>& load) {
  auto it = loaded_.find(key);
  if (it == loaded_.end() || it->second.version != version) {
    if (it != loaded_.end()) {
      it->second.stemmer.reset();  // before the new one loads: the two never peak together
    } else {
      it = loaded_.emplace(std::move(key), Loaded{}).first;
    }
    it->second.version = std::string(version);
    it->second.stemmer = load();
    // The load built and dropped a lemma set and Hunspell's parse buffers (~4 MB of a
    // Searcher's 50 MB at 10k articles, kept by the arena otherwise).
    release_freed_memory();
  }
  return it->second.stemmer.get();
}

}  // namespace faqsearch::detail
