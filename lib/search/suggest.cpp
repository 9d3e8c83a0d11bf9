#include "search/suggest.h"

#include <algorithm>
#include <map>

#include "analysis/language_table.h"
#include "search/did_you_mean.h"
#include "search/term_expansion.h"

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
/// Completions whose words join the text when its titles are searched.
constexpr std::size_t kCompletionsInTitleQuery = 3;

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

std::vector<Completion> complete_last_word(Analyzer& analyzer, const SearchPlan& plan, const std::string& text,
                                           std::size_t wanted, RecordDecompressor& decompressor) {
  if (wanted == 0 || text.empty()) return {};
  ExpansionLimits limits;
  limits.min_prefix_length = 1;  // one Hangul syllable or Han character is a word's start
  limits.max_completions = wanted * kCandidatesPerWanted;
  std::map<std::string, Completion> by_word;
  for (std::size_t k = 0; k < plan.partitions.size(); ++k) {
    const std::string& lang = plan.partitions[k]->lang;
    const std::optional<Token> word = last_word(analyzer, text, lang);
    if (!word) continue;
    const std::string typed = lower_case(std::string_view(text).substr(word->begin, word->end - word->begin));
    const Xapian::Database& db = plan.databases[k];
    for (const std::string& term : prefix_completions(db, word->term, limits)) {
      if (term.find(' ') != std::string::npos) continue;
      std::string written = written_form(analyzer, db, lang, term, typed, decompressor,
                                         {kSpellingArticles, kSpellingBodyBytes});
      if (written.empty() && is_written_word(analyzer, term, lang)) written = term;
      if (written.empty()) {
        // No title writes it: a term of a language without stemming is a word, a stem ("parti")
        // is not one to show.
        const LanguageRow& row = find_language_row(lang);
        if (!row.stemmer.empty() || !row.hunspell.empty()) continue;
        written = term;
      }
      if (!written.starts_with(typed) || written == typed) continue;  // a stem that no longer starts so
      Completion& c = by_word[written];
      c.word = written;
      c.query = text.substr(0, word->begin) + written;
      c.articles += db.get_termfreq(term);
    }
  }
  std::vector<Completion> out;
  for (auto& [word, completion] : by_word) out.push_back(std::move(completion));
  std::stable_sort(out.begin(), out.end(), [](const Completion& a, const Completion& b) { return a.articles > b.articles; });
  if (out.size() > wanted) out.resize(wanted);
  return out;
}

std::string title_query(const std::string& text, const std::vector<Completion>& completions) {
  if (completions.empty()) return text;
  // The unfinished word gives way to its completions: alone it would match its typo corrections.
  const Completion& first = completions.front();
  std::string query = first.query.substr(0, first.query.size() - first.word.size());
  for (std::size_t i = 0; i < completions.size() && i < kCompletionsInTitleQuery; ++i) {
    query += (i == 0 ? "" : " ") + completions[i].word;
  }
  return query;
}

}  // namespace faqsearch::detail
