// Snippets: the best passage of a field with the query's terms highlighted, from the tokens of
// the same analyzer that indexed the field: either analyzed afresh or, on the query hot path, as
// the index stored them (token-offset table + the query terms' Xapian positions, or for the
// kinds of token indexed without positions, their terms in the table). Both paths share one
// passage-choosing routine, so they give the same snippet.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"

namespace faqsearch::detail {

/// The passage of `text` of about `target_bytes` (0: the whole text) that holds the most
/// distinct query terms, cut on token boundaries, whitespace runs collapsed, matches highlighted.
/// `analyzed` are the analyzer's tokens of `text` (those a snippet never highlights are skipped,
/// as the token-offset table skips them).
Snippet make_snippet(std::string_view text, const std::vector<Token>& analyzed,
                     const std::unordered_set<std::string>& terms, std::size_t target_bytes);

/// A stored token that holds a query term.
struct SnippetMatch {
  std::uint32_t token = 0;             ///< index into FieldTokens::tokens
  const std::string* term = nullptr;   ///< the query term (identity counts distinct terms)
};

/// Appends to `out` the tokens of `field` that hold `term` at Xapian position `position` (none
/// if the position is outside the field). `text` is the field's text.
void match_position(const FieldTokens& field, std::string_view text, const std::string& term,
                    std::uint32_t position, std::vector<SnippetMatch>& out);

/// Appends to `out` the tokens of `field` that name their term in the table and whose term is in
/// `terms`: CJK bigrams and unigrams, which the index stores without positions, are found only
/// this way (a folded variant is found here and through its positions; twice is harmless).
/// Together with match_position() for the terms with positions this finds every token make_snippet()
/// would highlight. `text` is the field's text.
void match_by_term(const FieldTokens& field, std::string_view text, const std::unordered_set<std::string>& terms,
                    std::vector<SnippetMatch>& out);

/// What make_snippet() gives for the analyzer's tokens, from the stored tokens of `text` and the
/// query terms' matches among them (in any order, duplicates allowed). No analysis.
Snippet make_snippet(std::string_view text, const FieldTokens& field, std::vector<SnippetMatch> matches,
                     std::size_t target_bytes);

/// A hit's snippets.
struct HitSnippets {
  Snippet title;  ///< the whole title, matches highlighted
  Snippet body;   ///< the best passage of the body
};

/// The snippets of article `article` (document `did` of `db`), from its
/// stored token-offset `table` (DocumentData::token_offsets) and the positions of the query's
/// `terms` in the document: no analysis. Re-analyzing every hit's body cost ~85% of a query; an
/// article whose table the writer could not encode is analyzed with `analyzer`.
HitSnippets make_hit_snippets(const Xapian::Database& db, Xapian::docid did, std::string_view table,
                              const Article& article, const std::unordered_set<std::string>& terms,
                              std::size_t snippet_bytes, Analyzer& analyzer);

}  // namespace faqsearch::detail
