#include "search/search_plan.h"

#include "faqsearch/language.h"
#include "search/index_snapshot.h"

namespace faqsearch::detail {

namespace {

SearchPlan plan_languages(const SearchRequest& request, IndexSnapshot& snapshot, const std::set<std::string>& wanted) {
  SearchPlan plan;
  plan.audiences.insert(request.audiences.begin(), request.audiences.end());
  plan.categories = request.categories;
  plan.tags = request.tags;
  std::set<std::string> languages;
  for (const Partition& p : snapshot.partitions()) {
    if (!plan.audiences.count(p.audience)) continue;
    if (!wanted.empty() && !wanted.count(p.lang)) continue;
    plan.databases.push_back(snapshot.database(p));
    plan.combined.add_database(plan.databases.back());
    plan.partitions.push_back(&p);
    languages.insert(p.lang);
  }
  plan.languages.assign(languages.begin(), languages.end());
  return plan;
}

}  // namespace

SearchPlan make_plan(const SearchRequest& request, IndexSnapshot& snapshot, const std::vector<std::string>& languages,
                     const std::string& identified) {
  if (!identified.empty()) {
    SearchPlan plan = plan_languages(request, snapshot, {identified});
    plan.identified = true;
    return plan;
  }
  return plan_languages(request, snapshot, std::set<std::string>(languages.begin(), languages.end()));
}

SearchPlan widened(const SearchPlan& /*plan*/, const SearchRequest& request, IndexSnapshot& snapshot) {
  return plan_languages(request, snapshot, {});
}

std::string identified_language(const SearchRequest& request, const IndexSnapshot& snapshot) {
  const std::set<std::string> audiences(request.audiences.begin(), request.audiences.end());
  std::set<std::string> held;
  for (const Partition& p : snapshot.partitions()) {
    if (audiences.count(p.audience)) held.insert(p.lang);
  }
  if (held.size() < 2) return {};
  const std::vector<std::string> candidates(held.begin(), held.end());
  const LanguageGuess guess = identify_language(request.query, candidates);
  return guess.reliable ? guess.tag : std::string();
}

}  // namespace faqsearch::detail
