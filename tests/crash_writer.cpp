// faqsearch_crash_writer: a writer for the crash tests (crash_test.cpp) to kill.
//
//   faqsearch_crash_writer DIR FIRST BATCHES [--crash-at POINT --hit N] [--compact-every K] [--build]
//                          [--disk-full-after N --errno E] [--sync FILE SOURCE]
//
// Commits batches FIRST, FIRST+1, ... of the batch model (batch_model.h) to the index in DIR and
// prints "committed K" after batch K's commit() returned (flushed, so the test knows what was
// promised). --crash-at makes the process die (as kill -9) at the Nth time it reaches the fault
// point POINT (util/fault_points.h); --compact-every compacts after every Kth batch; --build
// writes BATCHES batches' articles with one IndexBuilder instead (FIRST must be 0) and prints
// "built" when finish() returned. --disk-full-after makes every write system call after the
// Nth one of the first commit fail with errno E (run under LD_PRELOAD of libfiu's POSIX preload,
// fiu_posix_preload.so, which routes write(2), pwrite(2) and the like through libfiu): a disk
// that fills up midway through a commit. --sync syncs the export FILE for SOURCE (a Syncer, one
// batch; with --build, a first sync on an IndexBuilder) instead of committing batches, and prints
// "synced" when its commit returned.
// fiu.h turns fiu_init into a no-op unless FIU_ENABLE is defined.
#define FIU_ENABLE 1
#include <fiu-control.h>
#include <fiu.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include "batch_model.h"
#include "faqsearch/error.h"
#include "faqsearch/import.h"
#include "faqsearch/index.h"
#include "faqsearch/sync.h"

namespace {

std::atomic<int> hits_left{0};
std::atomic<int> writes_left{0};
std::atomic<long> write_errno{0};

// libfiu asks this each time the point is reached: fail (die) on the chosen hit only.
int on_hit(const char*, int* failnum, void**, unsigned*) {
  if (--hits_left != 0) return 0;
  *failnum = -1;
  return 1;
}

// Asked by libfiu's POSIX preload at every write system call once the disk is to fill up.
int on_write(const char*, int* failnum, void** failinfo, unsigned*) {
  if (--writes_left > 0) return 0;
  *failnum = 1;
  *failinfo = reinterpret_cast<void*>(write_errno.load());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace faqsearch;
  if (argc < 4) {
    std::cerr << "usage: faqsearch_crash_writer DIR FIRST BATCHES [--crash-at POINT --hit N] [--compact-every K] [--build]\n";
    return 1;
  }
  const std::string dir = argv[1];
  const int first = std::atoi(argv[2]);
  const int batches = std::atoi(argv[3]);
  int compact_every = 0;
  bool build = false;
  std::string sync_file, sync_source;
  fiu_init(0);
  for (int i = 4; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--crash-at" && i + 3 < argc + 1 && std::strcmp(argv[i + 2], "--hit") == 0) {
      hits_left = std::atoi(argv[i + 3]);
      fiu_enable_external(argv[i + 1], -1, nullptr, 0, on_hit);
      i += 3;
    } else if (arg == "--compact-every" && i + 1 < argc) {
      compact_every = std::atoi(argv[++i]);
    } else if (arg == "--disk-full-after" && i + 3 < argc && std::strcmp(argv[i + 2], "--errno") == 0) {
      writes_left = std::atoi(argv[i + 1]);
      write_errno = std::atol(argv[i + 3]);
      i += 3;
    } else if (arg == "--sync" && i + 2 < argc) {
      sync_file = argv[++i];
      sync_source = argv[++i];
    } else if (arg == "--build") {
      build = true;
    } else {
      std::cerr << "unknown argument " << arg << "\n";
      return 1;
    }
  }
  try {
    if (!sync_file.empty()) {
      // With --build, a first sync: on an IndexBuilder, as `faqsearch sync` does into no index.
      std::optional<IndexBuilder> builder;
      std::optional<IndexWriter> writer;
      if (build) {
        builder.emplace(IndexBuilder::create(dir, {}, 64));
      } else {
        writer.emplace(IndexWriter::open(dir));
      }
      Syncer syncer = build ? Syncer(*builder, {sync_source, false}) : Syncer(*writer, {sync_source, false});
      read_articles(
          sync_file, {}, [&](Article&& a, const SourceLocation&) { syncer.add(std::move(a)); },
          [&](const ImportProblem& p) { syncer.skip(SkipKind::kMalformed, p.message); });
      syncer.commit();
      std::cout << "synced" << std::endl;
      return 0;
    }
    if (build) {
      IndexBuilder builder = IndexBuilder::create(dir, {}, 64);
      for (int b = 0; b < batches; ++b) {
        for (Article& a : testing::batch_articles(b)) builder.add(std::move(a));
      }
      builder.finish();
      std::cout << "built" << std::endl;
      return 0;
    }
    IndexWriter writer = IndexWriter::open(dir);
    for (int b = first; b < first + batches; ++b) {
      for (Article& a : testing::batch_articles(b)) writer.upsert(std::move(a));
      if (b == first && writes_left > 0) {
        for (const char* call : {"posix/io/rw/write", "posix/io/rw/pwrite", "posix/io/rw/writev", "posix/io/rw/pwritev"}) {
          fiu_enable_external(call, 1, nullptr, 0, on_write);
        }
      }
      writer.commit();
      std::cout << "committed " << b << std::endl;
      if (compact_every > 0 && (b + 1) % compact_every == 0) writer.compact();
    }
  } catch (const Error& e) {
    std::cerr << "faqsearch_crash_writer: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
