// Related articles (Searcher::related): the articles answering what the article answers. Two
// parts, OR-ed, searched in the plan's partitions with the article and its translations left out:
// - the question it answers, searched as a shopper's question would be (FAQ titles are
//   questions): its title, or for an article without one the first words of its body, cut to a
//   query's length, with the search's analysis and synonyms (no typo or prefix expansion: every
//   word is the article's own; no word-pair rerank);
// - its most telling terms, chosen by Xapian's relevance-set expansion over the partition
//   holding it (terms frequent in the article and rare in the partition), each weighted by its
//   share of the best one's expansion weight, so that articles sharing no word of the question
//   are found too.
// Everything is read from partitions the caller may see: an article they may not see has no
// related list.
#pragma once

#include <optional>
#include <string>

#include "faqsearch/analyzer.h"
#include "index/document_codec.h"
#include "search/query_stage.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

class SynonymTable;

/// Terms of the article taken into its related query.
inline constexpr Xapian::termcount kRelatedTerms = 24;

/// Words of the body that stand for the question of an article without a title.
inline constexpr std::size_t kQuestionWordsOfBody = 30;

/// The query of the articles related to article `id`, or none when no partition of `plan.visible`
/// holds it. It is made from the translation in the first of `plan.languages` that has one (else
/// any visible one), matches only other articles, and keeps `request`'s filters.
std::optional<PlanQuery> related_query(Analyzer& analyzer, SynonymTable& synonyms, const SearchPlan& plan,
                                       const std::string& id, const SearchRequest& request,
                                       RecordDecompressor& decompressor);

}  // namespace faqsearch::detail
