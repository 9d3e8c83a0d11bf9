// Search-box title suggestions (Searcher::suggest, SuggestRequest::titles): the articles whose
// titles hold the words typed, matched in memory (search/title_suggest.h), served as a search
// serves them, and kept current across commits.
#include <gtest/gtest.h>

#include <algorithm>

#include "faqsearch/faqsearch.h"
#include "index/title_terms.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

std::vector<std::string> title_ids(const Suggestions& out) {
  std::vector<std::string> ids;
  for (const Hit& hit : out.titles) ids.push_back(hit.id + "/" + hit.lang + (hit.fallback ? "/fallback" : ""));
  return ids;
}

Suggestions suggest(Searcher& s, const std::string& text, std::vector<std::string> languages, std::size_t completions = 5) {
  SuggestRequest r;
  r.text = text;
  r.languages = std::move(languages);
  r.completions = completions;
  return s.suggest(r);
}

void index_with_default(const std::filesystem::path& dir, const std::vector<Article>& articles, const std::string& lang) {
  IndexSettings settings;
  settings.default_language = lang;
  IndexWriter w = IndexWriter::open(dir, OpenMode::kCreateOrOpen, settings);
  for (const Article& a : articles) w.upsert(a);
  w.commit();
}

class TitleSuggest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    Article promoted = testing::article("track-promoted", "en", "Track a parcel", "Where a parcel is.");
    promoted.promoted = true;
    index_with_default(
        dir_->path(),
        {
            testing::article("shipping", "en", "Shipping costs", "Costs, and when a refund covers them."),
            testing::article("refund", "en", "When will I get my refund?", "Refunds take five days."),
            testing::article("track", "en", "Track an order", "Follow the tracking link."),
            testing::article("track", "nb", "Spor en ordre", "Følg sporingslenken."),
            testing::article("customs", "en", "Customs and import duties", "Duties are paid on arrival."),
            testing::article("howto", "en", "How to return an item", "Send it back within 30 days."),
            testing::article("pay", "en", "Paying by card", "We take every card."),
            testing::article("password", "en", "Forgot your password?", "Reset it on the sign-in page."),
            testing::article("klarna", "en", "Klarna instalments", "Pay later."),
            testing::article("klarna", "de", "Klarna Ratenkauf", "Später zahlen."),
            promoted,
        },
        "en");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static ScratchDir* dir_;
};
ScratchDir* TitleSuggest::dir_ = nullptr;

TEST_F(TitleSuggest, ListsTheArticlesWhoseTitlesHoldTheWords) {
  struct Row {
    std::string text;
    std::vector<std::string> languages;
    std::size_t completions;
    std::vector<std::string> expected;  // title ids in order
  };
  const std::vector<Row> rows = {
      // A body that says "refund" is no title that does.
      {"refu", {"en"}, 5, {"refund/en"}},
      {"refund", {"en"}, 5, {"refund/en"}},
      // Without completions asked for, the titles' own longer terms complete the word.
      {"refu", {"en"}, 0, {"refund/en"}},
      {"custo", {"en"}, 0, {"customs/en"}},
      // The last word finished ("refund ") is matched as typed.
      {"refund ", {"en"}, 5, {"refund/en"}},
      // Stop words beside a content word only raise titles it found: "How to return an item"
      // shares "how" and "to" only.
      {"how to pay", {"en"}, 5, {"pay/en"}},
      // A query of stop words alone finds the titles that hold them.
      {"how to", {"en"}, 5, {"howto/en"}},
      // One hit per article, in the preferred language; another article as a fallback.
      {"spor", {"nb"}, 5, {"track/nb"}},
      {"klarna", {"nb"}, 5, {"klarna/en/fallback"}},
      // Without a language, one hit per article, whichever translation scored best.
      {"klarna", {}, 5, {"klarna/en"}},
      // A word no title holds is looked for one edit away, as the search's typo tolerance does.
      {"pasword", {"en"}, 5, {"password/en"}},
      {"custmos", {"en"}, 0, {"customs/en"}},
      // Nothing in any title: nothing listed (the body of "shipping" says "covers").
      {"covers", {"en"}, 5, {}},
  };
  Searcher s(dir_->path());
  for (const Row& row : rows) {
    const Suggestions out = suggest(s, row.text, row.languages, row.completions);
    std::vector<std::string> ids = title_ids(out);
    EXPECT_EQ(ids, row.expected) << row.text;
    for (const Hit& hit : out.titles) {
      EXPECT_FALSE(hit.title_snippet.highlights.empty()) << row.text << " " << hit.id;
      EXPECT_TRUE(hit.snippet.text.empty()) << row.text;
    }
  }
}

TEST_F(TitleSuggest, APromotedArticleWinsATieAndTheShorterTitleAnother) {
  Searcher s(dir_->path());
  // "Track a parcel" (promoted) and "Track an order" share "track" alone; the promoted one wins.
  EXPECT_EQ(title_ids(suggest(s, "track", {"en"}, 0)), (std::vector<std::string>{"track-promoted/en", "track/en"}));
  // "Klarna instalments" and "Klarna Ratenkauf" tie without a language: the article is listed once.
  EXPECT_EQ(title_ids(suggest(s, "klarna", {}, 0)).size(), 1u);
}

TEST_F(TitleSuggest, HighlightsTheWordsFoundInTheTitle) {
  Searcher s(dir_->path());
  const Suggestions out = suggest(s, "when will i get my ref", {"en"});
  ASSERT_FALSE(out.titles.empty());
  const Snippet& title = out.titles.front().title_snippet;
  EXPECT_EQ(title.text, "When will I get my refund?");
  std::vector<std::string> marked;
  for (const auto& [begin, end] : title.highlights) marked.push_back(title.text.substr(begin, end - begin));
  EXPECT_NE(std::find(marked.begin(), marked.end(), "refund"), marked.end());
}

TEST(TitleSuggestSynonyms, TheIndexsSynonymsFindTitlesAsTheyFindArticles) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.set_synonyms(parse_synonyms("[en]\nmoney back => refund\nbroken => faulty, defective\nparcel, package\n", "test"));
    for (const Article& a : {testing::article("refund", "en", "When will I get my refund?", "Five days."),
                             testing::article("faulty", "en", "My item arrived faulty", "Send a photo."),
                             testing::article("package", "en", "Where is my package?", "Track it."),
                             testing::article("other", "en", "Opening hours", "Money is not back.")}) {
      w.upsert(a);
    }
    w.commit();
  }
  struct Row {
    std::string text;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"money back", {"refund/en"}},  // a phrase typed brings in its one-way alternative
      {"broken item", {"faulty/en"}},
      {"parcel", {"package/en"}},  // both ways
      {"refund", {"refund/en"}},  // one way: "refund" does not bring in "money back"
  };
  Searcher s(dir.path());
  for (const Row& row : rows) {
    const Suggestions out = suggest(s, row.text, {"en"});
    EXPECT_EQ(title_ids(out), row.expected) << row.text;
    for (const Hit& hit : out.titles) EXPECT_FALSE(hit.title_snippet.highlights.empty()) << row.text;
  }
}

TEST(TitleSuggestCommits, ACommitIsSeenByTheNextKeystroke) {
  ScratchDir dir;
  testing::index_articles(dir.path(), {testing::article("a", "en", "Gift cards", "Buy one.")});
  Searcher s(dir.path());
  EXPECT_EQ(title_ids(suggest(s, "vouch", {"en"})), std::vector<std::string>{});
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.upsert(testing::article("b", "en", "Voucher codes", "Enter the code."));
    w.upsert(testing::article("a", "en", "Vouchers and gift cards", "Buy one."));
    w.commit();
  }
  std::vector<std::string> both = title_ids(suggest(s, "vouch", {"en"}));
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, (std::vector<std::string>{"a/en", "b/en"}));
  {
    IndexWriter w = IndexWriter::open(dir.path());
    w.remove("b", "en");
    w.commit();
  }
  EXPECT_EQ(title_ids(suggest(s, "vouch", {"en"})), std::vector<std::string>{"a/en"});
}

TEST(TitleTerms, AreTheTitlesDistinctTermsWithoutPairs) {
  Analyzer analyzer;
  const std::vector<Token> tokens = analyzer.analyze("Track your order, track it", "en");
  std::vector<std::string> expected;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kPair) expected.push_back(t.term);
  }
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  const std::string value = detail::encode_title_terms(tokens);
  std::vector<std::string> decoded;
  for (const std::string_view term : detail::decode_title_terms(value)) decoded.emplace_back(term);
  EXPECT_EQ(decoded, expected);
}

TEST(TitleTerms, DecodeKeepsOnlyWholeTerms) {
  struct Row {
    std::string value;
    std::vector<std::string> terms;
  };
  const std::vector<Row> rows = {
      {"", {}},
      {std::string("a\0b\0", 4), {"a", "b"}},
      {std::string("a\0b", 3), {"a"}},  // cut short: the last is no term
      {std::string("\0\0a\0", 4), {"a"}},  // empty ones are skipped
  };
  for (const Row& row : rows) {
    std::vector<std::string> decoded;
    for (const std::string_view term : detail::decode_title_terms(row.value)) decoded.emplace_back(term);
    EXPECT_EQ(decoded, row.terms) << row.value.size();
  }
  // A term holding a zero byte cannot be written as one: it is left out.
  Token odd;
  odd.term = std::string("x\0y", 3);
  Token plain;
  plain.term = "z";
  EXPECT_EQ(detail::encode_title_terms({odd, plain}), std::string("z\0", 2));
}

}  // namespace
}  // namespace faqsearch
