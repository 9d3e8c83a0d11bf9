#include "cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <utility>

#include "faqsearch/error.h"

namespace faqsearch::cli {
namespace {

namespace fs = std::filesystem;

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// "0:07", "12:03", "1:02:03".
std::string clock_time(double seconds) {
  const auto s = static_cast<long long>(std::max(0.0, seconds));
  const std::string mm_ss = std::to_string(s / 60 % 60) + ":" + (s % 60 < 10 ? "0" : "") + std::to_string(s % 60);
  if (s < 3600) return mm_ss;
  return std::to_string(s / 3600) + ":" + (s / 60 % 60 < 10 ? "0" : "") + mm_ss;
}

std::uint64_t count_lines(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  std::uint64_t lines = 0;
  char last = '\n';
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    lines += static_cast<std::uint64_t>(std::count(buffer.data(), buffer.data() + n, '\n'));
    last = buffer[n - 1];
  }
  return lines + (last != '\n' ? 1 : 0);
}

/// Whether an importer reads `file` (by its name), as read_articles() decides.
bool is_input_file(const fs::path& file) {
  try {
    return !file.filename().string().starts_with('.') && detect_format(file) != InputFormat::kAuto;
  } catch (const InvalidArgument&) {
    return false;
  }
}

std::uint64_t count_files(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return 1;
  std::uint64_t files = 0;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->path().filename().string().starts_with('.')) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_input_file(it->path())) ++files;
  }
  return files;
}

bool is_line_based(const fs::path& file) {
  try {
    const InputFormat format = detect_format(file);
    return format == InputFormat::kJsonl || format == InputFormat::kBeir || format == InputFormat::kCsv;
  } catch (const InvalidArgument&) {
    return false;
  }
}

}  // namespace

ProgressStyle parse_progress_style(std::string_view value, bool quiet) {
  if (value == "auto") return !quiet && ::isatty(2) == 1 ? ProgressStyle::kBar : ProgressStyle::kOff;
  if (value == "bar") return ProgressStyle::kBar;
  if (value == "json") return ProgressStyle::kJson;
  if (value == "none") return ProgressStyle::kOff;
  throw InvalidArgument("--progress: \"" + std::string(value) + "\" is not auto, bar, json or none");
}

ProgressMeter::ProgressMeter(ProgressStyle style, std::string task, std::ostream& out)
    : ProgressMeter(style, std::move(task), out, &steady_seconds) {}

ProgressMeter::ProgressMeter(ProgressStyle style, std::string task, std::ostream& out, Clock clock)
    : style_(style), task_(std::move(task)), out_(out), clock_(std::move(clock)) {}

ProgressMeter::~ProgressMeter() { clear_line(); }

void ProgressMeter::start_phase(std::string phase, std::uint64_t total, std::string unit) {
  finish();
  phase_ = std::move(phase);
  unit_ = std::move(unit);
  total_ = total;
  done_ = 0;
  started_ = clock_();
  last_shown_ = started_;
  running_ = true;
  if (style_ == ProgressStyle::kBar) show(false);
}

void ProgressMeter::update(std::uint64_t done) {
  done_ = done;
  if (!running_ || style_ == ProgressStyle::kOff) return;
  // A terminal redraws five times a second; a job runner's log gets a line a second.
  const double interval = style_ == ProgressStyle::kBar ? 0.2 : 1.0;
  if (clock_() - last_shown_ >= interval) show(false);
}

void ProgressMeter::clear_line() {
  if (!bar_visible_) return;
  out_ << "\r\033[K" << std::flush;
  bar_visible_ = false;
}

void ProgressMeter::finish() {
  if (!running_) return;
  if (style_ == ProgressStyle::kJson) show(true);
  clear_line();
  running_ = false;
}

void ProgressMeter::show(bool final) {
  const double now = clock_();
  last_shown_ = now;
  const double elapsed = now - started_;
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
  if (style_ == ProgressStyle::kJson) {
    out_ << json_line(elapsed, rate, final) << "\n" << std::flush;
  } else if (style_ == ProgressStyle::kBar) {
    out_ << "\r\033[K" << bar_line(elapsed, rate) << std::flush;
    bar_visible_ = true;
  }
}

std::string ProgressMeter::bar_line(double elapsed, double rate) const {
  constexpr std::size_t kWidth = 24;
  // Bytes read better as MB on a terminal (a merge counts millions); JSON keeps them exact.
  const bool megabytes = unit_ == "bytes";
  const auto amount = [&](double n) {
    if (!megabytes) return std::to_string(static_cast<long long>(std::llround(n)));
    std::array<char, 32> text{};
    std::snprintf(text.data(), text.size(), "%.1f", n / 1e6);
    return std::string(text.data());
  };
  std::string line = task_ + ": " + phase_ + " ";
  if (total_ > 0) {
    const double share = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
    const auto filled = static_cast<std::size_t>(share * kWidth);
    line += "[" + std::string(filled, '#') + std::string(kWidth - filled, '-') + "] ";
    line += amount(static_cast<double>(done_)) + "/" + amount(static_cast<double>(total_));
  } else {
    line += amount(static_cast<double>(done_));
  }
  line += " " + (megabytes ? std::string("MB") : unit_) + "  " + amount(rate) + "/s  " + clock_time(elapsed) +
          " elapsed";
  if (total_ > 0 && rate > 0 && done_ < total_) {
    line += "  ETA " + clock_time(static_cast<double>(total_ - done_) / rate);
  }
  return line;
}

std::string ProgressMeter::json_line(double elapsed, double rate, bool final) const {
  nlohmann::json j = {{"task", task_},
                      {"phase", phase_},
                      {"done", done_},
                      {"total", nullptr},
                      {"unit", unit_},
                      {"rate", std::round(rate * 10) / 10},
                      {"elapsed", std::round(elapsed * 10) / 10},
                      {"eta", nullptr},
                      {"final", final}};
  if (total_ > 0) j["total"] = total_;
  if (total_ > 0 && rate > 0 && done_ <= total_) {
    j["eta"] = std::round(static_cast<double>(total_ - done_) / rate * 10) / 10;
  }
  return j.dump();
}

BuildProgressCallback build_progress_to(ProgressMeter& meter) {
  return [&meter, phase = std::string()](const BuildProgress& p) mutable {
    if (p.phase != phase) {
      phase = p.phase;
      meter.start_phase(p.phase, p.total, p.unit);
    }
    meter.update(p.done);
  };
}

ImportProgress::ImportProgress(ProgressMeter& meter, const std::vector<std::string>& paths, std::string phase)
    : meter_(meter) {
  if (meter.style() == ProgressStyle::kOff) return;
  std::error_code ec;
  fs::path single = paths.size() == 1 ? fs::path(paths.front()) : fs::path();
  // A BEIR data set's directory is read as its corpus.jsonl alone.
  if (!single.empty() && fs::is_directory(single, ec) && fs::is_regular_file(single / "corpus.jsonl", ec)) {
    single /= "corpus.jsonl";
  }
  by_lines_ = !single.empty() && !fs::is_directory(single, ec) && is_line_based(single);
  if (by_lines_) {
    total_ = count_lines(single);
  } else {
    for (const std::string& path : paths) total_ += count_files(path);
  }
  meter_.start_phase(std::move(phase), total_, by_lines_ ? "lines" : "files");
}

void ImportProgress::record(const SourceLocation& where) {
  if (meter_.style() == ProgressStyle::kOff) return;
  if (by_lines_) {
    meter_.update(where.line);
    return;
  }
  // Files are read one after the other: a record of a new file means the one before is done.
  if (where.file != current_file_) {
    if (!current_file_.empty()) ++files_done_;
    current_file_ = where.file;
  }
  meter_.update(files_done_);
}

void ImportProgress::done() {
  if (meter_.style() != ProgressStyle::kOff) meter_.update(total_);
}

}  // namespace faqsearch::cli
