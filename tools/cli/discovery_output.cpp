// The CLI's output of what helps a shopper past a failed search: the did-you-mean and the
// diagnosis, as JSON (field names shared with the HTTP server) and for a terminal; and the notes
// of an answer a cluster made without some shards.
#include <iostream>

#include <fmt/format.h>

#include "cli/cli_common.h"
#include "faqsearch/language.h"

namespace faqsearch::cli {

nlohmann::json correction_to_json(const QueryCorrection& correction) {
  nlohmann::json changed = nlohmann::json::array();
  for (const HighlightRange& r : correction.changed) changed.push_back({r.begin, r.end});
  return {{"query", correction.query}, {"changed", std::move(changed)}};
}

nlohmann::json diagnosis_to_json(const Diagnosis& diagnosis) {
  nlohmann::json out = {{"reason", std::string(to_string(diagnosis.reason))}, {"fallback_only", diagnosis.fallback_only}};
  if (!diagnosis.other_languages.empty()) out["other_languages"] = diagnosis.other_languages;
  if (!diagnosis.filters.empty()) out["filters"] = diagnosis.filters;
  return out;
}

void add_discovery_json(const SearchResults& results, nlohmann::json& out) {
  if (results.did_you_mean) out["did_you_mean"] = correction_to_json(*results.did_you_mean);
  if (results.diagnosis) out["diagnosis"] = diagnosis_to_json(*results.diagnosis);
}

std::string render_correction(const QueryCorrection& correction, bool color) {
  Snippet marked{correction.query, correction.changed, false, false};
  return render_for_terminal(marked, color);
}

void print_discovery(const SearchResults& results, bool color) {
  if (results.did_you_mean) std::cout << fmt::format("Did you mean: {}?\n", render_correction(*results.did_you_mean, color));
  if (!results.diagnosis) return;
  const Diagnosis& d = *results.diagnosis;
  std::string why;
  switch (d.reason) {
    case EmptyReason::kOtherLanguages:
      for (const auto& [lang, count] : d.other_languages) {
        why += fmt::format("{}{} in {}", why.empty() ? "" : ", ", count, language_for(lang).name);
      }
      why = "articles match only in other languages: " + why;
      break;
    case EmptyReason::kFiltered: {
      std::string fields;
      for (const auto& f : d.filters) fields += (fields.empty() ? "" : ", ") + f;
      why = "the filters removed every match (" + fields + ")";
      break;
    }
    case EmptyReason::kOnlyStopWords: why = "only stop words were typed"; break;
    case EmptyReason::kCorrection: why = "the words as typed match nothing; the correction does"; break;
    case EmptyReason::kNothing: why = "nothing matches, in any language"; break;
  }
  std::cout << fmt::format("{}: {}\n", d.fallback_only ? "Only fallbacks" : "Nothing found", printable(why));
}

void print_shard_notices(const std::vector<std::string>& unavailable_shards, bool generations_differ) {
  if (!unavailable_shards.empty()) {
    std::string shards;
    for (const auto& name : unavailable_shards) shards += (shards.empty() ? "" : ", ") + printable(name);
    std::cout << fmt::format("Partial results: shard{} {} did not answer\n", unavailable_shards.size() == 1 ? "" : "s", shards);
  }
  if (generations_differ) std::cout << "Shards at different cluster generations: results may mix two batches\n";
}

}  // namespace faqsearch::cli
