#include "analysis/han_reading.h"

#include "analysis/word_normalizer.h"

namespace faqsearch::detail {

std::string HanReader::reading(std::string_view han) {
  if (!han_latin_ && !unavailable_) {
    UErrorCode status = U_ZERO_ERROR;
    han_latin_.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !han_latin_) {
      han_latin_.reset();
      unavailable_ = true;
    }
  }
  if (!han_latin_) return {};
  const std::string key(han);
  if (const auto it = readings_.find(key); it != readings_.end()) return it->second;
  if (readings_.size() >= kMaxReadings) readings_.clear();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(han.data(), static_cast<int32_t>(han.size())));
  han_latin_->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  // Han-Latin leaves a character it has no reading for as it is: no reading, not a sound.
  if (!is_ascii(out)) out.clear();
  readings_.emplace(key, out);
  return out;
}

}  // namespace faqsearch::detail
