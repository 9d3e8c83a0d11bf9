// Snippets: the best passage of a field with the query's terms highlighted, from the tokens of
// the same analyzer that indexed the field.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"

namespace faqsearch::detail {

/// The passage of `text` of about `target_bytes` (0: the whole text) that holds the most
/// distinct query terms, cut on token boundaries, whitespace runs collapsed, matches highlighted.
/// `tokens` are the analyzer's tokens of `text`.
Snippet make_snippet(std::string_view text, const std::vector<Token>& tokens,
                     const std::unordered_set<std::string>& terms, std::size_t target_bytes);

}  // namespace faqsearch::detail
