// The analyzer on any bytes in any language of the table: the first byte picks the row, the rest
// is the text. Analysis never throws on content, and every token keeps the promises of Token.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/language_table.h"
#include "faqsearch/analyzer.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  faqsearch::fuzz::load_every_language(faqsearch::fuzz::shared_analyzer());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  faqsearch::Analyzer& analyzer = faqsearch::fuzz::shared_analyzer();
  const auto rows = faqsearch::detail::language_rows();
  const std::string_view lang = rows[data[0] % rows.size()].tag;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (const faqsearch::Token& t : analyzer.analyze(text, lang)) {
    FUZZ_CHECK(!t.term.empty());
    FUZZ_CHECK(t.term.size() <= analyzer.options().max_term_bytes);
    FUZZ_CHECK(t.begin <= t.end && t.end <= text.size());
    FUZZ_CHECK(faqsearch::is_valid_utf8(t.term));
  }
  return 0;
}
