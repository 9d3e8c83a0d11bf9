#include "analysis/language_table.h"

#include <unicode/locid.h>

#include <algorithm>
#include <string>

#include "analysis/stop_word_lists.h"
#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch::detail {
namespace {

using enum Segmentation;
using enum Orthography;
using namespace stop_word_lists;

// One row per language (see LanguageRow for the columns and their defaults).
constexpr LanguageRow kRows[] = {
    {.tag = "und", .name = "Generic (unknown language)", .segmentation = kIcuDictionary,
     .cjk_ngrams = true},
    {.tag = "en", .name = "English", .icu_locale = "en", .stop_words = kEnglishStop,
     .stemmer = "english", .spelling = "en_US"},
    // Split compounds help German (xquad de +0.0048, xquad_r de +0.0034), not Norwegian, whose
    // compounds are as solid: norquad −0.0011, corpus nb unchanged.
    {.tag = "de", .name = "German", .icu_locale = "de", .stop_words = kGermanStop,
     .stemmer = "german", .split_compounds = true, .spelling = "de_DE"},
    {.tag = "fr", .name = "French", .icu_locale = "fr",
     .elisions = "l d j m n s t c qu jusqu lorsqu puisqu", .stop_words = kFrenchStop,
     .stemmer = "french", .spelling = "fr"},
    {.tag = "es", .name = "Spanish", .icu_locale = "es", .stop_words = kSpanishStop,
     .stemmer = "spanish", .spelling = "es_ES"},
    {.tag = "it", .name = "Italian", .icu_locale = "it",
     .elisions = "l dell all dall nell sull un d c", .stop_words = kItalianStop,
     .stemmer = "italian"},
    {.tag = "ca", .name = "Catalan", .icu_locale = "ca", .elisions = "l d n s m t",
     .stemmer = "catalan"},
    {.tag = "pt", .name = "Portuguese", .icu_locale = "pt", .stop_words = kPortugueseStop,
     .stemmer = "portuguese"},
    {.tag = "nl", .name = "Dutch", .icu_locale = "nl", .stop_words = kDutchStop,
     .stemmer = "dutch"},
    {.tag = "sv", .name = "Swedish", .icu_locale = "sv", .stop_words = kSwedishStop,
     .stemmer = "swedish", .kept_letters = "åäö"},
    {.tag = "da", .name = "Danish", .icu_locale = "da", .stop_words = kDanishStop,
     .stemmer = "danish", .kept_letters = "æøå"},
    {.tag = "nb", .name = "Norwegian Bokmål", .icu_locale = "nb", .stop_words = kNorwegianStop,
     .stemmer = "norwegian", .kept_letters = "æøå", .spelling = "nb_NO"},
    {.tag = "nn", .name = "Norwegian Nynorsk", .icu_locale = "nn", .stop_words = kNorwegianStop,
     .stemmer = "norwegian", .kept_letters = "æøå"},
    {.tag = "no", .name = "Norwegian", .icu_locale = "nb", .stop_words = kNorwegianStop,
     .stemmer = "norwegian", .kept_letters = "æøå"},
    {.tag = "fi", .name = "Finnish", .icu_locale = "fi", .stop_words = kFinnishStop,
     .stemmer = "finnish", .kept_letters = "åäö"},
    {.tag = "pl", .name = "Polish", .icu_locale = "pl", .stop_words = kPolishStop,
     .hunspell = "pl_PL", .spelling = "pl_PL"},
    {.tag = "ru", .name = "Russian", .icu_locale = "ru", .stop_words = kRussianStop,
     .stemmer = "russian", .fleeting_vowels = "оеё", .kept_letters = "й", .spelling = "ru_RU"},
    {.tag = "ro", .name = "Romanian", .icu_locale = "ro", .stop_words = kRomanianStop,
     .stemmer = "romanian", .spelling = "ro_RO"},
    {.tag = "tr", .name = "Turkish", .icu_locale = "tr", .apostrophe_suffixes = true, .stop_words = kTurkishStop,
     .stemmer = "turkish", .suffix_chains = true, .spelling = "tr_TR"},
    {.tag = "hu", .name = "Hungarian", .icu_locale = "hu", .stemmer = "hungarian"},
    {.tag = "el", .name = "Greek", .icu_locale = "el", .stop_words = kGreekStop, .spelling = "el_GR"},
    {.tag = "vi", .name = "Vietnamese", .icu_locale = "vi", .stop_words = kVietnameseStop, .spelling = "vi_VN"},
    {.tag = "id", .name = "Indonesian", .icu_locale = "id", .stop_words = kIndonesianStop,
     .stemmer = "indonesian"},
    {.tag = "ar", .name = "Arabic", .icu_locale = "ar", .orthography = kArabic,
     .stop_words = kArabicStop, .stemmer = "arabic", .spelling = "ar"},
    // No word pairs in Hindi (yet): postpositions are separate words ("के लिए"), and pairs of
    // them ranked worse with or without a stop list (docs/tuning.md, "Measured where the code decides").
    {.tag = "hi", .name = "Hindi", .icu_locale = "hi", .stop_words = kHindiStop,
     .word_pairs = false, .spelling = "hi_IN"},
    {.tag = "ne", .name = "Nepali", .icu_locale = "ne", .stemmer = "nepali"},
    {.tag = "ta", .name = "Tamil", .icu_locale = "ta", .stemmer = "tamil"},
    {.tag = "th", .name = "Thai", .icu_locale = "th", .segmentation = kIcuDictionary,
     .stop_words = kThaiStop, .joined_compounds = true},
    {.tag = "lo", .name = "Lao", .icu_locale = "lo", .segmentation = kIcuDictionary,
     .joined_compounds = true},
    {.tag = "km", .name = "Khmer", .icu_locale = "km", .segmentation = kIcuDictionary,
     .joined_compounds = true},
    {.tag = "my", .name = "Burmese", .icu_locale = "my", .segmentation = kIcuDictionary,
     .joined_compounds = true},
    {.tag = "zh-Hans", .name = "Chinese (Simplified)", .icu_locale = "zh_Hans",
     .segmentation = kIcuDictionary, .stop_words = kChineseSimplifiedStop, .cjk_ngrams = true,
     .pinyin_typos = true},
    {.tag = "zh-Hant", .name = "Chinese (Traditional)", .icu_locale = "zh_Hant",
     .segmentation = kIcuDictionary, .stop_words = kChineseTraditionalStop, .cjk_ngrams = true,
     .pinyin_typos = true},
    {.tag = "zh", .name = "Chinese", .icu_locale = "zh", .segmentation = kIcuDictionary,
     .stop_words = kChineseStop, .cjk_ngrams = true, .pinyin_typos = true},
    {.tag = "ja", .name = "Japanese", .icu_locale = "ja", .segmentation = kIcuDictionary,
     .stop_words = kJapaneseStop, .cjk_ngrams = true},
    {.tag = "ko", .name = "Korean", .icu_locale = "ko", .cjk_ngrams = true},
};

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

const LanguageRow* row_with_tag(std::string_view tag) {
  for (const LanguageRow& row : kRows) {
    if (iequals(row.tag, tag)) return &row;
  }
  return nullptr;
}

std::string segmentation_of(const LanguageRow& row) {
  std::string seg = row.segmentation == kIcuDictionary ? "icu-dictionary" : "icu-words";
  if (row.cjk_ngrams) seg += "+ngrams";
  return seg;
}

}  // namespace

std::vector<std::string_view> list_words(std::string_view list) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < list.size()) {
    const std::size_t end = std::min(list.find(' ', pos), list.size());
    if (end > pos) out.push_back(list.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::span<const LanguageRow> language_rows() noexcept { return kRows; }

const LanguageRow& find_language_row(std::string_view tag) {
  if (const LanguageRow* exact = row_with_tag(tag)) return *exact;
  UErrorCode status = U_ZERO_ERROR;
  std::string cleaned(tag);
  std::replace(cleaned.begin(), cleaned.end(), '_', '-');
  icu::Locale locale = icu::Locale::forLanguageTag(cleaned, status);
  if (U_FAILURE(status) || locale.isBogus()) return kRows[0];
  const std::string language = locale.getLanguage();
  if (const LanguageRow* exact = row_with_tag(cleaned)) return *exact;
  // Language + script: "zh-TW" → likely script Hant → "zh-Hant".
  icu::Locale maximized = locale;
  maximized.addLikelySubtags(status);
  if (U_SUCCESS(status) && maximized.getScript()[0] != '\0') {
    const std::string with_script = language + "-" + maximized.getScript();
    if (const LanguageRow* row = row_with_tag(with_script)) return *row;
  }
  if (const LanguageRow* row = row_with_tag(language)) return *row;
  return kRows[0];
}

}  // namespace faqsearch::detail

namespace faqsearch {

namespace {
LanguageInfo info_of(const detail::LanguageRow& row) {
  LanguageInfo info;
  info.tag = row.tag;
  info.name = row.name;
  info.stemmer = row.hunspell.empty() ? std::string(row.stemmer) : "hunspell:" + std::string(row.hunspell);
  info.segmentation = detail::segmentation_of(row);
  info.folds_diacritics = row.fold_diacritics;
  info.stop_word_count = detail::list_words(row.stop_words).size();
  return info;
}
}  // namespace

std::vector<LanguageInfo> supported_languages() {
  std::vector<LanguageInfo> out;
  for (const auto& row : detail::language_rows()) out.push_back(info_of(row));
  return out;
}

std::string canonical_language_tag(std::string_view tag) {
  std::string cleaned(tag);
  std::replace(cleaned.begin(), cleaned.end(), '_', '-');
  const bool plausible =
      !cleaned.empty() && cleaned.size() <= 64 &&
      std::all_of(cleaned.begin(), cleaned.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      });
  if (!plausible) {
    throw InvalidArgument("invalid language tag '" + std::string(tag) +
                          "': expected a BCP 47 tag such as 'en', 'nb' or 'zh-Hant'");
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(cleaned, status);
  if (U_FAILURE(status) || locale.isBogus() || locale.getLanguage()[0] == '\0') {
    throw InvalidArgument("invalid language tag '" + std::string(tag) +
                          "': expected a BCP 47 tag such as 'en', 'nb' or 'zh-Hant'");
  }
  status = U_ZERO_ERROR;
  std::string canonical = locale.toLanguageTag<std::string>(status);
  if (U_FAILURE(status) || canonical.empty()) {
    throw InvalidArgument("invalid language tag '" + std::string(tag) + "'");
  }
  return canonical;
}

LanguageInfo language_for(std::string_view tag) { return info_of(detail::find_language_row(tag)); }

}  // namespace faqsearch
