// Snippets: the input is "query\ntext" (first byte: the language row; second: the target length).
// The passage from the analyzer's tokens and the one from the stored token-offset table (what the
// searcher builds from the query terms' positions) must be the same snippet, and both must keep
// the promises of Snippet: valid UTF-8, highlights sorted, apart and inside the text; to_html
// escapes all of it.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "analysis/language_table.h"
#include "faqsearch/analyzer.h"
#include "faqsearch/search.h"
#include "fuzz_support.h"
#include "index/document_codec.h"
#include "index/schema.h"
#include "search/query_builder.h"
#include "search/snippet.h"

namespace {

using namespace faqsearch;

void check(const Snippet& s) {
  FUZZ_CHECK(is_valid_utf8(s.text));
  std::size_t last_end = 0;
  for (const HighlightRange& h : s.highlights) {
    FUZZ_CHECK(last_end <= h.begin && h.begin < h.end && h.end <= s.text.size());
    last_end = h.end;
  }
  const std::string html = s.to_html();
  FUZZ_CHECK(is_valid_utf8(html));
  FUZZ_CHECK(std::string_view(html).find_first_of("\"'") == std::string_view::npos);
}

// The snippet the searcher makes: table + positions of the query terms + terms the table names.
Snippet stored_snippet(std::string_view text, const std::vector<Token>& tokens,
                       const std::unordered_set<std::string>& terms, std::size_t target) {
  constexpr std::uint32_t kFirst = 101;  // the body's positions follow a title's
  std::vector<Token> table_tokens;
  std::set<std::pair<std::string, std::uint32_t>> postings;  // what Xapian would hold
  for (const Token& t : tokens) {
    if (detail::is_highlighted(t.kind)) table_tokens.push_back(t);
    if (detail::has_positions(t.kind) && terms.contains(t.term)) postings.emplace(t.term, kFirst + t.position);
  }
  const std::string table = detail::encode_token_offsets("", {}, 0, text, table_tokens, kFirst);
  FUZZ_CHECK(!table.empty());
  const detail::FieldTokens field = detail::decode_token_offsets(table, 0, text.size()).body;
  std::vector<detail::SnippetMatch> matches;
  for (const auto& [term, position] : postings) {
    detail::match_position(field, text, *terms.find(term), position, matches);
  }
  detail::match_by_term(field, text, terms, matches);
  return detail::make_snippet(text, field, std::move(matches), target);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::load_every_language(fuzz::shared_analyzer());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  Analyzer& analyzer = fuzz::shared_analyzer();
  const auto rows = detail::language_rows();
  const std::string_view lang = rows[data[0] % rows.size()].tag;
  const std::size_t target = data[1] * std::size_t{2};
  const std::string input = repair_utf8(std::string_view(reinterpret_cast<const char*>(data + 2), size - 2));
  const std::size_t newline = std::min(input.find('\n'), input.size());
  const std::string_view query = std::string_view(input).substr(0, newline);
  const std::string_view text = std::string_view(input).substr(std::min(newline + 1, input.size()));

  const auto terms = detail::build_text_query(analyzer, query, lang).terms;
  const std::vector<Token> tokens = analyzer.analyze(text, lang);
  const Snippet analyzed = detail::make_snippet(text, tokens, terms, target);
  check(analyzed);
  const Snippet stored = stored_snippet(text, tokens, terms, target);
  FUZZ_CHECK(stored.text == analyzed.text && stored.highlights == analyzed.highlights);
  FUZZ_CHECK(stored.starts_mid_text == analyzed.starts_mid_text && stored.ends_mid_text == analyzed.ends_mid_text);
  return 0;
}
