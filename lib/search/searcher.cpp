// Searcher: a search is a sequence of stages, each in its own file: plan (search_plan.h: which
// partitions and languages) → query (query_stage.h) → rank (rank_stage.h) → hits
// (hit_assembly.h). This file holds what surrounds them: the request's checks, the snapshot of
// the index the stages read, and the repeat when a writer moved the index on mid-search.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "faqsearch/error.h"
#include "faqsearch/language.h"
#include "faqsearch/search.h"
#include "analysis/lemma_hooks.h"
#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/manifest.h"
#include "index/schema.h"
#include "index/synonyms_file.h"
#include "index/xapian_errors.h"
#include "search/diagnosis.h"
#include "search/did_you_mean.h"
#include "search/facet_table.h"
#include "search/signal_table.h"
#include "search/facets.h"
#include "search/hit_assembly.h"
#include "search/index_snapshot.h"
#include "search/locale_match.h"
#include "search/query_limits.h"
#include "search/query_stage.h"
#include "search/rank_stage.h"
#include "search/related.h"
#include "search/search_plan.h"
#include "search/suggest.h"
#include "search/title_suggest.h"
#include "search/synonym_expansion.h"
#include "search/translations.h"
#include "search/visible_lemmas.h"

namespace faqsearch {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxOffset = 100000;
constexpr int kMaxReopenRetries = 3;
// A search that loses its commit to a writer (DatabaseModifiedError: two commits while it ran)
// reads the latest one and repeats. A writer committing small batches back to back can win a few
// times in a row on a loaded machine, so from the second repeat on the search first waits,
// doubling from 100 µs up to 6.4 ms (12.7 ms in all), which lets a burst of commits pass.
constexpr int kMaxModifiedRetries = 8;
constexpr std::chrono::microseconds kFirstModifiedBackoff{100};
// A search that finds a cluster's shards at different cluster generations reads them again this
// many times (the same backoff) before it answers flagged: shards on one machine commit a batch
// within milliseconds of each other; across machines the gap can be longer than a search waits.
constexpr int kClusterGenerationRepeats = 2;

void check_request(const SearchRequest& request) {
  detail::check_query_shape(request.query);
  if (request.limit == 0 || request.limit > kMaxLimit) {
    throw InvalidArgument("search: field limit: must be between 1 and " + std::to_string(kMaxLimit) + ", got " +
                          std::to_string(request.limit));
  }
  if (request.offset > kMaxOffset) {
    throw InvalidArgument("search: field offset: must be at most " + std::to_string(kMaxOffset));
  }
}

}  // namespace

struct Searcher::Impl {
  fs::path dir;  // the index directory or cluster file
  // `dir` resolved once (symlinks, "..") for naming the index in dictionary scopes: resolving it
  // per search would cost a chain of lstat() calls on the query path.
  std::string canonical_dir;
  detail::IndexSnapshot snapshot;  // every shard's partitions, each at one published generation
  detail::Manifest manifest;  // the snapshot's; its default language read again after commits
  Analyzer analyzer;
  detail::RecordDecompressor decompressor;  // hits' stored bodies (one search at a time)
  std::shared_ptr<detail::SharedDictionaries> dictionaries;  // the analyzer's: SharedResources
  std::string synonyms_text;  // what `synonyms` was analyzed from
  detail::SynonymTable synonyms;  // the index's, analyzed again when a commit replaced them
  detail::LocaleMatching locales;
  detail::TranslationCache translations;  // of the snapshot's generation
  detail::FacetTable facet_table;  // of the snapshot's generation
  detail::SignalTable signals;  // of the snapshot's generation
  detail::SuggestCache suggestions;  // of the snapshot's generation
  detail::TitleTable titles;  // of the snapshot's generation

  Impl(fs::path d, std::shared_ptr<detail::SharedDictionaries> shared)
      : dir(std::move(d)),
        snapshot(dir),
        manifest(snapshot.manifest()),
        analyzer(manifest.settings.analysis),
        dictionaries(std::move(shared)) {
    detail::AnalyzerHooks::share_dictionaries(analyzer, dictionaries.get());
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(dir, ec);
    canonical_dir = (ec ? dir : resolved).string();
    reload_synonyms_if_replaced();
  }

  /// One stat() per search of a local index (a round trip per partition opened of a remote
  /// one), so a search always sees the latest commit.
  void refresh_if_committed() {
    if (snapshot.refresh_if_published()) reload_after_commit();
  }

  /// What a commit may have replaced besides the partitions: the synonyms, the default language.
  void reload_after_commit() {
    translations.clear();
    facet_table.clear();
    signals.clear();
    suggestions.clear();
    titles.clear();
    reload_synonyms_if_replaced();
    manifest.settings.default_language = snapshot.manifest().settings.default_language;
  }

  /// A writer replaces the synonyms whole: unchanged ones keep their analyzed entries instead of
  /// being analyzed again after every commit.
  void reload_synonyms_if_replaced() {
    if (snapshot.synonyms_text() == synonyms_text && !synonyms_text.empty()) return;
    synonyms_text = snapshot.synonyms_text();
    synonyms = detail::SynonymTable(detail::parse_index_synonyms(synonyms_text, dir));
  }

  void reopen() {
    snapshot.reload();
    reload_after_commit();
  }

  SearchResults search(const SearchRequest& request);
  Suggestions suggest(const SuggestRequest& request);
  RelatedArticles related(const std::string& id, const SearchRequest& request);
  /// Sets what `results` say of the cluster's shards; throws SnapshotMoved to read them again
  /// while they are at different cluster generations, at most kClusterGenerationRepeats times
  /// per search (`looks_across_shards` counts them).
  template <typename Results>
  void report_shards(Results& results, int& looks_across_shards);
  /// `once()` on the snapshot's generation, repeated on the latest one when a writer moved the
  /// index on meanwhile; Xapian's errors translated.
  template <typename Once>
  auto repeating(Once&& once) -> decltype(once());
  /// One attempt at `request` on the snapshot's generation: the stages, in order.
  SearchResults search_once(const SearchRequest& request, const std::vector<std::string>& languages,
                            const std::string& identified);
  /// Before a search is repeated on the latest generation: waits from the second repeat on.
  void wait_before_repeating(int attempt);
};

SearchResults Searcher::Impl::search(const SearchRequest& request) {
  check_request(request);  // before identification, analysis, any Xapian::Query
  std::vector<std::string> languages;
  for (const auto& [field, tags] : {std::pair{"languages", &request.languages}, std::pair{"hit_languages", &request.hit_languages}}) {
    for (const auto& tag : *tags) {
      try {
        const std::string known = known_language_tag(tag);
        if (tags == &request.languages) languages.push_back(known);
      } catch (const InvalidArgument& e) {
        throw InvalidArgument(std::string("search: field ") + field + ": " + e.what());
      }
    }
  }
  refresh_if_committed();
  int looks_across_shards = 0;
  return repeating([&] {
    // No language asked for: a query reliably identified as a language the index holds searches
    // that language's partitions only, as if the caller had asked for it (the declared language,
    // when given, always wins). Anything else, or no match there, searches every language.
    const std::string identified = languages.empty() ? detail::identified_language(request, snapshot) : std::string();
    SearchResults results = search_once(request, languages, identified);
    report_shards(results, looks_across_shards);
    return results;
  });
}

template <typename Results>
void Searcher::Impl::report_shards(Results& results, int& looks_across_shards) {
  results.unavailable_shards = snapshot.unavailable_shards();
  // Shards commit one cluster-wide batch one after the other: a search between their commits
  // reads them again, briefly, and then answers with what it has, saying so.
  results.generations_differ = !snapshot.cluster_generations_agree();
  if (results.generations_differ && ++looks_across_shards <= kClusterGenerationRepeats) throw detail::SnapshotMoved{};
}

template <typename Once>
auto Searcher::Impl::repeating(Once&& once) -> decltype(once()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return once();
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed twice since we opened: read the latest generation and repeat.
      wait_before_repeating(attempt);
    } catch (const detail::SnapshotMoved&) {
      // A partition opened for this search was already at a newer generation than the others.
      wait_before_repeating(attempt);
    } catch (const detail::ShardUnreachable& failure) {
      // A remote partition's server went away or timed out: the cluster's failure policy
      // (docs/cluster.md) fails the search naming it, or repeats it without its shard.
      snapshot.shard_failed(failure, "searching " + dir.string());
      reload_after_commit();
    } catch (const Xapian::NetworkError& e) {
      snapshot.shard_failed(e, "searching " + dir.string());
      reload_after_commit();
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

Suggestions Searcher::Impl::suggest(const SuggestRequest& request) {
  for (const auto& [field, wanted] : {std::pair{"completions", request.completions}, std::pair{"titles", request.titles}}) {
    if (wanted > kMaxSuggestions) {
      throw InvalidArgument(std::string("suggest: field ") + field + ": must be at most " + std::to_string(kMaxSuggestions));
    }
  }
  SearchRequest as_query;  // what plans the suggestion: its languages, audiences, fallback
  as_query.query = request.text;
  as_query.languages = request.languages;
  as_query.audiences = request.audiences;
  as_query.snippets = false;  // the titles' highlights are made apart
  check_request(as_query);
  std::vector<std::string> languages;
  for (const auto& tag : request.languages) {
    try {
      languages.push_back(known_language_tag(tag));
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(std::string("suggest: field languages: ") + e.what());
    }
  }
  refresh_if_committed();
  Suggestions out = repeating([&] {
    Suggestions answer;
    detail::PlanContext context{snapshot, locales, translations, signals, manifest.settings.default_language};
    const detail::SearchPlan plan = detail::make_plan(as_query, context, languages, "");
    if (plan.empty()) return answer;
    const detail::VisibleLemmas lemmas(analyzer, snapshot, canonical_dir, plan.audiences);
    answer.completions = detail::complete_last_word(analyzer, plan, request.text, request.completions, decompressor,
                                                    suggestions);
    if (request.titles == 0) return answer;
    detail::TitleMatches matches =
        detail::match_titles(analyzer, synonyms, plan, titles, request.text, answer.completions, request.titles);
    answer.titles = detail::assemble_hits(matches.ranking, plan, {}, as_query, analyzer, decompressor);
    detail::highlight_titles(analyzer, matches, answer.titles);
    return answer;
  });
  out.unavailable_shards = snapshot.unavailable_shards();
  return out;
}

RelatedArticles Searcher::Impl::related(const std::string& id, const SearchRequest& request) {
  check_request(request);
  std::vector<std::string> languages;
  for (const auto& tag : request.languages) {
    try {
      languages.push_back(known_language_tag(tag));
    } catch (const InvalidArgument& e) {
      throw InvalidArgument(std::string("related: field languages: ") + e.what());
    }
  }
  refresh_if_committed();
  int looks_across_shards = 0;
  return repeating([&] {
    detail::PlanContext context{snapshot, locales, translations, signals, manifest.settings.default_language};
    const detail::SearchPlan plan = detail::make_plan(request, context, languages, "");
    RelatedArticles out;
    std::optional<detail::PlanQuery> query;
    if (!plan.empty()) {
      query = detail::related_query(analyzer, synonyms, plan, id, request, decompressor);
      if (!query) throw InvalidArgument("related: no article \"" + id + "\" the caller may see");
    }
    if (query && !query->query.empty()) {
      detail::Ranking ranking = detail::rank(plan, *query, request, manifest.settings.title_boost);
      out.hits = detail::assemble_hits(ranking, plan, *query, request, analyzer, decompressor);
    }
    report_shards(out, looks_across_shards);
    return out;
  });
}

void Searcher::Impl::wait_before_repeating(int attempt) {
  if (attempt >= kMaxModifiedRetries) throw IndexError("search: the index kept changing; retry later");
  if (attempt >= 1) std::this_thread::sleep_for(kFirstModifiedBackoff * (1 << (attempt - 1)));
  reopen();
}

SearchResults Searcher::Impl::search_once(const SearchRequest& request, const std::vector<std::string>& languages,
                                          const std::string& identified) {
  detail::PlanContext context{snapshot, locales, translations, signals, manifest.settings.default_language};
  detail::SearchPlan plan = detail::make_plan(request, context, languages, identified);
  SearchResults results;
  if (plan.empty()) return results;
  const detail::VisibleLemmas lemmas(analyzer, snapshot, canonical_dir, plan.audiences);
  detail::PlanQuery query = detail::build_plan_query(analyzer, synonyms, request, plan);
  if (plan.identified && !detail::matches_any(plan, query.query)) {
    plan = detail::widened(request, context);
    query = detail::build_plan_query(analyzer, synonyms, request, plan);
  }
  results.languages = plan.languages;
  if (request.corrections) results.did_you_mean = detail::correct_query(analyzer, plan, query, request, decompressor);
  if (!query.query.empty()) {
    detail::Ranking ranking = detail::rank(plan, query, request, manifest.settings.title_boost);
    results.total = ranking.total;
    if (request.facets) results.facets = detail::count_facets(plan, query, facet_table);
    results.hits = detail::assemble_hits(ranking, plan, query, request, analyzer, decompressor);
  }
  if (request.diagnose) {
    const bool served_preferred =
        std::any_of(results.hits.begin(), results.hits.end(), [](const Hit& hit) { return !hit.fallback; });
    results.diagnosis = detail::diagnose(
        {analyzer, synonyms, context, request, results.total, results.did_you_mean, served_preferred}, plan, query);
  }
  return results;
}

SharedResources::SharedResources() : SharedResources(ResourceOptions()) {}
SharedResources::SharedResources(const ResourceOptions& options)
    : dictionaries_(std::make_shared<detail::SharedDictionaries>(options.spelling_dictionaries)) {}

Searcher::Searcher(const fs::path& dir, const SharedResources& resources)
    : impl_(std::make_unique<Impl>(dir, resources.dictionaries_)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResults Searcher::search(const SearchRequest& request) { return impl_->search(request); }

Suggestions Searcher::suggest(const SuggestRequest& request) { return impl_->suggest(request); }

RelatedArticles Searcher::related(const std::string& id, const SearchRequest& request) {
  return impl_->related(id, request);
}

std::vector<std::string> Searcher::languages() const {
  std::set<std::string> langs;
  for (const auto& p : impl_->snapshot.partitions()) langs.insert(p.lang);
  return {langs.begin(), langs.end()};
}

std::vector<Article> Searcher::articles(std::string_view id, const std::vector<std::string>& audiences) {
  impl_->refresh_if_committed();
  const std::string term = detail::id_term(id);
  for (int attempt = 0;; ++attempt) {
    try {
      std::vector<Article> found;
      for (const detail::Partition& p : impl_->snapshot.partitions()) {
        if (std::find(audiences.begin(), audiences.end(), p.audience) == audiences.end()) continue;
        Xapian::Database& db = impl_->snapshot.database(p);
        const Xapian::PostingIterator it = db.postlist_begin(term);
        if (it == db.postlist_end(term)) continue;
        const std::string stored = db.get_document(*it).get_value(detail::kSlotArticle);
        Article article = detail::decode_stored_header(stored);
        article.body = detail::decode_stored_body(stored, impl_->decompressor).body;
        found.push_back(std::move(article));
      }
      std::sort(found.begin(), found.end(), [](const Article& a, const Article& b) { return a.lang < b.lang; });
      return found;
    } catch (const Xapian::DatabaseModifiedError&) {
      impl_->wait_before_repeating(attempt);
    } catch (const detail::SnapshotMoved&) {
      impl_->wait_before_repeating(attempt);
    } catch (const detail::ShardUnreachable& failure) {
      impl_->snapshot.shard_failed(failure, "reading article " + std::string(id) + " in " + impl_->dir.string());
      impl_->reload_after_commit();
    } catch (const Xapian::NetworkError& e) {
      impl_->snapshot.shard_failed(e, "reading article " + std::string(id) + " in " + impl_->dir.string());
      impl_->reload_after_commit();
    } catch (const Xapian::Error& e) {
      detail::throw_translated(e, "reading article " + std::string(id) + " in " + impl_->dir.string());
    }
  }
}

void Searcher::reopen() { impl_->reopen(); }

}  // namespace faqsearch
