// Query building and search: the input is a query against a small index of en, de, pl and zh
// articles built once per process. The first byte picks the languages, the expansions (typos,
// completion), snippets, the page and the audiences; the rest is the query. A search never
// throws on what was typed, and its hits and snippets keep the promises of search.h.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/analyzer.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "fuzz_support.h"

namespace {

using faqsearch::Article;

Article article(const char* id, const char* lang, const char* title, const char* body, const char* audience = "") {
  return {.id = id, .lang = lang, .title = title, .body = body, .audience = audience};
}

struct Index {
  faqsearch::fuzz::ProcessDir dir{"search"};
  faqsearch::Searcher searcher{build(dir.path())};

  static const std::filesystem::path& build(const std::filesystem::path& path) {
    faqsearch::IndexWriter writer = faqsearch::IndexWriter::open(path);
    for (const Article& a : {
             article("track", "en", "Where is my parcel?", "Open the tracking link in your shipping email."),
             article("refund", "en", "How long does a refund take?", "Refunds reach your card within 5 business days."),
             article("goodwill", "en", "Goodwill refunds", "Agents may refund shipping costs once.", "agents"),
             article("track", "de", "Wo ist mein Paket?", "Die Sendungsverfolgung steht in der Versandbestätigung."),
             article("address", "de", "Lieferadresse ändern", "Die Lieferadresse kann bis zum Versand geändert werden."),
             article("refund", "pl", "Zwrot pieniędzy", "Zwrócimy należność za zamówienie w ciągu 14 dni."),
             article("track", "pl", "Gdzie jest moja paczka?", "Link do śledzenia przesyłki jest w e-mailu."),
             article("track", "zh-Hans", "我的包裹在哪里？", "请在发货邮件中打开物流链接查询快递。"),
             article("password", "zh-Hans", "重置密码", "点击登录页面上的忘记密码，注销账号请联系客服。"),
         }) {
      writer.upsert(a);
    }
    writer.set_synonyms({{.lang = "en", .entries = {"parcel", "package", "send back"}}});
    writer.commit();
    return path;
  }
};

const std::vector<std::vector<std::string>> kLanguages = {{}, {"en"}, {"de"}, {"pl"}, {"zh-Hans"}, {"en", "pl"}, {"ja"}, {"zh-TW"}};

void check(const faqsearch::Snippet& s) {
  FUZZ_CHECK(faqsearch::is_valid_utf8(s.text));
  std::size_t last_end = 0;
  for (const auto& h : s.highlights) {
    FUZZ_CHECK(last_end <= h.begin && h.begin < h.end && h.end <= s.text.size());
    last_end = h.end;
  }
  FUZZ_CHECK(faqsearch::is_valid_utf8(s.to_html()));
}


Index& shared_index() {
  static Index index;
  return index;
}

}  // namespace

// The index is built, and the Polish dictionary a search loads for a word the index never saw is
// loaded, before libFuzzer's per-input timeout counts.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  faqsearch::SearchRequest request;
  request.query = "nieznanesłowo";
  request.languages = {"pl"};
  (void)shared_index().searcher.search(request);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Index& index = shared_index();
  const std::uint8_t flags = data[0];
  faqsearch::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  request.languages = kLanguages[flags % kLanguages.size()];
  request.typo_tolerance = (flags & 0x08) != 0;
  request.prefix_last_word = (flags & 0x10) != 0;
  request.snippets = (flags & 0x20) == 0;
  request.offset = (flags & 0x40) != 0 ? 2 : 0;
  request.limit = 3;
  if ((flags & 0x80) != 0) request.audiences.push_back("agents");
  faqsearch::SearchResults results;
  try {
    results = index.searcher.search(request);
  } catch (const faqsearch::InvalidArgument& e) {
    // A query over the documented limits (query_limits.h) is refused with a message naming the
    // limit: the contract for hostile queries, not a crash.
    FUZZ_CHECK(std::string_view(e.what()).find("limit") != std::string_view::npos);
    return 0;
  }
  FUZZ_CHECK(results.hits.size() <= request.limit);
  for (std::size_t i = 0; i < results.hits.size(); ++i) {
    const faqsearch::Hit& hit = results.hits[i];
    FUZZ_CHECK(hit.rank == request.offset + i);
    check(hit.title_snippet);
    check(hit.snippet);
  }
  return 0;
}
