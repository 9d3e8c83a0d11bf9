// Ranking parameters, in one place with the measurements that chose them.
//
// Tuned on the development sets in ../shared/data/eval (xquad, xquad_r, stackfaq, banking77, arcd,
// norquad, poquad, jsquad, cmrc2018, drcd, iapp_th) and on corpus/queries.jsonl, with
// `faqsearch eval`. One setting for every language: a value that helps one set and hurts another
// is not taken. The closing notes of issue #3 have the tables.
#pragma once

namespace faqsearch::detail {

/// BM25 (Xapian::BM25Weight). k1 = 1.0 and b = 0.5 instead of the textbook 1.2 / 0.75: FAQ
/// answers and passages are short, and a term's second occurrence or a longer text tells little.
/// Measured against 1.2 / 0.75: xquad_r +0.004 to +0.015 in every language, xquad ar/el/hi/zh up,
/// arcd −0.014 and banking77 −0.006 (both stay above their baselines).
inline constexpr double kBm25K1 = 1.0;
inline constexpr double kBm25B = 0.5;
inline constexpr double kBm25MinNormalizedLength = 0.5;
/// BM25's query-frequency parameter: a word typed twice counts 4/3 of once. k2 (a query-length
/// term) is 0.
inline constexpr double kBm25K3 = 1.0;

/// Weight of a query word relative to a content word, by what kind of match it is.
struct QueryTermWeights {
  /// A stop word in a query that has other words. Not dropped: "not", "can't", "how" tell intents
  /// apart ("card not working" vs "card working"): banking77 0.846 → 0.866. Not full weight
  /// either: at 1.0 norquad and corpus nb/de lost.
  double stop_word = 0.4;
  /// The exact form of a word that also has a folded variant ("zwrót" beside "zwrot"), and the
  /// folded variant itself. Together they weigh 1.0, so a word with diacritics does not outweigh
  /// one without; exact matches rank above folded ones. Vietnamese, where tone marks tell words
  /// apart: xquad vi 0.910 → 0.949; folding alone was 0.910, exact alone 0.948.
  double exact_with_variant = 0.7;
  double folded_variant = 0.3;
  /// Han/kana/Hangul bigrams and single Han characters, beside the dictionary words: xquad_r zh
  /// 0.772 → 0.813, jsquad 0.929 → 0.942, drcd 0.945 → 0.950. At 1.0 they drown the words.
  double cjk_bigram = 0.5;
  double cjk_unigram = 0.5;
  /// Known words one or two edits away from a word the index does not know ("emial" → email),
  /// and completions of the word still being typed, scored together as one synonym term:
  /// corpus/ en 0.815 → 0.842, nb 0.867 → 0.940; xquad_r up in every language (el +0.024:
  /// without a Greek stemmer, one-edit neighbours stand in for inflections).
  double typo_correction = 0.7;
  double prefix_completion = 0.5;
  /// Two adjacent query words as one term (TokenKind::kPair), beside the words themselves:
  /// banking77 0.860 → 0.871, stackfaq 0.817 → 0.825, xquad vi 0.945 → 0.956, xquad_r vi
  /// 0.811 → 0.819, xquad el 0.893 → 0.898; no other cell down by more than 0.001 (Hindi has
  /// no pairs: see the language table). At 0.35 el and banking77 fell back. Pairs now rerank the
  /// top of the ranking (search/pair_rerank.h) and no longer count in an article's length, which
  /// moved the best weight from 0.2 to 0.15 (mean MRR@10 of the public cells: 0.1 .88447,
  /// 0.15 .88455, 0.2 .88421, 0.25 .88367; at 0.1 corpus nb lost 0.021).
  double word_pair = 0.15;
  /// The other entries of a synonym group one of the query's words or phrases belongs to
  /// (faqsearch/synonyms.h), together as one term, per word of the entry typed.
  double synonym = 0.7;
  /// Adjacent query words the index holds as one word, in a language whose dictionary segments
  /// text by its context (language_table.h joined_compounds), per word joined. Measured on the
  /// Thai cells against none: xquad_r th 0.8022 → 0.8048 (per word 0.25: 0.8045; 0.5 and 0.7:
  /// 0.8051 and 0.8048 but xquad th −0.0002; one weight whatever the length, 0.3 to 0.6: 0.8045);
  /// xquad th, iapp_th and corpus th unchanged. For every language it cost jsquad −0.0022:
  /// Chinese and Japanese have their n-grams for this.
  double joined_compound = 0.35;
  /// Each of the two known words a long unknown query word is made of, in a language that writes
  /// compounds as one word (language_table.h split_compounds): together about one word. Measured
  /// on German against no splitting: xquad de 0.9383 → 0.9431, xquad_r de 0.7648 → 0.7682. Split
  /// every long word, known or not: 0.9436 and 0.7719 at 0.5 (0.35: 0.9436, 0.7707; 0.7: 0.9440,
  /// 0.7714), for an analysis of each split of every long word typed.
  double compound_part = 0.5;
};
inline constexpr QueryTermWeights kQueryTermWeights{};

/// Title coverage (search/title_coverage.h): an article's score, words and pairs, is multiplied
/// by 1 + 0.25 × c², c the share of its title's content words the query has. Squared, because
/// the signal is a query that says (nearly) the whole title: half a two-word title, often one
/// common word, counts a quarter. Measured against no coverage (`faqsearch eval`, all public sets
/// and corpus/): stackfaq +0.010, arcd +0.0115, cmrc2018 +0.0041, norquad +0.0025, jsquad
/// +0.0006; corpus en +0.016, nb +0.016, ar +0.003; drcd −0.0014, where questions name another
/// article's topic than the paragraph judged ("when did the Berlin Wall fall" is judged on "East
/// Germany", not "Berlin Wall"); sets without titles (xquad, xquad_r, banking77) unchanged. Mean
/// of the public cells +0.00084. Weight 0.2: +0.00071, 0.3: +0.00085 but drcd −0.0020; c instead
/// of c²: at 0.3 drcd −0.0031 and norquad, poquad −0.001; c³ at 0.5: corpus en gains only 0.002.
inline constexpr double kTitleCoverageWeight = 0.25;
constexpr double title_coverage_boost(double coverage) {
  return 1 + kTitleCoverageWeight * coverage * coverage;
}

/// How many of the words' best articles the word pairs rerank (search/pair_rerank.h), whatever
/// the page's offset (a page larger than this is reranked whole). Measured (`faqsearch eval`)
/// against a window of 10: xquad vi MRR@10 .9598 → .9601, Recall@10 .9899 → .9916 (pairs join
/// Vietnamese syllables into words, and lift answers from below the first page); at 30 nothing
/// more. Earlier, with pairs still terms: reranking the top 30 was within ±0.0003 MRR@10 of
/// matching pairs over the whole index on every public set.
inline constexpr unsigned kPairRerankWindow = 20;

/// How many of the best articles by words and pairs title coverage reranks, whatever the page's
/// offset and size (a page of 10 and the first 10 of a page of 20 are the same). A first page of
/// 10 or more reads these articles anyway, to show them. Measured against reranking the words'
/// top 20 at once with pairs: arcd −0.0007, mean of the public cells −0.00003; at 20k generated
/// articles, −45 µs p50.
inline constexpr unsigned kTitleRerankWindow = 10;

/// Articles served as fallbacks (in the help center's default language: the shopper's languages
/// have no translation) compete on their score with native ones; on an equal score the native
/// one comes first. A penalty loses more on questions whose answer is untranslated than it saves
/// on the others (docs/tuning.md).

}  // namespace faqsearch::detail
