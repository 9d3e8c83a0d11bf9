// Did-you-mean's fixes of the spaces typed: a word typed as two ("trackorder" → "track order"),
// two typed as one word the articles write ("pass wrod"... "pass word" → "password").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "faqsearch/analyzer.h"
#include "search/correction_limits.h"
#include "search/did_you_mean_check.h"
#include "search/query_words.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

/// Edits a split ("trackorder" → "track order") is taken to assume.
inline constexpr std::size_t kSplitCost = 1;

/// One language's fixes of the spaces of one query. Not thread-safe: it analyzes with the
/// caller's Analyzer (one per correction). The analyzer, the vocabulary, the query's text and
/// the limits must outlive it.
class WordJoins {
 public:
  WordJoins(Analyzer& analyzer, std::string lang, const LanguageVocabulary& vocabulary, std::string_view query,
            const CorrectionLimits& limits);

  /// "trackorder" → "track order": of the splits whose parts some article has close together,
  /// the one whose rarer part is the most frequent. Parts that are only ever apart are two words
  /// that happen to make up a longer one the articles lack ("fehlschlug" → "fehl schlug"). None in
  /// a language written in compounds (LanguageRow::split_compounds).
  [[nodiscard]] std::optional<QueryFix> split(const QueryWord& w);

  /// An unknown word that is a known one with the next word: "pass" "wrod"... "check out".
  [[nodiscard]] std::optional<QueryFix> join(const QueryWord& w, const QueryWord& next);

  /// Two known words typed apart ("pass word") that articles write as one word more often than
  /// they hold both; only in a query of few `words` (a match per pair).
  [[nodiscard]] std::optional<QueryFix> apart(const QueryWord& w, const QueryWord* next, std::size_t words);

 private:
  [[nodiscard]] std::string as_typed(const QueryWord& w) const;
  [[nodiscard]] std::optional<std::pair<std::string, std::string>> joined(const QueryWord& w, const QueryWord& next);

  Analyzer& analyzer_;
  std::string lang_;
  const LanguageVocabulary& vocabulary_;
  std::string_view query_;
  const CorrectionLimits& limits_;
  bool writes_compounds_ = false;  // LanguageRow::split_compounds
};

}  // namespace faqsearch::detail
