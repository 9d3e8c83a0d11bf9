// Pipeline stage 1, decode: the analyzed text as ICU reads it (UTF-16), with the way back to the
// caller's bytes.
#pragma once

#include <unicode/unistr.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// UTF-8 text decoded once into UTF-16, with the byte offset in the input of every UTF-16 unit,
/// so that a token's range points at the original bytes whatever later stages do to its term
/// ("offsets shall not be modified by token filters"). Ill-formed UTF-8 reads as U+FFFD per
/// maximal subpart, exactly as repair_utf8() repairs it.
///
/// Thread-safety: none (a scratch buffer of one analyzer, reused across texts).
class DecodedText {
 public:
  /// Replaces the content with `text`, reusing the buffers.
  void decode(std::string_view text);

  [[nodiscard]] const icu::UnicodeString& utf16() const noexcept { return utf16_; }
  [[nodiscard]] int32_t length() const noexcept { return utf16_.length(); }
  /// Byte offset in the input of UTF-16 index `unit` (`length()`: the input's size).
  [[nodiscard]] std::size_t byte_at(int32_t unit) const noexcept {
    return byte_of_unit_[static_cast<std::size_t>(unit)];
  }

 private:
  icu::UnicodeString utf16_;
  std::vector<std::uint32_t> byte_of_unit_;  // one per UTF-16 unit, plus the end
};

}  // namespace faqsearch::detail
