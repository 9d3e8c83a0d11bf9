// Translations of one article share its id. A search that names the shopper's languages serves
// each article once, in the most preferred language that has a translation of it, whichever
// translation matched; an article none of those languages has is served in the help center's
// default language, marked as a fallback.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <unordered_map>
#include <set>
#include <string>
#include <vector>

#include "search/search_plan.h"

namespace faqsearch::detail {

/// The languages of each article's translations the caller may see, remembered between the
/// searches of one generation: a hit names them, and choosing the translation to serve reads
/// them. Looking them up in every visible partition for every hit cost about a fifth of a search;
/// popular articles are the hits of most searches. Asking each partition's index whether it
/// holds the article read index blocks for every hit, the most of any stage; each partition's
/// article ids are instead read once a generation, as sorted 64-bit hashes (8 bytes an article;
/// an id taken for another's: one chance in 2^64 / articles, as the facet table accepts). Such a
/// collision could name a language the article lacks, never one the caller may not see: serving
/// that translation finds no document and falls back to the one that matched.
/// Not thread-safe: one Searcher's.
class TranslationCache {
 public:
  /// The languages (sorted) of article `id`'s translations among `plan.visible`.
  const std::vector<std::string>& languages(const SearchPlan& plan, const std::string& id);
  /// Forgets everything: a commit may have added or removed translations.
  void clear();

 private:
  /// The XXH3-64 hashes of the article ids in `partition` (database `db`), sorted: read from
  /// its ids' value stream once a generation.
  const std::vector<std::uint64_t>& id_hashes(const Partition* partition, const Xapian::Database& db);

  struct IdHashes {
    // Of the revision read: a document added or deleted since changes one of them.
    Xapian::docid last_docid = 0;
    Xapian::doccount documents = 0;
    std::vector<std::uint64_t> sorted;
  };

  static constexpr std::size_t kMaxArticles = 20000;  // then it starts over
  std::vector<const Partition*> scope_;  // the visible partitions it was filled from
  std::unordered_map<std::string, std::vector<std::string>> by_id_;
  std::unordered_map<const Partition*, IdHashes> id_hashes_;
};

/// Which translation of a matched article a hit shows.
struct ServedTranslation {
  Xapian::docid did = 0;  ///< of the plan's combined database
  bool fallback = false;  ///< in the default language: the shopper's languages have none
};

/// The translation to serve of the article whose translation `matched` (of the plan's combined
/// database, with document `document`) matched the query.
ServedTranslation served_translation(const SearchPlan& plan, Xapian::docid matched, const Xapian::Document& document);

/// The language an article is served in, given that its translation in `lang` matched: the
/// first of the plan's preferred languages that has it, else `lang` (a fallback); `lang` itself
/// when the request named no language. Takes the article's id and language, not a docid: a
/// match decider sees each database's own docids.
const std::string& served_language(const SearchPlan& plan, const std::string& id, const std::string& lang);

/// Whether a translation in `lang` that matched is served in `lang` whatever its article: the
/// request named no language, or `lang` is the most preferred. served_language() then needs no id.
bool served_as_matched(const SearchPlan& plan, const std::string& lang);

/// The languages of the other translations of article `id` the caller may see, sorted.
std::vector<std::string> other_translations(const SearchPlan& plan, const std::string& id, const std::string& lang);

}  // namespace faqsearch::detail
