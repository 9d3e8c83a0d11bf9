// How IndexBuilder spreads articles over its workers' segments (index_builder.cpp says why).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "faqsearch/article.h"

namespace faqsearch::detail {

/// How far above an even share the busiest worker may be with whole languages.
inline constexpr double kWholeLanguageSlack = 1.15;

/// The cost of analyzing and indexing `a`, roughly: its text bytes.
inline std::uint64_t text_bytes(const Article& a) { return a.title.size() + a.body.size() + 1; }

/// Where articles go: whole languages to workers, or every article by a hash of (id, lang).
class RoutingPlan {
 public:
  explicit RoutingPlan(std::size_t workers) : load_(workers, 0) {}

  /// Chooses the mode from a window of articles' text bytes per language: longest-processing-
  /// time-first packing of whole languages, kept if its busiest worker is within the slack.
  void choose(const std::map<std::string, std::uint64_t>& bytes_by_lang) {
    std::vector<std::pair<std::uint64_t, std::string>> langs;
    std::uint64_t total = 0;
    for (const auto& [lang, bytes] : bytes_by_lang) {
      langs.emplace_back(bytes, lang);
      total += bytes;
    }
    std::sort(langs.rbegin(), langs.rend());
    std::vector<std::uint64_t> packed(load_.size(), 0);
    std::map<std::string, std::size_t> owner;
    for (const auto& [bytes, lang] : langs) {
      const std::size_t k = std::min_element(packed.begin(), packed.end()) - packed.begin();
      packed[k] += bytes;
      owner[lang] = k;
    }
    const double even = static_cast<double>(total) / static_cast<double>(load_.size());
    whole_languages_ = total > 0 && *std::max_element(packed.begin(), packed.end()) <= kWholeLanguageSlack * even;
    if (whole_languages_) owner_ = std::move(owner);
  }

  /// The worker for `a`; a language first seen after the window goes to the least loaded one.
  std::size_t route(const Article& a) {
    std::size_t k;
    if (whole_languages_) {
      auto it = owner_.find(a.lang);
      if (it == owner_.end()) {
        it = owner_.emplace(a.lang, std::min_element(load_.begin(), load_.end()) - load_.begin()).first;
      }
      k = it->second;
    } else {
      std::string key = a.id;
      key += '\0';
      key += a.lang;
      k = std::hash<std::string>{}(key) % load_.size();
    }
    load_[k] += text_bytes(a);
    return k;
  }

  [[nodiscard]] bool whole_languages() const { return whole_languages_; }

 private:
  std::vector<std::uint64_t> load_;  // text bytes routed to each worker
  std::map<std::string, std::size_t> owner_;
  bool whole_languages_ = false;
};

}  // namespace faqsearch::detail
