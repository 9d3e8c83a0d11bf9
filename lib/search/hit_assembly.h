// The last stage of a search: the ranked page becomes hits. Each hit's stored record is read
// once: its header uncompressed, its body and token offsets decompressed only for snippets
// (search/snippet.h).
#pragma once

#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "search/query_stage.h"
#include "search/rank_stage.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

/// The hits of `ranking`'s page, ranked from `request.offset`, with snippets if the request asks
/// for them. `analyzer` only serves articles whose token offsets the writer could not encode.
std::vector<Hit> assemble_hits(Ranking& ranking, const SearchPlan& plan, const PlanQuery& query,
                               const SearchRequest& request, Analyzer& analyzer, RecordDecompressor& decompressor);

}  // namespace faqsearch::detail
