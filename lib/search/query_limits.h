// The shape a query may have: checked on the raw text, before the query is identified, analyzed
// or turned into a Xapian::Query, so that a hostile query costs a scan of its bytes.
#pragma once

#include <string_view>

#include "faqsearch/search.h"

namespace faqsearch::detail {

/// Throws InvalidArgument naming the field (query) and the limit when `query` is longer than
/// kMaxQueryBytes, has more than kMaxQueryWords words or more than kMaxQueryPhrases phrases
/// (faqsearch/search.h).
/// Anything else (punctuation only, control characters, invalid UTF-8) is left to the analyzer,
/// which reads it as no word or as U+FFFD.
void check_query_shape(std::string_view query);

}  // namespace faqsearch::detail
