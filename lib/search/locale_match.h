// Which of an index's languages a shopper reads: BCP 47 tags matched by language the way CLDR
// says people read them (ICU's LocaleMatcher and likely subtags), not as exact partition names.
// "en" finds "en-US" and "en-GB" articles and the reverse, "no" finds "nb", "nn" reads "nb" next,
// "zh-TW" finds "zh-Hant", "pt-BR" finds "pt", "es-419" finds "es".
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace faqsearch::detail {

/// Matches shoppers' languages to an index's. Not thread-safe (it caches answers): one per
/// Searcher.
class LocaleMatching {
 public:
  LocaleMatching();
  ~LocaleMatching();
  LocaleMatching(const LocaleMatching&) = delete;
  LocaleMatching& operator=(const LocaleMatching&) = delete;

  /// The languages of `available` (canonical tags) a reader of `desired` (canonical tags, most
  /// preferred first) reads, most preferred first: for each desired tag in turn, the available
  /// ones that match it acceptably, best match first (the same tag, then the same language in
  /// another region, then a related language: "nb" for "nn"). Each language once.
  std::vector<std::string> match(std::span<const std::string> desired, std::span<const std::string> available);

 private:
  struct Matcher;
  std::unique_ptr<Matcher> matcher_;
  std::map<std::string, std::vector<std::string>> answers_;  // by desired + available
};

}  // namespace faqsearch::detail
