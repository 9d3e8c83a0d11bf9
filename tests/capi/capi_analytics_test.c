/* The C API's search analytics from C: a query log of searches and its report (see capi_test.c
 * for the index searched here). */
#include <faqsearch/faqsearch_c.h>

#include <stdio.h>
#include <string.h>

#include "capi_test_support.h"

/* Searches `query` in English and records it in `log`. */
static void search_and_record(faqsearch_searcher* searcher, faqsearch_query_log* log, const char* query) {
  faqsearch_request* request = NULL;
  faqsearch_results* results = NULL;
  EXPECT_OK(faqsearch_request_new(&request));
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_LANGUAGES, "en"));
  EXPECT_OK(faqsearch_request_set_query(request, query));
  EXPECT_OK(faqsearch_searcher_search(searcher, request, &results));
  EXPECT_OK(faqsearch_query_log_record(log, request, results));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_record(NULL, request, results), "log is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_record(log, NULL, results), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_record(log, request, NULL), "results is NULL");
  faqsearch_results_free(results);
  faqsearch_request_free(request);
}

/* The report of `file` since `since` (top 20), or "(failed)"; a static buffer. */
static const char* report(const char* file, const char* since) {
  static char buffer[4096];
  char* json = NULL;
  snprintf(buffer, sizeof buffer, "(failed)");
  EXPECT_OK(faqsearch_query_log_report(file, since, 0, &json));
  if (json != NULL) snprintf(buffer, sizeof buffer, "%s", json);
  faqsearch_string_free(json);
  return buffer;
}

/* `needle` is in `haystack`; prints both when not. */
#define CHECK_HAS(haystack, needle)                                                              \
  do {                                                                                           \
    const char* h_ = (haystack);                                                                 \
    if (strstr(h_, (needle)) == NULL) fprintf(stderr, "no %s in %s\n", (needle), h_);            \
    CHECK(strstr(h_, (needle)) != NULL);                                                         \
  } while (0)

void test_analytics(const char* dir, const char* log_file, const char* missing_file) {
  faqsearch_searcher* searcher = NULL;
  faqsearch_query_log* log = NULL;
  EXPECT_OK(faqsearch_searcher_open(dir, NULL, &searcher));
  EXPECT_OK(faqsearch_query_log_open(log_file, &log));
  search_and_record(searcher, log, "refund");
  search_and_record(searcher, log, "Refund");
  search_and_record(searcher, log, "zzqqxxvv");
  search_and_record(searcher, log, "trakcing");
  char* error = NULL;
  EXPECT_OK(faqsearch_query_log_error(log, &error));
  CHECK_STR(error ? error : "(null)", "");
  faqsearch_string_free(error);

  const char* all = report(log_file, NULL);
  CHECK_HAS(all, "\"searches\":4");
  CHECK_HAS(all, "\"zero_results\":1");
  CHECK_HAS(all, "\"corrected\":1");
  CHECK_HAS(all, "\"top_searches\":[{\"query\":\"refund\",\"searches\":2,\"zero_results\":0}");
  CHECK_HAS(all, "\"corrections\":[{\"corrected\":\"tracking\",\"searches\":1,\"typed\":\"trakcing\"}]");
  CHECK_HAS(all, "{\"language\":\"en\",\"queries\":[{\"query\":\"zzqqxxvv\",\"searches\":1,\"zero_results\":1}],"
                 "\"reason\":\"nothing\",\"searches\":1}");
  CHECK_HAS(all, "\"malformed\":0");
  const char* later = report(log_file, "2999-01-01");
  CHECK_HAS(later, "\"searches\":0");
  CHECK_HAS(later, "\"before_since\":4");

  char* json = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_report(log_file, "yesterday", 0, &json), "yesterday");
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_query_log_report(missing_file, NULL, 0, &json), "not a regular file");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_report(NULL, NULL, 0, &json), "file is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_report(log_file, NULL, 0, NULL), "json is NULL");
  CHECK(json == NULL);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_error(NULL, &error), "log is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_error(log, NULL), "out is NULL");

  faqsearch_query_log* none = NULL;
  char in_missing_dir[4300];
  snprintf(in_missing_dir, sizeof in_missing_dir, "%s/log.jsonl", missing_file);
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_query_log_open(in_missing_dir, &none), "cannot open");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_open(NULL, &none), "file is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_query_log_open(log_file, NULL), "out is NULL");
  CHECK(none == NULL);
  faqsearch_query_log_free(NULL);
  faqsearch_query_log_free(log);
  faqsearch_searcher_free(searcher);
}
