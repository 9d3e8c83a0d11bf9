// Typo tolerance and as-you-type: edit distance, corrections and completions from the vocabulary,
// and the guarantee that a hidden article's words never correct or complete a caller's query.
// What scripts and languages add (German compounds, Chinese homophones, Thai joined words):
// term_expansion_scripts_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iterator>

#include "analysis/language_table.h"
#include "analysis/lemma_hooks.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/schema.h"
#include "index/word_pairs.h"
#include "search/query_builder.h"
#include "search/term_expansion.h"
#include "term_expansion_support.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::article;
using testing::count_pair;
using testing::ExpansionTest;
using testing::query_description;
using testing::query_pairs;

struct DistanceRow {
  std::u32string a, b;
  std::size_t bound, expected;
};

class EditDistance : public ::testing::TestWithParam<DistanceRow> {};

TEST_P(EditDistance, CountsInsertionsDeletionsSubstitutionsAndTranspositions) {
  const auto& row = GetParam();
  EXPECT_EQ(detail::bounded_edit_distance(row.a, row.b, row.bound), row.expected);
  EXPECT_EQ(detail::bounded_edit_distance(row.b, row.a, row.bound), row.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, EditDistance,
    ::testing::Values(DistanceRow{U"email", U"email", 2, 0},      //
                      DistanceRow{U"emial", U"email", 2, 1},      // transposition
                      DistanceRow{U"retrun", U"return", 2, 1},    // transposition
                      DistanceRow{U"refnd", U"refund", 2, 1},     // deletion
                      DistanceRow{U"refunds", U"refund", 2, 1},   // insertion
                      DistanceRow{U"płatnośc", U"płatność", 2, 1},  // code points, not bytes
                      DistanceRow{U"parcel", U"pencil", 2, 3},    // beyond the bound: bound + 1
                      DistanceRow{U"ab", U"abcdef", 1, 2},        // length gap alone exceeds it
                      DistanceRow{U"", U"ab", 2, 2}));

// The banded, early-exit distance agrees with the whole table on every pair of short strings over
// a small alphabet (where transpositions and near-misses are frequent).
TEST(EditDistanceBand, AgreesWithTheFullTable) {
  const auto full = [](std::u32string_view a, std::u32string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.size()][b.size()];
  };
  std::uint32_t state = 12345;
  const auto next = [&] { return state = state * 1103515245U + 12345U; };
  const auto word = [&] {
    std::u32string w;
    for (std::size_t k = (next() >> 16) % 9; k > 0; --k) w.push_back(U'a' + (next() >> 16) % 3);
    return w;
  };
  for (int n = 0; n < 20000; ++n) {
    const std::u32string a = word(), b = word();
    for (std::size_t bound = 0; bound <= 3; ++bound) {
      const std::size_t expected = std::min(full(a, b), bound + 1);
      ASSERT_LE(detail::LetterCounts(a).distance_floor(detail::LetterCounts(b)), full(a, b))
          << std::string(a.begin(), a.end()) << " / " << std::string(b.begin(), b.end());
      ASSERT_EQ(detail::bounded_edit_distance(a, b, bound), expected)
          << std::string(a.begin(), a.end()) << " / " << std::string(b.begin(), b.end()) << " bound " << bound;
    }
  }
}

struct ExpansionRow {
  const char* query;
  const char* lang;
  const char* expected_first;
};

class ExpandedQueries : public ExpansionTest, public ::testing::WithParamInterface<ExpansionRow> {};

TEST_P(ExpandedQueries, FindTheIntendedArticle) {
  const auto& row = GetParam();
  const auto hits = top_ids(row.query, row.lang);
  ASSERT_FALSE(hits.empty()) << row.query;
  EXPECT_EQ(hits.front(), row.expected_first) << row.query;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ExpandedQueries,
    ::testing::Values(ExpansionRow{"no confirmation emial.", "en", "confirmation"},  // typo, complete query
                      ExpansionRow{"can i return underwaer?", "en", "underwear"},  // typo near the stem
                      ExpansionRow{"endre leveringsadr", "nb", "address"},         // still typing
                      ExpansionRow{"confirm", "en", "confirmation"}));             // half a word

// A mistyped inflected word is corrected to its lemma through the words the lemma table holds:
// "odrzcona" is one edit from "odrzucona" (lemma "odrzucić") and three from the lemma itself.
TEST_F(ExpansionTest, InflectedTyposAreCorrectedThroughTheLemmaTable) {
  if (Analyzer().stemmer_in_use("pl") != "hunspell:pl_PL") GTEST_SKIP() << "hunspell-pl is not installed";
  EXPECT_NE(query_description(dir_.path(), "platnosc odrzcona.", "pl").find("odrzucić"), std::string::npos);
  const auto hits = top_ids("platnosc odrzcona.", "pl");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front(), "declined");
}

// A corrected word takes its place in the word pairs of the query too ("confirm emial" →
// "confirm email"), as alternatives of the pair.
// A word still being typed that known words begin is completed, not corrected: corrections of
// a half-typed word were noise, and their scans were most of the bench's prefix-query tail. The
// same letters, finished (a space after them), are corrected.
TEST_F(ExpansionTest, AnUnfinishedWordIsCompletedNotCorrected) {
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  // "folde" being typed: "folder" once, as a completion.
  const std::string typing = query_description(dir_.path(), "spam folde", "en");
  EXPECT_EQ(count(typing, "0.5 * folder"), 1U) << typing;
  EXPECT_EQ(count(typing, "folder"), 1U) << typing;
  // Finished: "folder" as a correction, and in the corrected pair "spam folder".
  const std::string finished = query_description(dir_.path(), "spam folde ", "en");
  EXPECT_EQ(count(finished, "0.5 * folder"), 0U) << finished;
  EXPECT_EQ(count(finished, "folder"), 1U) << finished;
  EXPECT_EQ(count_pair(query_pairs(dir_.path(), "spam folde ", "en"), "spam folder"), 1U);
}

TEST_F(ExpansionTest, CorrectionsTakeTheirPlaceInWordPairs) {
  const auto mistyped = query_pairs(dir_.path(), "no confirmation emial.", "en");
  EXPECT_EQ(count_pair(mistyped, "confirm email"), 1U);
  EXPECT_EQ(count_pair(query_pairs(dir_.path(), "emial confirmation.", "en"), "email confirm"), 1U);
  // A word the vocabulary knows brings no corrected pairs: "confirm email" once, alone.
  const auto known = query_pairs(dir_.path(), "confirmation email.", "en");
  ASSERT_EQ(known.size(), 1U);
  EXPECT_EQ(count_pair(known, "confirm email"), 1U);
  EXPECT_EQ(known.front().hashes.size(), 1U);
}

// Lemma-table entries outlive their articles; a lemma no article holds is never a correction.
TEST(TypoScan, LemmasNoArticleHoldsAreNotCorrections) {
  testing::ScratchDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  Xapian::Document doc;
  doc.add_term("odrzucić");
  db.add_document(doc);
  db.set_metadata(std::string(detail::kMetadataLemmaPrefix) + "odrzucona", "odrzucić");
  db.set_metadata(std::string(detail::kMetadataLemmaPrefix) + "zwrócona", "zwrócić");  // no such term
  db.commit();
  EXPECT_EQ(detail::typo_candidates(db, {"odrzcona"}), std::vector<std::string>{"odrzucić"});
  EXPECT_TRUE(detail::typo_candidates(db, {"zwrcona"}).empty());
}

// The length threshold counts the word as typed: a stem shorter than it is corrected when the
// analyzer removed a clitic prefix ("الدقع" → "دقع", one edit from "دفع", payment), not when it
// removed an ending ("جيجن" → "جيج": a name, whose three-letter neighbours were noise) or when
// the word itself is short.
TEST(TypoScan, ShortStemsAreCorrectedWhenAPrefixWasRemoved) {
  testing::ScratchDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  Xapian::Document doc;
  doc.add_term("دفع");
  doc.add_term("جيد");
  doc.add_term("fee");
  db.add_document(doc);
  db.commit();
  EXPECT_EQ(detail::typo_candidates(db, {"دقع", "الدقع"}), std::vector<std::string>{"دفع"});
  EXPECT_TRUE(detail::typo_candidates(db, {"جيج", "جيجن"}).empty());
  EXPECT_TRUE(detail::typo_candidates(db, {"dee", "dee"}).empty());
  EXPECT_TRUE(detail::typo_candidates(db, {"fea"}).empty());
}

// Xapian 1.4 reads only the first database's metadata through a multi-database: a lemma table
// in the second partition (an agents-only article's words) was never read, so a mistyped form of
// its word stayed uncorrected when both audiences were searched.
TEST(TypoScan, EveryPartitionsLemmaTableIsRead) {
  testing::ScratchDir dir;
  const auto make = [&](const char* name, const char* word, const char* lemma) {
    Xapian::WritableDatabase db((dir.path() / name).string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::Document doc;
    doc.add_term(lemma);
    db.add_document(doc);
    db.set_metadata(std::string(detail::kMetadataLemmaPrefix) + word, lemma);
    db.commit();
    return Xapian::Database((dir.path() / name).string());
  };
  const std::vector<Xapian::Database> partitions = {make("public", "zwrotu", "zwrot"),
                                                    make("agents", "odrzucona", "odrzucić")};
  Xapian::Database combined;
  for (const auto& p : partitions) combined.add_database(p);
  EXPECT_TRUE(detail::typo_candidates(combined, {"odrzcona"}).empty());  // what 1.4 shows
  EXPECT_EQ(detail::typo_candidates(combined, {"odrzcona"}, {}, &partitions), std::vector<std::string>{"odrzucić"});
  EXPECT_EQ(detail::typo_candidates(combined, {"zwrotuu"}, {}, &partitions), std::vector<std::string>{"zwrot"});
}

TEST_F(ExpansionTest, OffSwitchesMatchOnlyWhatWasTyped) {
  EXPECT_TRUE(top_ids("emial.", "en", /*typos=*/false).empty());
  EXPECT_TRUE(top_ids("leveringsadr", "nb", true, /*prefix=*/false).empty());
}

// The budget of unknown words a query may look up: the words after it are matched as typed.
// A search over several languages gives each a share of one budget (searcher.cpp), so a query of
// made-up words without a language cannot cost a vocabulary scan per word in every language.
TEST_F(ExpansionTest, UnknownWordsPastTheBudgetAreMatchedAsTyped) {
  const Xapian::Database db((dir_.path() / std::string(detail::kPartitionsDir) / "public" / "en").string());
  Analyzer analyzer;
  detail::QueryExpansion expansion;
  expansion.vocabulary = &db;
  const std::string text = "qqzz wwxx vvyy emial.";  // the typo comes fourth
  expansion.max_expanded_words = 4;
  EXPECT_NE(detail::build_text_query(analyzer, text, "en", expansion).query.get_description().find("email"),
            std::string::npos);
  expansion.max_expanded_words = 3;
  EXPECT_EQ(detail::build_text_query(analyzer, text, "en", expansion).query.get_description().find("email"),
            std::string::npos);
}

TEST_F(ExpansionTest, FinishedWordsAreNotCompleted) {
  // A trailing space or punctuation says the word is complete.
  EXPECT_TRUE(top_ids("leveringsadr ", "nb", /*typos=*/false).empty());
  EXPECT_TRUE(top_ids("leveringsadr.", "nb", /*typos=*/false).empty());
}

TEST_F(ExpansionTest, HiddenArticlesNeverCorrectOrCompleteAQuery) {
  // "chargebak" is one edit from a word only an agents-only article has; "goodwi" begins one.
  EXPECT_TRUE(top_ids("chargebak.", "en").empty());
  EXPECT_TRUE(top_ids("goodwi", "en").empty());
  // Agents see it, corrected and completed.
  EXPECT_EQ(top_ids("chargebak.", "en", true, true, {"public", "agents"}), std::vector<std::string>{"goodwill"});
  EXPECT_EQ(top_ids("goodwi", "en", true, true, {"public", "agents"}), std::vector<std::string>{"goodwill"});
}

// A mistyped word whose stemmer cut an ending is corrected from its stem too, not only from the
// typed spelling: "kundeservise" (stem "kundeservis") finds the articles' stem "kundeservic", a
// term with positions that snippets mark. From the typed spelling alone it found only the written
// form "kundeservice", which has no positions: the hit carried no highlight.
TEST(TypoScan, AStemmedWordIsCorrectedFromItsStem) {
  testing::ScratchDir dir;
  testing::index_articles(dir.path(),
                          {article("contact", "nb", "Kontakt kundeservice", "Ring kundeservice på telefon."),
                           article("returns", "nb", "Retur", "Send varen tilbake innen 30 dager.")});
  Searcher s(dir.path());
  SearchRequest r;
  r.query = "kundeservise.";
  r.languages = {"nb"};
  const SearchResults results = s.search(r);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits[0].id, "contact");
  ASSERT_FALSE(results.hits[0].title_snippet.highlights.empty());
  const HighlightRange& mark = results.hits[0].title_snippet.highlights.front();
  EXPECT_EQ(results.hits[0].title_snippet.text.substr(mark.begin, mark.end - mark.begin), "kundeservice");
}

// Word pairs share their first word's letters ("the aaaa" sorts between "the" and "thermometer").
// When pairs were stored as plain terms, thousands of "the …" pairs filled the bounded scan for
// "th…" candidates, and a one-edit typo of a word after them was never corrected.
TEST(TypoScan, WordPairsDoNotCrowdOutWords) {
  testing::ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    std::string body;
    const detail::ExpansionLimits limits;
    for (std::size_t i = 0; i < limits.max_scanned_terms + 1000; ++i) {
      std::string word = "the ";  // then four letters: "aaaa", "aaab", ...
      for (std::size_t n = i, k = 0; k < 4; ++k, n /= 26) word += static_cast<char>('a' + n % 26);
      body += word + ". ";
    }
    Article filler;
    filler.id = "filler";
    filler.lang = "en";
    filler.title = "Filler";
    filler.body = body;
    w.upsert(filler);
    Article target;
    target.id = "thermometer";
    target.lang = "en";
    target.title = "Thermometer calibration";
    target.body = "How to calibrate a thermometer.";
    w.upsert(target);
    w.commit();
  }
  Searcher s(dir.path());
  SearchRequest r;
  r.query = "thermomter.";  // one deletion
  r.languages = {"en"};
  const SearchResults results = s.search(r);
  ASSERT_FALSE(results.hits.empty());
  EXPECT_EQ(results.hits.front().id, "thermometer");
}

}  // namespace
}  // namespace faqsearch
