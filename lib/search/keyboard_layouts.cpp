#include "search/keyboard_layouts.h"

#include <algorithm>
#include <array>
#include <span>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "analysis/utf8.h"

namespace faqsearch::detail {
namespace {

/// One key: what it types on QWERTY and on the paired layout.
struct Key {
  char latin;
  std::string_view other;
};

// ЙЦУКЕН: the punctuation keys right of the letters type letters (х ъ ж э б ю ё).
constexpr std::array kRussianKeys = {
    Key{'q', "й"}, Key{'w', "ц"}, Key{'e', "у"}, Key{'r', "к"}, Key{'t', "е"}, Key{'y', "н"}, Key{'u', "г"},
    Key{'i', "ш"}, Key{'o', "щ"}, Key{'p', "з"}, Key{'[', "х"}, Key{']', "ъ"}, Key{'a', "ф"}, Key{'s', "ы"},
    Key{'d', "в"}, Key{'f', "а"}, Key{'g', "п"}, Key{'h', "р"}, Key{'j', "о"}, Key{'k', "л"}, Key{'l', "д"},
    Key{';', "ж"}, Key{'\'', "э"}, Key{'z', "я"}, Key{'x', "ч"}, Key{'c', "с"}, Key{'v', "м"}, Key{'b', "и"},
    Key{'n', "т"}, Key{'m', "ь"}, Key{',', "б"}, Key{'.', "ю"}, Key{'`', "ё"},
    Key{'Q', "Й"}, Key{'W', "Ц"}, Key{'E', "У"}, Key{'R', "К"}, Key{'T', "Е"}, Key{'Y', "Н"}, Key{'U', "Г"},
    Key{'I', "Ш"}, Key{'O', "Щ"}, Key{'P', "З"}, Key{'{', "Х"}, Key{'}', "Ъ"}, Key{'A', "Ф"}, Key{'S', "Ы"},
    Key{'D', "В"}, Key{'F', "А"}, Key{'G', "П"}, Key{'H', "Р"}, Key{'J', "О"}, Key{'K', "Л"}, Key{'L', "Д"},
    Key{':', "Ж"}, Key{'"', "Э"}, Key{'Z', "Я"}, Key{'X', "Ч"}, Key{'C', "С"}, Key{'V', "М"}, Key{'B', "И"},
    Key{'N', "Т"}, Key{'M', "Ь"}, Key{'<', "Б"}, Key{'>', "Ю"}, Key{'~', "Ё"},
};

// Greek: ';' is the tonos dead key (greek_tonos below); 'q' types ';', the Greek question mark.
constexpr std::array kGreekKeys = {
    Key{'w', "ς"}, Key{'e', "ε"}, Key{'r', "ρ"}, Key{'t', "τ"}, Key{'y', "υ"}, Key{'u', "θ"}, Key{'i', "ι"},
    Key{'o', "ο"}, Key{'p', "π"}, Key{'a', "α"}, Key{'s', "σ"}, Key{'d', "δ"}, Key{'f', "φ"}, Key{'g', "γ"},
    Key{'h', "η"}, Key{'j', "ξ"}, Key{'k', "κ"}, Key{'l', "λ"}, Key{'z', "ζ"}, Key{'x', "χ"}, Key{'c', "ψ"},
    Key{'v', "ω"}, Key{'b', "β"}, Key{'n', "ν"}, Key{'m', "μ"},
    Key{'W', "Σ"}, Key{'E', "Ε"}, Key{'R', "Ρ"}, Key{'T', "Τ"}, Key{'Y', "Υ"}, Key{'U', "Θ"}, Key{'I', "Ι"},
    Key{'O', "Ο"}, Key{'P', "Π"}, Key{'A', "Α"}, Key{'S', "Σ"}, Key{'D', "Δ"}, Key{'F', "Φ"}, Key{'G', "Γ"},
    Key{'H', "Η"}, Key{'J', "Ξ"}, Key{'K', "Κ"}, Key{'L', "Λ"}, Key{'Z', "Ζ"}, Key{'X', "Χ"}, Key{'C', "Ψ"},
    Key{'V', "Ω"}, Key{'B', "Β"}, Key{'N', "Ν"}, Key{'M', "Μ"},
};

// Greek vowels and the same with tonos, typed as ';' then the vowel's key.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kGreekTonos = {{
    {"α", "ά"}, {"ε", "έ"}, {"η", "ή"}, {"ι", "ί"}, {"ο", "ό"}, {"υ", "ύ"}, {"ω", "ώ"},
    {"Α", "Ά"}, {"Ε", "Έ"}, {"Η", "Ή"}, {"Ι", "Ί"}, {"Ο", "Ό"}, {"Υ", "Ύ"}, {"Ω", "Ώ"},
}};

// Arabic (PC): 'b' types the ligature lam-alef, two letters, and shift with 'g', 't' and 'b'
// the same with hamza or madda; shift with 'h', 'y' and 'n' types alef with hamza or madda.
// Shift with the other letters types marks, which a shopper slipping layouts does not mean:
// those capitals are read as their lower-case keys. Two-letter keys come first (longest match).
constexpr std::array kArabicKeys = {
    Key{'G', "لأ"}, Key{'T', "لإ"}, Key{'B', "لآ"}, Key{'H', "أ"},  Key{'Y', "إ"},  Key{'N', "آ"},
    Key{'b', "لا"}, Key{'q', "ض"}, Key{'w', "ص"}, Key{'e', "ث"}, Key{'r', "ق"}, Key{'t', "ف"}, Key{'y', "غ"},
    Key{'u', "ع"},  Key{'i', "ه"}, Key{'o', "خ"}, Key{'p', "ح"}, Key{'[', "ج"}, Key{']', "د"}, Key{'a', "ش"},
    Key{'s', "س"},  Key{'d', "ي"}, Key{'f', "ب"}, Key{'g', "ل"}, Key{'h', "ا"}, Key{'j', "ت"}, Key{'k', "ن"},
    Key{'l', "م"},  Key{';', "ك"}, Key{'\'', "ط"}, Key{'z', "ئ"}, Key{'x', "ء"}, Key{'c', "ؤ"}, Key{'v', "ر"},
    Key{'n', "ى"},  Key{'m', "ة"}, Key{',', "و"}, Key{'.', "ز"}, Key{'/', "ظ"}, Key{'`', "ذ"},
};

std::span<const Key> keys_of(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::kRussian: return kRussianKeys;
    case KeyboardLayout::kGreek: return kGreekKeys;
    case KeyboardLayout::kArabic: return kArabicKeys;
  }
  return {};
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_ascii_letter(char c) { return ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z'; }

enum class Script : unsigned char { kNone, kLatin, kCyrillic, kGreek, kArabic, kMixed };

/// The script of a letter as far as the layouts go: kNone for what decides nothing (digits,
/// punctuation such as "¿" or "؟", and Latin letters on no QWERTY key, such as "á" or "ş", which a
/// shopper's own keyboard types beside the slipped layout's letters and which are kept), kMixed
/// for a letter of a script no layout here types.
Script script_of_letter(char32_t c) {
  if (c < 0x80) return is_ascii_letter(static_cast<char>(c)) ? Script::kLatin : Script::kNone;
  if (u_isalpha(static_cast<UChar32>(c)) == 0) return Script::kNone;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(static_cast<UChar32>(c), &status)) {
    case USCRIPT_LATIN: return Script::kNone;
    case USCRIPT_CYRILLIC: return Script::kCyrillic;
    case USCRIPT_GREEK: return Script::kGreek;
    case USCRIPT_ARABIC: return Script::kArabic;
    default: return Script::kMixed;  // another script: not a layout slip
  }
}

Script script_of(std::string_view text) {
  Script found = Script::kNone;
  for (std::size_t at = 0, step = 0; at < text.size(); at += step) {
    const Script s = script_of_letter(decode_utf8(text, at, step));
    if (s == Script::kMixed) return s;
    if (s == Script::kNone) continue;
    if (found != Script::kNone && found != s) return Script::kMixed;
    found = s;
  }
  return found;
}

}  // namespace

std::string qwerty_to_layout(std::string_view text, KeyboardLayout layout) {
  const std::span<const Key> keys = keys_of(layout);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    const auto key_of = [&](char typed) { return std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.latin == typed; }); };
    if (layout == KeyboardLayout::kArabic && key_of(c) == keys.end()) c = ascii_lower(c);
    if (layout == KeyboardLayout::kGreek && c == ';' && i + 1 < text.size()) {
      // The dead key: the next key's vowel with tonos.
      std::string next = qwerty_to_layout(text.substr(i + 1, 1), layout);
      const auto accented = std::find_if(kGreekTonos.begin(), kGreekTonos.end(), [&](const auto& v) { return v.first == next; });
      if (accented != kGreekTonos.end()) {
        out += accented->second;
        ++i;
        continue;
      }
    }
    if (layout == KeyboardLayout::kGreek && c == 'q') {
      out += ';';
      continue;
    }
    const auto key = key_of(c);
    if (key == keys.end()) out += text[i];
    else out += key->other;
  }
  return out;
}

std::string layout_to_qwerty(std::string_view text, KeyboardLayout layout) {
  const std::span<const Key> keys = keys_of(layout);
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t step = 0;
    decode_utf8(text, at, step);
    const std::string_view ch = text.substr(at, step);
    // Longest key first: Arabic's lam-alef is two letters on one key.
    const auto key = std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return text.substr(at).starts_with(k.other); });
    if (layout == KeyboardLayout::kGreek) {
      const auto accented = std::find_if(kGreekTonos.begin(), kGreekTonos.end(), [&](const auto& v) { return v.second == ch; });
      if (accented != kGreekTonos.end()) {
        out += ';';
        out += layout_to_qwerty(accented->first, layout);
        at += step;
        continue;
      }
    }
    if (key == keys.end()) {
      out += ch;
      at += step;
    } else {
      out += key->latin;
      at += key->other.size();
    }
  }
  return out;
}

std::vector<std::string> other_layout_renderings(std::string_view text) {
  std::vector<std::string> out;
  switch (script_of(text)) {
    case Script::kLatin:
      for (const KeyboardLayout layout : {KeyboardLayout::kRussian, KeyboardLayout::kGreek, KeyboardLayout::kArabic}) {
        out.push_back(qwerty_to_layout(text, layout));
      }
      break;
    case Script::kCyrillic: out.push_back(layout_to_qwerty(text, KeyboardLayout::kRussian)); break;
    case Script::kGreek: out.push_back(layout_to_qwerty(text, KeyboardLayout::kGreek)); break;
    case Script::kArabic: out.push_back(layout_to_qwerty(text, KeyboardLayout::kArabic)); break;
    default: break;
  }
  return out;
}

}  // namespace faqsearch::detail
