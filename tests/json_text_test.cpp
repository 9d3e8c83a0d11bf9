// JsonText (tools/cli/json_text.h): the CLI's and the server's answers written as text must be
// exactly what nlohmann::json's dump() writes for the same values, whatever the bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/json_text.h"

namespace faqsearch::cli {
namespace {

using nlohmann::json;

std::string dumped(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonText, StringsAreEscapedAndRepairedAsDumpDoesIt) {
  const struct {
    const char* what;
    std::string text;
  } rows[] = {
      {"empty", ""},
      {"plain", "Track your parcel"},
      {"quotes and backslashes", R"(say "hi" \ C:\path)"},
      {"every control character", std::string("\x00\x01\x08\x09\x0a\x0b\x0c\x0d\x1f", 9)},
      {"DEL and slash stay", "a\x7f/b"},
      {"non-ASCII", "Rücksendung · 退货 · إرجاع · 🚚"},
      {"a lone continuation byte", "ab\x80""cd"},
      {"an overlong form", "\xc0\x80"},
      {"a surrogate", "\xed\xa0\x80x"},
      {"past U+10FFFF", "\xf4\x90\x80\x80"},
      {"the last code point", "\xf4\x8f\xbf\xbf"},
      {"a cut sequence at the end", "end \xe2\x82"},
      {"a cut sequence before ASCII", "\xe2\x82x\"y"},
      {"a byte never in UTF-8", "\xff\xfe"},
  };
  for (const auto& row : rows) {
    std::string out;
    append_json_string(out, row.text);
    EXPECT_EQ(out, dumped(json(row.text))) << row.what;
  }
}

TEST(JsonText, AnyBytesAreWrittenAsDumpWritesThem) {
  // The writer copies eight plain bytes at a time: strings of every length around that, built
  // from bytes that each take another path (plain, escaped, the parts of valid and broken UTF-8).
  const std::string alphabet[] = {"a", " ", "~", "\x7f", "\"", "\\", "\x1f", "\n", std::string(1, '\0'), "\xc3\xa9",
                                  "\xe0\xb8\x81", "\xf0\x9f\x9a\x9a", "\xc3", "\x80", "\xed\xa0\x80", "\xff"};
  std::mt19937 random(20261206);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const std::size_t pieces = random() % 24;
    for (std::size_t k = 0; k < pieces; ++k) {
      // Mostly plain ASCII, as real text is, so long plain runs meet the other paths.
      const std::size_t pick = random() % 64;
      text += pick < std::size(alphabet) ? alphabet[pick] : std::string(1 + random() % 9, static_cast<char>('a' + pick % 26));
    }
    std::string out = "prefix";
    append_json_string(out, text);
    ASSERT_EQ(out, "prefix" + dumped(json(text))) << testing::PrintToString(text);
  }
}

TEST(JsonText, NumbersAndLiteralsAreWrittenAsDumpWritesThem) {
  const std::vector<double> doubles = {0.0, 1.0, -2.5, 0.1, 1e-7, 123456789.123, 1e300, 104.92397602785498,
                                       std::numeric_limits<double>::quiet_NaN()};
  for (const double d : doubles) {
    JsonText out;
    out.value(d);
    EXPECT_EQ(out.text(), dumped(json(d))) << d;
  }
  const std::vector<std::int64_t> signed_values = {0, -1, std::numeric_limits<std::int64_t>::min(),
                                                   std::numeric_limits<std::int64_t>::max()};
  for (const std::int64_t n : signed_values) EXPECT_EQ(JsonText().value(n).text(), dumped(json(n)));
  EXPECT_EQ(JsonText().value(std::numeric_limits<std::uint64_t>::max()).text(),
            dumped(json(std::numeric_limits<std::uint64_t>::max())));
  EXPECT_EQ(JsonText().value(true).text(), "true");
  EXPECT_EQ(JsonText().value(false).text(), "false");
}

TEST(JsonText, NestedValuesGetTheirCommas) {
  JsonText out;
  out.begin_object()
      .member("a", std::vector<std::string>{})
      .member("b", std::vector<std::string>{"x", "y"})
      .key("c")
      .begin_array()
      .begin_array()
      .value(1)
      .value(2)
      .end_array()
      .begin_object()
      .end_object()
      .raw("null")
      .end_array()
      .member("d", "e")
      .end_object();
  const json expected = {{"a", json::array()}, {"b", {"x", "y"}}, {"c", {{1, 2}, json::object(), nullptr}}, {"d", "e"}};
  EXPECT_EQ(out.text(), dumped(expected));
}

TEST(JsonText, KeysAreEscapedAsValuesAre) {
  // Short plain keys take a shortcut; the others the string writer.
  const std::string keys[] = {"", "id", "snippet_html", std::string(29, 'k'), std::string(30, 'k'), "say \"hi\"",
                              "tab\there", "Rücksendung", "a\x7f", "bad \xff"};
  for (const std::string& name : keys) {
    JsonText out;
    out.begin_object().member(name, 1).end_object();
    EXPECT_EQ(out.text(), dumped({{name, 1}})) << testing::PrintToString(name);
  }
}

TEST(JsonText, AnObjectsMembersAreWrittenInKeyOrder) {
  JsonObjectText object;
  object.set("took_ms", 1.5);
  object.set_raw("hits", "[]");
  object.set_all({{"query", "returns"}, {"_id", 7}});
  object.set("query", "refund");  // replaces
  EXPECT_EQ(object.text(), dumped({{"took_ms", 1.5}, {"hits", json::array()}, {"query", "refund"}, {"_id", 7}}));
  EXPECT_EQ(JsonObjectText().text(), "{}");
}

}  // namespace
}  // namespace faqsearch::cli
