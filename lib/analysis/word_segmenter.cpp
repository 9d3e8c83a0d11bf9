#include "analysis/word_segmenter.h"

#include <unicode/uchar.h>

#include <string>

#include "faqsearch/error.h"

namespace faqsearch::detail {
namespace {

TokenKind kind_of(int32_t rule_status) {
  if (rule_status < UBRK_WORD_NUMBER_LIMIT) return TokenKind::kNumber;
  if (rule_status >= UBRK_WORD_KANA) return TokenKind::kIdeo;  // kana and ideographs
  return TokenKind::kWord;
}

bool is_unspaced(UChar32 cp) { return u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT; }

}  // namespace

WordSegmenter::WordSegmenter(const LanguageRow& row) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale =
      row.icu_locale.empty() ? icu::Locale::getRoot() : icu::Locale(std::string(row.icu_locale).c_str());
  breaker_.reset(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status) || !breaker_) {
    throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
  }
}

void WordSegmenter::segment(const DecodedText& text, std::vector<WordPiece>& pieces) {
  pieces.clear();
  // Only text with a letter of such a script is looked at letter by letter: the check is one
  // pass, the split a property lookup per letter.
  const bool unspaced_script = has_unspaced_script(text.utf16());
  breaker_->setText(text.utf16());
  for (int32_t start = breaker_->first(), end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    const int32_t status = breaker_->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    if (unspaced_script) {
      split_at_script_changes(text.utf16(), start, end, status, pieces);
    } else {
      pieces.push_back({start, end, kind_of(status)});
    }
  }
}

bool has_unspaced_script(const icu::UnicodeString& text) {
  for (int32_t i = 0; i < text.length(); ++i) {
    // Every script of line break class SA is at U+0E00 or above: the rest needs no lookup.
    if (text[i] >= 0x0E00 && is_unspaced(text.char32At(i))) return true;
  }
  return false;
}

void split_at_script_changes(const icu::UnicodeString& text, int32_t begin, int32_t end, int32_t status,
                             std::vector<WordPiece>& pieces) {
  const std::size_t first_piece = pieces.size();
  int32_t from = begin;
  int previous_class = -1;  // 1: a script written without spaces, 0: any other
  bool digits = true;       // the piece so far is digits only
  const auto add_piece = [&](int32_t until) {
    pieces.push_back({from, until, digits ? TokenKind::kNumber : TokenKind::kWord});
    from = until;
    digits = true;
  };
  for (int32_t i = begin; i < end;) {
    const UChar32 cp = text.char32At(i);
    const int8_t type = u_charType(cp);
    if (type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK) {  // marks join their letter
      const int cls = is_unspaced(cp) ? 1 : 0;
      if (previous_class >= 0 && cls != previous_class) add_piece(i);
      previous_class = cls;
    }
    digits = digits && type == U_DECIMAL_DIGIT_NUMBER;
    i += U16_LENGTH(cp);
  }
  add_piece(end);
  // Unsplit: ICU's own verdict (word, number, kana, ideographs) stands.
  if (pieces.size() == first_piece + 1) pieces.back().kind = kind_of(status);
}

}  // namespace faqsearch::detail
