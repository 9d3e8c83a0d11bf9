#include "search/synonym_expansion.h"

#include <algorithm>
#include <memory>
#include <set>

#include "analysis/word_variants.h"
#include "search/query_builder.h"
#include "search/ranking.h"

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

// Whether an entry's words (`wanted`, each a word's terms) follow one another in the query from
// typed[at] on, each matching by term or folded variant, with at most one other word among them
// in all: shoppers split a phrasal verb around its object ("send it back", "log me in").
template <typename Matches>
bool phrase_found(const std::vector<std::vector<const std::string*>>& typed, std::size_t at,
                  const std::vector<std::vector<std::string>>& wanted, const Matches& matches) {
  constexpr std::size_t kMaxWordsBetween = 1;
  std::size_t skipped = 0;
  std::size_t next = at + 1;
  for (std::size_t k = 1; k < wanted.size(); ++k) {
    while (next < typed.size() && !matches(typed[next], wanted[k]) && skipped < kMaxWordsBetween) {
      ++next;
      ++skipped;
    }
    if (next >= typed.size() || !matches(typed[next], wanted[k])) return false;
    ++next;
  }
  return true;
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

void add_synonym_queries(const LanguageSynonyms& synonyms, const std::vector<Token>& words, std::size_t max_parts,
                         std::vector<Xapian::Query>& parts, std::unordered_set<std::string>& highlighted) {
  // The query's words, each with the terms it matches: its own and its variant's.
  std::vector<std::vector<const std::string*>> typed;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!is_word(words[i].kind)) continue;
    typed.push_back({&words[i].term});
    if (i + 1 < words.size() && is_variant(words[i + 1].kind) && words[i + 1].begin == words[i].begin) {
      typed.back().push_back(&words[i + 1].term);
    }
  }
  const auto matches = [](const std::vector<const std::string*>& word, const std::vector<std::string>& wanted) {
    return std::any_of(word.begin(), word.end(), [&](const std::string* term) {
      return std::find(wanted.begin(), wanted.end(), *term) != wanted.end();
    });
  };
  std::set<std::size_t> applied;  // a rule matched twice adds its alternatives once
  for (std::size_t at = 0; at < typed.size(); ++at) {
    for (const std::string* term : typed[at]) {
      const std::vector<std::size_t>* candidates = synonyms.starting_with(*term);
      if (candidates == nullptr) continue;
      for (const std::size_t r : *candidates) {
        if (applied.count(r) || parts.size() >= max_parts) continue;
        const SynonymRule& rule = synonyms.rule(r);
        if (!phrase_found(typed, at, rule.typed->words, matches)) continue;
        applied.insert(r);
        // The alternatives stand for every word typed of the entry: "too small" → "another size"
        // weighs about two words (times kQueryTermWeights.synonym), as "too small" did, and
        // "money back" → "refund" about two.
        const double typed_words = static_cast<double>(rule.typed->terms.size());
        std::vector<Xapian::Query> single_words;
        for (const SynonymEntry* entry : rule.alternatives) {
          highlighted.insert(entry->highlighted.begin(), entry->highlighted.end());
          if (entry->terms.size() == 1) {
            single_words.emplace_back(entry->terms.front());
            continue;
          }
          // A phrase stands beside them: inside OP_SYNONYM its wdf would be the sum of its words'
          // (Xapian approximates a non-term's wdf so), so "united kingdom" would outweigh the
          // "uk" typed. Scaled by its length, it weighs about one of its words per word typed.
          const double scale =
              kQueryTermWeights.synonym * typed_words / static_cast<double>(entry->terms.size());
          parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_PHRASE, entry->terms.begin(), entry->terms.end(),
                                           entry->terms.size()),
                             scale);
        }
        if (!single_words.empty()) {
          parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                             Xapian::Query(Xapian::Query::OP_SYNONYM, single_words.begin(), single_words.end()),
                             kQueryTermWeights.synonym * typed_words);
        }
      }
    }
  }
}

}  // namespace faqsearch::detail
