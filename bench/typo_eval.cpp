// Did-you-mean evaluation (issue #20 §1): the judged queries of eval sets, each searched as
// typed, with one deterministic typo, and typed on the wrong keyboard layout. Per (set,
// language): the share of typo'd / wrong-layout queries whose did-you-mean restores the
// original words, and the share of queries as typed that get any did-you-mean at all.
//
//   faqsearch_typo_eval [--max-queries N] [--lang L] DATASET_DIR...
//
// A typo is one edit (deletion, transposition, substitution, insertion) inside the query's
// longest word of five or more letters, never of its first letter (the vocabulary scan keeps the
// first letter: shoppers rarely mistype it); which word, edit and place follow from a hash of
// the query's id. The wrong layout: Russian, Greek and Arabic queries typed on QWERTY, and
// queries of Latin-script languages typed on ЙЦУКЕН. Languages written without spaces (zh, ja,
// th) are skipped: their words are n-grams, which did-you-mean does not correct.
// "Restored": the suggestion equals the original in lower case; "terms": the suggestion analyzes
// to the original's terms (an inflection the articles write differently counts). "Restorable":
// the word the typo was made in finds articles of the language as typed, without tolerance
// (corrections come from the articles' words only); "restorable restored" is "marks aside" among
// those. "Marks aside": "restored" with marks folded away (marks_aside()). Two columns say which
// typos a did-you-mean is not meant to fix: "typo unseen", where the analysis undoes the typo
// (the query's terms are the original's, so it finds the same articles), and "typo a known
// word", where the typo makes another word of the articles (a real-word error: corrections
// replace words no article has). --verbose also prints each missed typo's class and whether the
// language's dictionary spells the word as mistyped.
// A query may carry "meant" beside "text": the sample help center's queries are typed as shoppers
// type, and some already hold a slip ("express shiping cost"). Such a query's typo and layout are
// made in, and judged against, what was meant; as typed it is scored apart ("shopper typos
// corrected": the suggestion equals "meant", marks aside), so "untouched suggested" counts only
// queries typed without a slip, where every suggestion is a false one.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <string>
#include <vector>

#include "analysis/diacritic_folding.h"
#include "analysis/lemma_hooks.h"
#include "analysis/utf8.h"
#include "faqsearch/faqsearch.h"
#include "search/did_you_mean.h"
#include "search/keyboard_layouts.h"

namespace fs = std::filesystem;
using namespace faqsearch;

namespace {

struct Query {
  std::string id, text, lang;
  std::string meant;  // the words the shopper meant to type; `text` when it holds no slip
};

struct Cell {
  std::size_t queries = 0, untouched = 0, suggested_untouched = 0;
  std::size_t shopper_typos = 0, shopper_typos_corrected = 0;  // queries typed with a slip of their own
  std::size_t typos = 0, typos_restored = 0, typos_terms = 0, typos_unmarked = 0;
  std::size_t restorable = 0, restorable_restored = 0;  // typos of a word some article of the language has
  std::size_t typo_known = 0;    // typos that make another word of the articles (a real-word error)
  std::size_t typo_unseen = 0;   // typos the analysis undoes: the query's terms are the original's
  std::size_t layouts = 0, layouts_restored = 0, layouts_terms = 0;
};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

/// A letter or a mark of a word (Devanagari's vowel signs and virama, Arabic's harakat), not
/// punctuation: a typo made in "؟" or "।" leaves every word as it was.
bool is_letter(char32_t c) {
  const auto code_point = static_cast<UChar32>(c);
  return u_hasBinaryProperty(code_point, UCHAR_ALPHABETIC) || (U_GET_GC_MASK(code_point) & U_GC_M_MASK) != 0;
}

/// A query with one edit, and the word as it was before the edit.
struct Typo {
  std::string text, word, typed_word;
};

/// The query with one edit in its longest word of 5+ letters, or "" if it has none.
Typo one_typo(const Query& q) {
  const std::u32string text = detail::decode_utf8(q.meant);
  std::size_t best_begin = 0, best_length = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t j = i;
    while (j < text.size() && is_letter(text[j])) ++j;
    if (j - i > best_length) {
      best_length = j - i;
      best_begin = i;
    }
    i = j == i ? i + 1 : j;
  }
  if (best_length < 5) return {};
  const std::uint64_t h = fnv1a(q.id);
  std::u32string word = text.substr(best_begin, best_length);
  const std::size_t at = 1 + (h >> 8) % (word.size() - 2);  // 1 .. size-2
  switch (h % 4) {
    case 0: word.erase(at, 1); break;
    case 1: std::swap(word[at], word[at + 1]); break;
    case 2: word[at] = word[at] == word[at + 1] ? word[at - 1] : word[at + 1]; break;
    default: word.insert(at, 1, word[at]); break;
  }
  if (word == text.substr(best_begin, best_length)) word.erase(at, 1);
  std::u32string out = text.substr(0, best_begin) + word + text.substr(best_begin + best_length);
  Typo typo;
  for (const char32_t c : out) detail::append_utf8(typo.text, c);
  for (const char32_t c : text.substr(best_begin, best_length)) detail::append_utf8(typo.word, c);
  for (const char32_t c : word) detail::append_utf8(typo.typed_word, c);
  return typo;
}

/// The query typed on the wrong layout, or "" for languages without one: queries in a script
/// no layout here types (Hindi's Devanagari) have none.
std::string wrong_layout(const Query& q) {
  const std::string base = q.lang.substr(0, q.lang.find('-'));
  if (base == "ru" || base == "uk" || base == "bg") return detail::layout_to_qwerty(q.meant, detail::KeyboardLayout::kRussian);
  if (base == "el") return detail::layout_to_qwerty(q.meant, detail::KeyboardLayout::kGreek);
  if (base == "ar") return detail::layout_to_qwerty(q.meant, detail::KeyboardLayout::kArabic);
  if (detail::other_layout_renderings(q.meant).empty()) return "";
  return detail::qwerty_to_layout(q.meant, detail::KeyboardLayout::kRussian);
}

/// `text` in lower case without its marks: Latin, Greek and Cyrillic letters folded, Arabic's
/// optional vowel and gemination marks (harakat, shadda) dropped. A suggestion that writes a word
/// with the marks the articles give it ("devolución", "استقلَّت") restores the word typed
/// without them.
std::string marks_aside(const detail::DiacriticFolding& folding, const std::string& text) {
  std::string out;
  for (const char32_t c : detail::decode_utf8(folding.fold(detail::lower_case(text)))) {
    if ((c >= 0x064B && c <= 0x0652) || c == 0x0670) continue;
    detail::append_utf8(out, c);
  }
  return out;
}

std::vector<std::string> terms(Analyzer& analyzer, const std::string& text, const std::string& lang) {
  std::vector<std::string> out;
  for (const Token& t : analyzer.analyze(text, lang)) {
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) out.push_back(t.term);
  }
  return out;
}

/// Whether some article of `lang` has `word` as it is written (no typo tolerance, completion or
/// fallback): a typo of a word no article has cannot be restored from the articles' words.
bool in_vocabulary(Searcher& searcher, const std::string& word, const std::string& lang) {
  SearchRequest request;
  request.query = word;
  request.languages = {lang};
  request.limit = 1;
  request.snippets = false;
  request.typo_tolerance = false;
  request.prefix_last_word = false;
  request.fallback = false;
  request.corrections = false;
  request.diagnose = false;
  return searcher.search(request).total > 0;
}

void build(const fs::path& dataset, const fs::path& db) {
  IndexWriter writer = IndexWriter::open(db, OpenMode::kCreate, IndexSettings());
  const fs::path corpus = fs::exists(dataset / "corpus.jsonl") ? dataset / "corpus.jsonl" : dataset / "articles";
  read_articles(corpus, {}, [&](Article&& a, const SourceLocation&) {
    writer.upsert(std::move(a));
    if (writer.pending() >= 5000) writer.commit();
  }, [](const ImportProblem&) {});
  writer.commit();
}

std::vector<Query> read_queries(const fs::path& file, const std::string& only_lang) {
  std::ifstream in(file);
  std::vector<Query> out;
  for (std::string line; std::getline(in, line);) {
    if (line.find('{') == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line);
    Query q;
    q.id = j.at("_id").is_string() ? j.at("_id").get<std::string>() : j.at("_id").dump();
    q.text = j.at("text").get<std::string>();
    q.lang = canonical_language_tag(j.value("lang", "und"));
    q.meant = j.value("meant", q.text);
    if (only_lang.empty() || q.lang == only_lang) out.push_back(std::move(q));
  }
  return out;
}

void evaluate(const fs::path& dataset, std::size_t max_queries, const std::string& only_lang, bool verbose) {
  const fs::path db = fs::temp_directory_path() / ("faqsearch-typo-eval-" + std::to_string(::getpid()));
  fs::remove_all(db);
  build(dataset, db);
  Searcher searcher(db);
  Analyzer analyzer;
  const detail::DiacriticFolding folding("");
  std::map<std::string, Cell> cells;
  for (const Query& q : read_queries(dataset / "queries.jsonl", only_lang)) {
    const std::string base = q.lang.substr(0, q.lang.find('-'));
    if (base == "zh" || base == "ja" || base == "th") continue;
    Cell& cell = cells[q.lang];
    if (cell.queries >= max_queries) continue;
    ++cell.queries;
    SearchRequest request;
    request.languages = {q.lang};
    request.snippets = false;
    request.limit = 1;
    request.diagnose = false;
    const auto suggestion = [&](const std::string& text) {
      request.query = text;
      return searcher.search(request).did_you_mean;
    };
    const std::string original = detail::lower_case(q.meant);
    const std::vector<std::string> original_terms = terms(analyzer, q.meant, q.lang);
    const std::string unmarked = marks_aside(folding, q.meant);
    const auto as_typed = suggestion(q.text);
    if (q.meant == q.text) {
      ++cell.untouched;
      if (as_typed) ++cell.suggested_untouched;
    } else {
      ++cell.shopper_typos;
      if (as_typed && marks_aside(folding, as_typed->query) == unmarked) ++cell.shopper_typos_corrected;
    }
    if (verbose && (as_typed || q.meant != q.text)) {
      std::fprintf(stderr, "%s\t%s\t%s\t%s\t%s\n", q.lang.c_str(), q.meant == q.text ? "UNTOUCHED" : "SHOPPER", q.meant.c_str(),
                   q.text.c_str(), as_typed ? as_typed->query.c_str() : "-");
    }
    std::size_t ignored = 0;
    const auto score = [&](const char* kind, const std::string& typed, std::size_t& n, std::size_t& restored, std::size_t& same_terms,
                           std::size_t& restored_unmarked) {
      if (typed.empty() || typed == q.meant) return false;
      ++n;
      const auto s = suggestion(typed);
      if (verbose) {
        std::fprintf(stderr, "%s\t%s\t%s\t%s\t%s\n", q.lang.c_str(), kind, q.meant.c_str(), typed.c_str(), s ? s->query.c_str() : "-");
      }
      if (!s) return false;
      if (terms(analyzer, s->query, q.lang) == original_terms) ++same_terms;
      if (marks_aside(folding, s->query) != unmarked) return false;
      ++restored_unmarked;
      if (detail::lower_case(s->query) == original) ++restored;
      return true;
    };
    const Typo typo = one_typo(q);
    const bool typo_restored = score("TYPO", typo.text, cell.typos, cell.typos_restored, cell.typos_terms, cell.typos_unmarked);
    if (!typo.text.empty() && typo.text != q.meant) {
      const bool restorable = in_vocabulary(searcher, typo.word, q.lang);
      if (restorable) {
        ++cell.restorable;
        if (typo_restored) ++cell.restorable_restored;
      }
      const bool unseen = terms(analyzer, typo.text, q.lang) == original_terms;
      const bool known = !unseen && in_vocabulary(searcher, typo.typed_word, q.lang);
      if (unseen) ++cell.typo_unseen;
      if (known) ++cell.typo_known;
      if (verbose && !typo_restored) {
        const std::optional<bool> spelled = detail::AnalyzerHooks::spells(analyzer, typo.typed_word, q.lang);
        std::fprintf(stderr, "%s\tMISSED\t%s\t%s\t%s\n", q.lang.c_str(), unseen ? "unseen" : known ? "known" : "unknown",
                     spelled == true ? "spelled" : spelled == false ? "misspelled" : "nodict",
                     restorable ? "restorable" : "unrestorable");
      }
    }
    score("LAYOUT", wrong_layout(q), cell.layouts, cell.layouts_restored, cell.layouts_terms, ignored);
  }
  fs::remove_all(db);
  const auto pct = [](std::size_t a, std::size_t b) { return b == 0 ? std::string("-") : std::to_string(100 * a / b) + "%"; };
  for (const auto& [lang, c] : cells) {
    std::printf("| %s | %s | %zu | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", dataset.filename().c_str(), lang.c_str(), c.queries,
                pct(c.typos_restored, c.typos).c_str(), pct(c.typos_unmarked, c.typos).c_str(), pct(c.typos_terms, c.typos).c_str(),
                pct(c.restorable, c.typos).c_str(), pct(c.restorable_restored, c.restorable).c_str(),
                pct(c.typo_unseen, c.typos).c_str(), pct(c.typo_known, c.typos).c_str(),
                pct(c.layouts_restored, c.layouts).c_str(), pct(c.layouts_terms, c.layouts).c_str(),
                pct(c.suggested_untouched, c.untouched).c_str(), pct(c.shopper_typos_corrected, c.shopper_typos).c_str());
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t max_queries = 300;
  std::string lang;
  bool verbose = false;  // --verbose: each altered query and its suggestion, on stderr
  std::vector<fs::path> datasets;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--max-queries" && i + 1 < argc) max_queries = std::stoul(argv[++i]);
    else if (a == "--verbose") verbose = true;
    else if (a == "--lang" && i + 1 < argc) lang = canonical_language_tag(argv[++i]);
    else datasets.emplace_back(a);
  }
  if (datasets.empty()) {
    std::cerr << "usage: faqsearch_typo_eval [--max-queries N] [--lang L] DATASET_DIR...\n";
    return 1;
  }
  std::printf("| set | lang | queries | typo restored | marks aside | typo terms | typo restorable | restorable restored | typo unseen | typo a known word | layout restored | layout terms | untouched suggested | shopper typos corrected |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  try {
    for (const auto& d : datasets) evaluate(d, max_queries, lang, verbose);
  } catch (const std::exception& e) {
    std::cerr << "faqsearch_typo_eval: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
