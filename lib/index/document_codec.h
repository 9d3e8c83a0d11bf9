// Article <-> its stored form. A compact length-prefixed binary record, cheap to decode on the
// query hot path (no JSON parsing per hit).
//
// Also the token-offset table of an article: where each analyzed token of the title and body
// starts and ends, so snippets need no re-analysis.
//
// An article is stored as one Xapian value (encode_stored_article): the record without its body,
// then the body and the token-offset table zstd-compressed together. One value, because a second
// B-tree lookup costs ~5 µs per hit; the record uncompressed, because a hit without snippets
// needs only it; a value rather than Xapian's document data, because Xapian deflates document
// data on every write (zlib cannot shrink a zstd frame: 3% of a bulk build's CPU) and inflates
// what it could shrink on every read (a third of the cost of a hit with snippets, once). Each
// field is stored once: the record inside the frame as well was 2% of a 12.5k-article index.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace faqsearch::detail {

std::string encode_article(const Article& article);

/// What ranking reads of an article's help-center signals (schema.h kSlotSignals); recency is
/// read from kSlotUpdatedAt.
struct RankingSignals {
  bool promoted = false;
  bool outdated = false;
  std::int64_t vote_sum = 0;
  std::int64_t vote_count = 0;
};

/// The kSlotSignals value of `article`: empty when it has no signal, so articles without any
/// cost nothing.
std::string encode_ranking_signals(const Article& article);

/// The signals encode_ranking_signals() wrote (none for an empty value). Throws IndexCorrupt if
/// `data` is not such a value.
RankingSignals decode_ranking_signals(std::string_view data);

/// What facets count of an article (schema.h kSlotFacets), as written, and its language (a match
/// spy or decider sees a translation without knowing its partition).
struct FacetValues {
  std::string lang;
  std::string category;
  std::string section;
  std::vector<std::string> tags;
};

/// The kSlotFacets value of `article`.
std::string encode_facet_values(const Article& article);

/// The values encode_facet_values() wrote. Throws IndexCorrupt if `data` is not such a value.
FacetValues decode_facet_values(std::string_view data);

/// The language encode_facet_values() wrote, alone: what a match decider needs of each candidate.
/// Throws IndexCorrupt if `data` does not start as such a value.
std::string decode_facet_language(std::string_view data);

/// Throws IndexCorrupt if `data` is not a record encode_article() wrote.
Article decode_article(std::string_view data);

/// A reusable zstd compression context for encode_stored_article(). Not thread-safe: one per
/// thread (an index writer's worker holds one, as it holds an Analyzer).
class RecordCompressor {
 public:
  RecordCompressor();
  ~RecordCompressor();
  RecordCompressor(const RecordCompressor&) = delete;
  RecordCompressor& operator=(const RecordCompressor&) = delete;
  /// A zstd frame of `bytes`.
  std::string compress(std::string_view bytes);

 private:
  struct Free {
    void operator()(ZSTD_CCtx_s* c) const;
  };
  std::unique_ptr<ZSTD_CCtx_s, Free> context_;
};

/// A reusable zstd decompression context and output buffer for decode_stored_body(). Not
/// thread-safe: one per Searcher (a Searcher is used by one thread at a time).
class RecordDecompressor {
 public:
  RecordDecompressor();
  ~RecordDecompressor();
  RecordDecompressor(const RecordDecompressor&) = delete;
  RecordDecompressor& operator=(const RecordDecompressor&) = delete;
  /// The bytes of the zstd frame `frame`, valid until the next call. Throws IndexCorrupt if
  /// `frame` is not one frame of at most kMaxDocumentDataBytes.
  std::string_view decompress(std::string_view frame);

 private:
  struct Free {
    void operator()(ZSTD_DCtx_s* c) const;
  };
  std::unique_ptr<ZSTD_DCtx_s, Free> context_;
  std::string buffer_;
};

/// Decompressed document data larger than this is taken for corruption (articles are capped far
/// below it when they are indexed).
inline constexpr std::size_t kMaxDocumentDataBytes = std::size_t{256} << 20;

/// A content word of an article's title, as the searcher compares it with a query's terms
/// (search/title_coverage.h): its term and, where the language folds the word, its folded
/// variant ("zwrot" beside "zwrót"), so a query typed either way matches it.
struct TitleWord {
  std::string term;
  std::string variant;  ///< empty if the word has none
  friend bool operator==(const TitleWord&, const TitleWord&) = default;
};

/// The distinct content words of a title's tokens (`title`, as the analyzer made them): its words,
/// numbers and dictionary words that are not stop words, in order, each once, with the folded
/// variant that follows it. CJK n-grams, written forms and pairs are aids to matching the words,
/// not words of their own.
std::vector<TitleWord> title_words(std::span<const Token> title);

/// The most content words an untitled article may have and still be its own title.
///
/// Why 12: titles run that long at most. Question titles are the longest: stackfaq's are 10 words
/// at the median and 17 (about 12 content words) at the 95th percentile; corpus/ titles stop at 10
/// words. An untitled known question (banking77's articles) is then its own title, an answer
/// paragraph is not. 8 and 16 were measured too (docs/tuning.md, "Measured where the code decides").
inline constexpr std::size_t kMaxUntitledHeadingWords = 12;

/// The words title coverage (search/title_coverage.h) compares a query with: the title's content
/// words (title_words); for an article whose title has none, its text's, when they are no more
/// than a title's (kMaxUntitledHeadingWords). An untitled known question ("My card still hasn't
/// arrived") is then ranked as a titled article is, by how much of it the query says.
std::vector<TitleWord> heading_words(std::span<const Token> title, std::span<const Token> body);

/// The stored form of an article (schema.h kSlotArticle): its record without the body
/// (encode_article) and its heading's content words (`heading_words`), uncompressed, then its body
/// and token-offset table (encode_token_offsets, possibly empty) in one zstd frame. A hit reads
/// one value either way: without snippets it decodes the record and never touches the frame; with
/// snippets it decompresses the frame too.
std::string encode_stored_article(const Article& article, std::span<const TitleWord> title_words,
                                  std::string_view token_offsets, RecordCompressor& compressor);

/// The title words of encode_stored_article's output. Throws IndexCorrupt if `stored` is
/// malformed.
std::vector<TitleWord> decode_stored_title_words(std::string_view stored);

/// The article of encode_stored_article's output, without its body. Throws IndexCorrupt if
/// `stored` is malformed.
Article decode_stored_header(std::string_view stored);

/// An article's body and token-offset table, decoded from its stored form.
struct DocumentData {
  std::string body;
  /// The encoded table (decode_token_offsets), empty if the writer could not encode one; a view
  /// into the decompressor's buffer, valid until its next use.
  std::string_view token_offsets;
};

/// The body and table of encode_stored_article's output. Throws IndexCorrupt if `stored` is
/// malformed.
DocumentData decode_stored_body(std::string_view stored, RecordDecompressor& decompressor);

/// One token of a field as the token-offset table stores it: the analyzer's byte range and word
/// position, and how to tell it apart from other tokens at the same position.
struct StoredToken {
  /// Byte range [begin, end) into the field's text.
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  /// The analyzer's position (field-local, 0-based).
  std::uint32_t position = 0;
  /// How a term is matched to this token: kUnique (a word, number or dictionary word: any term
  /// found at its position that no other token there names is its term),
  /// kRaw (its term is the text's bytes [begin, end)) or kStored (its term is
  /// `stored_terms[term_index]`). Tokens without positions are kRaw or kStored.
  enum class Identity : std::uint8_t { kUnique, kRaw, kStored } identity = Identity::kUnique;
  std::uint32_t term_index = 0;
};

/// The stored tokens of one field, in the analyzer's order (by begin offset; positions never
/// decrease), with the Xapian position of the field's position 0.
struct FieldTokens {
  std::uint32_t first_position = 0;
  std::vector<StoredToken> tokens;
  std::vector<std::string> stored_terms;

  /// Whether `term` is the term of tokens[i]. Only meaningful for a token that names its term
  /// (identity kRaw or kStored); a kUnique token matches any term found at its position.
  [[nodiscard]] bool has_term(std::size_t i, std::string_view text, std::string_view term) const;

  /// The term of tokens[i] if the table names it (identity kRaw or kStored), else empty
  /// (kUnique). Points into `text` (the field's text) or into this table.
  [[nodiscard]] std::string_view stored_term(std::size_t i, std::string_view text) const;
};

/// The token-offset tables of an article's title and body.
struct TokenOffsets {
  FieldTokens title;
  FieldTokens body;
};

/// Encodes the analyzer's tokens of the title and the body (`*_text` the analyzed text,
/// `*_first_position` the Xapian position given to the field's position 0), leaving out those
/// snippets never highlight (word pairs and written forms). Returns an empty
/// string if the tokens cannot be represented (positions not as the analyzer makes them): the
/// searcher then falls back to analyzing the stored text.
std::string encode_token_offsets(std::string_view title_text, std::span<const Token> title,
                                 std::uint32_t title_first_position, std::string_view body_text,
                                 std::span<const Token> body, std::uint32_t body_first_position);

/// Decodes a table encode_token_offsets() wrote for a title of `title_bytes` and a body of
/// `body_bytes`. Throws IndexCorrupt if it is malformed or its offsets fall outside the fields.
TokenOffsets decode_token_offsets(std::string_view data, std::size_t title_bytes, std::size_t body_bytes);

}  // namespace faqsearch::detail
