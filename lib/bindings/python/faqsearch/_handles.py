"""faqsearch.Writer, Builder and Searcher: the C API's handles as Python objects."""
import ctypes
from typing import Dict, Iterable, List, Mapping, Optional

from . import (ArticleLike, Hit, InvalidArgument, RelatedHits, Results, _Handle, _Owner, _article, _capi, _check,
               _hit, _lib, _read_all, _settings, _utf8)
from ._analytics import QueryLog
from ._discovery import Suggestions, read_diagnosis, read_did_you_mean, read_suggestions


class Writer(_Handle):
    """Adds, replaces and deletes articles in atomic batches (faqsearch::IndexWriter).

    mode: "create_or_open" (default), "create" or "open". settings (a mapping of word_pairs,
    title_boost, max_term_bytes, hunspell_directory): None keeps an existing index's, or the
    defaults for a new one. One writer per index: another gets faqsearch.IndexLocked.
    """
    _free = _lib.faqsearch_writer_free

    def __init__(self, path: str, mode: str = "create_or_open", settings: Optional[Mapping] = None):
        super().__init__()
        if mode not in _capi.OPEN_MODES:
            raise InvalidArgument(f"mode {mode!r} is not one of {', '.join(_capi.OPEN_MODES)}",
                                  "FAQSEARCH_INVALID_ARGUMENT")
        c_settings = _settings(settings)
        _check(_lib.faqsearch_writer_open(_utf8(str(path)), _capi.OPEN_MODES[mode],
                                          ctypes.byref(c_settings) if c_settings else None,
                                          ctypes.byref(self._handle)))

    def upsert(self, article: ArticleLike) -> None:
        """Stages adding `article` (a mapping: id, lang, title, body, url, category, tags,
        audience, updated_at), replacing any with the same id and lang."""
        c, _keep = _article(article)
        _check(_lib.faqsearch_writer_upsert(self._h(), ctypes.byref(c)))

    def remove(self, id: str, lang: str) -> None:  # noqa: A002 - the article's field name
        """Stages deleting the article (id, lang) from every audience."""
        _check(_lib.faqsearch_writer_remove(self._h(), _utf8(id), _utf8(lang)))

    def set_synonyms(self, text: str) -> None:
        """Stages replacing the synonyms with those of `text` (the synonyms file format)."""
        _check(_lib.faqsearch_writer_set_synonyms(self._h(), _utf8(text)))

    def set_cluster_generation(self, generation: int) -> None:
        """Stages giving this shard of a cluster the cluster generation `generation` (the same on
        every shard for one cluster-wide batch, higher than the last), committed with the next
        commit; searches over the cluster flag results while shards differ."""
        _check(_lib.faqsearch_writer_set_cluster_generation(self._h(), generation))

    @property
    def cluster_generation(self) -> int:
        """The shard's cluster generation as last committed; 0 if it was never given one."""
        out = ctypes.c_uint64()
        _check(_lib.faqsearch_writer_cluster_generation(self._h(), ctypes.byref(out)))
        return out.value

    @property
    def pending(self) -> int:
        """The number of staged changes."""
        out = ctypes.c_size_t()
        _check(_lib.faqsearch_writer_pending(self._h(), ctypes.byref(out)))
        return out.value

    def commit(self) -> None:
        """Applies every staged change atomically and durably."""
        _check(_lib.faqsearch_writer_commit(self._h()))

    def rollback(self) -> None:
        """Discards every staged change."""
        _check(_lib.faqsearch_writer_rollback(self._h()))

    def compact(self) -> None:
        """Commits, then rewrites the index compactly."""
        _check(_lib.faqsearch_writer_compact(self._h()))


class Builder(_Handle):
    """Builds a new index in bulk on every core, all or nothing (faqsearch::IndexBuilder). Closing
    it before finish() discards the build."""
    _free = _lib.faqsearch_builder_free

    def __init__(self, path: str, settings: Optional[Mapping] = None, batch_articles: int = 0):
        super().__init__()
        c_settings = _settings(settings)
        _check(_lib.faqsearch_builder_create(_utf8(str(path)), ctypes.byref(c_settings) if c_settings else None,
                                             batch_articles, ctypes.byref(self._handle)))

    def add(self, article: ArticleLike) -> None:
        """Adds `article` (as Writer.upsert takes it)."""
        c, _keep = _article(article)
        _check(_lib.faqsearch_builder_add(self._h(), ctypes.byref(c)))

    def set_synonyms(self, text: str) -> None:
        """Sets the new index's synonyms (the synonyms file format)."""
        _check(_lib.faqsearch_builder_set_synonyms(self._h(), _utf8(text)))

    @property
    def added(self) -> int:
        """Articles accepted so far."""
        out = ctypes.c_size_t()
        _check(_lib.faqsearch_builder_added(self._h(), ctypes.byref(out)))
        return out.value

    def finish(self) -> None:
        """Publishes the whole build."""
        _check(_lib.faqsearch_builder_finish(self._h()))


class _Request(_Handle):
    """A C request, built from the keyword arguments of Searcher.search."""
    _free = _lib.faqsearch_request_free

    def __init__(self, query: str = "", languages: Iterable[str] = (), categories: Iterable[str] = (),
                 tags: Iterable[str] = (), audiences: Iterable[str] = ("public",), offset: int = 0,
                 limit: int = 10, snippets: bool = True, snippet_bytes: int = 180,
                 typo_tolerance: bool = True, prefix_last_word: bool = True, sections: Iterable[str] = (),
                 hit_languages: Iterable[str] = (), fallback: bool = True, facets: bool = False,
                 sort: str = "relevance", corrections: bool = True, diagnose: bool = True):
        super().__init__()
        if sort not in _capi.SORTS:
            raise InvalidArgument(f"unknown sort {sort!r} (relevance, updated or position)", "FAQSEARCH_INVALID_ARGUMENT")
        _check(_lib.faqsearch_request_new(ctypes.byref(self._handle)))
        r = self._handle
        _check(_lib.faqsearch_request_set_query(r, _utf8(query)))
        self.add_all(_capi.LANGUAGES, languages)
        self.add_all(_capi.CATEGORIES, categories)
        self.add_all(_capi.TAGS, tags)
        self.add_all(_capi.AUDIENCES, audiences, replace=True)
        self.add_all(_capi.SECTIONS, sections)
        self.add_all(_capi.HIT_LANGUAGES, hit_languages)
        for setter, value in ((_lib.faqsearch_request_set_offset, offset),
                              (_lib.faqsearch_request_set_limit, limit),
                              (_lib.faqsearch_request_set_snippets, int(snippets)),
                              (_lib.faqsearch_request_set_snippet_bytes, snippet_bytes),
                              (_lib.faqsearch_request_set_typo_tolerance, int(typo_tolerance)),
                              (_lib.faqsearch_request_set_prefix_last_word, int(prefix_last_word)),
                              (_lib.faqsearch_request_set_fallback, int(fallback)),
                              (_lib.faqsearch_request_set_facets, int(facets)),
                              (_lib.faqsearch_request_set_sort, _capi.SORTS[sort]),
                              (_lib.faqsearch_request_set_corrections, int(corrections)),
                              (_lib.faqsearch_request_set_diagnose, int(diagnose))):
            _check(setter(r, value))

    def add_all(self, which: int, values: Iterable[str], replace: bool = False) -> None:
        if isinstance(values, str):
            values = [values]
        if replace:
            _check(_lib.faqsearch_request_clear(self._handle, which))
        for value in values:
            _check(_lib.faqsearch_request_add(self._handle, which, _utf8(value)))


def _languages(handle: ctypes.c_void_p) -> List[str]:
    return [lang.value.decode() for lang in _read_all(handle, _lib.faqsearch_results_languages,
                                                       _lib.faqsearch_results_language, ctypes.c_char_p)]


def _unavailable_shards(handle: ctypes.c_void_p) -> List[str]:
    return [name.value.decode() for name in _read_all(handle, _lib.faqsearch_results_unavailable_shards,
                                                       _lib.faqsearch_results_unavailable_shard, ctypes.c_char_p)]


def _generations_differ(handle: ctypes.c_void_p) -> bool:
    differ = ctypes.c_int()
    _check(_lib.faqsearch_results_generations_differ(handle, ctypes.byref(differ)))
    return differ.value != 0


def _facets(handle: ctypes.c_void_p) -> Dict[str, Dict[str, int]]:
    out: Dict[str, Dict[str, int]] = {}
    for name, field in _capi.FACETS.items():
        count = ctypes.c_size_t()
        _check(_lib.faqsearch_results_facet_count(handle, field, ctypes.byref(count)))
        values = {}
        for i in range(count.value):
            value, articles = ctypes.c_char_p(), ctypes.c_size_t()
            _check(_lib.faqsearch_results_facet(handle, field, i, ctypes.byref(value), ctypes.byref(articles)))
            values[value.value.decode()] = articles.value
        out[name] = values
    return out


def _hits(handle: ctypes.c_void_p, owner: _Owner) -> List[Hit]:
    """The hits of the C results `handle`, whose snippets `owner` keeps alive."""
    return [_hit(hit.contents, owner) for hit in _read_all(handle, _lib.faqsearch_results_count,
                                                           _lib.faqsearch_results_hit, ctypes.POINTER(_capi.Hit))]


class Searcher(_Handle):
    """Searches an index (faqsearch::Searcher). One per thread; `share_with`: another Searcher
    whose dictionaries this one shares."""
    _free = _lib.faqsearch_searcher_free

    def __init__(self, path: str, share_with: Optional["Searcher"] = None):
        super().__init__()
        _check(_lib.faqsearch_searcher_open(_utf8(str(path)), share_with._h() if share_with else None,
                                            ctypes.byref(self._handle)))

    def search(self, query: str, languages: Iterable[str] = (), categories: Iterable[str] = (),
               tags: Iterable[str] = (), audiences: Iterable[str] = ("public",), offset: int = 0,
               limit: int = 10, snippets: bool = True, snippet_bytes: int = 180,
               typo_tolerance: bool = True, prefix_last_word: bool = True, sections: Iterable[str] = (),
               hit_languages: Iterable[str] = (), fallback: bool = True, facets: bool = False,
               sort: str = "relevance", corrections: bool = True, diagnose: bool = True,
               log: Optional[QueryLog] = None) -> Results:
        """Runs a search; the parameters are faqsearch::SearchRequest's fields (search.h).
        `corrections`: look for a did-you-mean (Results.did_you_mean) when words of the query are
        in no visible article; `diagnose`: say why nothing, or only fallbacks, were found
        (Results.diagnosis); `log`: a QueryLog that records the search."""
        if log is not None and not isinstance(log, QueryLog):
            raise InvalidArgument(f"log must be a faqsearch.QueryLog, not {type(log).__name__}",
                                  "FAQSEARCH_INVALID_ARGUMENT")
        handle = ctypes.c_void_p()
        with _Request(query, languages, categories, tags, audiences, offset, limit, snippets, snippet_bytes,
                      typo_tolerance, prefix_last_word, sections, hit_languages, fallback, facets, sort,
                      corrections, diagnose) as request:
            log_handle = log._h() if log is not None else None  # a closed log fails before the search
            _check(_lib.faqsearch_searcher_search(self._h(), request._handle, ctypes.byref(handle)))
            owner = _Owner(handle)
            if log_handle is not None:
                _check(_lib.faqsearch_query_log_record(log_handle, request._handle, handle))
        total = ctypes.c_size_t()
        _check(_lib.faqsearch_results_total(handle, ctypes.byref(total)))
        return Results(total.value, _hits(handle, owner), _languages(handle), _facets(handle) if facets else {},
                       read_did_you_mean(handle), read_diagnosis(handle), _unavailable_shards(handle),
                       _generations_differ(handle))

    def suggest(self, text: str, languages: Iterable[str] = (), audiences: Iterable[str] = ("public",),
                completions: int = 5, titles: int = 5) -> Suggestions:
        """Suggestions for what the search box holds, `text` (faqsearch::Searcher::suggest): at
        most `completions` completions of its last word (none when it ends with a space or
        punctuation) and `titles` article titles it finds (each 0..50). `languages`: the
        shopper's (empty: every visible language); `audiences`: those the caller may see."""
        handle = ctypes.c_void_p()
        with _Request(languages=languages, audiences=audiences) as request:
            _check(_lib.faqsearch_searcher_suggest(self._h(), _utf8(text), request._handle, completions, titles,
                                                   ctypes.byref(handle)))
        return read_suggestions(handle)

    def related(self, id: str, **request) -> RelatedHits:  # noqa: A002 - the article's field name
        """Articles related to article `id` (faqsearch::Searcher::related), best first: never the
        article itself or its translations; a list, which also names a cluster's shards that did
        not answer (RelatedHits). `request`: the keyword arguments of search() but the query
        (languages with the fallback, audiences, filters, offset, limit, snippets). Raises
        InvalidArgument when no article `id` is visible to the audiences."""
        if "query" in request:
            raise InvalidArgument("related() takes no query: the article's own terms are the query",
                                  "FAQSEARCH_INVALID_ARGUMENT")
        handle = ctypes.c_void_p()
        with _Request(**request) as c_request:
            _check(_lib.faqsearch_searcher_related(self._h(), _utf8(id), c_request._handle, ctypes.byref(handle)))
        return RelatedHits(_hits(handle, _Owner(handle)), _unavailable_shards(handle), _generations_differ(handle))

    def languages(self) -> List[str]:
        """Languages present in the index, sorted."""
        return [lang.value.decode() for lang in _read_all(self._h(), _lib.faqsearch_searcher_languages,
                                                           _lib.faqsearch_searcher_language, ctypes.c_char_p)]

    def reopen(self) -> None:
        """Makes the next search see the latest commit (searches do it when needed)."""
        _check(_lib.faqsearch_searcher_reopen(self._h()))
