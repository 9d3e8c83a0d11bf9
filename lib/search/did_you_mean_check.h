// Whether a did-you-mean's fixes are worth offering: each must find more than the words as typed
// do. A correctly spelled word the articles lack ("started" where they say "starter", a name) is
// otherwise "corrected" to a neighbour from articles about something else.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"
#include "search/query_stage.h"

namespace faqsearch::detail {

/// Edits counted at most between a typed word and a correction's spelling: further is "far".
inline constexpr std::size_t kFarEdits = 8;

/// Bytes [begin, end) of a query replaced by `text`; `cost`: edits it assumes (0: a layout slip).
struct QueryFix {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::size_t cost = 0;
  /// The articles write `text` so; false for a form of the shopper's word guessed from what was
  /// typed (one edit from it, read as the word the articles write).
  bool written = true;
  /// The language's spelling dictionary rejects the word as typed (LanguageRow::spelling): it is
  /// no word of the language, so one edit in it to a word the articles write (or to the shopper's
  /// own form of one, when the dictionary knows it) is its typo's fix, however few articles have
  /// that word and wherever the edit is.
  bool misspelled = false;
};

/// Of two fixes of a word, the one that assumes fewer edits; the first on a tie.
inline std::optional<QueryFix> cheapest(std::optional<QueryFix> a, std::optional<QueryFix> b) {
  if (!a) return b;
  if (!b) return a;
  return b->cost < a->cost ? b : a;
}

/// What the check reads: the query's language and the vocabulary its corrections came from.
struct FixCheck {
  Analyzer& analyzer;
  const std::string& lang;
  const Xapian::Database& vocabulary;
  const PlanQuery& plan_query;  ///< its filters apply
  unsigned checked_articles;    ///< best articles compared, of the fix's query and of the typed one
  /// The query was typed on the other layout as a whole: its rendering needs one of its words
  /// in a best article, not half (a long question's words are seldom all in one article).
  bool whole_query_slipped = false;
  /// Articles a word is in at least to be common: a one-edit typo of a common word is worth
  /// fixing even when the fix finds no more than the words as typed.
  Xapian::doccount common_word_articles = 5;
};

/// The fixes of `query` (sorted, apart) worth offering. A fix is when one of the best articles of
/// its words with the query's known words holds at least half of its words and, with them, at
/// least as many of the query's words as the best articles of the known words alone hold; when
/// it is one edit inside a long typed word, not in its last letters, to a common word
/// (FixCheck::common_word_articles: "possble" is "possible" even when the other words find the
/// same), or anywhere to any word the articles write when the typed one is misspelled
/// (QueryFix::misspelled; a typed word of five letters only to a common word); or when its words are stop words and it is one edit from a long typed word (a typo of
/// "should" finds nothing more, but is one). The layout slips (cost 0) are one fix: a query is typed on
/// one layout (FixCheck::whole_query_slipped).
std::vector<QueryFix> worthwhile_fixes(const FixCheck& check, std::string_view query, std::vector<QueryFix> fixes);

}  // namespace faqsearch::detail
