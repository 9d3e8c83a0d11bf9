#include "index/source_record.h"

// Header-only use of libxxhash (Debian libxxhash-dev): nothing to link, nothing for the installed
// package's consumers to find.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>
#include <optional>

#include "index/document_codec.h"
#include "index/schema.h"
#include "util/varint.h"

namespace faqsearch::detail {

ContentHash content_hash(const Article& article) {
  Article content = article;
  content.updated_at.clear();
  const std::string record = encode_article(content);
  const XXH128_hash_t h = XXH3_128bits(record.data(), record.size());
  ContentHash out{};
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<std::uint8_t>(h.low64 >> (8 * i));
    out[8 + i] = static_cast<std::uint8_t>(h.high64 >> (8 * i));
  }
  return out;
}

std::string encode_source_record(const SourceRecord& record) {
  std::string out;
  out.reserve(record.source.size() + record.hash.size() + record.id.size() + 2);
  put_varint(out, record.source.size());
  out += record.source;
  out.append(reinterpret_cast<const char*>(record.hash.data()), record.hash.size());
  out += record.id;
  return out;
}

SourceRecord decode_source_record(std::string_view value) {
  SourceRecord record;
  std::size_t pos = 0;
  const std::optional<std::uint64_t> n = get_varint(value, pos);
  if (!n || *n > value.size() - pos || value.size() - pos - *n < record.hash.size()) return record;
  record.source = value.substr(pos, *n);
  pos += *n;
  std::memcpy(record.hash.data(), value.data() + pos, record.hash.size());
  pos += record.hash.size();
  record.id = value.substr(pos);
  return record;
}

std::string source_term(std::string_view source) {
  std::string term(kPrefixSource);
  term += source;
  return term;
}

}  // namespace faqsearch::detail
