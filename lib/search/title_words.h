// What a search-box keystroke typed, as the words its titles are looked for with
// (search/title_suggest.h): each word's terms from the analyzer, the word still being typed
// with its completions, and the index's synonyms of the words typed.
#pragma once

#include <string>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"

namespace faqsearch::detail {

class LanguageSynonyms;

/// A term a word is looked for as, and what one title holding it scores per unit of idf.
struct WeightedTerm {
  std::string term;
  double weight = 1;
};

/// A word typed: the terms that find it in a title, weighted as a query weighs them
/// (search/ranking.h QueryTermWeights).
struct TypedWord {
  std::vector<WeightedTerm> terms;
  bool stop_word = false;
  /// The word still being typed, when no completion was given: the titles' own longer terms
  /// complete it.
  std::string prefix;
};

/// The words of `text` in `lang`, one per position (word pairs are another stage's). The last
/// one, when nothing follows it, also stands for its first completions, or when there are none
/// carries its term as `prefix`. A word or run of words that is an entry of a synonym group of
/// `synonyms` (may be null) also stands for the group's other entries, their terms weighted as
/// a query weighs synonyms.
std::vector<TypedWord> typed_words(Analyzer& analyzer, const std::string& text, const std::string& lang,
                                   const std::vector<Completion>& completions, const LanguageSynonyms* synonyms);

}  // namespace faqsearch::detail
