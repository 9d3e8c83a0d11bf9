// Did-you-mean's typo scan: the articles' words near a word no article has, each written as the
// articles write it, with the edits between that and what was typed. Which of them is offered is
// did_you_mean.cpp's choice (the fittest, the shopper's own form of one).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/orthography.h"
#include "faqsearch/analyzer.h"
#include "index/document_codec.h"
#include "search/correction_limits.h"
#include "search/did_you_mean_check.h"
#include "search/query_words.h"
#include "search/search_plan.h"
#include "search/term_expansion.h"

namespace faqsearch::detail {

/// Fixes of a word, each with the vocabulary term the scan found it by.
using ScannedFixes = std::vector<std::pair<QueryFix, std::string>>;

/// The first of `fixes` (fewest edits first) and those as few edits away.
[[nodiscard]] ScannedFixes nearest_of(const ScannedFixes& fixes);

/// One language's typo scan for one query. Not thread-safe: it analyzes with the caller's
/// Analyzer and reads records with the caller's decompressor (one per correction). The analyzer,
/// the vocabulary, the decompressor and the limits must outlive it.
class TypoScan {
 public:
  TypoScan(Analyzer& analyzer, std::string lang, const LanguageVocabulary& vocabulary, RecordDecompressor& decompressor,
           const CorrectionLimits& limits);

  /// The articles' words near `w` (`typed`: as typed, lower case), each written as the
  /// articles write it nearest to what was typed, in the shopper's letters where the search reads
  /// both alike (in_shoppers_letters; QueryFix::cost: the edits between them), fewest
  /// edits first, then the most frequent. Where the analyzer kept the word's ending, another
  /// inflection of it is none (another_inflection). `misspelled`: QueryFix::misspelled. Only
  /// the terms `wanted` keeps (all when it is empty) are spelled: reading articles is the cost.
  [[nodiscard]] ScannedFixes fixes_of(const QueryWord& w, const std::string& typed, bool misspelled,
                                      const std::function<bool(const std::string& term)>& wanted = {});

  /// A part of a compound (lower case, as typed) as the articles write a word one edit from it,
  /// the most frequent such word; in lower case (CompoundPartFix).
  [[nodiscard]] std::optional<std::string> part_fix(const std::string& part);

 private:
  [[nodiscard]] ExpansionLimits scan_limits() const;
  [[nodiscard]] std::vector<std::string> candidates_of(const QueryWord& w, std::string_view typed,
                                                       const std::vector<std::string>& forms, const ExpansionLimits& scan);
  /// `term` as the articles write it nearest to `typed`, or the term itself when none is read.
  [[nodiscard]] std::string spelling_of(const std::string& term, std::string_view typed);

  Analyzer& analyzer_;
  std::string lang_;
  const LanguageVocabulary& vocabulary_;
  RecordDecompressor& decompressor_;
  const CorrectionLimits& limits_;
  const OrthographyRules& rules_;  // the language's
  bool stems_endings_ = true;  // the analyzer takes inflectional endings off the language's words
};

}  // namespace faqsearch::detail
