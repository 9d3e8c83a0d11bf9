// Ranking parameters, in one place. Each says why it exists; docs/tuning.md has the measurements
// that chose its value (`faqsearch eval` on ../shared/data/eval and corpus/). One setting for
// every language: a value that helps one set and hurts another is not taken.
#pragma once

namespace faqsearch::detail {

/// BM25 (Xapian::BM25Weight). k1 = 1.0 and b = 0.5 instead of the textbook 1.2 / 0.75: FAQ
/// answers and passages are short, and a term's second occurrence or a longer text tells little.
inline constexpr double kBm25K1 = 1.0;
inline constexpr double kBm25B = 0.5;
inline constexpr double kBm25MinNormalizedLength = 0.5;
/// BM25's query-frequency parameter: a word typed twice counts 4/3 of once. k2 (a query-length
/// term) is 0.
inline constexpr double kBm25K3 = 1.0;

/// Weight of a query word relative to a content word, by what kind of match it is.
struct QueryTermWeights {
  /// A stop word in a query that has other words. Not dropped: "not", "can't", "how" tell intents
  /// apart ("card not working" vs "card working"). Not full weight either: it drowns the content
  /// words.
  double stop_word = 0.4;
  /// The exact form of a word that also has a folded variant ("zwrót" beside "zwrot"), and the
  /// folded variant itself. Together they weigh 1.0, so a word with diacritics does not outweigh
  /// one without; exact matches rank above folded ones (Vietnamese tone marks tell words apart).
  double exact_with_variant = 0.7;
  double folded_variant = 0.3;
  /// Han/kana/Hangul bigrams and single Han characters, beside the dictionary words: they find
  /// what the dictionary segments differently; at full weight they drown the words.
  double cjk_bigram = 0.5;
  double cjk_unigram = 0.5;
  /// Known words one or two edits away from a word the index does not know ("emial" → email),
  /// and completions of the word still being typed, scored together as one synonym term, below
  /// what was typed (without a stemmer, as for Greek, one-edit neighbours stand in for
  /// inflections).
  double typo_correction = 0.7;
  double prefix_completion = 0.5;
  /// Two adjacent query words as one term (TokenKind::kPair), beside the words themselves: word
  /// order and set phrases ("top up", Vietnamese syllables of one word). Pairs rerank the top of
  /// the ranking (search/pair_rerank.h) and do not count in an article's length.
  double word_pair = 0.15;
  /// The other entries of a synonym group one of the query's words or phrases belongs to
  /// (faqsearch/synonyms.h), together as one term, per word of the entry typed.
  double synonym = 0.7;
  /// Adjacent query words the index holds as one word, in a language whose dictionary segments
  /// text by its context (language_table.h joined_compounds), per word joined (Chinese and
  /// Japanese have their n-grams for this instead).
  double joined_compound = 0.35;
  /// Each of the two known words a long unknown query word is made of, in a language that writes
  /// compounds as one word (language_table.h split_compounds): together about one word. Only
  /// unknown words are split: splitting every long word gained little for an analysis of each
  /// split of every long word typed.
  double compound_part = 0.5;
};
inline constexpr QueryTermWeights kQueryTermWeights{};

/// Title coverage (search/title_coverage.h): an article's score, words and pairs, is multiplied
/// by 1 + 0.25 × c², c the share of its title's content words the query has. Squared, because
/// the signal is a query that says (nearly) the whole title: half a two-word title, often one
/// common word, counts a quarter.
inline constexpr double kTitleCoverageWeight = 0.25;
constexpr double title_coverage_boost(double coverage) {
  return 1 + kTitleCoverageWeight * coverage * coverage;
}

/// How many of the words' best articles the word pairs rerank (search/pair_rerank.h), whatever
/// the page's offset (a page larger than this is reranked whole): deep enough to lift answers
/// from below the first page (pairs join Vietnamese syllables into words).
inline constexpr unsigned kPairRerankWindow = 20;

/// How many of the best articles by words and pairs title coverage reranks, whatever the page's
/// offset and size (a page of 10 and the first 10 of a page of 20 are the same). A first page of
/// 10 or more reads these articles anyway, to show them.
inline constexpr unsigned kTitleRerankWindow = 10;

/// Help-center signals (search/signal_boost.h), as Zendesk and Algolia's Zendesk connector use
/// them: each adds to a factor the article's score is multiplied by, and the factor is bounded so
/// that a weak text match never passes a clearly better one (an article more than 1.1 / 0.9, about
/// 22%, ahead by its text stays ahead whatever the signals). Applied over the top of the ranking
/// (the rerank windows), where the near ties are that signals should break.
struct SignalWeights {
  /// Pinned by the help center's editors.
  double promoted = 0.05;
  /// Marked out of date: shown, but below a current article that answers as well.
  double outdated = -0.08;
  /// Votes: times vote_sum / (vote_count + vote_prior), in (-1, 1). The prior damps a handful
  /// of votes, so two "helpful" clicks do not count as a hundred.
  double votes = 0.05;
  double vote_prior = 10;
  /// Edited within recent_days: +recent, fading linearly to nothing at stale_days.
  double recent = 0.03;
  int recent_days = 30;
  int stale_days = 365;
  /// The factor's bounds.
  double lowest = 0.9;
  double highest = 1.1;
};
inline constexpr SignalWeights kSignalWeights{};

/// Articles served as fallbacks (in the help center's default language: the shopper's languages
/// have no translation) compete on their score with native ones; on an equal score the native
/// one comes first. A penalty loses more on questions whose answer is untranslated than it saves
/// on the others (docs/tuning.md).

}  // namespace faqsearch::detail
