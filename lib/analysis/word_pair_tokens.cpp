#include "analysis/word_pair_tokens.h"

#include "analysis/word_variants.h"

namespace faqsearch::detail {

void append_word_pairs(std::vector<Token>& tokens, std::size_t max_term_bytes) {
  std::vector<Token> pairs;
  const Token* previous = nullptr;
  for (const Token& t : tokens) {
    if (is_variant(t.kind)) continue;
    const bool pairable = t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
    if (pairable && previous != nullptr && previous->position + 1 == t.position &&
        previous->term.size() + 1 + t.term.size() <= max_term_bytes) {
      Token pair;
      pair.kind = TokenKind::kPair;
      pair.term = previous->term + " " + t.term;
      pair.begin = previous->begin;
      pair.end = t.end;
      pair.position = previous->position;
      pair.stop_word = previous->stop_word && t.stop_word;
      pairs.push_back(std::move(pair));
    }
    previous = pairable ? &t : nullptr;
  }
  for (auto& pair : pairs) tokens.push_back(std::move(pair));
}

}  // namespace faqsearch::detail
