// The peer benchmark's result file (faqsearch_peerbench --out FILE): its shape, the median of
// several rounds, and the Markdown table with ratios to faqsearch printed from it.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

namespace faqsearch::bench {

/// Empty if `results` has the expected shape (every engine reports every required field as a
/// positive number, the nullable ones may be null, and its queries found something), else what
/// is wrong.
std::string check_shape(const nlohmann::json& results);

/// The rounds' figures with every number replaced by its median over the rounds (the lower of
/// the middle two for an even count), objects (figures by query shape) field by field; anything
/// else as the first round has it.
nlohmann::json median_of_rounds(const std::vector<nlohmann::json>& rounds);

/// The results as a Markdown table: a row per figure, a column per engine, each cell with its
/// ratio to faqsearch's; then p50 and p99 per query shape.
void print_table(const nlohmann::json& results, std::ostream& out);

}  // namespace faqsearch::bench
