// Progress of long CLI work (index, sync, eval) on stderr: a bar on a terminal (done/total, rate,
// elapsed, ETA), or one JSON object per line, once a second, for a job runner (--progress=json).
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/import.h"
#include "faqsearch/index.h"

namespace faqsearch::cli {

enum class ProgressStyle : std::uint8_t { kOff, kBar, kJson };

/// The style `--progress VALUE` asks for: "auto" (a bar when stderr is a terminal, else none),
/// "bar", "json" or "none". `quiet` (-q) turns "auto" off. Throws InvalidArgument otherwise.
[[nodiscard]] ProgressStyle parse_progress_style(std::string_view value, bool quiet);

/// Reports the progress of one task, phase by phase. The JSON lines are
/// {"task","phase","done","total","unit","rate","elapsed","eta","final"}: `total` and `eta` are
/// null when unknown, `rate` is units per second, `elapsed` and `eta` are seconds; one line at
/// most every second while a phase runs, and a line with "final": true when it ends.
/// Not thread-safe: one thread reports.
class ProgressMeter {
 public:
  /// Seconds on a monotonic clock; tests pass their own.
  using Clock = std::function<double()>;

  ProgressMeter(ProgressStyle style, std::string task, std::ostream& out);
  ProgressMeter(ProgressStyle style, std::string task, std::ostream& out, Clock clock);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  /// Ends the running phase (if any) and starts `phase`, counting `unit`s out of `total` (0:
  /// unknown).
  void start_phase(std::string phase, std::uint64_t total, std::string unit);
  /// Sets how many units are done; shows it when due.
  void update(std::uint64_t done);
  /// Erases the bar so that a message can be printed on its line (it comes back on the next
  /// update).
  void clear_line();
  /// Ends the running phase: the final JSON line, or the bar erased.
  void finish();

  [[nodiscard]] ProgressStyle style() const noexcept { return style_; }

 private:
  void show(bool final);
  [[nodiscard]] std::string bar_line(double elapsed, double rate) const;
  [[nodiscard]] std::string json_line(double elapsed, double rate, bool final) const;

  ProgressStyle style_;
  std::string task_;
  std::ostream& out_;
  Clock clock_;
  std::string phase_;
  std::string unit_;
  std::uint64_t total_ = 0;
  std::uint64_t done_ = 0;
  double started_ = 0;
  double last_shown_ = 0;
  bool running_ = false;
  bool bar_visible_ = false;
};

/// A callback for IndexBuilder::finish() that shows each of its phases ("writing", "merging")
/// on `meter`, which must outlive the call.
[[nodiscard]] BuildProgressCallback build_progress_to(ProgressMeter& meter);

/// Counts an import's progress in what can be counted before reading: lines, for one file read
/// line by line (JSONL, BEIR, CSV: the line of each record is known as it arrives), else input
/// files (directories walked first). Not thread-safe.
class ImportProgress {
 public:
  /// Counts the inputs of `paths` and starts the meter's phase `phase`.
  ImportProgress(ProgressMeter& meter, const std::vector<std::string>& paths, std::string phase);
  /// Called with the location of every record, delivered or not.
  void record(const SourceLocation& where);
  /// Everything read: shows the total as done.
  void done();

 private:
  ProgressMeter& meter_;
  bool by_lines_ = false;
  std::uint64_t total_ = 0;
  std::uint64_t files_done_ = 0;
  std::string current_file_;
};

}  // namespace faqsearch::cli
