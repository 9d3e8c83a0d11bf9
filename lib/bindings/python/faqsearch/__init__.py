"""faqsearch from Python: multilingual help-center search, over the library's C API (ctypes).

    import faqsearch
    with faqsearch.Writer("help-index") as writer:
        writer.upsert({"id": "track-order", "lang": "en", "title": "Where is my order?",
                       "body": "Open the tracking link in your shipping email."})
        writer.commit()
    with faqsearch.Searcher("help-index") as searcher:
        for hit in searcher.search("tracking link", languages=["en"]).hits:
            print(hit.title, hit.snippet.html())
        print(searcher.search("trakcing", languages=["en"]).did_you_mean)  # "tracking"
        print([c.word for c in searcher.suggest("trac", languages=["en"]).completions])
        print([hit.id for hit in searcher.related("track-order", languages=["en"])])

Every failure raises a faqsearch.Error subclass named as in the C++ API (error.h). Thread-safety
is the C++ API's: a Writer, Builder or Searcher is used by one thread at a time (one Searcher per
thread; `Searcher(path, share_with=other)` shares dictionaries); Results are immutable. Calls
release the GIL while the library works.
"""
import ctypes
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _capi

_lib = _capi.load()


class Error(Exception):
    """Any faqsearch failure. `status` is the C API's status name ("FAQSEARCH_INDEX_LOCKED")."""

    def __init__(self, message: str, status: str):
        super().__init__(message)
        self.status = status


class InvalidArgument(Error, ValueError):
    """A bad value: the message names it."""


class UnsupportedLanguage(Error):
    """A language faqsearch cannot analyze for the operation."""


class IndexError(Error):  # noqa: A001 - the C++ API's name; use it as faqsearch.IndexError
    """The index could not be opened, read or written."""


class IndexLocked(IndexError):
    """Another writer holds the index: wait and retry."""


class IndexCorrupt(IndexError):
    """The index is damaged: rebuild it."""


class IndexMismatch(IndexError):
    """The index was built with another schema or settings: rebuild it."""


class ImportError(Error):  # noqa: A001 - the C++ API's name; use it as faqsearch.ImportError
    """Malformed input."""


class InternalError(Error):
    """Anything else (a bug: report it with the message)."""


_ERRORS = {1: InvalidArgument, 2: UnsupportedLanguage, 3: IndexError, 4: IndexLocked, 5: IndexCorrupt,
           6: IndexMismatch, 7: ImportError, 9: InternalError}


def _check(status: int) -> None:
    if status == 0:
        return
    message = _lib.faqsearch_last_error().decode("utf-8", "replace")
    name = _lib.faqsearch_status_name(status).decode()
    if status == 8:
        raise MemoryError(message)
    raise _ERRORS.get(status, InternalError)(message, name)


def _utf8(text: Optional[str]) -> Optional[bytes]:
    return None if text is None else text.encode("utf-8")


def _text(data: Optional[bytes]) -> str:
    return "" if data is None else data.decode("utf-8")


def _read_all(handle, count_function, item_function, out_type) -> list:
    """A list the C API reads out in two steps: count_function(handle, &count), then
    item_function(handle, i, &out) for each i; the outs, each an `out_type`."""
    count = ctypes.c_size_t()
    _check(count_function(handle, ctypes.byref(count)))
    items = []
    for i in range(count.value):
        out = out_type()
        _check(item_function(handle, i, ctypes.byref(out)))
        items.append(out)
    return items


def version() -> str:
    """The version of the library loaded ("MAJOR.MINOR.PATCH")."""
    return _lib.faqsearch_version().decode()


@dataclass(frozen=True)
class Snippet:
    """A passage with the words that matched marked. `highlights` are (begin, end) index ranges
    into `text` (Python string indexes, not bytes)."""
    text: str
    highlights: List[Tuple[int, int]]
    starts_mid_text: bool
    ends_mid_text: bool
    _c: _capi.Snippet = field(repr=False, compare=False)
    _owner: object = field(repr=False, compare=False)  # keeps the C object alive for html()

    def highlighted(self) -> List[str]:
        """The highlighted words, in order."""
        return [self.text[b:e] for b, e in self.highlights]

    def html(self, open_tag: str = "<mark>", close_tag: str = "</mark>") -> str:
        """HTML: text escaped, highlights wrapped in the tags, "…" where the passage is cut."""
        out = ctypes.c_void_p()
        _check(_lib.faqsearch_snippet_html(ctypes.byref(self._c), _utf8(open_tag), _utf8(close_tag),
                                           ctypes.byref(out)))
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            _lib.faqsearch_string_free(out)


@dataclass(frozen=True)
class Hit:
    """One result."""
    id: str
    lang: str
    title: str
    url: str
    category: str
    tags: List[str]
    audience: str
    updated_at: str
    score: float
    rank: int
    title_snippet: Snippet
    snippet: Snippet
    section: str = ""
    fallback: bool = False
    translations: List[str] = field(default_factory=list)
    promoted: bool = False
    outdated: bool = False
    vote_sum: int = 0
    vote_count: int = 0
    position: int = 0


@dataclass(frozen=True)
class Results:
    """A page of results: `hits`; the number of matching articles (each once, whatever its
    translations); the languages searched; facet counts by field when asked for; the
    did-you-mean (a Correction) and, when nothing or only fallbacks were found, the Diagnosis
    (None when the search has none, or did not ask for it); the names of a cluster's shards
    that did not answer (partial results: on_shard_failure = "partial"; empty when all did);
    whether the shards were at different cluster generations (the hits may mix two batches)."""
    total: int
    hits: List[Hit]
    languages: List[str] = field(default_factory=list)
    facets: Dict[str, Dict[str, int]] = field(default_factory=dict)
    did_you_mean: Optional["Correction"] = None
    diagnosis: Optional["Diagnosis"] = None
    unavailable_shards: List[str] = field(default_factory=list)
    generations_differ: bool = False


class RelatedHits(list):
    """The articles related to one article (Searcher.related): a list of Hit, best first, which
    also says, as Results does, which of a cluster's shards did not answer (`unavailable_shards`)
    and whether its shards were at different cluster generations (`generations_differ`)."""

    def __init__(self, hits: Iterable["Hit"] = (), unavailable_shards: Iterable[str] = (),
                 generations_differ: bool = False):
        super().__init__(hits)
        self.unavailable_shards: List[str] = list(unavailable_shards)
        self.generations_differ = generations_differ


class _Owner:
    """Owns a C object that snippets point into (results, suggestions); freed with `_free` when
    the last Snippet is gone."""
    _free = _lib.faqsearch_results_free

    def __init__(self, handle: ctypes.c_void_p):
        self.handle = handle

    def __del__(self):
        type(self)._free(self.handle)


def _string_ranges(data: bytes, ranges) -> Tuple[str, List[Tuple[int, int]]]:
    """`data` decoded, and its byte ranges (objects with begin and end) as string indexes: the
    length of the decoded prefix."""
    return data.decode("utf-8"), [(len(data[:r.begin].decode()), len(data[:r.end].decode())) for r in ranges]


def _snippet(c: _capi.Snippet, owner: _Owner) -> Snippet:
    data = ctypes.string_at(c.text, c.text_bytes) if c.text_bytes else b""
    text, ranges = _string_ranges(data, [c.highlights[i] for i in range(c.highlight_count)])
    return Snippet(text, ranges, bool(c.starts_mid_text), bool(c.ends_mid_text), c, owner)


def _hit(c: _capi.Hit, owner: _Owner) -> Hit:
    return Hit(_text(c.id), _text(c.lang), _text(c.title), _text(c.url), _text(c.category),
               [_text(c.tags[i]) for i in range(c.tag_count)], _text(c.audience), _text(c.updated_at),
               c.score, c.rank, _snippet(c.title_snippet, owner), _snippet(c.snippet, owner),
               _text(c.section), bool(c.fallback), [_text(c.translations[i]) for i in range(c.translation_count)],
               bool(c.promoted), bool(c.outdated), c.vote_sum, c.vote_count, c.position)


ArticleLike = Mapping[str, Union[str, Sequence[str]]]


def _article(article: ArticleLike):
    """The C article for a mapping with the keys of faqsearch::Article (id, lang, title, body,
    url, category, tags, audience, updated_at, section, promoted, outdated, vote_sum, vote_count,
    position); returns it with what keeps its strings alive."""
    unknown = set(article) - {f[0] for f in _capi.Article._fields_} - {"tag_count"}
    if unknown:
        raise InvalidArgument(f"unknown article field(s): {', '.join(sorted(unknown))}", "FAQSEARCH_INVALID_ARGUMENT")
    tags = [_utf8(t) for t in article.get("tags", ())]
    tag_array = (ctypes.c_char_p * len(tags))(*tags)
    c = _capi.Article(*(_utf8(article.get(k)) for k in ("id", "lang", "title", "body", "url", "category")),
                      tag_array, len(tags), _utf8(article.get("audience")), _utf8(article.get("updated_at")),
                      _utf8(article.get("section")), int(bool(article.get("promoted", False))),
                      int(bool(article.get("outdated", False))),
                      *(int(article.get(k, 0)) for k in ("vote_sum", "vote_count", "position")))
    return c, tag_array


def _settings(settings: Optional[Mapping]) -> Optional[_capi.Settings]:
    """Index settings (word_pairs, title_boost, tags_weight, section_weight, category_weight,
    max_term_bytes, hunspell_directory) over the
    defaults; None: the C API's default."""
    if settings is None:
        return None
    c = _capi.Settings()
    _check(_lib.faqsearch_settings_init(ctypes.byref(c)))
    for key, value in settings.items():
        if key not in ("word_pairs", "title_boost", "tags_weight", "section_weight", "category_weight",
                       "max_term_bytes", "hunspell_directory"):
            raise InvalidArgument(f"unknown setting {key}", "FAQSEARCH_INVALID_ARGUMENT")
        setattr(c, key, _utf8(value) if key == "hunspell_directory" else int(value))
    return c


class _Handle:
    """A C handle freed by close(), at the end of a with block, or when collected. Subclasses
    call _Handle.__init__ first, so that close() works whatever fails after."""
    _free = None

    def __init__(self):
        self._handle = ctypes.c_void_p()

    def close(self) -> None:
        if self._handle:
            type(self)._free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def _h(self) -> ctypes.c_void_p:
        if not self._handle:
            raise InvalidArgument(f"this {type(self).__name__} is closed", "FAQSEARCH_INVALID_ARGUMENT")
        return self._handle


# They use what is above.
from ._analytics import (CorrectionCount, MalformedLogLine, QueryCount, QueryLog, QueryLogReport,  # noqa: E402
                         TranslationNeed, ZeroResultGroup, report_query_log)
from ._discovery import Completion, Correction, Diagnosis, Suggestions  # noqa: E402
from ._handles import Builder, Searcher, Writer  # noqa: E402

# IndexError and ImportError are left out so that `from faqsearch import *` shadows no builtin.
__all__ = ["Builder", "Completion", "Correction", "CorrectionCount", "Diagnosis", "Error", "Hit", "IndexCorrupt",
           "IndexLocked", "IndexMismatch", "InternalError", "InvalidArgument", "MalformedLogLine", "QueryCount",
           "QueryLog", "QueryLogReport", "RelatedHits", "Results", "Searcher", "Snippet", "Suggestions", "TranslationNeed",
           "UnsupportedLanguage", "Writer", "ZeroResultGroup", "report_query_log", "version"]
