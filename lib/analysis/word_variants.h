// Pipeline stage 6a, variants: at most one more term at a word's position and bytes, right
// after it, weighed below the exact term by the query builder: the diacritic-folded form, the
// orthography's other spelling or clitic-free form (TokenKind::kFolded), or the word as written
// beside a stem that cut an ending off (TokenKind::kWrittenForm).
#pragma once

#include <string>
#include <string_view>

#include "analysis/diacritic_folding.h"
#include "analysis/orthography.h"
#include "analysis/word_stemmer.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// Whether a token of this kind is another form of the word token just before it (same position
/// and bytes): the variants this stage makes.
constexpr bool is_variant(TokenKind kind) { return kind == TokenKind::kFolded || kind == TokenKind::kWrittenForm; }

/// A word's variant term; none when `term` is empty.
struct WordVariant {
  std::string term;
  TokenKind kind = TokenKind::kFolded;
};

/// The variants of a row.
///
/// Thread-safety: immutable after construction; shareable.
class WordVariants {
 public:
  /// `folding`: the row's diacritic folding, or null when the row keeps diacritics. The
  /// references must outlive this object.
  WordVariants(const OrthographyRules& rules, const DiacriticFolding* folding) : rules_(rules), folding_(folding) {}

  /// Before stemming: the orthography's other spelling of a normalized word token ("" when
  /// none). The pipeline stems it, and the word is a stop word if it is one.
  [[nodiscard]] std::string spelling(std::string_view normalized) const {
    return rules_.spelling_variant != nullptr ? rules_.spelling_variant(normalized) : std::string();
  }

  /// After stemming, the variant of the token with term `term`, first found of:
  ///   1. `spelling`, the stemmed other spelling;
  ///   2. the stem of `written` without its clitic, where it differs from `term`;
  ///   3. `term` folded, where the row folds;
  /// and, where none of these differs from `term`, the written form: `written` where the stem
  /// begins it and is shorter ("customs" beside "custom"), folded where the row folds
  /// ("devolucion" beside "devolu"). `written` is the normalized word where
  /// a Snowball stemmer stemmed it and it has no other spelling, "" otherwise. The variant may be
  /// moved out of `spelling` or `written`.
  [[nodiscard]] WordVariant variant(const std::string& term, std::string& spelling, std::string& written,
                                    WordStemmer& stemmer) const;

 private:
  const OrthographyRules& rules_;
  const DiacriticFolding* folding_;
};

}  // namespace faqsearch::detail
