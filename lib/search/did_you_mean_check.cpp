#include "search/did_you_mean_check.h"

#include <algorithm>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "search/compound_parts.h"
#include "search/inflection_guess.h"
#include "search/rank_stage.h"
#include "search/written_form.h"

namespace faqsearch::detail {

namespace {

/// Letters a typed word has at least to be taken for a typo of a stop word.
constexpr std::size_t kShortestStopWordTypo = 6;

std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool has_term(const Xapian::Database& db, Xapian::docid did, const std::string& term) {
  Xapian::TermIterator it = db.termlist_begin(did);
  it.skip_to(term);
  return it != db.termlist_end(did) && *it == term;
}

void add_once(std::vector<std::string>& terms, const std::string& term) {
  if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
}

/// Whether a fix is one edit inside a long word that makes a word the articles write, common:
/// a typo of it, whatever the other words find. A fix of the last letters is more often another
/// inflection the articles lack ("Suuperkubok" is a typo, "Superkubok" for "Superkubka" is not),
/// and a fix to a rare word is as likely a correct word the articles lack ("socios", "sodios").
/// Neither holds when the dictionary rejects the word typed (QueryFix::misspelled): then one edit
/// anywhere in it, to a word the articles write or to the shopper's own form of one that the
/// dictionary knows, is its typo's fix; in a word of five letters, only to a common word (a
/// short word the dictionary rejects is as often a name: "Salmy" is no "Sally").
bool common_word_typo(const FixCheck& check, std::string_view typed, const QueryFix& fix,
                      const std::vector<std::string>& changed) {
  constexpr std::size_t kShortest = 6;  // shorter words have more real neighbours
  constexpr std::size_t kShortestMisspelled = 5;  // of a common word
  constexpr std::size_t kSameEnding = 3;
  const std::size_t letters = code_points(typed);
  if (fix.cost != 1 || changed.size() != 1 || letters < kShortestMisspelled) return false;
  const bool common = check.vocabulary.get_termfreq(changed.front()) >= check.common_word_articles;
  if (fix.misspelled && (letters >= kShortest || common)) {
    return fix.written || AnalyzerHooks::spells(check.analyzer, fix.text, check.lang) == true;
  }
  return letters >= kShortest && fix.written && common && same_ending(typed, fix.text, kSameEnding);
}

/// The known words of some text, apart from its stop words.
struct KnownTerms {
  std::vector<std::string> words;
  bool stop_words = false;  ///< it has some
};

/// Read as the search reads them: a compound the articles lack as its two known parts
/// (LanguageRow::split_compounds).
KnownTerms known_terms(const FixCheck& check, std::string_view text) {
  const bool splits_compounds = find_language_row(check.lang).split_compounds;
  KnownTerms out;
  for (const Token& t : check.analyzer.analyze(text, check.lang)) {
    if (t.kind != TokenKind::kWord) continue;
    if (t.stop_word) {
      out.stop_words = true;
    } else if (check.vocabulary.term_exists(t.term)) {  // a word no article has shows nothing
      add_once(out.words, t.term);
    } else if (splits_compounds) {
      const std::string typed = lower_case(text.substr(t.begin, t.end - t.begin));
      if (auto parts = compound_parts(check.analyzer, check.vocabulary, check.lang, typed)) {
        add_once(out.words, parts->first);
        add_once(out.words, parts->second);
      }
    }
  }
  return out;
}

/// How many of `terms` article `did` holds.
std::size_t held(const Xapian::Database& db, Xapian::docid did, const std::vector<std::string>& terms) {
  return static_cast<std::size_t>(
      std::count_if(terms.begin(), terms.end(), [&](const std::string& term) { return has_term(db, did, term); }));
}

/// The best articles (with the plan's filters) of the OR of `terms`.
Xapian::MSet best_articles(const FixCheck& check, const std::vector<std::string>& terms) {
  Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  for (const auto& [field, filter] : check.plan_query.filters) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
  Xapian::Enquire enquire(check.vocabulary);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking_weight());
  return enquire.get_mset(0, check.checked_articles);
}

/// Whether some best article of `changed` with `kept` holds half of `changed` (one of them:
/// `one_changed`) and, with them, at least `typed_best` of the query's words.
bool finds_more(const FixCheck& check, const std::vector<std::string>& changed, const std::vector<std::string>& kept,
                std::size_t typed_best, bool one_changed = false) {
  std::vector<std::string> all = changed;
  for (const std::string& term : kept) add_once(all, term);
  const Xapian::MSet best = best_articles(check, all);
  for (auto it = best.begin(); it != best.end(); ++it) {
    const std::size_t corrected = held(check.vocabulary, *it, changed);
    const bool enough = one_changed || corrected * 2 >= changed.size();
    if (corrected > 0 && enough && corrected + held(check.vocabulary, *it, kept) >= typed_best) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<QueryFix> worthwhile_fixes(const FixCheck& check, std::string_view query, std::vector<QueryFix> fixes) {
  // The words kept as typed: outside every fix.
  std::string outside(query);
  for (const QueryFix& fix : fixes) std::fill(outside.begin() + fix.begin, outside.begin() + fix.end, ' ');
  const std::vector<std::string> kept = known_terms(check, outside).words;
  std::size_t typed_best = 0;
  if (!kept.empty()) {
    const Xapian::MSet typed = best_articles(check, kept);
    for (auto it = typed.begin(); it != typed.end(); ++it) typed_best = std::max(typed_best, held(check.vocabulary, *it, kept));
  }
  const auto worth = [&](const KnownTerms& changed, const QueryFix* typo) {
    if (!changed.words.empty()) {
      if (typo != nullptr && common_word_typo(check, query.substr(typo->begin, typo->end - typo->begin), *typo, changed.words)) {
        return true;
      }
      return finds_more(check, changed.words, kept, typed_best, typo == nullptr && check.whole_query_slipped);
    }
    // A stop word finds nothing more; it is offered for a long word one edit from it ("shoould"),
    // not a short one ("кого" is no typo of "когда").
    return changed.stop_words && typo != nullptr && typo->cost == 1 &&
           code_points(query.substr(typo->begin, typo->end - typo->begin)) >= kShortestStopWordTypo;
  };
  KnownTerms slipped;
  for (const QueryFix& fix : fixes) {
    if (fix.cost != 0) continue;
    const KnownTerms terms = known_terms(check, fix.text);
    for (const std::string& term : terms.words) add_once(slipped.words, term);
    slipped.stop_words = slipped.stop_words || terms.stop_words;
  }
  const bool slip_worth = worth(slipped, nullptr);
  std::vector<QueryFix> out;
  for (QueryFix& fix : fixes) {
    if (fix.cost == 0 ? slip_worth : worth(known_terms(check, fix.text), &fix)) out.push_back(std::move(fix));
  }
  return out;
}

}  // namespace faqsearch::detail
