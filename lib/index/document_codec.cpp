#include "index/document_codec.h"

#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <new>

#include "faqsearch/error.h"
#include "index/record_reader.h"
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

}  // namespace

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
  RecordReader in(data);
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
  RecordReader in(data);
  FacetValues v;
  v.lang = in.string();
  v.category = in.string();
  v.section = in.string();
  const std::uint64_t tags = in.varint();
  if (tags > data.size()) RecordReader::fail();
  v.tags.reserve(tags);
  for (std::uint64_t i = 0; i < tags; ++i) v.tags.push_back(in.string());
  return v;
}

std::string decode_facet_language(std::string_view data) { return RecordReader(data).string(); }

Article decode_article(std::string_view data) {
  RecordReader in(data);
  if (in.byte() != kRecordVersion) RecordReader::fail();
  Article a;
  for (std::string* field : {&a.id, &a.lang, &a.title, &a.body, &a.url, &a.category, &a.audience,
                             &a.updated_at, &a.section}) {
    *field = in.string();
  }
  const std::uint64_t tags = in.varint();
  if (tags > data.size()) RecordReader::fail();
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
    RecordReader::fail();
  }
  // A huge article's buffer is not kept past the next record: a Searcher lives long.
  constexpr std::size_t kKeptBufferBytes = std::size_t{1} << 20;
  if (buffer_.capacity() > kKeptBufferBytes) std::string().swap(buffer_);
  buffer_.resize(static_cast<std::size_t>(size));
  const std::size_t n = ZSTD_decompressDCtx(context_.get(), buffer_.data(), buffer_.size(), frame.data(), frame.size());
  if (ZSTD_isError(n) || n != size) RecordReader::fail();
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
  RecordReader in(stored);
  if (in.byte() != kStoredArticleVersion) RecordReader::fail();
  StoredParts parts;
  parts.record = in.view(in.varint());
  parts.title_words = in.view(in.varint());
  std::uint32_t checksum = 0;
  for (int shift = 0; shift < 32; shift += 8) checksum |= static_cast<std::uint32_t>(static_cast<unsigned char>(in.byte())) << shift;
  if (checksum != record_checksum(parts.record, parts.title_words)) RecordReader::fail();
  parts.frame = in.view(in.remaining());
  return parts;
}

}  // namespace

Article decode_stored_header(std::string_view stored) { return decode_article(split_stored(stored).record); }

std::vector<TitleWord> decode_stored_title_words(std::string_view stored) {
  const std::string_view data = split_stored(stored).title_words;
  RecordReader in(data);
  const std::uint64_t count = in.varint();
  if (count > data.size()) RecordReader::fail();
  std::vector<TitleWord> words(count);
  for (TitleWord& w : words) {
    w.term = in.string();
    w.variant = in.string();
  }
  if (in.remaining() != 0) RecordReader::fail();
  return words;
}

DocumentData decode_stored_body(std::string_view stored, RecordDecompressor& decompressor) {
  RecordReader in(decompressor.decompress(split_stored(stored).frame));
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
