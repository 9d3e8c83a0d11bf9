#include "search/translations.h"

#include <algorithm>

#include "index/document_builder.h"
#include "index/document_codec.h"
#include "index/schema.h"

namespace faqsearch::detail {

namespace {

/// The docid in `db` of the article with id term `term`, or 0.
Xapian::docid find_article(const Xapian::Database& db, const std::string& term) {
  const Xapian::PostingIterator it = db.postlist_begin(term);
  return it == db.postlist_end(term) ? 0 : *it;
}

}  // namespace

ServedTranslation served_translation(const SearchPlan& plan, Xapian::docid matched, const Xapian::Document& document) {
  if (!plan.serves_by_preference()) return {matched, false};
  const std::string& matched_lang = plan.partition_of(matched).lang;
  const std::string term = id_term(document.get_value(kSlotArticleId));
  for (const std::string& lang : plan.preferred) {
    if (lang == matched_lang) return {matched, false};
    for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
      if (plan.partitions[k]->lang != lang) continue;
      if (const Xapian::docid local = find_article(plan.databases[k], term)) {
        return {combined_docid(local, k, plan.partitions.size()), false};
      }
    }
  }
  return {matched, plan.is_fallback(matched_lang)};
}

const std::string& ServedLanguages::of(const std::string& id, const std::string& lang) {
  if (!plan_.serves_by_preference()) return lang;
  auto found = by_article_.find(id);
  if (found != by_article_.end()) return found->second;
  const std::string term = id_term(id);
  for (const std::string& preferred : plan_.preferred) {
    if (preferred == lang) return by_article_.emplace(id, lang).first->second;
    for (std::size_t k = 0; k < plan_.partitions.size(); ++k) {
      if (plan_.partitions[k]->lang == preferred && plan_.databases[k].term_exists(term)) {
        return by_article_.emplace(id, preferred).first->second;
      }
    }
  }
  return by_article_.emplace(id, lang).first->second;
}

bool ServedLanguageFilter::operator()(const Xapian::Document& document) const {
  const FacetValues values = decode_facet_values(document.get_value(kSlotFacets));
  return languages_.count(served_.of(document.get_value(kSlotArticleId), values.lang)) > 0;
}

std::vector<std::string> other_translations(const SearchPlan& plan, const std::string& id, const std::string& lang) {
  const std::string term = id_term(id);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < plan.visible.size(); ++k) {
    const std::string& other = plan.visible[k]->lang;
    if (other == lang || std::find(out.begin(), out.end(), other) != out.end()) continue;
    if (plan.visible_databases[k].term_exists(term)) out.push_back(other);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace faqsearch::detail
