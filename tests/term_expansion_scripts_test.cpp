// Typo tolerance and as-you-type, what scripts and languages add: German compounds looked for
// as their parts, Chinese homophone typos, Thai words the index holds joined. The rest:
// term_expansion_test.cpp.
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
using testing::ExpansionTest;
using testing::query_description;

// German writes compounds as one word: a long query word no article holds is also looked for as
// the two known words it is made of (language_table.h split_compounds), a linking "s" dropped;
// with or without typo tolerance, since it is what was typed. Known words are left whole.
TEST(CompoundSplit, AnUnknownCompoundIsLookedForAsItsKnownParts) {
  testing::ScratchDir dir;
  testing::index_articles(
      dir.path(), {article("address", "de", "Adresse ändern", "Die Adresse für die Lieferung ändern."),
                   article("returns", "de", "Rücksendung", "Senden Sie den Artikel in 30 Tagen zurück.")});
  const std::string q = query_description(dir.path(), "Lieferungsadresse", "de");
  EXPECT_NE(q.find("0.5 * liefer OR 0.5 * adress"), std::string::npos) << q;  // "Lieferung", stemmed
  Searcher s(dir.path());
  for (const bool expand : {true, false}) {
    SearchRequest r;
    r.query = "Lieferungsadresse";
    r.languages = {"de"};
    r.typo_tolerance = expand;
    r.prefix_last_word = expand;
    EXPECT_EQ(testing::ids(s.search(r)), std::vector<std::string>{"address"}) << expand;
  }
  // Nothing to split: a known word, a short one, and one whose parts no article holds.
  for (const char* whole : {"Rücksendung", "Adressen", "Zustellungsgebühr"}) {
    const std::string description = query_description(dir.path(), whole, "de");
    EXPECT_EQ(description.find("0.5 * "), std::string::npos) << description;
  }
  EXPECT_FALSE(detail::find_language_row("en").split_compounds);
}

// Chinese typos are homophones picked from a pinyin input method's list: the readings compared
// are toneless pinyin, as typed.
TEST(HanReading, IsTonelessPinyin) {
  Analyzer analyzer;
  EXPECT_EQ(detail::AnalyzerHooks::han_reading(analyzer, "销"), "xiao");
  EXPECT_EQ(detail::AnalyzerHooks::han_reading(analyzer, "消"), "xiao");
  EXPECT_EQ(detail::AnalyzerHooks::han_reading(analyzer, "册"), "ce");
  EXPECT_EQ(detail::AnalyzerHooks::han_reading(analyzer, "销"), "xiao");  // again, from the cache
}

// Substitutes form a known bigram with the character before; those that also form one with the
// character after come first ("+"), then the most frequent.
TEST(TypoScan, HanSubstitutionsFitTheirNeighbours) {
  testing::ScratchDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  const auto add = [&](std::initializer_list<const char*> terms) {
    Xapian::Document doc;
    for (const char* t : terms) doc.add_term(t);
    db.add_document(doc);
  };
  add({"注销", "销账", "账号"});
  add({"注销", "注册", "册"});
  add({"注册", "注意"});
  add({"注册", "注销量"});  // longer terms of the range are not bigrams
  db.commit();
  const auto scan = [&](const char* typed, const char* right,
                        const std::function<bool(std::string_view)>& accept = {}) {
    std::vector<std::string> out;
    for (const auto& x : detail::han_substitutions(db, "注", typed, right, {}, accept)) {
      out.push_back(x.character + (x.fits_right ? "+" : ""));
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(scan("消", "账"), (V{"销+", "册", "意"}));  // 销账 is a term, 册账 and 意账 are not
  EXPECT_EQ(scan("销", "账"), (V{"册", "意"}));          // the typed one is no substitute
  EXPECT_EQ(scan("消", ""), (V{"册", "销", "意"}));      // the end of a run: by frequency
  EXPECT_EQ(scan("消", "", [](std::string_view x) { return x != "册"; }), (V{"销", "意"}));
}

// Simplified Chinese articles whose bigrams tell "close the account" (注销) from "register"
// (注册): a homophone typo of the first finds it; a character that does not sound alike is no
// typo of it.
class HanTypoTest : public ExpansionTest {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(article("close", "zh-Hans", "如何注销账号", "在设置里可以注销账号。"));
    w.upsert(article("register", "zh-Hans", "如何注册账号", "在首页可以注册账号。"));
    w.upsert(article("unsubscribe", "zh-Hans", "注销订阅", "在邮件底部注销订阅。"));
    w.upsert(article("spending", "zh-Hans", "消费记录", "在账单里查看消费记录。"));
    w.upsert(article("close-ja", "ja", "アカウントの注销", "設定からアカウントを注销できます。"));
    w.commit();
  }
};

TEST_F(HanTypoTest, HomophonesAreCorrected) {
  const std::string q = query_description(dir_.path(), "注消账号", "zh-Hans");
  EXPECT_NE(q.find("注销"), std::string::npos) << q;
  EXPECT_NE(q.find("销账"), std::string::npos) << q;
  const auto hits = top_ids("注消账号", "zh-Hans");
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front(), "close");
  // Where the character after gives no evidence: the end of a run, or no known bigram with it.
  for (const char* text : {"注消", "账号注消", "如何注消", "注消我的账号"}) {
    EXPECT_NE(query_description(dir_.path(), text, "zh-Hans").find("注销"), std::string::npos) << text;
  }
}

TEST_F(HanTypoTest, OnlyHomophonesAndOnlyUnknownBigrams) {
  // 西 (xi) is not 销 (xiao): no substitution, though 注销 and 销账 would both be known.
  const std::string other = query_description(dir_.path(), "注西账号", "zh-Hans");
  EXPECT_EQ(other.find("注销"), std::string::npos) << other;
  // Known bigrams are what was meant; so is a character that fits the one after it (消费).
  EXPECT_EQ(query_description(dir_.path(), "注消费", "zh-Hans").find("注销"), std::string::npos);
  const std::string known = query_description(dir_.path(), "注册账号", "zh-Hans");
  EXPECT_EQ(known.find("注销"), std::string::npos) << known;
}

// Pinyin homophones are the typos of Chinese input only (the language table's pinyin_typos):
// Japanese kanji come through another input method and readings.
TEST_F(HanTypoTest, JapaneseGetsNoPinyinCorrections) {
  const std::string q = query_description(dir_.path(), "注消アカウント", "ja");
  EXPECT_EQ(q.find("注销"), std::string::npos) << q;
}

// Thai is segmented by its context: the article's "ป่าดิบชื้น" (rain forest) is "ป่าดิบ" + "ชื้น", the
// query's "ในเขตป่าดิบชื้นอเมซอน" has "ป่า" + "ดิบ" + "ชื้น". Adjacent query words the index holds as one word
// are looked for as that word too (language_table.h joined_compounds).
class JoinedCompoundTest : public ExpansionTest {
 protected:
  void SetUp() override {
    IndexWriter w = IndexWriter::open(dir_.path());
    w.upsert(article("forest", "th", "ทางหลวง", "ทางหลวงสายแรกเปิดเส้นทางในพื้นที่ป่าดิบชื้นจนนำไปสู่การตั้งถิ่นฐาน"));
    w.upsert(article("trees", "th", "ต้นไม้", "ป่าดิบมีต้นไม้สูงมาก"));
    w.upsert(article("other", "th", "การจัดส่ง", "พัสดุถึงภายในสามวัน"));
    w.commit();
  }
};

TEST_F(JoinedCompoundTest, AdjacentWordsTheIndexHoldsAsOneAreLookedFor) {
  const std::string query = "ทางหลวงในเขตป่าดิบชื้นอเมซอน";
  std::vector<std::string> words;  // the premise: this query's words split the compound
  for (const Token& t : Analyzer().analyze(query, "th")) {
    if (t.kind == TokenKind::kWord) words.push_back(t.term);
  }
  ASSERT_NE(std::find(words.begin(), words.end(), "ป่า"), words.end());
  ASSERT_EQ(std::find(words.begin(), words.end(), "ป่าดิบ"), words.end());
  const std::string q = query_description(dir_.path(), query, "th");
  EXPECT_NE(q.find("ป่าดิบ"), std::string::npos) << q;
  // Typed apart, they are two words; and words joined that no article holds are not looked for.
  EXPECT_EQ(query_description(dir_.path(), "ทางหลวง ป่า ดิบ", "th").find("ป่าดิบ"), std::string::npos);
  EXPECT_EQ(q.find("เขตป่า"), std::string::npos) << q;
  // An article that has the compound and no other word of the query is found through it.
  const auto hits = top_ids("ในเขตป่าดิบชื้นอเมซอน", "th");
  EXPECT_NE(std::find(hits.begin(), hits.end(), "trees"), hits.end());
  // A joined compound is what was typed, segmented otherwise: no typo tolerance or completion
  // needed.
  const auto exact = top_ids("ในเขตป่าดิบชื้นอเมซอน", "th", /*typos=*/false, /*prefix=*/false);
  EXPECT_NE(std::find(exact.begin(), exact.end(), "trees"), exact.end());
  // Only the languages whose dictionary has no n-grams beside it: not Chinese.
  EXPECT_FALSE(detail::find_language_row("zh-Hans").joined_compounds);
}

}  // namespace
}  // namespace faqsearch
