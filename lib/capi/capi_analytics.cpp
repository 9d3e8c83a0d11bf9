// The C API's search analytics (faqsearch_c.h): the query log, over faqsearch::QueryLog, and its
// report as JSON, over faqsearch::report_query_log and report_to_json.
#include <string>

#include "capi/capi_internal.h"

struct faqsearch_query_log {
  faqsearch::QueryLog log;
};

namespace {

using faqsearch::capi::deref;
using faqsearch::capi::guarded;
using faqsearch::capi::required;

/// Runs `body`, turning a file failure of the log (a plain faqsearch::Error naming the file)
/// into IndexError, the C API's status for a file that could not be opened, read or written.
template <class Body>
auto on_log_file(Body&& body) {
  try {
    return body();
  } catch (const faqsearch::InvalidArgument&) {
    throw;
  } catch (const faqsearch::IndexError&) {
    throw;
  } catch (const faqsearch::Error& e) {
    throw faqsearch::IndexError(e.what());
  }
}

}  // namespace

extern "C" {

faqsearch_status faqsearch_query_log_open(const char* file, faqsearch_query_log** out) {
  return guarded(__func__, [&] {
    const std::string path = required(file, "file");
    deref(out, "out");
    *out = on_log_file([&] { return new faqsearch_query_log{faqsearch::QueryLog(path)}; });
  });
}

void faqsearch_query_log_free(faqsearch_query_log* log) { delete log; }

faqsearch_status faqsearch_query_log_record(faqsearch_query_log* log, const faqsearch_request* request,
                                            const faqsearch_results* results) {
  return guarded(__func__, [&] {
    faqsearch_query_log& l = deref(log, "log");
    const faqsearch_request& r = deref(request, "request");
    l.log.record(r.request, deref(results, "results").results);
  });
}

faqsearch_status faqsearch_query_log_error(const faqsearch_query_log* log, char** out) {
  return guarded(__func__, [&] {
    const faqsearch_query_log& l = deref(log, "log");
    // `out` is checked before the copy is made: an assignment evaluates its right side first, and
    // a copy made before a throw would be lost.
    char*& target = deref(out, "out");
    target = faqsearch::capi::handed_out(l.log.error());
  });
}

faqsearch_status faqsearch_query_log_report(const char* file, const char* since, size_t top, char** json) {
  return guarded(__func__, [&] {
    faqsearch::QueryLogReportOptions options;
    const std::string path = required(file, "file");
    options.since = faqsearch::capi::optional(since);
    if (top != 0) options.top = top;
    deref(json, "json");
    const faqsearch::QueryLogReport report = on_log_file([&] { return faqsearch::report_query_log(path, options); });
    *json = faqsearch::capi::handed_out(faqsearch::report_to_json(report));
  });
}

}  // extern "C"
