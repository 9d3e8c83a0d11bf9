// Title coverage (search/title_coverage.h): the content words a title is stored with, the share
// of them a query has, and the ranking it changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "search/ranking.h"
#include "search/title_coverage.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using detail::TitleWord;
using testing::article;
using testing::ScratchDir;

// A title's content words: stems, numbers and dictionary words, each once, with their folded
// variants; not stop words, written forms, CJK n-grams or pairs.
TEST(TitleWords, AreTheTitlesContentWordsOnce) {
  const struct {
    std::string lang, title;
    std::vector<TitleWord> words;
  } rows[] = {
      {"en", "How do I delete my Facebook account?", {{"delet", ""}, {"facebook", ""}, {"account", ""}}},
      {"en", "Returns and returns: the 2 day rule", {{"return", ""}, {"2", ""}, {"day", ""}, {"rule", ""}}},
      {"pl", "Zwrot pieniędzy za zwrócony towar",
       {{"zwrot", ""}, {"pieniądz", "pieniadz"}, {"zwrócić", "zwrocic"}, {"towar", ""}}},
      {"zh-Hans", "怎么查快递的物流", {{"查", ""}, {"快递", ""}, {"物流", ""}}},
      {"en", "How do I?", {}},
      {"en", "", {}},
  };
  Analyzer analyzer;
  for (const auto& row : rows) {
    EXPECT_EQ(detail::title_words(analyzer.analyze(row.title, row.lang)), row.words) << row.title;
  }
}

// An article is compared by its title's words; one without a title, by its text's when they are
// no more than a title's (the text of a known question), and by none when they are more.
TEST(HeadingWords, AreTheTitlesOrAShortUntitledTextsWords) {
  const std::string twelve = "one two three four five six seven eight nine ten eleven twelve";
  const struct {
    std::string title, body;
    std::vector<std::string> terms;
  } rows[] = {
      {"Card not working", "My virtual card is not working either.", {"card", "work"}},
      {"", "My virtual card is not working.", {"virtual", "card", "work"}},
      {"How do I?", "Card declined", {"card", "declin"}},  // a title of stop words says nothing
      // Content words are counted once: the limit is on distinct words.
      {"", "card card card card card card card card card card card card card declined", {"card", "declin"}},
      {"",
       twelve,
       {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelv"}},
      {"", "Card " + twelve, {}},  // 13 content words: a text, not a title
      {"", "", {}},
  };
  static_assert(detail::kMaxUntitledHeadingWords == 12, "the rows above count to 12");
  Analyzer analyzer;
  for (const auto& row : rows) {
    std::vector<std::string> terms;
    const std::vector<Token> title = analyzer.analyze(row.title, "en");
    const std::vector<Token> body = analyzer.analyze(row.body, "en");
    for (const TitleWord& w : detail::heading_words(title, body)) terms.push_back(w.term);
    EXPECT_EQ(terms, row.terms) << row.title << " | " << row.body;
  }
}

TEST(TitleCoverage, IsTheShareOfTitleWordsTheQueryHas) {
  const std::vector<TitleWord> title = {{"gift", ""}, {"card", ""}, {"zwrót", "zwrot"}, {"balanc", ""}};
  const struct {
    std::unordered_set<std::string> query;
    double coverage;
  } rows[] = {
      {{"gift", "card", "zwrót", "balanc"}, 1.0},
      {{"gift", "card", "balanc", "check", "onlin"}, 0.75},  // words beyond the title cost nothing
      {{"zwrot"}, 0.25},                                     // typed without marks: the variant
      {{"giftcard", "car"}, 0.0},                            // whole terms only
      {{}, 0.0},
  };
  for (const auto& row : rows) EXPECT_DOUBLE_EQ(detail::title_coverage(title, row.query), row.coverage);
  EXPECT_DOUBLE_EQ(detail::title_coverage({}, {"gift"}), 0.0);
}

// The hits of `query` over a fresh index of `articles`, without snippets: the ranking is what the
// tests below compare.
SearchResults rank(const std::vector<Article>& articles, const std::string& query) {
  ScratchDir dir;
  testing::index_articles(dir.path(), articles);
  Searcher s(dir.path());
  SearchRequest request;
  request.query = query;
  request.snippets = false;
  return s.search(request);
}

// The article whose title the query says whole ranks above one whose title says more, though
// BM25 alone prefers the other's shorter text; a word of the title the query lacks costs it.
TEST(TitleCoverage, RanksTheArticleWhoseTitleTheQuerySays) {
  const SearchResults r =
      rank({article("virtual-card", "en", "Virtual card not working", "Open the app."),
            article("card", "en", "Card not working",
                    "Check that the card is active in the app, that the shop accepts it, and that the chip "
                    "is clean; then try the payment again or ask your bank."),
            article("other", "en", "Delivery times", "Parcels arrive in two to four days.")},
           "card not working");
  EXPECT_EQ(testing::ids(r), (std::vector<std::string>{"card", "virtual-card"}));
  ASSERT_EQ(r.hits.size(), 2u);
  // Not by the text's length alone: the words' scores rank them the other way round.
  EXPECT_LT(r.hits[0].score / detail::title_coverage_boost(1.0),
            r.hits[1].score / detail::title_coverage_boost(2.0 / 3.0));
}

// Untitled known questions, as in an FAQ built from a support log: the one the query says whole
// ranks above one that says more, though BM25 alone prefers the other.
TEST(TitleCoverage, RanksTheUntitledQuestionTheQuerySays) {
  const SearchResults r =
      rank({article("new-card", "en", "", "When will my new card arrive? My card should arrive soon."),
            article("card", "en", "", "When will my card arrive?"),
            article("other", "en", "", "Parcels arrive in two to four days.")},
           "when will my card arrive");
  EXPECT_EQ(testing::ids(r), (std::vector<std::string>{"card", "new-card", "other"}));
  ASSERT_EQ(r.hits.size(), 3u);
  // The untitled articles' headings: new, card, arriv, soon; card, arriv.
  EXPECT_LT(r.hits[0].score / detail::title_coverage_boost(1.0),
            r.hits[1].score / detail::title_coverage_boost(2.0 / 4.0));
}

// Title coverage reorders a window that does not move with the offset: pages of any one size cut
// one order, with no article twice or skipped, and the first page is the same whatever its size.
TEST(TitleCoverage, PagesOfOneSizeCutOneOrder) {
  ScratchDir dir;
  std::set<std::string> matching;
  {
    IndexWriter w = IndexWriter::open(dir.path(), OpenMode::kCreate);
    const char* titles[] = {"Gift card", "Gift card balance and expiry", "Help", "Gift cards for companies"};
    for (int i = 0; i < 28; ++i) {
      const std::string id = "a" + std::to_string(i);
      std::string body = "Your gift card works in every store";
      for (int k = 0; k <= i % 7; ++k) body += " and online";
      w.upsert(article(id, "en", titles[i % 4], body + "."));
      matching.insert(id);
    }
    w.commit();
  }
  Searcher s(dir.path());
  const std::vector<std::string> reference =
      testing::expect_pages_cut_one_order(s, "gift card", matching, {10U, 1U, 3U, 7U, 12U});
  // One word, no pairs: the title window alone is reranked, and pages below it are fetched alone.
  testing::expect_pages_cut_one_order(s, "gift", matching, {10U, 1U, 3U, 7U, 12U});
  // The titles the query says whole come first.
  ASSERT_FALSE(reference.empty());
  EXPECT_EQ(reference[0], "a0");
}

}  // namespace
}  // namespace faqsearch
