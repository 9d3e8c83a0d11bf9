// UTF-8 decoding shared by repair_utf8() and the analyzer, so that documents, queries and
// snippets read ill-formed input exactly the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faqsearch::detail {

inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Decodes the code point starting at `text[pos]`. Returns it and stores the number of bytes
/// consumed in `length` (≥ 1). An ill-formed sequence yields U+FFFD and consumes its maximal
/// subpart (Unicode §3.9, "U+FFFD substitution of maximal subparts").
char32_t decode_utf8(std::string_view text, std::size_t pos, std::size_t& length) noexcept;

/// The code points of `text` (ill-formed sequences as U+FFFD, as decode_utf8 reads them).
std::u32string decode_utf8(std::string_view text);

/// The UTF-8 encoding of `letters`.
std::string encode_utf8(std::u32string_view letters);

/// Appends the UTF-8 encoding of `cp` to `out`.
template <typename String>
void append_utf8(String& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Largest offset ≤ `pos` that starts a character of valid UTF-8 `text`.
std::size_t floor_char_boundary(std::string_view text, std::size_t pos) noexcept;

}  // namespace faqsearch::detail
