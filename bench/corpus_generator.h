// Deterministic synthetic help centers for the benchmarks.
//
// The generator writes help-center-like articles and shopper-like queries from a vocabulary: per
// language, the words of the sample help center (corpus/articles/<lang>) ranked by frequency,
// plus the categories and tags the sample uses. Words are drawn with a Zipf distribution from a
// fixed-seed std::mt19937_64; every other choice (lengths, categories, dates) comes from the same
// generator through portable integer arithmetic, so the same vocabulary, options and seed give
// byte-identical output on every run and every standard library.
//
// Two steps, so that other vocabularies (Hunspell dictionaries, larger word lists) can be plugged
// in without touching the generator:
//   Vocabulary vocab = collect_vocabulary(FAQSEARCH_SOURCE_DIR "/corpus/articles", languages);
//   GeneratorOptions options;  options.vocabulary = std::make_shared<const Vocabulary>(vocab);
//   std::vector<faqsearch::Article> articles = generate_articles(options);
//   std::vector<GeneratedQuery> queries = generate_queries(options);
// with_hunspell_words(vocab) adds the words of Hunspell dictionaries (what faqsearch_peerbench uses).
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "faqsearch/article.h"

namespace faqsearch::bench {

/// The languages a benchmark corpus covers unless told otherwise.
std::vector<std::string> default_languages();

/// One word of a language, as written in text.
struct VocabularyWord {
  std::string text;
  /// Occurrences in the source (a rank for sources without counts). Only the order matters.
  std::uint64_t count = 0;
  /// Source articles containing the word (0 when the source has no articles, e.g. a word list).
  std::uint64_t documents = 0;
  /// A stop word of the language (per faqsearch's analyzer): kept in articles, left out of
  /// generated queries the way shoppers rarely type them.
  bool stop_word = false;
};

/// How a language separates words and ends sentences.
enum class WritingStyle : std::uint8_t {
  kSpaced,    ///< Words separated by spaces (Latin, Arabic...).
  kUnspaced,  ///< No spaces between words (Chinese, Japanese).
  kThai,      ///< No spaces between words, spaces between sentences, no full stop.
};

/// The vocabulary of one language.
struct LanguageVocabulary {
  std::string lang;
  WritingStyle style = WritingStyle::kSpaced;
  /// Most frequent first; ties in byte order. Empty when the source had no text in the language
  /// (the generators then leave the language out).
  std::vector<VocabularyWord> words;
  /// Articles the words were collected from (0 for sources without articles).
  std::uint64_t source_articles = 0;
  /// Share of topics that have an article in this language (in the sample: articles in this
  /// language / articles in its largest language). 0..1.
  double coverage = 1.0;
};

/// A category and the tags its articles carry.
struct CategoryProfile {
  std::string name;
  std::uint64_t articles = 0;  ///< Weight of the category among topics.
  struct Tag {
    std::string name;
    std::uint64_t count = 0;
  };
  std::vector<Tag> tags;  ///< Most frequent first; ties by name.
};

/// Everything the generators draw from. Plain data.
struct Vocabulary {
  std::vector<LanguageVocabulary> languages;  ///< In the order asked for.
  std::vector<CategoryProfile> categories;    ///< By name.
  /// Audiences other than "public" and their weights among topics (the sample: "agents").
  struct Audience {
    std::string name;
    std::uint64_t articles = 0;
  };
  std::vector<Audience> audiences;  ///< Includes "public"; by name.

  /// The vocabulary of `lang`, or nullptr.
  [[nodiscard]] const LanguageVocabulary* find(std::string_view lang) const;
};

/// How a language is written (by its BCP 47 tag).
WritingStyle writing_style_of(std::string_view lang);

/// Reads a help center laid out as `<articles_dir>/<lang>/*` (any format faqsearch::read_articles
/// reads) and collects, per language of `languages`, the words of titles and bodies as segmented
/// by faqsearch's analyzer (case variants merged under their most frequent spelling), plus the
/// categories, tags and audiences of all articles read. A language without a directory gets an
/// empty word list. Deterministic: depends only on the files' contents.
/// Throws faqsearch::Error if `articles_dir` cannot be read.
Vocabulary collect_vocabulary(const std::filesystem::path& articles_dir,
                              const std::vector<std::string>& languages);

/// Where to find Hunspell dictionaries and which one each language uses. Plain data.
struct HunspellOptions {
  /// Directory of the `<name>.dic` / `<name>.aff` pairs (Debian's hunspell-* packages).
  std::filesystem::path directory = "/usr/share/hunspell";
  /// Language tag → dictionary name. Languages without a dictionary keep their words.
  std::vector<std::pair<std::string, std::string>> dictionaries = {
      {"en", "en_US"}, {"pl", "pl_PL"}, {"nb", "nb_NO"}, {"ar", "ar"}};
  /// Dictionary words added per language at most (0: all). Words are taken in shuffled order,
  /// so a cap keeps a deterministic random sample (the smoke test uses it to stay fast).
  std::size_t max_words_per_language = 0;
  /// Seed of the shuffle that orders dictionary words (a .dic file has no frequencies).
  std::uint64_t seed = 0xD1C7105EEDULL;
};

/// `base` with each language that has a Hunspell dictionary extended by the dictionary's words:
/// the base words first, in their order (the help-center words stay the frequent ones under the
/// Zipf law), then the dictionary's words that are not among them, in an order shuffled with
/// `options.seed`. A dictionary word is kept only if faqsearch's analyzer reads it as exactly one
/// word token (no numbers, no multi-token entries such as "A-aksje"); duplicates after case
/// folding are dropped. `/FLAGS` and morphological fields are stripped and the text is converted
/// from the dictionary's encoding (the SET line of the .aff file) to UTF-8. Deterministic: depends
/// only on `base`, the files and the options. Throws faqsearch::Error if a dictionary named for
/// a language of `base` cannot be read.
Vocabulary with_hunspell_words(const Vocabulary& base, const HunspellOptions& options = {});

/// What to generate. Plain data.
struct GeneratorOptions {
  /// Source of words, categories and tags. Required: collect_vocabulary() (the sample help
  /// center's words, what the micro-benchmarks use) or with_hunspell_words() of it (the same plus
  /// Hunspell dictionaries: a realistic number of distinct terms, what the peer benchmark uses).
  std::shared_ptr<const Vocabulary> vocabulary;
  /// Languages to write (empty: every language of the vocabulary that has words). Languages
  /// without words are left out.
  std::vector<std::string> languages;
  /// Number of articles (all languages together).
  std::size_t articles = 1000;
  /// Number of queries generate_queries() makes.
  std::size_t queries = 500;
  std::uint64_t seed = 0x5EEDFA95EA2C4ULL;
  /// Exponent s of the Zipf law P(rank r) ∝ 1 / r^s over each language's words.
  double zipf_exponent = 1.0;
  std::size_t min_title_words = 4;
  std::size_t max_title_words = 10;
  std::size_t min_body_words = 80;
  std::size_t max_body_words = 400;
};

/// `options.articles` articles. Articles come in topics: a topic has one id, category, tag set
/// and audience, and an article in each language (the first language always, the others with
/// their coverage), so translations share ids as in a real help center. Titles have
/// min..max_title_words words, bodies min..max_body_words words in sentences and paragraphs.
/// Throws std::invalid_argument if the options have no vocabulary, no language with words or
/// inconsistent bounds.
std::vector<faqsearch::Article> generate_articles(const GeneratorOptions& options);

/// Shape of a generated query.
enum class QueryShape : std::uint8_t {
  kOneWord,
  kTwoWords,
  kThreeWords,
  kPhrase,  ///< Two words in double quotes.
  kPrefix,  ///< Zero to two words and a half-typed one ("change deliv").
};
std::string_view shape_name(QueryShape shape);

struct GeneratedQuery {
  std::string text;
  std::string lang;
  QueryShape shape = QueryShape::kOneWord;
};

/// `options.queries` queries in the languages of the articles (weighted like them), shapes in
/// turn, words drawn with the same Zipf law from the query-worthy words: no stop words, no
/// numbers, no words shorter than 3 letters (2 characters in CJK and Thai) and none found in more
/// than 40% of the source articles (function words the stop lists miss). Independent of
/// `options.articles`: the same seed gives the same queries for every corpus size.
std::vector<GeneratedQuery> generate_queries(const GeneratorOptions& options);

/// Writes articles as JSON lines (faqsearch's "jsonl" import format), one per line, keys sorted.
void write_jsonl(std::ostream& out, const std::vector<faqsearch::Article>& articles);

/// Writes queries as JSON lines: {"lang", "shape", "text"}.
void write_jsonl(std::ostream& out, const std::vector<GeneratedQuery>& queries);

}  // namespace faqsearch::bench
