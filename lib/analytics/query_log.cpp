// QueryLog: one JSON line per search, appended with one write(2) so that threads and processes
// sharing the file never interleave inside a line.
#include "faqsearch/query_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analytics/log_fields.h"
#include "faqsearch/error.h"

namespace faqsearch {

namespace detail {

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, n);
}

std::vector<std::pair<std::string, std::string>> correction_pairs(std::string_view typed,
                                                                  const QueryCorrection& correction) {
  // The correction copies what it does not change from the query as typed (did_you_mean.cpp), so
  // the text between two changed ranges is found in the typed query right after the typed word.
  std::vector<std::pair<std::string, std::string>> pairs;
  const std::string_view fixed = correction.query;
  std::size_t typed_at = 0;
  std::size_t fixed_at = 0;
  for (std::size_t i = 0; i < correction.changed.size(); ++i) {
    const HighlightRange& r = correction.changed[i];
    if (r.begin < fixed_at || r.end > fixed.size() || r.begin > r.end) return {};
    const std::size_t begin = typed_at + (r.begin - fixed_at);
    const bool last = i + 1 == correction.changed.size();
    const std::size_t kept_end = last ? fixed.size() : correction.changed[i + 1].begin;
    if (kept_end < r.end) return {};
    const std::string_view kept = fixed.substr(r.end, kept_end - r.end);
    std::size_t end = std::string_view::npos;
    if (last) {
      if (typed.size() >= kept.size() && typed.size() - kept.size() > begin) end = typed.size() - kept.size();
    } else if (!kept.empty() && begin < typed.size()) {
      end = typed.find(kept, begin + 1);
    }
    if (end == std::string_view::npos || end <= begin || end > typed.size()) return {};
    pairs.emplace_back(std::string(typed.substr(begin, end - begin)), std::string(fixed.substr(r.begin, r.end - r.begin)));
    typed_at = end;
    fixed_at = r.end;
  }
  return pairs;
}

}  // namespace detail

namespace {

// Lines keep their fields in the order written (time first): easier to read with tail -f.
using Json = nlohmann::ordered_json;

Json top_hits(const SearchResults& results) {
  Json top = Json::array();
  for (std::size_t i = 0; i < results.hits.size() && i < kLoggedHits; ++i) {
    const Hit& hit = results.hits[i];
    Json entry = {{"id", hit.id}, {"lang", hit.lang}};
    if (hit.fallback) entry["fallback"] = true;
    top.push_back(std::move(entry));
  }
  return top;
}

Json filters(const SearchRequest& request) {
  Json out = Json::object();
  for (const auto& [name, values] : {std::pair{log_fields::kCategory, &request.categories},
                                     std::pair{log_fields::kSection, &request.sections},
                                     std::pair{log_fields::kTag, &request.tags},
                                     std::pair{log_fields::kHitLanguage, &request.hit_languages}}) {
    if (!values->empty()) out[name] = *values;
  }
  return out;
}

Json correction(const SearchRequest& request, const QueryCorrection& correction) {
  Json changed = Json::array();
  for (const HighlightRange& r : correction.changed) changed.push_back({r.begin, r.end});
  Json pairs = Json::array();
  for (auto& [typed, fixed] : detail::correction_pairs(request.query, correction)) {
    pairs.push_back({std::move(typed), std::move(fixed)});
  }
  return {{"query", correction.query}, {"changed", std::move(changed)}, {"pairs", std::move(pairs)}};
}

Json diagnosis(const Diagnosis& d) {
  Json out = {{"reason", std::string(to_string(d.reason))}, {"fallback_only", d.fallback_only}};
  if (!d.other_languages.empty()) out["other_languages"] = d.other_languages;
  if (!d.filters.empty()) out["filters"] = d.filters;
  return out;
}

}  // namespace

struct QueryLog::Impl {
  std::filesystem::path file;
  int fd = -1;
  QueryLogErrorHandler on_error;
  mutable std::mutex error_mutex;
  std::string error;  // the first failure's message

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  /// Reports the first failure: "query log FILE: " and the cause formatted from `format` and
  /// `args` (formatted here, where nothing can escape).
  template <typename... Args>
  void fail(fmt::format_string<Args...> format, Args&&... args) noexcept {
    try {
      std::lock_guard lock(error_mutex);
      if (!error.empty()) return;
      error = fmt::format("query log {}: {}", file.string(), fmt::format(format, std::forward<Args>(args)...));
      if (on_error) on_error(error);
    } catch (...) {  // a handler that throws, or no memory for the message: the log stays silent
    }
  }

  /// One write(2) of the whole line: O_APPEND places it at the end atomically.
  void append(const std::string& line) noexcept {
    ssize_t written = -1;
    do {
      written = ::write(fd, line.data(), line.size());
    } while (written < 0 && errno == EINTR);
    if (written == static_cast<ssize_t>(line.size())) return;
    if (written < 0) {
      char buffer[128];
      fail("cannot write: {}", ::strerror_r(errno, buffer, sizeof buffer));  // GNU: returns the text
      return;
    }
    // A short write (disk full): end the fragment so that the next line starts on its own.
    [[maybe_unused]] const ssize_t ended = ::write(fd, "\n", 1);
    fail("short write ({} of {} bytes): the line is cut", written, line.size());
  }
};

QueryLog::QueryLog(const std::filesystem::path& file, QueryLogErrorHandler on_error) : impl_(std::make_unique<Impl>()) {
  impl_->file = file;
  impl_->on_error = std::move(on_error);
  impl_->fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
  if (impl_->fd < 0) {
    char buffer[128];
    throw Error(fmt::format("query log {}: cannot open for appending: {}", file.string(),
                            ::strerror_r(errno, buffer, sizeof buffer)));
  }
}

QueryLog::~QueryLog() = default;
QueryLog::QueryLog(QueryLog&&) noexcept = default;
QueryLog& QueryLog::operator=(QueryLog&&) noexcept = default;

std::string QueryLog::line(const SearchRequest& request, const SearchResults& results) {
  Json out = {{"time", detail::utc_now_iso8601()},
                        {"query", request.query},
                        {"languages", results.languages}};
  if (!request.languages.empty()) out["requested"] = request.languages;
  if (Json f = filters(request); !f.empty()) out["filters"] = std::move(f);
  out["total"] = results.total;
  out["top"] = top_hits(results);
  if (results.did_you_mean) out["did_you_mean"] = correction(request, *results.did_you_mean);
  if (results.diagnosis) out["diagnosis"] = diagnosis(*results.diagnosis);
  // Ill-formed UTF-8 typed into a query is written as U+FFFD: the line stays valid JSON.
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void QueryLog::record(const SearchRequest& request, const SearchResults& results) noexcept {
  if (!impl_) return;
  try {
    impl_->append(line(request, results) + '\n');
  } catch (const std::exception& e) {
    impl_->fail("cannot write a line: {}", e.what());
  } catch (...) {
    impl_->fail("cannot write a line");
  }
}

std::string QueryLog::error() const {
  if (!impl_) return {};
  std::lock_guard lock(impl_->error_mutex);
  return impl_->error;
}

}  // namespace faqsearch
