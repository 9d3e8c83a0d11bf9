#include "analysis/decoded_text.h"

#include "analysis/utf8.h"

namespace faqsearch::detail {

void DecodedText::decode(std::string_view text) {
  utf16_.remove();
  byte_of_unit_.clear();
  byte_of_unit_.reserve(text.size() + 1);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t cp = decode_utf8(text, pos, length);
    utf16_.append(static_cast<UChar32>(cp));
    byte_of_unit_.push_back(static_cast<std::uint32_t>(pos));
    if (cp > 0xFFFF) byte_of_unit_.push_back(static_cast<std::uint32_t>(pos));  // the low surrogate
    pos += length;
  }
  byte_of_unit_.push_back(static_cast<std::uint32_t>(text.size()));
}

}  // namespace faqsearch::detail
