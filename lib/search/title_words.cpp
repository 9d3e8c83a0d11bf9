#include "search/title_words.h"

#include <algorithm>
#include <map>

#include "analysis/word_variants.h"
#include "search/ranking.h"
#include "search/synonym_expansion.h"

namespace faqsearch::detail {

namespace {

/// Completions of the last word its titles are looked for with: the most frequent, of the
/// few a search box shows.
constexpr std::size_t kCompletionsLookedFor = 3;

double kind_weight(const Token& t, bool has_variant) {
  const QueryTermWeights& w = kQueryTermWeights;
  switch (t.kind) {
    case TokenKind::kFolded:
    case TokenKind::kWrittenForm: return w.folded_variant;
    case TokenKind::kBigram: return w.cjk_bigram;
    case TokenKind::kUnigram: return w.cjk_unigram;
    default: return has_variant ? w.exact_with_variant : 1.0;
  }
}

/// The tokens of `text` in `lang` as words, one per position (word pairs left out).
std::vector<TypedWord> words_of(Analyzer& analyzer, const std::string& text, const std::string& lang,
                                std::size_t* last_word_end) {
  const std::vector<Token> tokens = analyzer.analyze(text, lang);
  std::map<std::uint32_t, std::vector<const Token*>> by_position;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kPair) by_position[t.position].push_back(&t);
  }
  std::vector<TypedWord> words;
  *last_word_end = 0;
  for (const auto& [position, at] : by_position) {
    const bool has_variant = std::any_of(at.begin(), at.end(), [](const Token* t) { return is_variant(t->kind); });
    TypedWord word;
    for (const Token* t : at) {
      word.terms.push_back({t->term, kind_weight(*t, has_variant)});
      word.stop_word = word.stop_word || t->stop_word;
      *last_word_end = std::max(*last_word_end, t->end);
    }
    words.push_back(std::move(word));
  }
  return words;
}

/// The last of `words` standing for the first of `completions` too (search/suggest.h).
void add_completions(Analyzer& analyzer, const std::string& lang, const std::vector<Completion>& completions,
                     TypedWord& last) {
  for (std::size_t i = 0; i < completions.size() && i < kCompletionsLookedFor; ++i) {
    const Completion& c = completions[i];
    std::size_t unused = 0;
    for (TypedWord& completed : words_of(analyzer, c.word, lang, &unused)) {
      last.terms.insert(last.terms.end(), completed.terms.begin(), completed.terms.end());
    }
  }
  last.stop_word = false;  // its completions are content words
}

/// Whether the words of `words` from `at` on are `entry`'s words, in order.
bool entry_at(const std::vector<TypedWord>& words, std::size_t at, const SynonymEntry& entry) {
  if (at + entry.words.size() > words.size()) return false;
  for (std::size_t i = 0; i < entry.words.size(); ++i) {
    const std::vector<std::string>& wanted = entry.words[i];
    const auto matches = [&](const WeightedTerm& t) {
      return std::find(wanted.begin(), wanted.end(), t.term) != wanted.end();
    };
    if (std::none_of(words[at + i].terms.begin(), words[at + i].terms.end(), matches)) return false;
  }
  return true;
}

/// Each word or run of `words` that is a synonym entry also looks for the group's other entries:
/// their words' terms, on the first word typed, together weighing the words typed times the
/// synonym weight, as the query builder weighs them ("money back" → "refund" about two words).
void add_synonyms(const LanguageSynonyms& synonyms, std::vector<TypedWord>& words) {
  std::vector<std::vector<WeightedTerm>> added(words.size());
  for (std::size_t at = 0; at < words.size(); ++at) {
    std::vector<std::size_t> applied;
    for (const WeightedTerm& t : words[at].terms) {
      const std::vector<std::size_t>* rules = synonyms.starting_with(t.term);
      if (rules == nullptr) continue;
      for (const std::size_t r : *rules) {
        const SynonymRule& rule = synonyms.rule(r);
        if (std::find(applied.begin(), applied.end(), r) != applied.end() || !entry_at(words, at, *rule.typed)) continue;
        applied.push_back(r);
        const auto typed = static_cast<double>(rule.typed->terms.size());
        for (const SynonymEntry* entry : rule.alternatives) {
          const double weight = kQueryTermWeights.synonym * typed / static_cast<double>(entry->terms.size());
          for (const std::string& term : entry->terms) added[at].push_back({term, weight});
        }
      }
    }
  }
  for (std::size_t at = 0; at < words.size(); ++at) {
    words[at].terms.insert(words[at].terms.end(), added[at].begin(), added[at].end());
  }
}

}  // namespace

std::vector<TypedWord> typed_words(Analyzer& analyzer, const std::string& text, const std::string& lang,
                                   const std::vector<Completion>& completions, const LanguageSynonyms* synonyms) {
  std::size_t end = 0;
  std::vector<TypedWord> words = words_of(analyzer, text, lang, &end);
  if (synonyms != nullptr && !synonyms->empty()) add_synonyms(*synonyms, words);
  if (words.empty() || end != text.size()) return words;
  if (completions.empty()) {
    words.back().prefix = words.back().terms.front().term;
  } else {
    add_completions(analyzer, lang, completions, words.back());
  }
  return words;
}

}  // namespace faqsearch::detail
