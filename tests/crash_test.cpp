// Crash safety: faqsearch_crash_writer (crash_writer.cpp) is killed at every fault point of the
// write path and at random moments; after each kill the index must open at a whole batch, one
// the writer had promised (commit() returned) or the one it was committing, with nothing of a
// promised batch lost. FAQSEARCH_CRASH_KILLS sets the number of random kills (the soak script
// runs 1,000).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

#include "batch_model.h"
#include "cli_runner.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "sync_support.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::ScratchDir;

constexpr const char* kPosixPreload = "/usr/lib/fiu/fiu_posix_preload.so";

/// A running faqsearch_crash_writer and the last batch it reported committed.
class WriterProcess {
 public:
  explicit WriterProcess(const std::vector<std::string>& args) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> argv;
      std::string program = FAQSEARCH_CRASH_WRITER;
      argv.push_back(program.data());
      std::vector<std::string> copies = args;
      for (auto& a : copies) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(program.c_str(), argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    output_ = ::fdopen(out[0], "r");
  }
  ~WriterProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (output_ != nullptr) std::fclose(output_);
  }
  WriterProcess(const WriterProcess&) = delete;
  WriterProcess& operator=(const WriterProcess&) = delete;

  /// Kills it now (if still running); returns the wait status.
  int kill_and_wait() {
    ::kill(pid_, SIGKILL);
    return wait();
  }
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    read_reports();
    return status;
  }
  /// The last batch reported committed, -1 if none.
  [[nodiscard]] int last_committed() const { return last_committed_; }

 private:
  void read_reports() {
    char line[128];
    while (std::fgets(line, sizeof line, output_) != nullptr) {
      int k = 0;
      if (std::sscanf(line, "committed %d", &k) == 1) last_committed_ = k;
    }
  }
  pid_t pid_ = -1;
  FILE* output_ = nullptr;
  int last_committed_ = -1;
};

/// Checks the index after a kill: whole, at `promised` or the batch after it. Returns the batch.
int expect_whole_batch(const std::filesystem::path& dir, int promised, const std::string& context) {
  Searcher searcher(dir);  // recovers the index itself: no writer is alive
  const testing::ObservedBatch seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.problem, "") << context;
  EXPECT_TRUE(seen.batch == promised || seen.batch == promised + 1)
      << context << ": batch " << seen.batch << " after " << promised << " was promised";
  return seen.batch;
}

struct FaultPointCase {
  const char* point;
  int hit;
  int compact_every = 0;
};

class CrashAtFaultPoint : public ::testing::TestWithParam<FaultPointCase> {};

TEST_P(CrashAtFaultPoint, LeavesTheIndexAtAWholeBatch) {
  const FaultPointCase& c = GetParam();
  ScratchDir dir;
  {
    WriterProcess seed({dir.path().string(), "0", "2"});
    ASSERT_EQ(seed.wait(), 0);
  }
  WriterProcess writer({dir.path().string(), "2", "6", "--crash-at", c.point, "--hit", std::to_string(c.hit),
                        "--compact-every", std::to_string(c.compact_every)});
  const int status = writer.wait();
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the writer did not die at " << c.point;
  const int promised = std::max(1, writer.last_committed());
  const int batch = expect_whole_batch(dir.path(), promised, c.point);
  // The index goes on from there.
  WriterProcess next({dir.path().string(), std::to_string(batch + 1), "1"});
  ASSERT_EQ(next.wait(), 0);
  expect_whole_batch(dir.path(), batch + 1, std::string(c.point) + ", then one more batch");
}

INSTANTIATE_TEST_SUITE_P(
    Points, CrashAtFaultPoint,
    ::testing::Values(FaultPointCase{"faqsearch/commit/journal-written", 1},
                      FaultPointCase{"faqsearch/commit/journal-written", 3},
                      FaultPointCase{"faqsearch/commit/partition", 1}, FaultPointCase{"faqsearch/commit/partition", 2},
                      FaultPointCase{"faqsearch/commit/partition", 5}, FaultPointCase{"faqsearch/commit/partition", 8},
                      FaultPointCase{"faqsearch/commit/partition", 13},
                      FaultPointCase{"faqsearch/commit/partitions-committed", 2},
                      FaultPointCase{"faqsearch/commit/published", 1}, FaultPointCase{"faqsearch/commit/published", 4},
                      FaultPointCase{"faqsearch/compact/swapped", 1, 2}, FaultPointCase{"faqsearch/compact/swapped", 5, 2}),
    [](const auto& param_info) {
      std::string name = std::string(param_info.param.point).substr(10) + "_" + std::to_string(param_info.param.hit);
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

// A recovery killed once it undid a batch, before it published: the next one undoes it again.
TEST(CrashInRecovery, TheNextRecoveryFinishesIt) {
  ScratchDir dir;
  {
    WriterProcess seed({dir.path().string(), "0", "2"});
    ASSERT_EQ(seed.wait(), 0);
  }
  WriterProcess torn({dir.path().string(), "2", "1", "--crash-at", "faqsearch/commit/partition", "--hit", "3"});
  ASSERT_TRUE(WIFSIGNALED(torn.wait()));
  WriterProcess recovering({dir.path().string(), "2", "1", "--crash-at", "faqsearch/recover/undone", "--hit", "1"});
  ASSERT_TRUE(WIFSIGNALED(recovering.wait())) << "the recovery did not reach its fault point";
  expect_whole_batch(dir.path(), 1, "after a killed recovery");
}

// A real full disk: every write system call after the Nth of a commit fails with ENOSPC (libfiu's
// POSIX preload), so some partitions committed and others did not. The writer reports it and
// stops; the index opens at the batch before, and the next writer goes on.
TEST(DiskFull, MidCommitLeavesTheBatchBefore) {
  if (!std::filesystem::exists(kPosixPreload)) GTEST_SKIP() << kPosixPreload << " missing (Debian libfiu0)";
  for (const int writes : {1, 3, 6, 10, 20, 40}) {
    ScratchDir dir;
    {
      WriterProcess seed({dir.path().string(), "0", "2"});
      ASSERT_EQ(seed.wait(), 0);
    }
    ::setenv("LD_PRELOAD", kPosixPreload, 1);
    // Under ASan (the sanitizer build) the preload comes before ASan's runtime, which ASan
    // otherwise refuses.
    const char* asan = std::getenv("ASAN_OPTIONS");
    const std::string asan_before = asan != nullptr ? asan : "";
    ::setenv("ASAN_OPTIONS", (asan_before + ":verify_asan_link_order=0").c_str(), 1);
    WriterProcess writer({dir.path().string(), "2", "1", "--disk-full-after", std::to_string(writes), "--errno", "28"});
    ::unsetenv("LD_PRELOAD");
    ::setenv("ASAN_OPTIONS", asan_before.c_str(), 1);
    const int status = writer.wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 2) << "after " << writes << " writes: status " << status;
    const int batch = expect_whole_batch(dir.path(), 1, "disk full after " + std::to_string(writes) + " writes");
    EXPECT_EQ(batch, 1) << "a batch whose commit failed became visible";
    WriterProcess next({dir.path().string(), "2", "1"});
    ASSERT_EQ(next.wait(), 0);
    expect_whole_batch(dir.path(), 2, "the batch after a full disk");
  }
}

// A sync killed at each point of its commit, then run again, leaves the index a clean sync
// leaves: the same articles with the same content for its source, the other source untouched.
TEST(CrashInSync, RunningItAgainGivesACleanSyncsIndex) {
  ScratchDir files;
  const auto before = files.path() / "before.jsonl";
  const auto after = files.path() / "after.jsonl";
  const auto other = files.path() / "other.jsonl";
  testing::write_jsonl(before, testing::sync_export(40));
  std::vector<Article> changed = testing::sync_export(34, 1);  // 4 changed, 6 gone
  changed.push_back(testing::article("added", "nb", "Ny", "Frakt og retur."));
  testing::write_jsonl(after, changed);
  testing::write_jsonl(other, {testing::article("other-1", "en", "Other source", "Kept whatever happens.")});
  const auto seeded = [&](const ScratchDir& dir) {
    testing::sync_files(dir.path(), {before}, "zendesk");
    testing::sync_files(dir.path(), {other}, "docs");
  };
  ScratchDir clean;
  seeded(clean);
  const auto previous = testing::indexed_articles(clean.path(), "zendesk");
  testing::sync_files(clean.path(), {after}, "zendesk");
  const auto expected = testing::indexed_articles(clean.path(), "zendesk");
  const auto expected_docs = testing::indexed_articles(clean.path(), "docs");
  const std::vector<std::pair<const char*, int>> points = {{"faqsearch/commit/journal-written", 1},
                                                           {"faqsearch/commit/partition", 1},
                                                           {"faqsearch/commit/partition", 4},
                                                           {"faqsearch/commit/partitions-committed", 1},
                                                           {"faqsearch/commit/published", 1}};
  for (const auto& [point, hit] : points) {
    ScratchDir dir;
    seeded(dir);
    WriterProcess killed({dir.path().string(), "0", "0", "--sync", after.string(), "zendesk", "--crash-at", point,
                          "--hit", std::to_string(hit)});
    const int status = killed.wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the sync did not die at " << point;
    const auto seen = testing::indexed_articles(dir.path(), "zendesk");
    EXPECT_TRUE(seen == expected || seen == previous)
        << point << ": the killed sync left a partial batch";
    WriterProcess again({dir.path().string(), "0", "0", "--sync", after.string(), "zendesk"});
    ASSERT_EQ(again.wait(), 0) << point;
    EXPECT_EQ(testing::indexed_articles(dir.path(), "zendesk"), expected) << point;
    EXPECT_EQ(testing::indexed_articles(dir.path(), "docs"), expected_docs) << point;
    EXPECT_EQ(testing::sync_files(dir.path(), {after}, "zendesk", true).total.changes(), 0u) << point;
  }
}

// A first sync (the bulk path) killed before it published, then `faqsearch sync` run again: the
// rerun builds the index again, equal to a clean first sync's.
TEST(CrashInSync, AKilledFirstSyncIsBuiltAgainByTheNextSync) {
  ScratchDir files;
  const auto exported = files.path() / "export.jsonl";
  testing::write_jsonl(exported, testing::sync_export(40));
  ScratchDir clean;
  testing::sync_files(clean.path(), {exported}, "zendesk");
  const auto expected = testing::indexed_articles(clean.path(), "zendesk");
  ScratchDir dir;
  WriterProcess killed({dir.path().string(), "0", "0", "--build", "--sync", exported.string(), "zendesk", "--crash-at",
                        "faqsearch/build/merged", "--hit", "1"});
  const int status = killed.wait();
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the first sync did not die";
  EXPECT_EQ(index_state(dir.path()), IndexState::kInterruptedBuild);
  const auto again = testing::run_cli({"sync", "--db", dir.path().string(), "--source", "zendesk", "-q", exported.string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("interrupted bulk build"), std::string::npos) << again.err;
  EXPECT_EQ(index_state(dir.path()), IndexState::kReady);
  EXPECT_EQ(testing::indexed_articles(dir.path(), "zendesk"), expected);
}

int random_kills() {
  const char* env = std::getenv("FAQSEARCH_CRASH_KILLS");
  return env != nullptr ? std::atoi(env) : 200;
}

// Kills at random moments of opening, upserting, committing and compacting: every one leaves a
// whole batch, one promised or the one being committed.
TEST(CrashAtRandom, EveryKillLeavesAWholeBatch) {
  ScratchDir dir;
  std::mt19937 random(20261204);
  int batch = -1;
  const int kills = random_kills();
  for (int kill = 0; kill < kills; ++kill) {
    WriterProcess writer({dir.path().string(), std::to_string(batch + 1), "1000", "--compact-every", "7"});
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 1'200'000)(random)));
    writer.kill_and_wait();
    const int promised = std::max(batch, writer.last_committed());
    batch = expect_whole_batch(dir.path(), promised, "kill " + std::to_string(kill));
    if (::testing::Test::HasFailure()) break;
  }
  std::cout << "[ measured ] " << kills << " kills, index at batch " << batch << "\n";
}

// A bulk build killed once its partitions are in place, before it published them.
TEST(CrashInBuild, IsReportedAsInterruptedAndBuiltAgainByARerun) {
  ScratchDir dir;
  WriterProcess builder({dir.path().string(), "0", "3", "--build", "--crash-at", "faqsearch/build/merged", "--hit", "1"});
  const int status = builder.wait();
  ASSERT_TRUE(WIFSIGNALED(status)) << "the builder did not die";
  EXPECT_EQ(index_state(dir.path()), IndexState::kInterruptedBuild);
  EXPECT_THROW(Searcher{dir.path()}, IndexError);
  WriterProcess again({dir.path().string(), "0", "3", "--build"});
  ASSERT_EQ(again.wait(), 0);
  Searcher searcher(dir.path());
  const testing::ObservedBatch seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.batch, 2);  // every batch's added article, the rewritten ones as the last batch wrote them
  EXPECT_EQ(seen.problem, "");
}

}  // namespace
}  // namespace faqsearch
