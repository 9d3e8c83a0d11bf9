// The language table: one row per language decides how its text is analyzed. Adding a language
// means adding a row here (plus golden tests and, ideally, sample articles and judged queries).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// How a row's text is cut into words. Both are ICU's word break iterator for the row's
/// locale: ICU segments Thai, Lao, Khmer, Burmese, Han and kana with its dictionaries whatever the
/// locale, so the value names what the row's own script relies on (reported by language_for()).
enum class Segmentation : std::uint8_t {
  kIcuWords,       ///< UAX #29 word boundaries: the script separates words with spaces.
  kIcuDictionary,  ///< The script is written without spaces: ICU's dictionary finds the words.
};

/// Spelling rules of a writing system beyond Unicode's normalization (orthography.h lists what
/// each one adds to the pipeline).
enum class Orthography : std::uint8_t {
  kStandard,  ///< Case folding and apostrophes only.
  /// Harakat, tatweel and alef forms normalized; ة/ى and a conjunction و/ف written onto a word
  /// as variants; an article left on a Snowball stem stripped.
  kArabic,
};

/// One language. Columns are in the order of the pipeline they drive (decode → segment →
/// normalize → stop words → stem → variants, n-grams, pairs), then what the query builder reads.
/// Rows are written with designated initializers; a column left out takes its default here.
struct LanguageRow {
  /// Canonical BCP 47 tag the row answers to ("en", "zh-Hant").
  std::string_view tag = {};
  std::string_view name = {};
  /// ICU locale for the word break iterator ("": the root locale).
  std::string_view icu_locale = {};
  Segmentation segmentation = Segmentation::kIcuWords;
  /// Elided articles stripped from the start of words ("l'adresse" → "adresse"), space-separated
  /// and written without the apostrophe.
  std::string_view elisions = {};
  /// Suffixes are written after an apostrophe on names, numbers and abbreviations (Turkish
  /// "Tesla'nın", "Broncos'un", "2015'te"): the word's term is made of what precedes it.
  /// Elsewhere the apostrophe is dropped, and the stemmer would read the suffix as part of the
  /// name ("broncosun" → "bronco" where "broncosu" → "broncos").
  bool apostrophe_suffixes = false;
  Orthography orthography = Orthography::kStandard;
  /// Stop words, space-separated, lower case (written with their diacritics; folded forms are
  /// derived). With a Hunspell dictionary, lemmas: a word whose lemma is listed is one too.
  std::string_view stop_words = {};
  /// Xapian Snowball stemmer name, or "" for none.
  std::string_view stemmer = {};
  /// Hunspell dictionary ("pl_PL": pl_PL.aff + pl_PL.dic in the dictionary directory) whose
  /// lemmas replace the Snowball stemmer, or "" for none. Set where Snowball has no stemmer or
  /// where the dictionary measured better. A missing dictionary falls back to `stemmer`.
  std::string_view hunspell = {};
  /// The stemmer takes a suffix or two off, not the chains of suffixes the language stacks
  /// (Turkish "yapmıştır" → `yap`, but "oynamıştır" → `oynamış`): did-you-mean then reads the
  /// articles' form of a word that differs from the typed one in its last letters as another
  /// inflection, as where there is no stemmer at all.
  bool suffix_chains = false;
  /// Vowels (UTF-8, lower case) that drop out of a stem before an ending (Russian "Суперкубок",
  /// "Суперкубка": `суперкубок`, `суперкубк`): did-you-mean reads a word that is a known term
  /// with one of them before its last letter as that term's form without an ending, not a typo.
  std::string_view fleeting_vowels = {};
  /// Fold diacritics of Latin, Greek and Cyrillic letters after stemming ("é" → "e", "ł" → "l"),
  /// except the letters in `kept_letters`, which are letters in their own right in the language.
  bool fold_diacritics = true;
  /// Letters (UTF-8, lower case) never folded in this language.
  std::string_view kept_letters = {};
  /// Index overlapping bigrams and single characters of Han, kana and Hangul runs beside the
  /// dictionary words (Xapian's and FTS5's CJK n-gram modes do the same, but AND them).
  bool cjk_ngrams = false;
  /// Index adjacent word pairs ("top up") as terms of their own (TokenKind::kPair).
  bool word_pairs = true;
  /// Han text is typed through a Mandarin pinyin input method, whose typo is a character that
  /// sounds the same (注消 for 注销): the query builder corrects unknown Han bigrams to known ones
  /// that sound alike. Not Japanese, whose kanji come through another input method and readings.
  bool pinyin_typos = false;
  /// The dictionary segments the script without n-grams beside it (Thai, Lao, Khmer, Burmese),
  /// and segments the same text differently in different contexts: the query builder also looks
  /// for runs of adjacent query words that the index holds as one word ("ป่า" "ดิบ" → "ป่าดิบ").
  bool joined_compounds = false;
  /// Compounds are written as one word (German "Lieferadresse"): a long query word the vocabulary
  /// lacks is also looked for as the two known words it is made of ("liefer" + "adress").
  bool split_compounds = false;
  /// Hunspell dictionary of the language's correctly spelled words, or "" for none: a word it
  /// accepts is a word, not a typo, and did-you-mean leaves it as typed (a shopper's correct word
  /// the articles lack is otherwise "corrected" to a neighbour they have). Loaded whole (1.5–60
  /// MB) by a searcher's first correction of an unknown word of the language; missing: no check.
  std::string_view spelling = {};
};

/// The words of a space-separated column (`elisions`, `stop_words`), in order.
[[nodiscard]] std::vector<std::string_view> list_words(std::string_view list);

/// Every row; the first is the generic row ("und") used for unknown languages.
std::span<const LanguageRow> language_rows() noexcept;

/// The row for `tag` (see faqsearch::language_for). Never null.
const LanguageRow& find_language_row(std::string_view tag);

}  // namespace faqsearch::detail
