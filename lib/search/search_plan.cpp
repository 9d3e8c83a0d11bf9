#include "search/search_plan.h"

#include <algorithm>
#include <map>

#include "faqsearch/language.h"
#include "search/index_snapshot.h"

namespace faqsearch::detail {

namespace {

std::set<std::string> visible_languages(const IndexSnapshot& snapshot, const std::set<std::string>& audiences) {
  std::set<std::string> held;
  for (const Partition& p : snapshot.partitions()) {
    if (audiences.count(p.audience)) held.insert(p.lang);
  }
  return held;
}

/// The plan's partitions: the visible ones of `languages`, in that order (every visible
/// language, sorted, when it is empty).
SearchPlan plan_of(const SearchRequest& request, IndexSnapshot& snapshot, std::vector<std::string> languages) {
  SearchPlan plan;
  plan.audiences.insert(request.audiences.begin(), request.audiences.end());
  plan.categories = request.categories;
  plan.tags = request.tags;
  for (const std::string& tag : request.hit_languages) plan.hit_languages.push_back(canonical_language_tag(tag));
  if (languages.empty()) {
    const std::set<std::string> all = visible_languages(snapshot, plan.audiences);
    languages.assign(all.begin(), all.end());
  }
  for (const std::string& lang : languages) {
    for (const Partition& p : snapshot.partitions()) {
      if (p.lang != lang || !plan.audiences.count(p.audience)) continue;
      plan.databases.push_back(snapshot.database(p));
      plan.combined.add_database(plan.databases.back());
      plan.partitions.push_back(&p);
    }
  }
  for (const Partition& p : snapshot.partitions()) {
    if (!plan.audiences.count(p.audience)) continue;
    plan.visible.push_back(&p);
    plan.visible_databases.push_back(snapshot.database(p));
  }
  plan.languages = std::move(languages);
  return plan;
}

SearchPlan plan_languages(const SearchRequest& request, PlanContext& context, const std::vector<std::string>& languages,
                          const std::string& identified) {
  if (!identified.empty()) {
    SearchPlan plan = plan_of(request, context.snapshot, {identified});
    plan.identified = true;
    return plan;
  }
  if (languages.empty()) return plan_of(request, context.snapshot, {});
  const std::set<std::string> audiences(request.audiences.begin(), request.audiences.end());
  const std::set<std::string> held = visible_languages(context.snapshot, audiences);
  const std::vector<std::string> available(held.begin(), held.end());
  std::vector<std::string> preferred = context.locales.match(languages, available);
  std::vector<std::string> searched = preferred;
  std::string fallback;
  if (request.fallback) {
    fallback = default_language(context.default_language, context.snapshot, audiences);
    if (std::find(preferred.begin(), preferred.end(), fallback) != preferred.end()) fallback.clear();
    if (!fallback.empty()) searched.push_back(fallback);
  }
  if (searched.empty()) return {};  // the shopper reads none of the visible languages
  SearchPlan plan = plan_of(request, context.snapshot, std::move(searched));
  plan.preferred = std::move(preferred);
  plan.fallback_language = std::move(fallback);
  return plan;
}

}  // namespace

SearchPlan make_plan(const SearchRequest& request, PlanContext& context, const std::vector<std::string>& languages,
                     const std::string& identified) {
  SearchPlan plan = plan_languages(request, context, languages, identified);
  plan.translations = &context.translations;
  plan.signals = &context.signals;
  return plan;
}

SearchPlan widened(const SearchRequest& request, PlanContext& context) {
  SearchPlan plan = plan_of(request, context.snapshot, {});
  plan.translations = &context.translations;
  plan.signals = &context.signals;
  return plan;
}

std::string default_language(const std::string& setting, IndexSnapshot& snapshot, const std::set<std::string>& audiences) {
  std::map<std::string, Xapian::doccount> articles;
  for (const Partition& p : snapshot.partitions()) {
    if (audiences.count(p.audience)) articles[p.lang] += snapshot.database(p).get_doccount();
  }
  if (articles.count(setting)) return setting;
  std::string most;
  Xapian::doccount most_articles = 0;
  for (const auto& [lang, count] : articles) {
    if (most.empty() || count > most_articles) {
      most = lang;
      most_articles = count;
    }
  }
  return most;
}

std::string identified_language(const SearchRequest& request, const IndexSnapshot& snapshot) {
  const std::set<std::string> audiences(request.audiences.begin(), request.audiences.end());
  const std::set<std::string> held = visible_languages(snapshot, audiences);
  if (held.size() < 2) return {};
  const std::vector<std::string> candidates(held.begin(), held.end());
  const LanguageGuess guess = identify_language(request.query, candidates);
  return guess.reliable ? guess.tag : std::string();
}

LanguageVocabulary vocabulary_of(const SearchPlan& plan, const std::string& lang) {
  LanguageVocabulary v;
  for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
    if (plan.partitions[k]->lang != lang) continue;
    v.combined.add_database(plan.databases[k]);
    v.partitions.push_back(plan.databases[k]);
  }
  return v;
}

}  // namespace faqsearch::detail
