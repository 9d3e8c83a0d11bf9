// The value a document keeps of its title's terms (schema.h kSlotTitleTerms): what search-box
// title suggestions match, read once a generation for a whole partition instead of analyzing
// every title again.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// The distinct terms of an analyzed title (`title`'s tokens, word pairs left out: they are
/// another stage's), sorted, each followed by a zero byte. A term holding a zero byte itself is
/// left out (no analyzer row makes one).
std::string encode_title_terms(const std::vector<Token>& title);

/// The terms encode_title_terms() wrote, as views into `data`.
std::vector<std::string_view> decode_title_terms(std::string_view data);

}  // namespace faqsearch::detail
