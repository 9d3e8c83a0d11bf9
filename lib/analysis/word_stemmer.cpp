#include "analysis/word_stemmer.h"

#include "faqsearch/error.h"

namespace faqsearch::detail {

WordStemmer::WordStemmer(const LanguageRow& row, const OrthographyRules& rules, const DiacriticFolding& folding,
                         LemmaSources& sources)
    : row_(row), repair_stem_(rules.repair_stem) {
  if (!row.stemmer.empty()) {
    try {
      snowball_.emplace(std::string(row.stemmer));
      kind_ = Kind::kSnowball;
    } catch (const Xapian::Error& e) {
      throw Error("Xapian stemmer '" + std::string(row.stemmer) + "' unavailable: " + e.get_msg());
    }
  }
  // A missing dictionary leaves the row's Snowball stemmer (or none).
  if (!row.hunspell.empty() && HunspellStemmer::available(row.hunspell, sources.hunspell_directory)) {
    snowball_.reset();
    dictionary_ = std::make_unique<DictionaryStemmer>(row.hunspell, folding, row.fold_diacritics, sources);
    kind_ = Kind::kDictionary;
  }
}

std::string WordStemmer::stem(std::string word) {
  switch (kind_) {
    case Kind::kDictionary: return dictionary_->stem(std::move(word));
    case Kind::kSnowball: {
      std::string stemmed = (*snowball_)(word);
      if (repair_stem_ != nullptr) repair_stem_(stemmed);
      return stemmed.empty() ? word : stemmed;
    }
    case Kind::kNone: break;
  }
  return word;
}

std::string WordStemmer::name() const {
  switch (kind_) {
    case Kind::kDictionary: return "hunspell:" + std::string(row_.hunspell);
    case Kind::kSnowball: return std::string(row_.stemmer);
    case Kind::kNone: break;
  }
  return {};
}

}  // namespace faqsearch::detail
