#include "analysis/orthography.h"

#include "analysis/arabic.h"
#include "analysis/utf8.h"

namespace faqsearch::detail {
namespace {

constexpr ScriptNormalizer kArabicNormalizers[] = {
    {.name = "arabic-letters", .first = 0x0600, .last = 0x06FF, .normalize = arabic::normalize_letters},
};

constexpr OrthographyRules kStandardRules{};

constexpr OrthographyRules kArabicRules{
    .normalizers = kArabicNormalizers,
    .repair_stem = arabic::strip_second_article,
    .spelling_variant = arabic::spelling_variant,
    .without_clitic = arabic::without_conjunction,
    // Its stemmer cuts prefixes and letters of the root ("تشحن", charges → "تشح"), and the variant
    // slot holds the spelling variants: with written forms a charging question ranked a shipping
    // article first (docs/tuning.md, "Measured where the code decides").
    .written_form = false,
    .prefix_repairs = arabic::article_repairs,
    .clitic_prefix_bytes = arabic::clitic_prefix_bytes,
    .stem_letters = arabic::kStemLetters,
};

}  // namespace

bool ScriptNormalizer::applies_to(const icu::UnicodeString& word) const {
  for (int32_t i = 0; i < word.length(); ++i) {
    if (word[i] >= first && word[i] <= last) return true;
  }
  return false;
}

bool OrthographyRules::erases(char32_t letter) const {
  return normalized(encode_utf8(std::u32string(1, letter))).empty();
}

std::string OrthographyRules::normalized(std::string_view word) const {
  if (normalizers.empty()) return std::string(word);  // most orthographies: no round trip through ICU
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  for (const ScriptNormalizer& n : normalizers) {
    if (n.applies_to(text)) n.normalize(text);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

const OrthographyRules& orthography_rules(Orthography orthography) noexcept {
  switch (orthography) {
    case Orthography::kArabic: return kArabicRules;
    case Orthography::kStandard: break;
  }
  return kStandardRules;
}

}  // namespace faqsearch::detail
