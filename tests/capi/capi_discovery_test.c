/* The C API's discovery calls from C: did-you-mean and diagnosis on results, search-box
 * suggestions, related articles (see capi_test.c for the index searched here). */
#include <faqsearch/faqsearch_c.h>

#include <stdio.h>
#include <string.h>

#include "capi_test_support.h"

/* A request in `lang` (NULL: none), for `audience` (NULL: public) and `category` (NULL: any). */
static faqsearch_request* request_for(const char* lang, const char* audience, const char* category) {
  faqsearch_request* request = NULL;
  EXPECT_OK(faqsearch_request_new(&request));
  if (lang) EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_LANGUAGES, lang));
  if (category) EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_CATEGORIES, category));
  if (audience) {
    EXPECT_OK(faqsearch_request_clear(request, FAQSEARCH_AUDIENCES));
    EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_AUDIENCES, audience));
  }
  return request;
}

/* One search per row and what it says beyond its hits. */
struct discovery_case {
  const char* query;
  const char* lang;
  const char* category;
  int fallback;
  const char* did_you_mean; /* NULL: none */
  int diagnosed;            /* 0: no diagnosis */
  int reason;               /* a faqsearch_empty_reason when diagnosed */
  const char* detail;       /* "de=1" (other languages) or "category" (filters); "" otherwise */
};

static void test_corrections_and_diagnoses(faqsearch_searcher* searcher) {
  static const struct discovery_case kCases[] = {
      {"refund", "en", NULL, 1, NULL, 0, 0, ""},
      {"trakcing", "en", NULL, 1, "tracking", 0, 0, ""},
      {"zzqqxxvv", "en", NULL, 1, NULL, 1, FAQSEARCH_REASON_NOTHING, ""},
      {"refunds", "en", "shipping", 1, NULL, 1, FAQSEARCH_REASON_FILTERED, "category"},
      {"bestellung", "en", NULL, 0, NULL, 1, FAQSEARCH_REASON_OTHER_LANGUAGES, "de=1"},
  };
  for (size_t i = 0; i < sizeof kCases / sizeof kCases[0]; ++i) {
    const struct discovery_case* c = &kCases[i];
    faqsearch_request* request = request_for(c->lang, NULL, c->category);
    faqsearch_results* results = NULL;
    EXPECT_OK(faqsearch_request_set_fallback(request, c->fallback));
    EXPECT_OK(faqsearch_request_set_query(request, c->query));
    EXPECT_OK(faqsearch_searcher_search(searcher, request, &results));
    const char* corrected = "unset";
    const faqsearch_range* changed = NULL;
    size_t changed_count = 99;
    EXPECT_OK(faqsearch_results_did_you_mean(results, &corrected, &changed, &changed_count));
    if (c->did_you_mean == NULL) {
      CHECK(corrected == NULL && changed == NULL && changed_count == 0);
    } else {
      CHECK_STR(corrected ? corrected : "(none)", c->did_you_mean);
      CHECK(changed_count == 1 && changed != NULL && changed[0].begin == 0 && changed[0].end == strlen(c->did_you_mean));
    }
    int present = -1, reason = -1, fallback_only = -1;
    EXPECT_OK(faqsearch_results_diagnosis(results, &present, &reason, &fallback_only));
    CHECK(present == c->diagnosed);
    CHECK(reason == c->reason);
    CHECK(fallback_only == 0);
    char detail[256] = "";
    size_t count = 0;
    EXPECT_OK(faqsearch_results_diagnosis_language_count(results, &count));
    for (size_t j = 0; j < count; ++j) {
      const char* lang = NULL;
      size_t articles = 0;
      EXPECT_OK(faqsearch_results_diagnosis_language(results, j, &lang, &articles));
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "%s=%zu", lang, articles);
    }
    EXPECT_OK(faqsearch_results_diagnosis_filter_count(results, &count));
    for (size_t j = 0; j < count; ++j) {
      const char* field = NULL;
      EXPECT_OK(faqsearch_results_diagnosis_filter(results, j, &field));
      snprintf(detail + strlen(detail), sizeof detail - strlen(detail), "%s", field);
    }
    CHECK_STR(detail, c->detail);
    const char* lang = NULL;
    size_t articles = 0;
    EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_diagnosis_language(results, 5, &lang, &articles), "language 5");
    EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_diagnosis_filter(results, 5, &lang), "filter 5");
    faqsearch_results_free(results);
    faqsearch_request_free(request);
  }
  CHECK_STR(faqsearch_empty_reason_name(FAQSEARCH_REASON_ONLY_STOP_WORDS), "only_stop_words");
  CHECK_STR(faqsearch_empty_reason_name(FAQSEARCH_REASON_CORRECTION), "correction");
  CHECK_STR(faqsearch_empty_reason_name(77), "unknown");
}

static void test_turning_them_off(faqsearch_searcher* searcher) {
  faqsearch_request* request = request_for("en", NULL, NULL);
  faqsearch_results* results = NULL;
  EXPECT_OK(faqsearch_request_set_corrections(request, 0));
  EXPECT_OK(faqsearch_request_set_diagnose(request, 0));
  EXPECT_OK(faqsearch_request_set_query(request, "trakcing"));
  EXPECT_OK(faqsearch_searcher_search(searcher, request, &results));
  const char* corrected = "unset";
  const faqsearch_range* changed = NULL;
  size_t changed_count = 0;
  int present = -1, reason = -1, fallback_only = -1;
  EXPECT_OK(faqsearch_results_did_you_mean(results, &corrected, &changed, &changed_count));
  CHECK(corrected == NULL);
  EXPECT_OK(faqsearch_results_diagnosis(results, &present, &reason, &fallback_only));
  CHECK(present == 0);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_did_you_mean(results, NULL, &changed, &changed_count), "query is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_diagnosis(NULL, &present, &reason, &fallback_only), "results is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_diagnose(NULL, 1), "request is NULL");
  faqsearch_results_free(results);
  faqsearch_request_free(request);
}

/* The completions of `text` for `audience` as "word:articles ..." (static buffer), and the ids of
 * the titles after a '|'. */
static const char* suggested(faqsearch_searcher* searcher, const char* text, const char* audience) {
  static char buffer[512];
  faqsearch_request* request = request_for("en", audience, NULL);
  faqsearch_suggestions* suggestions = NULL;
  size_t count = 0;
  buffer[0] = '\0';
  EXPECT_OK(faqsearch_searcher_suggest(searcher, text, request, 5, 5, &suggestions));
  EXPECT_OK(faqsearch_suggestions_completion_count(suggestions, &count));
  for (size_t i = 0; i < count; ++i) {
    const faqsearch_completion* c = NULL;
    EXPECT_OK(faqsearch_suggestions_completion(suggestions, i, &c));
    snprintf(buffer + strlen(buffer), sizeof buffer - strlen(buffer), "%s:%zu ", c->word, c->articles);
  }
  strncat(buffer, "|", sizeof buffer - strlen(buffer) - 1);
  EXPECT_OK(faqsearch_suggestions_title_count(suggestions, &count));
  for (size_t i = 0; i < count; ++i) {
    const faqsearch_hit* hit = NULL;
    EXPECT_OK(faqsearch_suggestions_title(suggestions, i, &hit));
    snprintf(buffer + strlen(buffer), sizeof buffer - strlen(buffer), " %s", hit->id);
  }
  const faqsearch_completion* none = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_suggestions_completion(suggestions, 50, &none), "completion 50");
  faqsearch_suggestions_free(suggestions);
  faqsearch_request_free(request);
  return buffer;
}

static void test_suggestions(faqsearch_searcher* searcher) {
  /* "tracking" is in a body and tags only: a completion, no title. */
  CHECK_STR(suggested(searcher, "trac", NULL), "tracking:1 |");
  CHECK_STR(suggested(searcher, "my ord", NULL), "order:2 | track-order");
  /* A word only an agents' article has is completed for agents only. */
  CHECK_STR(suggested(searcher, "goodw", NULL), "|");
  CHECK_STR(suggested(searcher, "goodw", "agents"), "goodwill:1 | goodwill");
  faqsearch_suggestions* suggestions = NULL;
  EXPECT_OK(faqsearch_searcher_suggest(searcher, "whe", NULL, 2, 0, &suggestions));
  size_t count = 9;
  EXPECT_OK(faqsearch_suggestions_title_count(suggestions, &count));
  CHECK(count == 0);
  faqsearch_suggestions_free(suggestions);
  faqsearch_suggestions_free(NULL);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_suggest(searcher, "x", NULL, 51, 0, &suggestions), "");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_suggest(searcher, NULL, NULL, 1, 1, &suggestions), "text is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_suggest(NULL, "x", NULL, 1, 1, &suggestions), "searcher is NULL");
}

static void test_related(faqsearch_searcher* searcher) {
  faqsearch_request* request = request_for("en", NULL, NULL);
  faqsearch_results* results = NULL;
  EXPECT_OK(faqsearch_searcher_related(searcher, "refund-time", request, &results));
  size_t count = 0, total = 99;
  EXPECT_OK(faqsearch_results_count(results, &count));
  EXPECT_OK(faqsearch_results_total(results, &total));
  CHECK(total == count);
  for (size_t i = 0; i < count; ++i) {
    const faqsearch_hit* hit = NULL;
    EXPECT_OK(faqsearch_results_hit(results, i, &hit));
    CHECK(strcmp(hit->id, "refund-time") != 0); /* never itself */
    CHECK(strcmp(hit->id, "goodwill") != 0);    /* nor what the caller may not see */
  }
  faqsearch_results_free(results);
  /* An article of another audience is, for a public caller, no article at all. */
  results = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_related(searcher, "goodwill", request, &results), "goodwill");
  CHECK(results == NULL);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_related(searcher, NULL, request, &results), "id is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_related(searcher, "x", NULL, &results), "request is NULL");
  faqsearch_request_free(request);
}

void test_discovery(const char* dir) {
  faqsearch_searcher* searcher = NULL;
  EXPECT_OK(faqsearch_searcher_open(dir, NULL, &searcher));
  test_corrections_and_diagnoses(searcher);
  test_turning_them_off(searcher);
  test_suggestions(searcher);
  test_related(searcher);
  faqsearch_searcher_free(searcher);
}
