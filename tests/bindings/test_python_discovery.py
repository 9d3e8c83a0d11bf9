"""The Python module's discovery and analytics calls as a store backend uses them: did-you-mean,
the diagnosis of empty results, search-box suggestions, related articles, the query log and its
report, their failures as exceptions, and every C object freed. Run by CTest beside
test_python.py (same environment)."""
import ctypes
import gc
import json
import os
import shutil
import tempfile
import unittest
from unittest import mock

import faqsearch

DISCOVERY_ARTICLES = [
    {"id": "track-order", "lang": "en", "title": "Where is my order?", "category": "shipping",
     "body": "Open the tracking link in your shipping email to see where your parcel is."},
    {"id": "track-order", "lang": "de", "title": "Wo ist meine Bestellung?", "category": "shipping",
     "body": "Über den Link in der Versandbestätigung sehen Sie, wo Ihr Paket ist."},
    {"id": "track-late", "lang": "en", "title": "My tracking link shows no update", "category": "shipping",
     "body": "A parcel tracking link can take a day to show the first scan of your parcel."},
    {"id": "refund-time", "lang": "en", "title": "When do I get my money back?", "category": "returns",
     "body": "Refunds reach your account 3 to 5 days after we receive the return."},
    {"id": "refund-card", "lang": "en", "title": "Refunds to a gift card", "category": "returns",
     "body": "Refunds of orders paid with a gift card go back to the gift card, not to your account."},
    {"id": "goodwill", "lang": "en", "title": "Goodwill refunds", "audience": "agents", "category": "returns",
     "body": "Agents may refund shipping costs as a goodwill gesture."},
]


class DiscoveryTest(unittest.TestCase):
    """Did-you-mean, diagnosis, suggestions and related articles through the binding."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="faqsearch-python-discovery-")
        with faqsearch.Builder(os.path.join(cls.tmp, "index")) as builder:
            for article in DISCOVERY_ARTICLES:
                builder.add(article)
            builder.finish()
        cls.searcher = faqsearch.Searcher(os.path.join(cls.tmp, "index"))

    @classmethod
    def tearDownClass(cls):
        cls.searcher.close()
        shutil.rmtree(cls.tmp)

    def test_did_you_mean_names_the_corrected_word(self):
        cases = [  # query, options, corrected query, corrected words
            ("trakcing", {}, "tracking", ["tracking"]),
            ("gift crad", {}, "gift card", ["card"]),
            ("refnuds", {"typo_tolerance": False}, "refunds", ["refunds"]),
            ("refund", {}, None, None),
            ("trakcing", {"corrections": False}, None, None),
        ]
        for query, options, corrected, words in cases:
            with self.subTest(query=query, options=options):
                correction = self.searcher.search(query, languages=["en"], **options).did_you_mean
                if corrected is None:
                    self.assertIsNone(correction)
                    continue
                self.assertIsInstance(correction, faqsearch.Correction)
                self.assertEqual((correction.query, correction.changed_words()), (corrected, words))

    def test_correction_ranges_are_string_indexes(self):
        correction = self.searcher.search("größe trakcing", languages=["en"]).did_you_mean
        self.assertIsNotNone(correction)
        self.assertEqual(correction.changed_words(), ["tracking"])
        self.assertTrue(correction.query.endswith("tracking"))

    def test_diagnosis_says_why_nothing_was_found(self):
        cases = [  # query, options, reason, other languages, filters
            ("zzqqxxvv", {}, "nothing", {}, []),
            ("bestellung", {"fallback": False}, "other_languages", {"de": 1}, []),
            ("refunds", {"categories": ["shipping"]}, "filtered", {}, ["category"]),
            ("refnuds", {"typo_tolerance": False}, "correction", {}, []),
        ]
        for query, options, reason, languages, filters in cases:
            with self.subTest(query=query):
                results = self.searcher.search(query, languages=["en"], **options)
                self.assertEqual(results.hits, [])
                self.assertEqual(results.diagnosis, faqsearch.Diagnosis(reason, False, languages, filters))
        self.assertIsNone(self.searcher.search("refund", languages=["en"]).diagnosis)
        self.assertIsNone(self.searcher.search("zzqqxxvv", languages=["en"], diagnose=False).diagnosis)

    def test_diagnosis_of_fallback_only_results(self):
        results = self.searcher.search("refund", languages=["de"])
        self.assertTrue(results.hits and all(h.fallback for h in results.hits))
        self.assertTrue(results.diagnosis.fallback_only)

    def test_suggest_completes_the_last_word_and_finds_titles(self):
        suggestions = self.searcher.suggest("trac", languages=["en"])
        self.assertIsInstance(suggestions, faqsearch.Suggestions)
        self.assertEqual([(c.word, c.query) for c in suggestions.completions], [("tracking", "tracking")])
        self.assertEqual(suggestions.completions[0].articles, 2)
        # The title that says "tracking"; the other article says it in its body only: no title.
        self.assertEqual([h.id for h in suggestions.titles], ["track-late"])
        self.assertEqual(suggestions.titles[0].title_snippet.highlighted(), ["tracking"])
        self.assertEqual(suggestions.titles[0].snippet.text, "")
        refunds = self.searcher.suggest("gift re", languages=["en"])
        self.assertEqual([(c.word, c.articles) for c in refunds.completions],
                         [("refunds", 2), ("returns", 2), ("reach", 1), ("receive", 1)])  # ties by word
        self.assertEqual(refunds.completions[0].query, "gift refunds")
        self.assertEqual(refunds.titles[0].id, "refund-card")
        self.assertEqual(sorted(refunds.titles[0].title_snippet.highlighted()), ["Refunds", "gift"])
        limited = self.searcher.suggest("re", languages=["en"], completions=1, titles=0)
        self.assertEqual((len(limited.completions), limited.titles), (1, []))
        # A word only an agents' article has is suggested to agents only.
        self.assertEqual(self.searcher.suggest("goodw", languages=["en"]).completions, [])
        self.assertEqual([c.word for c in self.searcher.suggest("goodw", audiences=["agents"]).completions],
                         ["goodwill"])

    def test_related_finds_other_articles_never_the_article_itself(self):
        cases = [  # id, options, the best related article
            ("track-order", {"languages": ["en"]}, "track-late"),
            ("refund-time", {"languages": ["en"]}, "refund-card"),
            ("track-order", {"languages": ["de"]}, "track-late"),  # terms of the German, hits in English
        ]
        for article, options, best in cases:
            with self.subTest(article=article, options=options):
                hits = self.searcher.related(article, **options)
                self.assertIsInstance(hits, faqsearch.RelatedHits)
                self.assertEqual((hits.unavailable_shards, hits.generations_differ), ([], False))  # one index
                self.assertEqual(hits[0].id, best)
                self.assertNotIn(article, [h.id for h in hits])
                self.assertNotIn("goodwill", [h.id for h in hits])  # agents only
        self.assertEqual(len(self.searcher.related("refund-time", languages=["en"], limit=1)), 1)
        filtered = self.searcher.related("track-order", languages=["en"], categories=["returns"])
        self.assertNotIn("track-late", [h.id for h in filtered])
        self.assertTrue(all(h.category == "returns" for h in filtered))

    def test_discovery_failures_are_exceptions_with_the_c_message(self):
        s = self.searcher
        cases = [  # what fails, the exception, words of its message
            (lambda: s.related("no-such-article"), faqsearch.InvalidArgument, "no-such-article"),
            (lambda: s.related("goodwill", languages=["en"]), faqsearch.InvalidArgument, "goodwill"),
            (lambda: s.related("track-order", query="x"), faqsearch.InvalidArgument, "no query"),
            (lambda: s.related("track-order", limit=0), faqsearch.InvalidArgument, "limit"),
            (lambda: s.suggest("trac", completions=51), faqsearch.InvalidArgument, "completions: must be at most 50"),
            (lambda: s.suggest("trac", languages=["english"]), faqsearch.InvalidArgument, "english"),
            (lambda: s.suggest("x" * 3000), faqsearch.InvalidArgument, "bytes"),
        ]
        for action, error, words in cases:
            with self.subTest(words=words), self.assertRaises(error) as raised:
                action()
            self.assertIn(words, str(raised.exception))
            self.assertEqual(raised.exception.status, "FAQSEARCH_INVALID_ARGUMENT")
        closed = faqsearch.Searcher(os.path.join(self.tmp, "index"))
        closed.close()
        for action in (lambda: closed.suggest("trac"), lambda: closed.related("track-order")):
            with self.assertRaisesRegex(faqsearch.InvalidArgument, "closed"):
                action()

    def test_query_log_records_searches_and_the_report_counts_them(self):
        path = os.path.join(self.tmp, "searches.jsonl")
        searches = [("refund", "en"), ("Refund ", "en"), ("zzqqxxvv", "en"), ("trakcing", "en"), ("refund", "de")]
        with faqsearch.QueryLog(path) as log:
            for query, lang in searches:
                self.searcher.search(query, languages=[lang], log=log)
            self.searcher.search("parcel", languages=["en"])  # not logged
            self.assertEqual(log.error, "")
        with open(path, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f]
        self.assertEqual([(line["query"], line["requested"]) for line in lines], [(q, [lang]) for q, lang in searches])
        self.assertEqual(lines[3]["did_you_mean"]["query"], "tracking")
        report = faqsearch.report_query_log(path)
        self.assertEqual((report.searches, report.zero_results, report.corrected, report.fallback_only),
                         (5, 1, 1, 1))
        self.assertEqual(report.top_searches[0], faqsearch.QueryCount("refund", 3, 0))  # case and spaces folded
        self.assertEqual(report.zero_result_groups,
                         [faqsearch.ZeroResultGroup("nothing", "en", 1, [faqsearch.QueryCount("zzqqxxvv", 1, 1)])])
        self.assertEqual(report.corrections, [faqsearch.CorrectionCount("trakcing", "tracking", 1)])
        self.assertEqual(report.to_translate, [faqsearch.TranslationNeed(id, "en", 1, {"de": 1})
                                               for id in ("refund-card", "refund-time")])  # both English only
        self.assertEqual((report.malformed, report.malformed_lines), (0, []))
        later = faqsearch.report_query_log(path, since="2999-01-01")
        self.assertEqual((later.searches, later.before_since, later.top_searches), (0, 5, []))
        self.assertEqual(len(faqsearch.report_query_log(path, top=1).top_searches), 1)
        with open(path, "a", encoding="utf-8") as f:
            f.write("not a log line\n")
        damaged = faqsearch.report_query_log(path)
        self.assertEqual((damaged.searches, damaged.malformed, [m.line for m in damaged.malformed_lines]), (5, 1, [6]))

    def test_query_log_failures_are_exceptions_with_the_c_message(self):
        path = os.path.join(self.tmp, "failures.jsonl")
        cases = [  # what fails, the exception, words of its message
            (lambda: faqsearch.report_query_log(os.path.join(self.tmp, "none.jsonl")), faqsearch.IndexError,
             "not a regular file"),
            (lambda: faqsearch.report_query_log(path, since="yesterday"), faqsearch.InvalidArgument, "yesterday"),
            (lambda: faqsearch.report_query_log(path, top=0), faqsearch.InvalidArgument, "top"),
            (lambda: faqsearch.QueryLog(os.path.join(self.tmp, "no-dir", "log.jsonl")), faqsearch.IndexError,
             "cannot open"),
            (lambda: self.searcher.search("refund", log=path), faqsearch.InvalidArgument, "QueryLog"),
        ]
        faqsearch.QueryLog(path).close()
        for action, error, words in cases:
            with self.subTest(words=words), self.assertRaises(error) as raised:
                action()
            self.assertIn(words, str(raised.exception))
        closed = faqsearch.QueryLog(path)
        closed.close()
        with self.assertRaisesRegex(faqsearch.InvalidArgument, "closed"):
            self.searcher.search("refund", log=closed)
        with self.assertRaisesRegex(faqsearch.InvalidArgument, "closed"):
            closed.error  # noqa: B018 - the property's own check
        self.assertEqual(os.path.getsize(path), 0)

    def test_every_c_object_is_freed(self):
        """Each request, results and suggestions the C API hands out is freed exactly once, when
        the last Python object that points into it is gone, also when the call fails."""
        made, freed = [], []

        def making(original):
            def call(*args):
                status = original(*args)
                if status == 0:
                    made.append(args[-1]._obj.value)  # the handle written through byref()
                return status
            return call

        def freeing(original):
            def call(handle):
                freed.append(handle.value if isinstance(handle, ctypes.c_void_p) else handle)
                original(handle)
            return call

        lib = faqsearch._lib
        patches = [mock.patch.object(lib, name, making(getattr(lib, name)))
                   for name in ("faqsearch_request_new", "faqsearch_searcher_search", "faqsearch_searcher_suggest",
                                "faqsearch_searcher_related", "faqsearch_query_log_open")]
        patches += [mock.patch.object(owner, "_free", freeing(owner._free))
                    for owner in (faqsearch._Owner, faqsearch._discovery._SuggestionsOwner,
                                  faqsearch._handles._Request, faqsearch.QueryLog)]
        for p in patches:
            p.start()
        try:
            s = self.searcher
            snippet = s.search("trakcing", languages=["en"]).hits[0].snippet
            title = s.suggest("trac", languages=["en"]).titles[0].title_snippet
            related = s.related("track-order", languages=["en"])
            s.search("zzqqxxvv", languages=["en"])
            s.suggest("trac ", languages=["en"])
            with faqsearch.QueryLog(os.path.join(self.tmp, "freed.jsonl")) as log:
                s.search("refund", languages=["en"], log=log)
            for failing in (lambda: s.related("no-such-article"), lambda: s.suggest("trac", completions=51),
                            lambda: s.search("x", limit=0)):
                with self.assertRaises(faqsearch.InvalidArgument):
                    failing()
            gc.collect()
            self.assertEqual(len(made), 16)  # 9 requests, 3 results, 2 suggestions, 1 related, 1 log
            alive = sorted(set(made) - set(freed))
            self.assertEqual(len(alive), 3)  # the ones snippet, title and related point into
            self.assertEqual(snippet.html().count("<mark>"), 1)  # still readable
            self.assertTrue(title.html() and related[0].title)
            del snippet, title, related
            gc.collect()
            self.assertEqual(sorted(made), sorted(freed))
        finally:
            for p in patches:
                p.stop()


if __name__ == "__main__":
    unittest.main()
