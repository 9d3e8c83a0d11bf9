#include <sys/stat.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <thread>

#include "faqsearch/error.h"
#include "faqsearch/language.h"
#include "faqsearch/search.h"
#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "index/document_codec.h"
#include "index/lemma_table.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/xapian_errors.h"
#include "search/index_snapshot.h"
#include "search/pair_rerank.h"
#include "search/query_builder.h"
#include "search/ranking.h"
#include "search/snippet.h"
#include "search/synonym_expansion.h"
#include "search/title_coverage.h"
#include "index/synonyms_file.h"

namespace faqsearch {

namespace fs = std::filesystem;

namespace {

// BM25 with the tuned parameters of search/ranking.h (k2 = 0: no query-length term; k3 = 1).
Xapian::BM25Weight ranking_weight() {
  return Xapian::BM25Weight(detail::kBm25K1, 0, 1, detail::kBm25B, detail::kBm25MinNormalizedLength);
}

constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxOffset = 100000;
constexpr int kMaxReopenRetries = 3;
// A search that loses its commit to a writer (DatabaseModifiedError: two commits while it ran)
// reads the latest one and repeats. A writer committing small batches back to back can win a few
// times in a row on a loaded machine (the Concurrency test's searchers, with a writer committing
// 20 batches back to back, lost 4 times running in about one full test run of 20 on 2 cores), so
// from the second repeat on the search first waits, doubling from 100 µs up to 6.4 ms (12.7 ms in
// all), which lets a burst of commits pass.
constexpr int kMaxModifiedRetries = 8;
constexpr std::size_t kMinExpandedWordsPerLanguage = 4;
constexpr std::chrono::microseconds kFirstModifiedBackoff{100};

Xapian::Query boolean_any(std::string_view prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& v : values) terms.emplace_back(std::string(prefix) + detail::fold_filter_value(v));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

struct Searcher::Impl {
  fs::path dir;
  // `dir` resolved once (symlinks, "..") for naming the index in dictionary scopes: resolving it
  // per search would cost a chain of lstat() calls on the query path.
  std::string canonical_dir;
  detail::Manifest manifest;
  Analyzer analyzer;
  detail::RecordDecompressor decompressor;  // hits' stored bodies (one search at a time)
  std::shared_ptr<detail::SharedDictionaries> dictionaries;  // the analyzer's: SharedResources
  detail::IndexSnapshot snapshot;  // the partitions of one published generation
  detail::SynonymTable synonyms;  // the index's, read again when a commit replaced them
  detail::FileStamp synonyms_seen;  // the synonyms file when they were read

  Impl(fs::path d, std::shared_ptr<detail::SharedDictionaries> shared)
      : dir(std::move(d)),
        manifest(detail::read_manifest(dir)),
        analyzer(manifest.settings.analysis),
        dictionaries(std::move(shared)),
        snapshot((detail::check_compatible(dir, manifest, nullptr), dir), manifest.settings) {
    detail::AnalyzerHooks::share_dictionaries(analyzer, dictionaries.get());
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(dir, ec);
    canonical_dir = (ec ? dir : resolved).string();
    reload_synonyms_if_replaced();
  }

  [[nodiscard]] const std::vector<detail::Partition>& partitions() const { return snapshot.partitions(); }
  Xapian::Database& database(const detail::Partition& p) { return snapshot.database(p); }

  /// One stat() per search, so a search always sees the latest commit.
  void refresh_if_committed() {
    if (snapshot.refresh_if_published()) reload_synonyms_if_replaced();
  }

  /// A writer replaces the synonyms file whole: an unchanged one keeps its analyzed entries
  /// instead of being read and analyzed again after every commit.
  void reload_synonyms_if_replaced() {
    if (!detail::file_changed(dir / detail::kSynonymsFile, synonyms_seen)) return;  // or still none
    synonyms = detail::SynonymTable(synonyms_seen.inode == 0 ? std::vector<SynonymGroup>() : detail::read_synonyms(dir));
  }

  void reopen() {
    snapshot.reload();
    reload_synonyms_if_replaced();
  }

  SearchResults search_once(const SearchRequest& request, const std::vector<std::string>& languages);
  /// `table`: the hit's encoded token-offset table (DocumentData::token_offsets).
  void make_snippets(const Xapian::Database& db, Xapian::docid did, std::string_view table,
                     const Article& article, const std::unordered_set<std::string>& terms,
                     std::size_t snippet_bytes, Hit& hit);
  SearchResults search(const SearchRequest& request);
  /// Before a search is repeated on the latest generation: waits from the second repeat on.
  void wait_before_repeating(int attempt);
  class VisibleLemmas;

  /// The language `request.query` is reliably identified as among the languages of the
  /// partitions the caller may see, or "" (short queries, mixed text, one language only).
  std::string identified_language(const SearchRequest& request) const {
    const std::set<std::string> audiences(request.audiences.begin(), request.audiences.end());
    std::set<std::string> held;
    for (const auto& p : partitions()) {
      if (audiences.count(p.audience)) held.insert(p.lang);
    }
    if (held.size() < 2) return {};
    const std::vector<std::string> candidates(held.begin(), held.end());
    const LanguageGuess guess = identify_language(request.query, candidates);
    return guess.reliable ? guess.tag : std::string();
  }
};

SearchResults Searcher::Impl::search(const SearchRequest& request) {
  detail::check_query_shape(request.query);  // before identification, analysis, any Xapian::Query
  if (request.limit == 0 || request.limit > kMaxLimit) {
    throw InvalidArgument("search: field limit: must be between 1 and " + std::to_string(kMaxLimit) +
                          ", got " + std::to_string(request.limit));
  }
  if (request.offset > kMaxOffset) {
    throw InvalidArgument("search: field offset: must be at most " + std::to_string(kMaxOffset));
  }
  std::vector<std::string> languages;
  for (const auto& tag : request.languages) languages.push_back(canonical_language_tag(tag));
  refresh_if_committed();
  // No language asked for: a query reliably identified as a language the index holds searches
  // that language's partitions only, as if the caller had asked for it (the declared language,
  // when given, always wins). Anything else, or no match there, searches every language.
  const std::string identified = languages.empty() ? identified_language(request) : std::string();
  for (int attempt = 0;; ++attempt) {
    try {
      if (!identified.empty()) {
        SearchResults in_identified = search_once(request, {identified});
        if (in_identified.total_estimate > 0) return in_identified;
      }
      return search_once(request, languages);
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed twice since we opened: read the latest generation and repeat.
      wait_before_repeating(attempt);
    } catch (const detail::SnapshotMoved&) {
      // A partition opened for this search was already at a newer generation than the others.
      wait_before_repeating(attempt);
    } catch (const Xapian::DatabaseError& e) {
      // Corrupt or unopenable while a writer replaced files: a fresh generation tells that from
      // damage, which repeats on it and is reported.
      if (attempt >= kMaxReopenRetries) detail::throw_translated(e, "searching " + dir.string());
      reopen();
    } catch (const Xapian::Error& e) {
      detail::throw_translated(e, "searching " + dir.string());
    }
  }
}

void Searcher::Impl::wait_before_repeating(int attempt) {
  if (attempt >= kMaxModifiedRetries) throw IndexError("search: the index kept changing; retry later");
  if (attempt >= 1) std::this_thread::sleep_for(kFirstModifiedBackoff * (1 << (attempt - 1)));
  reopen();
}

// Title and body snippets from the stored token-offset table and the query terms' positions in
// the document: no analysis (re-analyzing every hit's body cost ~85% of a query).
void Searcher::Impl::make_snippets(const Xapian::Database& db, Xapian::docid did, std::string_view table,
                                   const Article& article, const std::unordered_set<std::string>& terms,
                                   std::size_t snippet_bytes, Hit& hit) {
  if (table.empty()) {
    // The writer could not encode this article's tokens: analyze, as the table would have said.
    hit.title_snippet = detail::make_snippet(article.title, analyzer.analyze(article.title, article.lang), terms, 0);
    hit.snippet = detail::make_snippet(article.body, analyzer.analyze(article.body, article.lang), terms, snippet_bytes);
    return;
  }
  const detail::TokenOffsets offsets = detail::decode_token_offsets(table, article.title.size(), article.body.size());
  std::vector<detail::SnippetMatch> title_matches;
  std::vector<detail::SnippetMatch> body_matches;
  for (const std::string& term : terms) {
    for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term); ++p) {
      if (*p >= offsets.body.first_position) {
        detail::match_position(offsets.body, article.body, term, *p, body_matches);
      } else {
        detail::match_position(offsets.title, article.title, term, *p, title_matches);
      }
    }
  }
  // CJK n-grams have no positions: the table names their terms.
  detail::match_by_term(offsets.title, article.title, terms, title_matches);
  detail::match_by_term(offsets.body, article.body, terms, body_matches);
  hit.title_snippet = detail::make_snippet(article.title, offsets.title, std::move(title_matches), 0);
  hit.snippet = detail::make_snippet(article.body, offsets.body, std::move(body_matches), snippet_bytes);
}

namespace {

// What the query analysis does with a word of a dictionary language (Polish) that no visible
// partition's lemma table has (UnseenWords). Measured with the peer bench at 10k articles (query
// RSS beyond start, two Searchers) and `faqsearch eval` (MRR@10 poquad pl / corpus pl):
//   whole dictionary     99 MB   0.9387 / 0.8802  (the bench's queries have unseen words: typos)
//   reduced dictionary   50 MB   0.9387 / 0.8802  (same terms: every lemma the index has)
//   unchanged            10 MB   0.9285 / 0.8698  (below both relevance floors)
// The reduced dictionary keeps relevance; its size follows the index's Polish vocabulary (the
// bench's synthetic corpus draws on all of pl_PL, a help center on a few thousand lemmas).
constexpr detail::UnseenWords kUnseenWords = detail::UnseenWords::kReducedDictionary;

}  // namespace

/// Lemmas from the lemma tables of the partitions a search may see (index/lemma_table.h).
class Searcher::Impl::VisibleLemmas final : public detail::LemmaTable {
 public:
  VisibleLemmas(Impl& impl, const std::set<std::string>& audiences) : impl_(impl), audiences_(audiences) {
    // Which index and which of its audiences: a reduced dictionary shared through
    // SharedResources serves only searches of the same index that see the same partitions.
    std::set<std::string> visible;  // partition names: never hold '\n'
    for (const auto& p : impl_.partitions()) {
      if (audiences_.count(p.audience)) visible.insert(p.audience);
    }
    scope_ = impl_.canonical_dir + '\n';
    for (const auto& audience : visible) scope_ += audience + '\n';
    detail::AnalyzerHooks::set_lemma_table(impl_.analyzer, this, kUnseenWords);
  }
  ~VisibleLemmas() override {
    detail::AnalyzerHooks::set_lemma_table(impl_.analyzer, nullptr, detail::UnseenWords::kLoadDictionary);
  }
  VisibleLemmas(const VisibleLemmas&) = delete;
  VisibleLemmas& operator=(const VisibleLemmas&) = delete;

  std::optional<std::string> find(std::string_view lang, std::string_view word) override {
    for (const auto& p : impl_.partitions()) {
      if (p.lang != lang || !audiences_.count(p.audience)) continue;
      if (std::optional<std::string> lemma = detail::read_lemma(impl_.database(p), word)) return lemma;
    }
    return std::nullopt;
  }

  std::unordered_set<std::string> lemmas(std::string_view lang) override {
    std::unordered_set<std::string> out;
    for (const auto& p : impl_.partitions()) {
      if (p.lang == lang && audiences_.count(p.audience)) detail::read_all_lemmas(impl_.database(p), out);
    }
    return out;
  }

  [[nodiscard]] std::string scope() const override { return scope_; }

  // Read once per search and language: asked for every word the tables lack.
  std::string version(std::string_view lang) override {
    auto it = versions_.find(lang);
    if (it != versions_.end()) return it->second;
    std::string version;
    for (const auto& p : impl_.partitions()) {
      if (p.lang == lang && audiences_.count(p.audience)) {
        version += p.audience + ':' + detail::lemma_set_version(impl_.database(p)) + '\n';
      }
    }
    return versions_.emplace(std::string(lang), std::move(version)).first->second;
  }

 private:
  Impl& impl_;
  const std::set<std::string>& audiences_;
  std::string scope_;
  std::map<std::string, std::string, std::less<>> versions_;  // by language
};

SearchResults Searcher::Impl::search_once(const SearchRequest& request,
                                          const std::vector<std::string>& requested_languages) {
  SearchResults results;
  // Only partitions the caller may see, in the languages asked for: what is never opened cannot
  // leak through counts, statistics or snippets.
  const std::set<std::string> audiences(request.audiences.begin(), request.audiences.end());
  const VisibleLemmas lemmas(*this, audiences);
  const std::set<std::string> wanted(requested_languages.begin(), requested_languages.end());
  Xapian::Database combined;
  std::set<std::string> languages;
  std::vector<const detail::Partition*> searched;  // in the order `combined` holds them
  for (const auto& p : partitions()) {
    if (!audiences.count(p.audience)) continue;
    if (!wanted.empty() && !wanted.count(p.lang)) continue;
    combined.add_database(database(p));
    languages.insert(p.lang);
    searched.push_back(&p);
  }
  if (languages.empty()) return results;

  // The query, analyzed per language; each language's terms only match that language's articles.
  std::map<std::string, std::unordered_set<std::string>> terms_of_language;
  std::vector<Xapian::Query> per_language;
  std::vector<detail::LanguagePairs> pairs_of_language;
  std::vector<int> language_of_database(searched.size(), -1);
  // Without typo tolerance, completion or compounds the vocabulary is never read: skip assembling
  // it.
  const bool expands = request.typo_tolerance || request.prefix_last_word;
  for (const auto& lang : languages) {
    const detail::LanguageRow& row = detail::find_language_row(lang);
    const bool reads_vocabulary = expands || row.joined_compounds || row.split_compounds;
    // Corrections, completions and compounds come from this language's visible partitions only.
    Xapian::Database vocabulary;
    std::vector<Xapian::Database> vocabulary_partitions;
    for (const auto& p : partitions()) {
      if (reads_vocabulary && p.lang == lang && audiences.count(p.audience)) {
        vocabulary.add_database(database(p));
        vocabulary_partitions.push_back(database(p));
      }
    }
    detail::QueryExpansion expansion;
    if (reads_vocabulary) {
      expansion.vocabulary = &vocabulary;
      expansion.partitions = &vocabulary_partitions;
    }
    expansion.typos = request.typo_tolerance;
    expansion.prefix_last_word = request.prefix_last_word;
    // A query searched in many languages (none asked for, none identified) shares one budget of
    // unknown words among them, with a few per language: a short query is expanded in full in
    // every language, a hostile one of 128 unknown words costs a few scans per language.
    expansion.max_expanded_words =
        std::max(kMinExpandedWordsPerLanguage, detail::ExpansionLimits{}.max_expanded_words / languages.size());
    expansion.synonyms = synonyms.for_language(analyzer, lang);
    detail::TextQuery q = detail::build_text_query(analyzer, request.query, lang, expansion);
    if (q.query.empty()) continue;
    if (languages.size() > 1) {
      q.query = Xapian::Query(Xapian::Query::OP_FILTER, q.query,
                              Xapian::Query(std::string(detail::kPrefixLanguage) + lang));
    }
    per_language.push_back(std::move(q.query));
    terms_of_language[lang] = std::move(q.terms);
    if (!q.pairs.empty()) {
      detail::LanguagePairs language{std::move(q.pairs), {}};
      for (std::size_t k = 0; k < searched.size(); ++k) {
        if (searched[k]->lang != lang) continue;
        language.partitions.push_back(database(*searched[k]));
        language_of_database[k] = static_cast<int>(pairs_of_language.size());
      }
      pairs_of_language.push_back(std::move(language));
    }
  }
  if (per_language.empty()) return results;
  Xapian::Query query(Xapian::Query::OP_OR, per_language.begin(), per_language.end());
  if (!request.categories.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, boolean_any(detail::kPrefixCategory, request.categories));
  }
  if (!request.tags.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, boolean_any(detail::kPrefixTag, request.tags));
  }

  Xapian::Enquire enquire(combined);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking_weight());
  const auto offset = static_cast<Xapian::doccount>(request.offset);
  const auto limit = static_cast<Xapian::doccount>(request.limit);
  // The query's terms for each database's articles (title coverage compares titles with them).
  std::vector<const std::unordered_set<std::string>*> terms_of_database;
  for (const detail::Partition* p : searched) {
    const auto found = terms_of_language.find(p->lang);
    terms_of_database.push_back(found == terms_of_language.end() ? nullptr : &found->second);
  }
  // The page, ranked in three steps, each over a window that does not move with the offset (so
  // the pages of one size cut one order: no article shows twice or is skipped): the words' query;
  // its top kPairRerankWindow (or the page size, if larger) reordered by words and word pairs
  // together; the top kTitleRerankWindow of that, whatever the page size, reordered by title
  // coverage.
  struct Ranked {
    Xapian::docid did;
    double weight;
    Xapian::Document document;
    std::string stored;  // the stored article (kSlotArticle), once read
  };
  const detail::PairScorer pair_scorer(combined, std::move(pairs_of_language), std::move(language_of_database),
                                       manifest.settings.title_boost);
  // Without pairs to score, only the title window and the page are fetched: a deeper MSet costs
  // the matcher (fetching 20 for one-word queries: p50 111 → 119 µs at 20k generated articles).
  const Xapian::doccount pair_window = pair_scorer.active() ? std::max(limit, detail::kPairRerankWindow) : 0;
  const Xapian::doccount fetched = std::max({pair_window, detail::kTitleRerankWindow, offset + limit});
  // A page below both windows is in the words' order (a rerank only raises scores, so the windows'
  // articles stay above it): only the page is fetched, and nothing is reranked.
  const Xapian::doccount first = offset >= std::max(pair_window, detail::kTitleRerankWindow) ? offset : 0;
  const Xapian::MSet mset = enquire.get_mset(first, fetched - first, fetched + 1);
  results.total_estimate = mset.get_matches_estimated();
  std::vector<Ranked> ranked;
  ranked.reserve(mset.size());
  // A page's worth of best scores so far. Articles come in falling word scores: once the most
  // pairs could add leaves one at or below the page's last score, no later one can reach the
  // top `limit`, and their positions are never read: they keep their words' scores. What is
  // scored depends on the page size, never on the offset.
  std::priority_queue<double, std::vector<double>, std::greater<>> best;
  bool scoring = pair_scorer.active() && first == 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const double words = it.get_weight();
    scoring = scoring && ranked.size() < pair_window &&
              (best.size() < limit || best.empty() || words + pair_scorer.bound() > best.top());
    const double score = scoring ? words + pair_scorer.score(*it) : words;
    ranked.push_back({*it, score, it.get_document(), {}});
    if (!scoring) continue;
    best.push(score);
    if (best.size() > limit) best.pop();
  }
  // Stable: equal scores keep Xapian's order.
  const auto by_weight = [](const Ranked& a, const Ranked& b) { return a.weight > b.weight; };
  const auto window_end = [&](Xapian::doccount window) {
    return ranked.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(window, ranked.size()));
  };
  std::stable_sort(ranked.begin(), window_end(first == 0 ? pair_window : 0), by_weight);
  // Title coverage only raises a score, so the window's articles stay above the rest. A first
  // page reads the stored articles of its window anyway (it shows them): no extra reads.
  const auto title_window_end = window_end(first == 0 ? detail::kTitleRerankWindow : 0);
  for (auto entry = ranked.begin(); entry != title_window_end; ++entry) {
    const auto* query_terms = terms_of_database[(entry->did - 1) % terms_of_database.size()];
    if (query_terms == nullptr) continue;
    entry->stored = entry->document.get_value(detail::kSlotArticle);
    entry->weight *= detail::title_coverage_boost(
        detail::title_coverage(detail::decode_stored_title_words(entry->stored), *query_terms));
  }
  std::stable_sort(ranked.begin(), title_window_end, by_weight);
  std::vector<Ranked> page;
  const std::size_t page_begin = offset - first;
  for (std::size_t i = page_begin; i < ranked.size() && i < page_begin + limit; ++i) {
    page.push_back(std::move(ranked[i]));
  }
  results.hits.reserve(page.size());
  std::size_t rank = request.offset;
  for (Ranked& entry : page) {
    const Xapian::Document& document = entry.document;
    // One read: the record, uncompressed, and the body and token offsets, decompressed only for
    // snippets.
    const std::string stored = entry.stored.empty() ? document.get_value(detail::kSlotArticle) : std::move(entry.stored);
    Article article = detail::decode_stored_header(stored);
    Hit hit;
    hit.score = entry.weight;
    hit.rank = rank++;
    if (request.snippets) {
      detail::DocumentData data = detail::decode_stored_body(stored, decompressor);
      article.body = std::move(data.body);
      make_snippets(combined, entry.did, data.token_offsets, article, terms_of_language[article.lang],
                    request.snippet_bytes, hit);
    }
    hit.id = std::move(article.id);
    hit.lang = std::move(article.lang);
    if (!request.snippets) hit.title_snippet.text = article.title;  // no analysis when not asked
    hit.title = std::move(article.title);
    hit.url = std::move(article.url);
    hit.category = std::move(article.category);
    hit.tags = std::move(article.tags);
    hit.audience = std::move(article.audience);
    hit.updated_at = std::move(article.updated_at);
    results.hits.push_back(std::move(hit));
  }
  return results;
}

SharedResources::SharedResources() : dictionaries_(std::make_shared<detail::SharedDictionaries>()) {}

Searcher::Searcher(const fs::path& dir, const SharedResources& resources)
    : impl_(std::make_unique<Impl>(dir, resources.dictionaries_)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) { return impl_->search(request); }

std::vector<std::string> Searcher::languages() const {
  std::set<std::string> langs;
  for (const auto& p : impl_->partitions()) langs.insert(p.lang);
  return {langs.begin(), langs.end()};
}

void Searcher::reopen() { impl_->reopen(); }

}  // namespace faqsearch
