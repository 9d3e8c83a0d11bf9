// What a sync knows of each indexed article (schema.h kSlotSourceRecord): which export it came
// from, a hash of its content, and its id.
//
// A sync decides "changed" by content, not by timestamp: an export rewrites updated_at for
// reasons that change nothing searchable, and a restored backup carries old timestamps on new
// text. The hash covers the stored record (document_codec.h encode_article: every field, the
// audience included) but updated_at, so whatever an article shows or is filtered on, a change
// shows in it, and a newer timestamp alone does not.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "faqsearch/article.h"

namespace faqsearch::detail {

/// 128 bits of XXH3: a collision between two versions of an article (which would hide a change)
/// is out of reach at any help center's size, and hashing costs far less than parsing the export.
using ContentHash = std::array<std::uint8_t, 16>;

/// The hash of `article` as checked_article() leaves it (canonical language, default audience).
ContentHash content_hash(const Article& article);

/// An indexed article as a sync sees it.
struct SourceRecord {
  std::string source;
  ContentHash hash{};
  std::string id;
};

/// The kSlotSourceRecord value: varint(source size), source, the 16 hash bytes, then the id.
std::string encode_source_record(const SourceRecord& record);

/// The record encode_source_record() wrote; an empty source and id for a value that is not one
/// (a document written before sources existed belongs to no source, and no sync removes it).
SourceRecord decode_source_record(std::string_view value);

/// The boolean term marking an article of `source`.
std::string source_term(std::string_view source);

}  // namespace faqsearch::detail
