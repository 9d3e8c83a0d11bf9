#include "search/translations.h"

#include <algorithm>
#include <optional>

#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/schema.h"

// Header-only libxxhash (Debian libxxhash-dev), as the facet table uses it.
#define XXH_INLINE_ALL
#include <xxhash.h>

namespace faqsearch::detail {

namespace {

/// The docid in `db` of the article with id term `term`, or 0.
Xapian::docid find_article(const Xapian::Database& db, const std::string& term) {
  const Xapian::PostingIterator it = db.postlist_begin(term);
  return it == db.postlist_end(term) ? 0 : *it;
}

}  // namespace

const std::vector<std::string>& TranslationCache::languages(const SearchPlan& plan, const std::string& id) {
  if (scope_ != plan.visible || by_id_.size() >= kMaxArticles) {
    by_id_.clear();
    scope_ = plan.visible;
  }
  auto [entry, fresh] = by_id_.try_emplace(id);
  if (!fresh) return entry->second;
  const std::uint64_t hash = XXH3_64bits(id.data(), id.size());
  for (std::size_t k = 0; k < plan.visible.size(); ++k) {
    const std::string& lang = plan.visible[k]->lang;
    if (std::find(entry->second.begin(), entry->second.end(), lang) != entry->second.end()) continue;
    const std::vector<std::uint64_t>& hashes = id_hashes(plan.visible[k], plan.visible_databases[k]);
    if (std::binary_search(hashes.begin(), hashes.end(), hash)) entry->second.push_back(lang);
  }
  std::sort(entry->second.begin(), entry->second.end());
  return entry->second;
}

const std::vector<std::uint64_t>& TranslationCache::id_hashes(const Partition* partition, const Xapian::Database& db) {
  auto [found, fresh] = id_hashes_.try_emplace(partition);
  IdHashes& ids = found->second;
  // The counts guard against a partition reopened at a newer revision without a clear().
  if (fresh || ids.last_docid != db.get_lastdocid() || ids.documents != db.get_doccount()) {
    ids.last_docid = db.get_lastdocid();
    ids.documents = db.get_doccount();
    ids.sorted.clear();
    ids.sorted.reserve(db.get_doccount());
    for (auto it = db.valuestream_begin(kSlotArticleId); it != db.valuestream_end(kSlotArticleId); ++it) {
      const std::string value = *it;
      ids.sorted.push_back(XXH3_64bits(value.data(), value.size()));
    }
    std::sort(ids.sorted.begin(), ids.sorted.end());
  }
  return ids.sorted;
}

void TranslationCache::clear() {
  by_id_.clear();
  scope_.clear();
  id_hashes_.clear();
}

namespace {

bool has(const std::vector<std::string>& languages, const std::string& lang) {
  return std::binary_search(languages.begin(), languages.end(), lang);
}

}  // namespace

ServedTranslation served_translation(const SearchPlan& plan, Xapian::docid matched, const Xapian::Document& document) {
  if (!plan.serves_by_preference()) return {matched, false};
  const std::string& matched_lang = plan.partition_of(matched).lang;
  // Most matches are in the most preferred language: nothing to read for them.
  std::optional<std::string> id;
  for (const std::string& lang : plan.preferred) {
    if (lang == matched_lang) return {matched, false};
    if (!id) id = document.get_value(kSlotArticleId);
    if (!has(plan.translations->languages(plan, *id), lang)) continue;
    const std::string term = id_term(*id);
    for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
      if (plan.partitions[k]->lang != lang) continue;
      if (const Xapian::docid local = find_article(plan.databases[k], term)) {
        return {combined_docid(local, k, plan.partitions.size()), false};
      }
    }
  }
  return {matched, plan.is_fallback(matched_lang)};
}

const std::string& served_language(const SearchPlan& plan, const std::string& id, const std::string& lang) {
  if (!plan.serves_by_preference()) return lang;
  // Most matches are in the most preferred language: their translations are never looked up.
  const std::vector<std::string>* translations = nullptr;
  for (const std::string& preferred : plan.preferred) {
    if (preferred == lang) return preferred;
    if (translations == nullptr) translations = &plan.translations->languages(plan, id);
    if (has(*translations, preferred)) return preferred;
  }
  return lang;
}

bool served_as_matched(const SearchPlan& plan, const std::string& lang) {
  return plan.preferred.empty() || plan.preferred.front() == lang;
}

std::vector<std::string> other_translations(const SearchPlan& plan, const std::string& id, const std::string& lang) {
  std::vector<std::string> out = plan.translations->languages(plan, id);
  out.erase(std::remove(out.begin(), out.end(), lang), out.end());
  return out;
}

}  // namespace faqsearch::detail
