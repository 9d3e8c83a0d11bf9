// Search analytics (issue #20, section 5): the query log's lines, appends from many threads, and
// the support team's report of a log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "analytics/log_fields.h"
#include "cli_runner.h"
#include "faqsearch/faqsearch.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using Json = nlohmann::json;
using testing::ScratchDir;

Hit hit(std::string id, std::string lang, bool fallback = false) {
  Hit h;
  h.id = std::move(id);
  h.lang = std::move(lang);
  h.fallback = fallback;
  h.title = "title of " + h.id;
  h.url = "https://help.example/" + h.id;
  return h;
}

/// A request with everything a caller may set, audiences included.
SearchRequest full_request(std::string query) {
  SearchRequest r;
  r.query = std::move(query);
  r.languages = {"de"};
  r.categories = {"billing"};
  r.tags = {"vip"};
  r.audiences = {"public", "agents-7f3a9c"};
  return r;
}

// --- Line shape ---------------------------------------------------------------------------------

TEST(QueryLogLine, HoldsTheSearchAndWhatItFound) {
  SearchResults results;
  results.total = 14;
  results.languages = {"de", "en"};
  for (int i = 0; i < 12; ++i) results.hits.push_back(hit("a" + std::to_string(i), i == 0 ? "de" : "en", i > 0));
  results.did_you_mean = QueryCorrection{"rückgabe paket", {{0, 9}}};
  results.diagnosis = Diagnosis{EmptyReason::kCorrection, true, {{"fr", 2}}, {}};
  const Json line = Json::parse(QueryLog::line(full_request("rückgbe paket"), results));
  EXPECT_TRUE(std::regex_match(line["time"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  EXPECT_EQ(line["query"], "rückgbe paket");
  EXPECT_EQ(line["languages"], Json({"de", "en"}));
  EXPECT_EQ(line["requested"], Json({"de"}));
  EXPECT_EQ(line["filters"], Json({{"category", {"billing"}}, {"tag", {"vip"}}}));
  EXPECT_EQ(line["total"], 14);
  ASSERT_EQ(line["top"].size(), kLoggedHits);
  EXPECT_EQ(line["top"][0], Json({{"id", "a0"}, {"lang", "de"}}));
  EXPECT_EQ(line["top"][1], Json({{"id", "a1"}, {"lang", "en"}, {"fallback", true}}));
  EXPECT_EQ(line["did_you_mean"]["query"], "rückgabe paket");
  EXPECT_EQ(line["did_you_mean"]["changed"], Json::parse("[[0, 9]]"));
  EXPECT_EQ(line["did_you_mean"]["pairs"], Json::parse(R"([["rückgbe", "rückgabe"]])"));
  EXPECT_EQ(line["diagnosis"], Json::parse(R"({"reason": "correction", "fallback_only": true, "other_languages": {"fr": 2}})"));
}

TEST(QueryLogLine, LeavesOutWhatTheSearchDidNotHave) {
  SearchRequest r;
  r.query = "returns";
  const Json line = Json::parse(QueryLog::line(r, SearchResults{}));
  for (const char* absent : {"requested", "filters", "did_you_mean", "diagnosis"}) EXPECT_FALSE(line.contains(absent)) << absent;
  EXPECT_EQ(line["top"], Json::array());
  EXPECT_EQ(line["total"], 0);
}

TEST(QueryLogLine, CarriesNoPersonalData) {
  SearchResults results;
  results.total = 1;
  results.hits = {hit("a1", "de")};
  const std::string text = QueryLog::line(full_request("paket"), results);
  // Only these fields, whatever the request held; nothing of the caller's audiences or keys,
  // nor the hits' titles and addresses.
  const std::set<std::string> allowed = {"time", "query", "languages", "requested", "filters",
                                         "total", "top", "did_you_mean", "diagnosis"};
  const Json line = Json::parse(text);
  for (const auto& [key, value] : line.items()) EXPECT_TRUE(allowed.count(key)) << key;
  for (const char* secret : {"agents-7f3a9c", "public", "title of", "https://"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

TEST(QueryLogLine, IllFormedUtf8StaysValidJson) {
  SearchRequest r;
  r.query = "paket\xff\xfe";
  const std::string text = QueryLog::line(r, SearchResults{});
  EXPECT_TRUE(Json::accept(text)) << text;
  EXPECT_NE(text.find("paket\uFFFD"), std::string::npos) << text;
}

struct PairRow {
  std::string typed;
  QueryCorrection correction;
  std::vector<std::pair<std::string, std::string>> pairs;
};

TEST(QueryLogLine, PairsTypedWordsWithTheirCorrections) {
  const std::vector<PairRow> rows = {
      {"refnud", {"refund", {{0, 6}}}, {{"refnud", "refund"}}},
      {"passwrod reset", {"password reset", {{0, 8}}}, {{"passwrod", "password"}}},
      {"how to refnud my ordr", {"how to refund my order", {{7, 13}, {17, 22}}}, {{"refnud", "refund"}, {"ordr", "order"}}},
      {"trackorder now", {"track order now", {{0, 11}}}, {{"trackorder", "track order"}}},
      {"pass word", {"password", {{0, 8}}}, {{"pass word", "password"}}},
      {"ljcnfdrf", {"доставка", {{0, 16}}}, {{"ljcnfdrf", "доставка"}}},
      {"a b", {"a b", {{0, 9}}}, {}},  // ranges that do not fit: no pairs, no crash
      {"x", {"yy", {{1, 0}}}, {}},
  };
  for (const PairRow& row : rows) EXPECT_EQ(detail::correction_pairs(row.typed, row.correction), row.pairs) << row.typed;
}

// --- Appending ----------------------------------------------------------------------------------

TEST(QueryLogAppend, ThreadsAndSeveralOpenFilesNeverTearALine) {
  ScratchDir dir;
  const auto file = dir.path() / "queries.jsonl";
  // Two logs on one file stand for two processes: separate open files, each O_APPEND.
  QueryLog first(file);
  QueryLog second(file);
  constexpr int kThreads = 6;
  constexpr int kLines = 150;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      QueryLog& log = t % 2 == 0 ? first : second;
      SearchResults results;
      results.total = static_cast<std::size_t>(t);
      for (int i = 0; i < kLines; ++i) {
        SearchRequest r;
        // Long lines (a few KB) make a torn write likely if lines were written in pieces.
        r.query = std::string(1500 + static_cast<std::size_t>(t) * 50, static_cast<char>('a' + t)) + std::to_string(i);
        log.record(r, results);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::ifstream in(file);
  std::string text;
  std::vector<int> per_thread(kThreads, 0);
  while (std::getline(in, text)) {
    const Json line = Json::parse(text);  // throws on a torn line
    const std::string query = line["query"];
    const auto t = static_cast<std::size_t>(line["total"].get<int>());
    ASSERT_EQ(query.find_first_not_of(static_cast<char>('a' + t)), 1500 + t * 50) << "mixed line";
    ++per_thread[t];
  }
  EXPECT_EQ(per_thread, std::vector<int>(kThreads, kLines));
  EXPECT_EQ(first.error(), "");
}

TEST(QueryLogAppend, AWriteErrorIsReportedOnceAndNeverThrows) {
  std::vector<std::string> reported;
  QueryLog log("/dev/full", [&](const std::string& message) { reported.push_back(message); });
  SearchRequest r;
  r.query = "paket";
  for (int i = 0; i < 3; ++i) EXPECT_NO_THROW(log.record(r, SearchResults{}));
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].find("/dev/full"), std::string::npos) << reported[0];
  EXPECT_NE(reported[0].find("No space left"), std::string::npos) << reported[0];
  EXPECT_EQ(log.error(), reported[0]);
}

TEST(QueryLogAppend, AFileThatCannotBeOpenedIsAnError) {
  ScratchDir dir;
  EXPECT_THROW(QueryLog(dir.path() / "missing" / "queries.jsonl"), Error);
}

// --- Report -------------------------------------------------------------------------------------

/// A fixture log: what QueryLog writes, with one malformed line of each kind among them.
const char* const kFixtureLog =
    R"({"time":"2026-12-01T08:00:00Z","query":"Reset  password","languages":["en"],"requested":["en"],"total":3,"top":[{"id":"pw","lang":"en"}]}
{"time":"2026-12-01T09:00:00Z","query":"reset password ","languages":["en"],"total":3,"top":[{"id":"pw","lang":"en"}]}
{"time":"2026-12-02T10:00:00Z","query":"RESET PASSWORD","languages":["en"],"total":3,"top":[{"id":"pw","lang":"en"}]}
{"time":"2026-12-02T10:05:00Z","query":"zorblax","languages":["de","en"],"requested":["de"],"total":0,"top":[],"diagnosis":{"reason":"nothing","fallback_only":false}}
{"time":"2026-12-02T10:06:00Z","query":"Zorblax","languages":["de","en"],"requested":["de"],"total":0,"top":[],"diagnosis":{"reason":"nothing","fallback_only":false}}
not json at all
{"time":"2026-12-03T11:00:00Z","query":"paket","languages":["fr"],"requested":["fr"],"total":0,"top":[],"diagnosis":{"reason":"other_languages","fallback_only":false,"other_languages":{"de":2}}}
{"time":"2026-12-03T11:30:00Z","query":"geschenkkarte","languages":["de","en"],"requested":["de"],"total":2,"top":[{"id":"gift","lang":"en","fallback":true},{"id":"cards","lang":"en","fallback":true}],"diagnosis":{"reason":"nothing","fallback_only":true}}
{"time":"2026-12-03T12:00:00Z","query":"gift card","languages":["nb","en"],"requested":["nb"],"total":1,"top":[{"id":"gift","lang":"en","fallback":true}],"diagnosis":{"reason":"nothing","fallback_only":true}}
{"time":"2026-12-04T12:00:00Z","query":"refnud","languages":["en"],"total":0,"top":[],"did_you_mean":{"query":"refund","changed":[[0,6]],"pairs":[["refnud","refund"]]},"diagnosis":{"reason":"correction","fallback_only":false}}
{"time":"2026-12-04T12:01:00Z","query":"Refnud policy","languages":["en"],"total":0,"top":[],"did_you_mean":{"query":"refund policy","changed":[[0,6]],"pairs":[["Refnud","refund"]]},"diagnosis":{"reason":"correction","fallback_only":false}}
{"time":"yesterday","query":"x","languages":[],"total":0,"top":[]}
{"time":"2026-12-04T13:00:00Z","languages":[],"total":0,"top":[]}
{"time":"2026-12-04T13:00:00Z","query":"x","languages":[],"total":-1,"top":[]}

{"time":"2026-12-04T13:00:00Z","query":"x","languages":[],"total":1,"top":[{"id":3}]}
[1,2,3]
{"time":"2026-12-05T07:00:00Z","query":"pakke","languages":["nb"],"requested":["nb"],"total":0,"top":[],"filters":{"category":["billing"]},"diagnosis":{"reason":"filtered","fallback_only":false,"filters":["category"]}}
)";

TEST(QueryLogReport, GroupsTheFixtureLog) {
  const QueryLogReport r = report_query_log_text(kFixtureLog);
  EXPECT_EQ(r.searches, 11u);
  EXPECT_EQ(r.zero_results, 6u);
  EXPECT_EQ(r.corrected, 2u);
  EXPECT_EQ(r.fallback_only, 2u);
  ASSERT_GE(r.top_searches.size(), 2u);
  EXPECT_EQ(r.top_searches[0], (QueryCount{"reset password", 3, 0}));
  EXPECT_EQ(r.top_searches[1], (QueryCount{"zorblax", 2, 2}));
  struct GroupRow {
    std::string reason, language;
    std::size_t searches;
    std::string first_query;
  };
  const std::vector<GroupRow> groups = {{"correction", "en", 2, "refnud"},
                                        {"nothing", "de", 2, "zorblax"},
                                        {"filtered", "nb", 1, "pakke"},
                                        {"other_languages", "fr", 1, "paket"}};
  ASSERT_EQ(r.zero_result_groups.size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) {
    const ZeroResultGroup& g = r.zero_result_groups[i];
    EXPECT_EQ(g.reason, groups[i].reason) << i;
    EXPECT_EQ(g.language, groups[i].language) << i;
    EXPECT_EQ(g.searches, groups[i].searches) << i;
    ASSERT_FALSE(g.queries.empty());
    EXPECT_EQ(g.queries[0].query, groups[i].first_query) << i;
  }
  ASSERT_EQ(r.to_translate.size(), 2u);
  EXPECT_EQ(r.to_translate[0].id, "gift");
  EXPECT_EQ(r.to_translate[0].served_lang, "en");
  EXPECT_EQ(r.to_translate[0].searches, 2u);
  EXPECT_EQ(r.to_translate[0].wanted, (std::map<std::string, std::size_t>{{"de", 1}, {"nb", 1}}));
  EXPECT_EQ(r.to_translate[1].id, "cards");
  EXPECT_EQ(r.corrections, (std::vector<CorrectionCount>{{"refnud", "refund", 2}}));
}

TEST(QueryLogReport, CountsAndListsMalformedLinesAndGoesOn) {
  const QueryLogReport r = report_query_log_text(kFixtureLog);
  struct Row {
    std::size_t line;
    std::string message;
  };
  const std::vector<Row> expected = {{6, "not JSON"},
                                     {12, "time: expected a UTC time YYYY-MM-DDTHH:MM:SSZ"},
                                     {13, "query: missing"},
                                     {14, "total: expected a count"},
                                     {16, "top: expected objects with a string id and lang"},
                                     {17, "expected a JSON object"}};
  EXPECT_EQ(r.malformed, expected.size());
  ASSERT_EQ(r.malformed_lines.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(r.malformed_lines[i].line, expected[i].line) << i;
    EXPECT_EQ(r.malformed_lines[i].message, expected[i].message) << i;
  }
}

TEST(QueryLogReport, SinceLeavesOutEarlierSearches) {
  struct Row {
    std::string since;
    std::size_t searches, before;
  };
  for (const Row& row : std::vector<Row>{{"", 11, 0},
                                         {"2026-12-02", 9, 2},
                                         {"2026-12-02T10:05:00Z", 8, 3},
                                         {"2026-12-05", 1, 10},
                                         {"2027-01-01", 0, 11}}) {
    QueryLogReportOptions options;
    options.since = row.since;
    const QueryLogReport r = report_query_log_text(kFixtureLog, options);
    EXPECT_EQ(r.searches, row.searches) << row.since;
    EXPECT_EQ(r.before_since, row.before) << row.since;
    EXPECT_EQ(r.malformed, 6u) << row.since;
  }
  for (const std::string bad : {"yesterday", "2026-12", "2026-12-01 10:00", "2026-12-01T10:00:00"}) {
    QueryLogReportOptions options;
    options.since = bad;
    EXPECT_THROW((void)report_query_log_text(kFixtureLog, options), InvalidArgument) << bad;
  }
}

TEST(QueryLogReport, TopKeepsTheMostSearched) {
  QueryLogReportOptions options;
  options.top = 1;
  const QueryLogReport r = report_query_log_text(kFixtureLog, options);
  ASSERT_EQ(r.top_searches.size(), 1u);
  EXPECT_EQ(r.top_searches[0].query, "reset password");
  EXPECT_EQ(r.to_translate.size(), 1u);
}

TEST(QueryLogReport, NormalisesCaseAndWhiteSpaceInEveryScript) {
  std::string log;
  for (const std::string query : {"Straße", "STRASSE", " strasse\t", "ΣΟΦΊΑ", "σοφία", "Ｐａｋｅｔ", "paket"}) {
    log += Json({{"time", "2026-12-01T00:00:00Z"}, {"query", query}, {"languages", {"de"}}, {"total", 1}, {"top", Json::array()}}).dump() + "\n";
  }
  const QueryLogReport r = report_query_log_text(log);
  std::map<std::string, std::size_t> counts;
  for (const QueryCount& c : r.top_searches) counts[c.query] = c.searches;
  EXPECT_EQ(counts["strasse"], 3u);
  EXPECT_EQ(counts["σοφία"], 2u);
  EXPECT_EQ(counts["paket"], 1u);  // full-width letters are other characters: case folding keeps them
}

TEST(QueryLogReport, FallbackHitsAreArticlesToTranslate) {
  // No diagnosis: the shopper's language is not in the index at all; the hits alone tell.
  const QueryLogReport r = report_query_log_text(
      R"({"time":"2026-12-01T00:00:00Z","query":"remboursement","languages":["en"],"requested":["fr"],"total":1,"top":[{"id":"refund","lang":"en","fallback":true}]}
{"time":"2026-12-01T00:00:00Z","query":"refund","languages":["en"],"requested":["fr"],"total":2,"top":[{"id":"refund","lang":"en","fallback":true},{"id":"fr-only","lang":"fr"}]}
{"time":"2026-12-01T00:00:00Z","query":"refund","languages":["en"],"requested":["de"],"total":2,"top":[{"id":"de-only","lang":"de"},{"id":"other","lang":"en","fallback":true}]})");
  // The first: every hit a fallback. The second: the best hit is one. The third: a fallback
  // below a hit in the shopper's language is no translation need.
  EXPECT_EQ(r.fallback_only, 1u);
  EXPECT_EQ(r.best_hit_fallback, 1u);
  ASSERT_EQ(r.to_translate.size(), 1u);
  EXPECT_EQ(r.to_translate[0].id, "refund");
  EXPECT_EQ(r.to_translate[0].searches, 2u);
  EXPECT_EQ(r.to_translate[0].wanted, (std::map<std::string, std::size_t>{{"fr", 2}}));
}

TEST(QueryLogReport, AMissingLogIsAnErrorNamingIt) {
  ScratchDir dir;
  try {
    (void)report_query_log(dir.path() / "none.jsonl");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("none.jsonl"), std::string::npos) << e.what();
  }
}

// --- Through an index and the CLI ---------------------------------------------------------------

TEST(QueryLogCli, SearchLogsAndReportReads) {
  ScratchDir dir;
  const auto db = dir.path() / "db";
  testing::index_articles(db, {testing::article("refund", "en", "When will I get my refund?", "Refunds reach your card."),
                               testing::article("track", "en", "Track your order", "Follow your parcel."),
                               testing::article("track", "de", "Bestellung verfolgen", "Folgen Sie dem Paket.")});
  const std::string log = (dir.path() / "queries.jsonl").string();
  const std::string queries = (dir.path() / "queries.txt").string();
  std::ofstream(queries) << "refund\nrefnud\nzzzqqq\n";
  using testing::run_cli;
  ASSERT_EQ(run_cli({"search", "--db", db.string(), "--log", log, "--lang", "en", "refund"}).exit_code, 0);
  ASSERT_EQ(run_cli({"search", "--db", db.string(), "--log", log, "--lang", "en", "--queries", queries}).exit_code, 0);
  ASSERT_EQ(run_cli({"search", "--db", db.string(), "--log", log, "--lang", "fr", "refund"}).exit_code, 0);
  const testing::CliResult json = run_cli({"report", "--log", log, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json report = Json::parse(json.out);
  EXPECT_EQ(report.at("searches"), 5);
  EXPECT_EQ(report.at("top_searches").at(0).at("query"), "refund");
  EXPECT_EQ(report.at("top_searches").at(0).at("searches"), 3);
  EXPECT_EQ(report.at("corrections").at(0), Json({{"typed", "refnud"}, {"corrected", "refund"}, {"searches", 1}}));
  EXPECT_EQ(report.at("to_translate").at(0).at("id"), "refund");
  EXPECT_EQ(report.at("to_translate").at(0).at("wanted"), Json({{"fr", 1}}));
  EXPECT_EQ(report.at("zero_result_groups").at(0).at("queries").at(0).at("query"), "zzzqqq");
  const testing::CliResult text = run_cli({"report", "--log", log});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("refnud -> refund"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("article refund (served in en) wanted in fr (1)"), std::string::npos) << text.out;
  // A malformed line is reported with its number, and the report goes on.
  std::ofstream(log, std::ios::app) << "{broken\n";
  const testing::CliResult damaged = run_cli({"report", "--log", log});
  EXPECT_EQ(damaged.exit_code, 0);
  EXPECT_NE(damaged.out.find("line 6: not JSON"), std::string::npos) << damaged.out;
  EXPECT_NE(damaged.err.find("1 malformed line"), std::string::npos) << damaged.err;
  EXPECT_EQ(run_cli({"report", "--log", log, "--since", "soon"}).exit_code, 1);
  // A log that cannot be written is a warning; the search still answers.
  const testing::CliResult full = run_cli({"search", "--db", db.string(), "--log", "/dev/full", "refund"});
  EXPECT_EQ(full.exit_code, 0);
  EXPECT_NE(full.out.find("When will I get my"), std::string::npos);
  EXPECT_NE(full.err.find("warning: query log /dev/full"), std::string::npos) << full.err;
}

}  // namespace
}  // namespace faqsearch
