// The progress display of index, sync and eval (tools/cli/progress.h), on a clock the test moves:
// the JSON lines a job runner reads, and the terminal bar.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/progress.h"
#include "faqsearch/error.h"

namespace faqsearch::cli {
namespace {

using nlohmann::json;

std::vector<json> json_lines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

TEST(CliProgress, JsonLineAtMostEverySecondAndAFinalOne) {
  double now = 100;
  std::ostringstream out;
  ProgressMeter meter(ProgressStyle::kJson, "index", out, [&] { return now; });
  meter.start_phase("reading", 100, "lines");
  const struct {
    double at;
    std::uint64_t done;
  } steps[] = {{100.5, 10}, {101.0, 20}, {101.5, 30}, {101.9, 35}, {102.0, 60}, {102.1, 61}};
  for (const auto& step : steps) {
    now = step.at;
    meter.update(step.done);
  }
  now = 102.5;
  meter.finish();
  const std::vector<json> lines = json_lines(out.str());
  ASSERT_EQ(lines.size(), 3u) << out.str();
  const struct {
    std::uint64_t done;
    double elapsed, rate, eta;
    bool final;
  } expected[] = {{20, 1.0, 20.0, 4.0, false}, {60, 2.0, 30.0, 1.3, false}, {61, 2.5, 24.4, 1.6, true}};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE(lines[i].dump());
    EXPECT_EQ(lines[i]["task"], "index");
    EXPECT_EQ(lines[i]["phase"], "reading");
    EXPECT_EQ(lines[i]["unit"], "lines");
    EXPECT_EQ(lines[i]["total"], 100);
    EXPECT_EQ(lines[i]["done"], expected[i].done);
    EXPECT_DOUBLE_EQ(lines[i]["elapsed"].get<double>(), expected[i].elapsed);
    EXPECT_DOUBLE_EQ(lines[i]["rate"].get<double>(), expected[i].rate);
    EXPECT_DOUBLE_EQ(lines[i]["eta"].get<double>(), expected[i].eta);
    EXPECT_EQ(lines[i]["final"], expected[i].final);
  }
}

TEST(CliProgress, UnknownTotalHasNoEtaAndPhasesEndEachOther) {
  double now = 0;
  std::ostringstream out;
  ProgressMeter meter(ProgressStyle::kJson, "sync", out, [&] { return now; });
  meter.start_phase("comparing", 0, "files");
  now = 1.0;
  meter.update(4);
  meter.start_phase("committing", 0, "changes");  // ends "comparing" with its final line
  now = 3.0;
  meter.finish();
  meter.finish();  // nothing more: the phase has ended
  const std::vector<json> lines = json_lines(out.str());
  ASSERT_EQ(lines.size(), 3u) << out.str();
  EXPECT_TRUE(lines[0]["total"].is_null());
  EXPECT_TRUE(lines[0]["eta"].is_null());
  EXPECT_EQ(lines[1]["phase"], "comparing");
  EXPECT_EQ(lines[1]["final"], true);
  EXPECT_EQ(lines[2]["phase"], "committing");
  EXPECT_DOUBLE_EQ(lines[2]["elapsed"].get<double>(), 2.0);
}

TEST(CliProgress, TerminalBar) {
  double now = 0;
  std::ostringstream out;
  ProgressMeter meter(ProgressStyle::kBar, "index", out, [&] { return now; });
  meter.start_phase("reading", 100, "files");
  now = 5.0;
  meter.update(25);
  const std::string bar = out.str().substr(out.str().rfind('\r'));
  EXPECT_EQ(bar, "\r\033[Kindex: reading [######------------------] 25/100 files  5/s  0:05 elapsed  ETA 0:15");
  meter.start_phase("merging", 80'000'000, "bytes");  // shown in MB
  now = 9.0;
  meter.update(20'000'000);
  EXPECT_EQ(out.str().substr(out.str().rfind('\r')),
            "\r\033[Kindex: merging [######------------------] 20.0/80.0 MB  5.0/s  0:04 elapsed  ETA 0:12");
  meter.clear_line();
  meter.clear_line();  // once is enough
  EXPECT_TRUE(out.str().ends_with("ETA 0:12\r\033[K"));
  std::ostringstream off_out;
  ProgressMeter off(ProgressStyle::kOff, "index", off_out, [&] { return now; });
  off.start_phase("reading", 10, "files");
  off.update(5);
  off.finish();
  EXPECT_TRUE(off_out.str().empty());
}

TEST(CliProgress, BuildPhasesBecomeMeterPhases) {
  double now = 0;
  std::ostringstream out;
  ProgressMeter meter(ProgressStyle::kJson, "index", out, [&] { return now; });
  const BuildProgressCallback callback = build_progress_to(meter);
  const struct {
    double at;
    BuildProgress progress;
  } steps[] = {
      {0.0, {"writing", 10, 40, "articles"}}, {1.0, {"writing", 40, 40, "articles"}},
      {1.5, {"merging", 0, 1000, "bytes"}},   {2.0, {"merging", 300, 1000, "bytes"}},
      {2.6, {"merging", 700, 1000, "bytes"}}, {3.0, {"merging", 1000, 1000, "bytes"}},
  };
  for (const auto& step : steps) {
    now = step.at;
    callback(step.progress);
  }
  meter.finish();
  const std::vector<json> lines = json_lines(out.str());
  const struct {
    const char* phase;
    std::uint64_t done, total;
    const char* unit;
    bool final;
  } expected[] = {{"writing", 40, 40, "articles", false},
                  {"writing", 40, 40, "articles", true},
                  {"merging", 700, 1000, "bytes", false},  // a line a second at most
                  {"merging", 1000, 1000, "bytes", true}};
  ASSERT_EQ(lines.size(), std::size(expected)) << out.str();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE(lines[i].dump());
    EXPECT_EQ(lines[i]["phase"], expected[i].phase);
    EXPECT_EQ(lines[i]["done"], expected[i].done);
    EXPECT_EQ(lines[i]["total"], expected[i].total);
    EXPECT_EQ(lines[i]["unit"], expected[i].unit);
    EXPECT_EQ(lines[i]["final"], expected[i].final);
  }
}

TEST(CliProgress, StyleOption) {
  const struct {
    const char* value;
    bool quiet;
    ProgressStyle style;
  } rows[] = {{"json", true, ProgressStyle::kJson},
              {"bar", false, ProgressStyle::kBar},
              {"none", false, ProgressStyle::kOff},
              {"auto", true, ProgressStyle::kOff}};
  for (const auto& row : rows) EXPECT_EQ(parse_progress_style(row.value, row.quiet), row.style) << row.value;
  EXPECT_THROW((void)parse_progress_style("yes", false), InvalidArgument);
}

}  // namespace
}  // namespace faqsearch::cli
