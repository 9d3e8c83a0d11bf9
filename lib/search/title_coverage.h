// How much of an article's title a query covers. Shoppers' queries paraphrase the article they
// want ("delete facebook account" for "How do I delete my Facebook account?"), and an article
// whose title the query says almost all of is likelier the one than an article that merely
// shares a rare word: "card not working" wants "Card not working", not "Virtual card not
// working". BM25 rewards the words a query and a text share, never the words of the title the
// query leaves out; this does (as Meilisearch's exactness rule does for whole attributes).
#pragma once

#include <span>
#include <string>
#include <unordered_set>

#include "index/document_codec.h"

namespace faqsearch::detail {

/// The share of `title`'s content words (index/document_codec.h heading_words: the title's, or
/// a short untitled article's text's) found among
/// `query_terms` (a word counts when its term or its folded variant is there), from 0 to 1; 0 for
/// a title without content words.
double title_coverage(std::span<const TitleWord> title, const std::unordered_set<std::string>& query_terms);

}  // namespace faqsearch::detail
