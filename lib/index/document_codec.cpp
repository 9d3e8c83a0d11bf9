#include "index/document_codec.h"

#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <new>
#include <optional>

#include "faqsearch/error.h"
#include "index/schema.h"
#include "util/varint.h"

namespace faqsearch::detail {
namespace {

// 2: the help-center signals (promoted, outdated, votes, position) follow the tags.
constexpr char kRecordVersion = 2;
// Stored article: this byte, varint(record size), the record without the body, varint(title
// words size), the title words (varint count, then term and variant of each, as strings), a
// 32-bit checksum of the record and the title words (record_checksum, little-endian), then a zstd
// frame of varint(body size), the body and the token-offset table. The checksum does for the
// record what the frame's own checksum does for the body: a damaged byte is IndexCorrupt, never a
// silently wrong title. A different first byte from kRecordVersion, from schema 5's document data
// (2) and from schema 6's stored article (3, without title words), so none is ever taken for it.
constexpr char kStoredArticleVersion = 4;

// The checksum's state after `bytes`, from state `h`: FNV-1a over 8-byte little-endian words,
// then over the bytes left. A page's stored articles are checked up to three times (title
// coverage, record, body), and FNV-1a's multiply per byte made that 1.8% of the query's CPU at 20k
// generated articles; per word it is an eighth. Each step (xor, multiply by an odd constant) is a
// bijection of the state, so a record that differs in one word always ends in another state.
std::uint64_t checksum_state(std::string_view bytes, std::uint64_t h) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    for (std::size_t k = 8; k-- > 0;) word = (word << 8) | static_cast<unsigned char>(bytes[i + k]);
    h = (h ^ word) * kPrime;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * kPrime;
  return h;
}

// The stored checksum of a record and its title words: both halves of the state folded into 32 bits.
std::uint32_t record_checksum(std::string_view record, std::string_view title_words) {
  const std::uint64_t h = checksum_state(title_words, checksum_state(record, 0xcbf29ce484222325ULL));
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

// zstd level 3 (its default): at 10k generated articles the data table was smaller than with
// Xapian's zlib, and decoding an article costs about a microsecond.
constexpr int kCompressionLevel = 3;

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
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

FieldTokens decode_field(Reader& in, std::size_t text_bytes) {
  FieldTokens field;
  const std::uint64_t first_position = in.varint();
  const std::uint64_t count = in.varint();
  if (first_position > UINT32_MAX || count > in.remaining()) Reader::fail();
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
      if (length == 0) Reader::fail();
    } else if (head == kSameRangeStored) {
      begin = previous_begin;
      length = static_cast<std::uint64_t>(previous_end - previous_begin);
      t.identity = StoredToken::Identity::kStored;
      t.term_index = static_cast<std::uint32_t>(field.stored_terms.size());
      field.stored_terms.emplace_back(in.view(in.varint()));
    } else {
      const unsigned identity = head & 0x03;
      if ((head & ~(kGeneralForm | kAdvanceBit | 0x03u)) != 0 || identity > 2) Reader::fail();
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
      Reader::fail();
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
    Reader in(data);
    if (in.byte() != kOffsetsVersion) Reader::fail();
    TokenOffsets offsets;
    offsets.title = decode_field(in, title_bytes);
    offsets.body = decode_field(in, body_bytes);
    if (in.remaining() != 0) Reader::fail();
    return offsets;
  } catch (const IndexCorrupt&) {
    Reader::fail_offsets();  // name the broken record, not the article record
  }
}

std::string encode_article(const Article& a) {
  std::string out;
  out.reserve(a.title.size() + a.body.size() + a.id.size() + a.url.size() + 64);
  out.push_back(kRecordVersion);
  for (const std::string* field : {&a.id, &a.lang, &a.title, &a.body, &a.url, &a.category,
                                   &a.audience, &a.updated_at, &a.section}) {
    put_string(out, *field);
  }
  put_varint(out, a.tags.size());
  for (const auto& tag : a.tags) put_string(out, tag);
  out.push_back(static_cast<char>((a.promoted ? 1 : 0) | (a.outdated ? 2 : 0)));
  for (const std::int64_t number : {a.vote_sum, a.vote_count, a.position}) put_varint(out, zigzag(number));
  return out;
}

std::string encode_ranking_signals(const Article& a) {
  const RankingSignals none;
  if (a.promoted == none.promoted && a.outdated == none.outdated && a.vote_sum == none.vote_sum &&
      a.vote_count == none.vote_count) {
    return {};
  }
  std::string out;
  out.push_back(static_cast<char>((a.promoted ? 1 : 0) | (a.outdated ? 2 : 0)));
  put_varint(out, zigzag(a.vote_sum));
  put_varint(out, zigzag(a.vote_count));
  return out;
}

RankingSignals decode_ranking_signals(std::string_view data) {
  RankingSignals signals;
  if (data.empty()) return signals;
  Reader in(data);
  const auto flags = static_cast<unsigned char>(in.byte());
  signals.promoted = (flags & 1) != 0;
  signals.outdated = (flags & 2) != 0;
  signals.vote_sum = unzigzag(in.varint());
  signals.vote_count = unzigzag(in.varint());
  return signals;
}

std::string encode_facet_values(const Article& a) {
  std::string out;
  put_string(out, a.lang);
  put_string(out, a.category);
  put_string(out, a.section);
  put_varint(out, a.tags.size());
  for (const auto& tag : a.tags) put_string(out, tag);
  return out;
}

FacetValues decode_facet_values(std::string_view data) {
  Reader in(data);
  FacetValues v;
  v.lang = in.string();
  v.category = in.string();
  v.section = in.string();
  const std::uint64_t tags = in.varint();
  if (tags > data.size()) Reader::fail();
  v.tags.reserve(tags);
  for (std::uint64_t i = 0; i < tags; ++i) v.tags.push_back(in.string());
  return v;
}

std::string decode_facet_language(std::string_view data) { return Reader(data).string(); }

Article decode_article(std::string_view data) {
  Reader in(data);
  if (in.byte() != kRecordVersion) Reader::fail();
  Article a;
  for (std::string* field : {&a.id, &a.lang, &a.title, &a.body, &a.url, &a.category, &a.audience,
                             &a.updated_at, &a.section}) {
    *field = in.string();
  }
  const std::uint64_t tags = in.varint();
  if (tags > data.size()) Reader::fail();
  a.tags.reserve(tags);
  for (std::uint64_t i = 0; i < tags; ++i) a.tags.push_back(in.string());
  const auto flags = static_cast<unsigned char>(in.byte());
  a.promoted = (flags & 1) != 0;
  a.outdated = (flags & 2) != 0;
  for (std::int64_t* number : {&a.vote_sum, &a.vote_count, &a.position}) *number = unzigzag(in.varint());
  return a;
}

void RecordCompressor::Free::operator()(ZSTD_CCtx_s* c) const { ZSTD_freeCCtx(c); }
void RecordDecompressor::Free::operator()(ZSTD_DCtx_s* c) const { ZSTD_freeDCtx(c); }

RecordCompressor::RecordCompressor() : context_(ZSTD_createCCtx()) {
  if (!context_) throw std::bad_alloc();
  // With a checksum a damaged record is reported, not decoded into another article (4 bytes).
  ZSTD_CCtx_setParameter(context_.get(), ZSTD_c_compressionLevel, kCompressionLevel);
  ZSTD_CCtx_setParameter(context_.get(), ZSTD_c_checksumFlag, 1);
}
RecordCompressor::~RecordCompressor() = default;

std::string RecordCompressor::compress(std::string_view bytes) {
  std::string frame(ZSTD_compressBound(bytes.size()), '\0');
  const std::size_t n = ZSTD_compress2(context_.get(), frame.data(), frame.size(), bytes.data(), bytes.size());
  if (ZSTD_isError(n)) throw std::bad_alloc();  // the bound always fits: only allocation fails
  frame.resize(n);
  return frame;
}

RecordDecompressor::RecordDecompressor() : context_(ZSTD_createDCtx()) {
  if (!context_) throw std::bad_alloc();
}
RecordDecompressor::~RecordDecompressor() = default;

std::string_view RecordDecompressor::decompress(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > kMaxDocumentDataBytes) {
    Reader::fail();
  }
  // A huge article's buffer is not kept past the next record: a Searcher lives long.
  constexpr std::size_t kKeptBufferBytes = std::size_t{1} << 20;
  if (buffer_.capacity() > kKeptBufferBytes) std::string().swap(buffer_);
  buffer_.resize(static_cast<std::size_t>(size));
  const std::size_t n = ZSTD_decompressDCtx(context_.get(), buffer_.data(), buffer_.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != size) Reader::fail();
  return buffer_;
}

namespace {

// The distinct content words of `tokens`, stopping once there are more than `limit`: a body can
// be long, and each word is compared with those found before it.
std::vector<TitleWord> content_words(std::span<const Token> tokens, std::size_t limit) {
  std::vector<TitleWord> words;
  for (std::size_t i = 0; i < tokens.size() && words.size() <= limit; ++i) {
    const Token& t = tokens[i];
    const bool word = t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber || t.kind == TokenKind::kIdeo;
    if (!word || t.stop_word) continue;
    if (std::any_of(words.begin(), words.end(), [&](const TitleWord& w) { return w.term == t.term; })) continue;
    TitleWord w{t.term, {}};
    // The analyzer puts a word's folded variant right after it, with its bytes.
    if (i + 1 < tokens.size() && tokens[i + 1].kind == TokenKind::kFolded && tokens[i + 1].begin == t.begin) {
      w.variant = tokens[i + 1].term;
    }
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

std::vector<TitleWord> title_words(std::span<const Token> title) {
  return content_words(title, std::numeric_limits<std::size_t>::max());
}

std::vector<TitleWord> heading_words(std::span<const Token> title, std::span<const Token> body) {
  std::vector<TitleWord> words = title_words(title);
  if (!words.empty()) return words;
  words = content_words(body, kMaxUntitledHeadingWords);
  if (words.size() > kMaxUntitledHeadingWords) words.clear();
  return words;
}

std::string encode_stored_article(const Article& article, std::span<const TitleWord> title_words,
                                  std::string_view token_offsets, RecordCompressor& compressor) {
  Article header = article;
  header.body.clear();
  const std::string record = encode_article(header);
  std::string words;
  put_varint(words, title_words.size());
  for (const TitleWord& w : title_words) {
    put_string(words, w.term);
    put_string(words, w.variant);
  }
  std::string plain;
  plain.reserve(article.body.size() + token_offsets.size() + 10);
  put_string(plain, article.body);
  plain.append(token_offsets);
  std::string stored(1, kStoredArticleVersion);
  put_string(stored, record);
  put_string(stored, words);
  const std::uint32_t checksum = record_checksum(record, words);
  for (int shift = 0; shift < 32; shift += 8) stored.push_back(static_cast<char>((checksum >> shift) & 0xFF));
  stored += compressor.compress(plain);
  return stored;
}

namespace {

// The parts of a stored article.
struct StoredParts {
  std::string_view record;
  std::string_view title_words;
  std::string_view frame;
};

StoredParts split_stored(std::string_view stored) {
  Reader in(stored);
  if (in.byte() != kStoredArticleVersion) Reader::fail();
  StoredParts parts;
  parts.record = in.view(in.varint());
  parts.title_words = in.view(in.varint());
  std::uint32_t checksum = 0;
  for (int shift = 0; shift < 32; shift += 8) checksum |= static_cast<std::uint32_t>(static_cast<unsigned char>(in.byte())) << shift;
  if (checksum != record_checksum(parts.record, parts.title_words)) Reader::fail();
  parts.frame = in.view(in.remaining());
  return parts;
}

}  // namespace

Article decode_stored_header(std::string_view stored) { return decode_article(split_stored(stored).record); }

std::vector<TitleWord> decode_stored_title_words(std::string_view stored) {
  const std::string_view data = split_stored(stored).title_words;
  Reader in(data);
  const std::uint64_t count = in.varint();
  if (count > data.size()) Reader::fail();
  std::vector<TitleWord> words(count);
  for (TitleWord& w : words) {
    w.term = in.string();
    w.variant = in.string();
  }
  if (in.remaining() != 0) Reader::fail();
  return words;
}

DocumentData decode_stored_body(std::string_view stored, RecordDecompressor& decompressor) {
  Reader in(decompressor.decompress(split_stored(stored).frame));
  DocumentData decoded;
  decoded.body = in.string();
  decoded.token_offsets = in.view(in.remaining());
  return decoded;
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
