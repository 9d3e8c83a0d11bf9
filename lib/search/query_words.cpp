#include "search/query_words.h"

#include <optional>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "search/term_expansion.h"
#include "search/written_form.h"

namespace faqsearch::detail {

namespace {

/// Whether `w`, a word the stemmer took no ending off, is a known term with one of `vowels` put
/// between its last two consonants: the form without an ending of a word whose other forms drop
/// that vowel (Russian "Суперкубок", `суперкубок`, where the articles write "Суперкубка",
/// `суперкубк`). Not where the stemmer took an ending off ("штрафонй", `штрафон`, is a typo of
/// "штрафной", `штрафн`), nor after another vowel ("Бронкоос" is a typo of "Бронкос").
bool without_fleeting_vowel_known(const QueryWord& w, std::string_view typed, std::string_view vowels,
                                  const Xapian::Database& vocabulary) {
  const std::u32string letters = decode_utf8(w.term);
  if (vowels.empty() || letters.size() < 4 || decode_utf8(typed_word(typed)).size() != letters.size()) return false;
  const std::u32string fleeting = decode_utf8(vowels);
  const auto is_fleeting = [&](char32_t c) { return fleeting.find(c) != std::u32string::npos; };
  if (!is_fleeting(letters[letters.size() - 2]) || is_fleeting(letters[letters.size() - 3])) return false;
  return vocabulary.term_exists(encode_utf8(letters.substr(0, letters.size() - 2)) +
                                encode_utf8(letters.substr(letters.size() - 1)));
}

}  // namespace

std::vector<QueryWord> read_query_words(Analyzer& analyzer, const std::string& lang, std::string_view query,
                                        bool prefix_last_word, const Xapian::Database& vocabulary) {
  std::vector<QueryWord> words;
  // A word is known by its term or by the written form the analyzer keeps beside a stem
  // ("todavia", stem "todavi", is the articles' "todavía", stem "todav", written "todavia").
  // Not by its folded form: "vârsăă" folds to the articles' "varsa", no typo of it.
  std::string last_written;  // the last word's written form, if it has one
  for (const Token& t : analyzer.analyze(query, lang)) {
    const bool beside_last = !words.empty() && t.begin == words.back().begin;
    if (t.kind == TokenKind::kFolded && beside_last) words.back().folded = t.term;
    if (t.kind == TokenKind::kWrittenForm && beside_last) {
      last_written = t.term;
      words.back().known = words.back().known || vocabulary.term_exists(t.term);
    }
    if (t.kind != TokenKind::kWord) continue;
    last_written.clear();
    // A stop word is never corrected: lists hold forms articles may lack ("ποιος").
    words.push_back({.begin = t.begin, .end = t.end, .term = t.term, .stop_word = t.stop_word,
                     .known = t.stop_word || vocabulary.term_exists(t.term), .folded = {}});
  }
  // As-you-type: an unfinished last word that begins known words is searched as their prefix
  // (SearchRequest::prefix_last_word), not mistyped. Where the analyzer keeps the written form,
  // that is what must begin a known word: a stem shorter than what was typed begins words the
  // letters typed after it do not ("vergesen", stem "verges", is no start of "vergessen").
  if (!words.empty() && prefix_last_word && words.back().end == query.size() && !words.back().known) {
    const std::string& typed_so_far = last_written.empty() ? words.back().term : last_written;
    words.back().known = !prefix_completions(vocabulary, typed_so_far).empty();
  }
  const std::string_view vowels = find_language_row(lang).fleeting_vowels;
  for (QueryWord& w : words) {
    const std::string_view typed = query.substr(w.begin, w.end - w.begin);
    w.known = w.known || without_fleeting_vowel_known(w, typed, vowels, vocabulary);
  }
  return words;
}

std::vector<std::string> known_words(Analyzer& analyzer, const std::string& lang, const Xapian::Database& vocabulary,
                                     std::string_view text, WordForms forms) {
  std::optional<OnlyTableLemmas> written_forms_only;
  if (forms == WordForms::kWritten) written_forms_only.emplace(analyzer);
  std::vector<std::string> terms;
  for (const Token& t : analyzer.analyze(text, lang)) {
    if (t.kind != TokenKind::kWord) continue;
    if (!vocabulary.term_exists(t.term)) return {};
    terms.push_back(t.term);
  }
  return terms;
}

}  // namespace faqsearch::detail
