#include "analysis/stop_words.h"

#include "analysis/language_table.h"

namespace faqsearch::detail {

StopWords::StopWords(std::string_view list, const WordNormalizer& normalizer, const DiacriticFolding* folding) {
  for (std::string_view word : list_words(list)) {
    const std::string normalized =
        normalizer.normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size()))));
    words_.insert(normalized);
    if (folding != nullptr) words_.insert(folding->fold(normalized));
  }
}

}  // namespace faqsearch::detail
