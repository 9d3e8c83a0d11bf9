// LEB128 variable-length unsigned integers (7 bits a byte, low bits first), the encoding of every
// count and gap in our stored values (document_codec.cpp, word_pairs.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace faqsearch::detail {

/// Appends `v` to `out`: one byte below 128, at most ten for any 64-bit value.
inline void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// Decodes the varint at `pos` in `data` and moves `pos` past it; nullopt (with `pos` somewhere
/// inside the bad bytes) when the data ends inside it, or it does not fit 64 bits (over ten bytes,
/// or a tenth byte above 1). The callers turn nullopt into an IndexCorrupt that names what they
/// were reading.
[[nodiscard]] inline std::optional<std::uint64_t> get_varint(std::string_view data, std::size_t& pos) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data.size()) return std::nullopt;
    const auto b = static_cast<unsigned char>(data[pos++]);
    if (shift == 63 && b > 1) return std::nullopt;  // bits beyond 64 would be dropped silently
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
  return std::nullopt;
}

/// Zigzag mapping of signed integers onto unsigned ones (0, -1, 1, -2 … → 0, 1, 2, 3 …), so a
/// small negative number is as short a varint as a small positive one.
constexpr std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
constexpr std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

}  // namespace faqsearch::detail
