// Pipeline stage 6b, n-grams: overlapping bigrams and single Han characters of Han/kana/Hangul
// runs, so a query word matches even where the dictionary segmented the article differently
// (重置 → 重 / 置), and Korean words with particles attached (비밀번호를) match without them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/decoded_text.h"
#include "analysis/word_normalizer.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// A word token's UTF-16 range, for placing the n-grams inside it.
struct WordSpan {
  int32_t begin16 = 0;
  int32_t end16 = 0;
  std::uint32_t position = 0;
  bool stop_word = false;  // its characters and bigrams are parts of a stop word ("什么": 什, 么)
};

/// Whether `cp` belongs to a run n-grams are made of: Han, Hiragana, Katakana, Hangul, and the
/// prolonged sound and iteration marks written in them.
[[nodiscard]] bool is_cjk_run_char(UChar32 cp);

/// Appends to `tokens` the n-grams of every Han/kana/Hangul run of `text`: each bigram that is not
/// itself a word of `words` (TokenKind::kBigram), and each Han character that is not a
/// one-character word (TokenKind::kUnigram; kana and Hangul syllables alone are sounds, not
/// meanings). Each takes the position and stop-word flag of the word it starts in. Then orders
/// `tokens` by start byte, keeping the order of tokens that start together. `words` are in text
/// order.
void add_cjk_ngrams(const DecodedText& text, std::span<const WordSpan> words, const WordNormalizer& normalizer,
                    std::vector<Token>& tokens);

}  // namespace faqsearch::detail
