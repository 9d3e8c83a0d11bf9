// Did you mean: the query with the words the caller's articles do not know replaced by words
// they do, when that finds what the words as typed do not (SearchResults::did_you_mean).
// Corrections come from the vocabulary of the plan's partitions only: a word of an article the
// caller may not see is never offered.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "search/correction_limits.h"
#include "search/query_stage.h"
#include "search/search_plan.h"
#include "search/written_form.h"

namespace faqsearch::detail {

/// The correction of `request.query` for `plan`, or none: every word known, no correction
/// found, or the correction finds no more than the words as typed (none of its best articles
/// holds half of the corrected words and as many of the query's words as the best articles of
/// the words kept as typed hold). `query`: the plan's query (its filters apply).
std::optional<QueryCorrection> correct_query(Analyzer& analyzer, const SearchPlan& plan, const PlanQuery& query,
                                             const SearchRequest& request, RecordDecompressor& decompressor,
                                             const CorrectionLimits& limits = {});

}  // namespace faqsearch::detail
