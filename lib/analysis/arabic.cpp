#include "analysis/arabic.h"

#include <algorithm>

#include "analysis/utf8.h"

namespace faqsearch::detail::arabic {
namespace {

constexpr std::size_t kLetterBytes = 2;  // Arabic letters are two bytes in UTF-8

std::size_t first_difference(std::u32string_view a, std::u32string_view b) {
  return static_cast<std::size_t>(std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin());
}

/// Whether `a` is one insertion, deletion, substitution or swap of two neighbours from `b`.
bool one_edit_apart(std::u32string_view a, std::u32string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() > b.size() + 1) return false;
  const std::size_t common = first_difference(a, b);
  if (common == a.size()) return false;  // equal
  if (a.size() > b.size()) return a.substr(common + 1) == b.substr(common);
  if (a.substr(common + 1) == b.substr(common + 1)) return true;
  return common + 1 < a.size() && a[common] == b[common + 1] && a[common + 1] == b[common] &&
         a.substr(common + 2) == b.substr(common + 2);
}

/// Whether the letter at `at` repeats a neighbour: a letter typed once too often is a shopper's
/// slip, any other extra letter more often a word of its own ("لكاليفورنيا", "الستيلرز").
bool doubled_at(std::u32string_view letters, std::size_t at) {
  return (at > 0 && letters[at] == letters[at - 1]) || (at + 1 < letters.size() && letters[at] == letters[at + 1]);
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

void normalize_letters(icu::UnicodeString& word) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < word.length(); ++i) {
    const char16_t c = word[i];
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) continue;  // harakat, tatweel
    switch (c) {
      case 0x0622: case 0x0623: case 0x0625: case 0x0671: out.append(char16_t{0x0627}); break;
      default: out.append(c);
    }
  }
  word = out;
}

// The Snowball Arabic stemmer strips one prefix, so a word that itself begins with ال kept it when
// written with the article: "إلكتروني" (electronic; إ is normalized to ا) stemmed to كترون, but
// "الإلكتروني" to الكترون and "بالإلكتروني" to الكترون, and "بريد إلكتروني" never found "البريد
// الإلكتروني". Stripped where a root's three letters remain ("الله" stays): with two, more
// roots lost a letter than articles were found (docs/tuning.md, "Measured where the code decides").
void strip_second_article(std::string& stem) {
  static constexpr std::string_view kArticle = "\u0627\u0644";
  constexpr std::size_t kMinRootBytes = 3 * kLetterBytes;
  if (stem.starts_with(kArticle) && stem.size() >= kArticle.size() + kMinRootBytes) {
    stem.erase(0, kArticle.size());
  }
}

// Not part of normalize_letters(): the Snowball stemmer strips ة as a suffix but reads ه as part
// of the stem, so mapping before stemming split "الأحذية" from "أحذية"'s other forms. Indexed as
// a variant instead, so "الاحذيه" still finds "الأحذية".
std::string spelling_variant(std::string_view normalized) {
  if (is_ascii(normalized)) return {};
  const icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
  icu::UnicodeString out;
  bool changed = false;
  for (int32_t i = 0; i < in.length(); ++i) {
    char16_t c = in[i];
    if (c == 0x0629) c = 0x0647;  // teh marbuta → heh
    if (c == 0x0649) c = 0x064A;  // alef maksura → yeh
    changed = changed || c != in[i];
    out.append(c);
  }
  if (!changed) return {};
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// The stemmer strips و / ف except before alef, so that واحد ("one") or فاز ("won") keep their
// first letter, which also kept "واسترجاع" ("and returning") from matching "استرجاع". A variant (a
// folded form, weighed below the exact one) rather than the term, and only where at least five
// letters remain, where a word is rarely a root that starts with و or ف (docs/tuning.md, "Measured where the code decides").
std::string_view without_conjunction(std::string_view normalized) {
  static constexpr std::string_view kWawAlef = "\u0648\u0627", kFehAlef = "\u0641\u0627";
  constexpr std::size_t kMinLetters = 6;
  if (normalized.size() < kLetterBytes * kMinLetters ||
      !(normalized.starts_with(kWawAlef) || normalized.starts_with(kFehAlef))) {
    return {};
  }
  return normalized.substr(kLetterBytes);
}

// Shoppers' typos fall in the article as often as anywhere ("اللمدينة", a letter doubled), and
// the Snowball stemmer takes only an intact article off: the word is then compared with stems that
// begin with its mistyped letters, and no correction is found.
std::vector<std::string> article_repairs(std::string_view typed) {
  static constexpr std::u32string_view kPrefixes[] = {U"\u0627\u0644",       U"\u0648\u0627\u0644", U"\u0641\u0627\u0644",
                                                      U"\u0628\u0627\u0644", U"\u0643\u0627\u0644", U"\u0644\u0644"};
  static constexpr std::u32string_view kOneLetterClitics = U"\u0648\u0641\u0628\u0643\u0644";  // و ف ب ك ل
  constexpr std::size_t kLongestClitics = 2;
  constexpr std::size_t kMinRest = 2;
  const std::u32string letters = decode_utf8(typed);
  std::vector<std::string> out;
  for (const std::u32string_view prefix : kPrefixes) {
    // The mistyped prefix is one letter shorter, as long, or one letter longer.
    for (std::size_t head = prefix.size() - 1; head <= prefix.size() + 1; ++head) {
      if (letters.size() < head + kMinRest) break;
      const std::u32string_view typed_head = std::u32string_view(letters).substr(0, head);
      // One or two conjunctions and prepositions are no mistyped article ("لإستضافة", "لكاليفورنيا").
      if (head <= kLongestClitics && typed_head.find_first_not_of(kOneLetterClitics) == std::u32string_view::npos) continue;
      if (!one_edit_apart(typed_head, prefix)) continue;
      if (head > prefix.size() && !doubled_at(letters, first_difference(typed_head, prefix))) continue;
      std::string repaired = encode_utf8(std::u32string(prefix) + letters.substr(head));
      if (std::find(out.begin(), out.end(), repaired) == out.end()) out.push_back(std::move(repaired));
    }
  }
  return out;
}

std::size_t clitic_prefix_bytes(std::string_view word) {
  // Longest first: "وال" before "و".
  static constexpr std::string_view kClitics[] = {"\u0648\u0627\u0644", "\u0641\u0627\u0644", "\u0628\u0627\u0644",
                                                  "\u0643\u0627\u0644", "\u0627\u0644",       "\u0644\u0644",
                                                  "\u0648",             "\u0641",             "\u0628",
                                                  "\u0643",             "\u0644"};
  constexpr std::size_t kMinRestBytes = 3 * kLetterBytes;
  for (const std::string_view clitic : kClitics) {
    if (word.starts_with(clitic) && word.size() >= clitic.size() + kMinRestBytes) return clitic.size();
  }
  return 0;
}

}  // namespace faqsearch::detail::arabic
