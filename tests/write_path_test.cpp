// The write path as readers see it: whole batches under concurrent searches, failed commits that
// leave the index at its previous batch, interrupted compactions and bulk builds.
// fiu.h turns fiu_init into a no-op unless FIU_ENABLE is defined.
#define FIU_ENABLE 1
#include <fiu-control.h>
#include <fiu.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <cstdlib>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>

#include "batch_model.h"
#include "failing_point.h"
#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/search.h"
#include "index/schema.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::FailingPoint;
using testing::ScratchDir;

void commit_batch(IndexWriter& writer, int k, bool with_added = true) {
  for (Article& a : testing::batch_articles(k, with_added)) writer.upsert(std::move(a));
  writer.commit();
}

// One writer commits batches spanning 8 partitions while 4 threads search, one Searcher each:
// every result is one whole batch, and no search fails. (Before generations were published,
// 8.5% of such searches mixed two batches.)
TEST(Concurrency, SearchersSeeOnlyWholeBatchesWhileTheWriterCommits) {
  // `tools/run soak` runs it for minutes instead (FAQSEARCH_CONCURRENT_SECONDS).
  const char* seconds = std::getenv("FAQSEARCH_CONCURRENT_SECONDS");
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds ? std::atoi(seconds) : 0);
  const char* count = std::getenv("FAQSEARCH_CONCURRENT_SEARCHES");  // fewer in the sanitizer build
  const int kSearches = seconds != nullptr ? std::numeric_limits<int>::max() - 64 : count != nullptr ? std::atoi(count) : 100000;
  ScratchDir dir;
  IndexWriter writer = IndexWriter::open(dir.path());
  commit_batch(writer, 0, false);
  std::atomic<int> searches{0};
  std::atomic<int> torn{0};
  std::atomic<int> errors{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      Searcher searcher(dir.path());
      int last = 0;
      while (searches.fetch_add(1) < kSearches && (seconds == nullptr || std::chrono::steady_clock::now() < until)) {
        try {
          const testing::ObservedBatch seen = testing::observe_batch(searcher, false);
          if (!seen.problem.empty() || seen.batch < last) {
            if (torn.fetch_add(1) < 5) ADD_FAILURE() << seen.problem << " (batch " << seen.batch << ")";
          }
          last = seen.batch;
        } catch (const Error& e) {
          if (errors.fetch_add(1) < 5) ADD_FAILURE() << e.what();
        }
      }
    });
  }
  // A fifth thread opens a new Searcher for every search, as each run of the CLI does: opening
  // partitions while the writer commits them must not report corruption (it did, 10 times in
  // 2,066 CLI runs) nor a torn batch.
  std::atomic<bool> stop_opening{false};
  std::atomic<int> fresh_opens{0};
  readers.emplace_back([&] {
    while (!stop_opening) {
      try {
        Searcher fresh(dir.path());
        const testing::ObservedBatch seen = testing::observe_batch(fresh, false);
        if (!seen.problem.empty() && torn.fetch_add(1) < 5) ADD_FAILURE() << "fresh searcher: " << seen.problem;
        ++fresh_opens;
      } catch (const Error& e) {
        if (errors.fetch_add(1) < 5) ADD_FAILURE() << "fresh searcher: " << e.what();
      }
    }
  });
  int batch = 1;
  while (searches.load() < kSearches && (seconds == nullptr || std::chrono::steady_clock::now() < until)) {
    commit_batch(writer, batch++, false);
  }
  stop_opening = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(batch, 10) << "the writer committed too few batches to test anything";
  std::cout << "[ measured ] " << std::min(searches.load(), kSearches) << " searches and " << fresh_opens.load()
            << " fresh Searchers beside " << batch << " commits: " << torn.load()
            << " torn, " << errors.load() << " errors\n";
}

struct WriteFailureCase {
  int errno_value;
  std::string_view message;
};

class WriteFailure : public ::testing::TestWithParam<WriteFailureCase> {};

// A commit that fails after some of its partitions committed (the second of eight) is undone in
// those: the index stays at the previous batch, the error says what happened, and a rollback and
// a later commit do not tear it. (The journal of the failed batch used to be overwritten by the
// next commit, leaving it partly applied for good.)
TEST_P(WriteFailure, ACommitFailingMidwayIsAppliedNowhere) {
  ScratchDir dir;
  IndexWriter writer = IndexWriter::open(dir.path());
  commit_batch(writer, 0);
  Searcher searcher(dir.path());
  {
    const FailingPoint fail("faqsearch/commit/partition", 2, GetParam().errno_value);
    for (Article& a : testing::batch_articles(1)) writer.upsert(std::move(a));
    try {
      writer.commit();
      ADD_FAILURE() << "the commit did not fail";
    } catch (const IndexError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string(GetParam().message) + " while committing a batch of 13 changes"),
                std::string::npos) << e.what();
    }
  }
  testing::ObservedBatch seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.problem, "");
  EXPECT_EQ(seen.batch, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kJournalFile));
  writer.rollback();
  commit_batch(writer, 1);
  seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.problem, "");
  EXPECT_EQ(seen.batch, 1);
}

INSTANTIATE_TEST_SUITE_P(Errors, WriteFailure,
                         ::testing::Values(WriteFailureCase{ENOSPC, "disk full"}, WriteFailureCase{EIO, "I/O error"},
                                           WriteFailureCase{EACCES, "permission denied"}),
                         [](const auto& param_info) { return std::to_string(param_info.param.errno_value); });

// The disk stays full: the failed batch cannot be undone at once. Searchers that had the previous
// batch open keep it; the next commit undoes the batch first, once writing works again.
TEST(WriteFailure, ABatchThatCannotBeUndoneYetIsUndoneByTheNextCommit) {
  ScratchDir dir;
  IndexWriter writer = IndexWriter::open(dir.path());
  commit_batch(writer, 0);
  Searcher searcher(dir.path());
  EXPECT_EQ(testing::observe_batch(searcher).batch, 0);
  {
    const FailingPoint full("faqsearch/commit/partition", 2, ENOSPC, /*and_after=*/true);
    for (Article& a : testing::batch_articles(1)) writer.upsert(std::move(a));
    EXPECT_THROW(writer.commit(), IndexError);
    EXPECT_TRUE(std::filesystem::exists(dir.path() / detail::kJournalFile));
    EXPECT_THROW(writer.commit(), IndexError);  // still full: the undo fails again, nothing else runs
  }
  writer.rollback();
  commit_batch(writer, 1);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / detail::kJournalFile));
  const testing::ObservedBatch seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.problem, "");
  EXPECT_EQ(seen.batch, 1);
}

// A compaction killed between moving a partition aside and moving its copy in (the fallback
// where the file system cannot exchange two directories) left the partition missing, and the next
// compaction deleted it. The next writer puts it back and removes the other leftovers.
TEST(CompactionLeftovers, APartitionMovedAsideIsPutBackAndCopiesRemoved) {
  ScratchDir dir;
  {
    IndexWriter writer = IndexWriter::open(dir.path());
    commit_batch(writer, 0);
  }
  const auto audience = dir.path() / detail::kPartitionsDir / "public";
  std::filesystem::rename(audience / "en", audience / ".old-en");
  std::filesystem::create_directories(audience / ".compact-de");
  std::filesystem::create_directories(audience / ".tmp-nb");
  {
    IndexWriter writer = IndexWriter::open(dir.path());
    writer.compact();
  }
  EXPECT_TRUE(std::filesystem::exists(audience / "en"));
  for (const char* leftover : {".old-en", ".compact-de", ".tmp-nb"}) {
    EXPECT_FALSE(std::filesystem::exists(audience / leftover)) << leftover;
  }
  Searcher searcher(dir.path());
  const testing::ObservedBatch seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.problem, "");
  EXPECT_EQ(seen.batch, 0);
}

// A bulk build that stops before finish() used to look like a valid empty index ("0 results").
// It is now reported as interrupted, and building it again works.
TEST(InterruptedBuild, IsReportedAndBuiltAgain) {
  ScratchDir dir;
  {
    IndexBuilder builder = IndexBuilder::create(dir.path());
    for (Article& a : testing::batch_articles(0)) builder.add(std::move(a));
    EXPECT_EQ(index_state(dir.path()), IndexState::kBeingBuilt);
  }  // destroyed before finish(), as a process that dies
  EXPECT_EQ(index_state(dir.path()), IndexState::kInterruptedBuild);
  for (const auto& open : std::vector<std::function<void()>>{[&] { Searcher s(dir.path()); },
                                                             [&] { (void)IndexWriter::open(dir.path()); }}) {
    try {
      open();
      ADD_FAILURE() << "opened an interrupted build";
    } catch (const IndexError& e) {
      EXPECT_NE(std::string(e.what()).find("interrupted"), std::string::npos) << e.what();
    }
  }
  {
    IndexBuilder builder = IndexBuilder::create(dir.path());
    for (Article& a : testing::batch_articles(0)) builder.add(std::move(a));
    builder.finish();
  }
  EXPECT_EQ(index_state(dir.path()), IndexState::kReady);
  Searcher searcher(dir.path());
  const testing::ObservedBatch seen = testing::observe_batch(searcher);
  EXPECT_EQ(seen.problem, "");
  EXPECT_EQ(seen.batch, 0);
}

}  // namespace
}  // namespace faqsearch
