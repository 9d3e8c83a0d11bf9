#include "search/query_builder.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "analysis/word_variants.h"
#include "index/schema.h"
#include "index/word_pairs.h"
#include "search/compound_parts.h"
#include "search/ranking.h"
#include "search/synonym_expansion.h"
#include "search/term_expansion.h"

namespace faqsearch::detail {
namespace {

struct Segment {
  std::string_view text;
  bool phrase;
};

// Splits on double quotes: odd segments are phrases. An unbalanced quote ends at the text's end.
std::vector<Segment> split_phrases(std::string_view text) {
  std::vector<Segment> out;
  bool phrase = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '"') {
      if (i > start) out.push_back({text.substr(start, i - start), phrase});
      phrase = !phrase;
      start = i + 1;
    }
  }
  return out;
}

// ASCII-lower-cased bytes of what was typed: the unstemmed spelling, for typo matching (scripts
// with case beyond ASCII reach the analyzer's term anyway).
std::string typed_form(std::string_view bytes) {
  std::string out(bytes);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Xapian::Query synonym_of(const std::vector<std::string>& terms, double scale) {
  std::vector<Xapian::Query> parts(terms.begin(), terms.end());
  // OP_SYNONYM scores the alternatives as one term: three completions do not triple the weight.
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end()), scale);
}

// The word pairs the analyzer made of a mistyped word, with each correction in its place: "no
// confirmation emial" looks for "confirm email" as well as "confirm" and "email". A mistyped
// word's own pairs match nothing, so without these a typo cost its pairs too. Only pairs the
// analyzer made (none in rows without word pairs), scored as a pair of a correction.
void add_corrected_pairs(const std::vector<Token>& words, const Token& mistyped,
                         const std::vector<std::string>& corrections, std::vector<QueryPair>& pairs) {
  const std::string& word = mistyped.term;
  for (const Token& pair : words) {
    if (pair.kind != TokenKind::kPair || pair.term.size() <= word.size() + 1) continue;
    const std::string_view text = pair.term;
    const std::size_t split = text.size() - word.size() - 1;  // "left word" + " " + word
    QueryPair corrected;
    if (pair.position + 1 == mistyped.position && text[split] == ' ' && text.substr(split + 1) == word) {
      const std::string left(text.substr(0, split + 1));  // with its space
      for (const auto& c : corrections) corrected.texts.push_back(left + c);
    } else if (pair.position == mistyped.position && text[word.size()] == ' ' &&
               text.substr(0, word.size()) == word) {
      const std::string right(text.substr(word.size()));  // with its space
      for (const auto& c : corrections) corrected.texts.push_back(c + right);
    }
    if (!corrected.texts.empty()) {
      for (const auto& alternative : corrected.texts) corrected.hashes.push_back(word_pair_hash(alternative));
      corrected.scale = kQueryTermWeights.typo_correction * kQueryTermWeights.word_pair;
      pairs.push_back(std::move(corrected));
    }
  }
}

// A CJK Unified Ideograph (the blocks a pinyin input method writes from).
bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF);
}

// Han typos. Chinese is typed through a pinyin input method, and its typo is a homophone picked
// from the candidate list: 注消 for 注销 (both zhù xiāo). The wrong character makes the bigrams
// it is part of unknown, and the dictionary segments nothing useful out of them. So the second
// character of an unknown bigram, unless it forms a known bigram with the character after it,
// is replaced by the characters that sound like it and form a known bigram with the one before
// it (注? → 注销); those that also form one with the character after it come first (?账 → 销账),
// and both corrected bigrams are searched. Sounding alike is what keeps this safe on questions,
// which have many bigrams no passage has, far too many of which known bigrams alone would
// "correct". Requiring both neighbours to fit missed "如何注消" and "账号注消".
// The first character of a run is not corrected: its candidates would need a suffix scan.
void correct_han_bigrams(Analyzer& analyzer, const Xapian::Database& db, const std::vector<Token>& words,
                         const std::vector<std::string>& typed, std::vector<Xapian::Query>& parts,
                         TextQuery& result) {
  struct Bigram {
    std::string first, second;  // the two characters of its term
    std::size_t middle;         // where its second character begins in the text
    bool known;
  };
  // Two-character Han terms by where they begin: bigrams, and dictionary words that stand for
  // their bigram (the analyzer emits no bigram equal to a word).
  std::map<std::size_t, Bigram> by_begin;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words[i];
    if (t.kind != TokenKind::kBigram && t.kind != TokenKind::kIdeo) continue;
    std::size_t first_bytes = 0, second_bytes = 0, typed_first = 0;
    const char32_t a = decode_utf8(t.term, 0, first_bytes);
    if (first_bytes >= t.term.size()) continue;
    const char32_t b = decode_utf8(t.term, first_bytes, second_bytes);
    if (first_bytes + second_bytes != t.term.size() || !is_han(a) || !is_han(b)) continue;
    decode_utf8(typed[i], 0, typed_first);  // offsets count the bytes as typed
    by_begin.emplace(t.begin, Bigram{t.term.substr(0, first_bytes), t.term.substr(first_bytes),
                                     t.begin + typed_first, db.term_exists(t.term)});
  }
  const ExpansionLimits limits;
  // The reading of the character being replaced, asked only once a candidate is found (the first
  // reading loads the transliterator).
  std::string_view replaced;
  std::optional<std::string> reading;
  const auto sounds_alike = [&](std::string_view x) {
    if (!reading) reading = AnalyzerHooks::han_reading(analyzer, replaced);
    return !reading->empty() && AnalyzerHooks::han_reading(analyzer, x) == *reading;
  };
  std::size_t scans = 0;
  for (const auto& [begin, b] : by_begin) {
    if (b.known) continue;
    const auto next = by_begin.find(b.middle);
    if (next != by_begin.end() && next->second.known) continue;  // its second character fits the next one
    if (scans++ == limits.max_han_scans) break;
    replaced = b.second;
    reading.reset();
    const std::string right = next == by_begin.end() ? std::string() : next->second.second;
    std::vector<std::string> left_terms, right_terms;
    for (const auto& x : han_substitutions(db, b.first, b.second, right, limits, sounds_alike)) {
      left_terms.push_back(b.first + x.character);
      if (x.fits_right) right_terms.push_back(x.character + right);
    }
    // Weighted as a typo correction of a bigram; each bigram as a synonym of its alternatives.
    for (const auto* terms : {&left_terms, &right_terms}) {
      if (terms->empty()) continue;
      parts.push_back(synonym_of(*terms, kQueryTermWeights.typo_correction * kQueryTermWeights.cjk_bigram));
      for (const auto& c : *terms) result.terms.insert(c);
    }
  }
}

// Runs of two or three adjacent query words, nothing between them, whose joined text the index
// holds as one word: a dictionary segments a text by its context, so an article's "ป่าดิบชื้น" is
// "ป่าดิบ" + "ชื้น" where a query's "ในเขตป่าดิบชื้นอเมซอน" has "ป่า" + "ดิบ" + "ชื้น". Each joined word
// is searched for too, weighing a part of each word it joins (as a synonym's alternatives do).
void add_joined_compounds(const Xapian::Database& db, const std::vector<Token>& words,
                          std::vector<Xapian::Query>& parts, TextQuery& result) {
  constexpr std::size_t kMaxJoinedWords = 3;
  std::vector<const Token*> run;  // the query's words, in order
  for (const Token& t : words) {
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kIdeo) run.push_back(&t);
  }
  std::set<std::string> added;
  for (std::size_t i = 0; i < run.size(); ++i) {
    std::string joined = run[i]->term;
    for (std::size_t k = i + 1; k < run.size() && k < i + kMaxJoinedWords; ++k) {
      if (run[k]->position != run[k - 1]->position + 1 || run[k]->begin != run[k - 1]->end) break;
      joined += run[k]->term;
      if (parts.size() >= kMaxQueryTerms * 2 || added.count(joined) || !db.term_exists(joined)) continue;
      added.insert(joined);
      const double words_joined = static_cast<double>(k - i + 1);
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(joined),
                         kQueryTermWeights.joined_compound * words_joined);
      result.terms.insert(joined);
    }
  }
}

// Corrections for words the vocabulary does not know, completions for the word being typed.
void expand(Analyzer& analyzer, const Xapian::Database& db, const QueryExpansion& expansion,
            std::string_view lang, const std::vector<Token>& words, const std::vector<std::string>& typed,
            bool last_word_open, std::vector<Xapian::Query>& parts, TextQuery& result) {
  ExpansionLimits limits;
  limits.max_expanded_words = expansion.max_expanded_words;
  const LanguageRow& row = find_language_row(lang);
  // The last word as typed (word pairs, variants and n-grams come after it in the token list).
  std::size_t last_word = words.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    const TokenKind k = words[i].kind;
    if (k == TokenKind::kWord || k == TokenKind::kNumber || k == TokenKind::kIdeo) last_word = i;
  }
  std::size_t expanded_words = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words[i];
    if (t.kind != TokenKind::kWord || t.stop_word) continue;
    const Token* variant = i + 1 < words.size() && is_variant(words[i + 1].kind) ? &words[i + 1] : nullptr;
    const bool last = last_word_open && i == last_word;
    // Only words no visible article contains are corrected or completed: a known word was meant
    // (completing "charge" to "charger" or a Thai word to longer ones only adds noise).
    const bool known = db.term_exists(t.term) || (variant && db.term_exists(variant->term));
    if (known) continue;
    if (expanded_words++ == limits.max_expanded_words) break;
    // A compound of known words is what was meant, not a typo.
    if (row.split_compounds) {
      if (auto split = compound_parts(analyzer, db, lang, typed[i])) {
        for (std::string* part : {&split->first, &split->second}) {
          parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*part),
                             kQueryTermWeights.compound_part);
          result.terms.insert(std::move(*part));
        }
        continue;
      }
    }
    std::vector<std::string> alternatives;
    if (last && expansion.prefix_last_word) {
      // Complete what was typed and its folded form ("leveringsadr" → "leveringsadress").
      for (const std::string& prefix : {typed[i], variant ? variant->term : t.term}) {
        for (auto& c : prefix_completions(db, prefix, limits)) alternatives.push_back(std::move(c));
      }
      // A Korean word caught mid-syllable ("뱃" on the way to "배송").
      for (auto& c : open_syllable_completions(db, t.term, limits)) alternatives.push_back(std::move(c));
      std::sort(alternatives.begin(), alternatives.end());
      alternatives.erase(std::unique(alternatives.begin(), alternatives.end()), alternatives.end());
      alternatives.erase(std::remove_if(alternatives.begin(), alternatives.end(),
                                        [&](const std::string& a) { return a == t.term || (variant && a == variant->term); }),
                         alternatives.end());
      if (!alternatives.empty()) {
        parts.push_back(synonym_of(alternatives, kQueryTermWeights.prefix_completion));
        for (const auto& a : alternatives) result.terms.insert(a);
      }
    }
    // A word still being typed that known words begin is unfinished, not mistyped: correcting
    // it too scanned the vocabulary for nothing (and, for Polish, the lemma tables' word forms),
    // which was most of the bench's prefix-query tail.
    if (!expansion.typos || !alternatives.empty()) continue;
    // The typed spelling and the folded form (typed without marks), or else the stem: a written
    // form is the typed spelling again, and its corrections would be written forms only, terms
    // without positions ("kundeservise" → "kundeservice", where the stem "kundeservis" finds the
    // articles' stem "kundeservic").
    const bool folded = variant && variant->kind == TokenKind::kFolded;
    std::vector<std::string> forms = {folded ? variant->term : t.term, typed[i]};
    const std::vector<std::string> corrections = typo_candidates(db, forms, limits, expansion.partitions);
    if (!corrections.empty()) {
      parts.push_back(synonym_of(corrections, kQueryTermWeights.typo_correction));
      for (const auto& c : corrections) result.terms.insert(c);
      add_corrected_pairs(words, t, corrections, result.pairs);
    }
  }
  if (row.joined_compounds) add_joined_compounds(db, words, parts, result);
  if (expansion.typos && row.pinyin_typos) {
    correct_han_bigrams(analyzer, db, words, typed, parts, result);
  }
}

}  // namespace

TextQuery build_text_query(Analyzer& analyzer, std::string_view text, std::string_view lang,
                           const QueryExpansion& expansion) {
  if (text.size() > kMaxQueryBytes) text = text.substr(0, floor_char_boundary(text, kMaxQueryBytes));
  TextQuery result;
  std::vector<std::vector<Token>> phrases;
  std::vector<Token> words;
  std::vector<std::string> typed;  // per word: what was typed, lower-cased
  bool last_word_open = false;
  for (const Segment& segment : split_phrases(text)) {
    std::vector<Token> tokens = analyzer.analyze(segment.text, lang);
    if (segment.phrase) {
      std::vector<Token> phrase_words;
      for (auto& t : tokens) {
        if (t.kind != TokenKind::kBigram && t.kind != TokenKind::kUnigram && !is_variant(t.kind) &&
            t.kind != TokenKind::kPair &&
            phrase_words.size() < kMaxPhraseTerms) {
          phrase_words.push_back(std::move(t));
        }
      }
      if (phrase_words.size() > 1) {
        // A phrase said twice is one phrase query: each costs a posting list per partition.
        const auto same = [&](const std::vector<Token>& other) {
          return std::equal(other.begin(), other.end(), phrase_words.begin(), phrase_words.end(),
                            [](const Token& a, const Token& b) { return a.term == b.term; });
        };
        if (std::none_of(phrases.begin(), phrases.end(), same)) phrases.push_back(std::move(phrase_words));
        continue;
      }
      tokens = std::move(phrase_words);
    }
    std::size_t segment_end = 0;  // where this segment's last token ends
    for (auto& t : tokens) {
      segment_end = std::max(segment_end, t.end);
      typed.push_back(typed_form(segment.text.substr(t.begin, t.end - t.begin)));
      words.push_back(std::move(t));
    }
    // Still being typed: the text ends inside the last word (no space, no punctuation after it).
    last_word_open = !segment.phrase && !tokens.empty() && segment_end == segment.text.size() &&
                     segment.text.data() + segment.text.size() == text.data() + text.size();
  }

  // Every word counts, but not equally: a stop word ("not", "how") still tells intents apart
  // ("card not working"), so it is kept at a fraction of a content word's weight; a folded
  // variant matches what was typed without marks but ranks below the exact form.
  const bool has_content = !phrases.empty() || std::any_of(words.begin(), words.end(), [](const Token& t) {
    return !t.stop_word;
  });
  struct Weighted {
    Xapian::termcount wqf = 0;
    double scale = 0;
  };
  std::map<std::string, Weighted> weighted;  // ordered: deterministic query shape
  std::map<std::string, Weighted> weighted_pairs;  // by text (ordered: deterministic)
  std::set<std::string> unhighlighted;  // scored, never marked: stop words, written forms
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words[i];
    const std::string& term = t.term;
    if (t.kind == TokenKind::kPair) {
      // Not a term: scored on the top of the ranking, and never highlighted (its words are).
      if (weighted_pairs.size() >= kMaxQueryTerms && !weighted_pairs.count(term)) continue;
      double scale = kQueryTermWeights.word_pair;
      if (has_content && t.stop_word) scale *= kQueryTermWeights.stop_word;
      Weighted& w = weighted_pairs[term];
      ++w.wqf;
      w.scale = std::max(w.scale, scale);
      continue;
    }
    if (weighted.size() >= kMaxQueryTerms && !weighted.count(term)) continue;
    double scale = 1.0;
    const bool has_variant = i + 1 < words.size() && is_variant(words[i + 1].kind) && words[i + 1].begin == t.begin;
    if (has_variant) scale *= kQueryTermWeights.exact_with_variant;
    if (has_content && t.stop_word) {
      scale *= kQueryTermWeights.stop_word;
      unhighlighted.insert(t.term);
    }
    if (is_variant(t.kind)) scale *= kQueryTermWeights.folded_variant;
    // A written form has no positions, and its word is highlighted through its stem at the same
    // place: looking its positions up in every hit would cost snippets for nothing.
    if (t.kind == TokenKind::kWrittenForm) unhighlighted.insert(term);
    if (t.kind == TokenKind::kBigram) scale *= kQueryTermWeights.cjk_bigram;
    if (t.kind == TokenKind::kUnigram) scale *= kQueryTermWeights.cjk_unigram;
    Weighted& w = weighted[term];
    ++w.wqf;
    w.scale = std::max(w.scale, scale);
  }

  for (const auto& [pair_text, w] : weighted_pairs) {
    result.pairs.push_back(QueryPair{{pair_text}, {word_pair_hash(pair_text)}, w.wqf, w.scale});
  }
  std::vector<Xapian::Query> parts;
  const auto known = [&](const std::string& term) {
    return expansion.known_terms == nullptr || expansion.known_terms->term_exists(term);
  };
  for (const auto& [term, w] : weighted) {
    if (!known(term)) continue;
    Xapian::Query q(term, w.wqf);
    parts.push_back(w.scale == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, w.scale));
    if (!unhighlighted.count(term)) result.terms.insert(term);  // "the" scores a little; never marked
  }
  if (expansion.synonyms != nullptr) add_synonym_queries(*expansion.synonyms, words, kMaxQueryTerms * 2, parts, result.terms);
  if (expansion.vocabulary) {
    expand(analyzer, *expansion.vocabulary, expansion, lang, words, typed, last_word_open, parts, result);
  }
  for (const auto& phrase : phrases) {
    std::vector<Xapian::Query> terms;
    for (const Token& t : phrase) {
      terms.emplace_back(t.term);
      result.terms.insert(t.term);
    }
    if (!std::all_of(phrase.begin(), phrase.end(), [&](const Token& t) { return known(t.term); })) continue;
    parts.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  }
  if (!parts.empty()) result.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return result;
}

}  // namespace faqsearch::detail
