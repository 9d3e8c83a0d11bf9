// The pipeline of one language, assembled from its row of the language table:
//
//   bytes ──decode──▶ UTF-16 + byte map ──segment──▶ word spans ──elision──▶ word
//   word ──normalize──▶ stop-word flag ──stem──▶ term ──variants──▶ folded / written form
//   all words ──n-grams (Han/kana/Hangul runs)──▶ ──pairs (adjacent words)──▶ tokens
//
// Every stage is a unit of its own file; this one only reads the row, builds the stages and
// runs them in order. Offsets come from the decode map, so whatever a stage does to a term, its
// range points at the original text.
#pragma once

#include <string_view>
#include <vector>

#include "analysis/decoded_text.h"
#include "analysis/diacritic_folding.h"
#include "analysis/dictionary_stemmer.h"
#include "analysis/elision.h"
#include "analysis/language_table.h"
#include "analysis/orthography.h"
#include "analysis/stop_words.h"
#include "analysis/word_normalizer.h"
#include "analysis/word_segmenter.h"
#include "analysis/word_stemmer.h"
#include "analysis/word_variants.h"
#include "faqsearch/analyzer.h"

namespace faqsearch::detail {

/// Scratch buffers of an analyzer, reused across texts and languages.
struct AnalysisScratch {
  DecodedText text;
  std::vector<WordPiece> pieces;
};

/// The stages of one language. Created on a language's first text, reused for every later one.
///
/// Thread-safety: NOT thread-safe (its segmenter and stemmer are single-threaded); owned by one
/// analyzer.
class LanguagePipeline {
 public:
  /// Throws Error when ICU or Xapian lack what the row needs. `options` and `sources` must
  /// outlive the pipeline.
  LanguagePipeline(const LanguageRow& row, const AnalysisOptions& options, LemmaSources& sources);

  /// The tokens of non-empty `text`.
  [[nodiscard]] std::vector<Token> analyze(std::string_view text, AnalysisScratch& scratch);

  [[nodiscard]] const LanguageRow& row() const noexcept { return row_; }
  [[nodiscard]] const WordStemmer& stemmer() const noexcept { return stemmer_; }
  [[nodiscard]] const DiacriticFolding& folding() const noexcept { return folding_; }

 private:
  struct WordState;
  void add_word(std::string_view text, const DecodedText& decoded, const WordPiece& piece, WordState& state);

  const LanguageRow& row_;
  const AnalysisOptions& options_;
  const OrthographyRules& rules_;
  WordSegmenter segmenter_;
  Elision elision_;
  WordNormalizer normalizer_;
  DiacriticFolding folding_;
  WordStemmer stemmer_;
  StopWords stop_words_;
  WordVariants variants_;
};

}  // namespace faqsearch::detail
