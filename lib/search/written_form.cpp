#include "search/written_form.h"

#include <unicode/uchar.h>

#include "analysis/utf8.h"
#include "index/schema.h"
#include "search/term_expansion.h"

namespace faqsearch::detail {

namespace {

/// Whether a token of `kind` has a word's own bytes: a word, an ideograph, or the folded variant
/// or written form beside a word ("sultanat" is "Sułtanat" folded, "documents" the written form
/// beside "document"). A correction or completion found as such a term is written with the bytes
/// of the word it was made from, marks and ending kept.
bool spells_a_word(TokenKind kind) {
  return kind == TokenKind::kWord || kind == TokenKind::kIdeo || kind == TokenKind::kFolded ||
         kind == TokenKind::kWrittenForm;
}

}  // namespace

std::string written_form(Analyzer& analyzer, const Xapian::Database& db, const std::string& lang, const std::string& term,
                         std::string_view typed, RecordDecompressor& decompressor, const SpellingLimits& limits) {
  const std::u32string typed_letters = decode_utf8(typed);
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  const auto consider = [&](std::string_view text) {
    for (const Token& t : analyzer.analyze(text, lang)) {
      if (!spells_a_word(t.kind) || t.term != term) continue;
      std::string written = lower_case(text.substr(t.begin, t.end - t.begin));
      const std::size_t d = bounded_edit_distance(typed_letters, decode_utf8(written), 16);
      if (d < best_distance) {
        best_distance = d;
        best = std::move(written);
      }
    }
  };
  std::string first_stored;
  std::size_t read = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && read < limits.articles; ++it, ++read) {
    std::string stored = db.get_document(*it).get_value(kSlotArticle);
    // The title, then the short fields that are text as well (IndexSettings::tags_weight...): an
    // article may hold the term through a tag alone.
    const Article header = decode_stored_header(stored);
    consider(header.title);
    for (const std::string& tag : header.tags) consider(tag);
    consider(header.section);
    consider(header.category);
    if (first_stored.empty()) first_stored = std::move(stored);
  }
  if ((best.empty() || best_distance > limits.body_beyond_edits) && !first_stored.empty() && limits.body_bytes > 0) {
    const std::string body = decode_stored_body(first_stored, decompressor).body;
    consider(std::string_view(body).substr(0, floor_char_boundary(body, limits.body_bytes)));
  }
  return best;
}

std::string lower_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0, step = 0; at < text.size(); at += step) {
    append_utf8(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(decode_utf8(text, at, step)))));
  }
  return out;
}

}  // namespace faqsearch::detail
