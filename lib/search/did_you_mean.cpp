#include "search/did_you_mean.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "analysis/word_normalizer.h"
#include "index/schema.h"
#include "search/compound_parts.h"
#include "search/cooccurrence.h"
#include "search/did_you_mean_check.h"
#include "search/inflection_guess.h"
#include "search/layout_slip.h"
#include "search/query_words.h"
#include "search/shoppers_own_form.h"
#include "search/slip_repairs.h"
#include "search/term_expansion.h"
#include "search/typo_scan.h"
#include "search/word_joins.h"

namespace faqsearch::detail {

namespace {

using Word = QueryWord;
using Fix = QueryFix;

/// One language's corrections of one query.
class Corrector {
 public:
  Corrector(Analyzer& analyzer, std::string lang, std::string_view query, bool prefix_last_word,
            RecordDecompressor& decompressor, const CorrectionLimits& limits, const LanguageVocabulary& vocabulary)
      : analyzer_(analyzer), lang_(std::move(lang)), query_(query), limits_(limits), vocabulary_(vocabulary),
        scan_(analyzer, lang_, vocabulary, decompressor, limits), joins_(analyzer, lang_, vocabulary, query, limits) {
    words_ = read_query_words(analyzer_, lang_, query_, prefix_last_word, vocabulary_.combined);
    const LanguageRow& row = find_language_row(lang_);
    for (const Word& w : words_) known_ += w.known ? 1 : 0;
    writes_compounds_ = row.split_compounds;
    suffix_after_apostrophe_ = row.apostrophe_suffixes;
  }

  [[nodiscard]] std::size_t known() const { return known_; }
  /// After fixes(): whether the query was typed on the other layout as a whole.
  [[nodiscard]] bool whole_query_slipped() const { return whole_query_slipped_; }
  [[nodiscard]] std::size_t words() const { return words_.size(); }
  [[nodiscard]] const std::string& lang() const { return lang_; }
  [[nodiscard]] const LanguageVocabulary& vocabulary() const { return vocabulary_; }

  /// The fixes of the unknown words, and of known words typed apart that are one word.
  std::vector<Fix> fixes() {
    // Here, not in the constructor: a query without a language has a corrector per language,
    // and only those knowing the most of its words are asked for fixes.
    std::vector<SlipWord> slip_words;
    for (const Word& w : words_) slip_words.push_back({w.begin, w.end, w.known, w.stop_word});
    slip_.emplace(query_, std::move(slip_words), [this](std::string_view text) { return !known_words(text).empty(); });
    whole_query_slipped_ = slip_->whole_query();
    std::vector<Fix> out;
    std::size_t tried = 0;
    std::size_t covered_until = 0;
    for (std::size_t i = 0; i < words_.size(); ++i) {
      const Word& w = words_[i];
      if (w.begin < covered_until) continue;
      const Word* next = i + 1 < words_.size() ? &words_[i + 1] : nullptr;
      std::optional<Fix> fix;
      if (w.known) {
        fix = slipped_known_word(w);
        if (!fix) fix = joins_.apart(w, next, words_.size());
        if (!fix && !w.stop_word && tried < limits_.max_corrected_words) fix = rare_word_fix(w, tried);
      } else {
        // A layout fix scans nothing (one analysis of the word's text): a query typed wholly on
        // the other layout is read back whole, however many words it has.
        fix = layout_fix(w);
        if (!fix && ++tried <= limits_.max_corrected_words) {
          if (next != nullptr) fix = joins_.join(w, *next);
          if (!fix) fix = misspelling_fix(w);
        }
      }
      if (!fix) continue;
      covered_until = fix->end;
      out.push_back(std::move(*fix));
    }
    return out;
  }

  /// A known word that is a typo the articles made too: the language's dictionary rejects it, few
  /// articles have it, and one edit makes a word many times as many have ("recived" in one
  /// article, "received" in fifty). `tried` counts the words corrected (a scan each).
  std::optional<Fix> rare_word_fix(const Word& w, std::size_t& tried) {
    constexpr Xapian::doccount kRareArticles = 2;
    constexpr Xapian::doccount kTimesAsMany = 10;
    const Xapian::Database& db = vocabulary_.combined;
    const Xapian::doccount articles = db.get_termfreq(w.term);
    if (articles == 0 || articles > kRareArticles || capitalized_name(w)) return std::nullopt;
    if (AnalyzerHooks::spells(analyzer_, surface(w), lang_) != false) return std::nullopt;
    // A rare name is written beside the word typed next to it ("Marlee Matlin"), or held with as
    // many of the query's words as a frequent word one edit from it ("Marele"): a typo is held
    // with fewer. The pairs first: they cost no scan.
    const WordContext context = context_of(w);
    if (side_by_side(vocabulary_.partitions, w.term, context.neighbours) > 0) return std::nullopt;
    // The typo scan and the article repair only, of words many times as frequent: what a
    // misspelling_fix() tries beyond them costs more than a search, on every rare name.
    ++tried;
    const ScannedFixes scanned = scan_.fixes_of(
        w, as_typed(w), true, [&](const std::string& term) { return db.get_termfreq(term) >= kTimesAsMany * articles; });
    std::optional<Fix> fix = typo_fix(w, scanned, true);
    fix = fix && fix->cost == 1 ? fitter(w, std::move(*fix), prefix_fix(w, true)) : prefix_fix(w, true);
    if (!fix || fix->cost != 1) return std::nullopt;
    const std::vector<std::string> terms = known_words(fix->text, WordForms::kAny);
    if (terms.size() != 1 || db.get_termfreq(terms.front()) < kTimesAsMany * articles) return std::nullopt;
    if (most_held_with(db, terms.front(), context.others) <= most_held_with(db, w.term, context.others)) return std::nullopt;
    return fix;
  }

  /// Whether `w`, not the query's first word, begins with a capital letter: a name, which the
  /// dictionary rejects and few articles have, as they have a typo.
  [[nodiscard]] bool capitalized_name(const Word& w) const {
    std::size_t step = 0;
    const char32_t first = decode_utf8(query_, w.begin, step);
    return &w != &words_.front() && (u_isupper(static_cast<UChar32>(first)) || u_istitle(static_cast<UChar32>(first)));
  }

  /// The terms of `text`'s words if the vocabulary knows each (known_words).
  std::vector<std::string> known_words(std::string_view text, WordForms forms = WordForms::kWritten) {
    return faqsearch::detail::known_words(analyzer_, lang_, vocabulary_.combined, text, forms);
  }

 private:
  [[nodiscard]] std::string_view surface(const Word& w) const { return query_.substr(w.begin, w.end - w.begin); }
  [[nodiscard]] std::string as_typed(const Word& w) const { return typed_word(surface(w)); }

  /// The text holding `w` on the layout the query slipped into, if it did.
  [[nodiscard]] std::optional<Fix> layout_fix(const Word& w) const {
    return slip_->fix(static_cast<std::size_t>(&w - words_.data()));
  }

  /// The fix of an unknown word. One the language's dictionary accepts is a word of the language
  /// the articles lack, not a typo, unless the other words say otherwise (accepted_word_fix); it
  /// may also be half of two words typed apart (join_fix). Otherwise the typo scan's first; where
  /// it finds no one-edit fix, a mistyped prefix, then (the dictionary rejecting the word) a slip
  /// the dictionary undoes, then a split.
  std::optional<Fix> misspelling_fix(const Word& w) {
    const std::optional<bool> spelled = AnalyzerHooks::spells(analyzer_, surface(w), lang_);
    if (spelled == true) return accepted_word_fix(w);
    if (spelled == false && english_loanword(w)) return std::nullopt;
    const bool misspelled = spelled == false;
    const ScannedFixes scanned = scan_.fixes_of(w, as_typed(w), misspelled);
    std::optional<Fix> fix = typo_fix(w, scanned, misspelled);
    const std::optional<Fix> fittest_scanned = fix;
    fix = fix && fix->cost == 1 ? fitter(w, std::move(*fix), prefix_fix(w, misspelled))
                                : cheapest(std::move(fix), prefix_fix(w, misspelled));
    const bool guess_unspelled = misspelled && fix && fix->cost <= 1 && unspelled_guess(*fix);  // one lookup
    if (misspelled && (!fix || fix->cost > 1 || guess_unspelled)) {
      std::optional<Fix> repaired = dictionary_fix(w);
      fix = guess_unspelled && repaired ? std::move(repaired) : cheapest(std::move(fix), std::move(repaired));
    } else if (misspelled && fix->cost == 1) {
      fix = repaired_if_clearly_fitter(w, std::move(*fix));
    }
    if (fittest_scanned && fittest_scanned->cost > 1 && (!fix || fix->cost > 1)) {
      fix = cheapest(std::move(fix), other_own_form(w, scanned, *fittest_scanned, misspelled));
    }
    // A split assumes one edit and loses a tie, and trying one analyzes each way of cutting.
    if (!fix || fix->cost > kSplitCost) fix = cheapest(std::move(fix), joins_.split(w));
    if (misspelled && (!fix || fix->cost > 1)) fix = cheapest(std::move(fix), compound_fix(w));
    if (fix && suffix_after_apostrophe_ && same_but_apostrophes(surface(w), fix->text)) return std::nullopt;
    return fix;
  }

  /// A word the articles lack that the language's dictionary accepts is a word of the language,
  /// not a typo ("cascos" is not "casos"), unless one edit makes a word that an article holds
  /// with every other word of the query, two at least: "fitter" beside "mails" and "gmail" is
  /// the articles' "filter". Not in a short word, nor in the last letters, where the edit is as
  /// often another word or another inflection (the check's rules, common_word_typo).
  std::optional<Fix> accepted_word_fix(const Word& w) {
    constexpr std::size_t kOtherWordsHeld = 2;
    constexpr std::size_t kShortest = 5;  // letters: a shorter word is one edit from many others
    constexpr std::size_t kSameEnding = 3;  // a change in the last letters is another inflection
    const WordContext context = context_of(w);
    const std::string typed = as_typed(w);
    if (context.others.size() < kOtherWordsHeld || decode_utf8(typed).size() < kShortest) return std::nullopt;
    const auto held_with_all = [&](const std::string& term) { return held_together(vocabulary_.combined, term, context.others); };
    std::optional<Fix> fix = typo_fix(w, scan_.fixes_of(w, typed, false, held_with_all), false);
    if (!fix || fix->cost != 1 || !same_ending(typed, fix->text, kSameEnding)) return std::nullopt;
    const std::vector<std::string> terms = known_words(fix->text, WordForms::kAny);
    if (terms.size() != 1 || !held_with_all(terms.front())) return std::nullopt;
    return fix;
  }

  /// Of two fixes of `w` as near, `other` where it fits the query's other words better
  /// (fittest_fix): the article repaired in front of an Arabic word ("اعالم" → "العالم", beside
  /// "كأس") or a letter swapped after it ("اعلام").
  std::optional<Fix> fitter(const Word& w, Fix fix, std::optional<Fix> other) {
    if (!other || other->cost != fix.cost) return fix;
    const std::vector<std::string> terms = known_words(fix.text, WordForms::kAny), other_terms = known_words(other->text, WordForms::kAny);
    if (terms.size() != 1 || other_terms.size() != 1) return fix;
    return fittest(w, {{std::move(fix), terms.front()}, {std::move(*other), other_terms.front()}});
  }

  /// A scanned one-edit fix of `w`, or the dictionary's repair (dictionary_fix) where that is as
  /// near and an article holds it with at least two more of the query's other words
  /// (most_held_with): "سكان العراق" for "سكان اعلراق", where the scan's "اعراق" is an articles'
  /// word too. A common word is held with one more by chance ("coring", stemmed `core`, over
  /// "coloring" beside "syntax"). The repair costs many dictionary lookups: it is not tried
  /// where the fix is held with too many of the other words for any repair to beat it.
  std::optional<Fix> repaired_if_clearly_fitter(const Word& w, Fix fix) {
    constexpr unsigned kMoreWordsHeld = 2;
    const std::vector<std::string> terms = known_words(fix.text, WordForms::kAny);
    if (terms.size() != 1) return fix;
    const std::vector<std::string> others = context_of(w).others;
    const Xapian::Database& db = vocabulary_.combined;
    const unsigned held = most_held_with(db, terms.front(), others);
    if (held + kMoreWordsHeld > others.size()) return fix;
    std::optional<Fix> repair = dictionary_fix(w);
    if (!repair || repair->cost != fix.cost) return fix;
    const std::vector<std::string> repair_terms = known_words(repair->text, WordForms::kAny);
    if (repair_terms.size() != 1) return fix;
    return most_held_with(db, repair_terms.front(), others) >= held + kMoreWordsHeld ? std::move(*repair) : std::move(fix);
  }

  /// Whether `w`, which the language's dictionary rejects, is an English word: shoppers of every
  /// language type English terms ("Quarter", "Tracking", "Newsletter"), and one the articles lack
  /// is no typo of a word of theirs ("Quarter" is no "Quartär"). Not a Roman numeral, which the
  /// English dictionary spells too ("XXIII" for the articles' "XXXIII").
  bool english_loanword(const Word& w) {
    const std::string_view word = surface(w);
    const bool roman = word.find_first_not_of("IVXLCDM") == std::string_view::npos;
    return !roman && !lang_.starts_with("en") && AnalyzerHooks::spells(analyzer_, word, "en") == true;
  }

  /// A form of the shopper's word guessed from what was typed (QueryFix::written false) that the
  /// language's dictionary rejects: a word that is no word, which a repair the dictionary spells beats.
  bool unspelled_guess(const Fix& fix) {
    return !fix.written && AnalyzerHooks::spells(analyzer_, fix.text, lang_) == false;
  }

  /// A typo in a prefix of the script (repaired_prefix).
  std::optional<Fix> prefix_fix(const Word& w, bool misspelled) {
    std::optional<std::string> text = repaired_prefix(as_typed(w), lang_, articles_with());
    if (!text) return std::nullopt;
    return Fix{.begin = w.begin, .end = w.end, .text = std::move(*text), .cost = 1, .written = false,
               .misspelled = misspelled};
  }

  /// A letter dropped or two swapped in a form the articles do not write (undone_slip).
  std::optional<Fix> dictionary_fix(const Word& w) {
    std::optional<std::string> text =
        undone_slip(analyzer_, lang_, as_typed(w), vocabulary_.combined, articles_with());
    if (!text) return std::nullopt;
    return Fix{.begin = w.begin, .end = w.end, .text = std::move(*text), .cost = 1, .written = false, .misspelled = true};
  }

  /// Articles with the one known word of a text, in any form of it, for the repairs.
  ArticlesWithWord articles_with() {
    return [this](std::string_view text) -> Xapian::doccount {
      const std::vector<std::string> terms = known_words(text, WordForms::kAny);
      return terms.size() == 1 ? vocabulary_.combined.get_termfreq(terms.front()) : 0;
    };
  }

  /// The vocabulary's nearest words to an unknown one, each written as the articles write it,
  /// and of those the one fewest edits from what was typed (then the most frequent): the stem
  /// nearest to a typo is often another inflection than the one typed ("полчила" is one edit
  /// from the stem "получил" and from the written form "получила"). `misspelled`: the language's
  /// dictionary rejects the word (QueryFix::misspelled).
  std::optional<Fix> typo_fix(const Word& w, const ScannedFixes& fixes, bool misspelled) {
    std::optional<Fix> best = fittest(w, nearest_of(fixes));
    if (best && best->cost > 1) {
      std::string own = shoppers_own_form(analyzer_, lang_, decode_utf8(as_typed(w)), best->text);
      if (!own.empty()) {
        best = Fix{.begin = w.begin, .end = w.end, .text = std::move(own), .cost = 1, .written = false,
                   .misspelled = misspelled};
      }
    }
    return best;
  }

  /// Where the fittest fix has no form one edit from what was typed (typo_fix), the shopper's own
  /// form of another, nearest first: the articles may write the word in a form farther from the
  /// typo than another word ("Nominierug": "Nominierung" for the articles' "Nominierungen", three
  /// edits away, where their "Nominierte" is two).
  std::optional<Fix> other_own_form(const Word& w, const ScannedFixes& fixes, const Fix& fittest, bool misspelled) {
    constexpr std::size_t kOwnFormsTried = 3;  // each analyzes a few forms
    const std::u32string typed_letters = decode_utf8(as_typed(w));
    for (std::size_t i = 0; i < fixes.size() && i < kOwnFormsTried; ++i) {
      if (fixes[i].first.text == fittest.text) continue;
      std::string own = shoppers_own_form(analyzer_, lang_, typed_letters, fixes[i].first.text);
      if (!own.empty()) {
        return Fix{.begin = w.begin, .end = w.end, .text = std::move(own), .cost = 1, .written = false, .misspelled = misspelled};
      }
    }
    return std::nullopt;
  }

  /// In a language written in compounds, a compound the articles lack whose one part is a known
  /// word and the other one edit from one (compound_with_part_fixed): the search finds the
  /// compound by its parts (LanguageRow::split_compounds), so a typo in one of them is a typo.
  std::optional<Fix> compound_fix(const Word& w) {
    constexpr std::size_t kPartsFixed = 3;  // a scan each
    if (!writes_compounds_) return std::nullopt;
    std::optional<std::string> text = compound_with_part_fixed(
        analyzer_, vocabulary_.combined, lang_, as_typed(w), [this](const std::string& part) { return scan_.part_fix(part); },
        kPartsFixed);
    if (!text) return std::nullopt;
    return Fix{.begin = w.begin, .end = w.end, .text = std::move(*text), .cost = 1, .written = false, .misspelled = true};
  }

  /// Of fixes as near to what was typed, the one that fits the query's other known words best
  /// (fittest_fix).
  std::optional<Fix> fittest(const Word& w, ScannedFixes fixes) const {
    const WordContext context = context_of(w);
    return fittest_fix(vocabulary_, as_typed(w), std::move(fixes), context.others, context.neighbours);
  }

  /// The query's known words other than `w`, stop words aside, and those typed right beside it.
  struct WordContext {
    std::vector<std::string> others;
    Neighbours neighbours;
  };
  [[nodiscard]] WordContext context_of(const Word& w) const {
    WordContext context;
    for (const Word& o : words_) {
      if (&o == &w || !o.known || o.stop_word) continue;
      context.others.push_back(o.term);
      if (&o + 1 == &w) context.neighbours.before = o.term;
      if (&o == &w + 1) context.neighbours.after = o.term;
    }
    return context;
  }

  /// In a query typed on the other layout, a word the articles have in both scripts ("h", "η";
  /// "a", which is "ش" on the Arabic layout) is the rendering when the whole query slipped, or
  /// else when the rendering is the more frequent.
  std::optional<Fix> slipped_known_word(const Word& w) {
    std::optional<Fix> fix = layout_fix(w);
    if (!fix) return std::nullopt;
    const std::vector<std::string> rendered = known_words(fix->text);
    if (rendered.size() != 1) return std::nullopt;
    if (whole_query_slipped_) return fix;
    const Xapian::Database& db = vocabulary_.combined;
    if (db.get_termfreq(rendered.front()) <= db.get_termfreq(w.term)) return std::nullopt;
    return fix;
  }

  Analyzer& analyzer_;
  std::string lang_;
  std::string_view query_;
  const CorrectionLimits& limits_;
  const LanguageVocabulary& vocabulary_;  // correct_query's, shared with scan_ and joins_
  TypoScan scan_;
  WordJoins joins_;
  std::vector<Word> words_;
  std::size_t known_ = 0;
  std::optional<LayoutSlip> slip_;  // fixes() reads the query on the other layout
  bool whole_query_slipped_ = false;
  bool writes_compounds_ = false;  // LanguageRow::split_compounds
  bool suffix_after_apostrophe_ = false;  // LanguageRow::apostrophe_suffixes
};

struct Candidate {
  QueryCorrection correction;
  std::size_t covered = 0;  // words known as typed or fixed
  std::size_t cost = 0;
};

}  // namespace

std::optional<QueryCorrection> correct_query(Analyzer& analyzer, const SearchPlan& plan, const PlanQuery& query,
                                             const SearchRequest& request, RecordDecompressor& decompressor,
                                             const CorrectionLimits& limits) {
  // Filled before the correctors that refer to its elements are made.
  std::vector<LanguageVocabulary> vocabularies;
  vocabularies.reserve(plan.languages.size());
  for (const std::string& lang : plan.languages) vocabularies.push_back(vocabulary_of(plan, lang));
  std::vector<Corrector> correctors;
  std::size_t most_known = 0;
  for (std::size_t i = 0; i < plan.languages.size(); ++i) {
    correctors.emplace_back(analyzer, plan.languages[i], request.query, request.prefix_last_word, decompressor, limits,
                            vocabularies[i]);
    most_known = std::max(most_known, correctors.back().known());
  }
  std::optional<Candidate> best;
  for (Corrector& corrector : correctors) {
    // The languages that know the most of the query's words are the ones it is written in.
    if (corrector.known() < most_known || corrector.words() == 0) continue;
    std::vector<Fix> proposed = corrector.fixes();
    if (proposed.empty()) continue;  // the check runs searches: none for a query with nothing to fix
    const FixCheck check{analyzer,           corrector.lang(),
                         corrector.vocabulary().combined, query,
                         limits.checked_articles, corrector.whole_query_slipped(),
                         limits.common_word_articles};
    const std::vector<Fix> fixes = worthwhile_fixes(check, request.query, std::move(proposed));
    if (fixes.empty()) continue;
    Candidate candidate{corrected(request.query, fixes, corrector.lang()), corrector.known(), 0};
    for (const Fix& fix : fixes) {
      candidate.cost += fix.cost;
      candidate.covered += 1;
    }
    if (best && (candidate.covered < best->covered || (candidate.covered == best->covered && candidate.cost >= best->cost))) {
      continue;
    }
    best = std::move(candidate);
  }
  if (!best) return std::nullopt;
  return std::move(best->correction);
}

}  // namespace faqsearch::detail
