// What the analysis tests share (analyzer_test.cpp, analyzer_input_test.cpp): a token list's
// terms, with or without its word pairs.
#pragma once

#include <string>
#include <vector>

#include "faqsearch/analyzer.h"

namespace faqsearch::testing {

/// The tokens other than word pairs, which WordPairs tests on their own (a pair follows from the
/// words around it; listing them in every golden row would hide what a row is about).
inline std::vector<Token> without_pairs(std::vector<Token> tokens) {
  std::erase_if(tokens, [](const Token& t) { return t.kind == TokenKind::kPair; });
  return tokens;
}

/// Every token's term but the word pairs'.
inline std::vector<std::string> terms_of(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    if (t.kind != TokenKind::kPair) out.push_back(t.term);
  }
  return out;
}

/// The word pairs' terms.
inline std::vector<std::string> pairs_of(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    if (t.kind == TokenKind::kPair) out.push_back(t.term);
  }
  return out;
}

}  // namespace faqsearch::testing
