#include "analysis/word_variants.h"

namespace faqsearch::detail {

WordVariant WordVariants::variant(const std::string& term, std::string& spelling, std::string& written,
                                  WordStemmer& stemmer) const {
  WordVariant out{std::move(spelling), TokenKind::kFolded};
  if (out.term.empty() && !written.empty() && rules_.without_clitic != nullptr) {
    const std::string_view rest = rules_.without_clitic(written);
    if (!rest.empty()) {
      std::string stem = stemmer.stem(std::string(rest));
      if (stem != term) out.term = std::move(stem);
    }
  }
  if (out.term.empty() && folding_ != nullptr) out.term = folding_->fold(term);
  // The written form: an inflected form typed ranks the articles with that very form above those
  // that share only the stem ("customer" → "custom"), as an exact form ranks above a folded one.
  // Only where the stem begins the written word (German's stemmer also drops umlauts: a written
  // form that differs otherwise is another word's), and not for the Hunspell rows, where a lemma
  // is no stem of the form (docs/tuning.md, "Measured where the code decides").
  if (rules_.written_form && (out.term.empty() || out.term == term) && written.size() > term.size() &&
      written.starts_with(term)) {
    // Folded where the row folds: a shopper who types "devolucion" gets the stem "devolucion"
    // (the stemmer knows the ending "-ción", not "-cion"), which only the article's written form
    // "devolución" can match, and only without its marks.
    out = {folding_ != nullptr ? folding_->fold(written) : std::move(written), TokenKind::kWrittenForm};
  }
  if (out.term == term) out.term.clear();
  return out;
}

}  // namespace faqsearch::detail
