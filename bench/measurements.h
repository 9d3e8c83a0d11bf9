// Measurements both benchmarks take the same way (faqsearch_peerbench, faqsearch_cluster_bench):
// memory from /proc/self/status and nearest-rank percentiles of latencies.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace faqsearch::bench {

/// A field of /proc/self/status in kB ("VmHWM", "VmRSS", "RssAnon"), 0 if absent.
inline std::uint64_t proc_status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::strtoull(line.c_str() + key.size(), nullptr, 10);
  }
  return 0;
}

/// Nearest-rank percentile of `v` (sorted in place), q in (0, 1].
inline double percentile(std::vector<double>& v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

}  // namespace faqsearch::bench
