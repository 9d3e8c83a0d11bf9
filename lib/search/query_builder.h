// From what a shopper typed to a Xapian query, through the same analyzer as the index.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// Bounds that keep hostile queries cheap (Xapian recurses on nesting and a long phrase is slow).
inline constexpr std::size_t kMaxQueryBytes = 2048;
inline constexpr std::size_t kMaxQueryTerms = 48;
inline constexpr std::size_t kMaxPhraseTerms = 8;

/// A query analyzed for one language.
struct TextQuery {
  /// The Xapian query; empty (Xapian::Query()) when the text has no searchable word.
  Xapian::Query query;
  /// Terms to highlight in snippets: the terms the query looks for, less the stop words of a
  /// query that has other words.
  std::unordered_set<std::string> terms;
};

/// Analyzes `text` as language `lang` and builds the query: words OR-ed (BM25 ranks articles
/// matching more and rarer words higher), "double-quoted" runs as phrases, repeated terms
/// weighted by their count, and each term scaled by its kind (search/ranking.h): stop words,
/// folded variants and CJK n-grams count less than content words.
TextQuery build_text_query(Analyzer& analyzer, std::string_view text, std::string_view lang);

}  // namespace faqsearch::detail
