/* Checks for the C API's tests in C: each prints what failed with its line, and counts. */
#ifndef FAQSEARCH_CAPI_TEST_SUPPORT_H
#define FAQSEARCH_CAPI_TEST_SUPPORT_H

#include <faqsearch/faqsearch_c.h>

#include <stdio.h>
#include <string.h>

extern int capi_passed;
extern int capi_failed;

static inline void capi_check(int ok, const char* what, const char* file, int line) {
  if (ok) {
    ++capi_passed;
  } else {
    ++capi_failed;
    fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
  }
}

/* A call returned `expected`. On failure, faqsearch_last_error() names the function... and holds
 * `needle`; on success it is empty. */
static inline void capi_expect(faqsearch_status got, faqsearch_status expected, const char* needle,
                               const char* call, const char* file, int line) {
  const char* message = faqsearch_last_error();
  int ok = got == expected;
  if (ok && expected != FAQSEARCH_OK) ok = strncmp(message, "faqsearch_", 10) == 0 && strstr(message, needle) != NULL;
  if (ok && expected == FAQSEARCH_OK) ok = message[0] == '\0';
  if (!ok) {
    fprintf(stderr, "%s:%d: %s gave %s (\"%s\"), expected %s with \"%s\"\n", file, line, call,
            faqsearch_status_name(got), message, faqsearch_status_name(expected), needle);
  }
  capi_check(ok, call, file, line);
}

#define CHECK(cond) capi_check((cond) != 0, #cond, __FILE__, __LINE__)
/* Strings equal; prints both when not. */
static inline void capi_check_str(const char* got, const char* want, const char* what, const char* file, int line) {
  const int ok = strcmp(got, want) == 0;
  if (!ok) fprintf(stderr, "%s:%d: \"%s\", expected \"%s\"\n", file, line, got, want);
  capi_check(ok, what, file, line);
}
#define CHECK_STR(got, want) capi_check_str((got), (want), #got " == " #want, __FILE__, __LINE__)
#define EXPECT_OK(call) capi_expect((call), FAQSEARCH_OK, "", #call, __FILE__, __LINE__)
#define EXPECT_FAIL(status, call, needle) capi_expect((call), (status), (needle), #call, __FILE__, __LINE__)

/* capi_search_test.c: searching the index test_builder and test_writer made in `dir`. */
void test_search(const char* dir, const char* corrupt_dir);

/* capi_discovery_test.c: did-you-mean, diagnosis, suggestions and related articles there. */
void test_discovery(const char* dir);

/* capi_analytics_test.c: a query log of searches there, written to `log_file`, and its report;
 * `missing_file` names no file. */
void test_analytics(const char* dir, const char* log_file, const char* missing_file);

#endif
