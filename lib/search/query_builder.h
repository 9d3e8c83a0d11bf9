// From what a shopper typed to a Xapian query, through the same analyzer as the index.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "search/query_limits.h"
#include "search/term_expansion.h"

namespace faqsearch::detail {

class LanguageSynonyms;

/// Bounds that keep hostile queries cheap (Xapian recurses on nesting and a long phrase is slow);
/// the shape of the text itself is bounded before (search/query_limits.h).
inline constexpr std::size_t kMaxQueryTerms = 48;
inline constexpr std::size_t kMaxPhraseTerms = 8;

/// Where typo corrections, completions and joined compounds come from: the vocabulary of the
/// partitions being searched (never a partition the caller may not see).
struct QueryExpansion {
  const Xapian::Database* vocabulary = nullptr;
  /// The partitions `vocabulary` combines, one database each, for their lemma tables (see
  /// typo_candidates); null: `vocabulary` is one partition.
  const std::vector<Xapian::Database>* partitions = nullptr;
  /// Words the vocabulary does not know are matched to known words an edit or two away.
  bool typos = true;
  /// The last word, when nothing follows it (the shopper is still typing), also matches the
  /// words it begins.
  bool prefix_last_word = true;
  /// The index's synonyms for the query's language (search/synonym_expansion.h), or null: a query
  /// word or phrase of a group also looks for the group's other entries.
  const LanguageSynonyms* synonyms = nullptr;
  /// Unknown words looked up at most (ExpansionLimits::max_expanded_words): a search over many
  /// languages shares one budget among them, since each language scans its own vocabulary.
  std::size_t max_expanded_words = ExpansionLimits{}.max_expanded_words;
  /// When set, terms and phrases this database lacks are left out of the query: in a search of
  /// many languages each term is looked up in every language's partitions, though only its own
  /// language's articles can match it. Leaving out what cannot match changes no score.
  const Xapian::Database* known_terms = nullptr;
};

/// A word pair of the query (TokenKind::kPair), or the pairs a mistyped word forms with each of
/// its corrections. Pairs are not in the Xapian query: they rerank the top of its ranking
/// (search/pair_rerank.h), each scored as Xapian's BM25 would score a term (alternatives as one
/// OP_SYNONYM term), scaled by `scale`.
struct QueryPair {
  /// The pair's analyzed text ("top up": two terms and a space), one per alternative.
  std::vector<std::string> texts;
  std::vector<std::uint32_t> hashes;  ///< index/word_pairs.h word_pair_hash of each text
  Xapian::termcount wqf = 1;
  double scale = 1.0;
};

/// A query analyzed for one language.
struct TextQuery {
  /// The Xapian query; empty (Xapian::Query()) when the text has no searchable word.
  Xapian::Query query;
  /// Terms to highlight in snippets: the terms the query looks for, less the stop words of a
  /// query that has other words.
  std::unordered_set<std::string> terms;
  /// Word pairs, for reranking: none for a language without pairs or an index built without.
  std::vector<QueryPair> pairs;
};

/// Analyzes `text` as language `lang` and builds the query: words OR-ed (BM25 ranks articles
/// matching more and rarer words higher), "double-quoted" runs as phrases, repeated terms
/// weighted by their count, and each term scaled by its kind (search/ranking.h): stop words,
/// folded variants and CJK n-grams count less than content words.
/// With `expansion`, unknown words also look for their likely corrections and an unfinished last
/// word for its completions, both weighted below what was typed.
TextQuery build_text_query(Analyzer& analyzer, std::string_view text, std::string_view lang,
                           const QueryExpansion& expansion = {});

}  // namespace faqsearch::detail
