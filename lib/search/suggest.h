// Search-box suggestions (Searcher::suggest): completions of the last word typed, from the
// vocabulary of the plan's partitions (so a word of an article the caller may not see is never
// suggested). The titles are matched apart (search/title_suggest.h).
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "search/search_plan.h"

namespace faqsearch::detail {

/// A term of a partition and the number of its articles that hold it.
struct TermCount {
  std::string term;
  Xapian::doccount articles = 0;
};

/// What suggestions read from the partitions of one generation, kept between keystrokes: for
/// each language's partitions (one vocabulary: "partitions" below), its most frequent
/// completions of its busiest prefixes (a one-letter prefix of a 100k article help center begins
/// tens of thousands of terms), and how its articles write the terms completed. Not thread-safe:
/// one Searcher's.
class SuggestCache {
 public:
  /// Up to `wanted` terms of `db` (the partitions named `partitions`) that start with `prefix`
  /// and are longer, the most frequent first (then in term order).
  std::vector<TermCount> completions(const std::string& partitions, const Xapian::Database& db, const std::string& prefix,
                                     std::size_t wanted);
  /// How the articles of `db` (the partitions named `partitions`, of language `lang`) write
  /// `term` (word_spellings()).
  const std::vector<std::string>& spellings(Analyzer& analyzer, const std::string& partitions, const Xapian::Database& db,
                                            const std::string& lang, const std::string& term,
                                            RecordDecompressor& decompressor);
  /// Forgets everything: a commit may have changed any partition.
  void clear() { by_partitions_.clear(); }

 private:
  struct Memo {
    bool built = false;
    std::unordered_map<std::string, std::vector<TermCount>> busiest;  // by prefix
    std::unordered_map<std::string, std::vector<std::string>> spellings;  // by term
  };
  static void build(Memo& memo, const Xapian::Database& db);
  std::map<std::string, Memo> by_partitions_;
};

/// Up to `wanted` completions of the last word of `text` (none when the text ends with a space
/// or punctuation), the most frequent first, each written as the articles' titles write it.
std::vector<Completion> complete_last_word(Analyzer& analyzer, const SearchPlan& plan, const std::string& text,
                                           std::size_t wanted, RecordDecompressor& decompressor, SuggestCache& cache);

}  // namespace faqsearch::detail
