#include "analysis/language_pipeline.h"

#include "analysis/cjk_ngrams.h"
#include "analysis/word_pair_tokens.h"

namespace faqsearch::detail {

// What the words of one text share as they pass, in order.
struct LanguagePipeline::WordState {
  std::vector<Token>& tokens;
  std::vector<WordSpan>& spans;  // for placing n-grams
  std::uint32_t position = 0;
};

LanguagePipeline::LanguagePipeline(const LanguageRow& row, const AnalysisOptions& options, LemmaSources& sources)
    : row_(row),
      options_(options),
      rules_(orthography_rules(row.orthography)),
      segmenter_(row),
      elision_(row.elisions),
      normalizer_(rules_.normalizers),
      folding_(row.kept_letters),
      stemmer_(row, rules_, folding_, sources),
      stop_words_(row.stop_words, normalizer_, row.fold_diacritics ? &folding_ : nullptr),
      variants_(rules_, row.fold_diacritics ? &folding_ : nullptr) {}

std::vector<Token> LanguagePipeline::analyze(std::string_view text, AnalysisScratch& scratch) {
  segmenter_.segment(scratch.text, scratch.pieces);
  std::vector<Token> tokens;
  // Most words bring a variant or a pair, or both: room for two tokens each saves the vector's
  // regrowth (and the moves of every token it makes) on long texts.
  tokens.reserve(2 * scratch.pieces.size());
  std::vector<WordSpan> spans;
  spans.reserve(scratch.pieces.size());
  WordState state{tokens, spans};
  const WordPiece* previous = nullptr;
  for (const WordPiece& piece : scratch.pieces) {
    // A number's suffix ("2015'te") says nothing of its own: "te", "de", "nin" would be words.
    const bool suffix = row_.apostrophe_suffixes && previous != nullptr && previous->kind == TokenKind::kNumber &&
                        piece.kind == TokenKind::kWord &&
                        is_apostrophe_suffix(scratch.text.utf16(), previous->end, piece.begin);
    previous = &piece;
    if (!suffix) add_word(text, scratch.text, piece, state);
  }
  if (row_.cjk_ngrams) add_cjk_ngrams(scratch.text, spans, normalizer_, tokens);
  if (row_.word_pairs && options_.word_pairs) append_word_pairs(tokens, options_.max_term_bytes);
  return tokens;
}

void LanguagePipeline::add_word(std::string_view text, const DecodedText& decoded, const WordPiece& piece,
                                WordState& state) {
  const int32_t begin16 = elision_.empty() ? piece.begin : elision_.word_start(decoded.utf16(), piece.begin, piece.end);
  // The token spans the whole word (a suffix is highlighted with its name); its term is made of
  // the word up to a suffix written after an apostrophe.
  const int32_t term_end16 =
      row_.apostrophe_suffixes ? apostrophe_suffix_start(decoded.utf16(), begin16, piece.end) : piece.end;
  const std::size_t begin = decoded.byte_at(begin16), end = decoded.byte_at(piece.end);
  const std::size_t term_end = decoded.byte_at(term_end16);
  std::string normalized =
      normalizer_.normalize_word(decoded.utf16(), begin16, term_end16, text.substr(begin, term_end - begin));
  if (normalized.empty()) return;

  const bool word = piece.kind == TokenKind::kWord;  // numbers and ideographs are not stemmed
  bool stop_word = stop_words_.contains(normalized);
  std::string spelling = word ? variants_.spelling(normalized) : std::string();
  if (!spelling.empty()) {
    stop_word = stop_word || stop_words_.contains(spelling);
    spelling = stemmer_.stem(std::move(spelling));
  }
  // The word before stemming, for the variants compared with its stem.
  std::string written =
      word && stemmer_.kind() == WordStemmer::Kind::kSnowball && spelling.empty() ? normalized : std::string();
  std::string term = word ? stemmer_.stem(std::move(normalized)) : std::move(normalized);
  if (term.empty() || term.size() > options_.max_term_bytes) return;
  // A dictionary row's stop list holds lemmas, and its inflected function words stand for them:
  // "jaki", "była", "którym" are stop words as "jak", "być", "który" are. In poquad's questions
  // every word so flagged is a pronoun or an auxiliary; poquad 0.9425 → 0.9437, no other cell
  // moved. (Snowball stems are not words: "wills" → "will" would be flagged.)
  if (word && !stop_word && stemmer_.kind() == WordStemmer::Kind::kDictionary) stop_word = stop_words_.contains(term);
  const std::uint32_t position = state.position++;
  state.spans.push_back({begin16, piece.end, position, stop_word});

  WordVariant variant = variants_.variant(term, spelling, written, stemmer_);
  state.tokens.push_back({.term = std::move(term), .begin = begin, .end = end, .position = position,
                          .kind = piece.kind, .stop_word = stop_word});
  if (!variant.term.empty() && variant.term.size() <= options_.max_term_bytes) {
    state.tokens.push_back({.term = std::move(variant.term), .begin = begin, .end = end, .position = position,
                            .kind = variant.kind, .stop_word = stop_word});
  }
}

}  // namespace faqsearch::detail
