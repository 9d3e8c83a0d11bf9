/* The C API's read path from C: requests with every field, searchers, results, hits, snippets
 * (see capi_test.c for the index searched here). */
#define _XOPEN_SOURCE 700

#include <faqsearch/faqsearch_c.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "capi_test_support.h"

/* Runs `query` with `request`'s other fields; returns the results (NULL on failure). */
static faqsearch_results* run(faqsearch_searcher* searcher, faqsearch_request* request, const char* query) {
  faqsearch_results* results = NULL;
  EXPECT_OK(faqsearch_request_set_query(request, query));
  EXPECT_OK(faqsearch_searcher_search(searcher, request, &results));
  return results;
}

/* The ids of the hits, space-separated, in rank order (static buffer). */
static const char* ids(const faqsearch_results* results) {
  static char buffer[1024];
  size_t count = 0;
  buffer[0] = '\0';
  if (results == NULL || faqsearch_results_count(results, &count) != FAQSEARCH_OK) return "(none)";
  for (size_t i = 0; i < count; ++i) {
    const faqsearch_hit* hit = NULL;
    if (faqsearch_results_hit(results, i, &hit) != FAQSEARCH_OK) return "(error)";
    if (i > 0) strncat(buffer, " ", sizeof buffer - strlen(buffer) - 1);
    strncat(buffer, hit->id, sizeof buffer - strlen(buffer) - 1);
  }
  return buffer;
}

/* One search per row: the request's fields, then the ids expected (the whole page, in order). */
struct search_case {
  const char* query;
  const char* lang;      /* NULL: identified */
  const char* category;  /* NULL: any */
  const char* tag;       /* NULL: any */
  const char* audience;  /* NULL: the default ("public") */
  size_t offset, limit;
  int typo_tolerance, prefix_last_word;
  const char* expected_ids;
};

static void test_search_cases(faqsearch_searcher* searcher) {
  static const struct search_case kCases[] = {
      {"parcel tracking", "en", NULL, NULL, NULL, 0, 10, 1, 1, "track-order"},
      {"paket", "de", NULL, NULL, NULL, 0, 10, 1, 1, "track-order"},
      {"refund", "en", NULL, NULL, NULL, 0, 10, 1, 1, "refund-time"},
      {"refund", "en", NULL, NULL, "agents", 0, 10, 1, 1, "goodwill"},
      {"refund shipping", "en", "returns", NULL, NULL, 0, 10, 1, 1, "refund-time"},
      {"refund shipping", "en", "shipping", NULL, NULL, 0, 10, 1, 1, "track-order"},
      {"where", "en", NULL, "delivery", NULL, 0, 10, 1, 1, "track-order"},
      {"where", "en", NULL, "no-such-tag", NULL, 0, 10, 1, 1, ""},
      {"voucher", "en", NULL, NULL, NULL, 0, 10, 1, 1, "new-article"},  /* the writer's synonyms */
      {"parcek", "en", NULL, NULL, NULL, 0, 10, 1, 0, "track-order"},   /* typo: one letter off */
      {"parcek", "en", NULL, NULL, NULL, 0, 10, 0, 0, ""},
      {"refun", "en", NULL, NULL, NULL, 0, 10, 0, 1, "refund-time"},    /* as you type */
      {"refun", "en", NULL, NULL, NULL, 0, 10, 0, 0, ""},
      {"", "en", NULL, NULL, NULL, 0, 10, 1, 1, ""},
  };
  for (size_t i = 0; i < sizeof kCases / sizeof kCases[0]; ++i) {
    const struct search_case* c = &kCases[i];
    faqsearch_request* request = NULL;
    EXPECT_OK(faqsearch_request_new(&request));
    if (c->lang) EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_LANGUAGES, c->lang));
    if (c->category) EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_CATEGORIES, c->category));
    if (c->tag) EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_TAGS, c->tag));
    if (c->audience) {
      EXPECT_OK(faqsearch_request_clear(request, FAQSEARCH_AUDIENCES));
      EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_AUDIENCES, c->audience));
    }
    EXPECT_OK(faqsearch_request_set_offset(request, c->offset));
    EXPECT_OK(faqsearch_request_set_limit(request, c->limit));
    EXPECT_OK(faqsearch_request_set_typo_tolerance(request, c->typo_tolerance));
    EXPECT_OK(faqsearch_request_set_prefix_last_word(request, c->prefix_last_word));
    faqsearch_results* results = run(searcher, request, c->query);
    if (strcmp(ids(results), c->expected_ids) != 0) {
      fprintf(stderr, "case %zu \"%s\": hits \"%s\", expected \"%s\"\n", i, c->query, ids(results), c->expected_ids);
      CHECK(0);
    } else {
      CHECK(1);
    }
    faqsearch_results_free(results);
    faqsearch_request_free(request);
  }
}

/* The text of `snippet` at its i-th highlight (static buffer). */
static const char* highlighted(const faqsearch_snippet* snippet, size_t i) {
  static char buffer[256];
  if (i >= snippet->highlight_count) return "(no such highlight)";
  const faqsearch_range r = snippet->highlights[i];
  snprintf(buffer, sizeof buffer, "%.*s", (int)(r.end - r.begin), snippet->text + r.begin);
  return buffer;
}

static void test_hit_fields(faqsearch_searcher* searcher, faqsearch_request* request) {
  faqsearch_results* results = run(searcher, request, "order parcel");
  size_t count = 0, total = 0;
  const faqsearch_hit* hit = NULL;
  EXPECT_OK(faqsearch_results_count(results, &count));
  EXPECT_OK(faqsearch_results_total(results, &total));
  CHECK(count >= 1 && total >= count);
  EXPECT_OK(faqsearch_results_hit(results, 0, &hit));
  CHECK_STR(hit->id, "track-order");
  CHECK_STR(hit->lang, "en");
  CHECK_STR(hit->title, "Where is my order?");
  CHECK_STR(hit->url, "https://help.example/track");
  CHECK_STR(hit->category, "shipping");
  CHECK_STR(hit->audience, "public");
  CHECK_STR(hit->updated_at, "2026-01-01T00:00:00Z");
  CHECK(hit->tag_count == 2 && strcmp(hit->tags[0], "tracking") == 0 && strcmp(hit->tags[1], "delivery") == 0);
  CHECK(hit->rank == 0 && hit->score > 0);
  CHECK(hit->promoted == 1 && hit->outdated == 0 && hit->vote_sum == 3 && hit->vote_count == 4 && hit->position == 2);
  CHECK(hit->title_snippet.highlight_count >= 1);
  CHECK_STR(highlighted(&hit->title_snippet, 0), "order");
  CHECK(hit->snippet.text_bytes == strlen(hit->snippet.text));
  int parcel = 0;
  for (size_t i = 0; i < hit->snippet.highlight_count; ++i) parcel |= strcmp(highlighted(&hit->snippet, i), "parcel") == 0;
  CHECK(parcel);
  char* html = NULL;
  EXPECT_OK(faqsearch_snippet_html(&hit->snippet, NULL, NULL, &html));
  CHECK(html != NULL && strstr(html, "<mark>parcel</mark>") != NULL);
  faqsearch_string_free(html);
  EXPECT_OK(faqsearch_snippet_html(&hit->title_snippet, "<b>", "</b>", &html));
  CHECK(html != NULL && strcmp(html, "Where is my <b>order</b>?") == 0);
  faqsearch_string_free(html);
  faqsearch_string_free(NULL);

  /* Snippet errors: NULL arguments, a highlight outside the text, text NULL with bytes. */
  faqsearch_snippet bad = hit->snippet;
  const faqsearch_range outside = {0, bad.text_bytes + 1};
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_snippet_html(NULL, NULL, NULL, &html), "snippet is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_snippet_html(&bad, NULL, NULL, NULL), "out is NULL");
  bad.highlights = &outside;
  bad.highlight_count = 1;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_snippet_html(&bad, NULL, NULL, &html), "outside the text");
  bad.highlights = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_snippet_html(&bad, NULL, NULL, &html), "highlights is NULL");
  bad.highlight_count = 0;
  bad.text = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_snippet_html(&bad, NULL, NULL, &html), "text is NULL");

  /* Result errors. */
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_hit(results, count, &hit), "hit");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_hit(results, 0, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_hit(NULL, 0, &hit), "results is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_count(results, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_count(NULL, &count), "results is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_total(results, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_total(NULL, &total), "results is NULL");
  faqsearch_results_free(results);
  faqsearch_results_free(NULL);

  /* Without snippets: the plain title, an empty body passage; a snippet length; a second page. */
  EXPECT_OK(faqsearch_request_set_snippets(request, 0));
  results = run(searcher, request, "order parcel");
  EXPECT_OK(faqsearch_results_hit(results, 0, &hit));
  CHECK(hit->snippet.text_bytes == 0 && hit->title_snippet.highlight_count == 0);
  faqsearch_results_free(results);
  EXPECT_OK(faqsearch_request_set_snippets(request, 1));
  EXPECT_OK(faqsearch_request_set_snippet_bytes(request, 20));
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_AUDIENCES, "agents"));
  results = run(searcher, request, "refund shipping");
  EXPECT_OK(faqsearch_results_count(results, &count));
  CHECK(count == 3);
  EXPECT_OK(faqsearch_results_hit(results, 0, &hit));
  CHECK(hit->snippet.text_bytes > 0 && hit->snippet.text_bytes < 60 && hit->snippet.ends_mid_text);
  faqsearch_results_free(results);
  EXPECT_OK(faqsearch_request_set_offset(request, 1));
  EXPECT_OK(faqsearch_request_set_limit(request, 1));
  results = run(searcher, request, "refund shipping");
  EXPECT_OK(faqsearch_results_count(results, &count));
  EXPECT_OK(faqsearch_results_hit(results, 0, &hit));
  CHECK(count == 1 && hit->rank == 1);
  faqsearch_results_free(results);

  /* Sorted by recency: the only dated article first, whatever its score; a bad sort is refused. */
  EXPECT_OK(faqsearch_request_set_offset(request, 0));
  EXPECT_OK(faqsearch_request_set_limit(request, 10));
  EXPECT_OK(faqsearch_request_set_sort(request, FAQSEARCH_SORT_UPDATED));
  results = run(searcher, request, "refund money parcel");
  EXPECT_OK(faqsearch_results_count(results, &count));
  EXPECT_OK(faqsearch_results_hit(results, 0, &hit));
  CHECK(count >= 2);
  CHECK_STR(hit->id, "track-order");
  faqsearch_results_free(results);
  EXPECT_OK(faqsearch_request_set_sort(request, FAQSEARCH_SORT_RELEVANCE));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_sort(request, (faqsearch_sort)7), "not a faqsearch_sort");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_sort(NULL, FAQSEARCH_SORT_UPDATED), "request is NULL");
}

static void test_search_errors(faqsearch_searcher* searcher, const char* corrupt_dir) {
  faqsearch_request* request = NULL;
  faqsearch_results* results = NULL;
  faqsearch_searcher* other = NULL;
  EXPECT_OK(faqsearch_request_new(&request));
  EXPECT_OK(faqsearch_request_set_limit(request, 0));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(searcher, request, &results), "limit");
  EXPECT_OK(faqsearch_request_set_limit(request, 10));
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_LANGUAGES, "not a tag!"));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(searcher, request, &results), "not a tag!");
  EXPECT_OK(faqsearch_request_clear(request, FAQSEARCH_LANGUAGES));
  char* long_query = malloc(3001);
  memset(long_query, 'a', 3000);
  long_query[3000] = '\0';
  EXPECT_OK(faqsearch_request_set_query(request, long_query));
  free(long_query);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(searcher, request, &results), "bytes");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(NULL, request, &results), "searcher is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(searcher, NULL, &results), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(searcher, request, NULL), "out is NULL");
  CHECK(results == NULL);
  faqsearch_request_free(request);

  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_open(NULL, NULL, &other), "dir is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_open(corrupt_dir, NULL, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_searcher_open(corrupt_dir, NULL, &other), "no faqsearch index");
  /* A damaged manifest. */
  mkdir(corrupt_dir, 0755);
  char manifest[4200];
  snprintf(manifest, sizeof manifest, "%s/faqsearch-index.json", corrupt_dir);
  FILE* f = fopen(manifest, "w");
  CHECK(f != NULL);
  if (f) fputs("{not json", f), fclose(f);
  EXPECT_FAIL(FAQSEARCH_INDEX_CORRUPT, faqsearch_searcher_open(corrupt_dir, NULL, &other), "unreadable");
  faqsearch_writer* writer = NULL;
  EXPECT_FAIL(FAQSEARCH_INDEX_CORRUPT, faqsearch_writer_open(corrupt_dir, FAQSEARCH_OPEN, NULL, &writer), "unreadable");
  CHECK(other == NULL && writer == NULL);

  size_t count = 0;
  const char* lang = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_language(searcher, 99, &lang), "language 99");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_language(searcher, 0, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_language(NULL, 0, &lang), "searcher is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_languages(searcher, NULL), "count is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_languages(NULL, &count), "searcher is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_reopen(NULL), "searcher is NULL");
}

/* Languages, fallback, translations, sections and served-language filters, facets. The index: track-order
 * in en and de, refund-time in en only (public); English has the most articles. */
static void test_languages_and_facets(faqsearch_searcher* searcher) {
  faqsearch_request* request = NULL;
  EXPECT_OK(faqsearch_request_new(&request));
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_LANGUAGES, "de-CH"));
  EXPECT_OK(faqsearch_request_set_facets(request, 1));
  /* German reads track-order in German; refund-time has no German: served in English. */
  faqsearch_results* results = run(searcher, request, "Paket refunds");
  size_t count = 0;
  const char* text = NULL;
  EXPECT_OK(faqsearch_results_languages(results, &count));
  CHECK(count == 2);
  EXPECT_OK(faqsearch_results_language(results, 0, &text));
  CHECK_STR(text, "de");
  EXPECT_OK(faqsearch_results_language(results, 1, &text));
  CHECK_STR(text, "en");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_language(results, 2, &text), "language 2 of 2");
  EXPECT_OK(faqsearch_results_count(results, &count));
  CHECK(count == 2);
  for (size_t i = 0; i < count; ++i) {
    const faqsearch_hit* hit = NULL;
    EXPECT_OK(faqsearch_results_hit(results, i, &hit));
    if (strcmp(hit->id, "track-order") == 0) {
      CHECK_STR(hit->lang, "de");
      CHECK(!hit->fallback && hit->translation_count == 1);
      CHECK_STR(hit->translations[0], "en");
    } else {
      CHECK_STR(hit->id, "refund-time");
      CHECK_STR(hit->lang, "en");
      CHECK(hit->fallback && hit->translation_count == 0 && hit->translations == NULL);
    }
    CHECK_STR(hit->section, "");
  }
  /* Facets: per category and served language, each article once. */
  size_t articles = 0;
  EXPECT_OK(faqsearch_results_facet_count(results, FAQSEARCH_FACET_CATEGORY, &count));
  CHECK(count == 2);
  EXPECT_OK(faqsearch_results_facet(results, FAQSEARCH_FACET_CATEGORY, 0, &text, &articles));
  CHECK_STR(text, "returns");
  CHECK(articles == 1);
  EXPECT_OK(faqsearch_results_facet_count(results, FAQSEARCH_FACET_LANG, &count));
  CHECK(count == 2);
  EXPECT_OK(faqsearch_results_facet(results, FAQSEARCH_FACET_LANG, 1, &text, &articles));
  CHECK_STR(text, "en");
  CHECK(articles == 1);
  EXPECT_OK(faqsearch_results_facet_count(results, FAQSEARCH_FACET_SECTION, &count));
  CHECK(count == 0);
  int exhaustive = 0;
  EXPECT_OK(faqsearch_results_facets_exhaustive(results, &exhaustive));
  CHECK(exhaustive);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_facet_count(results, 9, &count), "field 9");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT,
              faqsearch_results_facet(results, FAQSEARCH_FACET_TAG, 99, &text, &articles), "facet value 99");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_facet(results, FAQSEARCH_FACET_TAG, 0, NULL, &articles),
              "value is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_facets_exhaustive(results, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_languages(NULL, &count), "results is NULL");
  faqsearch_results_free(results);

  /* Only articles served in English; then no fallback at all; then a section nobody has. */
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_HIT_LANGUAGES, "en"));
  results = run(searcher, request, "Paket refunds");
  CHECK_STR(ids(results), "refund-time");
  faqsearch_results_free(results);
  EXPECT_OK(faqsearch_request_clear(request, FAQSEARCH_HIT_LANGUAGES));
  EXPECT_OK(faqsearch_request_set_fallback(request, 0));
  results = run(searcher, request, "Paket refunds");
  CHECK_STR(ids(results), "track-order");
  faqsearch_results_free(results);
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_SECTIONS, "nowhere"));
  results = run(searcher, request, "Paket refunds");
  CHECK_STR(ids(results), "");
  faqsearch_results_free(results);
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_HIT_LANGUAGES, "english"));
  results = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_searcher_search(searcher, request, &results), "english");
  CHECK(results == NULL);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_fallback(NULL, 1), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_facets(NULL, 1), "request is NULL");
  faqsearch_request_free(request);
}

void test_search(const char* dir, const char* corrupt_dir) {
  faqsearch_searcher* searcher = NULL;
  faqsearch_searcher* sharing = NULL;
  faqsearch_request* request = NULL;
  EXPECT_OK(faqsearch_searcher_open(dir, NULL, &searcher));
  EXPECT_OK(faqsearch_searcher_open(dir, searcher, &sharing));
  size_t count = 0;
  const char* lang = NULL;
  EXPECT_OK(faqsearch_searcher_languages(sharing, &count));
  CHECK(count == 2);
  EXPECT_OK(faqsearch_searcher_language(sharing, 0, &lang));
  CHECK_STR(lang, "de");
  EXPECT_OK(faqsearch_searcher_language(sharing, 1, &lang));
  CHECK_STR(lang, "en");
  test_search_cases(searcher);
  test_languages_and_facets(searcher);
  EXPECT_OK(faqsearch_request_new(&request));
  EXPECT_OK(faqsearch_request_add(request, FAQSEARCH_LANGUAGES, "en"));
  test_hit_fields(sharing, request);
  faqsearch_request_free(request);
  test_search_errors(searcher, corrupt_dir);

  /* A commit after the searcher opened: seen after reopen (and by searches by themselves). */
  faqsearch_writer* writer = NULL;
  const faqsearch_article late = {.id = "late", .lang = "en", .title = "Opening hours", .body = "We answer from 8 to 20."};
  EXPECT_OK(faqsearch_writer_open(dir, FAQSEARCH_OPEN, NULL, &writer));
  EXPECT_OK(faqsearch_writer_upsert(writer, &late));
  EXPECT_OK(faqsearch_writer_commit(writer));
  faqsearch_writer_free(writer);
  EXPECT_OK(faqsearch_searcher_reopen(searcher));
  EXPECT_OK(faqsearch_request_new(&request));
  faqsearch_results* results = run(searcher, request, "hours");
  CHECK_STR(ids(results), "late");
  faqsearch_results_free(results);
  faqsearch_request_free(request);
  faqsearch_searcher_free(sharing);
  faqsearch_searcher_free(searcher);
  faqsearch_searcher_free(NULL);
}
