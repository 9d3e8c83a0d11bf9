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

class SynonymTable;

/// The best titles of one suggestion and the terms they were matched with.
struct TitleMatches {
  /// The articles, best first, each once, its translation to serve chosen.
  Ranking ranking;
  /// The terms each language's titles were matched with (what their highlights mark).
  std::map<std::string, std::unordered_set<std::string>> terms_of_language;
};

/// Up to `wanted` articles of `plan` whose titles hold words of `text`, as typed_words() makes
/// them (title_words.h: the words' terms, the last one's `completions`, the index's `synonyms`);
/// a word being typed without completions also as the titles' own longer terms, a word no title
/// holds as the titles' terms one or two edits from it (the search's typo tolerance). Stop words
/// count only beside other words, on the titles those found. Scored as BM25 scores a field that
/// holds each term once: the idf of each term found among the language's titles times its
/// query weight, then times the help-center signals; a tie goes to the shorter title.
TitleMatches match_titles(Analyzer& analyzer, SynonymTable& synonyms, const SearchPlan& plan, TitleTable& table,
                          const std::string& text, const std::vector<Completion>& completions, std::size_t wanted);

/// Highlights in each hit's title the terms of its language in `matches` (hits assembled
/// without snippets: their body snippets are empty already).
void highlight_titles(Analyzer& analyzer, const TitleMatches& matches, std::vector<Hit>& hits);

}  // namespace faqsearch::detail
