"""The Python module (lib/bindings/python) as a store backend uses it: build an index in two
languages, update it, search it with the request's fields, and get failures as exceptions.
Run by CTest with PYTHONPATH at BUILD/python and FAQSEARCH_LIBRARY at the built library."""
import ctypes
import gc
import json
import os
import shutil
import tempfile
import unittest
from unittest import mock

import faqsearch

ARTICLES = [
    {"id": "track-order", "lang": "en", "title": "Where is my order?",
     "body": "Open the tracking link in your shipping email to see where your parcel is.",
     "url": "https://help.example/track", "category": "shipping", "tags": ["tracking", "delivery"],
     "updated_at": "2026-01-01T00:00:00Z", "section": "Delivery", "promoted": True, "vote_sum": 3,
     "vote_count": 4, "position": 2},
    {"id": "refund-time", "lang": "en", "title": "When do I get my money back?",
     "body": "Refunds reach your account 3 to 5 days after we receive the return.", "category": "returns"},
    {"id": "refund-time", "lang": "pl", "title": "Kiedy otrzymam zwrot pieniędzy?",
     "body": "Pieniądze wracają na Twoje konto w ciągu 3–5 dni od otrzymania zwrotu.", "category": "returns"},
    {"id": "track-order", "lang": "de", "title": "Wo ist meine Bestellung?",
     "body": "Über den Link in der Versandbestätigung sehen Sie, wo Ihr Paket ist.", "category": "shipping"},
    {"id": "goodwill", "lang": "en", "title": "Goodwill refunds", "audience": "agents",
     "body": "Agents may refund shipping costs as a goodwill gesture.", "category": "returns"},
]


class FaqsearchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="faqsearch-python-")
        cls.index = os.path.join(cls.tmp, "help-index")
        with faqsearch.Builder(cls.index) as builder:
            for article in ARTICLES:
                builder.add(article)
            builder.set_synonyms("[en]\nparcel, package\n")
            assert builder.added == len(ARTICLES)
            builder.finish()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_version_is_the_builds(self):
        self.assertEqual(faqsearch.version(), faqsearch._build.VERSION)

    def test_searches_in_two_languages(self):
        cases = [  # query, language, expected ids in order
            ("parcel", "en", ["track-order"]),
            ("package tracking", "en", ["track-order"]),  # a synonym
            ("zwrot pieniedzy", "pl", ["refund-time"]),  # typed without Polish letters
            ("paket", "de", ["track-order"]),
        ]
        with faqsearch.Searcher(self.index) as searcher:
            self.assertEqual(searcher.languages(), ["de", "en", "pl"])
            for query, lang, expected in cases:
                with self.subTest(query=query):
                    results = searcher.search(query, languages=[lang])
                    self.assertEqual([h.id for h in results.hits], expected)
                    self.assertTrue(all(h.lang == lang for h in results.hits))

    def test_hits_carry_every_field_and_snippets_index_the_string(self):
        with faqsearch.Searcher(self.index) as searcher:
            hit = searcher.search("order parcel", languages=["en"]).hits[0]
            self.assertEqual((hit.id, hit.lang, hit.title, hit.url, hit.category, hit.tags, hit.audience,
                              hit.updated_at, hit.rank),
                             ("track-order", "en", "Where is my order?", "https://help.example/track",
                              "shipping", ["tracking", "delivery"], "public", "2026-01-01T00:00:00Z", 0))
            self.assertGreater(hit.score, 0)
            self.assertEqual(hit.title_snippet.highlighted(), ["order"])
            self.assertIn("parcel", hit.snippet.highlighted())
            self.assertEqual(hit.title_snippet.html("<b>", "</b>"), "Where is my <b>order</b>?")
            # Highlights are string indexes, also after non-ASCII text ("Über", "Versandbestätigung").
            de = searcher.search("paket", languages=["de"]).hits[0]
            self.assertEqual(de.snippet.highlighted(), ["Paket"])
            self.assertIn("<mark>Paket</mark>", de.snippet.html())

    def test_request_fields(self):
        with faqsearch.Searcher(self.index) as first, faqsearch.Searcher(self.index, share_with=first) as s:
            ids = lambda **kw: [h.id for h in s.search(languages=["en"], **kw).hits]  # noqa: E731
            self.assertEqual(ids(query="refund"), ["refund-time"])
            self.assertEqual(ids(query="refund", audiences=["agents"]), ["goodwill"])
            self.assertEqual(ids(query="refund shipping", categories=["shipping"]), ["track-order"])
            self.assertEqual(ids(query="where", tags=["delivery"]), ["track-order"])
            self.assertEqual(len(ids(query="refund shipping", audiences=["public", "agents"])), 3)
            page = s.search("refund shipping", languages=["en"], audiences=["public", "agents"], offset=1, limit=1)
            self.assertEqual([h.rank for h in page.hits], [1])
            self.assertGreaterEqual(page.total, 3)
            self.assertEqual(ids(query="parcek", prefix_last_word=False), ["track-order"])
            self.assertEqual(ids(query="parcek", typo_tolerance=False, prefix_last_word=False), [])
            self.assertEqual(ids(query="refun", typo_tolerance=False), ["refund-time"])
            self.assertEqual(ids(query="refun", typo_tolerance=False, prefix_last_word=False), [])
            plain = s.search("order parcel", languages=["en"], snippets=False).hits[0]
            self.assertEqual((plain.snippet.text, plain.title_snippet.highlights), ("", []))
            short = s.search("refund", languages=["en"], snippet_bytes=20).hits[0]
            self.assertLess(len(short.snippet.text), 60)

    def test_signals_and_sort_orders(self):
        with faqsearch.Searcher(self.index) as s:
            by_relevance = s.search("money back parcel", languages=["en"])
            self.assertEqual(by_relevance.hits[0].id, "refund-time")
            by_recency = s.search("money back parcel", languages=["en"], sort="updated")
            self.assertEqual([h.id for h in by_recency.hits], ["track-order", "refund-time"])  # undated last
            track = by_recency.hits[0]
            self.assertEqual((track.promoted, track.outdated, track.vote_sum, track.vote_count, track.position),
                             (True, False, 3, 4, 2))
            self.assertEqual(track.section, "Delivery")
            with self.assertRaises(faqsearch.InvalidArgument):
                s.search("parcel", sort="newest")

    def test_locale_fallback_translations_and_facets(self):
        with faqsearch.Searcher(self.index) as s:
            # German reads track-order in German; refund-time has no German: served in English.
            results = s.search("Paket refund", languages=["de-CH"], facets=True)
            self.assertEqual(results.languages, ["de", "en"])
            served = {h.id: (h.lang, h.fallback, h.translations) for h in results.hits}
            self.assertEqual(served["track-order"], ("de", False, ["en"]))
            self.assertEqual(served["refund-time"][:2], ("en", True))
            self.assertEqual(results.facets["lang"], {"de": 1, "en": 1})
            self.assertEqual(results.facets["category"], {"returns": 1, "shipping": 1})
            only_english = s.search("Paket refund", languages=["de"], hit_languages=["en"])
            self.assertEqual([h.id for h in only_english.hits], ["refund-time"])
            self.assertEqual([h.id for h in s.search("Paket refund", languages=["de"], fallback=False).hits],
                             ["track-order"])
            self.assertEqual(s.search("Paket", languages=["de"], sections=["nowhere"]).hits, [])
            self.assertEqual(s.search("Paket", languages=["de"]).facets, {})
            with self.assertRaises(faqsearch.InvalidArgument):
                s.search("Paket", languages=["english"])

    def test_writer_updates_what_searches_see(self):
        with faqsearch.Writer(self.index) as writer, faqsearch.Searcher(self.index) as searcher:
            writer.upsert({"id": "hours", "lang": "en", "title": "Opening hours", "body": "We answer from 8 to 20."})
            writer.remove("goodwill", "en")
            self.assertEqual(writer.pending, 2)
            writer.rollback()
            self.assertEqual(writer.pending, 0)
            writer.upsert({"id": "hours", "lang": "en", "title": "Opening hours", "body": "We answer from 8 to 20."})
            writer.set_synonyms("[en]\nparcel, package\n")
            writer.commit()
            searcher.reopen()
            self.assertEqual([h.id for h in searcher.search("hours", languages=["en"]).hits], ["hours"])
            writer.remove("hours", "en")
            writer.compact()  # commits first
            self.assertEqual(searcher.search("hours", languages=["en"]).hits, [])

    def test_failures_are_exceptions(self):
        missing = os.path.join(self.tmp, "missing")
        cases = [  # what fails, the exception, words of its message
            (lambda: faqsearch.Searcher(missing), faqsearch.IndexError, "no faqsearch index"),
            (lambda: faqsearch.Writer(missing, mode="open"), faqsearch.IndexError, "faqsearch_writer_open"),
            (lambda: faqsearch.Writer(self.index, mode="sideways"), faqsearch.InvalidArgument, "sideways"),
            (lambda: faqsearch.Writer(self.index, settings={"word_pairs": False}), faqsearch.IndexMismatch, "word"),
            (lambda: faqsearch.Builder(self.index), faqsearch.IndexError, "faqsearch_builder_create"),
            (lambda: faqsearch.Searcher(self.index).search("x", limit=0), faqsearch.InvalidArgument, "limit"),
            (lambda: faqsearch.Searcher(self.index).search("x" * 3000), ValueError, "bytes"),
        ]
        for action, error, words in cases:
            with self.subTest(words=words), self.assertRaises(error) as raised:
                action()
            self.assertIn(words, str(raised.exception))
            self.assertIsInstance(raised.exception, faqsearch.Error)
        with faqsearch.Writer(self.index) as writer:
            with self.assertRaises(faqsearch.IndexLocked) as raised:
                faqsearch.Writer(self.index)
            self.assertEqual(raised.exception.status, "FAQSEARCH_INDEX_LOCKED")
            with self.assertRaisesRegex(faqsearch.InvalidArgument, "id"):
                writer.upsert({"lang": "en", "title": "No id"})
            with self.assertRaisesRegex(faqsearch.InvalidArgument, "colour"):
                writer.upsert({"id": "x", "lang": "en", "title": "t", "colour": "red"})
            with self.assertRaisesRegex(faqsearch.InvalidArgument, "synonyms_text:2"):
                writer.set_synonyms("[en]\nlonely\n")
        with self.assertRaisesRegex(faqsearch.InvalidArgument, "closed"):
            writer.commit()


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
        # The title that says "tracking" first; the other article says it in its body only.
        self.assertEqual([h.id for h in suggestions.titles], ["track-late", "track-order"])
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
