#include "index/document_codec.h"

#include <cstdint>

#include "faqsearch/error.h"
#include "index/schema.h"

namespace faqsearch::detail {
namespace {

constexpr char kRecordVersion = 1;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) fail();
      const auto b = static_cast<unsigned char>(data_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    fail();
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
  [[noreturn]] static void fail() {
    throw IndexCorrupt("stored article record is truncated or malformed; rebuild the index");
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode_article(const Article& a) {
  std::string out;
  out.reserve(a.title.size() + a.body.size() + a.id.size() + a.url.size() + 64);
  out.push_back(kRecordVersion);
  for (const std::string* field : {&a.id, &a.lang, &a.title, &a.body, &a.url, &a.category,
                                   &a.audience, &a.updated_at}) {
    put_string(out, *field);
  }
  put_varint(out, a.tags.size());
  for (const auto& tag : a.tags) put_string(out, tag);
  return out;
}

Article decode_article(std::string_view data) {
  Reader in(data);
  if (in.byte() != kRecordVersion) Reader::fail();
  Article a;
  for (std::string* field : {&a.id, &a.lang, &a.title, &a.body, &a.url, &a.category, &a.audience,
                             &a.updated_at}) {
    *field = in.string();
  }
  const std::uint64_t tags = in.varint();
  if (tags > data.size()) Reader::fail();
  a.tags.reserve(tags);
  for (std::uint64_t i = 0; i < tags; ++i) a.tags.push_back(in.string());
  return a;
}

std::string fold_filter_value(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_safe_partition_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.' || name.front() == '-') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace faqsearch::detail
