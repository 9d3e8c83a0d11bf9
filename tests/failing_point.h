// A fault point (lib/util/fault_points.h) made to fail in process, for the write-failure tests.
#pragma once

// fiu.h turns fiu_init into a no-op unless FIU_ENABLE is defined.
#define FIU_ENABLE 1
#include <fiu-control.h>
#include <fiu.h>

#include <atomic>

namespace faqsearch::testing {

/// Makes the `hit`th arrival at `point` fail with `errno_value`, and every later one if
/// `and_after` (a disk that stays full).
class FailingPoint {
 public:
  FailingPoint(const char* point, int hit, int errno_value, bool and_after = false) : point_(point) {
    fiu_init(0);
    hits_left = hit;
    failure = errno_value;
    keep_failing = and_after;
    fiu_enable_external(point, errno_value, nullptr, 0, &FailingPoint::decide);
  }
  ~FailingPoint() { fiu_disable(point_); }
  FailingPoint(const FailingPoint&) = delete;
  FailingPoint& operator=(const FailingPoint&) = delete;

 private:
  static int decide(const char*, int* failnum, void**, unsigned*) {
    const int left = --hits_left;
    if (left > 0 || (left < 0 && !keep_failing)) return 0;
    *failnum = failure;
    return 1;
  }
  static inline std::atomic<int> hits_left{0};
  static inline std::atomic<int> failure{0};
  static inline std::atomic<bool> keep_failing{false};
  const char* point_;
};

}  // namespace faqsearch::testing
