// The importers through the CLI: --map and encodings on index and sync, --progress=json's lines
// on stderr, and eval on BEIR sets whose records have no lang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace faqsearch {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_cli;

class CliImport : public ::testing::Test {
 protected:
  void write(const fs::path& relative, const std::string& bytes) const {
    const fs::path file = dir_.path() / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
  }
  [[nodiscard]] std::string path(const fs::path& relative) const { return (dir_.path() / relative).string(); }

  testing::ScratchDir dir_;
};

TEST_F(CliImport, MappedColumnsAndWindows1252OnIndexAndSync) {
  // Excel on a German Windows: semicolons, windows-1252, the team's own column names.
  write("faq/faq.csv",
        "Nr;Frage;Antwort\r\n"
        "1;R\xFC" "cksendung;Die R\xFC" "cksendung ist 30 Tage lang kostenlos.\r\n"
        "2;Lieferzeit;Pakete kommen in zwei bis drei Werktagen an.\r\n");
  write("faq/broken.csv", std::string("Nr;Frage\n1;\0\x01\x02\x03\x04\x05 bin\xE4r\n", 24));
  for (const char* command : {"index", "sync"}) {
    SCOPED_TRACE(command);
    const std::string db = path(std::string("db-") + command);
    auto r = run_cli({command, "--db", db, "--lang", "de", "--map", "Nr=id", "--map", "frage=title", "--map",
                      "Antwort=body", "--progress", "none", path("faq")});
    EXPECT_EQ(r.exit_code, 3) << r.err;  // broken.csv is refused, faq.csv indexed
    EXPECT_NE(r.err.find("broken.csv:2: encoding: not text"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("faq.csv"), std::string::npos) << r.err;
    r = run_cli({"search", "--db", db, "--lang", "de", "--json", "Rücksendung"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json hits = json::parse(r.out)["hits"];
    ASSERT_FALSE(hits.empty()) << r.out;
    EXPECT_EQ(hits[0]["id"], "1");
    EXPECT_EQ(hits[0]["title"], "Rücksendung");
  }
  const auto r = run_cli({"index", "--db", path("db-bad"), "--map", "Frage", path("faq")});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("--map: \"Frage\" is not COLUMN=FIELD"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("db-bad")));
}

TEST_F(CliImport, IndexAndSyncTakeTheSameImportOptions) {
  // One export, read by both commands under each option: the same articles and problems.
  write("export/faq.csv", "id,title,body\nc1,Returns,Send it back within thirty days.\nc2,Big," +
                              std::string(200, 'x') + "\n");
  write("export/page.md", "# Shipping\n\nParcels take two days.\n");
  const struct {
    const char* what;
    std::vector<std::string> options;
    int exit_code;
    const char* per_language;  // JSON of per_language's keys and added counts
  } rows[] = {
      {"--lang", {"--lang", "de"}, 0, R"({"de":3})"},
      {"--format", {"--lang", "de", "--format", "markdown"}, 0, R"({"de":1})"},
      {"--max-article-bytes", {"--lang", "nb", "--max-article-bytes", "100"}, 3, R"({"nb":2})"},
      {"--map", {"--lang", "de", "--format", "csv", "--map", "title=-"}, 0, R"({"de":2})"},
  };
  for (const auto& row : rows) {
    for (const char* command : {"index", "sync"}) {
      SCOPED_TRACE(std::string(row.what) + " " + command);
      std::vector<std::string> args{command, "--db", path(std::string("db-") + command + "-" + row.what), "--json",
                                    "-q"};
      args.insert(args.end(), row.options.begin(), row.options.end());
      args.push_back(path("export"));
      const auto r = run_cli(args);
      EXPECT_EQ(r.exit_code, row.exit_code) << r.err;
      const json summary = json::parse(r.out);
      json added = json::object();
      for (const auto& [lang, counts] : summary["per_language"].items()) added[lang] = counts["added"];
      EXPECT_EQ(added, json::parse(row.per_language)) << r.out;
    }
  }
}

TEST_F(CliImport, ProgressJsonLinesOnStderr) {
  std::string jsonl;
  for (int i = 0; i < 40; ++i) {
    jsonl += R"({"id":"a)" + std::to_string(i) + R"(","lang":"en","title":"Article )" + std::to_string(i) +
             R"(","body":"Returns and refunds."})" "\n";
  }
  write("articles.jsonl", jsonl);
  const struct {
    const char* command;
    const char* db;
    std::vector<std::string> extra;
    std::vector<std::string> phases;  // as their final lines come
  } rows[] = {
      // A new index is built in bulk: the build's own phases follow the reading.
      {"index", "db-index", {}, {"reading", "writing", "merging"}},
      // An existing one is updated by a writer's commit.
      {"index", "db-index", {}, {"reading", "writing", "committing"}},
      {"index", "db-index", {"--compact"}, {"reading", "writing", "committing", "compacting"}},
      // A first sync is a bulk build too; a second one of the same export writes nothing.
      {"sync", "db-sync", {}, {"comparing", "writing", "merging"}},
      {"sync", "db-sync", {}, {"comparing"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(std::string(row.command) + " into " + row.db + " " + ::testing::PrintToString(row.extra));
    std::vector<std::string> args{row.command, "--db", path(row.db), "--progress", "json", path("articles.jsonl")};
    args.insert(args.end(), row.extra.begin(), row.extra.end());
    const auto r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::istringstream err(r.err);
    std::vector<json> finals;
    std::vector<std::string> phases;
    for (std::string line; std::getline(err, line);) {
      const json j = json::parse(line);  // every stderr line is one JSON object
      EXPECT_EQ(j["task"], row.command);
      if (j["final"] == true) {
        finals.push_back(j);
        phases.push_back(j["phase"]);
      }
    }
    ASSERT_EQ(phases, row.phases) << r.err;
    EXPECT_EQ(finals[0]["unit"], "lines");
    EXPECT_EQ(finals[0]["done"], 40);
    EXPECT_EQ(finals[0]["total"], 40);
    EXPECT_EQ(finals[0]["eta"], 0.0);
    for (const json& f : finals) {
      SCOPED_TRACE(f.dump());
      const std::string phase = f["phase"];
      const json total = f["total"];  // null when the total was 0: "unknown"
      EXPECT_EQ(f["done"], total.is_null() ? json(0) : total) << "a phase ends at its total";
      if (phase == "writing") {
        // A build writes the articles still queued when the reading ended; a commit, every change.
        EXPECT_EQ(f["unit"], phases.back() == "merging" ? "articles" : "changes");
        EXPECT_TRUE(total.is_null() || total.get<int>() <= 40);
        if (phases.back() != "merging") {
          EXPECT_EQ(total, 40);
        }
      } else if (phase == "merging" || phase == "compacting") {
        EXPECT_EQ(f["unit"], "bytes");
        EXPECT_GT(total.get<std::uint64_t>(), 0u);
      } else if (phase == "committing") {
        EXPECT_EQ(f["unit"], "partitions");
        EXPECT_EQ(total, 1);
      }
    }
  }
}

TEST_F(CliImport, EvalOnBeirSetsWithoutLang) {
  const std::string corpus =
      R"({"_id":"d1","title":"Shipping costs","text":"Standard shipping costs 4.95 euros and takes two to three working days."})" "\n"
      R"({"_id":"d2","title":"Refunds","text":"Refunds are paid back to your card within five working days after we receive the parcel."})" "\n";
  write("set/corpus.jsonl", corpus);
  write("set/queries.jsonl", R"({"_id":"q1","text":"shipping costs"})" "\n" R"({"_id":"q2","text":"refund card"})" "\n");
  write("set/qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\n");
  const struct {
    const char* what;
    std::vector<std::string> extra;
  } rows[] = {{"languages identified", {}}, {"--lang", {"--lang", "en"}}};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.what);
    std::vector<std::string> args{"eval", "--dataset", path("set"), "--json", "--progress", "none"};
    args.insert(args.end(), row.extra.begin(), row.extra.end());
    const auto r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["languages"]["en"]["queries"], 2) << r.out;
    EXPECT_EQ(j["languages"]["en"]["mrr@10"], 1.0) << r.out;
  }
}

}  // namespace
}  // namespace faqsearch
