// Synonyms at query time: a query word or phrase of a synonym group (faqsearch/synonyms.h) also
// looks for the group's other entries.
//
// Entries are analyzed by the searcher's analyzer, as the articles were, so they match what the
// query's words became (stems, lemmas, folded forms): the entry "return" matches "returns" and
// "returned", and "uk" brings in the phrase "united kingdom" as the articles' terms.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/synonyms.h"

namespace faqsearch::detail {

/// One entry of a group, analyzed: its words' terms, in order.
struct SynonymEntry {
  /// Per word, the terms it matches in a query: its term and, where the language folds, its
  /// folded variant ("zwrot" beside "zwrót").
  std::vector<std::vector<std::string>> words;
  /// Per word, the exact term that is searched for (positions exist for these).
  std::vector<std::string> terms;
  /// Terms to highlight (not stop words).
  std::vector<std::string> highlighted;
};

/// What a typed entry brings in.
struct SynonymRule {
  const SynonymEntry* typed;
  std::vector<const SynonymEntry*> alternatives;
};

/// The synonym rules of one language, indexed by the first word's terms.
class LanguageSynonyms {
 public:
  LanguageSynonyms(Analyzer& analyzer, const std::vector<SynonymGroup>& groups, std::string_view lang);
  LanguageSynonyms(const LanguageSynonyms&) = delete;
  LanguageSynonyms& operator=(const LanguageSynonyms&) = delete;

  [[nodiscard]] bool empty() const noexcept { return rules_.empty(); }

  /// The rules whose typed entry starts with a word matching `term`.
  [[nodiscard]] const std::vector<std::size_t>* starting_with(const std::string& term) const;
  [[nodiscard]] const SynonymRule& rule(std::size_t i) const { return rules_[i]; }

 private:
  std::vector<SynonymEntry> entries_;  // every entry of every group of the language
  std::vector<SynonymRule> rules_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_term_;
};

/// An index's synonyms, analyzed per language on first use. Not thread-safe (like the Searcher
/// that owns it and the analyzer it uses).
class SynonymTable {
 public:
  SynonymTable() = default;
  explicit SynonymTable(std::vector<SynonymGroup> groups) : groups_(std::move(groups)) {}

  /// The rules of `lang` (a canonical tag; groups of its base language apply too: "en" to
  /// "en-GB"), analyzed with `analyzer`. Null when the language has none.
  const LanguageSynonyms* for_language(Analyzer& analyzer, const std::string& lang);

 private:
  std::vector<SynonymGroup> groups_;
  std::map<std::string, std::unique_ptr<LanguageSynonyms>, std::less<>> by_language_;
};

/// The synonyms of a query's words (`words`, the analyzer's tokens of the query): wherever a
/// rule's typed entry occurs among them, a phrase's words in order with at most one other word
/// between ("send it back"), the rule's other entries are searched too, scaled below what was
/// typed: its one-word entries as one OP_SYNONYM term (a five-entry group does not outweigh one
/// word), each phrase entry as a phrase ("uk" → "united kingdom"). Appends to `parts` while it
/// holds fewer than `max_parts`, and the entries' terms to highlight to `highlighted`.
void add_synonym_queries(const LanguageSynonyms& synonyms, const std::vector<Token>& words, std::size_t max_parts,
                         std::vector<Xapian::Query>& parts, std::unordered_set<std::string>& highlighted);

}  // namespace faqsearch::detail
