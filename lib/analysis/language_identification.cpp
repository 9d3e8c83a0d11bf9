// Language identification with CLD2 (Compact Language Detector 2, Debian libcld2).
//
//   bytes ──repair UTF-8, drop controls, cap at 64 KiB──▶ CLD2 top 3 (+ is_reliable)
//         ──CLD2 codes → faqsearch tags──▶ restrict to candidates ──▶ guess
//   words (ICU word breaks) < 4 ──▶ never reliable
//
// CLD2 calls itself thread-safe: its tables are constant data and each call keeps its state on
// the stack, so identify_language() needs no lock and no object.
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/utf8.h"
#include "faqsearch/error.h"
#include "faqsearch/language.h"

namespace faqsearch {
namespace {

// An article's language is settled long before 64 KiB; CLD2 itself samples long texts, and the
// cap bounds the cost of a pathological input.
constexpr std::size_t kMaxBytes = 64 * 1024;

// Fewer words than this never make a reliable guess. Measured on the sample corpus's judged
// queries (1–5 words): CLD2 said "reliable" for 2–3 word queries it got wrong ("change email
// adress" → Swedish, "leveringstid ekspress" → Danish, "退款多久到" → Traditional Chinese).
constexpr std::size_t kMinReliableWords = 4;

// Where CLD2's codes differ from the tags faqsearch's language table and indexes use. CLD2
// follows Google's legacy codes; anything not listed goes through canonical_language_tag().
struct CodeAlias {
  std::string_view cld2;
  std::string_view tag;
};
constexpr std::array<CodeAlias, 5> kCodeAliases{{
    {"zh", "zh-Hans"},  // CLD2's CHINESE is the simplified script; zh-Hant is its own code
    {"no", "nb"},       // CLD2 trains "no" on Bokmål; Nynorsk is "nn"
    {"iw", "he"},
    {"jw", "jv"},
    {"sr-ME", "sr-Latn-ME"},
}};

/// The faqsearch tag of a CLD2 language, or nullopt for CLD2's non-languages: "un" (unknown),
/// "xx-Xxxx" (a script with no language model), "xxx" and the "zz*" pseudo-languages.
std::optional<std::string> tag_of(CLD2::Language language) {
  const std::string_view code = CLD2::LanguageCode(language);
  if (code.empty() || code == "un" || code.starts_with("xx") || code.starts_with("zz")) {
    return std::nullopt;
  }
  for (const CodeAlias& alias : kCodeAliases) {
    if (code == alias.cld2) return std::string(alias.tag);
  }
  try {
    return canonical_language_tag(code);
  } catch (const InvalidArgument&) {
    return std::nullopt;  // a CLD2 code ICU cannot read: as good as unknown
  }
}

/// Primary language subtag, with the Norwegian macrolanguage folded ("nb", "nn" → "no"), so
/// that a "no" index answers to CLD2's Bokmål.
std::string language_of(std::string_view tag) {
  std::string language(tag.substr(0, tag.find('-')));
  if (language == "nb" || language == "nn") language = "no";
  return language;
}

/// `text` made acceptable to CLD2: valid UTF-8 ("interchange-valid": no C0/C1 controls other
/// than tab and line breaks, no noncharacters), cut at kMaxBytes on a character boundary.
/// Rejected characters become spaces, so they also separate words.
std::string prepare(std::string_view text) {
  text = text.substr(0, detail::floor_char_boundary(text, std::min(text.size(), kMaxBytes)));
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t cp = detail::decode_utf8(text, pos, length);
    const bool control = (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                         (cp >= 0x7F && cp < 0xA0);
    const bool noncharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    if (control || noncharacter || cp == detail::kReplacementChar) {
      out.push_back(' ');
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

/// Number of words (letters, kana, ideographs, numbers) in `text` by ICU's root word breaks,
/// which segment Thai and CJK by dictionary, so "退款多久到" counts 3 words, not 1 or 5.
std::size_t count_words(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !words) return 0;  // only out of memory: then nothing is reliable
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(text);
  words->setText(utf16);
  std::size_t count = 0;
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
    if (words->getRuleStatus() != UBRK_WORD_NONE) ++count;
    if (count >= kMinReliableWords) break;  // all the caller needs to know
  }
  return count;
}

}  // namespace

LanguageGuess identify_language(std::string_view text, std::span<const std::string> candidates) {
  // Candidates are checked first, so a malformed tag is reported whatever the text.
  std::vector<std::string> wanted;
  wanted.reserve(candidates.size());
  for (const std::string& candidate : candidates) wanted.push_back(canonical_language_tag(candidate));

  const std::string clean = prepare(text);
  if (clean.find_first_not_of(" \t\r\n") == std::string::npos) return {};

  std::array<CLD2::Language, 3> top{};
  std::array<int, 3> percent{};
  std::array<double, 3> normalized_score{};
  int text_bytes = 0;
  bool cld2_reliable = false;
  int valid_prefix_bytes = 0;
  const CLD2::CLDHints no_hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  // The CheckUTF8 variant although `clean` is valid: if CLD2's idea of valid text ever differs
  // from ours, it answers "unknown" instead of reading past what it accepts.
  CLD2::ExtDetectLanguageSummaryCheckUTF8(clean.data(), static_cast<int>(clean.size()),
                                          /*is_plain_text=*/true, &no_hints, /*flags=*/0, top.data(),
                                          percent.data(), normalized_score.data(),
                                          /*resultchunkvector=*/nullptr, &text_bytes,
                                          &cld2_reliable, &valid_prefix_bytes);

  LanguageGuess guess;
  for (std::size_t i = 0; i < top.size() && guess.tag.empty(); ++i) {
    const std::optional<std::string> tag = tag_of(top[i]);
    if (!tag || percent[i] <= 0) continue;
    if (wanted.empty()) {
      guess.tag = *tag;
    } else {
      // The exact tag first (zh-Hant must not answer for zh-Hans), then the same language.
      auto match = std::find(wanted.begin(), wanted.end(), *tag);
      if (match == wanted.end()) {
        match = std::find_if(wanted.begin(), wanted.end(), [&](const std::string& candidate) {
          return language_of(candidate) == language_of(*tag);
        });
      }
      if (match == wanted.end()) continue;
      guess.tag = *match;
    }
    guess.confidence = percent[i] / 100.0;
    // Only CLD2's own first choice can be reliable: a runner-up picked because it is a
    // candidate is a hint, not an identification.
    guess.reliable = i == 0 && cld2_reliable;
  }
  if (guess.reliable && count_words(clean) < kMinReliableWords) guess.reliable = false;
  return guess;
}

}  // namespace faqsearch
