// Article <-> Xapian document data. A compact length-prefixed binary record, cheap to decode on
// the query hot path (no JSON parsing per hit).
//
// Also the token-offset table of an article (its own value slot, read only for snippets): where
// each analyzed token of the title and body starts and ends, so snippets need no re-analysis.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/article.h"

namespace faqsearch::detail {

std::string encode_article(const Article& article);

/// Throws IndexCorrupt if `data` is not a record encode_article() wrote.
Article decode_article(std::string_view data);

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
/// `*_first_position` the Xapian position given to the field's position 0). Returns an empty
/// string if the tokens cannot be represented (positions not as the analyzer makes them): the
/// searcher then falls back to analyzing the stored text.
std::string encode_token_offsets(std::string_view title_text, const std::vector<Token>& title,
                                 std::uint32_t title_first_position, std::string_view body_text,
                                 const std::vector<Token>& body, std::uint32_t body_first_position);

/// Decodes a table encode_token_offsets() wrote for a title of `title_bytes` and a body of
/// `body_bytes`. Throws IndexCorrupt if it is malformed or its offsets fall outside the fields.
TokenOffsets decode_token_offsets(std::string_view data, std::size_t title_bytes, std::size_t body_bytes);

}  // namespace faqsearch::detail
