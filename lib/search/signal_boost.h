// Help-center signals in ranking: promoted, outdated, votes and recent edits move an article's
// score by a bounded factor (search/ranking.h SignalWeights has the amounts and why they are
// bounded). Part of the rank stage (search/rank_stage.h), over its rerank window.
#pragma once

#include <optional>
#include <string_view>

#include "index/document_codec.h"

namespace faqsearch::detail {

/// Days since 1970-01-01 of an ISO 8601 date or date-time ("2026-10-01", "2026-10-01T12:00:00Z";
/// the time of day is ignored), or nullopt if `text` does not start with a valid date.
std::optional<long> days_since_epoch(std::string_view text);

/// Today in days since 1970-01-01 (UTC), read once per search.
long today_in_days();

/// The factor an article's score is multiplied by: 1 for an article without signals, within
/// [kSignalWeights.lowest, kSignalWeights.highest] always. `updated_at` is the article's as
/// stored; `today` as today_in_days().
double signal_factor(const RankingSignals& signals, std::string_view updated_at, long today);
/// The same, given the edit date in days since 1970-01-01 (nullopt: none or not a date).
double signal_factor(const RankingSignals& signals, std::optional<long> updated_days, long today);

}  // namespace faqsearch::detail
