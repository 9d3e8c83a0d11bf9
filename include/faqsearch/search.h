// faqsearch: searching an index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/article.h"
#include "faqsearch/index.h"

namespace faqsearch {

/// A byte range [begin, end) into a Snippet's text.
struct HighlightRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const HighlightRange&, const HighlightRange&) = default;
};

/// A passage of an article with the words that matched the query marked. Plain data.
/// `text` is valid UTF-8; highlight ranges are sorted, do not overlap and fall on character
/// boundaries of `text`.
struct Snippet {
  std::string text;
  std::vector<HighlightRange> highlights;
  /// True when the passage starts after the beginning / ends before the end of the field (a
  /// renderer shows an ellipsis there).
  bool starts_mid_text = false;
  bool ends_mid_text = false;

  /// HTML rendering: text escaped (& < > " '), highlights wrapped in `open_tag`/`close_tag`,
  /// ellipses ("…") where the passage is cut.
  [[nodiscard]] std::string to_html(std::string_view open_tag = "<mark>",
                                    std::string_view close_tag = "</mark>") const;
};

/// Longest query Searcher::search accepts, in bytes. Shoppers' questions stay far below (the
/// longest of the evaluation sets' queries is 793 bytes); language identification and analysis
/// cost grows with the text.
inline constexpr std::size_t kMaxQueryBytes = 2048;
/// Most words (runs of text between ASCII whitespace) a query may have: each word the index does
/// not know costs a scan of the vocabulary per language searched (typo correction). The
/// evaluation sets' longest query has 69.
inline constexpr std::size_t kMaxQueryWords = 128;
/// Most "quoted phrases" a query may have (an unbalanced quote opens one): each becomes a phrase
/// query per language searched, whose positions Xapian checks in every article with its words.
inline constexpr std::size_t kMaxQueryPhrases = 8;

/// The order of a result list.
enum class SearchSort : std::uint8_t {
  /// Best match first: BM25 with its reranks, then the articles' help-center signals (bounded).
  kRelevance,
  /// Most recently updated first (Article::updated_at compared as ISO 8601 text; articles without
  /// one last), the best match first among equals.
  kUpdated,
  /// The help center's own order: by section name, then Article::position within the section,
  /// the best match first among equals. With a section filter, a section's articles as its page
  /// lists them.
  kPosition,
};

/// What to search for. Plain data.
struct SearchRequest {
  /// What the shopper typed. Words are OR-ed and ranked by BM25, the top articles reranked by
  /// adjacent word pairs and by how much of their title the query says; "double quotes" make a
  /// phrase. At most kMaxQueryBytes, kMaxQueryWords words and kMaxQueryPhrases phrases.
  std::string query;
  /// The shopper's languages (BCP 47 tags), most preferred first: "nb", or {"nn", "en"}. Each is
  /// matched to the index's languages by language, with CLDR's locale data (ICU's
  /// LocaleMatcher): "en" finds "en-US" and "en-GB" articles and the reverse, "no" finds "nb",
  /// "nn" reads "nb" next, "zh-TW" finds "zh-Hant", "pt-BR" finds "pt". Each article is one hit,
  /// in the most preferred language that has a translation of it, whichever translation matched.
  /// Empty: the query's language is identified (identify_language()) among the languages the
  /// caller may see; if that is reliable (four words or more, a clear winner) and matches there,
  /// only that language is searched; otherwise every language is, each analyzing the query its
  /// own way, and each article is one hit in its best-scoring translation. Give the language
  /// whenever it is known. A tag that is malformed or names no language ("english") is an
  /// InvalidArgument.
  std::vector<std::string> languages;
  /// Keep only articles in one of these categories (empty: any).
  std::vector<std::string> categories;
  /// Keep only articles in one of these sections (empty: any).
  std::vector<std::string> sections;
  /// Keep only articles with at least one of these tags (empty: any).
  std::vector<std::string> tags;
  /// Keep only articles served in one of these languages (BCP 47 tags, matched exactly after
  /// canonicalization; empty: any): the "language" checkboxes of a filter sidebar. Filters are
  /// OR-ed within a field (categories, sections, tags, hit_languages) and AND-ed across fields.
  std::vector<std::string> hit_languages;
  /// Count the matching articles per category, section, tag and served language
  /// (SearchResults::facets). A field's counts ignore that field's own filter, so a list of
  /// checkboxes keeps showing its other options.
  bool facets = false;
  /// Audiences the caller may see. Only these partitions are opened.
  std::vector<std::string> audiences = {kPublicAudience};
  /// Pagination: skip `offset` hits, return at most `limit` (1..1000).
  std::size_t offset = 0;
  std::size_t limit = 10;
  /// Build a body snippet and title highlights per hit (they read each hit's stored token
  /// offsets and term positions: turn them off when only ids and scores are needed, as
  /// `faqsearch eval` does).
  bool snippets = true;
  /// Target length of a body snippet in bytes (it is cut on word boundaries).
  std::size_t snippet_bytes = 180;
  /// Typo tolerance: a word no visible article contains also matches the most frequent words
  /// one edit away (two for words of 8+ letters) that start with the same letter ("emial" →
  /// "email"), ranked below exact matches.
  bool typo_tolerance = true;
  /// As-you-type: when the query does not end with a space or punctuation and its last word is
  /// not a word any visible article contains, it also matches the most frequent words it begins
  /// ("leveringsadr" → "leveringsadresse"), ranked below exact matches.
  bool prefix_last_word = true;
  /// With `languages`: an article that has no translation in them is also served in the help
  /// center's default language (IndexSettings::default_language) when it matches, marked
  /// Hit::fallback. Fallbacks rank by their score like any hit; on an equal score an article in
  /// the shopper's language comes first.
  bool fallback = true;
  /// The order of the hits. Every order finds the same articles; only kRelevance reranks.
  SearchSort sort = SearchSort::kRelevance;
  /// Did you mean: when words of the query are not in any article the caller may see, look for
  /// a correction (SearchResults::did_you_mean).
  bool corrections = true;
  /// Say why a search found nothing, or only fallbacks (SearchResults::diagnosis).
  bool diagnose = true;
};

/// One result. Plain data.
struct Hit {
  std::string id;
  std::string lang;
  std::string title;
  std::string url;
  std::string category;
  std::string section;
  std::vector<std::string> tags;
  std::string audience;
  std::string updated_at;
  /// The article's help-center signals (Article), for a front end to show ("recommended",
  /// "may be out of date", "12 of 14 found this helpful").
  bool promoted = false;
  bool outdated = false;
  std::int64_t vote_sum = 0;
  std::int64_t vote_count = 0;
  std::int64_t position = 0;
  /// Relevance score: BM25 over the words, plus word pairs and times title coverage and the
  /// help-center signals for the top articles (comparable only within one result list).
  double score = 0;
  /// 0-based rank in the whole result list (offset included).
  std::size_t rank = 0;
  /// Title with the matched words highlighted (the plain title, without highlights, when the
  /// request asked for no snippets).
  Snippet title_snippet;
  /// Best-matching passage of the body (empty text when snippets were not asked for).
  Snippet snippet;
  /// Served in the help center's default language because none of the shopper's languages has a
  /// translation of the article (SearchRequest::fallback).
  bool fallback = false;
  /// Languages of the article's other translations the caller may see (same id), sorted.
  std::vector<std::string> translations;
};

/// Most matching translations whose facet values a search with SearchRequest::facets reads: a
/// query matching more is counted over its best-scoring kMaxFacetMatches
/// (FacetCounts::exhaustive says which), so that a broad query costs a bounded amount.
inline constexpr std::size_t kMaxFacetMatches = 1000;

/// Matching articles per value of each facet field (SearchRequest::facets), each article counted
/// once, in the translation it is served in. Values as the articles write them. Plain data.
struct FacetCounts {
  std::map<std::string, std::size_t> category;
  std::map<std::string, std::size_t> section;
  std::map<std::string, std::size_t> tag;
  std::map<std::string, std::size_t> lang;
  /// False when the query matched more than kMaxFacetMatches translations: the counts are then
  /// those of the best-scoring matches, a lower bound.
  bool exhaustive = true;
};

/// A corrected query (SearchResults::did_you_mean). Plain data.
struct QueryCorrection {
  /// What was typed with the corrected words replaced: a word one or two edits from a word the
  /// caller's articles use ("refnud" → "refund"), a word typed as two or two words typed as
  /// one ("trackorder" → "track order", "pass word" → "password"), or text typed with the
  /// wrong keyboard layout active ("ljcnfdrf" → "доставка": QWERTY against Russian, Greek and
  /// Arabic). Corrected words are written as the articles write them, in lower case.
  std::string query;
  /// Byte ranges of `query` that replace what was typed, sorted, not overlapping.
  std::vector<HighlightRange> changed;
  friend bool operator==(const QueryCorrection&, const QueryCorrection&) = default;
};

/// Why a search found nothing (or only fallbacks): Diagnosis::reason.
enum class EmptyReason : std::uint8_t {
  /// The words match articles in languages other than those searched (Diagnosis::other_languages).
  kOtherLanguages,
  /// The words match articles, but the filters removed them all (Diagnosis::filters).
  kFiltered,
  /// Only stop words were typed ("how do i"), and no article matches them.
  kOnlyStopWords,
  /// The words as typed match nothing; the correction (SearchResults::did_you_mean) does.
  kCorrection,
  /// Nothing the caller may see matches, in any language, with or without filters.
  kNothing,
};

/// The name of `reason` in JSON and logs: "other_languages", "filtered", "only_stop_words",
/// "correction", "nothing".
[[nodiscard]] std::string_view to_string(EmptyReason reason);

/// Why a search found nothing, or served only fallbacks (SearchResults::diagnosis). Counts only
/// articles of the audiences the caller may see. Plain data.
struct Diagnosis {
  EmptyReason reason = EmptyReason::kNothing;
  /// The search found articles, all of them served in the default language as fallbacks (the
  /// shopper's languages lack them: articles to translate next). `reason` then says why the
  /// shopper's own languages found nothing.
  bool fallback_only = false;
  /// kOtherLanguages: matching articles per language (BCP 47 tag) that was not searched.
  std::map<std::string, std::size_t> other_languages;
  /// kFiltered: the request's filter fields that, left out alone, let articles match:
  /// "category", "section", "tag", "hit_language"; every active one if only dropping them all does.
  std::vector<std::string> filters;
  friend bool operator==(const Diagnosis&, const Diagnosis&) = default;
};

/// The answer to a SearchRequest. Plain data.
struct SearchResults {
  /// Number of matching articles, each counted once whatever its translations: exact when small,
  /// else Xapian's estimate (pages past the first may correct it). With hit_languages and the
  /// shopper's languages, an estimate scales the articles served in those languages among the
  /// matches ranked so far.
  std::size_t total = 0;
  /// The index's languages searched, most preferred first; the default language last when
  /// fallbacks were searched.
  std::vector<std::string> languages;
  std::vector<Hit> hits;
  /// When SearchRequest::facets asked for them; empty otherwise.
  FacetCounts facets;
  /// A correction of the query (SearchRequest::corrections): offered when words of the query are
  /// in no article the caller may see and the best articles the corrected query finds hold the
  /// corrected words (with another word of the query, when it has more). Empty otherwise.
  std::optional<QueryCorrection> did_you_mean;
  /// Why nothing (or only fallbacks) was found (SearchRequest::diagnose); empty when the search
  /// found articles in the languages asked for, or in any language when none was named.
  std::optional<Diagnosis> diagnosis;
  /// The shards that could not answer, by their cluster-file names: under `on_shard_failure =
  /// "partial"` (docs/cluster.md) a search leaves out a shard whose server failed or timed out,
  /// for the cluster's retry_ms, and the hits, total and facets are the other shards'. Empty when
  /// every shard answered, and always for an index directory.
  std::vector<std::string> unavailable_shards;
  /// True when the shards of a cluster searched were at different cluster generations
  /// (IndexWriter::set_cluster_generation): a cluster-wide batch had reached some shards and
  /// not yet others, even after the search read them again, so the hits may mix the batch and
  /// the one before it. Always false for an index directory.
  bool generations_differ = false;
};

/// Most completions or titles one SuggestRequest may ask for.
inline constexpr std::size_t kMaxSuggestions = 50;

/// What a search box holds so far (Searcher::suggest). Plain data.
struct SuggestRequest {
  /// The text typed so far: its last word, when nothing follows it, is the one completed. At
  /// most kMaxQueryBytes, kMaxQueryWords words and kMaxQueryPhrases phrases, as a query.
  std::string text;
  /// The shopper's languages, as SearchRequest::languages (empty: every visible language).
  std::vector<std::string> languages;
  /// Audiences the caller may see, as SearchRequest::audiences.
  std::vector<std::string> audiences = {kPublicAudience};
  /// Completions of the last word wanted at most (0..kMaxSuggestions).
  std::size_t completions = 5;
  /// Article titles wanted at most (0..kMaxSuggestions).
  std::size_t titles = 5;
};

/// A completion of the last word typed. Plain data.
struct Completion {
  /// The completed word, as the articles write it, in lower case.
  std::string word;
  /// The whole text with its last word replaced by `word`: what the box shows.
  std::string query;
  /// Visible articles that have the word (what completions are ordered by, most first).
  std::size_t articles = 0;
  friend bool operator==(const Completion&, const Completion&) = default;
};

/// The answer to a SuggestRequest. Plain data.
struct Suggestions {
  /// Completions of the last word, the most frequent in the visible articles first; none when
  /// the text ends with a space or punctuation.
  std::vector<Completion> completions;
  /// Articles whose titles hold words of the text (its last word as typed or completed), best
  /// first, one per article, served as a search serves them; each Hit's title_snippet highlights
  /// the matched words, its body snippet is empty, its score ranks titles only (not comparable
  /// with a search's).
  std::vector<Hit> titles;
  /// The shards left out, as SearchResults::unavailable_shards.
  std::vector<std::string> unavailable_shards;
};

/// The articles related to one article (Searcher::related). Plain data.
struct RelatedArticles {
  /// Best first, served as the request said.
  std::vector<Hit> hits;
  /// The shards left out, as SearchResults::unavailable_shards: the hits are the other shards'.
  std::vector<std::string> unavailable_shards;
  /// As SearchResults::generations_differ.
  bool generations_differ = false;
};

namespace detail {
class SharedDictionaries;
}

/// What SharedResources may load. Plain data.
struct ResourceOptions {
  /// Did-you-mean asks the language's Hunspell dictionary (Debian's hunspell-* packages, for the
  /// languages in Searcher's note) whether a query word no article has is a correctly spelled
  /// word, left as typed, or none, a typo fixed more readily. Each is loaded whole on its
  /// language's first correction: 1.5 MB (Vietnamese) to 9 MB (English, German, Spanish), 35 MB
  /// (Turkish), 60 MB (Greek). false: none is loaded for this, and did-you-mean corrects as
  /// without dictionaries (more suggestions on correct words the articles lack, fewer typos
  /// fixed).
  bool spelling_dictionaries = true;
};

/// What Searchers in one process share instead of each loading its own: the Hunspell
/// dictionaries a Searcher loads for query words its index holds no lemma for (Polish) and for
/// did-you-mean's spelling check (see Searcher). A service running one Searcher per thread passes
/// the same SharedResources to each; copies share one set. A Searcher made without one gets its
/// own.
///
/// Thread-safety: thread-safe. Searchers on different threads may share it: dictionary lookups
/// take a lock, and happen only for words the index never saw.
class SharedResources {
 public:
  /// Empty: dictionaries load on first use, once per index and set of visible audiences.
  SharedResources();
  /// The same, loading only what `options` allows.
  explicit SharedResources(const ResourceOptions& options);

 private:
  friend class Searcher;
  std::shared_ptr<detail::SharedDictionaries> dictionaries_;
};

/// Searches an index.
///
/// Opens the index's partitions lazily, as requests need them, and keeps them open. If a writer
/// commits meanwhile, the searcher reopens and repeats the search, so it always answers from a
/// committed state; under a burst of commits it waits a little between repeats (up to ~13 ms in
/// all) before it gives up with IndexError. Thread-safety: NOT thread-safe (Xapian databases and the analyzer are
/// single-threaded): use one Searcher per thread. Several Searchers, in one or more processes,
/// may read one index while one IndexWriter writes it.
///
/// Memory: a few MB. Query words of a Hunspell language (Polish) are stemmed from the index,
/// which records the lemma of every word it holds. The first word the index never saw (an
/// inflection, a typo) loads the language's dictionary reduced to the index's lemmas, once per
/// SharedResources (a reduced pl_PL of 70,000 lemmas: 0.2 s, +11 MB RSS; the whole one: +33 MB).
/// Its lemmas are those of the index when it loaded: forms of lemmas committed later are stemmed
/// once a new SharedResources is used. Did-you-mean's first correction of an unknown word in a
/// language with a spelling dictionary (ar, de, el, en, es, fr, hi, nb, pl, ro, ru, tr, vi) loads
/// that dictionary whole, once per SharedResources (ResourceOptions::spelling_dictionaries).
class Searcher {
 public:
  /// Opens the index in `dir`. Throws IndexError if there is none, IndexMismatch if it was built
  /// by another schema or analysis version (the message says how to rebuild).
  /// `dir` may also be a cluster file (docs/cluster.md): the shards it names, local directories
  /// or partitions served by xapian-tcpsrv, searched as one index. Then InvalidArgument for a
  /// malformed file (naming its line and field), IndexMismatch for shards built with different
  /// settings or a server serving another partition than the file says, IndexError for a server
  /// that cannot be reached.
  /// `resources`: shared with other Searchers of this process (see SharedResources).
  explicit Searcher(const std::filesystem::path& dir, const SharedResources& resources = SharedResources());
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs `request`. An empty or all-punctuation query gives empty results, not an error.
  /// Throws InvalidArgument for a bad limit or language tag, or a query over kMaxQueryBytes,
  /// kMaxQueryWords or kMaxQueryPhrases (checked before any work), IndexError if reading fails.
  [[nodiscard]] SearchResults search(const SearchRequest& request);

  /// Search-box suggestions for `request.text`: completions of its last word from the words of
  /// the articles the caller may see, analyzed as queries are (every script: one Korean syllable
  /// or one Chinese character is completed too), and the articles whose titles hold its words
  /// (Suggestions::titles). The first call after a commit reads the partitions' title terms into
  /// memory (about 0.24 s and 10 MB at 100k articles). Throws InvalidArgument for a bad language
  /// tag, too many suggestions asked or a text a query could not be, IndexError if reading fails.
  [[nodiscard]] Suggestions suggest(const SuggestRequest& request);

  /// Articles related to article `id`: its own most telling terms (Xapian's relevance-set
  /// expansion over its partition: frequent in it, rare elsewhere) searched as a query, ranked
  /// and served as `request` says (languages with the locale fallback, audiences, filters,
  /// offset, limit, snippets); `request.query` is ignored. The terms come from its translation in
  /// the shopper's most preferred language that has one. Never the article itself or its
  /// translations; only articles the caller may see. Throws InvalidArgument when no article
  /// `id` is visible to the caller (the same whether it exists for another audience or not at
  /// all), or for a bad request as search() does; IndexError if reading fails. Over a cluster
  /// whose failure policy is "partial", says which shards it answered without.
  [[nodiscard]] RelatedArticles related(const std::string& id, const SearchRequest& request);

  /// Languages present in the index (all audiences), sorted.
  [[nodiscard]] std::vector<std::string> languages() const;

  /// Every translation of the article `id` in the partitions of `audiences` (the caller's: a
  /// service passes those of its caller, never all of them), sorted by language; empty when there
  /// is none. Reads the latest commit. Throws IndexError if reading fails.
  [[nodiscard]] std::vector<Article> articles(std::string_view id,
                                              const std::vector<std::string>& audiences = {kPublicAudience});

  /// Makes the next search see the latest commit (searches do this by themselves when needed).
  void reopen();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace faqsearch
