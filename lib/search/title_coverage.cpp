#include "search/title_coverage.h"

#include <algorithm>

namespace faqsearch::detail {

double title_coverage(std::span<const TitleWord> title, const std::unordered_set<std::string>& query_terms) {
  if (title.empty()) return 0;
  const auto covered = std::count_if(title.begin(), title.end(), [&](const TitleWord& w) {
    return query_terms.count(w.term) > 0 || (!w.variant.empty() && query_terms.count(w.variant) > 0);
  });
  return static_cast<double>(covered) / static_cast<double>(title.size());
}

}  // namespace faqsearch::detail
