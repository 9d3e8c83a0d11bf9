"""Did-you-mean, zero-result diagnosis and search-box suggestions: their Python types and the
readers that copy them out of the C API's results and suggestions."""
import ctypes
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import Hit, _capi, _check, _hit, _lib, _Owner, _read_all, _string_ranges, _text


@dataclass(frozen=True)
class Correction:
    """A did-you-mean (faqsearch::QueryCorrection): `query` is what was typed with the corrected
    words replaced; `changed` the (begin, end) index ranges of `query` that replace what was typed
    (Python string indexes, not bytes)."""
    query: str
    changed: List[Tuple[int, int]]

    def changed_words(self) -> List[str]:
        """The corrected words, in order."""
        return [self.query[b:e] for b, e in self.changed]


@dataclass(frozen=True)
class Diagnosis:
    """Why a search found nothing, or served only fallbacks (faqsearch::Diagnosis).

    `reason`: "other_languages" (the words match articles only in languages not searched:
    `other_languages` maps each to its matching articles), "filtered" (the filters removed every
    match: `filters` names the fields, among "category", "section", "tag", "hit_language"),
    "only_stop_words", "correction" (the did-you-mean finds articles) or "nothing".
    `fallback_only`: the search found articles, all of them fallbacks in the default language.
    """
    reason: str
    fallback_only: bool = False
    other_languages: Dict[str, int] = field(default_factory=dict)
    filters: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Completion:
    """A completion of the last word typed (faqsearch::Completion): the `word` as the articles
    write it (lower case), the whole `query` with its last word completed, and the visible
    `articles` that have the word."""
    word: str
    query: str
    articles: int


@dataclass(frozen=True)
class Suggestions:
    """Search-box suggestions (faqsearch::Suggestions): `completions` of the last word, most
    frequent first; `titles`, hits whose title_snippet highlights the matched words (their body
    snippet is empty), best first."""
    completions: List[Completion]
    titles: List[Hit]


def read_did_you_mean(handle: ctypes.c_void_p) -> Optional[Correction]:
    """The did-you-mean of the C results `handle`, None when there is none."""
    query, changed, count = ctypes.c_char_p(), ctypes.POINTER(_capi.Range)(), ctypes.c_size_t()
    _check(_lib.faqsearch_results_did_you_mean(handle, ctypes.byref(query), ctypes.byref(changed),
                                               ctypes.byref(count)))
    if query.value is None:
        return None
    text, ranges = _string_ranges(query.value, [changed[i] for i in range(count.value)])
    return Correction(text, ranges)


def read_diagnosis(handle: ctypes.c_void_p) -> Optional[Diagnosis]:
    """The diagnosis of the C results `handle`, None when there is none."""
    present, reason, fallback_only = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    _check(_lib.faqsearch_results_diagnosis(handle, ctypes.byref(present), ctypes.byref(reason),
                                            ctypes.byref(fallback_only)))
    if not present.value:
        return None
    count = ctypes.c_size_t()
    _check(_lib.faqsearch_results_diagnosis_language_count(handle, ctypes.byref(count)))
    languages = {}
    for i in range(count.value):
        lang, articles = ctypes.c_char_p(), ctypes.c_size_t()
        _check(_lib.faqsearch_results_diagnosis_language(handle, i, ctypes.byref(lang), ctypes.byref(articles)))
        languages[_text(lang.value)] = articles.value
    filters = [_text(name.value) for name in _read_all(handle, _lib.faqsearch_results_diagnosis_filter_count,
                                                        _lib.faqsearch_results_diagnosis_filter, ctypes.c_char_p)]
    return Diagnosis(_lib.faqsearch_empty_reason_name(reason.value).decode(), bool(fallback_only.value),
                     languages, filters)


class _SuggestionsOwner(_Owner):
    """Owns the C suggestions the title hits' snippets point into."""
    _free = _lib.faqsearch_suggestions_free


def read_suggestions(handle: ctypes.c_void_p) -> Suggestions:
    """The C suggestions `handle` as Suggestions; takes ownership of the handle (freed when the
    last title snippet is gone)."""
    owner = _SuggestionsOwner(handle)
    completions = [Completion(_text(c.contents.word), _text(c.contents.query), c.contents.articles)
                   for c in _read_all(handle, _lib.faqsearch_suggestions_completion_count,
                                      _lib.faqsearch_suggestions_completion, ctypes.POINTER(_capi.Completion))]
    titles = [_hit(hit.contents, owner) for hit in _read_all(handle, _lib.faqsearch_suggestions_title_count,
                                                             _lib.faqsearch_suggestions_title, ctypes.POINTER(_capi.Hit))]
    return Suggestions(completions, titles)
