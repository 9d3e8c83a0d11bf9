#include "search/title_suggest.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "analysis/utf8.h"
#include "index/schema.h"
#include "search/ranking.h"
#include "search/signal_boost.h"
#include "search/signal_table.h"
#include "search/synonym_expansion.h"
#include "search/snippet.h"
#include "search/term_expansion.h"
#include "search/title_words.h"
#include "search/translations.h"

namespace faqsearch::detail {

namespace {

/// Titles kept per partition before translations collapse: an article can match in each of its
/// languages, and a fallback one can give way to its preferred translation.
constexpr std::size_t kCandidatesPerWanted = 4;
/// Title terms a word still being typed stands for when no completion was given, the most
/// frequent of those it begins; the terms scanned to find them.
constexpr std::size_t kMaxPrefixTerms = 32;
constexpr std::size_t kMaxPrefixScan = 5000;

/// The titles of one language's partitions of a plan, matched as one index's: term statistics
/// are summed over them, so a language split over shards or audiences ranks its titles as one
/// partition holding them all would.
struct LanguageTitles {
  std::vector<std::size_t> partitions;  ///< indexes into the plan's partitions
  std::vector<const TitleTable::Titles*> titles;
  Xapian::doccount titled = 0;

  [[nodiscard]] std::size_t documents(const std::string& term) const {
    std::size_t n = 0;
    for (const TitleTable::Titles* t : titles) n += t->documents_of(term).size();
    return n;
  }
  [[nodiscard]] double idf(std::size_t documents) const {
    return std::log(1.0 + static_cast<double>(titled) / static_cast<double>(documents));
  }
};

/// The most frequent of the titles' terms that complete `prefix` (kMaxPrefixTerms), a term of
/// several partitions counting the titles of all.
std::vector<WeightedTerm> title_completions(const LanguageTitles& language, const std::string& prefix) {
  std::vector<std::pair<std::string_view, std::size_t>> found;  // term, titles; sorted by term
  for (const TitleTable::Titles* titles : language.titles) {
    const auto [first, last] = titles->completions_of(prefix);
    const auto middle = static_cast<std::ptrdiff_t>(found.size());
    for (std::size_t i = first; i < last && i < first + kMaxPrefixScan; ++i) {
      found.emplace_back(titles->terms[i], titles->documents_at(i).size());
    }
    std::inplace_merge(found.begin(), found.begin() + middle, found.end());
  }
  std::vector<std::pair<std::string_view, std::size_t>> terms;
  for (const auto& [term, titles] : found) {
    if (!terms.empty() && terms.back().first == term) {
      terms.back().second += titles;
    } else {
      terms.emplace_back(term, titles);
    }
  }
  const std::size_t keep = std::min(terms.size(), kMaxPrefixTerms);
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(keep), terms.end(),
                    [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::vector<WeightedTerm> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back({std::string(terms[i].first), kQueryTermWeights.prefix_completion});
  return out;
}

/// The titles' terms one or two edits from `term` (a word no title holds), as the search's typo
/// tolerance finds them (term_expansion.h ExpansionLimits): sharing its first character, or its
/// first two when long; nearest, then in the most titles, first.
std::vector<WeightedTerm> title_typos(const LanguageTitles& language, const std::string& term) {
  const ExpansionLimits limits;
  const std::u32string typed = decode_utf8(term);
  if (typed.size() < limits.min_typo_length) return {};
  const std::size_t allowed = typed.size() >= limits.two_typos_length ? 2 : 1;
  const std::size_t shared = typed.size() >= limits.two_letter_prefix_length ? 2 : 1;
  std::string start;
  for (std::size_t i = 0; i < shared; ++i) append_utf8(start, typed[i]);
  const LetterCounts letters(typed);
  std::map<std::string, std::pair<std::size_t, std::size_t>> near;  // term → distance, titles
  for (const TitleTable::Titles* titles : language.titles) {
    auto it = std::lower_bound(titles->terms.begin(), titles->terms.end(), start);
    for (std::size_t scanned = 0; it != titles->terms.end() && it->starts_with(start) && scanned < limits.max_scanned_terms;
         ++it, ++scanned) {
      if (LetterCounts(*it).distance_floor(letters) > allowed) continue;
      const std::size_t distance = bounded_edit_distance(decode_utf8(*it), typed, allowed);
      if (distance < 1 || distance > allowed) continue;
      auto& [d, n] = near[*it];
      d = distance;
      n += titles->documents_at(static_cast<std::size_t>(it - titles->terms.begin())).size();
    }
  }
  std::vector<std::pair<std::string, std::pair<std::size_t, std::size_t>>> ranked(near.begin(), near.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second.first != b.second.first ? a.second.first < b.second.first : a.second.second > b.second.second;
  });
  std::vector<WeightedTerm> out;
  for (std::size_t i = 0; i < ranked.size() && i < limits.max_candidates; ++i) {
    out.push_back({ranked[i].first, kQueryTermWeights.typo_correction});
  }
  return out;
}

/// A word as its titles are scored: each term found and what a title holding it scores.
struct ScoredWord {
  std::vector<std::pair<std::string, double>> terms;
  bool stop_word = false;
};

/// The terms `word` is looked for as: its own, its titles' completions when it is still being
/// typed without any, and its typo corrections when no title holds any of those (while
/// `typo_scans` lasts); each with its weight times its idf among the titles, those no title
/// holds left out.
ScoredWord scored_word(const LanguageTitles& language, const TypedWord& word, double scale, std::size_t& typo_scans) {
  std::vector<WeightedTerm> terms = word.terms;
  if (!word.prefix.empty()) {
    const std::vector<WeightedTerm> completed = title_completions(language, word.prefix);
    terms.insert(terms.end(), completed.begin(), completed.end());
  }
  ScoredWord out{{}, word.stop_word};
  for (const WeightedTerm& t : terms) {
    if (const std::size_t n = language.documents(t.term); n > 0) out.terms.emplace_back(t.term, scale * t.weight * language.idf(n));
  }
  // Each correction scans the titles' terms: a query of a hundred made-up words corrects as many
  // as a search expands (ExpansionLimits::max_expanded_words).
  if (!out.terms.empty() || word.stop_word || typo_scans == 0) return out;
  --typo_scans;
  for (const WeightedTerm& t : title_typos(language, word.terms.front().term)) {
    out.terms.emplace_back(t.term, scale * t.weight * language.idf(language.documents(t.term)));
  }
  return out;
}

/// A title scored in one partition.
struct Scored {
  Xapian::docid did = 0;  // of the plan's combined database
  double score = 0;
  std::uint16_t length = 0;
  std::uint64_t article = 0;
  const std::string* lang = nullptr;
  bool fallback = false;
};

/// Best first; a tie to the shorter title, then the same way whatever docid an article has.
bool better(const Scored& a, const Scored& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.length != b.length) return a.length < b.length;
  if (a.fallback != b.fallback) return !a.fallback;
  return a.article != b.article ? a.article < b.article : *a.lang < *b.lang;
}

/// Scores the titles of partition `k` of `plan` against `words` (in `score`, all zero, left so),
/// times their help-center signals, and adds the best to `out`. Unless `only_stop_words`, stop
/// words only raise the titles other words found (a title listing "how" is no answer to "how to
/// pay").
void score_partition(const SearchPlan& plan, std::size_t k, const TitleTable::Titles& titles,
                     const std::vector<ScoredWord>& words, bool only_stop_words, std::size_t wanted,
                     std::vector<double>& score, std::vector<Scored>& out) {
  std::vector<Xapian::docid> found;  // the titles with a score, each once
  for (const bool stop_pass : {false, true}) {
    for (const ScoredWord& word : words) {
      if (!only_stop_words && word.stop_word != stop_pass) continue;
      for (const auto& [term, weight] : word.terms) {
        const std::span<const Xapian::docid> docs = titles.documents_of(term);
        if (stop_pass && !only_stop_words) {
          for (const Xapian::docid did : found) {
            if (std::binary_search(docs.begin(), docs.end(), did)) score[did - 1] += weight;
          }
          continue;
        }
        for (const Xapian::docid did : docs) {
          if (score[did - 1] == 0) found.push_back(did);
          score[did - 1] += weight;
        }
      }
    }
    if (only_stop_words) break;
  }
  const std::size_t n = plan.partitions.size();
  const std::string& lang = plan.partitions[k]->lang;
  std::vector<Scored> best;
  best.reserve(found.size());
  for (const Xapian::docid did : found) {
    best.push_back({combined_docid(did, k, n), score[did - 1], titles.lengths[did - 1], titles.articles[did - 1], &lang,
                    plan.is_fallback(lang)});
    score[did - 1] = 0;
  }
  const std::size_t keep = std::min(best.size(), wanted * kCandidatesPerWanted);
  if (keep == 0) return;
  // The signals' factor is bounded: a title below the keep-th's score times lowest / highest
  // cannot reach the kept ones whatever its signals, and is not weighed.
  std::nth_element(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(keep - 1), best.end(), better);
  const double reachable = best[keep - 1].score * kSignalWeights.lowest / kSignalWeights.highest;
  best.erase(std::partition(best.begin(), best.end(), [&](const Scored& s) { return s.score >= reachable; }), best.end());
  const std::vector<SignalTable::Entry>& signals = plan.signals->entries(plan.partitions[k], plan.databases[k]);
  const long today = today_in_days();
  for (Scored& s : best) {
    const SignalTable::Entry& e = signals[local_docid(s.did, n) - 1];
    s.score *= signal_factor(e.signals(), e.updated(), today);
  }
  std::partial_sort(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(keep), best.end(), better);
  best.resize(keep);
  out.insert(out.end(), best.begin(), best.end());
}

/// Scores the titles of `lang`'s partitions against `text`; adds the best to `out` and the terms
/// found to `terms`.
void score_language(Analyzer& analyzer, SynonymTable& synonyms, const SearchPlan& plan, TitleTable& table,
                    const std::string& lang, const std::string& text, const std::vector<Completion>& completions,
                    std::size_t wanted, std::vector<Scored>& out, std::unordered_set<std::string>& terms) {
  const std::vector<TypedWord> typed = typed_words(analyzer, text, lang, completions, synonyms.for_language(analyzer, lang));
  if (typed.empty()) return;
  LanguageTitles language;
  for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
    if (plan.partitions[k]->lang != lang) continue;
    language.partitions.push_back(k);
    language.titles.push_back(&table.titles(plan.partitions[k], plan.databases[k]));
    language.titled += language.titles.back()->titled;
  }
  if (language.titled == 0) return;
  const bool only_stop_words = std::all_of(typed.begin(), typed.end(), [](const TypedWord& w) { return w.stop_word; });
  std::vector<ScoredWord> words;
  std::size_t typo_scans = ExpansionLimits{}.max_expanded_words;
  for (const TypedWord& word : typed) {
    const double scale = word.stop_word && !only_stop_words ? kQueryTermWeights.stop_word : 1.0;
    words.push_back(scored_word(language, word, scale, typo_scans));
    for (const auto& [term, weight] : words.back().terms) terms.insert(term);
  }
  for (std::size_t i = 0; i < language.partitions.size(); ++i) {
    const TitleTable::Titles& titles = *language.titles[i];
    score_partition(plan, language.partitions[i], titles, words, only_stop_words, wanted,
                    table.zeroed_scores(titles.lengths.size()), out);
  }
}

}  // namespace

TitleMatches match_titles(Analyzer& analyzer, SynonymTable& synonyms, const SearchPlan& plan, TitleTable& table,
                          const std::string& text, const std::vector<Completion>& completions, std::size_t wanted) {
  TitleMatches out;
  if (wanted == 0) return out;
  std::vector<Scored> candidates;
  for (const std::string& lang : plan.languages) {
    score_language(analyzer, synonyms, plan, table, lang, text, completions, wanted, candidates,
                   out.terms_of_language[lang]);
  }
  std::sort(candidates.begin(), candidates.end(), better);
  out.ranking.total = static_cast<Xapian::doccount>(candidates.size());
  // One hit per article. By preference, all its translations are served as one (the served
  // document tells them apart); without, the best scoring of its translations is kept.
  std::unordered_set<Xapian::docid> served;
  std::unordered_set<std::uint64_t> articles;
  for (const Scored& c : candidates) {
    if (out.ranking.page.size() == wanted) break;
    RankedArticle entry{c.did, c.score, plan.combined.get_document(c.did, Xapian::DOC_ASSUME_VALID), {}, {c.did, false}};
    if (plan.serves_by_preference()) {
      entry.served = served_translation(plan, c.did, entry.document);
      if (!served.insert(entry.served.did).second) continue;
    } else if (!articles.insert(c.article).second) {
      continue;
    }
    out.ranking.page.push_back(std::move(entry));
  }
  return out;
}

void highlight_titles(Analyzer& analyzer, const TitleMatches& matches, std::vector<Hit>& hits) {
  static const std::unordered_set<std::string> kNoTerms;
  for (Hit& hit : hits) {
    const auto terms = matches.terms_of_language.find(hit.lang);
    hit.title_snippet = make_snippet(hit.title, analyzer.analyze(hit.title, hit.lang),
                                     terms == matches.terms_of_language.end() ? kNoTerms : terms->second, 0);
  }
}

}  // namespace faqsearch::detail
