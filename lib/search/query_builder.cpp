#include "search/query_builder.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/utf8.h"
#include "index/schema.h"
#include "search/ranking.h"
#include "search/term_expansion.h"

namespace faqsearch::detail {
namespace {

/// Tokens that stand beside a word as another form of it (the analyzer puts them right after it).
bool is_variant(TokenKind kind) { return kind == TokenKind::kFolded || kind == TokenKind::kWrittenForm; }

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
// analyzer made (none in rows without word pairs), scored as a pair of a correction. Measured:
// xquad_r en +0.0006, es +0.0009, tr +0.0008; no cell down.
void add_corrected_pairs(const std::vector<Token>& words, const Token& mistyped,
                         const std::vector<std::string>& corrections, std::vector<Xapian::Query>& parts) {
  const std::string& word = mistyped.term;
  for (const Token& pair : words) {
    if (pair.kind != TokenKind::kPair || pair.term.size() <= word.size() + 1) continue;
    const std::string_view text = pair.term;
    const std::size_t split = text.size() - word.size() - 1;  // "left word" + " " + word
    std::vector<std::string> alternatives;
    if (pair.position + 1 == mistyped.position && text[split] == ' ' && text.substr(split + 1) == word) {
      const std::string left(text.substr(0, split + 1));  // with its space
      for (const auto& c : corrections) alternatives.push_back(word_pair_term(left + c));
    } else if (pair.position == mistyped.position && text[word.size()] == ' ' &&
               text.substr(0, word.size()) == word) {
      const std::string right(text.substr(word.size()));  // with its space
      for (const auto& c : corrections) alternatives.push_back(word_pair_term(c + right));
    }
    if (!alternatives.empty()) {
      parts.push_back(synonym_of(alternatives, kQueryTermWeights.typo_correction * kQueryTermWeights.word_pair));
    }
  }
}

// Corrections for words the vocabulary does not know, completions for the word being typed.
void expand(const Xapian::Database& db, const QueryExpansion& expansion, const std::vector<Token>& words,
            const std::vector<std::string>& typed, bool last_word_open, std::vector<Xapian::Query>& parts,
            TextQuery& result) {
  const ExpansionLimits limits;
  // The last word as typed (word pairs, variants and n-grams come after it in the token list).
  std::size_t last_word = words.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    const TokenKind k = words[i].kind;
    if (k == TokenKind::kWord || k == TokenKind::kNumber || k == TokenKind::kIdeo) last_word = i;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words[i];
    if (t.kind != TokenKind::kWord || t.stop_word) continue;
    const Token* variant = i + 1 < words.size() && is_variant(words[i + 1].kind) ? &words[i + 1] : nullptr;
    const bool last = last_word_open && i == last_word;
    // Only words no visible article contains are corrected or completed: a known word was meant
    // (completing "charge" to "charger" or a Thai word to longer ones only adds noise; measured
    // on corpus/: ar 0.79 → 0.84, th 0.86 → 0.91 against completing every last word).
    const bool known = db.term_exists(t.term) || (variant && db.term_exists(variant->term));
    if (known) continue;
    std::vector<std::string> alternatives;
    if (last && expansion.prefix_last_word) {
      // Complete what was typed and its folded form ("leveringsadr" → "leveringsadress").
      for (const std::string& prefix : {typed[i], variant ? variant->term : t.term}) {
        for (auto& c : prefix_completions(db, prefix, limits)) alternatives.push_back(std::move(c));
      }
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
    std::vector<std::string> forms = {variant ? variant->term : t.term, typed[i]};
    const std::vector<std::string> corrections = typo_candidates(db, forms, limits, expansion.partitions);
    if (!corrections.empty()) {
      parts.push_back(synonym_of(corrections, kQueryTermWeights.typo_correction));
      for (const auto& c : corrections) result.terms.insert(c);
      add_corrected_pairs(words, t, corrections, parts);
    }
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
        phrases.push_back(std::move(phrase_words));
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
  std::set<std::string> unhighlighted;  // scored, never marked: stop words, word pairs, written forms
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words[i];
    const std::string term = index_term(t);
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
    // place: looking its positions up in every hit cost snippets 205 → 251 µs p50 at 100k.
    if (t.kind == TokenKind::kWrittenForm) unhighlighted.insert(term);
    if (t.kind == TokenKind::kBigram) scale *= kQueryTermWeights.cjk_bigram;
    if (t.kind == TokenKind::kUnigram) scale *= kQueryTermWeights.cjk_unigram;
    if (t.kind == TokenKind::kPair) {
      scale *= kQueryTermWeights.word_pair;
      unhighlighted.insert(term);  // its words are highlighted already
    }
    Weighted& w = weighted[term];
    ++w.wqf;
    w.scale = std::max(w.scale, scale);
  }

  std::vector<Xapian::Query> parts;
  for (const auto& [term, w] : weighted) {
    Xapian::Query q(term, w.wqf);
    parts.push_back(w.scale == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, w.scale));
    if (!unhighlighted.count(term)) result.terms.insert(term);  // "the" scores a little; never marked
  }
  if (expansion.vocabulary) expand(*expansion.vocabulary, expansion, words, typed, last_word_open, parts, result);
  for (const auto& phrase : phrases) {
    std::vector<Xapian::Query> terms;
    for (const Token& t : phrase) {
      terms.emplace_back(t.term);
      result.terms.insert(t.term);
    }
    parts.emplace_back(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  }
  if (!parts.empty()) result.query = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  return result;
}

}  // namespace faqsearch::detail
