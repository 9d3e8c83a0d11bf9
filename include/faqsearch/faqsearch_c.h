/* faqsearch_c.h: the C API of faqsearch (C99), for programs and languages that cannot use the C++
 * API: PHP through FFI, Python through ctypes (lib/bindings/), any language with a C FFI.
 *
 * Conventions, for every function unless its comment says otherwise:
 * - Strings are NUL-terminated UTF-8. Invalid UTF-8 in article text is repaired (U+FFFD) as the
 *   C++ API does. Strings passed in are copied: the caller keeps ownership.
 * - A function that can fail returns a faqsearch_status: FAQSEARCH_OK (0) or why it failed. No
 *   C++ exception ever crosses this API. faqsearch_last_error() then gives the failure's message.
 *   A NULL handle, output pointer or required string is FAQSEARCH_INVALID_ARGUMENT.
 * - Output parameters are written only on success.
 * - Handles are opaque. Each is created by one function and destroyed by its _free function,
 *   which accepts NULL; the caller owns what a function hands out through `**out`.
 * - Thread-safety is stated per handle type: a handle that is "not thread-safe" may be used from
 *   any thread, but by one thread at a time. Different handles are independent.
 *
 * PHP's FFI reads the declarations between the FFI markers below as they are (lib/bindings/php):
 * they use no macro.
 */
#ifndef FAQSEARCH_C_H
#define FAQSEARCH_C_H

#include <stddef.h>
#include <stdint.h>

#include "faqsearch/version.h"

/* The version of this API's binary interface: raised whenever a function, struct or constant below
 * changes incompatibly. A program compares it with faqsearch_abi_version() at run time. */
#define FAQSEARCH_C_ABI_VERSION 2

#ifdef __cplusplus
extern "C" {
#endif

/* FFI-BEGIN */

/* ---- Status, errors, versions ---------------------------------------------------------------- */

/* Why a call failed. The values are stable (part of the ABI). */
typedef enum faqsearch_status {
  FAQSEARCH_OK = 0,
  FAQSEARCH_INVALID_ARGUMENT = 1,     /* a bad value (the message names it), NULL, out of range */
  FAQSEARCH_UNSUPPORTED_LANGUAGE = 2, /* a language faqsearch cannot analyze for this operation */
  FAQSEARCH_INDEX_ERROR = 3,          /* the index could not be opened, read or written */
  FAQSEARCH_INDEX_LOCKED = 4,         /* another writer holds the index: wait and retry */
  FAQSEARCH_INDEX_CORRUPT = 5,        /* the index is damaged: rebuild it */
  FAQSEARCH_INDEX_MISMATCH = 6,       /* built with another schema or settings: rebuild it */
  FAQSEARCH_IMPORT_ERROR = 7,         /* malformed input */
  FAQSEARCH_OUT_OF_MEMORY = 8,
  FAQSEARCH_INTERNAL_ERROR = 9        /* anything else: a bug, please report it with the message */
} faqsearch_status;

/* The message of the last failed call on the calling thread ("" if the last call succeeded). Kept
 * per thread; valid until the thread's next call into this API. Never NULL. Thread-safe. */
const char* faqsearch_last_error(void);

/* The name of a status ("FAQSEARCH_INDEX_LOCKED"); "FAQSEARCH_UNKNOWN_STATUS" for a value not
 * listed above. Static string. Thread-safe. (Enumerations are passed in as int throughout: any
 * value a caller passes is then defined behaviour, and refused if it is no enumerator.) */
const char* faqsearch_status_name(int status);

/* The library's version, "MAJOR.MINOR.PATCH" (static string). Thread-safe. */
const char* faqsearch_version(void);

/* The ABI version of the library loaded (FAQSEARCH_C_ABI_VERSION as it was built). Thread-safe. */
int faqsearch_abi_version(void);

/* ---- Articles and index settings (plain data, owned by the caller) --------------------------- */

/* One help-center article in one language; see faqsearch::Article (article.h). NULL means empty
 * for every string; id and lang are required and the article needs a title or a body. */
typedef struct faqsearch_article {
  const char* id;
  const char* lang;     /* BCP 47 tag, canonicalized on indexing */
  const char* title;
  const char* body;     /* plain text */
  const char* url;
  const char* category;
  const char* const* tags; /* tag_count strings (NULL when tag_count is 0) */
  size_t tag_count;
  const char* audience;    /* NULL or "": "public" */
  const char* updated_at;  /* ISO 8601 */
  const char* section;     /* NULL or "": none */
  /* Help-center signals (faqsearch::Article): nonzero promoted / outdated; up minus down votes and
   * votes cast; order within the section. */
  int promoted;
  int outdated;
  int64_t vote_sum;
  int64_t vote_count;
  int64_t position;
} faqsearch_article;

/* The settings a new index is built with; see faqsearch::IndexSettings (index.h). */
typedef struct faqsearch_settings {
  int word_pairs;                 /* nonzero: index adjacent word pairs (default 1) */
  unsigned title_boost;           /* weight of a title occurrence (default 5) */
  size_t max_term_bytes;          /* longer terms are dropped (default 64) */
  const char* hunspell_directory; /* Hunspell dictionaries (NULL: "/usr/share/hunspell") */
  const char* default_language;   /* the help center's fallback language (NULL: keep the recorded
                                     one, or the language with the most articles) */
  unsigned tags_weight;           /* weight of a tag word as text (default 4; 0: filters only) */
  unsigned section_weight;        /* of a section name's words (default 2) */
  unsigned category_weight;       /* of a category name's words (default 2) */
} faqsearch_settings;

/* Fills `settings` with the defaults. Thread-safe. */
faqsearch_status faqsearch_settings_init(faqsearch_settings* settings);

/* What a directory holds; see faqsearch::IndexState (index.h). */
typedef enum faqsearch_index_state {
  FAQSEARCH_INDEX_NONE = 0,
  FAQSEARCH_INDEX_READY = 1,
  FAQSEARCH_INDEX_BEING_BUILT = 2,
  FAQSEARCH_INDEX_INTERRUPTED_BUILD = 3
} faqsearch_index_state;

/* The state of the index in `dir` into *out (cheap). Thread-safe. */
faqsearch_status faqsearch_index_state_of(const char* dir, faqsearch_index_state* out);

/* ---- Writing an index: faqsearch::IndexWriter ------------------------------------------------ */

/* Adds, replaces and deletes articles in atomic batches (see index.h). Not thread-safe; one
 * writer per index across processes (others get FAQSEARCH_INDEX_LOCKED). */
typedef struct faqsearch_writer faqsearch_writer;

/* How faqsearch_writer_open treats the directory. */
typedef enum faqsearch_open_mode {
  FAQSEARCH_CREATE_OR_OPEN = 0, /* open the index, or create an empty one */
  FAQSEARCH_CREATE = 1,         /* create; FAQSEARCH_INDEX_ERROR if one exists */
  FAQSEARCH_OPEN = 2            /* open; FAQSEARCH_INDEX_ERROR if there is none */
} faqsearch_open_mode;

/* Opens or creates the index in `dir` into *out (free it with faqsearch_writer_free). `mode` is a
 * faqsearch_open_mode.
 * `settings` NULL: an existing index keeps the settings it records, a new one gets the defaults;
 * otherwise they must match an existing index's (FAQSEARCH_INDEX_MISMATCH). Thread-safe. */
faqsearch_status faqsearch_writer_open(const char* dir, int mode,
                                       const faqsearch_settings* settings, faqsearch_writer** out);

/* Closes the writer, discarding uncommitted changes, and releases the index's lock. NULL: no-op. */
void faqsearch_writer_free(faqsearch_writer* writer);

/* Stages adding `article`, replacing any with the same (id, lang) whatever its audience. Nothing is
 * staged on failure (FAQSEARCH_INVALID_ARGUMENT names the field). */
faqsearch_status faqsearch_writer_upsert(faqsearch_writer* writer, const faqsearch_article* article);

/* Stages deleting the article (id, lang) from every audience; deleting none is not an error. */
faqsearch_status faqsearch_writer_remove(faqsearch_writer* writer, const char* id, const char* lang);

/* Stages replacing the index's synonyms with those of `synonyms_text`, in the synonyms file format
 * (synonyms.h; "" removes them all). FAQSEARCH_INVALID_ARGUMENT names the line of a bad group. */
faqsearch_status faqsearch_writer_set_synonyms(faqsearch_writer* writer, const char* synonyms_text);

/* Stages giving this shard of a cluster the cluster generation `generation`, committed with the
 * next commit (faqsearch::IndexWriter::set_cluster_generation): FAQSEARCH_INVALID_ARGUMENT for 0
 * or a number below the shard's. */
faqsearch_status faqsearch_writer_set_cluster_generation(faqsearch_writer* writer, uint64_t generation);

/* The shard's cluster generation as last committed (0: never given one) into *out. */
faqsearch_status faqsearch_writer_cluster_generation(const faqsearch_writer* writer, uint64_t* out);

/* The number of staged changes into *out. */
faqsearch_status faqsearch_writer_pending(const faqsearch_writer* writer, size_t* out);

/* Applies every staged change atomically and durably. On failure the changes stay staged, so that
 * commit can be retried, and what was committed before is intact. */
faqsearch_status faqsearch_writer_commit(faqsearch_writer* writer);

/* Discards every staged change. */
faqsearch_status faqsearch_writer_rollback(faqsearch_writer* writer);

/* Commits, then rewrites each partition compactly (smaller, faster to search). */
faqsearch_status faqsearch_writer_compact(faqsearch_writer* writer);

/* ---- Building a new index in bulk: faqsearch::IndexBuilder ----------------------------------- */

/* Builds a new index from many articles on every core, all or nothing (see index.h). Not
 * thread-safe (it runs its own worker threads); holds the index's lock until freed. */
typedef struct faqsearch_builder faqsearch_builder;

/* Starts building a new index in `dir`, which must hold none or an interrupted build, into *out.
 * `settings` NULL: the defaults. `batch_articles` bounds memory (0: the default, 1500). Thread-safe. */
faqsearch_status faqsearch_builder_create(const char* dir, const faqsearch_settings* settings,
                                          size_t batch_articles, faqsearch_builder** out);

/* Frees the builder; before faqsearch_builder_finish, this discards the build (the directory is
 * then an interrupted build, which faqsearch_builder_create builds again). NULL: no-op. */
void faqsearch_builder_free(faqsearch_builder* builder);

/* Adds `article`, checked as faqsearch_writer_upsert does (nothing added on failure). */
faqsearch_status faqsearch_builder_add(faqsearch_builder* builder, const faqsearch_article* article);

/* Sets the new index's synonyms, as faqsearch_writer_set_synonyms does. */
faqsearch_status faqsearch_builder_set_synonyms(faqsearch_builder* builder, const char* synonyms_text);

/* The number of articles accepted so far into *out. */
faqsearch_status faqsearch_builder_added(const faqsearch_builder* builder, size_t* out);

/* Merges and publishes the whole build; afterwards the builder accepts nothing more. On failure
 * nothing of the build is visible. */
faqsearch_status faqsearch_builder_finish(faqsearch_builder* builder);

/* ---- Search requests: faqsearch::SearchRequest ----------------------------------------------- */

/* What to search for, with the defaults of faqsearch::SearchRequest (search.h): audience "public",
 * offset 0, limit 10, snippets of 180 bytes, typo tolerance and as-you-type on. Not thread-safe
 * while being changed; searches only read it, so several threads may search with one request
 * that nobody changes meanwhile. */
typedef struct faqsearch_request faqsearch_request;

/* The list fields of a request. */
typedef enum faqsearch_request_list {
  FAQSEARCH_LANGUAGES = 0,    /* the shopper's languages, most preferred first (empty: identified) */
  FAQSEARCH_CATEGORIES = 1,   /* keep only these categories (empty: any) */
  FAQSEARCH_TAGS = 2,         /* keep only articles with one of these tags (empty: any) */
  FAQSEARCH_AUDIENCES = 3,    /* audiences the caller may see (default: "public") */
  FAQSEARCH_SECTIONS = 4,     /* keep only these sections (empty: any) */
  FAQSEARCH_HIT_LANGUAGES = 5 /* keep only articles served in these languages (empty: any) */
} faqsearch_request_list;

/* A new request with the defaults into *out (free it with faqsearch_request_free). Thread-safe. */
faqsearch_status faqsearch_request_new(faqsearch_request** out);

/* Frees the request. NULL: no-op. */
void faqsearch_request_free(faqsearch_request* request);

/* Sets what the shopper typed (limits: faqsearch::kMaxQueryBytes and others, checked by search). */
faqsearch_status faqsearch_request_set_query(faqsearch_request* request, const char* query);

/* Appends `value` to the list field `list` (a faqsearch_request_list). */
faqsearch_status faqsearch_request_add(faqsearch_request* request, int list, const char* value);

/* Empties the list field `list` (FAQSEARCH_AUDIENCES too: add the audiences wanted after). */
faqsearch_status faqsearch_request_clear(faqsearch_request* request, int list);

/* Pagination: skip `offset` hits, return at most `limit` (1..1000, checked by search). */
faqsearch_status faqsearch_request_set_offset(faqsearch_request* request, size_t offset);
faqsearch_status faqsearch_request_set_limit(faqsearch_request* request, size_t limit);

/* Snippets and title highlights per hit (nonzero: on), and a body snippet's target length. */
faqsearch_status faqsearch_request_set_snippets(faqsearch_request* request, int enabled);
faqsearch_status faqsearch_request_set_snippet_bytes(faqsearch_request* request, size_t bytes);

/* Typo tolerance and as-you-type completion of the last word (nonzero: on). */
faqsearch_status faqsearch_request_set_typo_tolerance(faqsearch_request* request, int enabled);
faqsearch_status faqsearch_request_set_prefix_last_word(faqsearch_request* request, int enabled);

/* With languages: serve articles they lack in the index's default language, marked as fallbacks
 * (nonzero: on, the default). */
faqsearch_status faqsearch_request_set_fallback(faqsearch_request* request, int enabled);

/* The order of the hits; see faqsearch::SearchSort (search.h). */
typedef enum faqsearch_sort {
  FAQSEARCH_SORT_RELEVANCE = 0, /* best match first (the default) */
  FAQSEARCH_SORT_UPDATED = 1,   /* most recently updated first */
  FAQSEARCH_SORT_POSITION = 2   /* by section, then position within it */
} faqsearch_sort;
faqsearch_status faqsearch_request_set_sort(faqsearch_request* request, faqsearch_sort sort);

/* Count the matching articles per category, section, tag and served language (nonzero: on; off
 * by default): faqsearch_results_facet. */
faqsearch_status faqsearch_request_set_facets(faqsearch_request* request, int enabled);

/* ---- Searching: faqsearch::Searcher ---------------------------------------------------------- */

/* Searches one index, always from a committed state (see search.h). Not thread-safe: one per
 * thread; several searchers, in one or more processes, may read an index a writer is writing. */
typedef struct faqsearch_searcher faqsearch_searcher;

/* Opens the index in `dir` into *out (free it with faqsearch_searcher_free). `share_with` NULL, or
 * a searcher whose dictionaries (faqsearch::SharedResources) the new one shares: a service with a
 * searcher per thread loads them once. Thread-safe, `share_with` included (it is only read). */
faqsearch_status faqsearch_searcher_open(const char* dir, const faqsearch_searcher* share_with,
                                         faqsearch_searcher** out);

/* Frees the searcher. NULL: no-op. */
void faqsearch_searcher_free(faqsearch_searcher* searcher);

/* Runs `request` into *out, new results the caller frees with faqsearch_results_free. An empty
 * query gives empty results. FAQSEARCH_INVALID_ARGUMENT for a bad limit, language tag or a query
 * over the limits. */
typedef struct faqsearch_results faqsearch_results;
faqsearch_status faqsearch_searcher_search(faqsearch_searcher* searcher, const faqsearch_request* request,
                                           faqsearch_results** out);

/* Reads the languages present in the index (sorted) into the searcher, their number into *count;
 * faqsearch_searcher_language then gives each. */
faqsearch_status faqsearch_searcher_languages(faqsearch_searcher* searcher, size_t* count);

/* The i-th language of the last faqsearch_searcher_languages call into *out, a string owned by
 * the searcher, valid until its next faqsearch_searcher_languages call or its free. */
faqsearch_status faqsearch_searcher_language(const faqsearch_searcher* searcher, size_t i, const char** out);

/* Makes the next search see the latest commit (searches do it by themselves when needed). */
faqsearch_status faqsearch_searcher_reopen(faqsearch_searcher* searcher);

/* ---- Results ----------------------------------------------------------------------------------- */

/* A byte range [begin, end) of a snippet's text. */
typedef struct faqsearch_range {
  size_t begin;
  size_t end;
} faqsearch_range;

/* A passage with the words that matched marked; see faqsearch::Snippet (search.h). */
typedef struct faqsearch_snippet {
  const char* text;                  /* valid UTF-8 */
  size_t text_bytes;
  const faqsearch_range* highlights; /* sorted, disjoint, on character boundaries */
  size_t highlight_count;
  int starts_mid_text;               /* nonzero: the passage starts after the field's start */
  int ends_mid_text;                 /* nonzero: it ends before the field's end */
} faqsearch_snippet;

/* One hit; see faqsearch::Hit (search.h). */
typedef struct faqsearch_hit {
  const char* id;
  const char* lang;
  const char* title;
  const char* url;
  const char* category;
  const char* const* tags;
  size_t tag_count;
  const char* audience;
  const char* updated_at;
  double score;                    /* comparable within one result list only */
  size_t rank;                     /* 0-based, offset included */
  faqsearch_snippet title_snippet; /* the title, matched words marked */
  faqsearch_snippet snippet;       /* best passage of the body ("" without snippets) */
  const char* section;
  int fallback;                    /* nonzero: served in the default language, the shopper's lack it */
  const char* const* translations; /* languages of the article's other visible translations */
  size_t translation_count;
  int promoted;                    /* the article's help-center signals, as indexed */
  int outdated;
  int64_t vote_sum;
  int64_t vote_count;
  int64_t position;
} faqsearch_hit;

/* Frees the results, and with them every hit and string read from them. NULL: no-op. Results are
 * never changed after the search: any number of threads may read them at once. */
void faqsearch_results_free(faqsearch_results* results);

/* The number of matching articles, each counted once whatever its translations (exact when
 * small, else an estimate), into *out. */
faqsearch_status faqsearch_results_total(const faqsearch_results* results, size_t* out);

/* The number of languages searched into *count, most preferred first (the default language last
 * when fallbacks were searched); faqsearch_results_language gives each. */
faqsearch_status faqsearch_results_languages(const faqsearch_results* results, size_t* count);

/* The i-th language searched into *out, owned by the results. */
faqsearch_status faqsearch_results_language(const faqsearch_results* results, size_t i, const char** out);

/* The number of shards of a cluster that did not answer into *count (faqsearch::SearchResults::
 * unavailable_shards: under on_shard_failure = "partial" the results are the other shards'; 0
 * when every shard answered); faqsearch_results_unavailable_shard gives each name. */
faqsearch_status faqsearch_results_unavailable_shards(const faqsearch_results* results, size_t* count);

/* The i-th shard that did not answer, by its cluster-file name, into *out, owned by the results. */
faqsearch_status faqsearch_results_unavailable_shard(const faqsearch_results* results, size_t i, const char** out);

/* 1 into *out when the shards of a cluster were at different cluster generations (faqsearch::
 * SearchResults::generations_differ: the hits may mix a cluster-wide batch and the one before), 0
 * otherwise. */
faqsearch_status faqsearch_results_generations_differ(const faqsearch_results* results, int* out);

/* The facet fields (faqsearch::FacetCounts). */
typedef enum faqsearch_facet_field {
  FAQSEARCH_FACET_CATEGORY = 0,
  FAQSEARCH_FACET_SECTION = 1,
  FAQSEARCH_FACET_TAG = 2,
  FAQSEARCH_FACET_LANG = 3 /* the language each article is served in */
} faqsearch_facet_field;

/* The number of values the facet `field` (a faqsearch_facet_field) counted into *count: 0 when
 * the request did not ask for facets. */
faqsearch_status faqsearch_results_facet_count(const faqsearch_results* results, int field, size_t* count);

/* The i-th value of facet `field` (sorted by value) into *value, owned by the results, and the
 * number of matching articles with it into *articles. */
faqsearch_status faqsearch_results_facet(const faqsearch_results* results, int field, size_t i, const char** value,
                                         size_t* articles);

/* Into *out: nonzero if the facets counted every match, 0 if the query matched more than
 * faqsearch::kMaxFacetMatches translations and only the best were counted. */
faqsearch_status faqsearch_results_facets_exhaustive(const faqsearch_results* results, int* out);

/* The number of hits on this page into *out. */
faqsearch_status faqsearch_results_count(const faqsearch_results* results, size_t* out);

/* The i-th hit (0-based) into *out, owned by the results. FAQSEARCH_INVALID_ARGUMENT past the end. */
faqsearch_status faqsearch_results_hit(const faqsearch_results* results, size_t i, const faqsearch_hit** out);

/* `snippet` as HTML into *out: text escaped, highlights wrapped in open_tag/close_tag (NULL:
 * "<mark>", "</mark>"), "…" where it is cut. Free *out with faqsearch_string_free. Thread-safe. */
faqsearch_status faqsearch_snippet_html(const faqsearch_snippet* snippet, const char* open_tag,
                                        const char* close_tag, char** out);

/* Frees a string this API handed out. NULL: no-op. Thread-safe. */
void faqsearch_string_free(char* string);

/* ---- Discovery: did-you-mean, diagnosis, suggestions, related articles ------------------------ */

/* Look for a correction when words of the query are in no visible article (nonzero: on, the
 * default): faqsearch_results_did_you_mean. */
faqsearch_status faqsearch_request_set_corrections(faqsearch_request* request, int enabled);

/* Say why a search found nothing, or only fallbacks (nonzero: on, the default):
 * faqsearch_results_diagnosis. */
faqsearch_status faqsearch_request_set_diagnose(faqsearch_request* request, int enabled);

/* The did-you-mean of the results (faqsearch::QueryCorrection): *query the corrected query, owned
 * by the results, or NULL when there is none; *changed the byte ranges of *query that replace
 * what was typed (sorted, apart; NULL when none) and *changed_count their number. */
faqsearch_status faqsearch_results_did_you_mean(const faqsearch_results* results, const char** query,
                                                const faqsearch_range** changed, size_t* changed_count);

/* Why a search found nothing; see faqsearch::EmptyReason (search.h). The values are stable. */
typedef enum faqsearch_empty_reason {
  FAQSEARCH_REASON_OTHER_LANGUAGES = 0, /* matches only in languages not searched */
  FAQSEARCH_REASON_FILTERED = 1,        /* the filters removed every match */
  FAQSEARCH_REASON_ONLY_STOP_WORDS = 2, /* only stop words were typed */
  FAQSEARCH_REASON_CORRECTION = 3,      /* the did-you-mean finds articles */
  FAQSEARCH_REASON_NOTHING = 4          /* nothing visible matches, anywhere */
} faqsearch_empty_reason;

/* The name of a reason as JSON and the query log write it ("other_languages", "filtered",
 * "only_stop_words", "correction", "nothing"); "unknown" for another value. Static string.
 * Thread-safe. */
const char* faqsearch_empty_reason_name(int reason);

/* The diagnosis of the results (faqsearch::Diagnosis): *present nonzero when there is one (the
 * search found nothing, or only fallbacks), 0 otherwise (then *reason and *fallback_only are 0);
 * *reason a faqsearch_empty_reason; *fallback_only nonzero when the search found articles, all of
 * them fallbacks. */
faqsearch_status faqsearch_results_diagnosis(const faqsearch_results* results, int* present, int* reason,
                                             int* fallback_only);

/* FAQSEARCH_REASON_OTHER_LANGUAGES: the number of languages with matches into *count (0 without
 * a diagnosis); faqsearch_results_diagnosis_language gives each, sorted by tag. */
faqsearch_status faqsearch_results_diagnosis_language_count(const faqsearch_results* results, size_t* count);

/* The i-th of those languages into *lang (owned by the results), its matching articles into
 * *articles. */
faqsearch_status faqsearch_results_diagnosis_language(const faqsearch_results* results, size_t i, const char** lang,
                                                      size_t* articles);

/* FAQSEARCH_REASON_FILTERED: the number of filter fields that removed the matches into *count;
 * faqsearch_results_diagnosis_filter gives each ("category", "section", "tag", "hit_language"). */
faqsearch_status faqsearch_results_diagnosis_filter_count(const faqsearch_results* results, size_t* count);
faqsearch_status faqsearch_results_diagnosis_filter(const faqsearch_results* results, size_t i, const char** out);

/* Search-box suggestions (faqsearch::Suggestions). Never changed after they are made: any number
 * of threads may read them at once. */
typedef struct faqsearch_suggestions faqsearch_suggestions;

/* A completion of the last word typed; see faqsearch::Completion (search.h). */
typedef struct faqsearch_completion {
  const char* word;  /* the completed word, as the articles write it, lower case */
  const char* query; /* the whole text with its last word completed */
  size_t articles;   /* visible articles with the word */
} faqsearch_completion;

/* Suggestions for what the search box holds, `text` (faqsearch::Searcher::suggest), into *out
 * (free it with faqsearch_suggestions_free): at most `completions` completions of its last word
 * and `titles` article titles (each 0..faqsearch::kMaxSuggestions). The languages and audiences
 * are those of `request`, NULL: every visible language, audience "public"; its other fields are
 * not read. */
faqsearch_status faqsearch_searcher_suggest(faqsearch_searcher* searcher, const char* text,
                                            const faqsearch_request* request, size_t completions, size_t titles,
                                            faqsearch_suggestions** out);

/* Frees the suggestions, and every completion and hit read from them. NULL: no-op. */
void faqsearch_suggestions_free(faqsearch_suggestions* suggestions);

/* The number of completions into *count, the most frequent first; faqsearch_suggestions_completion
 * gives each, owned by the suggestions. */
faqsearch_status faqsearch_suggestions_completion_count(const faqsearch_suggestions* suggestions, size_t* count);
faqsearch_status faqsearch_suggestions_completion(const faqsearch_suggestions* suggestions, size_t i,
                                                  const faqsearch_completion** out);

/* The number of matching titles into *count, best first; faqsearch_suggestions_title gives each as
 * a hit (title_snippet highlights the matched words, the body snippet is empty), owned by the
 * suggestions. */
faqsearch_status faqsearch_suggestions_title_count(const faqsearch_suggestions* suggestions, size_t* count);
faqsearch_status faqsearch_suggestions_title(const faqsearch_suggestions* suggestions, size_t i,
                                             const faqsearch_hit** out);

/* Articles related to article `id` (faqsearch::Searcher::related), ranked and served as `request`
 * says (its query is ignored), into *out, results the caller frees with faqsearch_results_free:
 * read them with faqsearch_results_count and faqsearch_results_hit; their total is the number of
 * hits, they have no languages, facets, did-you-mean or diagnosis; over a cluster,
 * faqsearch_results_unavailable_shard(s) and faqsearch_results_generations_differ say what
 * faqsearch::RelatedArticles says. FAQSEARCH_INVALID_ARGUMENT when no article `id` is visible to
 * the request's audiences. */
faqsearch_status faqsearch_searcher_related(faqsearch_searcher* searcher, const char* id,
                                            const faqsearch_request* request, faqsearch_results** out);

/* ---- Search analytics: faqsearch::QueryLog and its report ------------------------------------ */

/* An opt-in query log: one JSON line per search recorded, appended to a file (the format and
 * what it leaves out, who searched: faqsearch::QueryLog, query_log.h). Thread-safe: one log may
 * be shared by the searchers of every thread, and several processes may append to one file. */
typedef struct faqsearch_query_log faqsearch_query_log;

/* Opens (creating it) the log file `file` for appending into *out (free it with
 * faqsearch_query_log_free). FAQSEARCH_INDEX_ERROR names the file if it cannot be opened. */
faqsearch_status faqsearch_query_log_open(const char* file, faqsearch_query_log** out);

/* Closes the log. NULL: no-op. */
void faqsearch_query_log_free(faqsearch_query_log* log);

/* Appends the line of a search: `request` as faqsearch_searcher_search ran it, `results` what it
 * answered. A failed write (disk full) is not a failure of this call: the search was answered;
 * faqsearch_query_log_error then tells. */
faqsearch_status faqsearch_query_log_record(faqsearch_query_log* log, const faqsearch_request* request,
                                            const faqsearch_results* results);

/* The message of the log's first failed write into *out, "" while every write succeeded; free
 * *out with faqsearch_string_free. */
faqsearch_status faqsearch_query_log_error(const faqsearch_query_log* log, char** out);

/* The support team's report of the log `file` (faqsearch::report_query_log) into *json, the JSON
 * document `faqsearch report --json` prints (faqsearch::report_to_json, one line); free it with
 * faqsearch_string_free. `since`: NULL or "" for every search, else "YYYY-MM-DD" or
 * "YYYY-MM-DDTHH:MM:SSZ" (UTC); `top`: entries per list (0: the default, 20).
 * FAQSEARCH_INVALID_ARGUMENT for a bad `since`, FAQSEARCH_INDEX_ERROR naming the file when it
 * cannot be read; malformed lines are counted in the report, not failures. Thread-safe. */
faqsearch_status faqsearch_query_log_report(const char* file, const char* since, size_t top, char** json);

/* FFI-END */

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* FAQSEARCH_C_H */
