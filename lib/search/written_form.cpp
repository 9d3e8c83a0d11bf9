#include "search/written_form.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

#include "analysis/language_table.h"
#include "analysis/orthography.h"
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

/// Adds to `out` (distinct, lower case) the words of `text` analyzed to `term`.
void add_spellings(Analyzer& analyzer, std::string_view text, const std::string& lang, const std::string& term,
                   std::vector<std::string>& out) {
  for (const Token& t : analyzer.analyze(text, lang)) {
    if (!spells_a_word(t.kind) || t.term != term) continue;
    std::string written = lower_case(text.substr(t.begin, t.end - t.begin));
    if (std::find(out.begin(), out.end(), written) == out.end()) out.push_back(std::move(written));
  }
}

/// The spellings of `term` in the titles and the short text fields (IndexSettings::tags_weight...:
/// an article may hold the term through a tag alone) of the first `articles` articles holding
/// it; `stored` gets the stored records of the first `bodies` of them.
std::vector<std::string> header_spellings(Analyzer& analyzer, const Xapian::Database& db, const std::string& lang,
                                          const std::string& term, std::size_t articles, std::size_t bodies,
                                          std::vector<std::string>& stored) {
  std::vector<std::string> out;
  std::size_t read = 0;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term) && read < articles; ++it, ++read) {
    std::string record = db.get_document(*it).get_value(kSlotArticle);
    const Article header = decode_stored_header(record);
    add_spellings(analyzer, header.title, lang, term, out);
    for (const std::string& tag : header.tags) add_spellings(analyzer, tag, lang, term, out);
    add_spellings(analyzer, header.section, lang, term, out);
    add_spellings(analyzer, header.category, lang, term, out);
    if (stored.size() < bodies) stored.push_back(std::move(record));
  }
  return out;
}

void add_body_spellings(Analyzer& analyzer, const std::string& stored, const std::string& lang, const std::string& term,
                        RecordDecompressor& decompressor, std::size_t body_bytes, std::vector<std::string>& out) {
  if (stored.empty() || body_bytes == 0) return;
  const std::string body = decode_stored_body(stored, decompressor).body;
  add_spellings(analyzer, std::string_view(body).substr(0, floor_char_boundary(body, body_bytes)), lang, term, out);
}

/// `spelled` without the letters `lang`'s normalizers erase that `typed` lacks: an article's
/// vowel marks are no part of the word to a shopper who typed none.
std::string without_untyped_marks(const std::string& lang, std::string spelled, std::string_view typed) {
  const OrthographyRules& rules = orthography_rules(find_language_row(lang).orthography);
  if (rules.normalizers.empty()) return spelled;
  const std::u32string typed_letters = decode_utf8(typed);
  std::u32string letters = decode_utf8(spelled);
  std::erase_if(letters, [&](char32_t c) { return typed_letters.find(c) == typed_letters.npos && rules.erases(c); });
  return encode_utf8(letters);
}

/// Beside each of `spellings` with clitics written onto its front, the word without them where
/// it is still `term`: the articles write "واستقرار" ("and stability"), and a shopper who typed
/// "استقار" meant the word alone, one edit away, not two. Each such spelling is analyzed once more.
void add_bare_spellings(Analyzer& analyzer, const std::string& lang, const std::string& term,
                        std::vector<std::string>& spellings) {
  const OrthographyRules& rules = orthography_rules(find_language_row(lang).orthography);
  if (rules.clitic_prefix_bytes == nullptr) return;
  for (std::size_t i = 0, n = spellings.size(); i < n; ++i) {
    const std::size_t clitic = rules.clitic_prefix_bytes(spellings[i]);
    if (clitic == 0) continue;
    const std::string bare = spellings[i].substr(clitic);
    if (std::find(spellings.begin(), spellings.end(), bare) != spellings.end()) continue;
    std::vector<std::string> same;
    add_spellings(analyzer, bare, lang, term, same);
    if (!same.empty()) spellings.push_back(bare);
  }
}

}  // namespace

std::string nearest_spelling(const std::vector<std::string>& spellings, std::string_view typed, std::size_t* distance) {
  const std::u32string typed_letters = decode_utf8(typed);
  std::string best;
  std::size_t best_distance = SIZE_MAX;
  for (const std::string& written : spellings) {
    const std::size_t d = bounded_edit_distance(typed_letters, decode_utf8(written), 16);
    if (d < best_distance) {
      best_distance = d;
      best = written;
    }
  }
  if (distance != nullptr) *distance = best_distance;
  return best;
}

std::string written_form(Analyzer& analyzer, const Xapian::Database& db, const std::string& lang, const std::string& term,
                         std::string_view typed, RecordDecompressor& decompressor, const SpellingLimits& limits) {
  std::vector<std::string> stored;
  std::vector<std::string> spellings = header_spellings(analyzer, db, lang, term, limits.articles, limits.bodies, stored);
  add_bare_spellings(analyzer, lang, term, spellings);
  std::size_t distance = SIZE_MAX;
  std::string best = nearest_spelling(spellings, typed, &distance);
  // Body after body, until one writes the word near enough to what was typed: the first may hold
  // only another inflection ("Touchdowns" where "Touchddown" meant the "Touchdown" of the next).
  for (std::size_t k = 0; k < stored.size() && (best.empty() || distance > limits.body_beyond_edits); ++k) {
    add_body_spellings(analyzer, stored[k], lang, term, decompressor, limits.body_bytes, spellings);
    add_bare_spellings(analyzer, lang, term, spellings);
    best = nearest_spelling(spellings, typed, &distance);
  }
  return without_untyped_marks(lang, std::move(best), typed);
}

std::vector<std::string> word_spellings(Analyzer& analyzer, const Xapian::Database& db, const std::string& lang,
                                        const std::string& term, RecordDecompressor& decompressor,
                                        const SpellingLimits& limits) {
  std::vector<std::string> stored;
  std::vector<std::string> spellings = header_spellings(analyzer, db, lang, term, limits.articles, 1, stored);
  if (spellings.empty() && !stored.empty()) {
    add_body_spellings(analyzer, stored.front(), lang, term, decompressor, limits.body_bytes, spellings);
  }
  return spellings;
}

std::string lower_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0, step = 0; at < text.size(); at += step) {
    append_utf8(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(decode_utf8(text, at, step)))));
  }
  return out;
}

std::string typed_word(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return lower_case(text);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString normalized = nfkc->normalize(in, status);
  if (U_FAILURE(status)) return lower_case(text);
  std::string out;
  normalized.toUTF8String(out);
  return lower_case(out);
}

std::string with_typed_case(std::string_view typed, std::string_view text, std::string_view lang) {
  // The typed letters, in order, and whether any is upper case.
  std::vector<UChar32> letters;
  std::size_t upper = 0;
  for (std::size_t at = 0, step = 0; at < typed.size(); at += step) {
    const auto cp = static_cast<UChar32>(decode_utf8(typed, at, step));
    if (!u_isalpha(cp)) continue;
    letters.push_back(cp);
    upper += u_isupper(cp) || u_istitle(cp) ? 1 : 0;
  }
  if (upper == 0) return std::string(text);
  const bool all_upper = letters.size() >= 2 && upper == letters.size();
  const icu::Locale locale(std::string(lang).c_str());
  const icu::UnicodeString lower = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString cased;
  std::size_t letter = 0;
  for (int32_t at = 0; at < lower.length(); at = lower.moveIndex32(at, 1)) {
    const UChar32 cp = lower.char32At(at);
    icu::UnicodeString one(lower, at, lower.moveIndex32(at, 1) - at);
    if (u_isalpha(cp)) {
      // Letter by letter ("XXXIII'ün" → "XXXIII'te"): the typed letter itself where it is this
      // one (a Turkish text's Roman "I" stays "I"), else upper case where the typed one is; the
      // letters beyond those typed are upper case only in a word typed all in capitals.
      const UChar32 typed_letter = letter < letters.size() ? letters[letter] : 0;
      if (typed_letter != 0 && u_tolower(typed_letter) == cp) {
        one = icu::UnicodeString(typed_letter);
      } else if (typed_letter != 0 ? (u_isupper(typed_letter) || u_istitle(typed_letter)) : all_upper) {
        one.toTitle(nullptr, locale);  // not toUpper: Greek capitals in el lose their accents
      }
      ++letter;
    }
    cased += one;
  }
  std::string out;
  cased.toUTF8String(out);
  return out;
}

QueryCorrection corrected(std::string_view query, const std::vector<QueryFix>& fixes, std::string_view lang) {
  QueryCorrection out;
  std::size_t at = 0;
  for (const QueryFix& fix : fixes) {
    out.query.append(query.substr(at, fix.begin - at));
    const std::string text = with_typed_case(query.substr(fix.begin, fix.end - fix.begin), fix.text, lang);
    out.changed.push_back({out.query.size(), out.query.size() + text.size()});
    out.query += text;
    at = fix.end;
  }
  out.query.append(query.substr(at));
  return out;
}

}  // namespace faqsearch::detail
