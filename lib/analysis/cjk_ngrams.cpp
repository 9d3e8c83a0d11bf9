#include "analysis/cjk_ngrams.h"

#include <unicode/uscript.h>

#include <algorithm>

namespace faqsearch::detail {
namespace {

bool is_han(UChar32 cp) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(cp, &status) == USCRIPT_HAN || cp == 0x3005;  // 々 repeats a Han character
}

// Walks the word spans along the text as the n-grams advance.
class SpanCursor {
 public:
  explicit SpanCursor(std::span<const WordSpan> words) : words_(words) {}

  // The last word starting at or before `at` (call with `at` increasing), or null.
  const WordSpan* at(int32_t at) {
    while (next_ + 1 < words_.size() && words_[next_ + 1].begin16 <= at) ++next_;
    return next_ < words_.size() ? &words_[next_] : nullptr;
  }

 private:
  std::span<const WordSpan> words_;
  std::size_t next_ = 0;
};

Token ngram(const DecodedText& text, const WordNormalizer& normalizer, int32_t begin, int32_t end, TokenKind kind) {
  Token token;
  token.kind = kind;
  token.begin = text.byte_at(begin);
  token.end = text.byte_at(end);
  token.term = normalizer.normalize(icu::UnicodeString(text.utf16(), begin, end - begin));
  return token;
}

}  // namespace

bool is_cjk_run_char(UChar32 cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &status);
  if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
      script == USCRIPT_HANGUL) {
    return true;
  }
  // Prolonged sound mark and iteration marks belong to the run they are written in.
  return cp == 0x30FC || cp == 0x3005 || cp == 0x309D || cp == 0x309E || cp == 0x30FD || cp == 0x30FE;
}

void add_cjk_ngrams(const DecodedText& text, std::span<const WordSpan> words, const WordNormalizer& normalizer,
                    std::vector<Token>& tokens) {
  const icu::UnicodeString& s = text.utf16();
  const int32_t length = s.length();
  SpanCursor cursor(words);
  for (int32_t i = 0; i < length;) {
    const UChar32 first = s.char32At(i);
    const int32_t second_at = i + U16_LENGTH(first);
    if (!is_cjk_run_char(first)) {
      i = second_at;
      continue;
    }
    // A Han character alone (a morpheme: 退 of 退货), unless it already is a one-character word.
    const WordSpan* word = cursor.at(i);
    const bool in_word = word != nullptr && word->begin16 <= i;
    const bool whole_word = in_word && word->begin16 == i && word->end16 == second_at;
    if (!whole_word && is_han(first)) {
      Token unigram = ngram(text, normalizer, i, second_at, TokenKind::kUnigram);
      unigram.position = in_word ? word->position : 0;
      unigram.stop_word = in_word && word->stop_word;
      if (!unigram.term.empty()) tokens.push_back(std::move(unigram));
    }
    if (second_at >= length) break;
    const UChar32 second = s.char32At(second_at);
    if (!is_cjk_run_char(second)) {
      i = second_at;
      continue;
    }
    const int32_t end16 = second_at + U16_LENGTH(second);
    word = cursor.at(i);
    const bool same_as_word = word != nullptr && word->begin16 == i && word->end16 == end16;
    if (!same_as_word) {
      Token bigram = ngram(text, normalizer, i, end16, TokenKind::kBigram);
      bigram.position = word != nullptr ? word->position : 0;
      bigram.stop_word = word != nullptr && word->begin16 <= i && end16 <= word->end16 && word->stop_word;
      if (!bigram.term.empty()) tokens.push_back(std::move(bigram));
    }
    i = second_at;
  }
  std::stable_sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) { return a.begin < b.begin; });
}

}  // namespace faqsearch::detail
