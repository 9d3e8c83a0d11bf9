// Pipeline stage 2, segment: word spans of a decoded text.
#pragma once

#include <unicode/brkiter.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "analysis/decoded_text.h"
#include "analysis/language_table.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// One word span: UTF-16 range [begin, end) of a DecodedText and what kind of word it is
/// (kWord, kNumber or kIdeo).
struct WordPiece {
  int32_t begin = 0;
  int32_t end = 0;
  TokenKind kind = TokenKind::kWord;

  friend bool operator==(const WordPiece&, const WordPiece&) = default;
};

/// Cuts text into words with ICU's word break iterator for a row's locale (UAX #29, with
/// dictionaries for scripts written without spaces), leaving out spaces, punctuation and
/// symbols. A span where such a script (Thai, Lao, Khmer, Myanmar) meets a Latin word or a number
/// is split there: ICU keeps "NASUWTและ", "ปี2015มี" as one word (UAX #29 joins letters of any
/// script), which then matches neither "NASUWT" nor "2015" typed on their own.
///
/// Thread-safety: NOT thread-safe (an ICU break iterator is one-per-thread); one per analyzer and
/// language.
class WordSegmenter {
 public:
  /// Throws Error if ICU has no word break iterator for the row's locale.
  explicit WordSegmenter(const LanguageRow& row);

  /// Replaces `pieces` with the words of `text`, in order.
  void segment(const DecodedText& text, std::vector<WordPiece>& pieces);

 private:
  std::unique_ptr<icu::BreakIterator> breaker_;
};

/// Whether `text` has a letter of a script written without spaces (line break class SA).
[[nodiscard]] bool has_unspaced_script(const icu::UnicodeString& text);

/// Appends the span [begin, end) of ICU rule status `status` to `pieces`, split where a script
/// written without spaces meets any other; a piece split off reads as a number when all digits.
void split_at_script_changes(const icu::UnicodeString& text, int32_t begin, int32_t end, int32_t status,
                             std::vector<WordPiece>& pieces);

}  // namespace faqsearch::detail
