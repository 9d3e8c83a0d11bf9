"""POST /sync as a client sees it (run with serve.api): an export in the body, applied as
`faqsearch sync` applies a file, with the admin key, its own body limit, and searches running
meanwhile seeing the index before or after, never between."""
import json
import os
import subprocess
import tempfile
import threading
import unittest
import urllib.parse

from serve_fixture import CLI, Server

ADMIN_KEY = "admin-secret-2"
MAX_BODY = 4096
MAX_SYNC_BODY = 256 * 1024
JSONL = {"Content-Type": "application/x-ndjson"}


def article(number, word, **fields):
    """An English article of source "shop" whose body says `word` (padded: a sync body of a few
    articles is longer than MAX_BODY, the limit of the other routes)."""
    return {"id": f"sync-{number}", "lang": "en", "title": f"Wombat care {number}",
            "body": f"Wombat {word} advice. " + "Our wombats sleep during the day. " * 50, **fields}


def jsonl(articles):
    return "".join(json.dumps(a) + "\n" for a in articles).encode()


class ServeSyncTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="faqsearch-serve-sync-")
        cls.db = os.path.join(cls.tmp.name, "index")
        seed = os.path.join(cls.tmp.name, "seed.jsonl")
        with open(seed, "w") as f:
            f.write(json.dumps({"id": "seed", "lang": "en", "title": "Opening hours", "body": "We open at nine."}) + "\n")
        subprocess.run([CLI, "sync", "--db", cls.db, "--quiet", seed], check=True, stdout=subprocess.DEVNULL)
        admin = os.path.join(cls.tmp.name, "admin.key")
        with open(admin, "w") as f:
            f.write(ADMIN_KEY + "\n")
        cls.server = Server(cls.db, "--admin-key-file", admin, "--threads", "2", "--max-body-bytes", str(MAX_BODY),
                            "--max-sync-body-bytes", str(MAX_SYNC_BODY))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.tmp.cleanup()

    def sync(self, body, query="source=shop", key=ADMIN_KEY, headers=None):
        return self.server.request("POST", "/sync?" + query, raw_body=body, key=key,
                                   headers=JSONL if headers is None else headers)

    def wombats(self):
        """{id: "alpha"/"beta"/...} of every article the index finds for "wombat"."""
        status, body, _ = self.server.request("GET", "/search?q=wombat&lang=en&limit=100&snippets=0")
        self.assertEqual(status, 200, body)
        return {h["id"]: h["title"] for h in body["hits"]}

    def assert_synced(self, body, added=0, updated=0, removed=0, unchanged=0):
        counts = {k: body[k] for k in ("added", "updated", "removed", "unchanged")}
        self.assertEqual(counts, {"added": added, "updated": updated, "removed": removed, "unchanged": unchanged}, body)

    def test_a_sync_adds_changes_and_removes_the_source_articles_only(self):
        first = [article(1, "alpha"), article(2, "alpha"), article(3, "alpha")]
        self.assertGreater(len(jsonl(first)), MAX_BODY)
        status, body, _ = self.sync(jsonl(first), "source=shop-a")
        self.assertEqual(status, 200, body)
        self.assert_synced(body, added=3)
        self.assertEqual((body["command"], body["source"], body["dry_run"], body["exit_code"]), ("sync", "shop-a", False, 0))
        self.assertEqual(set(self.wombats()), {"sync-1", "sync-2", "sync-3"})
        # A JSON array: sync-1 changed, sync-2 the same, sync-3 gone, sync-4 new.
        second = [article(1, "beta", title="Wombat care, revised"), article(2, "alpha"), article(4, "beta")]
        status, body, _ = self.sync(json.dumps(second).encode(), "source=shop-a",
                                    headers={"Content-Type": "application/json; charset=utf-8"})
        self.assertEqual(status, 200, body)
        self.assert_synced(body, added=1, updated=1, removed=1, unchanged=1)
        self.assertEqual(self.wombats(), {"sync-1": "Wombat care, revised", "sync-2": "Wombat care 2",
                                          "sync-4": "Wombat care 4"})
        # The other source's article is untouched; emptying a source takes allow_empty.
        status, body, _ = self.sync(b"", "source=shop-a")
        self.assertEqual(status, 400, body)
        self.assertIn("allow_empty", body["error"]["message"])
        status, body, _ = self.sync(b"", "source=shop-a&allow_empty=1")
        self.assert_synced(body, removed=3)
        self.assertEqual(self.wombats(), {})
        self.assertEqual(self.server.request("GET", "/articles/seed")[0], 200)

    def test_the_summary_is_the_cli_sync_json_and_a_dry_run_changes_nothing(self):
        export = [article(10, "gamma"), article(11, "gamma", category="care")]
        path = os.path.join(self.tmp.name, "export.jsonl")
        with open(path, "wb") as f:
            f.write(jsonl(export))
        cli = subprocess.run([CLI, "sync", "--db", self.db, "--source", "shop-b", "--dry-run", "--json", path],
                             check=True, capture_output=True, text=True)
        status, body, _ = self.sync(jsonl(export), "source=shop-b&dry_run=1")
        self.assertEqual(status, 200, body)
        expected = json.loads(cli.stdout)
        self.assertGreaterEqual(body.pop("seconds"), 0)
        expected.pop("seconds")
        self.assertEqual(body, expected)
        self.assertTrue(body["dry_run"])
        self.assert_synced(body, added=2)
        self.assertEqual(self.wombats(), {})
        status, body, _ = self.sync(jsonl(export), "source=shop-b&dry_run=true")
        self.assert_synced(body, added=2)
        self.assertEqual(self.sync(jsonl(export), "source=shop-b&allow_empty=1&dry_run=0")[0], 200)
        self.assertEqual(set(self.wombats()), {"sync-10", "sync-11"})
        self.assertEqual(self.sync(b"", "source=shop-b&allow_empty=1")[0], 200)

    def test_writes_need_the_admin_key(self):
        body = jsonl([article(20, "delta")])
        self.assertEqual(self.sync(body, key=None)[0], 401)
        self.assertEqual(self.sync(body, key="not-the-admin-key")[0], 403)
        self.assertEqual(self.wombats(), {})

    def test_a_malformed_export_is_refused_naming_line_and_field(self):
        good = json.dumps(article(30, "epsilon"))
        cases = [
            (JSONL, good + "\n" + json.dumps({"id": "sync-31", "lang": "en", "title": 5}) + "\n", 400,
             "request body:2: title"),
            (JSONL, good + "\n{\"id\": \"sync-32\",\n", 400, "request body:2"),
            (JSONL, good + "\n\n" + json.dumps({"id": "sync-33", "lang": "en", "title": "x", "promoted": "yes"}) + "\n",
             400, "request body:3: promoted"),
            ({"Content-Type": "application/json"}, "[" + good + ", {\"id\": \"sync-34\", \"title\": []}]", 400,
             "request body[1]: title"),
            ({"Content-Type": "application/json"}, "[" + good, 400, "invalid JSON"),
            ({"Content-Type": "application/json"}, good, 400, "expected a JSON array"),
            ({"Content-Type": "application/x-www-form-urlencoded"}, good, 415, "Content-Type"),
            ({"Content-Type": "text/csv"}, good, 415, "Content-Type"),
        ]
        for headers, text, expected, message in cases:
            with self.subTest(body=text[-60:], headers=headers):
                status, body, _ = self.sync(text.encode(), headers=headers)
                self.assertEqual(status, expected, body)
                self.assertEqual(body["error"]["status"], expected)
                self.assertIn(message, body["error"]["message"])
        for query, message in [("source=shop&colour=red", "unknown parameter colour"), ("dry_run=maybe", "dry_run"),
                               ("source=", "source")]:
            with self.subTest(query=query):
                status, body, _ = self.sync(good.encode(), query)
                self.assertEqual(status, 400, body)
                self.assertIn(message, body["error"]["message"])
        self.assertEqual(self.wombats(), {})
        # skip_malformed: the rest is synced as `faqsearch sync` does, and nothing is removed.
        status, body, _ = self.sync(cases[0][1].encode(), "source=shop-c&skip_malformed=1")
        self.assertEqual(status, 200, body)
        self.assert_synced(body, added=1)
        self.assertEqual((body["exit_code"], len(body["problems"])), (3, 1))
        self.assertIn("request body:2: title", body["problems"][0])
        self.assertEqual(set(self.wombats()), {"sync-30"})
        self.assertEqual(self.sync(b"", "source=shop-c&allow_empty=1")[0], 200)

    def test_bodies_over_their_route_limit_are_refused(self):
        self.assertEqual(self.sync(jsonl([article(n, "zeta") for n in range(40, 300)]))[0], 413)
        status, body, _ = self.server.request("POST", "/search", raw_body=b" " * (MAX_BODY + 1))
        self.assertEqual(status, 413, body)
        self.assertIn("too large", body["error"]["message"])
        self.assertEqual(self.wombats(), {})

    def test_searches_during_syncs_see_one_export_or_the_other(self):
        exports = [[article(n, "eta") for n in range(50, 80)],
                   [article(n, "theta", title=f"Wombat care {n} (theta)") for n in range(60, 95)]]
        sets = [{a["id"]: a["title"] for a in export} for export in exports]
        self.assertEqual(self.sync(jsonl(exports[0]), "source=shop-d")[0], 200)
        seen, errors, stop = [], [], threading.Event()

        def search_until_stopped():
            while not stop.is_set():
                try:
                    seen.append(self.wombats())
                except Exception as error:  # noqa: BLE001 (reported below, on the test's thread)
                    errors.append(error)
                    return

        searchers = [threading.Thread(target=search_until_stopped) for _ in range(2)]
        for thread in searchers:
            thread.start()
        try:
            for round_ in range(6):
                status, body, _ = self.sync(jsonl(exports[(round_ + 1) % 2]), "source=shop-d")
                self.assertEqual(status, 200, body)
        finally:
            stop.set()
            for thread in searchers:
                thread.join()
        self.assertEqual(errors, [])
        self.assertGreater(len(seen), 6)
        for found in seen:
            self.assertIn(found, sets)
        self.assertEqual(self.sync(b"", "source=shop-d&allow_empty=1")[0], 200)


if __name__ == "__main__":
    unittest.main()
