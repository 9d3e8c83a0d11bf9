// Article <-> Xapian document data. A compact length-prefixed binary record, cheap to decode on
// the query hot path (no JSON parsing per hit).
#pragma once

#include <string>
#include <string_view>

#include "faqsearch/article.h"

namespace faqsearch::detail {

std::string encode_article(const Article& article);

/// Throws IndexCorrupt if `data` is not a record encode_article() wrote.
Article decode_article(std::string_view data);

}  // namespace faqsearch::detail
