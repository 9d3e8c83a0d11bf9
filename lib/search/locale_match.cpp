#include "search/locale_match.h"

#include <unicode/localematcher.h>
#include <unicode/locid.h>

#include <algorithm>
#include <memory>

#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch::detail {
namespace {

icu::Locale locale_of(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  return U_FAILURE(status) ? icu::Locale::getRoot() : locale;
}

}  // namespace
}  // namespace faqsearch::detail

namespace faqsearch {

std::string known_language_tag(std::string_view tag) {
  std::string canonical = canonical_language_tag(tag);
  // A well-formed tag can still name no language: "english" and "klingon" are five to eight
  // letters, which BCP 47 reserves for registered languages. ICU knows a language's ISO 639-2
  // code only if it is a language.
  const icu::Locale locale = detail::locale_of(canonical);
  if (locale.isBogus() || std::string_view(locale.getISO3Language()).empty()) {
    throw InvalidArgument("\"" + std::string(tag) +
                          "\" is not a known language (write a BCP 47 tag such as en, en-GB, nb, pt-BR, zh-Hant)");
  }
  return canonical;
}

}  // namespace faqsearch

namespace faqsearch::detail {

struct LocaleMatching::Matcher {
  icu::LocaleMatcher matcher;
};

LocaleMatching::LocaleMatching() {
  UErrorCode status = U_ZERO_ERROR;
  icu::LocaleMatcher matcher = icu::LocaleMatcher::Builder().setNoDefaultLocale().build(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU locale matching: ") + u_errorName(status));
  matcher_ = std::make_unique<Matcher>(Matcher{std::move(matcher)});
}

LocaleMatching::~LocaleMatching() = default;

std::vector<std::string> LocaleMatching::match(std::span<const std::string> desired,
                                               std::span<const std::string> available) {
  std::string key;
  for (const auto& d : desired) key += d + ' ';
  key += '|';
  for (const auto& a : available) key += ' ' + a;
  if (auto found = answers_.find(key); found != answers_.end()) return found->second;

  std::vector<std::string> out;
  for (const std::string& wanted : desired) {
    const icu::Locale wanted_locale = locale_of(wanted);
    std::vector<std::pair<double, std::string>> matches;  // (how well, tag)
    for (const std::string& tag : available) {
      if (std::find(out.begin(), out.end(), tag) != out.end()) continue;
      if (tag == wanted) {
        matches.emplace_back(2.0, tag);  // the exact tag first, whatever ICU's scale
        continue;
      }
      UErrorCode status = U_ZERO_ERROR;
      const icu::Locale locale = locale_of(tag);
      if (!matcher_->matcher.isMatch(wanted_locale, locale, status) || U_FAILURE(status)) continue;
      matches.emplace_back(matcher_->matcher.internalMatch(wanted_locale, locale, status), tag);
    }
    std::stable_sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& [score, tag] : matches) out.push_back(std::move(tag));
  }
  if (answers_.size() > 64) answers_.clear();  // a long-lived searcher sees few distinct lists
  return answers_.emplace(std::move(key), out).first->second;
}

}  // namespace faqsearch::detail
