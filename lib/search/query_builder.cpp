#include "search/query_builder.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/utf8.h"
#include "search/ranking.h"

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

}  // namespace

TextQuery build_text_query(Analyzer& analyzer, std::string_view text, std::string_view lang) {
  if (text.size() > kMaxQueryBytes) text = text.substr(0, floor_char_boundary(text, kMaxQueryBytes));
  TextQuery result;
  std::vector<std::vector<Token>> phrases;
  std::vector<Token> words;
  for (const Segment& segment : split_phrases(text)) {
    std::vector<Token> tokens = analyzer.analyze(segment.text, lang);
    if (segment.phrase) {
      std::vector<Token> phrase_words;
      for (auto& t : tokens) {
        if (t.kind != TokenKind::kBigram && t.kind != TokenKind::kUnigram && t.kind != TokenKind::kFolded &&
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
    for (auto& t : tokens) words.push_back(std::move(t));
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
  std::set<std::string> stop_terms;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Token& t = words[i];
    if (weighted.size() >= kMaxQueryTerms && !weighted.count(t.term)) continue;
    double scale = 1.0;
    const bool has_variant = i + 1 < words.size() && words[i + 1].kind == TokenKind::kFolded &&
                             words[i + 1].begin == t.begin;
    if (has_variant) scale *= kQueryTermWeights.exact_with_variant;
    if (has_content && t.stop_word) {
      scale *= kQueryTermWeights.stop_word;
      stop_terms.insert(t.term);
    }
    if (t.kind == TokenKind::kFolded) scale *= kQueryTermWeights.folded_variant;
    if (t.kind == TokenKind::kBigram) scale *= kQueryTermWeights.cjk_bigram;
    if (t.kind == TokenKind::kUnigram) scale *= kQueryTermWeights.cjk_unigram;
    if (t.kind == TokenKind::kPair) {
      scale *= kQueryTermWeights.word_pair;
      stop_terms.insert(t.term);  // its words are highlighted already
    }
    Weighted& w = weighted[t.term];
    ++w.wqf;
    w.scale = std::max(w.scale, scale);
  }

  std::vector<Xapian::Query> parts;
  for (const auto& [term, w] : weighted) {
    Xapian::Query q(term, w.wqf);
    parts.push_back(w.scale == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, w.scale));
    if (!stop_terms.count(term)) result.terms.insert(term);  // "the" scores a little; never marked
  }
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
