"""Search analytics: the opt-in query log (QueryLog) and the support team's report of it
(report_query_log), over the C API's faqsearch_query_log_* calls."""
import ctypes
import json
from dataclasses import dataclass, field
from typing import Dict, List

from . import InvalidArgument, _check, _Handle, _lib, _utf8


class QueryLog(_Handle):
    """An opt-in query log (faqsearch::QueryLog): one JSON line per search passed to it with
    `Searcher.search(..., log=query_log)`, appended to `path` (created if missing). A line holds
    what was searched and found, never who searched. Thread-safe: one QueryLog may serve the
    Searchers of every thread, and several processes may append to one file."""
    _free = _lib.faqsearch_query_log_free

    def __init__(self, path: str):
        super().__init__()
        _check(_lib.faqsearch_query_log_open(_utf8(str(path)), ctypes.byref(self._handle)))

    @property
    def error(self) -> str:
        """The message of the first failed write (a full disk...), "" while every write
        succeeded: a failed write never fails the search."""
        out = ctypes.c_void_p()
        _check(_lib.faqsearch_query_log_error(self._h(), ctypes.byref(out)))
        try:
            return ctypes.string_at(out.value).decode("utf-8", "replace")
        finally:
            _lib.faqsearch_string_free(out)


@dataclass(frozen=True)
class QueryCount:
    """A search text as the report counts it (case folded, spaces collapsed): its searches, and
    those of them that found nothing."""
    query: str
    searches: int
    zero_results: int


@dataclass(frozen=True)
class ZeroResultGroup:
    """Searches that found nothing for one reason (a Diagnosis reason, or "unknown") in one
    language, with the most frequent of them."""
    reason: str
    language: str
    searches: int
    queries: List[QueryCount]


@dataclass(frozen=True)
class TranslationNeed:
    """An article searches found only as a fallback in `served_lang` (one to translate next),
    with the languages they asked for and their searches."""
    id: str
    served_lang: str
    searches: int
    wanted: Dict[str, int]


@dataclass(frozen=True)
class CorrectionCount:
    """A word typed and what the did-you-mean corrected it to (a synonym or spelling to add)."""
    typed: str
    corrected: str
    searches: int


@dataclass(frozen=True)
class MalformedLogLine:
    """A log line the report could not read (1-based line number) and why."""
    line: int
    message: str


@dataclass(frozen=True)
class QueryLogReport:
    """The support team's report of a query log (faqsearch::QueryLogReport): the searches read
    and how many found nothing, were corrected, found only fallbacks or had a fallback as their
    best hit; lists sorted most searches first. Malformed lines are counted (and the first 100
    listed), never the end of the report."""
    searches: int
    zero_results: int
    corrected: int
    fallback_only: int
    best_hit_fallback: int
    before_since: int
    top_searches: List[QueryCount] = field(default_factory=list)
    zero_result_groups: List[ZeroResultGroup] = field(default_factory=list)
    to_translate: List[TranslationNeed] = field(default_factory=list)
    corrections: List[CorrectionCount] = field(default_factory=list)
    malformed: int = 0
    malformed_lines: List[MalformedLogLine] = field(default_factory=list)


def report_query_log(path: str, since: str = "", top: int = 20) -> QueryLogReport:
    """Reads the query log `path` into a report (faqsearch::report_query_log). `since`: only
    searches at or after this UTC time, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" ("" for all);
    `top`: entries per list. Raises InvalidArgument for a bad `since` or `top`, IndexError
    naming the file when it cannot be read."""
    if top < 1:
        raise InvalidArgument(f"top must be at least 1, got {top}", "FAQSEARCH_INVALID_ARGUMENT")
    out = ctypes.c_void_p()
    _check(_lib.faqsearch_query_log_report(_utf8(str(path)), _utf8(since), top, ctypes.byref(out)))
    try:
        document = json.loads(ctypes.string_at(out.value).decode("utf-8"))
    finally:
        _lib.faqsearch_string_free(out)
    counts = lambda items: [QueryCount(**c) for c in items]  # noqa: E731
    return QueryLogReport(
        **{k: document[k] for k in ("searches", "zero_results", "corrected", "fallback_only", "best_hit_fallback",
                                    "before_since", "malformed")},
        top_searches=counts(document["top_searches"]),
        zero_result_groups=[ZeroResultGroup(g["reason"], g["language"], g["searches"], counts(g["queries"]))
                            for g in document["zero_result_groups"]],
        to_translate=[TranslationNeed(**n) for n in document["to_translate"]],
        corrections=[CorrectionCount(**c) for c in document["corrections"]],
        malformed_lines=[MalformedLogLine(**m) for m in document["malformed_lines"]])
