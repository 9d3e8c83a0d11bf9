// The analyzer: one pipeline for index terms, query terms and snippet highlights.
//
//   bytes ──decode (repairing)──▶ UTF-16 + byte-offset map ──ICU word breaks──▶ word spans
//   word span ──elision──▶ NFKC_Casefold ──Arabic normalization──▶ stop-word check
//             ──stem──▶ term (exact) ──fold diacritics──▶ folded variant, if it differs
//   Han/kana/Hangul runs ──▶ overlapping bigrams + characters (recall where the dictionary splits)
//   adjacent words ──▶ word pairs (a precision aid: "card not working" beside "not", "card")
//
// Offsets come from the decode map, so whatever the filters do to a term, its range points at the
// original bytes (tantivy's rule: "offsets shall not be modified by token filters").
#include <cstdlib>  // defines __GLIBC__ where it applies
#ifdef __GLIBC__
#endif
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/hunspell_stemmer.h"
#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "util/release_memory.h"

namespace faqsearch {
namespace {

using detail::LanguageRow;

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool is_cjk_bigram_char(UChar32 cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &status);
  if (script == USCRIPT_HAN || script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA ||
      script == USCRIPT_HANGUL) {
    return true;
  }
  // Prolonged sound mark and iteration marks belong to the run they are written in.
  return cp == 0x30FC || cp == 0x3005 || cp == 0x309D || cp == 0x309E || cp == 0x30FD || cp == 0x30FE;
}

// The article ال the Snowball Arabic stemmer left on a stem. It strips one prefix, so a word that
// itself begins with ال kept it when written with the article: "إلكتروني" (electronic; إ is
// normalized to ا) stemmed to كترون, but "الإلكتروني" to الكترون and "بالإلكتروني" to الكترون, and
// "بريد إلكتروني" never found "البريد الإلكتروني". Stripped where a root's three letters remain
// ("الله" stays). Measured against keeping it: corpus ar 0.906 → 0.922, xquad_r ar +0.0009,
// xquad ar +0.0004, arcd −0.0007; where two letters remain: corpus ar 0.943 but arcd −0.0023.
void strip_second_article(std::string& stem) {
  static constexpr std::string_view kArticle = "\u0627\u0644";
  constexpr std::size_t kMinRootBytes = 3 * 2;  // Arabic letters are two bytes in UTF-8
  if (stem.starts_with(kArticle) && stem.size() >= kArticle.size() + kMinRootBytes) {
    stem.erase(0, kArticle.size());
  }
}

void strip_apostrophes(std::string& word) {
  static constexpr std::string_view kRightQuote = "\u2019";
  if (word.find('\'') == std::string::npos && word.find(kRightQuote) == std::string::npos) return;
  std::string out;
  for (std::size_t i = 0; i < word.size();) {
    if (word[i] == '\'') {
      ++i;
    } else if (word.compare(i, kRightQuote.size(), kRightQuote) == 0) {
      i += kRightQuote.size();
    } else {
      out.push_back(word[i++]);
    }
  }
  word = std::move(out);
}

bool is_han(UChar32 cp) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(cp, &status) == USCRIPT_HAN || cp == 0x3005;  // 々 repeats a Han character
}

bool is_foldable_script(UChar32 cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(cp, &status);
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC;
}

// Letters with no canonical decomposition that shoppers still type without their stroke.
char32_t stroke_fold(char32_t cp) {
  switch (cp) {
    case U'ł': return U'l';
    case U'đ': return U'd';
    case U'ø': return U'o';
    case U'ħ': return U'h';
    case U'ŀ': return U'l';
    case U'ŧ': return U't';
    default: return cp;
  }
}

void split_words(std::string_view list, std::vector<std::string>& out) {
  std::size_t pos = 0;
  while (pos < list.size()) {
    const std::size_t end = std::min(list.find(' ', pos), list.size());
    if (end > pos) out.emplace_back(list.substr(pos, end - pos));
    pos = end + 1;
  }
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

// Per-language state: created on first use, reused for every later text of that language.
struct LanguageState {
  const LanguageRow* row = nullptr;
  std::unique_ptr<icu::BreakIterator> breaker;
  std::optional<Xapian::Stem> stemmer;
  // The row's Hunspell dictionary is present: it replaces `stemmer`. It is loaded (or asked of
  // the shared dictionaries) on the first word that needs it, which may be never: a searcher
  // finds most lemmas in the index's lemma table.
  bool dictionary = false;
  std::unordered_set<std::string> stop_words;  // as written and, where the row folds, folded
  std::u32string kept_letters;
  std::vector<icu::UnicodeString> elisions;
  // The full dictionary's answers so far (word → lemma), for words no lemma table answered. The
  // shared dictionaries cache their answers too, for every analyzer sharing them, but asking them
  // takes their lock and a std::function per word even when they know it, and an IndexBuilder's
  // workers all ask: this copy cut 4.3% of the instructions of building 600 English and 600
  // Polish articles. The full dictionary never changes, so an answer stays right; a reduced one
  // does (its lemma set grows), so its answers are not kept. Cleared when full (~3 MB).
  std::unordered_map<std::string, std::string> dictionary_answers;
};

// Entries of LanguageState::dictionary_answers before it is cleared.
constexpr std::size_t kMaxDictionaryAnswers = std::size_t{1} << 15;

struct Analyzer::Impl {
  AnalysisOptions options;
  const icu::Normalizer2* nfkc_casefold = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  std::unordered_map<const LanguageRow*, std::unique_ptr<LanguageState>> states;
  std::unordered_map<std::string, LanguageState*> state_by_tag;  // tags as callers spell them
  // Hooks (lemma_hooks.h): where dictionary lemmas come from and who hears of them.
  detail::LemmaTable* lemma_table = nullptr;
  detail::UnseenWords unseen_words = detail::UnseenWords::kLoadDictionary;
  detail::LemmaRecorder* lemma_recorder = nullptr;
  detail::SharedDictionaries own_dictionaries;  // unless the owner shares some (AnalyzerHooks)
  detail::SharedDictionaries* dictionaries = &own_dictionaries;
  std::string_view current_lang;  // the tag analyze() was called with, for the lemma table
  // Han characters to toneless pinyin (AnalyzerHooks::han_reading), created on the first call:
  // the first one in a process compiles ICU's Han-Latin rules (measured ~110 ms, ~6 MB; later
  // ones reuse ICU's cache, ~0.25 ms), which a process that never corrects Han text should not
  // pay for. Not thread-safe, like the rest of the analyzer.
  std::unique_ptr<icu::Transliterator> han_latin;
  bool han_latin_unavailable = false;
  // Readings asked before: a correction compares the reading of every character of a scanned
  // range (~4 µs each through the transliterator). Bounded: cleared when it reaches kMaxReadings.
  std::unordered_map<std::string, std::string> han_readings;
  static constexpr std::size_t kMaxReadings = 1 << 16;

  // Scratch buffers reused across calls (the analyzer is single-threaded by contract).
  icu::UnicodeString text16;
  std::vector<std::uint32_t> byte_of_unit;  // UTF-16 index → byte offset in the input
  struct Piece {  // a word span of the break iterator, or part of one (analyze())
    int32_t start, end;
    int32_t status;
  };
  std::vector<Piece> pieces;

  explicit Impl(AnalysisOptions opts) : options(opts) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfd = icu::Normalizer2::getNFDInstance(status);
    if (U_FAILURE(status)) {
      throw Error(std::string("ICU normalizer data is unavailable: ") + u_errorName(status));
    }
  }

  LanguageState& state_for(std::string_view lang);
  void decode(std::string_view text);
  std::string fold(const LanguageState& state, std::string_view term) const;
  std::string normalize(const LanguageState& state, const icu::UnicodeString& word) const;
  std::string arabic_spelling_variant(std::string_view normalized) const;
  std::string arabic_conjunction_variant(LanguageState& state, const std::string& normalized, std::string_view term);
  std::string stem(LanguageState& state, std::string normalized);
  std::string dictionary_stem(LanguageState& state, std::string normalized);
  std::string ask_dictionary(LanguageState& state, const std::string& word);
  std::vector<Token> analyze(std::string_view text, std::string_view lang);
};

LanguageState& Analyzer::Impl::state_for(std::string_view lang) {
  if (auto it = state_by_tag.find(std::string(lang)); it != state_by_tag.end()) return *it->second;
  const LanguageRow& row = detail::find_language_row(lang);
  auto& slot = states[&row];
  if (!slot) {
    auto state = std::make_unique<LanguageState>();
    state->row = &row;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale = row.icu_locale.empty() ? icu::Locale::getRoot()
                                                      : icu::Locale(std::string(row.icu_locale).c_str());
    state->breaker.reset(icu::BreakIterator::createWordInstance(locale, status));
    if (U_FAILURE(status) || !state->breaker) {
      throw Error(std::string("ICU word break iterator unavailable: ") + u_errorName(status));
    }
    if (!row.stemmer.empty()) {
      try {
        state->stemmer.emplace(std::string(row.stemmer));
      } catch (const Xapian::Error& e) {
        throw Error("Xapian stemmer '" + std::string(row.stemmer) + "' unavailable: " + e.get_msg());
      }
    }
    const icu::UnicodeString kept = icu::UnicodeString::fromUTF8(row.kept_letters);
    for (int32_t i = 0; i < kept.length();) {
      const UChar32 cp = kept.char32At(i);
      state->kept_letters.push_back(static_cast<char32_t>(cp));
      i += U16_LENGTH(cp);
    }
    // A missing dictionary leaves the row's Snowball stemmer (or none).
    if (!row.hunspell.empty() && detail::HunspellStemmer::available(row.hunspell, options.hunspell_directory)) {
      state->dictionary = true;
      state->stemmer.reset();
    }
    std::vector<std::string> words;
    split_words(row.stop_words, words);
    for (const auto& word : words) {
      // As the words they are compared with are normalized: case folding turns a Greek final
      // sigma into σ ("της" is read as "τησ"), and Arabic normalization drops hamza from alef.
      const std::string normalized = normalize(*state, icu::UnicodeString::fromUTF8(word));
      state->stop_words.insert(normalized);
      if (row.fold_diacritics) state->stop_words.insert(fold(*state, normalized));
    }
    words.clear();
    split_words(row.elisions, words);
    for (const auto& word : words) state->elisions.push_back(icu::UnicodeString::fromUTF8(word));
    slot = std::move(state);
  }
  state_by_tag.emplace(std::string(lang), slot.get());
  return *slot;
}

void Analyzer::Impl::decode(std::string_view text) {
  text16.remove();
  byte_of_unit.clear();
  byte_of_unit.reserve(text.size() + 1);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 0;
    const char32_t cp = detail::decode_utf8(text, pos, length);
    text16.append(static_cast<UChar32>(cp));
    byte_of_unit.push_back(static_cast<std::uint32_t>(pos));
    if (cp > 0xFFFF) byte_of_unit.push_back(static_cast<std::uint32_t>(pos));
    pos += length;
  }
  byte_of_unit.push_back(static_cast<std::uint32_t>(text.size()));
}

std::string Analyzer::Impl::fold(const LanguageState& state, std::string_view term) const {
  if (is_ascii(term)) return std::string(term);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(term);
  icu::UnicodeString out;
  bool previous_foldable = false;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 cp = in.char32At(i);
    i += U16_LENGTH(cp);
    if (state.kept_letters.find(static_cast<char32_t>(cp)) != std::u32string::npos) {
      out.append(cp);
      previous_foldable = false;
      continue;
    }
    if (u_charType(cp) == U_NON_SPACING_MARK) {
      if (!previous_foldable) out.append(cp);  // a mark of Devanagari, Thai...: a letter part
      continue;
    }
    previous_foldable = is_foldable_script(cp);
    if (!previous_foldable) {
      out.append(cp);
      continue;
    }
    icu::UnicodeString decomposition;
    if (nfd->getDecomposition(cp, decomposition)) {
      for (int32_t j = 0; j < decomposition.length();) {
        const UChar32 part = decomposition.char32At(j);
        j += U16_LENGTH(part);
        if (u_charType(part) != U_NON_SPACING_MARK) out.append(part);
      }
    } else {
      out.append(static_cast<UChar32>(stroke_fold(static_cast<char32_t>(cp))));
    }
  }
  return to_utf8(out);
}

std::string Analyzer::Impl::normalize(const LanguageState& state, const icu::UnicodeString& word) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = nfkc_casefold->normalize(word, status);
  if (U_FAILURE(status)) return {};
  if (state.row->arabic_normalization) {
    icu::UnicodeString out;
    for (int32_t i = 0; i < folded.length(); ++i) {
      const char16_t c = folded[i];
      if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) continue;  // harakat, tatweel
      switch (c) {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671: out.append(char16_t{0x0627}); break;
        default: out.append(c);
      }
    }
    folded = out;
  }
  return to_utf8(folded);
}

// Teh marbuta and alef maksura as shoppers often type them (ه, ي). Not part of normalize(): the
// Snowball stemmer strips ة as a suffix but reads ه as part of the stem, so mapping before
// stemming split "الأحذية" from "أحذية"'s other forms (xquad ar 0.911 → 0.923 without it).
// Indexed as a variant instead, so "الاحذيه" still finds "الأحذية".
std::string Analyzer::Impl::arabic_spelling_variant(std::string_view normalized) const {
  if (is_ascii(normalized)) return {};
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(normalized);
  icu::UnicodeString out;
  bool changed = false;
  for (int32_t i = 0; i < in.length(); ++i) {
    char16_t c = in[i];
    if (c == 0x0629) c = 0x0647;  // teh marbuta → heh
    if (c == 0x0649) c = 0x064A;  // alef maksura → yeh
    changed = changed || c != in[i];
    out.append(c);
  }
  return changed ? to_utf8(out) : std::string();
}

// The word without a conjunction و / ف written onto it, where the Snowball stemmer keeps it: it
// strips them except before alef, so that واحد ("one") or فاز ("won") keep their first letter,
// which also kept "واسترجاع" ("and returning") from matching "استرجاع". Indexed as a variant (a
// folded form, weighed below the exact one) rather than as the term, and only where at least
// five letters remain, where a word is rarely a root that starts with و or ف. Measured (words of
// six letters or more): corpus ar 0.865 → 0.904, arcd 0.789 → 0.794, xquad ar −0.0008, xquad_r ar
// +0.0001; five letters: arcd 0.795, xquad_r ar −0.0003; seven: arcd 0.793.
// `term` is the word's own stem, for the comparison.
std::string Analyzer::Impl::arabic_conjunction_variant(LanguageState& state, const std::string& normalized,
                                                       std::string_view term) {
  static constexpr std::string_view kWawAlef = "\u0648\u0627", kFehAlef = "\u0641\u0627";
  constexpr std::size_t kMinLetters = 6;  // Arabic letters are two bytes in UTF-8
  if (normalized.size() < 2 * kMinLetters || !(normalized.starts_with(kWawAlef) || normalized.starts_with(kFehAlef))) {
    return {};
  }
  std::string variant = stem(state, normalized.substr(kWawAlef.size() / 2));
  return variant == term ? std::string() : variant;
}

// The dictionary's lemma, from the lemma table when one is attached and has the word.
std::string Analyzer::Impl::dictionary_stem(LanguageState& state, std::string normalized) {
  if (lemma_table != nullptr) {
    if (std::optional<std::string> lemma = lemma_table->find(current_lang, normalized)) return std::move(*lemma);
    if (unseen_words == detail::UnseenWords::kUnchanged) return normalized;
  }
  std::string lemma = ask_dictionary(state, normalized);
  if (lemma_recorder != nullptr && lemma_recorder->record(normalized, lemma) && state.row->fold_diacritics &&
      !is_ascii(normalized)) {
    // Shoppers type without marks, and the dictionary restores them ("zamowienia" → "zamówienia"
    // → "zamówienie"): the word so typed is recorded too, with the dictionary's own answer for it.
    std::string folded = fold(state, normalized);
    if (is_ascii(folded)) {
      const std::string folded_lemma = ask_dictionary(state, folded);
      lemma_recorder->record(folded, folded_lemma);
    }
  }
  return lemma;
}

std::string Analyzer::Impl::ask_dictionary(LanguageState& state, const std::string& word) {
  // After kept_letters are known: the stemmer learns from fold() which letters a shopper may
  // have typed without their marks.
  LanguageState* const s = &state;
  const auto fold_letters = [this, s](std::string_view letters) { return fold(*s, letters); };
  const std::string_view name = state.row->hunspell;
  if (lemma_table != nullptr && unseen_words == detail::UnseenWords::kReducedDictionary) {
    const std::optional<std::string> lemma = dictionaries->stem_reduced(
        name, options.hunspell_directory, fold_letters, lemma_table->scope(), lemma_table->version(current_lang),
        [this] { return lemma_table->lemmas(current_lang); }, word);
    return lemma ? *lemma : word;
  }
  if (const auto known = state.dictionary_answers.find(word); known != state.dictionary_answers.end()) {
    return known->second;
  }
  const std::optional<std::string> lemma = dictionaries->stem(name, options.hunspell_directory, fold_letters, word);
  std::string answer = lemma ? *lemma : word;  // no dictionary (unsupported encoding): unstemmed
  if (state.dictionary_answers.size() >= kMaxDictionaryAnswers) state.dictionary_answers.clear();
  state.dictionary_answers.emplace(word, answer);
  return answer;
}

std::string Analyzer::Impl::stem(LanguageState& state, std::string normalized) {
  if (state.dictionary) return dictionary_stem(state, std::move(normalized));
  if (state.stemmer) {
    std::string stemmed = (*state.stemmer)(normalized);
    if (state.row->arabic_normalization) strip_second_article(stemmed);
    return stemmed.empty() ? normalized : stemmed;
  }
  return normalized;
}

std::vector<Token> Analyzer::Impl::analyze(std::string_view text, std::string_view lang) {
  std::vector<Token> tokens;
  if (text.empty()) return tokens;
  LanguageState& state = state_for(lang);
  const LanguageRow& row = *state.row;
  current_lang = lang;
  decode(text);

  struct Span {
    int32_t begin16, end16;
    std::uint32_t position;
    bool stop_word;  // its characters and bigrams are parts of a stop word ("什么": 什, 么)
  };
  std::vector<Span> word_spans;  // for placing bigrams

  icu::BreakIterator& breaker = *state.breaker;
  breaker.setText(text16);
  // Word spans, split where a script written without spaces (Thai, Lao, Khmer, Myanmar: the
  // dictionary-segmented ones) meets a Latin word or a number: ICU keeps "NASUWTและ", "ปี2015มี"
  // as one word (UAX #29 joins letters of any script), which then matches neither "NASUWT" nor
  // "2015" typed on their own.
  // Only text with a letter of such a script (all at U+0E00 or above) is looked at letter by
  // letter. Measured (bench analyze_query/sample, µs per query, old → new): en 1.44 → 1.56,
  // ar 2.69 → 2.72 (with the conjunction variant), th 2.20 → 2.33; a query's search is ~500.
  bool unspaced_script = false;
  for (int32_t i = 0; i < text16.length() && !unspaced_script; ++i) {
    unspaced_script = text16[i] >= 0x0E00 &&
                      u_getIntPropertyValue(text16.char32At(i), UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT;
  }
  pieces.clear();
  for (int32_t start = breaker.first(), end = breaker.next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker.next()) {
    const int32_t status = breaker.getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;  // spaces, punctuation, symbols
    if (!unspaced_script) {
      pieces.push_back({start, end, status});
      continue;
    }
    const std::size_t first_piece = pieces.size();
    int32_t from = start;
    int previous_class = -1;  // 1: a script written without spaces, 0: any other
    bool digits = true;       // the piece so far is digits only
    const auto add_piece = [&](int32_t until) {
      pieces.push_back({from, until, digits ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER});
      from = until;
      digits = true;
    };
    for (int32_t i = start; i < end;) {
      const UChar32 cp = text16.char32At(i);
      const int8_t type = u_charType(cp);
      if (type != U_NON_SPACING_MARK && type != U_COMBINING_SPACING_MARK) {  // marks join their letter
        const int cls = u_getIntPropertyValue(cp, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT ? 1 : 0;
        if (previous_class >= 0 && cls != previous_class) add_piece(i);
        previous_class = cls;
      }
      digits = digits && type == U_DECIMAL_DIGIT_NUMBER;
      i += U16_LENGTH(cp);
    }
    add_piece(end);
    // Unsplit: ICU's own verdict (word, number, kana, ideographs) stands.
    if (pieces.size() == first_piece + 1) pieces.back().status = status;
  }
  std::uint32_t position = 0;
  std::string ascii;
  for (const Piece& piece : pieces) {
    const int32_t start = piece.start, end = piece.end;
    const int32_t status = piece.status;
    TokenKind kind = TokenKind::kWord;
    if (status < UBRK_WORD_NUMBER_LIMIT) {
      kind = TokenKind::kNumber;
    } else if (status >= UBRK_WORD_KANA) {
      kind = TokenKind::kIdeo;
    }
    int32_t word_start = start;
    // Elision: "l'adresse" → "adresse" (ICU keeps the apostrophe inside the word).
    if (!state.elisions.empty()) {
      for (int32_t i = start; i < end && i - start <= 8; ++i) {
        const char16_t c = text16[i];
        if (c != u'\'' && c != u'\u2019') continue;
        icu::UnicodeString prefix(text16, start, i - start);
        prefix.foldCase();
        if (i + 1 < end && std::find(state.elisions.begin(), state.elisions.end(), prefix) !=
                               state.elisions.end()) {
          word_start = i + 1;
        }
        break;
      }
    }
    const std::size_t begin_byte = byte_of_unit[static_cast<std::size_t>(word_start)];
    const std::size_t end_byte = byte_of_unit[static_cast<std::size_t>(end)];
    const std::string_view raw = text.substr(begin_byte, end_byte - begin_byte);

    std::string normalized;
    if (is_ascii(raw)) {
      normalized.assign(raw);
      for (char& c : normalized) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      normalized = normalize(state, icu::UnicodeString(text16, word_start, end - word_start));
    }
    // Apostrophes inside a word go: shoppers type "wont", "cant", "customers" for "won't",
    // "can't", "customer's" (elided articles were already split off above).
    strip_apostrophes(normalized);
    if (normalized.empty()) continue;

    Token token;
    token.kind = kind;
    token.begin = begin_byte;
    token.end = end_byte;
    token.stop_word = state.stop_words.count(normalized) > 0;
    std::string spelling_variant =
        row.arabic_normalization && kind == TokenKind::kWord ? arabic_spelling_variant(normalized) : std::string();
    if (!spelling_variant.empty()) {
      token.stop_word = token.stop_word || state.stop_words.count(spelling_variant) > 0;
      spelling_variant = stem(state, std::move(spelling_variant));
    }
    // The word before stemming, for the variants compared with its stem: Arabic's conjunction
    // variant, and the written form of the other Snowball rows (see below).
    std::string written =
        kind == TokenKind::kWord && state.stemmer && spelling_variant.empty() ? normalized : std::string();
    token.term = kind == TokenKind::kWord ? stem(state, std::move(normalized)) : std::move(normalized);
    if (token.term.empty() || token.term.size() > options.max_term_bytes) continue;
    // A dictionary row's stop list holds lemmas, and its inflected function words stand for them:
    // "jaki", "była", "którym" are stop words as "jak", "być", "który" are. In poquad's questions
    // every word so flagged is a pronoun or an auxiliary; poquad 0.9425 → 0.9437, no other cell
    // moved. (Snowball stems are not words: "wills" → "will" would be flagged.)
    if (state.dictionary && kind == TokenKind::kWord && !token.stop_word) {
      token.stop_word = state.stop_words.count(token.term) > 0;
    }
    if (row.arabic_normalization) {
      if (!written.empty()) spelling_variant = arabic_conjunction_variant(state, written, token.term);
      written.clear();  // Arabic has no written-form variant: its stemmer cuts into the root
    }
    token.position = position++;
    word_spans.push_back({word_start, end, token.position, token.stop_word});
    // Exact and folded forms both: "zamowienie" typed without marks finds "zamówienie", and an
    // exact match still outranks a folded one (the query weights folded forms lower). The Arabic
    // spelling variant is such a folded form too (no row has both), and so is the written form.
    std::string folded = !spelling_variant.empty() ? std::move(spelling_variant)
                         : row.fold_diacritics    ? fold(state, token.term)
                                                  : std::string();
    // Otherwise the word as written, where the stemmer cut an ending off it ("customs" beside
    // "custom"): an inflected form typed ranks the articles with that very form above those that
    // share only the stem ("customer" → "custom"), as an exact form ranks above a folded one.
    // Measured: corpus en 0.858 → 0.871, nb 0.940 → 0.948, norquad +0.004, xquad_r en/es
    // +0.003, xquad tr +0.002; banking77 −0.001, xquad de −0.0005. Only where the stem begins
    // the written word: every differing written form cost xquad_r de −0.0016 (German's stemmer
    // also drops umlauts; folding before the comparison, −0.0019). Not Arabic, whose stemmer cuts
    // prefixes and letters of the root ("تشحن", charges → "تشح") and whose variant slot holds
    // the spelling variants: corpus ar 0.904 → 0.893 (a charging question then ranked a shipping
    // article first). Not the Hunspell rows: a lemma is no stem of the form (corpus pl 0.896 →
    // 0.880).
    bool written_form = false;
    if ((folded.empty() || folded == token.term) && written.size() > token.term.size() &&
        written.starts_with(token.term)) {
      folded = std::move(written);
      written_form = true;
    }
    const bool add_folded = !folded.empty() && folded != token.term && folded.size() <= options.max_term_bytes;
    Token variant;
    if (add_folded) {
      variant.term = std::move(folded);
      variant.begin = token.begin;
      variant.end = token.end;
      variant.position = token.position;
      variant.kind = written_form ? TokenKind::kWrittenForm : TokenKind::kFolded;
      variant.stop_word = token.stop_word;
    }
    tokens.push_back(std::move(token));
    if (add_folded) tokens.push_back(std::move(variant));
  }

  if (row.cjk_ngrams) {
    // Overlapping bigrams and single characters of each Han/kana/Hangul run, so a query word
    // matches even where the dictionary segmented the document differently (重置 → 重 / 置).
    std::size_t next_span = 0;
    const int32_t length = text16.length();
    for (int32_t i = 0; i < length;) {
      const UChar32 first = text16.char32At(i);
      const int32_t second_at = i + U16_LENGTH(first);
      if (!is_cjk_bigram_char(first)) {
        i = second_at;
        continue;
      }
      // A Han character alone (a morpheme: 退 of 退货), unless it already is a one-character
      // dictionary word. Kana and Hangul syllables alone are sounds, not meanings: no unigrams.
      while (next_span + 1 < word_spans.size() && word_spans[next_span + 1].begin16 <= i) ++next_span;
      const bool in_span = next_span < word_spans.size() && word_spans[next_span].begin16 <= i;
      const bool whole_word = in_span && word_spans[next_span].begin16 == i && word_spans[next_span].end16 == second_at;
      if (!whole_word && is_han(first)) {
        Token unigram;
        unigram.kind = TokenKind::kUnigram;
        unigram.begin = byte_of_unit[static_cast<std::size_t>(i)];
        unigram.end = byte_of_unit[static_cast<std::size_t>(second_at)];
        unigram.position = in_span ? word_spans[next_span].position : 0;
        unigram.stop_word = in_span && word_spans[next_span].stop_word;
        unigram.term = normalize(state, icu::UnicodeString(text16, i, second_at - i));
        if (!unigram.term.empty()) tokens.push_back(std::move(unigram));
      }
      if (second_at >= length) break;
      const UChar32 second = text16.char32At(second_at);
      if (!is_cjk_bigram_char(second)) {
        i = second_at;
        continue;
      }
      const int32_t end16 = second_at + U16_LENGTH(second);
      while (next_span + 1 < word_spans.size() && word_spans[next_span + 1].begin16 <= i) ++next_span;
      const bool same_as_word = next_span < word_spans.size() &&
                                word_spans[next_span].begin16 == i && word_spans[next_span].end16 == end16;
      if (!same_as_word) {
        Token bigram;
        bigram.kind = TokenKind::kBigram;
        bigram.begin = byte_of_unit[static_cast<std::size_t>(i)];
        bigram.end = byte_of_unit[static_cast<std::size_t>(end16)];
        bigram.position = next_span < word_spans.size() ? word_spans[next_span].position : 0;
        bigram.stop_word = next_span < word_spans.size() && word_spans[next_span].begin16 <= i &&
                           end16 <= word_spans[next_span].end16 && word_spans[next_span].stop_word;
        bigram.term = normalize(state, icu::UnicodeString(text16, i, end16 - i));
        if (!bigram.term.empty()) tokens.push_back(std::move(bigram));
      }
      i = second_at;
    }
    std::stable_sort(tokens.begin(), tokens.end(),
                     [](const Token& a, const Token& b) { return a.begin < b.begin; });
  }
  // Adjacent word pairs as tokens of their own: a document that has "top up" ranks above one with
  // "top" and "up" apart, and Vietnamese words, which span syllables ("thẻ tín dụng"), match as
  // words. Unlike an OP_PHRASE boost (measured: worse everywhere), a pair has its own idf, so a
  // common pair ("of the") weighs next to nothing. Words and numbers: "super bowl 50", "apollo
  // 1", "30 days" tell articles apart where the number alone does not (measured: poquad +0.0013,
  // xquad_r vi +0.0009, xquad ru +0.0007, banking77 +0.0003; xquad_r el −0.0005, no other cell
  // down by as much). Not CJK runs: they have their bigrams. The index keeps pairs beside its
  // terms, not among them (index/word_pairs.h).
  std::vector<Token> pairs;
  const Token* previous = nullptr;
  for (const Token& t : tokens) {
    if (!row.word_pairs || !options.word_pairs) break;
    if (t.kind == TokenKind::kFolded || t.kind == TokenKind::kWrittenForm) continue;
    const bool pairable = t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber;
    if (pairable && previous != nullptr && previous->position + 1 == t.position &&
        previous->term.size() + 1 + t.term.size() <= options.max_term_bytes) {
      Token pair;
      pair.kind = TokenKind::kPair;
      pair.term = previous->term + " " + t.term;
      pair.begin = previous->begin;
      pair.end = t.end;
      pair.position = previous->position;
      pair.stop_word = previous->stop_word && t.stop_word;
      pairs.push_back(std::move(pair));
    }
    previous = pairable ? &t : nullptr;
  }
  // Last, after every other token: a word's folded variant stays right after it (the query
  // builder reads it there) and word tokens keep their order.
  for (auto& pair : pairs) tokens.push_back(std::move(pair));

  return tokens;
}

Analyzer::Analyzer(AnalysisOptions options) : impl_(std::make_unique<Impl>(options)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::vector<Token> Analyzer::analyze(std::string_view text, std::string_view lang) {
  return impl_->analyze(text, lang);
}

const AnalysisOptions& Analyzer::options() const noexcept { return impl_->options; }

std::string Analyzer::stemmer_in_use(std::string_view lang) {
  const LanguageState& state = impl_->state_for(lang);
  if (state.dictionary) return "hunspell:" + std::string(state.row->hunspell);
  return state.stemmer ? std::string(state.row->stemmer) : std::string();
}

}  // namespace faqsearch

namespace faqsearch::detail {

std::optional<std::string> SharedDictionaries::stem(std::string_view name, std::string_view directory,
                                                    const HunspellStemmer::FoldFunction& fold,
                                                    std::string_view word) {
  return stem_with(std::string(directory) + "/" + std::string(name), "",
                   [&] { return HunspellStemmer::open(name, directory, fold); }, word);
}

std::optional<std::string> SharedDictionaries::stem_reduced(
    std::string_view name, std::string_view directory, const HunspellStemmer::FoldFunction& fold,
    std::string_view scope, std::string_view version,
    const std::function<std::unordered_set<std::string>()>& lemmas, std::string_view word) {
  return stem_with(std::string(directory) + "/" + std::string(name) + "\n" + std::string(scope), version,
                   [&] {
                     // The lemma set moves into the keep function, which open() destroys before
                     // Hunspell parses: the two never peak together.
                     return HunspellStemmer::open(name, directory, fold,
                                                  [kept = lemmas()](std::string_view headword) {
                                                    return kept.count(std::string(headword)) > 0;
                                                  });
                   },
                   word);
}

std::optional<std::string> SharedDictionaries::stem_with(
    std::string key, std::string_view version, const std::function<std::unique_ptr<HunspellStemmer>()>& load,
    std::string_view word) {
  const std::lock_guard lock(mutex_);  // held while stemming: a replaced dictionary is not in use
  auto it = loaded_.find(key);
  if (it == loaded_.end() || it->second.version != version) {
    if (it != loaded_.end()) {
      it->second.stemmer.reset();  // before the new one loads: the two never peak together
    } else {
      it = loaded_.emplace(std::move(key), Loaded{}).first;
    }
    it->second.version = std::string(version);
    it->second.stemmer = load();
    // The load built and dropped a lemma set and Hunspell's parse buffers (~4 MB of a
    // Searcher's 50 MB at 10k articles, kept by the arena otherwise).
    release_freed_memory();
  }
  if (!it->second.stemmer) return std::nullopt;
  return it->second.stemmer->stem(word);
}

void AnalyzerHooks::set_lemma_table(Analyzer& analyzer, LemmaTable* table, UnseenWords unseen) {
  analyzer.impl_->lemma_table = table;
  analyzer.impl_->unseen_words = unseen;
}

void AnalyzerHooks::set_lemma_recorder(Analyzer& analyzer, LemmaRecorder* recorder) {
  analyzer.impl_->lemma_recorder = recorder;
}

std::string AnalyzerHooks::han_reading(Analyzer& analyzer, std::string_view han) {
  Analyzer::Impl& impl = *analyzer.impl_;
  if (!impl.han_latin && !impl.han_latin_unavailable) {
    UErrorCode status = U_ZERO_ERROR;
    impl.han_latin.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !impl.han_latin) {
      impl.han_latin.reset();
      impl.han_latin_unavailable = true;
    }
  }
  if (!impl.han_latin) return {};
  const std::string key(han);
  if (const auto it = impl.han_readings.find(key); it != impl.han_readings.end()) return it->second;
  if (impl.han_readings.size() >= Analyzer::Impl::kMaxReadings) impl.han_readings.clear();
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(han.data(), static_cast<int32_t>(han.size())));
  impl.han_latin->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  // Han-Latin leaves a character it has no reading for as it is: no reading, not a sound.
  if (!is_ascii(out)) out.clear();
  impl.han_readings.emplace(key, out);
  return out;
}

void AnalyzerHooks::share_dictionaries(Analyzer& analyzer, SharedDictionaries* dictionaries) {
  analyzer.impl_->dictionaries = dictionaries != nullptr ? dictionaries : &analyzer.impl_->own_dictionaries;
}

}  // namespace faqsearch::detail
