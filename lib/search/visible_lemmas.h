// The lemma table a search's analysis reads (index/lemma_table.h): the lemmas of the partitions
// the caller may see, never of another audience's.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include "analysis/lemma_hooks.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

class IndexSnapshot;

/// Lemmas from the lemma tables of the visible partitions, set on the analyzer for the lifetime
/// of the object (one search). Not thread-safe: one search's.
class VisibleLemmas final : public LemmaTable {
 public:
  /// `index_name`: the index's canonical path, naming it in dictionary scopes.
  VisibleLemmas(Analyzer& analyzer, IndexSnapshot& snapshot, const std::string& index_name,
                const std::set<std::string>& audiences);
  ~VisibleLemmas() override;
  VisibleLemmas(const VisibleLemmas&) = delete;
  VisibleLemmas& operator=(const VisibleLemmas&) = delete;

  std::optional<std::string> find(std::string_view lang, std::string_view word) override;
  std::unordered_set<std::string> lemmas(std::string_view lang) override;
  [[nodiscard]] std::string scope() const override { return scope_; }
  std::string version(std::string_view lang) override;

 private:
  Analyzer& analyzer_;
  IndexSnapshot& snapshot_;
  const std::set<std::string>& audiences_;
  std::string scope_;
  std::map<std::string, std::string, std::less<>> versions_;  // by language
};

}  // namespace faqsearch::detail
