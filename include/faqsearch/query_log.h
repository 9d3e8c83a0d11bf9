// faqsearch: search analytics. An opt-in log of the searches a help center answers (QueryLog) and
// the report a support team reads from it (report_query_log).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "faqsearch/search.h"

namespace faqsearch {

/// Hits of a search whose ids a log line keeps at most (the first of the page).
inline constexpr std::size_t kLoggedHits = 10;

/// Called once, with a message naming the file and the cause, when a QueryLog first fails to
/// write a line. Must not throw.
using QueryLogErrorHandler = std::function<void(const std::string& message)>;

/// An opt-in query log: one JSON line per search, appended to a file, for the support team's
/// report (report_query_log, `faqsearch report`).
///
/// A line holds what a search was and what it found, never who searched:
///   {"time": "2026-12-05T07:13:02Z", "query": "refnud", "languages": ["en"],
///    "requested": ["en"], "filters": {"category": ["billing"]}, "total": 3,
///    "top": [{"id": "12", "lang": "en"}, {"id": "40", "lang": "de", "fallback": true}],
///    "did_you_mean": {"query": "refund", "changed": [[0, 6]], "pairs": [["refnud", "refund"]]},
///    "diagnosis": {"reason": "correction", "fallback_only": false}}
/// `time` is UTC (ISO 8601, seconds); `languages` the index's languages searched
/// (SearchResults::languages); `requested` the shopper's languages, when given; `filters` the
/// request's non-empty filter fields (category, section, tag, hit_language); `top` the first
/// kLoggedHits hits of the page with the language each was served in; `did_you_mean` and
/// `diagnosis` as the results carry them (absent when they have none), `pairs` the words typed
/// and what they were corrected to. Nothing identifies the caller: no address, user, session or
/// audience (audience names and access keys stay out); the hits are what the caller was shown.
///
/// Appending is safe from several threads and several processes at once: the file is opened in
/// append mode and each line is written with a single write(2), so lines never interleave (on a
/// local file system). Writing never throws into a search: a failed or short write (disk full)
/// is reported once to the error handler, further lines are still tried; a short write leaves
/// one partial line, which the report counts as malformed.
///
/// Thread-safety: thread-safe. One QueryLog may be shared by every Searcher thread of a service.
class QueryLog {
 public:
  /// Opens (creating it, mode 0640 before the umask) `file` for appending. `on_error`: called
  /// once, on the first failed write (default: none; QueryLog::error() tells). Throws Error
  /// naming the file if it cannot be opened.
  explicit QueryLog(const std::filesystem::path& file, QueryLogErrorHandler on_error = {});
  ~QueryLog();
  QueryLog(QueryLog&&) noexcept;
  QueryLog& operator=(QueryLog&&) noexcept;
  QueryLog(const QueryLog&) = delete;
  QueryLog& operator=(const QueryLog&) = delete;

  /// Appends the line of a search: `request` as it was run, `results` what it answered. Never
  /// throws; a failure is reported as the class says.
  void record(const SearchRequest& request, const SearchResults& results) noexcept;

  /// The message of the first failed write, empty while every write succeeded.
  [[nodiscard]] std::string error() const;

  /// The log line `record` would write now, without its newline (for tests and for callers that
  /// ship lines elsewhere). Throws only std::bad_alloc.
  [[nodiscard]] static std::string line(const SearchRequest& request, const SearchResults& results);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// What report_query_log reads. Plain data.
struct QueryLogReportOptions {
  /// Only searches at or after this UTC time: "YYYY-MM-DD" (that day's start) or
  /// "YYYY-MM-DDTHH:MM:SSZ"; empty: all. Anything else is an InvalidArgument.
  std::string since;
  /// Entries kept at most per list of the report (top searches, zero-result queries per group,
  /// articles to translate, corrections).
  std::size_t top = 20;
};

/// A search text as the report counts it: case folded, runs of white space made one space, no
/// leading or trailing space. Plain data.
struct QueryCount {
  std::string query;
  std::size_t searches = 0;
  /// Of those, searches that found nothing.
  std::size_t zero_results = 0;
  friend bool operator==(const QueryCount&, const QueryCount&) = default;
};

/// Zero-result searches with one reason (Diagnosis) in one language. Plain data.
struct ZeroResultGroup {
  /// to_string(EmptyReason), or "unknown" when the line has no diagnosis.
  std::string reason;
  /// The shopper's first requested language; else the one language searched; else "any".
  std::string language;
  std::size_t searches = 0;
  /// The most frequent of them, most first.
  std::vector<QueryCount> queries;
};

/// An article that searches in a language found only as a fallback: every hit a fallback
/// (Diagnosis::fallback_only, or every hit logged marked so), or the best hit one. One to
/// translate next. Plain data.
struct TranslationNeed {
  std::string id;
  /// The language it was served in instead.
  std::string served_lang;
  /// Searches that found it as a fallback (all hits fallbacks, or it the best).
  std::size_t searches = 0;
  /// The languages those searches asked for (the first requested), with their searches.
  std::map<std::string, std::size_t> wanted;
};

/// A word typed and what the did-you-mean corrected it to (a synonym or a spelling to add).
/// Plain data.
struct CorrectionCount {
  std::string typed;
  std::string corrected;
  std::size_t searches = 0;
  friend bool operator==(const CorrectionCount&, const CorrectionCount&) = default;
};

/// A log line the report could not read. Plain data.
struct MalformedLogLine {
  /// 1-based line number in the log.
  std::size_t line = 0;
  std::string message;
};

/// Malformed lines a report lists at most (it counts them all).
inline constexpr std::size_t kMaxListedMalformedLines = 100;

/// The support team's report of a query log (report_query_log). Plain data; every list is
/// sorted most searches first, ties by text.
struct QueryLogReport {
  /// Searches read (at or after `since`).
  std::size_t searches = 0;
  /// Of those, searches that found nothing.
  std::size_t zero_results = 0;
  /// Searches with a correction (did-you-mean).
  std::size_t corrected = 0;
  /// Searches that found only fallbacks (TranslationNeed).
  std::size_t fallback_only = 0;
  /// Searches whose best hit was a fallback, other hits in the shopper's language (its best
  /// answer is one to translate: TranslationNeed).
  std::size_t best_hit_fallback = 0;
  /// Well-formed lines left out by `since`.
  std::size_t before_since = 0;
  std::vector<QueryCount> top_searches;
  std::vector<ZeroResultGroup> zero_result_groups;
  std::vector<TranslationNeed> to_translate;
  std::vector<CorrectionCount> corrections;
  /// Lines that are not a log line (not JSON, a field missing or of the wrong type, a bad time):
  /// all counted, the first kMaxListedMalformedLines listed. They never end the report.
  std::size_t malformed = 0;
  std::vector<MalformedLogLine> malformed_lines;
};

/// Reads the query log `file` (QueryLog's lines) into a report. Throws Error naming the file if
/// it cannot be read, InvalidArgument for a bad `options.since`. Thread-safety: reentrant.
[[nodiscard]] QueryLogReport report_query_log(const std::filesystem::path& file,
                                              const QueryLogReportOptions& options = {});

/// The report of log lines already in memory, `text` (the same rules as report_query_log).
[[nodiscard]] QueryLogReport report_query_log_text(std::string_view text, const QueryLogReportOptions& options = {});

/// The report as JSON, the document `faqsearch report --json` prints (README, "Search
/// analytics"): every field of QueryLogReport under its own name, TranslationNeed::wanted as an
/// object of language → searches. `indent` < 0: one line; else pretty-printed with that many
/// spaces. Text that is not valid UTF-8 is written with U+FFFD. Throws only std::bad_alloc.
[[nodiscard]] std::string report_to_json(const QueryLogReport& report, int indent = -1);

}  // namespace faqsearch
