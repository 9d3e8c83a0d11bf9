/* The C API (include/faqsearch/faqsearch_c.h) from C, compiled as C99: every function, its
 * results and every error path it has (NULL handles and arguments, bad values, and the index
 * errors that reach it). `capi_test WORK_DIR`; prints "N passed, N failed". */
#define _XOPEN_SOURCE 700

#include <faqsearch/faqsearch_c.h>

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "capi_test_support.h"

int capi_passed = 0;
int capi_failed = 0;

static char work[4096];

/* WORK_DIR/name, in a static buffer per slot (a few paths are alive at once). */
static const char* path(int slot, const char* name) {
  static char buffers[4][4200];
  snprintf(buffers[slot], sizeof buffers[slot], "%s/%s", work, name);
  return buffers[slot];
}

static const char* const kShippingTags[] = {"tracking", "delivery"};
static const char* const kNullTag[] = {"ok", NULL};

/* The sample help center: two languages, two categories, a tagged article, an internal one. */
static const faqsearch_article kArticles[] = {
    {.id = "track-order", .lang = "en", .title = "Where is my order?",
     .body = "Open the tracking link in your shipping email to see where your parcel is.",
     .url = "https://help.example/track", .category = "shipping", .tags = kShippingTags, .tag_count = 2,
     .updated_at = "2026-01-01T00:00:00Z", .promoted = 1, .vote_sum = 3, .vote_count = 4, .position = 2},
    {.id = "track-order", .lang = "de", .title = "Wo ist meine Bestellung?",
     .body = "Über den Link in der Versandbestätigung sehen Sie, wo Ihr Paket ist.", .category = "shipping"},
    {.id = "refund-time", .lang = "en", .title = "When do I get my money back?",
     .body = "Refunds reach your account 3 to 5 days after we receive the return.", .category = "returns"},
    {.id = "goodwill", .lang = "en", .title = "Goodwill refunds",
     .body = "Agents may refund shipping costs as a goodwill gesture.", .category = "returns",
     .audience = "agents"},
};
enum { kArticleCount = sizeof kArticles / sizeof kArticles[0] };

static int remove_entry(const char* file, const struct stat* st, int flag, struct FTW* ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(file);
}

static void test_versions_and_statuses(void) {
  static const struct {
    int status;
    const char* name;
  } kNames[] = {
      {FAQSEARCH_OK, "FAQSEARCH_OK"},
      {FAQSEARCH_INVALID_ARGUMENT, "FAQSEARCH_INVALID_ARGUMENT"},
      {FAQSEARCH_UNSUPPORTED_LANGUAGE, "FAQSEARCH_UNSUPPORTED_LANGUAGE"},
      {FAQSEARCH_INDEX_ERROR, "FAQSEARCH_INDEX_ERROR"},
      {FAQSEARCH_INDEX_LOCKED, "FAQSEARCH_INDEX_LOCKED"},
      {FAQSEARCH_INDEX_CORRUPT, "FAQSEARCH_INDEX_CORRUPT"},
      {FAQSEARCH_INDEX_MISMATCH, "FAQSEARCH_INDEX_MISMATCH"},
      {FAQSEARCH_IMPORT_ERROR, "FAQSEARCH_IMPORT_ERROR"},
      {FAQSEARCH_OUT_OF_MEMORY, "FAQSEARCH_OUT_OF_MEMORY"},
      {FAQSEARCH_INTERNAL_ERROR, "FAQSEARCH_INTERNAL_ERROR"},
      {42, "FAQSEARCH_UNKNOWN_STATUS"},
  };
  for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i) {
    CHECK_STR(faqsearch_status_name(kNames[i].status), kNames[i].name);
  }
  CHECK_STR(faqsearch_version(), FAQSEARCH_VERSION_STRING);
  CHECK(faqsearch_abi_version() == FAQSEARCH_C_ABI_VERSION);
  CHECK_STR(faqsearch_last_error(), "");
}

static void test_settings(void) {
  faqsearch_settings s;
  memset(&s, 0xff, sizeof s);
  EXPECT_OK(faqsearch_settings_init(&s));
  CHECK(s.word_pairs == 1 && s.title_boost == 5 && s.max_term_bytes == 64 && s.hunspell_directory == NULL);
  CHECK(s.tags_weight == 4 && s.section_weight == 2 && s.category_weight == 2);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_settings_init(NULL), "settings is NULL");
}

static void test_builder(void) {
  const char* dir = path(0, "bulk");
  faqsearch_builder* builder = NULL;
  faqsearch_index_state state = FAQSEARCH_INDEX_READY;
  size_t added = 99;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_create(NULL, NULL, 0, &builder), "dir is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_create(dir, NULL, 0, NULL), "out is NULL");
  EXPECT_OK(faqsearch_index_state_of(dir, &state));
  CHECK(state == FAQSEARCH_INDEX_NONE);
  EXPECT_OK(faqsearch_builder_create(dir, NULL, 0, &builder));
  EXPECT_OK(faqsearch_index_state_of(dir, &state));
  CHECK(state == FAQSEARCH_INDEX_BEING_BUILT);
  faqsearch_builder* second = NULL;
  EXPECT_FAIL(FAQSEARCH_INDEX_LOCKED, faqsearch_builder_create(dir, NULL, 100, &second), "faqsearch_builder_create");
  CHECK(second == NULL);  /* outputs are written only on success */
  for (int i = 0; i < kArticleCount; ++i) EXPECT_OK(faqsearch_builder_add(builder, &kArticles[i]));
  faqsearch_article bad = kArticles[0];
  bad.id = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_add(builder, &bad), "id");
  bad = kArticles[0];
  bad.tags = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_add(builder, &bad), "article.tags is NULL");
  bad.tags = kNullTag;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_add(builder, &bad), "article.tags[1] is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_add(builder, NULL), "article is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_add(NULL, &kArticles[0]), "builder is NULL");
  EXPECT_OK(faqsearch_builder_added(builder, &added));
  CHECK(added == kArticleCount);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_added(builder, NULL), "out is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_added(NULL, &added), "builder is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_set_synonyms(builder, "uk, united kingdom"), "synonyms_text:1:");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_set_synonyms(builder, NULL), "synonyms_text is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_set_synonyms(NULL, ""), "builder is NULL");
  EXPECT_OK(faqsearch_builder_set_synonyms(builder, "[en]\nparcel, package\n"));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_finish(NULL), "builder is NULL");
  EXPECT_OK(faqsearch_builder_finish(builder));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_builder_add(builder, &kArticles[0]), "faqsearch_builder_add");
  faqsearch_builder_free(builder);
  faqsearch_builder_free(NULL);
  EXPECT_OK(faqsearch_index_state_of(dir, &state));
  CHECK(state == FAQSEARCH_INDEX_READY);
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_builder_create(dir, NULL, 0, &builder), "faqsearch_builder_create");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_index_state_of(NULL, &state), "dir is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_index_state_of(dir, NULL), "out is NULL");

  /* A build freed before finishing is an interrupted build, which searchers refuse. */
  const char* interrupted = path(1, "interrupted");
  faqsearch_settings settings;
  EXPECT_OK(faqsearch_settings_init(&settings));
  settings.word_pairs = 0;
  EXPECT_OK(faqsearch_builder_create(interrupted, &settings, 10, &builder));
  EXPECT_OK(faqsearch_builder_add(builder, &kArticles[0]));
  faqsearch_builder_free(builder);
  EXPECT_OK(faqsearch_index_state_of(interrupted, &state));
  CHECK(state == FAQSEARCH_INDEX_INTERRUPTED_BUILD);
  faqsearch_searcher* searcher = NULL;
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_searcher_open(interrupted, NULL, &searcher), "interrupted");
}

static void test_writer(void) {
  const char* dir = path(0, "bulk");
  faqsearch_writer* writer = NULL;
  faqsearch_writer* second = NULL;
  size_t pending = 99;
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_writer_open(path(1, "missing"), FAQSEARCH_OPEN, NULL, &writer), "missing");
  EXPECT_FAIL(FAQSEARCH_INDEX_ERROR, faqsearch_writer_open(dir, FAQSEARCH_CREATE, NULL, &writer), "faqsearch_writer_open");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_open(dir, 7, NULL, &writer), "mode 7");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_open(NULL, FAQSEARCH_OPEN, NULL, &writer), "dir is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_open(dir, FAQSEARCH_OPEN, NULL, NULL), "out is NULL");
  faqsearch_settings other;
  EXPECT_OK(faqsearch_settings_init(&other));
  other.word_pairs = 0;
  EXPECT_FAIL(FAQSEARCH_INDEX_MISMATCH, faqsearch_writer_open(dir, FAQSEARCH_OPEN, &other, &writer), "word");
  CHECK(writer == NULL);
  EXPECT_OK(faqsearch_writer_open(dir, FAQSEARCH_CREATE_OR_OPEN, NULL, &writer));
  EXPECT_FAIL(FAQSEARCH_INDEX_LOCKED, faqsearch_writer_open(dir, FAQSEARCH_OPEN, NULL, &second), "faqsearch_writer_open");
  EXPECT_OK(faqsearch_writer_open(path(1, "created"), FAQSEARCH_CREATE, &other, &second));
  faqsearch_writer_free(second);

  faqsearch_article article = {.id = "new-article", .lang = "en", .title = "Gift cards",
                               .body = "Gift cards never expire and can pay for part of an order."};
  EXPECT_OK(faqsearch_writer_upsert(writer, &article));
  EXPECT_OK(faqsearch_writer_remove(writer, "refund-time", "en"));
  EXPECT_OK(faqsearch_writer_pending(writer, &pending));
  CHECK(pending == 2);
  EXPECT_OK(faqsearch_writer_rollback(writer));
  EXPECT_OK(faqsearch_writer_pending(writer, &pending));
  CHECK(pending == 0);
  article.lang = "";
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_upsert(writer, &article), "lang");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_upsert(writer, NULL), "article is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_remove(writer, NULL, "en"), "id is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_remove(writer, "x", NULL), "lang is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_set_synonyms(writer, "[en]\nlonely\n"), "synonyms_text:2:");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_set_synonyms(writer, NULL), "synonyms_text is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_pending(writer, NULL), "out is NULL");
  EXPECT_OK(faqsearch_writer_pending(writer, &pending));
  CHECK(pending == 0);  /* nothing is staged by a failed call */
  article.lang = "en";
  EXPECT_OK(faqsearch_writer_upsert(writer, &article));
  EXPECT_OK(faqsearch_writer_set_synonyms(writer, "[en]\nvoucher, gift card\n"));
  EXPECT_OK(faqsearch_writer_commit(writer));
  EXPECT_OK(faqsearch_writer_compact(writer));
  EXPECT_OK(faqsearch_writer_pending(writer, &pending));
  CHECK(pending == 0);

  faqsearch_writer* null_writer = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_upsert(null_writer, &article), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_remove(null_writer, "x", "en"), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_set_synonyms(null_writer, ""), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_pending(null_writer, &pending), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_commit(null_writer), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_rollback(null_writer), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_compact(null_writer), "writer is NULL");
  faqsearch_writer_free(writer);
  faqsearch_writer_free(NULL);
}

/* Two shards of a cluster (a cluster file naming two index directories), each given a cluster
 * generation by its writer: a search over both says whether they agree. */
static void commit_shard(const char* dir, const faqsearch_article* article, uint64_t generation) {
  faqsearch_writer* writer = NULL;
  uint64_t committed = 99;
  EXPECT_OK(faqsearch_writer_open(dir, FAQSEARCH_CREATE_OR_OPEN, NULL, &writer));
  EXPECT_OK(faqsearch_writer_upsert(writer, article));
  EXPECT_OK(faqsearch_writer_set_cluster_generation(writer, generation));
  EXPECT_OK(faqsearch_writer_commit(writer));
  EXPECT_OK(faqsearch_writer_cluster_generation(writer, &committed));
  CHECK(committed == generation);
  faqsearch_writer_free(writer);
}

static int generations_differ(faqsearch_searcher* searcher) {
  faqsearch_request* request = NULL;
  faqsearch_results* results = NULL;
  int differ = -1;
  size_t unavailable = 99;
  EXPECT_OK(faqsearch_request_new(&request));
  EXPECT_OK(faqsearch_request_set_query(request, "refund"));
  EXPECT_OK(faqsearch_searcher_search(searcher, request, &results));
  EXPECT_OK(faqsearch_results_generations_differ(results, &differ));
  EXPECT_OK(faqsearch_results_unavailable_shards(results, &unavailable));
  CHECK(unavailable == 0);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_results_generations_differ(results, NULL), "out is NULL");
  faqsearch_results_free(results);
  faqsearch_request_free(request);
  return differ;
}

static void test_cluster_generation(void) {
  const faqsearch_article first = {.id = "refund", .lang = "en", .title = "Refunds", .body = "A refund takes five days."};
  const faqsearch_article second = {.id = "refund-card", .lang = "en", .title = "Refund to a card", .body = "A week."};
  commit_shard(path(0, "shard-a"), &first, 1);
  commit_shard(path(1, "shard-b"), &second, 2);
  FILE* file = fopen(path(2, "cluster.toml"), "w");
  fputs("version = 1\n[[shard]]\nname = \"a\"\npath = \"shard-a\"\n[[shard]]\nname = \"b\"\npath = \"shard-b\"\n", file);
  fclose(file);
  faqsearch_searcher* searcher = NULL;
  EXPECT_OK(faqsearch_searcher_open(path(2, "cluster.toml"), NULL, &searcher));
  CHECK(generations_differ(searcher) == 1);
  commit_shard(path(0, "shard-a"), &first, 2);
  CHECK(generations_differ(searcher) == 0);
  faqsearch_searcher_free(searcher);

  faqsearch_writer* writer = NULL;
  uint64_t generation = 0;
  EXPECT_OK(faqsearch_writer_open(path(0, "shard-a"), FAQSEARCH_OPEN, NULL, &writer));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_set_cluster_generation(writer, 1), "not below the shard's 2");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_set_cluster_generation(writer, 0), "at least 1");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_cluster_generation(writer, NULL), "out is NULL");
  faqsearch_writer_free(writer);
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_set_cluster_generation(NULL, 3), "writer is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_writer_cluster_generation(NULL, &generation), "writer is NULL");
}

static void test_request(void) {
  faqsearch_request* request = NULL;
  faqsearch_request* none = NULL;
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_new(NULL), "out is NULL");
  EXPECT_OK(faqsearch_request_new(&request));
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_query(request, NULL), "query is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_add(request, 9, "x"), "list 9");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_add(request, FAQSEARCH_TAGS, NULL), "value is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_clear(request, -1), "list -1");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_query(none, "x"), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_add(none, FAQSEARCH_TAGS, "x"), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_clear(none, FAQSEARCH_TAGS), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_offset(none, 1), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_limit(none, 1), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_snippets(none, 1), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_snippet_bytes(none, 1), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_typo_tolerance(none, 1), "request is NULL");
  EXPECT_FAIL(FAQSEARCH_INVALID_ARGUMENT, faqsearch_request_set_prefix_last_word(none, 1), "request is NULL");
  faqsearch_request_free(request);
  faqsearch_request_free(NULL);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: capi_test WORK_DIR\n");
    return 2;
  }
  snprintf(work, sizeof work, "%s", argv[1]);
  nftw(work, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  if (mkdir(work, 0755) != 0) {
    perror(work);
    return 2;
  }
  test_versions_and_statuses();
  test_settings();
  test_builder();
  test_writer();
  test_cluster_generation();
  test_request();
  test_search(path(0, "bulk"), path(1, "corrupt"));
  test_discovery(path(0, "bulk"));
  test_analytics(path(0, "bulk"), path(1, "searches.jsonl"), path(2, "missing"));
  printf("%d passed, %d failed\n", capi_passed, capi_failed);
  return capi_failed == 0 ? 0 : 1;
}
