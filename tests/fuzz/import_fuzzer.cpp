// One importer fed the input as a file: FAQSEARCH_FUZZ_FORMAT names it ("jsonl", "beir",
// "markdown", "mdx" (markdown read from a .mdx file), "csv", "zendesk"; "html" is html_to_text,
// which reads Zendesk bodies). Malformed
// input is a problem or an Error, never a crash; what is delivered keeps read_articles()'s
// promises: valid UTF-8, an id, a language, a title or a body.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string_view>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "fuzz_support.h"

namespace {

constexpr std::string_view kFormat = FAQSEARCH_FUZZ_FORMAT;

// A name detect_format() would give the format, as an export would be named.
const char* file_name() {
  if (kFormat == "beir") return "corpus.jsonl";
  if (kFormat == "markdown") return "article.md";
  if (kFormat == "mdx") return "article.mdx";
  if (kFormat == "csv") return "articles.csv";
  if (kFormat == "zendesk") return "articles.json";
  return "articles.jsonl";
}

void check(const faqsearch::Article& a) {
  FUZZ_CHECK(!a.id.empty() && !a.lang.empty() && !(a.title.empty() && a.body.empty()));
  for (const std::string* s : {&a.id, &a.lang, &a.title, &a.body, &a.url, &a.category, &a.audience, &a.updated_at})
    FUZZ_CHECK(faqsearch::is_valid_utf8(*s));
  for (const std::string& tag : a.tags) FUZZ_CHECK(!tag.empty() && faqsearch::is_valid_utf8(tag));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if constexpr (kFormat == "html") {
    const std::string text = faqsearch::html_to_text(input);
    FUZZ_CHECK(!faqsearch::is_valid_utf8(input) || faqsearch::is_valid_utf8(text));
    return 0;
  }
  static const faqsearch::fuzz::ProcessDir dir("import");
  const auto path = dir.path() / file_name();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(input.data(), static_cast<std::streamsize>(size));
  faqsearch::ImportOptions options;
  options.format = faqsearch::parse_format(kFormat == "mdx" ? "markdown" : kFormat);
  std::size_t delivered = 0, problems = 0;
  try {
    const auto summary = faqsearch::read_articles(
        path, options,
        [&](faqsearch::Article&& a, const faqsearch::SourceLocation&) {
          ++delivered;
          check(a);
        },
        [&](const faqsearch::ImportProblem& p) {
          ++problems;
          FUZZ_CHECK(!p.message.empty());
        });
    FUZZ_CHECK(summary.articles == delivered && summary.problems == problems);
  } catch (const faqsearch::Error&) {
    // An unreadable file; malformed records are problems, not exceptions.
  }
  return 0;
}
