// Snippets: passage choice, highlights from the analyzer's offsets, HTML escaping.
#include <gtest/gtest.h>

#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "search/query_builder.h"
#include "search/snippet.h"

namespace faqsearch {
namespace {

struct SnippetRow {
  const char* lang;
  std::string text;
  const char* query;
  std::size_t target_bytes;
  std::string expected_html;
};

void PrintTo(const SnippetRow& row, std::ostream* os) { *os << row.lang << ": " << row.query; }

class Snippets : public ::testing::TestWithParam<SnippetRow> {};

TEST_P(Snippets, HighlightTheQueryTermsInTheBestPassage) {
  const SnippetRow& row = GetParam();
  Analyzer analyzer;
  const auto query = detail::build_text_query(analyzer, row.query, row.lang);
  const Snippet s = detail::make_snippet(row.text, analyzer.analyze(row.text, row.lang), query.terms, row.target_bytes);
  EXPECT_EQ(s.to_html(), row.expected_html);
  EXPECT_TRUE(is_valid_utf8(s.text));
  for (const auto& h : s.highlights) ASSERT_LE(h.end, s.text.size());
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Snippets,
    ::testing::Values(
        // Stemmed matches are highlighted as written; stop words are not.
        SnippetRow{"en", "Refunds are sent after the return arrives.", "refund the returns", 0,
                   "<mark>Refunds</mark> are sent after the <mark>return</mark> arrives."},
        // Folded matches: a query without diacritics highlights the word with them.
        SnippetRow{"pl", "Zwrot pieniędzy trwa 5 dni.", "zwrot pieniedzy", 0,
                   "<mark>Zwrot</mark> <mark>pieniędzy</mark> trwa 5 dni."},
        // The best window holds the matches; the cut text gets ellipses; whitespace collapses.
        SnippetRow{"en",
                   "Intro words here that do not matter at all for anything. More filler text.\n\n"
                   "Express delivery costs 9.95 euros and arrives the next business day.  Filler again "
                   "and again until the end of the body.",
                   "express delivery cost", 60,
                   "\u2026text. <mark>Express</mark> <mark>delivery</mark> <mark>costs</mark> 9.95 euros and arrives the\u2026"},
        // No match in the text: its beginning.
        SnippetRow{"en", "Our stores are open every day from eight to ten.", "warranty", 20,
                   "Our stores are open\u2026"},
        // Chinese: overlapping bigram matches merge into one highlight.
        SnippetRow{"zh-Hans", "查询快递物流信息", "快递物流", 0, "查询<mark>快递物流</mark>信息"},
        // Markup in articles is text: escaped.
        SnippetRow{"en", "Use <script>alert(\"x\")</script> & 'quotes' for tracking", "tracking", 0,
                   "Use &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; for <mark>tracking</mark>"}));

// A window no token ends in (symbols only, or a first word longer than the window) is cut
// between characters, never inside one (found by fuzz_snippet).
TEST(SnippetCut, WithoutATokenEndInTheWindowFallsBetweenCharacters) {
  Analyzer analyzer;
  const std::string dashes = " \u2014\u2014\u2014\u2014\u2014";  // a space, then 3-byte characters
  const Snippet s = detail::make_snippet(dashes, analyzer.analyze(dashes, "en"), {}, 8);
  EXPECT_EQ(s.text, "\u2014\u2014");
  EXPECT_TRUE(s.ends_mid_text);
  const std::string replacement = "\uFFFD\uFFFD";  // what an ill-formed byte becomes
  EXPECT_EQ(detail::make_snippet(replacement, analyzer.analyze(replacement, "th"), {}, 2).text, "\uFFFD");
}

TEST(SnippetHtml, CustomTagsAndNoHighlights) {
  Snippet s;
  s.text = "a < b";
  EXPECT_EQ(s.to_html(), "a &lt; b");
  s.highlights = {{0, 1}};
  s.ends_mid_text = true;
  EXPECT_EQ(s.to_html("<em>", "</em>"), "<em>a</em> &lt; b\u2026");
}

}  // namespace
}  // namespace faqsearch
