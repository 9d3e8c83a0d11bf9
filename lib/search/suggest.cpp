#include "search/suggest.h"

#include <algorithm>
#include <map>

#include "analysis/language_table.h"
#include "analysis/utf8.h"
#include "search/hangul_typing.h"
#include "search/term_expansion.h"
#include "search/written_form.h"

namespace faqsearch::detail {

namespace {

/// Completions read from the vocabulary per language before they are written out and merged:
/// a few more than wanted, since stems and their written forms can collapse into one word.
constexpr std::size_t kCandidatesPerWanted = 2;
/// Titles read per completion to find how it is written, and the bytes of the first article's
/// body read when none of them holds it: a keystroke's budget. Without the body, a common stem
/// whose first articles say it only in their bodies was no completion at all (which articles come
/// first depends on how the index was built).
constexpr std::size_t kSpellingArticles = 5;
constexpr std::size_t kSpellingBodyBytes = 600;
/// SuggestCache: prefixes of up to this many code points whose range holds more than
/// kWalkedTerms terms get their kBusiestTop most frequent completions kept; any other range is
/// walked, which costs about as much as reading the kept list once it is that short.
constexpr std::size_t kBusiestDepth = 8;
constexpr std::size_t kWalkedTerms = 256;
constexpr std::size_t kBusiestTop = 24;
/// Terms read at most in a walk (a range deeper than kBusiestDepth may still be long).
constexpr std::size_t kMaxWalkedTerms = 5000;
/// Terms whose spellings a partition's memo keeps; then it starts over.
constexpr std::size_t kMaxSpellings = 20000;

bool more_frequent(const TermCount& a, const TermCount& b) {
  return a.articles != b.articles ? a.articles > b.articles : a.term < b.term;
}

/// Keeps `top` the `limit` most frequent terms offered, in order.
void offer(std::vector<TermCount>& top, std::size_t limit, const std::string& term, Xapian::doccount articles) {
  const TermCount c{term, articles};
  if (top.size() == limit && !more_frequent(c, top.back())) return;
  top.insert(std::upper_bound(top.begin(), top.end(), c, more_frequent), c);
  if (top.size() > limit) top.pop_back();
}

// Boolean terms carry a capital-letter prefix (schema.h); analyzed terms never start with one.
bool is_boolean_term(std::string_view term) { return !term.empty() && term[0] >= 'A' && term[0] <= 'Z'; }

bool is_word(TokenKind kind) { return kind == TokenKind::kWord || kind == TokenKind::kIdeo || kind == TokenKind::kNumber; }

/// The token of `text`'s last word in `lang`, if the text ends inside it.
std::optional<Token> last_word(Analyzer& analyzer, const std::string& text, const std::string& lang) {
  std::optional<Token> last;
  for (Token& t : analyzer.analyze(text, lang)) {
    if (is_word(t.kind) && t.end == text.size() && (!last || t.begin < last->begin)) last = std::move(t);
  }
  return last;
}

/// Whether `term` is a word as written, not only a stem: the analyzer keeps it as the written
/// form of its stem ("orders" beside "order"). Such a term is its own spelling when no title
/// read says it.
bool is_written_word(Analyzer& analyzer, const std::string& term, const std::string& lang) {
  for (const Token& t : analyzer.analyze(term, lang)) {
    if (t.kind == TokenKind::kWrittenForm && t.term == term) return true;
  }
  return false;
}

}  // namespace

void SuggestCache::build(Memo& memo, const Xapian::Database& db) {
  // The vocabulary comes sorted, so each prefix's range is contiguous: one pass keeps, per depth,
  // the range open at that depth, and a range is kept when it closes, if it is a busy one.
  struct Range {
    std::string prefix;
    std::size_t terms = 0;
    std::vector<TermCount> top;
  };
  std::vector<Range> open(kBusiestDepth);
  const auto close = [&](Range& r) {
    if (r.terms > kWalkedTerms) memo.busiest[r.prefix] = std::move(r.top);
    r.top.clear();
    r.terms = 0;
  };
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string term = *it;
    if (is_boolean_term(term)) continue;
    const Xapian::doccount articles = it.get_termfreq();
    std::size_t bytes = 0;
    for (std::size_t depth = 0; depth < kBusiestDepth; ++depth) {
      std::size_t step = 0;
      decode_utf8(term, bytes, step);
      bytes += step;
      if (bytes >= term.size()) break;  // a completion is longer than its prefix
      Range& r = open[depth];
      if (r.prefix.size() != bytes || term.compare(0, bytes, r.prefix) != 0) {
        close(r);
        r.prefix.assign(term, 0, bytes);
      }
      ++r.terms;
      offer(r.top, kBusiestTop, term, articles);
    }
  }
  for (Range& r : open) close(r);
  memo.built = true;
}

std::vector<TermCount> SuggestCache::completions(const std::string& partitions, const Xapian::Database& db,
                                                 const std::string& prefix, std::size_t wanted) {
  if (prefix.empty() || wanted == 0 || is_boolean_term(prefix)) return {};
  Memo& memo = by_partitions_[partitions];
  if (!memo.built) build(memo, db);
  const auto busy = memo.busiest.find(prefix);
  if (busy != memo.busiest.end() && wanted <= kBusiestTop) {
    return {busy->second.begin(), busy->second.begin() + static_cast<std::ptrdiff_t>(std::min(wanted, busy->second.size()))};
  }
  std::vector<TermCount> top;
  std::size_t walked = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && walked < kMaxWalkedTerms; ++it, ++walked) {
    if ((*it).size() > prefix.size()) offer(top, wanted, *it, it.get_termfreq());
  }
  return top;
}

const std::vector<std::string>& SuggestCache::spellings(Analyzer& analyzer, const std::string& partitions,
                                                        const Xapian::Database& db, const std::string& lang,
                                                        const std::string& term, RecordDecompressor& decompressor) {
  Memo& memo = by_partitions_[partitions];
  if (const auto known = memo.spellings.find(term); known != memo.spellings.end()) return known->second;
  if (memo.spellings.size() >= kMaxSpellings) memo.spellings.clear();
  return memo.spellings[term] = word_spellings(analyzer, db, lang, term, decompressor, {kSpellingArticles, kSpellingBodyBytes});
}

namespace {

/// The plan's partitions of one language, searched as one vocabulary: a language split over
/// audiences or shards completes as one partition holding all its articles would.
struct CompletionVocabulary {
  std::string lang;
  std::string partitions;  // their paths, the SuggestCache's key
  Xapian::Database db;
};

std::vector<CompletionVocabulary> vocabularies(const SearchPlan& plan) {
  std::vector<CompletionVocabulary> out;
  for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
    const std::string& lang = plan.partitions[k]->lang;
    auto v = std::find_if(out.begin(), out.end(), [&](const CompletionVocabulary& x) { return x.lang == lang; });
    if (v == out.end()) v = out.insert(out.end(), CompletionVocabulary{lang, {}, {}});
    v->partitions += plan.partitions[k]->path.string() + '\n';
    v->db.add_database(plan.databases[k]);
  }
  return out;
}

/// How the articles write `term`, a completion of the word typed, `typed`: "" when it is not a
/// word to show (a stem no title writes, or one that no longer starts with what was typed).
std::string written_completion(Analyzer& analyzer, SuggestCache& cache, const CompletionVocabulary& vocabulary,
                               const std::string& term, const std::string& typed, RecordDecompressor& decompressor) {
  const std::string& lang = vocabulary.lang;
  std::string written = nearest_spelling(
      cache.spellings(analyzer, vocabulary.partitions, vocabulary.db, lang, term, decompressor), typed);
  if (written.empty() && is_written_word(analyzer, term, lang)) written = term;
  if (written.empty()) {
    // No title writes it: a term of a language without stemming is a word, a stem ("parti")
    // is not one to show.
    const LanguageRow& row = find_language_row(lang);
    if (!row.stemmer.empty() || !row.hunspell.empty()) return {};
    written = term;
  }
  if (!written.starts_with(typed) || written == typed) return {};  // a stem that no longer starts so
  return written;
}

}  // namespace

std::vector<Completion> complete_last_word(Analyzer& analyzer, const SearchPlan& plan, const std::string& text,
                                           std::size_t wanted, RecordDecompressor& decompressor, SuggestCache& cache) {
  if (wanted == 0 || text.empty()) return {};
  std::map<std::string, Completion> by_word;
  for (const CompletionVocabulary& vocabulary : vocabularies(plan)) {
    const std::optional<Token> word = last_word(analyzer, text, vocabulary.lang);
    if (!word) continue;
    const std::string typed = typed_word(std::string_view(text).substr(word->begin, word->end - word->begin));
    // Terms that are one word in the end (the stem "track" and the written "tracking") mostly
    // index the same articles: the word counts those of its most frequent term, not their sum.
    std::map<std::string, Xapian::doccount> articles_of;
    const auto add = [&](const std::vector<TermCount>& terms, const std::string& begun) {
      for (const auto& [term, articles] : terms) {
        if (term.find(' ') != std::string::npos) continue;
        const std::string written = written_completion(analyzer, cache, vocabulary, term, begun, decompressor);
        if (!written.empty() && written != typed) articles_of[written] = std::max(articles_of[written], articles);
      }
    };
    // One Hangul syllable or Han character is a word's start: any prefix is completed.
    add(cache.completions(vocabulary.partitions, vocabulary.db, word->term, wanted * kCandidatesPerWanted), typed);
    // A Korean word whose last syllable is still being typed ("뱃", "배소" on the way to "배송").
    if (const std::optional<OpenSyllable> open = open_syllable(typed)) {
      ExpansionLimits limits;
      limits.max_completions = wanted * kCandidatesPerWanted;
      std::vector<TermCount> terms;
      for (std::string& term : open_syllable_completions(vocabulary.db, typed, limits)) {
        const Xapian::doccount articles = vocabulary.db.get_termfreq(term);
        terms.push_back({std::move(term), articles});
      }
      add(terms, open->before);
    }
    for (const auto& [written, articles] : articles_of) {
      Completion& c = by_word[written];
      c.word = written;
      c.query = text.substr(0, word->begin) + written;
      c.articles += articles;
    }
  }
  std::vector<Completion> out;
  for (auto& [word, completion] : by_word) out.push_back(std::move(completion));
  std::stable_sort(out.begin(), out.end(), [](const Completion& a, const Completion& b) { return a.articles > b.articles; });
  if (out.size() > wanted) out.resize(wanted);
  return out;
}

}  // namespace faqsearch::detail
