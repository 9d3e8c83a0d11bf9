// The token-offset table of a stored article (index/document_codec.h: encode_token_offsets,
// decode_token_offsets): where each token of the title and body is, so snippets highlight the
// analyzer's own tokens without analyzing the text again.
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "faqsearch/error.h"
#include "index/document_codec.h"
#include "index/record_reader.h"
#include "index/schema.h"
#include "util/varint.h"

namespace faqsearch::detail {
namespace {

// Token-offset table, per field: varint first_position, varint token count, then per token one of
//   0b0GGLLLLL  a kUnique token at the next position, G bytes after the previous token's end, L
//               bytes long (the common case);
//   0b11DDDLLL  a kRaw token at the same position, D bytes after the previous token's
//               begin, L (1-7) bytes long (CJK bigrams and unigrams);
//   0b10001000  a kStored token at the same position and byte range as the previous token (a
//               folded variant), then its term (varint length + bytes);
//   0b10000PII  anything else: varint zigzag(begin - previous end), varint length and, for
//               identity kStored, the term. P: position advances by one; II: the identity.
// Words, numbers and dictionary words are kUnique: a term found at their position is theirs
// unless a token there names it, so they never store their term. Every other token names its
// term (kRaw or kStored): CJK n-grams because snippets find them by term, having no positions to
// go by; a folded variant because it shares its word's position and positions.
// Usually a word takes one byte, a CJK n-gram one, a folded variant one plus its term.
constexpr char kOffsetsVersion = 2;
constexpr unsigned kGeneralForm = 0x80;
constexpr unsigned kAdvanceBit = 0x04;
constexpr unsigned kCompactRaw = 0xC0;
constexpr unsigned kSameRangeStored = 0x88;

bool encode_field(std::string& out, std::string_view text, std::span<const Token> tokens,
                  std::uint32_t first_position) {
  put_varint(out, first_position);
  put_varint(out, static_cast<std::uint64_t>(std::count_if(tokens.begin(), tokens.end(),
                                                           [](const Token& t) { return is_highlighted(t.kind); })));
  std::int64_t previous_begin = 0;
  std::int64_t previous_end = 0;
  std::int64_t previous_position = -1;
  bool after_another = false;  // a token was stored before this one
  for (const Token& t : tokens) {
    if (!is_highlighted(t.kind)) continue;
    const std::int64_t advance = static_cast<std::int64_t>(t.position) - previous_position;
    if (advance < 0 || advance > 1 || t.begin > t.end || t.end > text.size()) return false;
    const bool named = !has_positions(t.kind) || t.kind == TokenKind::kFolded;
    const std::int64_t gap = static_cast<std::int64_t>(t.begin) - previous_end;
    const std::size_t length = t.end - t.begin;
    const bool raw = named && text.substr(t.begin, length) == t.term;
    const std::int64_t step = static_cast<std::int64_t>(t.begin) - previous_begin;
    if (!named && advance == 1 && gap >= 0 && gap <= 3 && length <= 31) {
      out.push_back(static_cast<char>((gap << 5) | static_cast<std::int64_t>(length)));
    } else if (raw && after_another && advance == 0 && step >= 0 && step <= 7 && length >= 1 && length <= 7) {
      out.push_back(static_cast<char>(kCompactRaw | static_cast<unsigned>(step << 3) | static_cast<unsigned>(length)));
    } else if (named && !raw && after_another && advance == 0 && step == 0 && static_cast<std::int64_t>(t.end) == previous_end) {
      out.push_back(static_cast<char>(kSameRangeStored));
      put_string(out, t.term);
    } else {
      StoredToken::Identity identity = StoredToken::Identity::kUnique;
      if (named) identity = raw ? StoredToken::Identity::kRaw : StoredToken::Identity::kStored;
      out.push_back(static_cast<char>(kGeneralForm | (advance ? kAdvanceBit : 0u) |
                                      static_cast<unsigned>(identity)));
      put_varint(out, zigzag(gap));
      put_varint(out, length);
      if (identity == StoredToken::Identity::kStored) put_string(out, t.term);
    }
    previous_begin = static_cast<std::int64_t>(t.begin);
    previous_end = static_cast<std::int64_t>(t.end);
    previous_position = t.position;
    after_another = true;
  }
  return true;
}

FieldTokens decode_field(RecordReader& in, std::size_t text_bytes) {
  FieldTokens field;
  const std::uint64_t first_position = in.varint();
  const std::uint64_t count = in.varint();
  if (first_position > UINT32_MAX || count > in.remaining()) RecordReader::fail();
  field.first_position = static_cast<std::uint32_t>(first_position);
  field.tokens.resize(count);
  std::int64_t previous_begin = 0;
  std::int64_t previous_end = 0;
  std::int64_t position = -1;
  for (StoredToken& t : field.tokens) {
    const auto head = static_cast<unsigned char>(in.byte());
    std::int64_t begin = 0;
    std::uint64_t length = 0;
    if (!(head & kGeneralForm)) {
      begin = previous_end + (head >> 5);
      length = head & 0x1F;
      ++position;
    } else if ((head & kCompactRaw) == kCompactRaw) {
      begin = previous_begin + ((head >> 3) & 0x07);
      length = head & 0x07;
      t.identity = StoredToken::Identity::kRaw;
      if (length == 0) RecordReader::fail();
    } else if (head == kSameRangeStored) {
      begin = previous_begin;
      length = static_cast<std::uint64_t>(previous_end - previous_begin);
      t.identity = StoredToken::Identity::kStored;
      t.term_index = static_cast<std::uint32_t>(field.stored_terms.size());
      field.stored_terms.emplace_back(in.view(in.varint()));
    } else {
      const unsigned identity = head & 0x03;
      if ((head & ~(kGeneralForm | kAdvanceBit | 0x03u)) != 0 || identity > 2) RecordReader::fail();
      if (head & kAdvanceBit) ++position;
      begin = previous_end + unzigzag(in.varint());
      length = in.varint();
      t.identity = static_cast<StoredToken::Identity>(identity);
      if (t.identity == StoredToken::Identity::kStored) {
        t.term_index = static_cast<std::uint32_t>(field.stored_terms.size());
        field.stored_terms.emplace_back(in.view(in.varint()));
      }
    }
    if (begin < 0 || position < 0 || length > text_bytes ||
        static_cast<std::uint64_t>(begin) > text_bytes - length) {
      RecordReader::fail();
    }
    t.begin = static_cast<std::uint32_t>(begin);
    t.end = static_cast<std::uint32_t>(static_cast<std::uint64_t>(begin) + length);
    t.position = static_cast<std::uint32_t>(position);
    previous_begin = t.begin;
    previous_end = t.end;
  }
  return field;
}

}  // namespace

bool FieldTokens::has_term(std::size_t i, std::string_view text, std::string_view term) const {
  const StoredToken& t = tokens[i];
  switch (t.identity) {
    case StoredToken::Identity::kUnique: return true;
    case StoredToken::Identity::kRaw: return text.substr(t.begin, t.end - t.begin) == term;
    case StoredToken::Identity::kStored: return stored_terms[t.term_index] == term;
  }
  return false;
}

std::string_view FieldTokens::stored_term(std::size_t i, std::string_view text) const {
  const StoredToken& t = tokens[i];
  switch (t.identity) {
    case StoredToken::Identity::kUnique: return {};
    case StoredToken::Identity::kRaw: return text.substr(t.begin, t.end - t.begin);
    case StoredToken::Identity::kStored: return stored_terms[t.term_index];
  }
  return {};
}

std::string encode_token_offsets(std::string_view title_text, std::span<const Token> title,
                                 std::uint32_t title_first_position, std::string_view body_text,
                                 std::span<const Token> body, std::uint32_t body_first_position) {
  std::string out;
  out.reserve(title.size() + body.size() + 16);
  out.push_back(kOffsetsVersion);
  if (!encode_field(out, title_text, title, title_first_position) ||
      !encode_field(out, body_text, body, body_first_position)) {
    return {};
  }
  return out;
}

TokenOffsets decode_token_offsets(std::string_view data, std::size_t title_bytes, std::size_t body_bytes) {
  try {
    RecordReader in(data);
    if (in.byte() != kOffsetsVersion) RecordReader::fail();
    TokenOffsets offsets;
    offsets.title = decode_field(in, title_bytes);
    offsets.body = decode_field(in, body_bytes);
    if (in.remaining() != 0) RecordReader::fail();
    return offsets;
  } catch (const IndexCorrupt&) {
    RecordReader::fail_offsets();  // name the broken record, not the article record
  }
}

}  // namespace faqsearch::detail
