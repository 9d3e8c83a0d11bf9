// The bytes of the index's stored records, read and written: strings with their varint length,
// and a reader that throws IndexCorrupt on a record truncated or malformed. Shared by the
// article record's codec (document_codec.cpp) and the token-offset table's (token_offsets.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "faqsearch/error.h"
#include "util/varint.h"

namespace faqsearch::detail {

/// Appends `s` with its length before it (varint).
inline void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

/// Reads a stored record front to back; every read past its end or of a bad varint throws
/// IndexCorrupt. Not thread-safe (one per record read).
class RecordReader {
 public:
  explicit RecordReader(std::string_view data) : data_(data) {}
  std::uint64_t varint() {
    const std::optional<std::uint64_t> v = get_varint(data_, pos_);
    if (!v) fail();
    return *v;
  }
  std::string string() {
    const std::uint64_t n = varint();
    if (n > data_.size() - pos_) fail();
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  char byte() {
    if (pos_ >= data_.size()) fail();
    return data_[pos_++];
  }
  std::string_view view(std::uint64_t n) {
    if (n > data_.size() - pos_) fail();
    const std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  [[nodiscard]] std::size_t remaining() const { return data_.size() - pos_; }
  [[noreturn]] static void fail() {
    throw IndexCorrupt("stored article record is truncated or malformed; rebuild the index");
  }
  [[noreturn]] static void fail_offsets() {
    throw IndexCorrupt("stored token-offset table is truncated or malformed; rebuild the index");
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace faqsearch::detail
