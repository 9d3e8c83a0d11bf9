#include "search/query_builder.h"

#include <algorithm>
#include <map>

#include "analysis/utf8.h"

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
        if (t.kind != TokenKind::kBigram && phrase_words.size() < kMaxPhraseTerms) {
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

  // Stop words only count when the query has nothing else ("how to" still finds something).
  const bool has_content = !phrases.empty() || std::any_of(words.begin(), words.end(), [](const Token& t) {
    return !t.stop_word;
  });
  std::map<std::string, Xapian::termcount> counts;  // ordered: deterministic query shape
  for (const Token& t : words) {
    if (has_content && t.stop_word) continue;
    if (counts.size() >= kMaxQueryTerms && !counts.count(t.term)) continue;
    ++counts[t.term];
  }

  std::vector<Xapian::Query> parts;
  for (const auto& [term, wqf] : counts) {
    parts.emplace_back(term, wqf);
    result.terms.insert(term);
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
