"""The Python module (lib/bindings/python) as a store backend uses it: build an index in two
languages, update it, search it with the request's fields, and get failures as exceptions.
Run by CTest with PYTHONPATH at BUILD/python and FAQSEARCH_LIBRARY at the built library."""
import os
import shutil
import tempfile
import unittest

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

    def test_shards_of_a_cluster_and_their_generations(self):
        shards = os.path.join(self.tmp, "cluster")
        for name, article, generation in (("a", ARTICLES[0], 1), ("b", ARTICLES[1], 2)):
            with faqsearch.Writer(os.path.join(shards, name)) as writer:
                writer.upsert(article)
                writer.set_cluster_generation(generation)
                writer.commit()
                self.assertEqual(writer.cluster_generation, generation)
        cluster = os.path.join(shards, "cluster.toml")
        with open(cluster, "w", encoding="utf-8") as f:
            f.write('version = 1\n[[shard]]\nname = "a"\npath = "a"\n[[shard]]\nname = "b"\npath = "b"\n')
        with faqsearch.Searcher(cluster) as searcher:
            results = searcher.search("parcel refunds")
            self.assertEqual(sorted(h.id for h in results.hits), ["refund-time", "track-order"])
            self.assertTrue(results.generations_differ)
            self.assertEqual(results.unavailable_shards, [])
            with faqsearch.Writer(os.path.join(shards, "a")) as writer:
                with self.assertRaises(faqsearch.InvalidArgument):
                    writer.set_cluster_generation(0)
                writer.set_cluster_generation(2)
                writer.commit()
            self.assertFalse(searcher.search("parcel refunds").generations_differ)


if __name__ == "__main__":
    unittest.main()
