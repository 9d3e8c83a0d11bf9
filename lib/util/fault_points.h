// Fault points: named moments of the write path where a test makes the process die or a write
// fail, deterministically, instead of hoping a random kill or a full disk lands there. libfiu
// (Debian libfiu-dev) keeps the table of enabled points: a test enables one in process
// (fiu_enable) or for a whole command (`fiu-run -c "enable name=faqsearch/commit/partition,failnum=-1"`).
// A disabled point costs one lookup in an empty table.
//
// The points (tests/crash_test.cpp and tests/write_failure_test.cpp use every one):
//   faqsearch/commit/journal-written     a batch's undo journal is durable, nothing committed yet
//   faqsearch/commit/partition           before each partition of a batch commits
//   faqsearch/commit/partitions-committed  every partition committed, nothing published yet
//   faqsearch/commit/published           the generation is published, the journal not yet removed
//   faqsearch/compact/swapped            a compacted partition is in place, not yet published
//   faqsearch/build/merged               a bulk build's partitions are in place, not yet published
//   faqsearch/recover/undone             a recovery undid a batch, not yet published
//   faqsearch/stamps/partition-stamped   a repair of stamps (index/partition_stamp.h) stamped one partition
#pragma once

#define FIU_ENABLE 1
#include <fiu.h>
#include <xapian.h>

#include <csignal>
#include <string>

namespace faqsearch::detail {

/// At an enabled point: failnum -1 kills the process at once (as `kill -9` would); a positive
/// failnum is the errno of a write failure Xapian would report there (ENOSPC = 28, EIO = 5).
inline void fault_point(const char* name) {
  const int failnum = fiu_fail(name);
  if (failnum == 0) return;
  if (failnum < 0) std::raise(SIGKILL);
  throw Xapian::DatabaseError(std::string("write failed (fault point ") + name + ")", std::string(), failnum);
}

}  // namespace faqsearch::detail
