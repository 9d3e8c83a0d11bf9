// Pipeline stage 6c, pairs: adjacent words as tokens of their own (TokenKind::kPair).
#pragma once

#include <cstddef>
#include <vector>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// Appends, after every other token, a pair for each two adjacent words or numbers (positions n
/// and n + 1; variants and n-grams between them are skipped, anything else breaks the chain):
/// their terms joined by a space, the first one's position, the bytes of both, a stop word when
/// both are. Pairs longer than `max_term_bytes` are left out.
///
/// Why: a document that has "top up" ranks above one with "top" and "up" apart, and Vietnamese
/// words, which span syllables ("thẻ tín dụng"), match as words. Unlike an OP_PHRASE boost
/// (measured: worse everywhere), a pair has its own idf, so a common pair ("of the") weighs next
/// to nothing. Words and numbers: "super bowl 50", "apollo 1", "30 days" tell articles apart where
/// the number alone does not (measured: poquad +0.0013, xquad_r vi +0.0009, xquad ru +0.0007,
/// banking77 +0.0003; xquad_r el −0.0005, no other cell down by as much). Not CJK runs: they have
/// their bigrams. Last, so a word's folded variant stays right after it (the query builder reads
/// it there) and word tokens keep their order.
void append_word_pairs(std::vector<Token>& tokens, std::size_t max_term_bytes);

}  // namespace faqsearch::detail
