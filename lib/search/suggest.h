// Search-box suggestions (Searcher::suggest): completions of the last word typed, from the
// vocabulary of the plan's partitions (so a word of an article the caller may not see is never
// suggested). The titles are a search (searcher.cpp) of the text with the completions.
#pragma once

#include <string>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

/// Up to `wanted` completions of the last word of `text` (none when the text ends with a space
/// or punctuation), the most frequent first, each written as the articles' titles write it.
std::vector<Completion> complete_last_word(Analyzer& analyzer, const SearchPlan& plan, const std::string& text,
                                           std::size_t wanted, RecordDecompressor& decompressor);

/// The text a suggestion's titles are searched with: `text` with its unfinished last word
/// replaced by its first completions.
std::string title_query(const std::string& text, const std::vector<Completion>& completions);

}  // namespace faqsearch::detail
