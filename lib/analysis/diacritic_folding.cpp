#include "analysis/diacritic_folding.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include "analysis/word_normalizer.h"
#include "faqsearch/error.h"

namespace faqsearch::detail {
namespace {

bool is_foldable_script(UChar32 cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &status);
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC;
}

// Letters with no canonical decomposition that shoppers still type without their stroke.
char32_t stroke_fold(char32_t cp) {
  switch (cp) {
    case U'ł': return U'l';
    case U'đ': return U'd';
    case U'ø': return U'o';
    case U'ħ': return U'h';
    case U'ŀ': return U'l';
    case U'ŧ': return U't';
    default: return cp;
  }
}

}  // namespace

DiacriticFolding::DiacriticFolding(std::string_view kept_letters) {
  UErrorCode status = U_ZERO_ERROR;
  nfd_ = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw Error(std::string("ICU normalizer data is unavailable: ") + u_errorName(status));
  const icu::UnicodeString kept =
      icu::UnicodeString::fromUTF8(icu::StringPiece(kept_letters.data(), static_cast<int32_t>(kept_letters.size())));
  for (int32_t i = 0; i < kept.length();) {
    const UChar32 cp = kept.char32At(i);
    kept_letters_.push_back(static_cast<char32_t>(cp));
    i += U16_LENGTH(cp);
  }
}

std::string DiacriticFolding::fold(std::string_view term) const {
  if (is_ascii(term)) return std::string(term);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(term.data(), static_cast<int32_t>(term.size())));
  icu::UnicodeString out;
  bool previous_foldable = false;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 cp = in.char32At(i);
    i += U16_LENGTH(cp);
    if (kept_letters_.find(static_cast<char32_t>(cp)) != std::u32string::npos) {
      out.append(cp);
      previous_foldable = false;
      continue;
    }
    if (u_charType(cp) == U_NON_SPACING_MARK) {
      if (!previous_foldable) out.append(cp);  // a mark of Devanagari, Thai...: a letter part
      continue;
    }
    previous_foldable = is_foldable_script(cp);
    if (!previous_foldable) {
      out.append(cp);
      continue;
    }
    icu::UnicodeString decomposition;
    if (nfd_->getDecomposition(cp, decomposition)) {
      for (int32_t j = 0; j < decomposition.length();) {
        const UChar32 part = decomposition.char32At(j);
        j += U16_LENGTH(part);
        if (u_charType(part) != U_NON_SPACING_MARK) out.append(part);
      }
    } else {
      out.append(static_cast<UChar32>(stroke_fold(static_cast<char32_t>(cp))));
    }
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace faqsearch::detail
