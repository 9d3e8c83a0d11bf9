"""ctypes declarations of include/faqsearch/faqsearch_c.h (C ABI version 2) and the library.

Mirrors the header by hand: the ABI version check at load time refuses a library whose C ABI
differs, and tests/bindings/test_python.py exercises every declaration used.
"""
import ctypes
import os

from . import _build

ABI_VERSION = 2

c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t
c_int = ctypes.c_int
c_void_p = ctypes.c_void_p
POINTER = ctypes.POINTER


class Article(ctypes.Structure):
    _fields_ = [("id", c_char_p), ("lang", c_char_p), ("title", c_char_p), ("body", c_char_p),
                ("url", c_char_p), ("category", c_char_p), ("tags", POINTER(c_char_p)),
                ("tag_count", c_size_t), ("audience", c_char_p), ("updated_at", c_char_p),
                ("section", c_char_p), ("promoted", c_int), ("outdated", c_int),
                ("vote_sum", ctypes.c_int64), ("vote_count", ctypes.c_int64), ("position", ctypes.c_int64)]


class Settings(ctypes.Structure):
    _fields_ = [("word_pairs", c_int), ("title_boost", ctypes.c_uint), ("max_term_bytes", c_size_t),
                ("hunspell_directory", c_char_p), ("default_language", c_char_p),
                ("tags_weight", ctypes.c_uint), ("section_weight", ctypes.c_uint), ("category_weight", ctypes.c_uint)]


class Range(ctypes.Structure):
    _fields_ = [("begin", c_size_t), ("end", c_size_t)]


class Snippet(ctypes.Structure):
    # text as a plain pointer: read with its length (string_at), not up to a NUL.
    _fields_ = [("text", c_void_p), ("text_bytes", c_size_t), ("highlights", POINTER(Range)),
                ("highlight_count", c_size_t), ("starts_mid_text", c_int), ("ends_mid_text", c_int)]


class Hit(ctypes.Structure):
    _fields_ = [("id", c_char_p), ("lang", c_char_p), ("title", c_char_p), ("url", c_char_p),
                ("category", c_char_p), ("tags", POINTER(c_char_p)), ("tag_count", c_size_t),
                ("audience", c_char_p), ("updated_at", c_char_p), ("score", ctypes.c_double),
                ("rank", c_size_t), ("title_snippet", Snippet), ("snippet", Snippet),
                ("section", c_char_p), ("fallback", c_int), ("translations", POINTER(c_char_p)),
                ("translation_count", c_size_t), ("promoted", c_int), ("outdated", c_int),
                ("vote_sum", ctypes.c_int64), ("vote_count", ctypes.c_int64), ("position", ctypes.c_int64)]


class Completion(ctypes.Structure):
    _fields_ = [("word", c_char_p), ("query", c_char_p), ("articles", c_size_t)]


# Request list fields (faqsearch_request_list) and open modes (faqsearch_open_mode).
LANGUAGES, CATEGORIES, TAGS, AUDIENCES, SECTIONS, HIT_LANGUAGES = 0, 1, 2, 3, 4, 5
# Facet fields (faqsearch_facet_field).
FACETS = {"category": 0, "section": 1, "tag": 2, "lang": 3}
OPEN_MODES = {"create_or_open": 0, "create": 1, "open": 2}
# Sort orders (faqsearch_sort).
SORTS = {"relevance": 0, "updated": 1, "position": 2}

_PP = POINTER(c_void_p)
# name: (argument types); every one returns a faqsearch_status unless listed in _OTHER below.
_STATUS_FUNCTIONS = {
    "faqsearch_settings_init": [POINTER(Settings)],
    "faqsearch_writer_open": [c_char_p, c_int, POINTER(Settings), _PP],
    "faqsearch_writer_upsert": [c_void_p, POINTER(Article)],
    "faqsearch_writer_remove": [c_void_p, c_char_p, c_char_p],
    "faqsearch_writer_set_synonyms": [c_void_p, c_char_p],
    "faqsearch_writer_set_cluster_generation": [c_void_p, ctypes.c_uint64],
    "faqsearch_writer_cluster_generation": [c_void_p, POINTER(ctypes.c_uint64)],
    "faqsearch_writer_pending": [c_void_p, POINTER(c_size_t)],
    "faqsearch_writer_commit": [c_void_p],
    "faqsearch_writer_rollback": [c_void_p],
    "faqsearch_writer_compact": [c_void_p],
    "faqsearch_builder_create": [c_char_p, POINTER(Settings), c_size_t, _PP],
    "faqsearch_builder_add": [c_void_p, POINTER(Article)],
    "faqsearch_builder_set_synonyms": [c_void_p, c_char_p],
    "faqsearch_builder_added": [c_void_p, POINTER(c_size_t)],
    "faqsearch_builder_finish": [c_void_p],
    "faqsearch_request_new": [_PP],
    "faqsearch_request_set_query": [c_void_p, c_char_p],
    "faqsearch_request_add": [c_void_p, c_int, c_char_p],
    "faqsearch_request_clear": [c_void_p, c_int],
    "faqsearch_request_set_offset": [c_void_p, c_size_t],
    "faqsearch_request_set_limit": [c_void_p, c_size_t],
    "faqsearch_request_set_snippets": [c_void_p, c_int],
    "faqsearch_request_set_snippet_bytes": [c_void_p, c_size_t],
    "faqsearch_request_set_typo_tolerance": [c_void_p, c_int],
    "faqsearch_request_set_prefix_last_word": [c_void_p, c_int],
    "faqsearch_request_set_fallback": [c_void_p, c_int],
    "faqsearch_request_set_sort": [c_void_p, c_int],
    "faqsearch_request_set_facets": [c_void_p, c_int],
    "faqsearch_results_languages": [c_void_p, POINTER(c_size_t)],
    "faqsearch_results_language": [c_void_p, c_size_t, POINTER(c_char_p)],
    "faqsearch_results_unavailable_shards": [c_void_p, POINTER(c_size_t)],
    "faqsearch_results_unavailable_shard": [c_void_p, c_size_t, POINTER(c_char_p)],
    "faqsearch_results_generations_differ": [c_void_p, POINTER(c_int)],
    "faqsearch_results_facet_count": [c_void_p, c_int, POINTER(c_size_t)],
    "faqsearch_results_facet": [c_void_p, c_int, c_size_t, POINTER(c_char_p), POINTER(c_size_t)],
    "faqsearch_results_facets_exhaustive": [c_void_p, POINTER(c_int)],
    "faqsearch_searcher_open": [c_char_p, c_void_p, _PP],
    "faqsearch_searcher_search": [c_void_p, c_void_p, _PP],
    "faqsearch_searcher_languages": [c_void_p, POINTER(c_size_t)],
    "faqsearch_searcher_language": [c_void_p, c_size_t, POINTER(c_char_p)],
    "faqsearch_searcher_reopen": [c_void_p],
    "faqsearch_results_total": [c_void_p, POINTER(c_size_t)],
    "faqsearch_results_count": [c_void_p, POINTER(c_size_t)],
    "faqsearch_results_hit": [c_void_p, c_size_t, POINTER(POINTER(Hit))],
    "faqsearch_snippet_html": [POINTER(Snippet), c_char_p, c_char_p, POINTER(c_void_p)],
    # Discovery: did-you-mean, diagnosis, suggestions, related articles.
    "faqsearch_request_set_corrections": [c_void_p, c_int],
    "faqsearch_request_set_diagnose": [c_void_p, c_int],
    "faqsearch_results_did_you_mean": [c_void_p, POINTER(c_char_p), POINTER(POINTER(Range)), POINTER(c_size_t)],
    "faqsearch_results_diagnosis": [c_void_p, POINTER(c_int), POINTER(c_int), POINTER(c_int)],
    "faqsearch_results_diagnosis_language_count": [c_void_p, POINTER(c_size_t)],
    "faqsearch_results_diagnosis_language": [c_void_p, c_size_t, POINTER(c_char_p), POINTER(c_size_t)],
    "faqsearch_results_diagnosis_filter_count": [c_void_p, POINTER(c_size_t)],
    "faqsearch_results_diagnosis_filter": [c_void_p, c_size_t, POINTER(c_char_p)],
    "faqsearch_searcher_suggest": [c_void_p, c_char_p, c_void_p, c_size_t, c_size_t, _PP],
    "faqsearch_suggestions_completion_count": [c_void_p, POINTER(c_size_t)],
    "faqsearch_suggestions_completion": [c_void_p, c_size_t, POINTER(POINTER(Completion))],
    "faqsearch_suggestions_title_count": [c_void_p, POINTER(c_size_t)],
    "faqsearch_suggestions_title": [c_void_p, c_size_t, POINTER(POINTER(Hit))],
    "faqsearch_searcher_related": [c_void_p, c_char_p, c_void_p, _PP],
    # Search analytics: the query log and its report.
    "faqsearch_query_log_open": [c_char_p, _PP],
    "faqsearch_query_log_record": [c_void_p, c_void_p, c_void_p],
    "faqsearch_query_log_error": [c_void_p, POINTER(c_void_p)],
    "faqsearch_query_log_report": [c_char_p, c_char_p, c_size_t, POINTER(c_void_p)],
}
# name: (result type, argument types)
_OTHER = {
    "faqsearch_last_error": (c_char_p, []),
    "faqsearch_status_name": (c_char_p, [c_int]),
    "faqsearch_version": (c_char_p, []),
    "faqsearch_abi_version": (c_int, []),
    "faqsearch_writer_free": (None, [c_void_p]),
    "faqsearch_builder_free": (None, [c_void_p]),
    "faqsearch_request_free": (None, [c_void_p]),
    "faqsearch_searcher_free": (None, [c_void_p]),
    "faqsearch_results_free": (None, [c_void_p]),
    "faqsearch_string_free": (None, [c_void_p]),
    "faqsearch_empty_reason_name": (c_char_p, [c_int]),
    "faqsearch_suggestions_free": (None, [c_void_p]),
    "faqsearch_query_log_free": (None, [c_void_p]),
}


def load():
    """The library: $FAQSEARCH_LIBRARY if set (a path), else the soname this package was built
    for, found as the dynamic loader finds libraries. Raises OSError if there is none, or if its
    C ABI is not the one declared here."""
    lib = ctypes.CDLL(os.environ.get("FAQSEARCH_LIBRARY") or _build.SONAME)
    for name, argtypes in _STATUS_FUNCTIONS.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = c_int, argtypes
    for name, (restype, argtypes) in _OTHER.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    if lib.faqsearch_abi_version() != ABI_VERSION:
        raise OSError(f"{lib._name} has C ABI {lib.faqsearch_abi_version()}; this module needs {ABI_VERSION}")
    return lib
