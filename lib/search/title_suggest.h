// The titles of a search-box suggestion (Searcher::suggest): the articles whose titles hold the
// words typed, the last one as typed or completed, matched in memory against each partition's
// titles (search/title_table.h) and served as a search serves them (one hit per article, in the
// shopper's language or as a fallback). Not a search of the bodies: a title suggestion is a
// keystroke's answer, and "titles that match" is what a search box lists.
#pragma once

#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "search/rank_stage.h"
#include "search/search_plan.h"
#include "search/title_table.h"

namespace faqsearch::detail {

/// The best titles of one suggestion and the terms they were matched with.
struct TitleMatches {
  /// The articles, best first, each once, its translation to serve chosen.
  Ranking ranking;
  /// The terms each language's titles were matched with (what their highlights mark).
  std::map<std::string, std::unordered_set<std::string>> terms_of_language;
};

/// Up to `wanted` articles of `plan` whose titles hold words of `text`: each word's terms (stop
/// words only beside others, at their query weight), its last word, when still being typed,
/// also as `completions` complete it or, without completions, as the titles' own longer terms
/// do; a word no title holds as one or two edits from the titles' terms, as the search's typo
/// tolerance finds them. Scored as BM25 scores a one-occurrence field: the idf of each term found, weighted by its
/// kind as a query weighs it, then the help-center signals; ties go to the shorter title.
TitleMatches match_titles(Analyzer& analyzer, const SearchPlan& plan, TitleTable& table, const std::string& text,
                          const std::vector<Completion>& completions, std::size_t wanted);

/// Highlights in each hit's title the terms of its language in `matches` (the body snippet is
/// left empty).
void highlight_titles(Analyzer& analyzer, const TitleMatches& matches, std::vector<Hit>& hits);

}  // namespace faqsearch::detail
