#include "search/synonym_expansion.h"

#include <memory>

#include "search/query_builder.h"

namespace faqsearch::detail {
namespace {

bool is_word(TokenKind kind) {
  return kind == TokenKind::kWord || kind == TokenKind::kNumber || kind == TokenKind::kIdeo;
}

SynonymEntry analyze_entry(Analyzer& analyzer, const std::string& text, const std::string& lang) {
  SynonymEntry entry;
  const std::vector<Token> tokens = analyzer.analyze(text, lang);
  for (const Token& t : tokens) {
    if (is_word(t.kind)) {
      entry.words.push_back({t.term});
      entry.terms.push_back(t.term);
      if (!t.stop_word) entry.highlighted.push_back(t.term);
    } else if (t.kind == TokenKind::kFolded && !entry.words.empty()) {
      entry.words.back().push_back(t.term);  // the variant of the word just before it
    }
  }
  return entry;
}

bool applies_to(const SynonymGroup& group, std::string_view lang) {
  return lang == group.lang || (lang.size() > group.lang.size() && lang.starts_with(group.lang) &&
                                lang[group.lang.size()] == '-');
}

}  // namespace

LanguageSynonyms::LanguageSynonyms(Analyzer& analyzer, const std::vector<SynonymGroup>& groups,
                                   std::string_view lang) {
  const std::string tag(lang);
  std::size_t count = 0;
  for (const SynonymGroup& g : groups) {
    if (applies_to(g, lang)) count += g.entries.size();
  }
  entries_.reserve(count);  // rules point into it
  for (const SynonymGroup& g : groups) {
    if (!applies_to(g, lang)) continue;
    const std::size_t first = entries_.size();
    for (const std::string& text : g.entries) entries_.push_back(analyze_entry(analyzer, text, tag));
    const std::size_t last = entries_.size();
    // An entry the analyzer finds no word in, or longer than a phrase may be, takes no part.
    const auto usable = [&](std::size_t i) {
      return !entries_[i].terms.empty() && entries_[i].terms.size() <= kMaxPhraseTerms;
    };
    for (std::size_t i = first; i < last; ++i) {
      if (g.one_way && i != first) break;
      if (!usable(i)) continue;
      SynonymRule rule{&entries_[i], {}};
      for (std::size_t j = first; j < last; ++j) {
        // Another entry the same once analyzed ("return", "returns") adds nothing.
        if (j != i && usable(j) && entries_[j].terms != entries_[i].terms) rule.alternatives.push_back(&entries_[j]);
      }
      if (rule.alternatives.empty()) continue;
      for (const std::string& term : rule.typed->words.front()) by_first_term_[term].push_back(rules_.size());
      rules_.push_back(std::move(rule));
    }
  }
}

const std::vector<std::size_t>* LanguageSynonyms::starting_with(const std::string& term) const {
  const auto it = by_first_term_.find(term);
  return it == by_first_term_.end() ? nullptr : &it->second;
}

const LanguageSynonyms* SynonymTable::for_language(Analyzer& analyzer, const std::string& lang) {
  if (groups_.empty()) return nullptr;
  auto it = by_language_.find(lang);
  if (it == by_language_.end()) {
    it = by_language_.emplace(lang, std::make_unique<LanguageSynonyms>(analyzer, groups_, lang)).first;
  }
  return it->second->empty() ? nullptr : it->second.get();
}

}  // namespace faqsearch::detail
