// The output of `faqsearch eval --all`: one row per (set, language) cell beside its best
// baseline, as text, Markdown or JSON, and the floors file tests/relevance_test.cpp reads.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/eval_baselines.h"
#include "cli/eval_results.h"

namespace faqsearch::cli {

/// Writes the floors of `results` (today's MRR@10 of each cell, rounded down to 0.005) to `file`.
void write_floors(const std::vector<DatasetResult>& results, const std::string& file);

/// Prints the table of `results` to standard output, each cell beside its best baseline, with
/// how many cells are ahead; `baselines_files`: where the baselines came from (JSON only).
void print_table(const std::vector<DatasetResult>& results, const std::map<CellKey, Baseline>& baselines,
                 const std::vector<std::filesystem::path>& baselines_files, const EvalOptions& o);

}  // namespace faqsearch::cli
