#include "search/signal_boost.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>

#include "search/ranking.h"

namespace faqsearch::detail {

namespace {

std::optional<int> digits(std::string_view text, std::size_t begin, std::size_t count) {
  if (text.size() < begin + count) return std::nullopt;
  int value = 0;
  const char* first = text.data() + begin;
  const auto [end, error] = std::from_chars(first, first + count, value);
  if (error != std::errc() || end != first + count) return std::nullopt;
  return value;
}

/// The recency part of the factor: full within recent_days, none from stale_days on.
double recency(long age_days) {
  const SignalWeights& w = kSignalWeights;
  if (age_days < -1) return 0;  // dated in the future: a clock a day off is still today
  if (age_days <= w.recent_days) return w.recent;
  if (age_days >= w.stale_days) return 0;
  const double fading = static_cast<double>(w.stale_days - age_days) / (w.stale_days - w.recent_days);
  return w.recent * fading;
}

}  // namespace

std::optional<long> days_since_epoch(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = digits(text, 0, 4);
  const auto month = digits(text, 5, 2);
  const auto day = digits(text, 8, 2);
  if (!year || !month || !day) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date).time_since_epoch().count();
}

long today_in_days() {
  return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
}

double signal_factor(const RankingSignals& signals, std::string_view updated_at, long today) {
  return signal_factor(signals, days_since_epoch(updated_at), today);
}

double signal_factor(const RankingSignals& signals, std::optional<long> updated_days, long today) {
  const SignalWeights& w = kSignalWeights;
  double sum = 0;
  if (signals.promoted) sum += w.promoted;
  if (signals.outdated) sum += w.outdated;
  if (signals.vote_count > 0) {
    const double count = static_cast<double>(signals.vote_count);
    const double net = std::clamp(static_cast<double>(signals.vote_sum), -count, count);
    sum += w.votes * net / (count + w.vote_prior);
  }
  if (updated_days) sum += recency(today - *updated_days);
  return std::clamp(1 + sum, w.lowest, w.highest);
}

}  // namespace faqsearch::detail
