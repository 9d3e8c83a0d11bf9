// What a shopper has typed of a query when the search box asks for suggestions: the peer bench
// and the suggest bench cut queries the same way.
#pragma once

#include <string>

namespace faqsearch::bench {

/// All of `text` but the second half of its last word (at least its first character), cut on a
/// character boundary.
inline std::string typed_so_far(const std::string& text) {
  const std::size_t last = text.find_last_of(' ') == std::string::npos ? 0 : text.find_last_of(' ') + 1;
  std::size_t cut = last + (text.size() - last + 1) / 2;
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) ++cut;
  if (cut == last && cut < text.size()) ++cut;
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) ++cut;
  return text.substr(0, cut);
}

}  // namespace faqsearch::bench
