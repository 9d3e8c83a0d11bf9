// The first stage of a search: its plan. Which partitions it reads (only those of the audiences
// the caller may see, in the languages chosen), in which order of preference, with which
// filters. The stages after it read the plan and nothing else of the index: query_stage builds
// the query per language, rank_stage ranks, hit_assembly turns the page into hits. What the plan
// does not name is never opened, so it cannot leak through counts, statistics or snippets.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "faqsearch/search.h"
#include "index/manifest.h"
#include "search/locale_match.h"

namespace faqsearch::detail {

class IndexSnapshot;
class SignalTable;
class TranslationCache;

/// Which of the `n` databases of a combined Xapian::Database holds its document `did`: Xapian
/// interleaves their docids.
constexpr std::size_t database_of(Xapian::docid did, std::size_t n) { return (did - 1) % n; }

/// The docid in a combined Xapian::Database of `n` of document `local` of its database `k`.
constexpr Xapian::docid combined_docid(Xapian::docid local, std::size_t k, std::size_t n) {
  return static_cast<Xapian::docid>((local - 1) * n + k + 1);
}

/// The docid in its own database of document `did` of a combined Xapian::Database of `n`.
constexpr Xapian::docid local_docid(Xapian::docid did, std::size_t n) {
  return static_cast<Xapian::docid>((did - 1) / n + 1);
}

/// A search's partitions and languages. Plain data over the snapshot's databases: valid while
/// the snapshot stays at its generation (one attempt of one search).
struct SearchPlan {
  std::set<std::string> audiences;
  /// The partitions' languages searched: `preferred`, then `fallback_language` if any; every
  /// visible language (sorted) when the request named none.
  std::vector<std::string> languages;
  /// The index's languages the shopper reads (SearchRequest::languages matched by locale), most
  /// preferred first; empty when the request named none.
  std::vector<std::string> preferred;
  /// The help center's default language, searched for the articles `preferred` has no
  /// translation of (served marked as fallbacks); "" when there is none to search.
  std::string fallback_language;
  /// Only the identified language is searched, and the plan widens to every visible language if
  /// the query matches nothing there (SearchRequest::languages).
  bool identified = false;
  /// The partitions searched, in the order `combined` holds them (database_of()).
  std::vector<const Partition*> partitions;
  /// Each partition's database, as `partitions`.
  std::vector<Xapian::Database> databases;
  /// Every database of `databases`, combined.
  Xapian::Database combined;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  /// Only articles served in these languages (SearchRequest::hit_languages, canonical).
  std::vector<std::string> hit_languages;
  /// Every partition the caller may see, of any language, and its database: where an article's
  /// other translations are looked up.
  std::vector<const Partition*> visible;
  std::vector<Xapian::Database> visible_databases;
  /// Where the languages of articles' translations are remembered (the Searcher's).
  TranslationCache* translations = nullptr;
  /// Where the partitions' ranking signals are kept (the Searcher's).
  SignalTable* signals = nullptr;

  /// The partition holding document `did` of `combined`.
  [[nodiscard]] const Partition& partition_of(Xapian::docid did) const {
    return *partitions[database_of(did, partitions.size())];
  }
  [[nodiscard]] bool empty() const { return partitions.empty(); }
  /// Whether a hit in `lang` is served as a fallback: the shopper named languages and does not
  /// read `lang`, the default language.
  [[nodiscard]] bool is_fallback(const std::string& lang) const {
    return !fallback_language.empty() && lang == fallback_language;
  }
  /// Whether hits are served in the shopper's languages (or as fallbacks): the request named
  /// languages.
  [[nodiscard]] bool serves_by_preference() const { return !preferred.empty() || !fallback_language.empty(); }
};

/// The partitions of one language of a plan: where that language's expansions and corrections
/// come from.
struct LanguageVocabulary {
  Xapian::Database combined;
  std::vector<Xapian::Database> partitions;
};

/// The vocabulary of `lang` in `plan` (empty when the plan has no partition of it).
LanguageVocabulary vocabulary_of(const SearchPlan& plan, const std::string& lang);

/// What make_plan needs besides the request: the Searcher's locale matching and the index's
/// default language setting ("" when unset).
struct PlanContext {
  IndexSnapshot& snapshot;
  LocaleMatching& locales;
  TranslationCache& translations;
  SignalTable& signals;
  std::string default_language;
};

/// The plan for `request`: the visible partitions of the languages the shopper reads
/// (`languages`, canonical tags, matched by locale to the index's) and of the help center's
/// default language as a fallback (SearchRequest::fallback); of `identified` alone when it is
/// not empty (the languages named none); of every visible language otherwise. Opens the
/// partitions it plans to search.
SearchPlan make_plan(const SearchRequest& request, PlanContext& context, const std::vector<std::string>& languages,
                     const std::string& identified);

/// The plan of an identified language widened to every visible language.
SearchPlan widened(const SearchRequest& request, PlanContext& context);

/// The help center's default language among the languages the caller may see: `setting` when
/// the index has it, else the language with the most visible articles (the first of a tie), or
/// "" when nothing is visible.
std::string default_language(const std::string& setting, IndexSnapshot& snapshot, const std::set<std::string>& audiences);

/// The language the query is reliably identified as among the languages of the partitions the
/// caller may see, or "" (short queries, mixed text, one language only).
std::string identified_language(const SearchRequest& request, const IndexSnapshot& snapshot);

}  // namespace faqsearch::detail
