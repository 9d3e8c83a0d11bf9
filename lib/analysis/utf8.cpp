#include "analysis/utf8.h"

#include <string>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

char32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t& length) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char b0 = byte(pos);
  length = 1;
  if (b0 < 0x80) return b0;
  // Lead byte → sequence length and the valid range of the second byte (Table 3-7).
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return kReplacementChar;  // continuation byte, C0, C1, F5..FF
  }
  for (std::size_t i = 1; i <= need; ++i) {
    if (pos + i >= text.size()) return kReplacementChar;  // truncated: consume what was valid
    const unsigned char b = byte(pos + i);
    const unsigned char min = i == 1 ? lo : 0x80;
    const unsigned char max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) return kReplacementChar;
    cp = (cp << 6) | (b & 0x3F);
    length = i + 1;
  }
  return cp;
}

std::size_t floor_char_boundary(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) return text.size();
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    out.push_back(decode_utf8(text, pos, length));
    pos += length;
  }
  return out;
}

std::string encode_utf8(std::u32string_view letters) {
  std::string out;
  out.reserve(letters.size());
  for (const char32_t c : letters) append_utf8(out, c);
  return out;
}

}  // namespace faqsearch::detail

namespace faqsearch {

bool is_valid_utf8(std::string_view text) noexcept {
  for (std::size_t pos = 0; pos < text.size();) {
    const auto b = static_cast<unsigned char>(text[pos]);
    if (b < 0x80) {
      ++pos;
      continue;
    }
    std::size_t length = 0;
    if (detail::decode_utf8(text, pos, length) == detail::kReplacementChar &&
        !(length == 3 && text.compare(pos, 3, "\xEF\xBF\xBD") == 0)) {
      return false;
    }
    pos += length;
  }
  return true;
}

std::string repair_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t cp = detail::decode_utf8(text, pos, length);
    if (cp == detail::kReplacementChar) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

}  // namespace faqsearch
