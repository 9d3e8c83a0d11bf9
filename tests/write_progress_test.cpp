// The progress of long writes: IndexBuilder::finish(), IndexWriter::commit() and compact(), and a
// sync's commit, reported phase by phase up to their totals.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "faqsearch/error.h"
#include "faqsearch/index.h"
#include "faqsearch/sync.h"
#include "test_support.h"

namespace faqsearch {
namespace {

using testing::article;
using testing::ScratchDir;

/// The reports of one write, checked as they arrive: within a phase, done never goes back, the
/// total and unit never change, and done never passes the total.
class PhaseLog {
 public:
  BuildProgressCallback callback() {
    return [this](const BuildProgress& p) { record(p); };
  }
  /// The phases in the order they started.
  [[nodiscard]] const std::vector<std::string>& phases() const { return phases_; }
  /// A phase's last report.
  [[nodiscard]] const BuildProgress& last(const std::string& phase) const { return last_.at(phase); }
  /// How many reports a phase made.
  [[nodiscard]] std::size_t reports(const std::string& phase) const { return count_.at(phase); }
  /// Whether the first report of each phase counted from zero.
  [[nodiscard]] bool each_phase_started_at_zero() const { return started_at_zero_; }

 private:
  void record(const BuildProgress& p) {
    if (phases_.empty() || phases_.back() != p.phase) {
      EXPECT_EQ(std::count(phases_.begin(), phases_.end(), p.phase), 0) << p.phase << " came back";
      phases_.push_back(p.phase);
      started_at_zero_ = started_at_zero_ && p.done == 0;
    } else {
      const BuildProgress& before = last_.at(p.phase);
      EXPECT_GE(p.done, before.done) << p.phase;
      EXPECT_EQ(p.total, before.total) << p.phase;
      EXPECT_EQ(p.unit, before.unit) << p.phase;
    }
    EXPECT_LE(p.done, p.total) << p.phase;
    last_[p.phase] = p;
    ++count_[p.phase];
  }

  std::vector<std::string> phases_;
  std::map<std::string, BuildProgress> last_;
  std::map<std::string, std::size_t> count_;
  bool started_at_zero_ = true;
};

/// `n` articles spread over `langs`.
std::vector<Article> articles(std::size_t n, const std::vector<std::string>& langs) {
  std::vector<Article> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string id = "a" + std::to_string(i);
    out.push_back(article(id, langs[i % langs.size()], "Title " + id, "Body of article " + id + " about parcels"));
  }
  return out;
}

struct WriteRow {
  const char* what;
  std::size_t articles;
  std::vector<std::string> langs;
};

const WriteRow kRows[] = {
    {"one partition", 30, {"en"}},
    {"several partitions", 120, {"en", "de", "nb", "fr"}},
};

TEST(WriteProgress, BuilderFinishReportsWritingThenMergingUpToTheirTotals) {
  std::vector<WriteRow> rows(std::begin(kRows), std::end(kRows));
  rows.insert(rows.begin(), WriteRow{"empty build", 0, {}});
  for (const WriteRow& row : rows) {
    SCOPED_TRACE(row.what);
    ScratchDir dir;
    IndexBuilder b = IndexBuilder::create(dir.path(), {}, 16);
    for (Article& a : articles(row.articles, row.langs)) b.add(std::move(a));
    PhaseLog log;
    b.finish(log.callback());
    ASSERT_EQ(log.phases(), (std::vector<std::string>{"writing", "merging"}));
    EXPECT_TRUE(log.each_phase_started_at_zero());
    EXPECT_EQ(log.last("writing").unit, "articles");
    EXPECT_LE(log.last("writing").total, row.articles);  // those still queued
    EXPECT_EQ(log.last("writing").done, log.last("writing").total);
    EXPECT_EQ(log.last("merging").unit, "bytes");
    EXPECT_EQ(log.last("merging").done, log.last("merging").total);
    EXPECT_EQ(log.last("merging").total > 0, row.articles > 0);
    // Each table's end is reported: more merging reports than partitions merged.
    EXPECT_GT(log.reports("merging"), row.langs.size() * 2);
    EXPECT_EQ(index_stats(dir.path()).articles, row.articles);
  }
}

TEST(WriteProgress, AProgressCallbackThatThrowsFailsTheBuild) {
  ScratchDir dir;
  {
    IndexBuilder b = IndexBuilder::create(dir.path());
    b.add(article("a", "en", "Title", "Body"));
    EXPECT_THROW(b.finish([](const BuildProgress& p) {
      if (p.phase == "merging") throw IndexError("stopped by the caller");
    }),
                 IndexError);
  }
  EXPECT_EQ(index_state(dir.path()), IndexState::kInterruptedBuild);
}

TEST(WriteProgress, WriterCommitReportsEachChangeThenEachPartition) {
  for (const WriteRow& row : kRows) {
    SCOPED_TRACE(row.what);
    ScratchDir dir;
    IndexWriter w = IndexWriter::open(dir.path());
    for (Article& a : articles(row.articles, row.langs)) w.upsert(std::move(a));
    w.remove("not-there", "en");
    PhaseLog log;
    w.commit(log.callback());
    ASSERT_EQ(log.phases(), (std::vector<std::string>{"writing", "committing"}));
    EXPECT_TRUE(log.each_phase_started_at_zero());
    EXPECT_EQ(log.last("writing").unit, "changes");
    EXPECT_EQ(log.last("writing").total, row.articles + 1);
    EXPECT_EQ(log.last("writing").done, row.articles + 1);
    EXPECT_EQ(log.reports("writing"), row.articles + 2);  // the start, then one a change
    EXPECT_EQ(log.last("committing").unit, "partitions");
    EXPECT_EQ(log.last("committing").total, row.langs.size());
    EXPECT_EQ(log.last("committing").done, row.langs.size());
    EXPECT_EQ(index_stats(dir.path()).articles, row.articles);
  }
}

TEST(WriteProgress, WriterCompactReportsTheBytesOfEveryPartition) {
  for (const WriteRow& row : kRows) {
    SCOPED_TRACE(row.what);
    ScratchDir dir;
    IndexWriter w = IndexWriter::open(dir.path());
    std::vector<Article> all = articles(row.articles, row.langs);
    for (Article& a : all) w.upsert(a);
    w.commit();
    w.upsert(all.front());  // staged: compact() commits it first, and reports that too
    PhaseLog log;
    w.compact(log.callback());
    ASSERT_EQ(log.phases(), (std::vector<std::string>{"writing", "committing", "compacting"}));
    EXPECT_EQ(log.last("compacting").unit, "bytes");
    EXPECT_GT(log.last("compacting").total, 0u);
    EXPECT_EQ(log.last("compacting").done, log.last("compacting").total);
    EXPECT_GT(log.reports("compacting"), row.langs.size() * 2);  // table by table
    EXPECT_EQ(index_stats(dir.path()).articles, row.articles);
  }
}

TEST(WriteProgress, NothingStagedCommitsWithoutReports) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  PhaseLog log;
  w.commit(log.callback());
  EXPECT_TRUE(log.phases().empty());
}

TEST(WriteProgress, ASyncCommitReportsItsWritersPhases) {
  ScratchDir dir;
  IndexWriter w = IndexWriter::open(dir.path());
  Syncer sync(w, {});
  for (Article& a : articles(12, {"en", "de"})) sync.add(std::move(a));
  PhaseLog log;
  EXPECT_EQ(sync.commit(log.callback()).total.added, 12u);
  EXPECT_EQ(log.phases(), (std::vector<std::string>{"writing", "committing"}));
  EXPECT_EQ(log.last("writing").done, 12u);
}

}  // namespace
}  // namespace faqsearch
