// A Korean word caught mid-syllable (search/hangul_typing.h), and the completions it gets: the
// input method shows 뱃 and 배소 on the way to 배송, and the search box completes both.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

#include "faqsearch/faqsearch.h"
#include "search/hangul_typing.h"
#include "test_support.h"

namespace faqsearch {
namespace {

TEST(HangulTyping, AnOpenLastSyllableIsReadAsTheSyllablesItMayBecome) {
  struct Row {
    std::string typed;
    std::optional<detail::OpenSyllable> open;
  };
  const std::vector<Row> rows = {
      {"뱃", detail::OpenSyllable{"배", U'사', U'싷'}},     // ㅅ moves on: 배 + 사…싷
      {"배소", detail::OpenSyllable{"배", U'소', U'솧'}},   // 소 may take a final: 송
      {"닭", detail::OpenSyllable{"달", U'가', U'깋'}},     // of ㄺ, ㄱ moves on
      {"값", detail::OpenSyllable{"갑", U'사', U'싷'}},     // of ㅄ, ㅅ moves on
      {"밖", detail::OpenSyllable{"바", U'까', U'낗'}},     // ㄲ moves whole
      {"주문했", detail::OpenSyllable{"주문해", U'싸', U'앃'}},
      {"배", std::nullopt},  // one syllable without a final: its own words are its completions
      {"order", std::nullopt},
      {"", std::nullopt},
  };
  for (const Row& row : rows) {
    const std::optional<detail::OpenSyllable> open = detail::open_syllable(row.typed);
    ASSERT_EQ(open.has_value(), row.open.has_value()) << row.typed;
    if (!open) continue;
    EXPECT_EQ(open->before, row.open->before) << row.typed;
    EXPECT_EQ(open->first, row.open->first) << row.typed;
    EXPECT_EQ(open->last, row.open->last) << row.typed;
  }
}

/// Korean articles: two about delivery (배송), one about refunds, and one whose word begins with
/// 뱃 itself (뱃살, belly fat).
void index_korean(const std::filesystem::path& dir) {
  testing::index_articles(dir, {
                                          testing::article("track", "ko", "배송 조회", "주문한 상품의 배송 상태를 확인하세요."),
                                          testing::article("fee", "ko", "배송비 안내", "배송비는 주문 금액에 따라 다릅니다."),
                                          testing::article("refund", "ko", "환불 요청", "환불은 반품이 도착한 후 처리됩니다."),
                                          testing::article("belly", "ko", "뱃살 운동", "운동 방법입니다."),
                                      });
}

TEST(HangulTyping, AWordTypedMidSyllableIsCompleted) {
  testing::ScratchDir dir;
  index_korean(dir.path());
  struct Row {
    std::string text, first_completion;  // "": none expected
  };
  const std::vector<Row> rows = {
      {"뱃", "배송"},          // ㅂㅐㅅ typed: the ㅅ is 배송's, or 뱃살's
      {"배소", "배송"},        // ㅂㅐㅅㅗ typed
      {"환부", "환불"},        // ㅎㅘㄴㅂㅜ typed
      {"주문 뱃", "주문 배송"},  // the last word only
      {"조회", ""},            // a whole word: not completed to itself
  };
  Searcher s(dir.path());
  for (const Row& row : rows) {
    SuggestRequest r;
    r.text = row.text;
    r.languages = {"ko"};
    const Suggestions out = s.suggest(r);
    if (row.first_completion.empty()) {
      EXPECT_TRUE(out.completions.empty()) << row.text << " " << out.completions.front().query;
      continue;
    }
    ASSERT_FALSE(out.completions.empty()) << row.text;
    EXPECT_EQ(out.completions.front().query, row.first_completion) << row.text;
  }
  // Both readings of 뱃: the words of 배 + ㅅ… and those written with 뱃.
  SuggestRequest r;
  r.text = "뱃";
  r.languages = {"ko"};
  std::vector<std::string> words;
  for (const Completion& c : s.suggest(r).completions) words.push_back(c.word);
  EXPECT_NE(std::find(words.begin(), words.end(), "뱃살"), words.end());
  EXPECT_NE(std::find(words.begin(), words.end(), "배송비"), words.end());
}

TEST(HangulTyping, ASearchAsYouTypeFindsTheWordBeingTyped) {
  testing::ScratchDir dir;
  index_korean(dir.path());
  struct Row {
    std::string query, first_hit;
  };
  const std::vector<Row> rows = {
      {"주문 뱃", "track"},  // 주문 (order) and 배송 being typed
      {"환부", "refund"},
  };
  Searcher s(dir.path());
  for (const Row& row : rows) {
    SearchRequest r;
    r.query = row.query;
    r.languages = {"ko"};
    const SearchResults results = s.search(r);
    ASSERT_FALSE(results.hits.empty()) << row.query;
    EXPECT_EQ(results.hits.front().id, row.first_hit) << row.query;
  }
}

}  // namespace
}  // namespace faqsearch
