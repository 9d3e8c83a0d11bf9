// The faqsearch command-line tool: commands, output formats, exit codes, bad input.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace faqsearch {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::ScratchDir;

void write(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

struct ExitRow {
  std::vector<std::string> args;
  int exit_code;
};

void PrintTo(const ExitRow& row, std::ostream* os) {
  *os << "faqsearch";
  for (const auto& a : row.args) *os << " " << a;
}

class CliExitCodes : public ::testing::TestWithParam<ExitRow> {};

TEST_P(CliExitCodes, FollowTheConvention) {
  const auto r = run_cli(GetParam().args);
  EXPECT_EQ(r.exit_code, GetParam().exit_code) << r.out << r.err;
  if (r.exit_code == 2) {
    EXPECT_EQ(line_count(r.err), 1u) << r.err;  // a one-line message
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, CliExitCodes,
    ::testing::Values(ExitRow{{"--help"}, 0}, ExitRow{{"index", "--help"}, 0}, ExitRow{{"search", "--help"}, 0},
                      ExitRow{{"eval", "--help"}, 0}, ExitRow{{"analyze", "--help"}, 0}, ExitRow{{"stats", "--help"}, 0},
                      ExitRow{{}, 1}, ExitRow{{"frobnicate"}, 1}, ExitRow{{"search", "--db", "/", "--limit", "0", "x"}, 1},
                      ExitRow{{"index", "--db", "/tmp/x", "--format", "docx", "/"}, 1},
                      ExitRow{{"analyze", "--lang", "not a tag!", "text"}, 1},
                      ExitRow{{"stats", "--db", "/nonexistent/faqsearch-index"}, 2}));

class CliIndex : public ::testing::Test {
 protected:
  std::filesystem::path db() const { return dir_.path() / "db"; }
  ScratchDir dir_;
};

TEST_F(CliIndex, ReportsMalformedRecordsWithFileAndLineAndKeepsTheRest) {
  const auto input = dir_.path() / "articles.jsonl";
  write(input,
        R"({"id":"a1","lang":"en","title":"Track your parcel","body":"Use the tracking link."})" "\n"
        R"({"id":"a2","lang":"en","title": broken json)" "\n"
        R"({"id":"a3","lang":"en","title":"Refunds","body":"Money back in 5 days."})" "\n");
  const auto r = run_cli({"index", "--db", db().string(), input.string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;  // some records skipped, the rest indexed
  EXPECT_NE(r.err.find("articles.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("indexed 2 articles"), std::string::npos) << r.out;
  const auto stats = json::parse(run_cli({"stats", "--db", db().string(), "--json"}).out);
  EXPECT_EQ(stats["articles"], 2);
}

// A bulk build that died: searching says so (it used to answer "0 results"), and running the
// same index command again builds it in bulk (it used to take the slower update path).
TEST_F(CliIndex, AnInterruptedBuildIsReportedAndBuiltAgainInBulk) {
  const auto input = dir_.path() / "articles.jsonl";
  write(input, R"({"id":"a1","lang":"en","title":"Track your parcel","body":"Use the tracking link."})" "\n");
  { IndexBuilder abandoned = IndexBuilder::create(db()); }  // as a build killed before it finished
  const auto search = run_cli({"search", "--db", db().string(), "--lang", "en", "parcel"});
  EXPECT_EQ(search.exit_code, 2);
  EXPECT_NE(search.err.find("interrupted"), std::string::npos) << search.err;
  const auto rerun = run_cli({"index", "--db", db().string(), input.string()});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_NE(rerun.err.find("interrupted bulk build; building it again"), std::string::npos) << rerun.err;
  EXPECT_EQ(index_state(db()), IndexState::kReady);
  EXPECT_NE(run_cli({"search", "--db", db().string(), "--lang", "en", "parcel"}).out.find("Track your [parcel]"),
            std::string::npos);
}

// --no-word-pairs makes a new index without pairs; updates keep the index's own setting.
TEST_F(CliIndex, NoWordPairsIsKeptByUpdates) {
  const auto first = dir_.path() / "first.jsonl";
  const auto second = dir_.path() / "second.jsonl";
  write(first, R"({"id":"a1","lang":"en","title":"Top up a gift card","body":"Add money."})" "\n");
  write(second, R"({"id":"a2","lang":"en","title":"Card limits","body":"Spend up to the limit."})" "\n");
  ASSERT_EQ(run_cli({"index", "--db", db().string(), "--no-word-pairs", "-q", first.string()}).exit_code, 0);
  const auto update = run_cli({"index", "--db", db().string(), "-q", second.string()});
  EXPECT_EQ(update.exit_code, 0) << update.err;
  const auto stats = json::parse(run_cli({"stats", "--db", db().string(), "--json"}).out);
  EXPECT_EQ(stats["articles"], 2);
  EXPECT_EQ(stats["word_pairs"], false) << stats.dump();
}

TEST_F(CliIndex, StrictModeFailsAndKeepsWhatWasIndexedBefore) {
  const auto good = dir_.path() / "good.jsonl";
  const auto bad = dir_.path() / "bad.jsonl";
  write(good, R"({"id":"a1","lang":"en","title":"Track your parcel","body":"Tracking link."})" "\n");
  write(bad, R"({"id":"b1","lang":"en","title":"Fine","body":"Fine."})" "\n" R"({"id":"b2","lang":"en"})" "\n");
  ASSERT_EQ(run_cli({"index", "--db", db().string(), good.string()}).exit_code, 0);
  const auto r = run_cli({"index", "--db", db().string(), "--strict", bad.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.jsonl:2"), std::string::npos) << r.err;
  const auto stats = json::parse(run_cli({"stats", "--db", db().string(), "--json"}).out);
  EXPECT_EQ(stats["articles"], 1);  // b1 was not committed either: all or nothing
}

TEST_F(CliIndex, SynonymsAreSetWithoutReindexingAndABadFileChangesNothing) {
  const auto input = dir_.path() / "articles.jsonl";
  write(input, R"({"id":"a1","lang":"en","title":"Customs duties","body":"Orders to the United Kingdom clear customs."})" "\n");
  const auto good = dir_.path() / "synonyms.txt";
  const auto bad = dir_.path() / "bad-synonyms.txt";
  write(good, "[en]\nuk, united kingdom\n");
  write(bad, "[en]\nuk, united kingdom\nlonely\n");
  ASSERT_EQ(run_cli({"index", "--db", db().string(), input.string()}).exit_code, 0);
  const auto hits = [&] {
    return json::parse(run_cli({"search", "--db", db().string(), "--lang", "en", "--json", "uk"}).out)["hits"].size();
  };
  EXPECT_EQ(hits(), 0u);
  // No paths needed: only the synonyms change.
  const auto set = run_cli({"index", "--db", db().string(), "--synonyms", good.string()});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("set 1 synonym groups"), std::string::npos) << set.out;
  EXPECT_EQ(hits(), 1u);
  const auto r = run_cli({"index", "--db", db().string(), "--synonyms", bad.string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad-synonyms.txt:3: field entries: needs 2"), std::string::npos) << r.err;
  EXPECT_EQ(hits(), 1u);  // the good list is still in place
  // Neither paths nor synonyms: a usage error.
  EXPECT_EQ(run_cli({"index", "--db", db().string()}).exit_code, 1);
}

TEST_F(CliIndex, SearchPrintsJsonAndBatches) {
  ASSERT_EQ(run_cli({"index", "--db", db().string(), "-q", (testing::source_dir() / "corpus" / "articles").string()}).exit_code, 0);
  auto r = run_cli({"search", "--db", db().string(), "--lang", "en", "--json", "--limit", "3", "where is my parcel"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json single = json::parse(r.out);
  ASSERT_EQ(single["hits"].size(), 3u);
  EXPECT_EQ(single["hits"][0]["lang"], "en");
  EXPECT_NE(single["hits"][0]["snippet_html"].get<std::string>().find("<mark>"), std::string::npos);

  const auto queries = dir_.path() / "queries.jsonl";
  write(queries, R"({"_id":"q1","text":"zwrot pieniedzy","lang":"pl"})" "\n" R"({"_id":"q2","text":"パスワード","lang":"ja"})" "\n");
  r = run_cli({"search", "--db", db().string(), "--queries", queries.string(), "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(line_count(r.out), 2u);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  const json first = json::parse(line);
  EXPECT_EQ(first["_id"], "q1");
  for (const auto& hit : first["hits"]) EXPECT_EQ(hit["lang"], "pl");
  std::getline(lines, line);
  EXPECT_EQ(json::parse(line)["hits"][0]["id"], "reset-password");

  const auto plain = dir_.path() / "plain.txt";
  write(plain, "refund\n\ntracking\n");
  r = run_cli({"search", "--db", db().string(), "--lang", "en", "--queries", plain.string()});
  EXPECT_EQ(line_count(r.out), 2u);

  r = run_cli({"search", "--db", db().string(), "--lang", "en", "--category", "account-privacy", "--json", "password"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Named: a range-for over a member of the temporary json::parse() returns would read it after
  // the temporary is destroyed.
  const json by_category = json::parse(r.out);
  EXPECT_FALSE(by_category["hits"].empty());
  for (const auto& hit : by_category["hits"]) EXPECT_EQ(hit["category"], "account-privacy");
}

// Input that once crashed or hung the CLI: JSON nested 100,000 deep in a query file (the JSON
// library recursed copying it) and FIFOs given as input (opening one waits for a writer).
TEST_F(CliIndex, HostileInputFilesAreOneLineErrors) {
  const auto corpus = dir_.path() / "corpus.jsonl";
  // A BEIR corpus (by its name): _id and text.
  write(corpus, R"({"_id":"a1","lang":"en","title":"Refunds","text":"Money back in five days."})" "\n");
  ASSERT_EQ(run_cli({"index", "--db", db().string(), "-q", corpus.string()}).exit_code, 0);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto queries = dir_.path() / "queries.jsonl";
  write(queries, R"({"_id":"q1","text":"refund","lang":"en"})" "\n" R"({"_id":)" + deep + R"(,"text":"refund"})" "\n");
  auto r = run_cli({"search", "--db", db().string(), "--queries", queries.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("queries.jsonl:2: _id: nested deeper than 64 levels"), std::string::npos) << r.err;

  const auto set = dir_.path() / "set";
  write(set / "corpus.jsonl", R"({"_id":"d1","title":"Refunds","text":"Money back.","lang":"en"})" "\n");
  write(set / "queries.jsonl", R"({"_id":)" + deep + R"(,"text":"refund","lang":"en"})" "\n");
  write(set / "qrels" / "test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\n");
  r = run_cli({"eval", "--dataset", set.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("queries.jsonl:1: _id: nested deeper than 64 levels"), std::string::npos) << r.err;

  const auto fifo = dir_.path() / "fifo.jsonl";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"search", "--db", db().string(), "--queries", fifo.string()},
           {"index", "--db", (dir_.path() / "db2").string(), fifo.string()}}) {
    r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("fifo.jsonl: it is a FIFO (named pipe), not a regular file"), std::string::npos) << r.err;
  }
}

// Article text, field names and CSV headers reach the terminal escaped: no input can send it
// escape sequences (retitle it, clear it, hide text).
TEST_F(CliIndex, ControlCharactersOfInputArePrintedEscaped) {
  const auto input = dir_.path() / "in";
  write(input / "a.jsonl", R"({"id":"a1","lang":"en","title":"Refunds\u001b]0;pwned\u0007","body":"Money \u001b[2Jback \u009b31m in days.","url":"/hc/\u001b[8m","x\u001b[31m":1})" "\n");
  write(input / "b.csv", "id,lang,title,\x1b[41mcolour\nb1,en,Shipping,red\n");
  auto r = run_cli({"index", "--db", db().string(), "-q", "--max-article-bytes", "1000", input.string()});
  ASSERT_EQ(r.exit_code, 3) << r.err;  // the unknown member and column are reported problems
  EXPECT_NE(r.err.find("\\x1b[31m"), std::string::npos) << r.err;  // the JSON member name
  EXPECT_NE(r.err.find("\\x1b[41mcolour"), std::string::npos) << r.err;  // the CSV header
  r = run_cli({"search", "--db", db().string(), "--lang", "en", "refunds money"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Refunds]\\x1b]0;pwned\\x07"), std::string::npos) << r.out;  // [highlighted]
  EXPECT_NE(r.out.find("\\u009b31m"), std::string::npos) << r.out;
  for (const std::string* text : {&r.out, &r.err}) {
    EXPECT_EQ(text->find('\x1b'), std::string::npos) << *text;
    EXPECT_EQ(text->find("\xc2\x9b"), std::string::npos) << *text;
  }
  r = run_cli({"search", "--db", db().string(), "--lang", "en", "--json", "refunds"});
  EXPECT_EQ(json::parse(r.out)["hits"][0]["title"], "Refunds\x1b]0;pwned\x07");  // JSON keeps the text
}

TEST_F(CliIndex, AnalyzeShowsTermsAndOffsets) {
  const auto r = run_cli({"analyze", "--lang", "pl", "--json", "Zwrot pieniędzy"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["tokens"].size(), 4u);  // the last one is the word pair
  EXPECT_EQ(j["tokens"][1]["term"], "pieniądz");  // Hunspell lemma
  EXPECT_EQ(j["tokens"][2]["term"], "pieniadz");  // and its folded variant, on the same bytes
  EXPECT_EQ(j["tokens"][2]["kind"], "folded");
  for (int i : {1, 2}) {
    EXPECT_EQ(j["tokens"][i]["begin"], 6);
    EXPECT_EQ(j["tokens"][i]["end"], 16);
  }
}

TEST_F(CliIndex, EvalScoresABeirDataset) {
  const auto set = dir_.path() / "tiny";
  write(set / "corpus.jsonl",
        R"({"_id":"d1","title":"Shipping costs","text":"Standard shipping is 4.95 euros.","lang":"en"})" "\n"
        R"({"_id":"d2","title":"Refunds","text":"Refunds take five days.","lang":"en"})" "\n"
        R"({"_id":"d3","title":"Frakt","text":"Frakt koster 4,95 euro.","lang":"nb"})" "\n");
  write(set / "queries.jsonl",
        R"({"_id":"q1","text":"shipping cost","lang":"en"})" "\n" R"({"_id":"q2","text":"refund","lang":"en"})" "\n"
        R"({"_id":"q3","text":"frakt","lang":"nb"})" "\n" R"({"_id":"q4","text":"unjudged","lang":"en"})" "\n");
  write(set / "qrels" / "test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td3\t1\n");
  const auto run_file = dir_.path() / "run.trec";
  const auto r = run_cli({"eval", "--dataset", set.string(), "--json", "--run", run_file.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["dataset"], "tiny");
  EXPECT_EQ(j["k"], 10);
  EXPECT_EQ(j["languages"]["en"]["queries"], 2);
  EXPECT_EQ(j["languages"]["en"]["mrr@10"], 1.0);
  EXPECT_EQ(j["languages"]["nb"]["ndcg@10"], 1.0);
  EXPECT_EQ(j["overall"]["queries"], 3);
  EXPECT_EQ(j["overall"]["recall@10"], 1.0);
  EXPECT_NE(testing::slurp(run_file).find("q1 Q0 d1 1 "), std::string::npos);
}

}  // namespace
}  // namespace faqsearch
