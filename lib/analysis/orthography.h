// What a writing system's spelling rules add to the pipeline, stage by stage (normalize, stem,
// variants). A row names its orthography (LanguageRow::orthography); the stages read these rules
// and never the language.
#pragma once

#include <unicode/umachine.h>
#include <unicode/unistr.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/language_table.h"

namespace faqsearch::detail {

/// A normalizer of one script's spelling, run on a word after case folding.
struct ScriptNormalizer {
  std::string_view name;
  /// The Unicode block of its script: it runs only on words with a character in [first, last],
  /// so a Latin product name inside an Arabic article is left alone, and changes nothing outside
  /// the block.
  UChar32 first;
  UChar32 last;
  void (*normalize)(icu::UnicodeString& word);

  [[nodiscard]] bool applies_to(const icu::UnicodeString& word) const;
};

/// What an orthography adds to the pipeline. Functions are null where it adds nothing.
struct OrthographyRules {
  /// Normalize stage: script normalizers after case folding, in order.
  std::span<const ScriptNormalizer> normalizers;
  /// Stem stage: repairs what a Snowball stemmer left on a stem.
  void (*repair_stem)(std::string& stem) = nullptr;
  /// Variants stage, word tokens: another spelling of the normalized word ("" when none),
  /// stemmed and indexed as the word's folded variant; the word is a stop word if it is one.
  std::string (*spelling_variant)(std::string_view normalized) = nullptr;
  /// Variants stage, word tokens stemmed by Snowball: the word without a clitic written onto it
  /// ("" when none); its stem is the word's folded variant where it differs from the word's.
  std::string_view (*without_clitic)(std::string_view normalized) = nullptr;
  /// Variants stage: the word as written beside a Snowball stem that cut an ending off it
  /// (TokenKind::kWrittenForm).
  bool written_form = true;
  /// Did-you-mean: the typed word (lower case, not normalized) with a prefix the script writes
  /// onto words restored where it was mistyped, each one edit from what was typed. The stemmer
  /// cannot take a mistyped prefix off, so such a word is far from every stem.
  std::vector<std::string> (*prefix_repairs)(std::string_view typed) = nullptr;
  /// Did-you-mean: the bytes of the clitics the script writes onto the front of `word` (lower
  /// case), 0 when none: the articles write "واستقرار" ("and stability") where a shopper typed
  /// the word alone, and a correction shows it alone.
  std::size_t (*clitic_prefix_bytes)(std::string_view word) = nullptr;
  /// Did-you-mean: the letters a stem of the script is written with (as normalized). Where the
  /// stemmer took a prefix off a typed word, the stem's first letter is one the shopper typed
  /// mid-word, as likely mistyped as any other, but the typo scan keeps a word's first letter: these
  /// are tried in its place. Empty where the stemmer takes no prefix off.
  std::u32string_view stem_letters;

  /// Whether the normalizers erase `letter` (an Arabic haraka, a tatweel): a word reads the same
  /// with it or without it.
  [[nodiscard]] bool erases(char32_t letter) const;
  /// `word` (case-folded UTF-8) through the normalizers, as the normalize stage leaves it.
  [[nodiscard]] std::string normalized(std::string_view word) const;
};

/// The rules of `orthography`. Thread-safe (constant data).
[[nodiscard]] const OrthographyRules& orthography_rules(Orthography orthography) noexcept;

}  // namespace faqsearch::detail
