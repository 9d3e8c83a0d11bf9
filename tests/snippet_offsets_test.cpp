// Snippets from the stored token-offset table: the table round-trips the analyzer's tokens, a
// broken table is reported, and on the sample help center (every language, including ja, zh
// and th, which are not space-separated) the search path gives exactly the passages and
// highlights that re-analyzing the bodies gives.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/document_codec.h"
#include "index/schema.h"
#include "search/query_builder.h"
#include "search/snippet.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

struct TableRow {
  const char* lang;
  std::string title;
  std::string body;
};

void PrintTo(const TableRow& row, std::ostream* os) { *os << row.lang << ": " << row.title; }

class TokenTable : public ::testing::TestWithParam<TableRow> {};

void expect_same_tokens(std::string_view text, const std::vector<Token>& analyzed,
                        const detail::FieldTokens& stored) {
  ASSERT_EQ(stored.tokens.size(), analyzed.size());
  for (std::size_t i = 0; i < analyzed.size(); ++i) {
    const Token& a = analyzed[i];
    const detail::StoredToken& s = stored.tokens[i];
    EXPECT_EQ(s.begin, a.begin) << i;
    EXPECT_EQ(s.end, a.end) << i;
    EXPECT_EQ(s.position, a.position) << i;
    // A token tells its own term from the other terms at its position.
    EXPECT_TRUE(stored.has_term(i, text, a.term)) << i << " " << a.term;
    for (const Token& other : analyzed) {
      if (other.position == a.position && other.term != a.term && s.identity != detail::StoredToken::Identity::kUnique) {
        EXPECT_FALSE(stored.has_term(i, text, other.term)) << i << " " << a.term << " vs " << other.term;
      }
    }
  }
}

TEST_P(TokenTable, RoundTripsTheAnalyzersTokens) {
  const TableRow& row = GetParam();
  Analyzer analyzer;
  // The table holds the tokens a snippet can highlight (not word pairs or written forms).
  auto title = analyzer.analyze(row.title, row.lang);
  auto body = analyzer.analyze(row.body, row.lang);
  for (auto* tokens : {&title, &body}) {
    std::erase_if(*tokens, [](const Token& t) { return !detail::is_highlighted(t.kind); });
  }
  const std::string table = detail::encode_token_offsets(row.title, title, 1, row.body, body, 123);
  ASSERT_FALSE(table.empty());
  const auto decoded = detail::decode_token_offsets(table, row.title.size(), row.body.size());
  EXPECT_EQ(decoded.title.first_position, 1u);
  EXPECT_EQ(decoded.body.first_position, 123u);
  expect_same_tokens(row.title, title, decoded.title);
  expect_same_tokens(row.body, body, decoded.body);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, TokenTable,
    ::testing::Values(
        TableRow{"en", "Where is my order?", "Open the tracking link in the shipping email.\n\n- Step 1: sign in"},
        TableRow{"en", "", ""},
        TableRow{"en", "Long   gaps", std::string(300, ' ') + "word " + std::string(40, 'x') + " Ünïcödé"},
        TableRow{"fr", "L'adresse de livraison", "Modifiez l\u2019adresse avant l'expédition."},
        TableRow{"pl", "Zwrot pieniędzy", "Zwrócimy należność za zamówienie w ciągu 14 dni. Żółć, gęślą jaźń."},
        TableRow{"ar", "\u0623\u064A\u0646 \u0637\u0644\u0628\u064A\u061F", "\u062A\u062A\u0628\u0651\u064E\u0639 \u0627\u0644\u0634\u062D\u0646\u0629"},
        TableRow{"ja", "注文の追跡", "発送完了メールの追跡リンクを開いてください。ﾊﾟｽﾜｰﾄﾞ再設定はこちら。ああああ"},
        TableRow{"zh-Hans", "查询快递物流信息", "请在发货邮件中打开物流链接。重置密码请点击这里。ＡＢＣ快递"},
        TableRow{"th", "ติดตามพัสดุ", "เปิดลิงก์ติดตามในอีเมลยืนยันการจัดส่ง"},
        TableRow{"ko", "비밀번호를 재설정", "비밀번호를 잊으셨나요? 이메일로 링크를 보내 드립니다."}));

TEST(TokenTableDecoding, ABrokenTableIsReportedAsCorrupt) {
  Analyzer analyzer;
  const std::string body = "Refunds reach your card within 5 business days.";
  auto tokens = analyzer.analyze(body, "en");
  std::erase_if(tokens, [](const Token& t) { return !detail::is_highlighted(t.kind); });  // never stored
  const std::string table = detail::encode_token_offsets("", {}, 1, body, tokens, 101);
  EXPECT_NO_THROW((void)detail::decode_token_offsets(table, 0, body.size()));
  EXPECT_THROW((void)detail::decode_token_offsets(table.substr(0, table.size() - 1), 0, body.size()), IndexCorrupt);
  EXPECT_THROW((void)detail::decode_token_offsets(table + "x", 0, body.size()), IndexCorrupt);
  EXPECT_THROW((void)detail::decode_token_offsets(table, 0, body.size() - 10), IndexCorrupt);  // past the end
  EXPECT_THROW((void)detail::decode_token_offsets("\x07", 0, 0), IndexCorrupt);               // unknown version
  EXPECT_THROW((void)detail::decode_token_offsets("", 0, 0), IndexCorrupt);
}

// The stored article carries its record, then its body and table in one zstd frame; corruption
// anywhere in it is IndexCorrupt, never a crash or a silently wrong article.
TEST(StoredArticle, RoundTripsAndReportsCorruption) {
  Article a;
  a.id = "refund-time";
  a.lang = "en";
  a.title = "How long does a refund take?";
  a.body = std::string(3000, 'x') + " Refunds reach your card within 5 business days.";
  a.url = "https://example.com/refund";
  a.tags = {"refunds", "payments"};
  const std::string table = "\x02 any table bytes";
  detail::RecordCompressor compressor;
  detail::RecordDecompressor decompressor;
  const std::vector<detail::TitleWord> words = {{"long", ""}, {"refund", ""}, {"zwrót", "zwrot"}};
  const std::string data = detail::encode_stored_article(a, words, table, compressor);
  EXPECT_LT(data.size(), a.body.size() / 2);  // compressed, not merely framed
  const Article header = detail::decode_stored_header(data);
  EXPECT_EQ(header.id, a.id);
  EXPECT_EQ(header.title, a.title);
  EXPECT_EQ(header.tags, a.tags);
  EXPECT_EQ(header.body, "");  // in the frame only
  EXPECT_EQ(detail::decode_stored_title_words(data), words);
  const detail::DocumentData decoded = detail::decode_stored_body(data, decompressor);
  EXPECT_EQ(decoded.body, a.body);
  EXPECT_EQ(decoded.token_offsets, table);
  const std::string bare = detail::encode_stored_article(a, {}, "", compressor);
  EXPECT_EQ(detail::decode_stored_body(bare, decompressor).token_offsets, "");
  EXPECT_TRUE(detail::decode_stored_title_words(bare).empty());

  const std::vector<std::pair<const char*, std::string>> broken = {
      {"empty", ""},
      {"plain record (schema 3)", detail::encode_article(a)},
      {"version byte only", data.substr(0, 1)},
      {"truncated frame", data.substr(0, data.size() - 5)},
      {"trailing bytes", data + "x"},
      {"flipped byte", [&] {
         std::string d = data;
         d[d.size() / 2] = static_cast<char>(d[d.size() / 2] ^ 0x55);
         return d;
       }()},
  };
  for (const auto& [what, bytes] : broken) {
    EXPECT_THROW((void)detail::decode_stored_body(bytes, decompressor), IndexCorrupt) << what;
  }
  // Every byte of the uncompressed record and title words is covered too: a hit without snippets
  // reads only the record, a rerank only the title words.
  std::vector<std::size_t> flips;
  for (std::size_t at = 1; at < 40; ++at) flips.push_back(at);
  for (std::size_t at = data.find("zwrót"); at < data.find("zwrot") + 5; ++at) flips.push_back(at);
  for (const std::size_t at : flips) {
    std::string d = data;
    d[at] = static_cast<char>(d[at] ^ 0x20);
    EXPECT_THROW((void)detail::decode_stored_header(d), IndexCorrupt) << at;
    EXPECT_THROW((void)detail::decode_stored_title_words(d), IndexCorrupt) << at;
  }
}

TEST(TokenTableIndex, AnIndexOfTheOlderSchemaAsksForARebuild) {
  ScratchDir dir;
  { IndexWriter w = IndexWriter::open(dir.path()); }
  std::ofstream(dir.path() / detail::kManifestFile)
      << R"({"format":"faqsearch-index","schema_version":1,"analysis_version":)" << kAnalysisVersion
      << R"(,"settings":{"max_term_bytes":64,"title_boost":3}})";
  try {
    Searcher s(dir.path());
    ADD_FAILURE() << "opened an index without token-offset tables";
  } catch (const IndexMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("rebuild"), std::string::npos) << e.what();
  }
}

// Folded variants keep their positions (CJK n-grams do not): a phrase typed without marks still
// matches the text with them, and its words are highlighted.
TEST(PhrasePositions, APhraseTypedWithoutMarksMatchesTheMarkedText) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    Article a;
    a.id = "delivery";
    a.lang = "fr";
    a.title = "Délai de livraison";
    a.body = "La livraison rapide prend deux jours après l'expédition du colis.";
    w.upsert(a);
    Article b = a;
    b.id = "other";
    b.body = "Après l'expédition, le colis arrive en deux jours.";
    w.upsert(b);
    w.commit();
  }
  Searcher s(dir.path());
  for (const char* text : {"\"l'expédition du colis\"", "\"l'expedition du colis\"", "\"EXPEDITION DU COLIS\""}) {
    SearchRequest request;
    request.query = text;
    request.languages = {"fr"};
    const SearchResults r = s.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << text;
    EXPECT_EQ(r.hits[0].id, "delivery") << text;
    EXPECT_EQ(r.hits[0].snippet.highlights.size(), 3u) << text;
  }
}

// A word whose marked ending the stemmer cuts ("confirmación" → "confirm") is typed without its
// marks as a word the stemmer leaves whole ("confirmacion"): the article's folded written form is
// what finds it, with no typo correction or completion to help. (Typed so, the word is not
// highlighted: written forms have no positions.)
TEST(WrittenForms, AWordTypedWithoutTheMarksOfItsEndingFindsTheMarkedText) {
  ScratchDir dir;
  {
    IndexWriter w = IndexWriter::open(dir.path());
    Article a;
    a.id = "confirmation";
    a.lang = "es";
    a.title = "Pedidos";
    a.body = "Te enviamos un email de confirmación del pedido en 30 minutos.";
    w.upsert(a);
    Article b = a;
    b.id = "other";
    b.body = "Te enviamos un email cuando sale el pedido.";
    w.upsert(b);
    w.commit();
  }
  Searcher s(dir.path());
  for (const char* text : {"confirmacion", "confirmación", "CONFIRMACION"}) {
    SearchRequest request;
    request.query = text;
    request.languages = {"es"};
    request.typo_tolerance = false;
    request.prefix_last_word = false;
    const SearchResults r = s.search(request);
    ASSERT_EQ(r.hits.size(), 1u) << text;
    EXPECT_EQ(r.hits[0].id, "confirmation") << text;
  }
}

// --- the sample help center: the search path against re-analysis ------------------------------

struct Query {
  std::string text;
  std::string lang;
};

// `count` code points of `text` from about byte `at` (moved forward to a character start).
std::string slice(const std::string& text, std::size_t at, std::size_t count) {
  const auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  while (at < text.size() && continuation(at)) ++at;
  std::size_t end = at;
  for (std::size_t n = 0; n < count && end < text.size(); ++n) {
    ++end;
    while (end < text.size() && continuation(end)) ++end;
  }
  return text.substr(at, end - at);
}

// `text` with the Latin letters of pl, de and nb that carry a mark written without it, as
// shoppers type them ("zwrot pieniedzy"). Arabic is left alone.
std::string without_marks(std::string text) {
  static const std::pair<std::string_view, std::string_view> kPlain[] = {
      {"ą", "a"}, {"ć", "c"}, {"ę", "e"}, {"ł", "l"}, {"ń", "n"}, {"ó", "o"}, {"ś", "s"}, {"ź", "z"}, {"ż", "z"},
      {"ä", "a"}, {"ö", "o"}, {"ü", "u"}, {"é", "e"}, {"è", "e"}, {"à", "a"}, {"ô", "o"}};
  for (const auto& [marked, plain] : kPlain) {
    for (std::size_t at; (at = text.find(marked)) != std::string::npos;) text.replace(at, marked.size(), plain);
  }
  return text;
}

class SampleCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    articles_ = new std::map<std::pair<std::string, std::string>, Article>;
    queries_ = new std::vector<Query>;
    IndexWriter writer = IndexWriter::open(dir_->path(), OpenMode::kCreate);
    read_articles(
        testing::source_dir() / "corpus" / "articles", {},
        [&](Article&& a, const SourceLocation&) {
          writer.upsert(a);
          articles_->emplace(std::make_pair(a.id, a.lang), std::move(a));
        },
        [](const ImportProblem& p) { ADD_FAILURE() << p.to_string(); });
    writer.commit();
    std::ifstream in(testing::source_dir() / "corpus" / "queries.jsonl");
    for (std::string line; std::getline(in, line);) {
      const auto j = nlohmann::json::parse(line);
      queries_->push_back({j.at("text").get<std::string>(), j.at("lang").get<std::string>()});
    }
    // Pieces of the articles themselves: short ones (in ja/zh/th a few characters of a run,
    // whose bigrams overlap the dictionary's words) and quoted phrases.
    for (const auto& [key, a] : *articles_) {
      for (std::size_t k = 1; k <= 3; ++k) {
        queries_->push_back({slice(a.body, a.body.size() * k / 4, 4), a.lang});
        queries_->push_back({"\"" + slice(a.body, a.body.size() * k / 5, 14) + "\"", a.lang});
      }
      queries_->push_back({slice(a.title, 0, 6) + " " + slice(a.body, a.body.size() / 2, 9), a.lang});
      // Typed without marks: matched through the folded variants, which the table leaves out:
      // their positions (or, re-analyzed, the token before them) mark their words.
      queries_->push_back({without_marks(slice(a.body, a.body.size() / 3, 30)), a.lang});
    }
  }
  static void TearDownTestSuite() {
    delete queries_;
    delete articles_;
    delete dir_;
  }

  static ScratchDir* dir_;
  static std::map<std::pair<std::string, std::string>, Article>* articles_;
  static std::vector<Query>* queries_;
};

ScratchDir* SampleCorpus::dir_ = nullptr;
std::map<std::pair<std::string, std::string>, Article>* SampleCorpus::articles_ = nullptr;
std::vector<Query>* SampleCorpus::queries_ = nullptr;

void expect_same_snippet(const Snippet& fast, const Snippet& analyzed, const std::string& where) {
  EXPECT_EQ(fast.text, analyzed.text) << where;
  EXPECT_EQ(fast.highlights, analyzed.highlights) << where;
  EXPECT_EQ(fast.starts_mid_text, analyzed.starts_mid_text) << where;
  EXPECT_EQ(fast.ends_mid_text, analyzed.ends_mid_text) << where;
}

TEST_F(SampleCorpus, StoredOffsetsGiveTheSnippetsOfReanalysisInEveryLanguage) {
  Searcher searcher(dir_->path());
  Analyzer analyzer;
  std::map<std::string, std::size_t> compared;  // per language: hits with a highlight
  // Each language's vocabulary (its public partition), which the query's joined compounds come
  // from (Thai: words the index holds as one that the query's segmentation split).
  std::map<std::string, Xapian::Database> vocabulary;
  for (const char* lang : {"en", "pl", "nb", "ar", "es", "fr", "de", "ja", "zh-Hans", "th"}) {
    const auto partition = dir_->path() / std::string(detail::kPartitionsDir) / "public" / lang;
    vocabulary.emplace(lang, Xapian::Database(partition.string()));
  }
  for (const std::size_t snippet_bytes : {std::size_t{180}, std::size_t{60}, std::size_t{0}}) {
    for (const Query& q : *queries_) {
      SearchRequest request;
      request.query = q.text;
      request.languages = {q.lang};
      request.snippet_bytes = snippet_bytes;
      // The reference below knows only the typed terms and their joined compounds; corrections
      // and completions are highlighted the same way (they are terms too).
      request.typo_tolerance = false;
      request.prefix_last_word = false;
      const SearchResults results = searcher.search(request);
      detail::QueryExpansion expansion;
      expansion.vocabulary = &vocabulary.at(q.lang);
      expansion.typos = false;
      expansion.prefix_last_word = false;
      const auto terms = detail::build_text_query(analyzer, q.text, q.lang, expansion).terms;
      for (const Hit& hit : results.hits) {
        const Article& a = articles_->at({hit.id, hit.lang});
        const std::string where = q.lang + " [" + q.text + "] " + hit.id + " bytes=" + std::to_string(snippet_bytes);
        expect_same_snippet(hit.title_snippet, detail::make_snippet(a.title, analyzer.analyze(a.title, a.lang), terms, 0),
                            where + " title");
        expect_same_snippet(hit.snippet,
                            detail::make_snippet(a.body, analyzer.analyze(a.body, a.lang), terms, snippet_bytes),
                            where + " body");
        if (!hit.snippet.highlights.empty()) ++compared[hit.lang];
      }
    }
  }
  // Every language of the sample took part, with highlights to compare.
  for (const char* lang : {"en", "pl", "nb", "ar", "es", "fr", "de", "ja", "zh-Hans", "th"}) {
    EXPECT_GT(compared[lang], 20u) << lang;
  }
}


// Found by fuzz_snippet: a one-character Chinese dictionary word whose bytes include a format
// character (U+206F: ICU's word breaker keeps it inside the word) that its term drops, so its
// own unigram names the same term. The stored table finds that term through the unigram only;
// re-analysis counted the word too, and with a narrow passage chose a different one.
TEST(StoredSnippet, AWordBesideItsOwnUnigramIsMatchedOnce) {
  ScratchDir dir;
  Article a;
  a.id = "tie";
  a.lang = "zh-Hans";
  a.title = "t";
  a.body = "pieo@ni \xe4\xbf\xa1 pa lllllll \xe9\x80\x92rot yieo@ni \xe4\xbf\xa1\xe2\x81\xaf";
  {
    IndexWriter writer = IndexWriter::open(dir.path(), OpenMode::kCreate);
    writer.upsert(a);
    writer.commit();
  }
  SearchRequest request;
  request.query = "pieo@ni \xe4\xbf\xa1";
  request.languages = {a.lang};
  request.snippet_bytes = 8;
  request.typo_tolerance = false;
  request.prefix_last_word = false;
  const SearchResults results = Searcher(dir.path()).search(request);
  ASSERT_EQ(results.hits.size(), 1u);
  Analyzer analyzer;
  const auto terms = detail::build_text_query(analyzer, request.query, a.lang).terms;
  expect_same_snippet(results.hits[0].snippet, detail::make_snippet(a.body, analyzer.analyze(a.body, a.lang), terms, 8),
                      "tie");
}

}  // namespace
}  // namespace faqsearch
