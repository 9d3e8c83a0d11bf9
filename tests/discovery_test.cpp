// What helps a shopper past a failed search (issue #20): did-you-mean corrections, search-box
// suggestions and the diagnosis of empty results, in the library and in the CLI's JSON.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "faqsearch/faqsearch.h"
#include "search/keyboard_layouts.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::expect_did_you_mean;
using testing::ScratchDir;

class Discovery : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    testing::index_articles(
        dir_->path(),
        {
            testing::article("track", "en", "Track your order", "Follow your parcel with the tracking link."),
            testing::article("cancel", "en", "Cancel an order", "Cancel your order before it ships."),
            testing::article("password", "en", "Forgot your password?", "Reset your password on the sign-in page."),
            testing::article("refund", "en", "When will I get my refund?", "Refunds reach your card within five days."),
            testing::article("shipping", "en", "Shipping costs", "Shipping costs four euros; tracking is free."),
            testing::article("customs", "en", "Customs documents",
                             "Print the document and put it in the box. You should pay the customs fees on arrival."),
            testing::article("dostavka", "ru", "Доставка заказа", "Доставка занимает три дня."),
            testing::article("dostavka2", "ru", "Сроки доставки", "Доставка по городу: один день."),
            testing::article("oplata", "ru", "Оплата картой", "Оплата принимается картой любого банка."),
            testing::article("lieferadresse", "de", "Adresse der Lieferung ändern", "Die Adresse der Lieferung ändern Sie im Konto."),
            testing::article("lieferstatus", "de", "Status der Lieferung", "Die Lieferung an Ihre Adresse verfolgen."),
            testing::article("epistrofi", "el", "Επιστροφή χρημάτων", "Η επιστροφή χρημάτων γίνεται σε πέντε ημέρες."),
            testing::article("istirdad", "ar", "استرداد المبلغ", "يتم استرداد المبلغ خلال خمسة أيام"),
            testing::article("baesong", "ko", "배송 조회", "배송 상태를 확인하세요"),
            testing::article("tuikuan", "zh-Hans", "如何退款", "退款会在五天内到账"),
        });
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static ScratchDir* dir_;
};
ScratchDir* Discovery::dir_ = nullptr;

TEST_F(Discovery, CorrectsWhatTheArticlesDoNotKnow) {
  struct Row {
    std::string lang, typed, corrected;  // corrected "": no did-you-mean
    std::vector<HighlightRange> changed;
  };
  const std::vector<Row> rows = {
      {"en", "refnud", "refund", {{0, 6}}},
      {"en", "Refnud", "Refund", {{0, 6}}},  // in the case typed (DidYouMean.TheCorrectionIsInTheCaseTyped)
      {"en", "passwrod reset", "password reset", {{0, 8}}},
      {"en", "trackorder", "track order", {{0, 11}}},
      {"en", "pass word", "password", {{0, 8}}},
      {"en", "куагтв", "refund", {{0, 6}}},                              // English typed on ЙЦУКЕН
      {"ru", "ljcnfdrf", "доставка", {{0, 16}}},                         // Russian typed on QWERTY
      {"el", "epistrof;h", "επιστροφή", {{0, 18}}},                      // Greek, with its tonos key
      {"el", "EPISTROF;H", "ΕΠΙΣΤΡΟΦΉ", {{0, 18}}},  // in capitals, its accent kept (not el's toUpper)
      {"ar", "hsjv]h]", "استرداد", {{0, 14}}},                           // Arabic (PC layout)
      {"ar", "Hdhl", "أيام", {{0, 8}}},                                  // shift with h types أ
      // The shopper's own clitics kept, one edit from what was typed, where the articles write
      // the word without them ("استرداد", four edits away).
      {"ar", "بالاستردد", "بالاسترداد", {{0, 20}}},
      {"ar", "اكمبلغ", "المبلغ", {{0, 12}}},  // a typo in the article: no stem near what was typed
      {"ar", "االمبلغ", "المبلغ", {{0, 12}}},  // its letter doubled
      // A whole query typed on the other layout, each of its words from another article.
      {"ru", "pfybvftn ujhjle rfhnjq", "занимает городу картой", {{0, 16}, {17, 29}, {30, 42}}},
      {"en", "when will i get my refund", "", {}},                       // every word known
      {"en", "qqqqqqq", "", {}},                                         // nothing near
      {"en", "track my par", "", {}},                                    // an unfinished word completes
      // The spelling fewest edits from what was typed, not the first title's inflection.
      {"en", "documnet", "document", {{0, 8}}},
      {"en", "shoould", "should", {{0, 6}}},                             // a long typo of a stop word
      {"en", "shiptrack", "", {}},                                       // words no article has together
      {"de", "lieferungadresse", "", {}},  // a compound the articles lack is no typo of two words
  };
  Searcher s(dir_->path());
  for (const Row& row : rows) expect_did_you_mean(s, row.lang, row.typed, row.corrected, &row.changed);
}

TEST_F(Discovery, CorrectionsCanBeTurnedOff) {
  Searcher s(dir_->path());
  SearchRequest r;
  r.query = "refnud";
  r.languages = {"en"};
  r.corrections = false;
  EXPECT_FALSE(s.search(r).did_you_mean);
}

TEST_F(Discovery, SaysWhyNothingWasFound) {
  struct Row {
    std::string name, query;
    std::vector<std::string> languages;
    std::vector<std::string> categories;
    bool fallback, typo_tolerance;
    std::optional<EmptyReason> reason;
    bool fallback_only = false;
    std::map<std::string, std::size_t> other_languages = {};
    std::vector<std::string> filters = {};
  };
  const std::vector<Row> rows = {
      {"found", "refund", {"en"}, {}, true, true, std::nullopt},
      {"nothing", "zzqxv", {"en"}, {}, true, true, EmptyReason::kNothing},
      {"filtered", "refund", {"en"}, {"nope"}, true, true, EmptyReason::kFiltered, false, {}, {"category"}},
      {"other languages", "доставка", {"en"}, {}, false, true, EmptyReason::kOtherLanguages, false, {{"ru", 2}}},
      // The words as typed: a neighbour one edit away in another language is no match there.
      {"a typo of another language's word", "доствка", {"en"}, {}, false, true, EmptyReason::kNothing},
      {"fallback only", "refund", {"ru"}, {}, true, true, EmptyReason::kOtherLanguages, true, {{"en", 1}}},
      {"correction", "refnud", {"en"}, {}, true, false, EmptyReason::kCorrection},
      {"stop words", "whom whose", {"en"}, {}, true, true, EmptyReason::kOnlyStopWords},
  };
  Searcher s(dir_->path());
  for (const Row& row : rows) {
    SearchRequest r;
    r.query = row.query;
    r.languages = row.languages;
    r.categories = row.categories;
    r.fallback = row.fallback;
    r.typo_tolerance = row.typo_tolerance;
    const SearchResults results = s.search(r);
    if (!row.reason) {
      EXPECT_FALSE(results.diagnosis) << row.name;
      continue;
    }
    ASSERT_TRUE(results.diagnosis) << row.name;
    EXPECT_EQ(to_string(results.diagnosis->reason), to_string(*row.reason)) << row.name;
    EXPECT_EQ(results.diagnosis->fallback_only, row.fallback_only) << row.name;
    EXPECT_EQ(results.diagnosis->other_languages, row.other_languages) << row.name;
    EXPECT_EQ(results.diagnosis->filters, row.filters) << row.name;
  }
}

TEST_F(Discovery, SuggestsCompletionsAndTitlesInEveryScript) {
  struct Row {
    std::string lang, text, first_completion, first_title;  // "": none expected
  };
  const std::vector<Row> rows = {
      {"en", "forgot pass", "forgot password", "password"},
      {"en", "refu", "refund", "refund"},
      {"ko", "배", "배송", "baesong"},     // one Hangul syllable
      {"zh-Hans", "退", "退款", "tuikuan"},  // one Han character
      {"ru", "дост", "доставка", "dostavka"},
      {"en", "refund ", "", "refund"},    // a finished word is not completed
      // Typed in full-width letters (an East Asian keyboard in full-width mode) or pasted in
      // mathematical script: completed in the plain letters the articles write.
      {"en", "ｒｅｆｕ", "refund", "refund"},
      {"en", "forgot 𝓹𝓪𝓼𝓼", "forgot password", "password"},
  };
  Searcher s(dir_->path());
  for (const Row& row : rows) {
    SuggestRequest r;
    r.text = row.text;
    r.languages = {row.lang};
    const Suggestions out = s.suggest(r);
    if (row.first_completion.empty()) {
      EXPECT_TRUE(out.completions.empty()) << row.text;
    } else {
      ASSERT_FALSE(out.completions.empty()) << row.text;
      EXPECT_EQ(out.completions.front().query, row.first_completion) << row.text;
      EXPECT_GT(out.completions.front().articles, 0u) << row.text;
    }
    ASSERT_FALSE(out.titles.empty()) << row.text;
    EXPECT_TRUE(out.titles.front().id.starts_with(row.first_title)) << row.text << " " << out.titles.front().id;
    EXPECT_FALSE(out.titles.front().title_snippet.highlights.empty()) << row.text;
    EXPECT_TRUE(out.titles.front().snippet.text.empty()) << row.text;
  }
}

TEST_F(Discovery, SuggestRefusesTooManySuggestions) {
  Searcher s(dir_->path());
  SuggestRequest r;
  r.text = "ref";
  r.completions = kMaxSuggestions + 1;
  EXPECT_THROW((void)s.suggest(r), InvalidArgument);
}

TEST(SuggestCounts, AWordCountsEachArticleOnceWhateverTermsIndexIt) {
  // "tracking" and "shipping" are indexed as their stems and as written forms: both terms
  // complete "trac" and "shi", and they index the same articles.
  ScratchDir dir;
  testing::index_articles(
      dir.path(), {
                      testing::article("where", "en", "Where is my order?", "Open the tracking link in your shipping email."),
                      testing::article("late", "en", "My tracking link shows no update", "The tracking page can take a day."),
                      testing::article("costs", "en", "Shipping costs", "Shipping costs four euros."),
                  });
  struct Row {
    std::string text, word;
    std::size_t articles;
  };
  const std::vector<Row> rows = {
      {"trac", "tracking", 2}, {"track", "tracking", 2}, {"shi", "shipping", 2}, {"ship", "shipping", 2}, {"wh", "where", 1},
  };
  Searcher s(dir.path());
  for (const Row& row : rows) {
    SuggestRequest r;
    r.text = row.text;
    r.languages = {"en"};
    const Suggestions out = s.suggest(r);
    ASSERT_FALSE(out.completions.empty()) << row.text;
    EXPECT_EQ(out.completions.front().word, row.word) << row.text;
    EXPECT_EQ(out.completions.front().articles, row.articles) << row.text;
  }
}

TEST(RelatedArticles, SameSubjectVisibleOnlyNeverItselfOrItsTranslations) {
  ScratchDir dir;
  testing::index_articles(
      dir.path(),
      {
          testing::article("reset", "en", "Reset your password", "Reset a forgotten password with the reset link or in Vipps."),
          testing::article("reset", "nb", "Nullstill passordet", "Nullstill passordet med lenken."),
          testing::article("change", "en", "Change your password", "Change the password of your account in Vipps."),
          testing::article("locked", "en", "Account locked", "Too many password attempts lock the account."),
          testing::article("shipping", "en", "Shipping costs", "Shipping costs four euros."),
          testing::article("secret", "en", "Password override", "Agents reset a password by override.", "agents"),
          testing::article("passord", "nb", "Passord og konto", "Passordet til kontoen din."),
          // Unrelated Norwegian articles: a term in every article of a partition tells nothing.
          testing::article("frakt", "nb", "Frakt", "Frakt koster fire euro."),
          testing::article("levering", "nb", "Levering", "Levering tar tre dager."),
          testing::article("change", "nb", "Endre passordet", "Endre passordet til kontoen din i Vipps."),
      });
  struct Row {
    std::string name, id;
    std::vector<std::string> languages, audiences;
    std::vector<std::string> expected;  // in rank order
  };
  const std::vector<Row> rows = {
      {"english", "reset", {"en"}, {"public"}, {"change", "locked"}},
      {"norwegian terms", "reset", {"nb"}, {"public"}, {"change", "passord"}},
      {"agents see theirs", "reset", {"en"}, {"public", "agents"}, {"secret", "change", "locked"}},
      // Both translations of "change" match ("Vipps"): the article is listed once.
      {"one hit per article", "reset", {"en", "nb"}, {"public"}, {"change", "locked"}},
  };
  Searcher s(dir.path());
  for (const Row& row : rows) {
    SearchRequest r;
    r.languages = row.languages;
    r.audiences = row.audiences;
    r.fallback = false;
    std::vector<std::string> got;
    for (const Hit& h : s.related(row.id, r).hits) got.push_back(h.id);
    EXPECT_EQ(got, row.expected) << row.name;
  }
  SearchRequest r;
  r.languages = {"en"};
  // An article of another audience and one that does not exist are refused alike.
  EXPECT_THROW((void)s.related("secret", r), InvalidArgument);
  EXPECT_THROW((void)s.related("nope", r), InvalidArgument);
}

TEST(KeyboardLayouts, RenderTheSameKeysOnTheOtherLayout) {
  using detail::KeyboardLayout;
  struct Row {
    KeyboardLayout layout;
    std::string qwerty, other;
  };
  for (const Row& row : std::initializer_list<Row>{{KeyboardLayout::kRussian, "ghbdtn", "привет"},
                                                   {KeyboardLayout::kRussian, "Ljcnfdrf", "Доставка"},
                                                   {KeyboardLayout::kRussian, "ltym hj;ltybz", "день рождения"},
                                                   {KeyboardLayout::kGreek, "epistrof;h", "επιστροφή"},
                                                   {KeyboardLayout::kArabic, "hsjv]h]", "استرداد"},
                                                   {KeyboardLayout::kArabic, "b", "لا"},
                                                   // Shift with g types lam-alef with hamza.
                                                   {KeyboardLayout::kArabic, "hGo'hx", "الأخطاء"},
                                                   {KeyboardLayout::kArabic, "G", "لأ"}}) {
    EXPECT_EQ(detail::qwerty_to_layout(row.qwerty, row.layout), row.other) << row.qwerty;
    EXPECT_EQ(detail::layout_to_qwerty(row.other, row.layout), row.qwerty) << row.other;
  }
  EXPECT_EQ(detail::other_layout_renderings("ghbdtn").front(), "привет");
  EXPECT_TRUE(detail::other_layout_renderings("gh привет").empty());  // mixed scripts: no slip
  EXPECT_TRUE(detail::other_layout_renderings("123").empty());
  EXPECT_TRUE(detail::other_layout_renderings("gh 注文").empty());  // a letter no layout here types
  // Shift with h types alef with hamza; the other capitals of the Arabic layout type marks, and
  // are read as their lower-case keys.
  EXPECT_EQ(detail::qwerty_to_layout("hgHo'hx", KeyboardLayout::kArabic), "الأخطاء");
  EXPECT_EQ(detail::qwerty_to_layout("HSJV", KeyboardLayout::kArabic), "أستر");
  // What a shopper's own keyboard types beside the slipped layout's letters is kept and decides
  // nothing: punctuation ("¿", "؟"), Latin letters on no QWERTY key, Arabic marks.
  const struct {
    std::string typed, rendered;
  } kept[] = {{"¿Сгáтещы", "¿Cuántos"}, {"ыфнı", "sayı"}, {"hgfhkev.؟", "البانثرز؟"}, {"ljfrdhً", "متبقياً"}};
  for (const auto& row : kept) {
    const std::vector<std::string> renderings = detail::other_layout_renderings(row.typed);
    EXPECT_NE(std::find(renderings.begin(), renderings.end(), row.rendered), renderings.end()) << row.typed;
  }
}

TEST_F(Discovery, CliPrintsDidYouMeanDiagnosisAndSuggestions) {
  const std::string db = dir_->path().string();
  auto r = testing::run_cli({"search", "--db", db, "--lang", "en", "--json", "refnud"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["did_you_mean"]["query"], "refund");
  EXPECT_EQ(j["did_you_mean"]["changed"], nlohmann::json::parse("[[0,6]]"));
  EXPECT_FALSE(j.contains("diagnosis"));
  r = testing::run_cli({"search", "--db", db, "--lang", "en", "refnud"});
  EXPECT_NE(r.out.find("Did you mean: [refund]?"), std::string::npos) << r.out;
  r = testing::run_cli({"search", "--db", db, "--lang", "en", "--category", "nope", "--json", "refund"});
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["diagnosis"]["reason"], "filtered");
  EXPECT_EQ(j["diagnosis"]["filters"], nlohmann::json::parse(R"(["category"])"));
  EXPECT_FALSE(j.contains("did_you_mean"));
  // Turned off, each is absent where it would be given.
  r = testing::run_cli({"search", "--db", db, "--lang", "en", "--json", "--no-corrections", "refnud"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("did_you_mean")) << r.out;
  r = testing::run_cli(
      {"search", "--db", db, "--lang", "en", "--category", "nope", "--json", "--no-diagnosis", "refund"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("diagnosis")) << r.out;
  r = testing::run_cli({"suggest", "--db", db, "--lang", "en", "--json", "refu"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["completions"][0]["query"], "refund");
  EXPECT_EQ(j["titles"][0]["id"], "refund");
}

}  // namespace
}  // namespace faqsearch
