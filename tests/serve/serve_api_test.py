"""`faqsearch serve`'s JSON API as a client sees it, and `faqsearch search --queries -` as a
helper process: every endpoint, keys and audiences, limits, bad input, concurrent clients,
SIGTERM with a request in flight."""
import concurrent.futures
import json
import os
import tempfile
import socket
import subprocess
import time
import unittest
import urllib.parse

from serve_fixture import CLI, Server, build_index, scratch_dir
from serve_sync_test import ServeSyncTest  # noqa: F401 (POST /sync: run with the API's tests)

ADMIN_KEY = "admin-secret-1"
SHOP_KEY = "shop-key-1"
AGENT_KEY = "agent-key-1"
MAX_BODY = 4096


class ServeApiTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="faqsearch-serve-api-")
        cls.db = os.path.join(cls.tmp.name, "index")
        build_index(cls.db)
        admin = os.path.join(cls.tmp.name, "admin.key")
        with open(admin, "w") as f:
            f.write(ADMIN_KEY + "\n")
        keys = os.path.join(cls.tmp.name, "search.keys")
        with open(keys, "w") as f:
            f.write(f"# shop front\n{SHOP_KEY}\n{AGENT_KEY} public,agents\n")
        # Open reads (the public audience for anyone), writes with the admin key.
        cls.open = Server(cls.db, "--admin-key-file", admin, "--threads", "4", "--max-body-bytes", str(MAX_BODY),
                          "--cors", "https://shop.example")
        # Keyed reads: each key reads the audiences its line grants.
        cls.keyed = Server(cls.db, "--admin-key-file", admin, "--search-key-file", keys)

    @classmethod
    def tearDownClass(cls):
        for server in (cls.open, cls.keyed):
            server.stop()
        cls.tmp.cleanup()

    def search(self, server, query, key=None, **params):
        return server.request("GET", "/search?" + urllib.parse.urlencode({"q": query, **params}), key=key)

    def test_health(self):
        status, body, _ = self.open.request("GET", "/health")
        self.assertEqual((status, body), (200, {"status": "ok"}))

    def test_search_answers_the_cli_json_plus_took_ms(self):
        status, body, _ = self.search(self.open, "track my order", lang="en", limit="3")
        self.assertEqual(status, 200)
        cli = subprocess.run([CLI, "search", "--db", self.db, "--json", "--lang", "en", "--limit", "3", "track my order"],
                             check=True, capture_output=True, text=True)
        self.assertGreaterEqual(body.pop("took_ms"), 0)
        self.assertEqual(body, json.loads(cli.stdout))
        self.assertEqual(body["hits"][0]["id"], "track-order")
        self.assertIn("<mark>", body["hits"][0]["title_html"])

    def test_post_search_takes_every_request_field(self):
        request = {"query": "return an item", "languages": ["de", "en"], "categories": [], "sections": [], "tags": [],
                   "hit_languages": ["de"], "facets": True, "audiences": ["public"], "offset": 1, "limit": 2,
                   "snippets": False, "snippet_bytes": 100, "typo_tolerance": False, "prefix_last_word": False,
                   "fallback": False}
        status, body, _ = self.open.request("POST", "/search", request)
        self.assertEqual(status, 200, body)
        self.assertLessEqual(len(body["hits"]), 2)
        self.assertTrue(body["hits"])
        self.assertEqual(body["hits"][0]["rank"], 1)
        self.assertTrue(all(h["lang"] == "de" and h["snippet"] == "" for h in body["hits"]))
        self.assertIn("facets", body)

    def test_suggest_and_related_answer_the_cli_json_plus_took_ms(self):
        for path, argv in [
            ("/suggest?" + urllib.parse.urlencode({"q": "track my ord", "lang": "en", "limit": "3"}),
             ["suggest", "--db", self.db, "--json", "--lang", "en", "--limit", "3", "track my ord"]),
            ("/related?" + urllib.parse.urlencode({"id": "track-order", "lang": "en", "limit": "3"}),
             ["related", "--db", self.db, "--json", "--lang", "en", "--limit", "3", "--id", "track-order"]),
        ]:
            with self.subTest(path=path):
                status, body, _ = self.open.request("GET", path)
                self.assertEqual(status, 200, body)
                self.assertGreaterEqual(body.pop("took_ms"), 0)
                cli = subprocess.run([CLI, *argv], check=True, capture_output=True, text=True)
                self.assertEqual(body, json.loads(cli.stdout))
        status, body, _ = self.open.request("GET", "/suggest?q=refu&lang=en")
        self.assertTrue(any(c["query"].startswith("refund") for c in body["completions"]), body)
        status, body, _ = self.open.request("GET", "/related?id=track-order&lang=en")
        self.assertNotIn("track-order", [h["id"] for h in body["hits"]])
        for path, expected in [("/suggest?lang=en", 400), ("/suggest?q=a&colour=red", 400), ("/suggest?q=a&limit=0", 400),
                               ("/related?lang=en", 400), ("/suggest?q=refund&audience=agents", 403),
                               ("/related?id=track-order&audience=agents", 403)]:
            with self.subTest(path=path):
                status, body, _ = self.open.request("GET", path)
                self.assertEqual(status, expected, body)

    def test_bad_requests_are_json_errors_with_their_status(self):
        cases = [
            ("POST", "/search", b'{"query": "refund"', 400, "invalid JSON"),
            ("POST", "/search", b'["refund"]', 400, "expected a JSON object"),
            ("POST", "/search", b"", 400, "got nothing"),
            ("POST", "/search", b'{"query": "refund", "bogus": 1}', 400, "unknown field bogus"),
            ("POST", "/search", b'{"query": 5}', 400, "field query"),
            ("POST", "/search", b'{"query": "x", "limit": 0}', 400, "limit"),
            ("POST", "/search", b'{"query": "x", "languages": ["english"]}', 400, "languages"),
            ("POST", "/search", json.dumps({"query": "word " * 600}).encode(), 400, "query"),
            ("POST", "/search", b"[" * 300 + b"]" * 300, 400, "nested deeper"),
            ("POST", "/search", json.dumps({"query": "x" * MAX_BODY}).encode(), 413, "too large"),
            ("GET", "/search?q=refund&color=red", None, 400, "unknown parameter color"),
            ("GET", "/search?q=refund&limit=ten", None, 400, "limit"),
            ("GET", "/search?q=refund&facets=maybe", None, 400, "facets"),
            ("GET", "/search?q=" + "a" * 9000, None, 414, "too long"),
            ("GET", "/nowhere", None, 404, "no such endpoint"),
            ("GET", "/articles/no-such-article", None, 404, "no article"),
            ("GET", "/articles/track-order?lang=klingon", None, 400, "klingon"),
        ]
        for method, path, raw, expected, message in cases:
            with self.subTest(path=path[:60], body=(raw or b"")[:40]):
                status, body, _ = self.open.request(method, path, raw_body=raw)
                self.assertEqual(status, expected, body)
                self.assertEqual(body["error"]["status"], expected)
                self.assertIn(message, body["error"]["message"])

    def test_article_has_every_visible_translation_or_one(self):
        status, body, _ = self.open.request("GET", "/articles/track-order")
        self.assertEqual(status, 200)
        languages = [a["lang"] for a in body["translations"]]
        self.assertEqual(languages, sorted(languages))
        self.assertIn("ar", languages)
        self.assertIn("th", languages)
        status, body, _ = self.open.request("GET", "/articles/track-order?lang=ar")
        self.assertEqual(status, 200)
        [article] = body["translations"]
        self.assertEqual((article["id"], article["lang"], article["audience"]), ("track-order", "ar", "public"))
        self.assertTrue(article["title"] and article["body"])

    def test_stats_counts_for_the_admin_languages_for_others(self):
        status, body, _ = self.open.request("GET", "/stats")
        self.assertEqual(status, 200)
        self.assertEqual(set(body), {"languages"})
        self.assertIn("th", body["languages"])
        status, body, _ = self.open.request("GET", "/stats", key=ADMIN_KEY)
        self.assertEqual(status, 200)
        self.assertGreater(body["articles"], 100)

    def put_article(self, server, article, key=ADMIN_KEY):
        return server.request("PUT", "/articles/" + article["id"], article, key=key)

    def test_writes_need_the_admin_key_and_searches_see_them(self):
        article = {"id": "serve-test-gift-wrap", "lang": "en", "title": "Quokka gift wrapping",
                   "body": "We wrap every quokka parcel by hand.", "category": "orders", "tags": ["gift"]}
        self.assertEqual(self.put_article(self.open, article, key=None)[0], 401)
        self.assertEqual(self.put_article(self.open, article, key=SHOP_KEY)[0], 403)
        self.assertEqual(self.open.request("DELETE", "/articles/track-order", key=SHOP_KEY)[0], 403)
        status, body, _ = self.put_article(self.open, article)
        self.assertEqual((status, body["committed"]), (200, True), body)
        # Every worker's searcher notices the commit by itself.
        for _ in range(8):
            status, body, _ = self.search(self.open, "quokka", lang="en")
            self.assertEqual([h["id"] for h in body["hits"]], ["serve-test-gift-wrap"])
        self.assertEqual(self.open.request("GET", "/articles/serve-test-gift-wrap?lang=en")[0], 200)
        status, body, _ = self.open.request("PUT", "/articles/other-id", article, key=ADMIN_KEY)
        self.assertEqual(status, 400)
        self.assertIn("differs", body["error"]["message"])
        status, body, _ = self.open.request("PUT", "/articles/serve-test-gift-wrap", {"lang": "en", "titel": "x"},
                                            key=ADMIN_KEY)
        self.assertEqual(status, 400)
        self.assertIn("titel", body["error"]["message"])
        status, _, _ = self.open.request("DELETE", "/articles/serve-test-gift-wrap", key=ADMIN_KEY)
        self.assertEqual(status, 200)
        self.assertEqual(self.open.request("GET", "/articles/serve-test-gift-wrap")[0], 404)
        self.assertEqual(self.search(self.open, "quokka", lang="en")[1]["hits"], [])

    def test_audiences_come_from_the_key_not_the_caller(self):
        secret = {"id": "serve-test-agents-only", "lang": "en", "audience": "agents",
                  "title": "Zorblax override procedure", "body": "Agents may issue a zorblax override."}
        self.assertEqual(self.put_article(self.open, secret)[0], 200)
        hits = lambda r: [h["id"] for h in r[1]["hits"]]  # noqa: E731
        # Anonymous callers read the public audience only, and may not ask for more.
        self.assertEqual(hits(self.search(self.open, "zorblax")), [])
        self.assertEqual(self.search(self.open, "zorblax", audience="agents")[0], 403)
        self.assertEqual(self.open.request("POST", "/search", {"query": "zorblax", "audiences": ["agents"]})[0], 403)
        self.assertEqual(self.open.request("GET", "/articles/serve-test-agents-only")[0], 404)
        self.assertEqual(self.open.request("GET", "/articles/serve-test-agents-only?audience=agents")[0], 403)
        self.assertEqual(self.open.request("GET", "/articles/serve-test-agents-only?audience=agents",
                                           key=ADMIN_KEY)[0], 200)
        # Keyed reads: no key 401, an unknown key 403, each key its audiences.
        self.assertEqual(self.search(self.keyed, "zorblax")[0], 401)
        self.assertEqual(self.search(self.keyed, "zorblax", key="guess")[0], 403)
        self.assertEqual(hits(self.search(self.keyed, "zorblax", key=SHOP_KEY)), [])
        self.assertEqual(hits(self.search(self.keyed, "zorblax", key=AGENT_KEY)), ["serve-test-agents-only"])
        status, body, _ = self.keyed.request("POST", "/search", {"query": "zorblax", "audiences": ["public"]},
                                             key=AGENT_KEY)
        self.assertEqual((status, body["hits"]), (200, []))
        self.assertEqual(self.keyed.request("GET", "/articles/serve-test-agents-only", key=AGENT_KEY)[0], 200)
        self.assertEqual(self.keyed.request("GET", "/articles/track-order?audience=public", key=AGENT_KEY)[0], 200)
        self.assertEqual(self.keyed.request("GET", "/articles/serve-test-agents-only", key=SHOP_KEY)[0], 404)
        self.assertEqual(self.keyed.request("GET", "/health")[0], 200)  # for load balancers: no key
        self.assertEqual(self.open.request("DELETE", "/articles/serve-test-agents-only", key=ADMIN_KEY)[0], 200)

    def test_cors_headers_and_preflight(self):
        _, _, headers = self.search(self.open, "refund")
        self.assertEqual(headers["Access-Control-Allow-Origin"], "https://shop.example")
        status, _, headers = self.open.request("OPTIONS", "/search")
        self.assertEqual(status, 204)
        self.assertIn("POST", headers["Access-Control-Allow-Methods"])
        self.assertIn("Authorization", headers["Access-Control-Allow-Headers"])
        self.assertNotIn("Access-Control-Allow-Origin", self.search(self.keyed, "refund", key=SHOP_KEY)[2])

    def test_concurrent_clients_get_the_answers_of_one_client(self):
        queries = ["track my order", "refund", "تتبع الطلب", "ติดตามพัสดุ", "passwort vergessen", "zwrot", "返品",
                   "endre leveringsadresse"]
        alone = {q: [h["id"] for h in self.search(self.open, q)[1]["hits"]] for q in queries}
        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(lambda q: (q, self.search(self.open, q)), queries * 12))
        for query, (status, body, _) in answers:
            self.assertEqual(status, 200)
            self.assertEqual([h["id"] for h in body["hits"]], alone[query], query)

    def test_idle_keep_alive_connections_do_not_hold_up_searches(self):
        # One searcher, keep-alive connections idle for up to a minute: a browser keeps a few
        # open. Were each connection to hold a searcher's thread, the search would wait that minute.
        server = Server(self.db, "--threads", "1", "--timeout-ms", "60000")
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(3)]
        try:
            for connection in idle:
                connection.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                self.assertIn(b"200 OK", connection.recv(65536))
            status, body, _ = server.request("GET", "/search?q=refund", timeout=20)
            self.assertEqual(status, 200)
            self.assertTrue(body["hits"])
        finally:
            for connection in idle:
                connection.close()
            server.stop()

    def test_sigterm_lets_a_request_in_flight_finish(self):
        server = Server(self.db)
        body = json.dumps({"query": "track my order", "languages": ["en"]}).encode()
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as client:
            client.sendall(b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])
            time.sleep(0.2)  # the request is being read by a worker
            server.process.terminate()
            time.sleep(0.3)
            client.sendall(body[10:])
            answer = b""
            while chunk := client.recv(65536):
                answer += chunk
        self.assertTrue(answer.startswith(b"HTTP/1.1 200"), answer[:200])
        self.assertIn(b'"track-order"', answer)
        self.assertEqual(server.stop(), 0)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


class QueriesFromStandardInputTest(unittest.TestCase):
    """A backend keeps one `faqsearch search --queries -` process and talks to it line by line."""

    def test_each_query_is_answered_before_the_next_is_written(self):
        db = os.path.join(scratch_dir(self), "index")
        build_index(db)
        helper = subprocess.Popen([CLI, "search", "--db", db, "--queries", "-", "--limit", "2"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        conversation = [
            ("track my order", lambda a: self.assertEqual(a["hits"][0]["id"], "track-order")),
            ('{"_id": "q2", "text": "تتبع الطلب", "lang": "ar"}',
             lambda a: self.assertEqual((a["_id"], a["hits"][0]["lang"]), ("q2", "ar"))),
            ('{"text": 5}', lambda a: self.assertIn("text", a["error"])),
            ('{"text": "x", "lang": "english"}', lambda a: self.assertIn("english", a["error"])),
            ("ติดตามพัสดุ", lambda a: self.assertEqual(a["hits"][0]["lang"], "th")),
        ]
        for line, check in conversation:
            helper.stdin.write(line + "\n")
            helper.stdin.flush()
            check(json.loads(helper.stdout.readline()))  # blocks forever if the answer is buffered
        helper.stdin.close()
        self.assertEqual(helper.wait(timeout=10), 0)
        helper.stdout.close()


if __name__ == "__main__":
    unittest.main()
