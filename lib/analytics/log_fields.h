// The query log's line format, shared by its writer (query_log.cpp) and its report
// (log_report.cpp): field names, and the helpers both sides need.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faqsearch/search.h"

namespace faqsearch::log_fields {

// Filter fields, as the line's "filters" object names them (the names Diagnosis::filters uses).
inline constexpr const char* kCategory = "category";
inline constexpr const char* kSection = "section";
inline constexpr const char* kTag = "tag";
inline constexpr const char* kHitLanguage = "hit_language";

}  // namespace faqsearch::log_fields

namespace faqsearch::detail {

/// The current time, UTC, as "YYYY-MM-DDTHH:MM:SSZ".
std::string utc_now_iso8601();

/// The words typed and the words `correction` put in their place, in order ("refnud" →
/// "refund", "trackorder" → "track order"); empty when the correction's ranges do not line up
/// with `typed` (it was not made from `typed`).
std::vector<std::pair<std::string, std::string>> correction_pairs(std::string_view typed,
                                                                  const QueryCorrection& correction);

}  // namespace faqsearch::detail
