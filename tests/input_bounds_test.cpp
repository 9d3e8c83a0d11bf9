// Hostile input at the library's boundary: JSON nested too deep or holding numbers no double
// holds, FIFOs and devices given or found as input, symbolic links out of an import folder,
// oversized articles, unsafe article URLs and hostile queries. Each is one reported problem (or
// one clear error), never a crash, a hang or the end of the run.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "test_support.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

fs::path write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

struct Imported {
  std::vector<std::string> ids;
  std::vector<std::string> problems;  // ImportProblem::to_string(), with the directory cut off
};

Imported import(const fs::path& path, const ImportOptions& options = {}) {
  Imported out;
  const std::string prefix = (path.has_extension() ? path.parent_path() : path).string() + "/";
  read_articles(
      path, options, [&](Article&& a, const SourceLocation&) { out.ids.push_back(a.id); },
      [&](const ImportProblem& p) {
        std::string text = p.to_string();
        if (text.starts_with(prefix)) text.erase(0, prefix.size());
        out.problems.push_back(text);
      });
  return out;
}

const std::string kDeep = repeat("[", 100000) + repeat("]", 100000);

struct RecordRow {
  std::string name;
  std::string file;                      // name of the file, whose extension gives the format
  std::string content;                   // its records
  std::vector<std::string> ids;          // delivered
  std::vector<std::string> problems;     // reported (the start of each)
};

void PrintTo(const RecordRow& row, std::ostream* os) { *os << row.name; }

class HostileRecords : public ::testing::TestWithParam<RecordRow> {};

// One bad record is one problem naming file, line and field; the records around it are read.
TEST_P(HostileRecords, AreOneProblemEach) {
  const RecordRow& row = GetParam();
  ScratchDir dir;
  const Imported run = import(write(dir.path() / row.file, row.content));
  EXPECT_EQ(run.ids, row.ids);
  ASSERT_EQ(run.problems.size(), row.problems.size()) << ::testing::PrintToString(run.problems);
  for (std::size_t i = 0; i < row.problems.size(); ++i) {
    EXPECT_TRUE(run.problems[i].starts_with(row.problems[i])) << run.problems[i];
  }
}

const std::string kOk1 = R"({"id":"a1","lang":"en","title":"Refunds","body":"Money back."})";
const std::string kOk3 = R"({"id":"a3","lang":"en","title":"Shipping","body":"Ships in a day."})";
const std::string kBig = repeat("parcel ", 600 * 1024 / 7);  // 614,397 bytes

INSTANTIATE_TEST_SUITE_P(
    Rows, HostileRecords,
    ::testing::Values(
        RecordRow{"JsonlDeepMember", "a.jsonl",
                  kOk1 + "\n" + R"({"id":"a2","lang":"en","title":"T","extra":)" + kDeep + "}\n" + kOk3 + "\n",
                  {"a1", "a3"},
                  {"a.jsonl:2: extra: nested deeper than 64 levels"}},
        RecordRow{"BeirDeepId", "corpus.jsonl",
                  R"({"_id":"d1","title":"A","text":"B","lang":"en"})" "\n" R"({"_id":)" + kDeep +
                      R"(,"text":"x","lang":"en"})" "\n" R"({"_id":"d3","title":"C","text":"D","lang":"en"})" "\n",
                  {"d1", "d3"},
                  {"corpus.jsonl:2: _id: nested deeper than 64 levels"}},
        RecordRow{"JsonlHugeNumber", "a.jsonl",
                  kOk1 + "\n" + R"({"id":"a2","lang":"en","title":"T","score":1e400})" "\n" + kOk3 + "\n",
                  {"a1", "a3"},
                  {"a.jsonl:2: score: number out of range: 1e400"}},
        RecordRow{"BeirHugeNumberInMetadata", "corpus.jsonl",
                  R"({"_id":"d1","title":"A","text":"B","lang":"en","metadata":{"w":[1,-2e999]}})" "\n"
                  R"({"_id":"d2","title":"C","text":"D","lang":"en"})" "\n",
                  {"d2"},
                  {"corpus.jsonl:1: metadata: number out of range: -2e999"}},
        RecordRow{"ZendeskHugeNumberAndDeepValue", "export.json",
                  "{\"articles\": [\n"
                  R"({"id": 1, "locale": "en", "title": "Refunds", "vote_sum": 1e400},)" "\n"
                  R"({"id": 2, "locale": "en", "title": "Shipping", "body": "Ships."},)" "\n"
                  R"({"id": 3, "locale": "en", "title": "Deep", "x": )" + kDeep + "},\n"
                  R"({"id": 4, "locale": "en", "title": "Returns", "count": 12345678901234567890123})" "\n"
                  "], \"count\": 1e500}\n",
                  {"2", "4"},
                  {"export.json:2: articles[0].vote_sum: number out of range: 1e400",
                   "export.json:4: articles[2].x: nested deeper than 64 levels"}},
        RecordRow{"ZendeskNumbersInStringsAreText", "export.json",
                  R"({"articles": [{"id": 1, "locale": "en", "title": "1e400 \"2e999\" \\", "body": "-1e999"}]})",
                  {"1"},
                  {}},
        RecordRow{"JsonlArticleOverTheLimit", "a.jsonl",
                  kOk1 + "\n" + R"({"id":"big","lang":"en","title":"Big","body":")" + kBig + "\"}\n" + kOk3 + "\n",
                  {"a1", "a3"},
                  {"a.jsonl:2: body: is " + std::to_string(kBig.size() - 1) +
                   " bytes, over the limit of 524288 (--max-article-bytes)"}},
        RecordRow{"ZendeskHtmlOverTheLimitAfterConversion", "export.json",
                  R"({"articles": [{"id": 1, "locale": "en", "title": "Big", "body": "<p>)" + kBig +
                      R"(</p>"}, {"id": 2, "locale": "en", "title": "Small", "body": "<p>)" +
                      repeat("<b></b>", 100000) + "x</p>\"}]}",
                  {"2"},
                  {"export.json:1: articles[0].body: is "}},
        RecordRow{"MarkdownOverTheLimit", "big.md", "---\nid: big\nlang: en\ntitle: Big\n---\n" + kBig + "\n", {},
                  {"big.md:1: body: is "}},
        RecordRow{"UnsafeUrls", "a.jsonl",
                  R"j({"id":"u1","lang":"en","title":"T","url":"javascript:alert(1)"})j" "\n"
                  R"j({"id":"u2","lang":"en","title":"T","url":" JaVa\tScRiPt:alert(1)"})j" "\n"
                  R"({"id":"u3","lang":"en","title":"T","url":"data:text/html,<script>x</script>"})" "\n"
                  R"({"id":"u4","lang":"en","title":"T","url":"file:///etc/passwd"})" "\n"
                  R"({"id":"u5","lang":"en","title":"T","url":"vbscript:msgbox"})" "\n"
                  R"({"id":"s1","lang":"en","title":"T","url":"https://help.example.com/hc/en/1"})" "\n"
                  R"({"id":"s2","lang":"en","title":"T","url":"/hc/en-us/articles/2#returns"})" "\n",
                  {"s1", "s2"},
                  {"a.jsonl:1: url: only http, https", "a.jsonl:2: url: only http, https", "a.jsonl:3: url: only",
                   "a.jsonl:4: url: only", "a.jsonl:5: url: only"}}),
    [](const auto& row) { return row.param.name; });

TEST(ArticleSize, LimitIsConfigurableAndZeroMeansNone) {
  ScratchDir dir;
  const fs::path file = write(dir.path() / "a.jsonl",
                              R"({"id":"a","lang":"en","title":"Twelve bytes","body":"and ten more"})" "\n");
  ImportOptions small;
  small.max_article_bytes = 20;
  const Imported limited = import(file, small);
  EXPECT_TRUE(limited.ids.empty());
  ASSERT_EQ(limited.problems.size(), 1u);
  EXPECT_EQ(limited.problems[0], "a.jsonl:1: body: is 12 bytes, with the title 24, over the limit of 20 (--max-article-bytes)");
  ImportOptions none;
  none.max_article_bytes = 0;
  EXPECT_EQ(import(file, none).ids, std::vector<std::string>{"a"});
}

TEST(ArticleUrl, SafeSchemes) {
  for (const char* url : {"", "https://x.example/a", "HTTP://x", "/hc/1", "faq.html#a:b", "//cdn.example/x", "?q=a:b",
                          "a/b:c", ":x"}) {
    EXPECT_TRUE(is_safe_article_url(url)) << url;
  }
  for (const char* url : {"javascript:x", "\x01javascript:x", "java\nscript:x", "data:,x", "file:/etc", "vbscript:x",
                          "httpx:y", "https2:y", "blob:x"}) {
    EXPECT_FALSE(is_safe_article_url(url)) << url;
  }
}

// A reader blocked on a FIFO is released by opening it for writing: without the fix the test
// fails instead of hanging.
class FifoWriter {
 public:
  explicit FifoWriter(fs::path fifo)
      : thread_([this, fifo = std::move(fifo)] {
          const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
          while (!stop_ && std::chrono::steady_clock::now() < deadline) {
            const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);  // succeeds once a reader waits
            if (fd >= 0) {
              ::close(fd);
              return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          }
        }) {}
  ~FifoWriter() {
    stop_ = true;
    thread_.join();
  }
  FifoWriter(const FifoWriter&) = delete;
  FifoWriter& operator=(const FifoWriter&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(SpecialFiles, GivenAreRefusedNamingThePath) {
  ScratchDir dir;
  const fs::path fifo = dir.path() / "articles.jsonl";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const fs::path& path : {fifo, fs::path("/dev/null")}) {
    SCOPED_TRACE(path.string());
    const FifoWriter release(fifo);
    ImportOptions options;
    options.format = InputFormat::kJsonl;
    try {
      (void)import(path, options);
      ADD_FAILURE() << "read";
    } catch (const ImportError& e) {
      EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)read_input_file(path), ImportError);
  }
}

TEST(SpecialFiles, FoundInADirectoryAreProblems) {
  ScratchDir dir;
  write(dir.path() / "in" / "a.jsonl", kOk1 + "\n");
  ASSERT_EQ(::mkfifo((dir.path() / "in" / "b.jsonl").c_str(), 0600), 0);
  const FifoWriter release(dir.path() / "in" / "b.jsonl");
  const Imported run = import(dir.path() / "in");
  EXPECT_EQ(run.ids, std::vector<std::string>{"a1"});
  ASSERT_EQ(run.problems.size(), 1u);
  EXPECT_EQ(run.problems[0], "b.jsonl: it is a FIFO (named pipe), not a regular file: not read");
}

TEST(Symlinks, OutOfTheFolderAreNotFollowedUnlessAsked) {
  ScratchDir dir;
  const fs::path secret = write(dir.path() / "secret" / "passwd.jsonl", "root:x:0:0:root:/root:/bin/bash\n");
  const fs::path outside = write(dir.path() / "other" / "o.jsonl", kOk3 + "\n");
  const fs::path in = dir.path() / "in";
  write(in / "a.jsonl", kOk1 + "\n");
  write(in / "sub" / "b.jsonl", R"({"id":"b","lang":"en","title":"B"})" "\n");
  fs::create_symlink(secret, in / "evil.jsonl");
  fs::create_symlink(outside, in / "out.jsonl");
  fs::create_symlink(in / "sub" / "b.jsonl", in / "within.jsonl");  // inside: followed

  const Imported run = import(in);
  EXPECT_EQ(run.ids, (std::vector<std::string>{"a1", "b", "b"}));
  ASSERT_EQ(run.problems.size(), 2u);
  for (const std::string& p : run.problems) {
    EXPECT_NE(p.find("outside"), std::string::npos) << p;
    EXPECT_NE(p.find("--follow-symlinks"), std::string::npos) << p;
    EXPECT_EQ(p.find("root:x"), std::string::npos) << p;  // never read, never quoted
  }
  EXPECT_TRUE(run.problems[0].starts_with("evil.jsonl: symbolic link to ")) << run.problems[0];

  ImportOptions follow;
  follow.follow_symlinks = true;
  const Imported followed = import(in, follow);
  EXPECT_EQ(followed.ids, (std::vector<std::string>{"a1", "a3", "b", "b"}));
  EXPECT_EQ(followed.problems.size(), 1u);  // the passwd lines are no JSON: one problem
}

// Every hostile query is answered or refused with InvalidArgument naming the limit, as a search
// and as a suggestion; none crashes or takes long (timings are measured apart, not asserted here).
struct QueryRow {
  std::string name;
  std::string query;
  bool rejected;
  std::string limit;  // in the message when rejected
};

void PrintTo(const QueryRow& row, std::ostream* os) { *os << row.name; }

class HostileQueries : public ::testing::TestWithParam<QueryRow> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    testing::index_articles(
        dir_->path(), {testing::article("track", "en", "Where is my order?", "Open the tracking link in the email."),
                       testing::article("refund", "en", "Refunds", "Money back in five days, order by order."),
                       testing::article("zwrot", "pl", "Zwrot pieniędzy", "Pieniądze wracają w pięć dni."),
                       testing::article("frakt", "nb", "Frakt", "Frakt koster 49 kroner per ordre."),
                       testing::article("th", "th", "การคืนสินค้า", "คืนสินค้าได้ภายใน 30 วัน")});
  }
  static void TearDownTestSuite() { delete dir_; }
  static ScratchDir* dir_;
};
ScratchDir* HostileQueries::dir_ = nullptr;

TEST_P(HostileQueries, AreAnsweredOrRefused) {
  const QueryRow& row = GetParam();
  Searcher searcher(dir_->path());
  for (const bool with_language : {false, true}) {
    SearchRequest request;
    request.query = row.query;
    if (with_language) request.languages = {"en"};
    if (row.rejected) {
      try {
        (void)searcher.search(request);
        ADD_FAILURE() << "answered";
      } catch (const InvalidArgument& e) {
        EXPECT_NE(std::string(e.what()).find("query"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("limit of " + row.limit), std::string::npos) << e.what();
      }
    } else {
      EXPECT_NO_THROW((void)searcher.search(request));
    }
    // The search box sees the same text, a keystroke at a time.
    SuggestRequest suggest;
    suggest.text = row.query;
    suggest.languages = request.languages;
    if (row.rejected) {
      EXPECT_THROW((void)searcher.suggest(suggest), InvalidArgument);
    } else {
      EXPECT_NO_THROW((void)searcher.suggest(suggest));
    }
  }
}

std::string distinct_words(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += "qz" + std::to_string(i) + "x ";
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, HostileQueries,
    ::testing::Values(QueryRow{"Plain", "where is my order", false, ""},
                      QueryRow{"Huge", repeat("refund ", 150000), true, "2048"},
                      QueryRow{"JustOverTheByteLimit", repeat("a", 2049), true, "2048"},
                      QueryRow{"TenThousandWords", repeat("w ", 10000), true, "2048"},
                      QueryRow{"TooManyWords", repeat("or ", 129), true, "128"},
                      QueryRow{"ManyDistinctUnknownWords", distinct_words(128), false, ""},
                      QueryRow{"NinePhrases", repeat("\"my order\" ", 9), true, "8"},
                      QueryRow{"ManyPhrases", repeat("\"my order\" ", 200).substr(0, 2000), true, ""},
                      QueryRow{"EightPhrases", repeat("\"my order\" ", 8), false, ""},
                      QueryRow{"NestedQuotes", repeat("\"", 16) + "order" + repeat("\"", 16), true, "8"},
                      QueryRow{"UnbalancedQuote", "\"where is my order", false, ""},
                      QueryRow{"NestedParentheses", repeat("(", 900) + "refund" + repeat(")", 900), false, ""},
                      QueryRow{"OnlyPunctuation", repeat("!?.,;:()[]{}<>", 100), false, ""},
                      QueryRow{"InvalidUtf8", repeat("\xff\xfe\xc3(", 400), false, ""},
                      QueryRow{"ControlCharacters", repeat("\x1b[31m\x01\x7f\x9b", 150) + "refund", false, ""},
                      QueryRow{"NulBytes", std::string("refund\0order\0", 13), false, ""},
                      QueryRow{"OneLongWord", repeat("a", 2048), false, ""},
                      QueryRow{"HanWithoutSpaces", repeat("注消账号", 170), false, ""},
                      QueryRow{"ThaiWithoutSpaces", repeat("คืนสินค้า", 70), false, ""}),
    [](const auto& row) { return row.param.name; });

}  // namespace
}  // namespace faqsearch
