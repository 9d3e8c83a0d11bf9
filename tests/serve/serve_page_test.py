"""The instant-search page as a shopper uses it, in headless Chromium: typing in English, Arabic
and Thai, a Japanese input method's composition (through the DevTools protocol), highlights, right-to-left layout, fallback marking, facets, keyboard navigation,
opening an article, and text from the index shown as text. Screenshots go to
FAQSEARCH_SCREENSHOT_DIR."""
import os
import tempfile
import unittest

from serve_fixture import Server, build_index
from webdriver import ARROW_DOWN, ENTER, ESCAPE, Browser

SCREENSHOTS = os.environ.get("FAQSEARCH_SCREENSHOT_DIR", os.path.join(tempfile.gettempdir(), "faqsearch-screenshots"))
ADMIN_KEY = "page-test-admin"

# What the page shows, read in the page.
HITS = """return [...document.querySelectorAll('#results li.hit')].map(li => ({
  title: li.querySelector('.hit-title').textContent,
  marks: li.querySelectorAll('mark').length,
  lang: li.lang, dir: li.dir, direction: getComputedStyle(li).direction,
  role: li.getAttribute('role'), selected: li.getAttribute('aria-selected'),
  meta: li.querySelector('.meta').textContent,
  elements: [...li.querySelectorAll('*')].map(e => e.tagName.toLowerCase())}));"""
HAS_HITS = ("document.querySelectorAll('#results li.hit mark').length > 0 && "
            "document.querySelector('#status').textContent.includes('result')")


class ServePageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="faqsearch-serve-page-")
        db = os.path.join(cls.tmp.name, "index")
        build_index(db)
        key_file = os.path.join(cls.tmp.name, "admin.key")
        with open(key_file, "w") as f:
            f.write(ADMIN_KEY)
        cls.server = Server(db, "--admin-key-file", key_file)
        try:
            cls.browser = Browser()
        except Exception:
            cls.server.stop()
            cls.tmp.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.server.stop()
        cls.tmp.cleanup()

    def setUp(self):
        self.browser.open(self.server.url + "/")
        self.browser.wait_for("return document.querySelectorAll('#language option').length > 1",
                              what="the language selector")

    def search(self, text, lang=""):
        b = self.browser
        b.run("const s = document.querySelector('#language'); s.value = arguments[0];"
              "s.dispatchEvent(new Event('change'));", lang)
        b.run("document.querySelector('#query').value = '';")
        b.type("#query", text)  # key by key: the page searches as it is typed
        b.wait_for("return " + HAS_HITS + " && document.querySelector('#results').dataset.query === arguments[0]", text,
                   what=f"results for {text!r}")
        return b.run(HITS)

    def shot(self, name):
        self.browser.screenshot(os.path.join(SCREENSHOTS, name + ".png"))

    def test_english_results_as_you_type_with_highlights(self):
        hits = self.search("track my order")
        self.assertEqual(hits[0]["title"], "Where is my order? Tracking your parcel")
        self.assertGreater(hits[0]["marks"], 0)
        self.assertTrue(all(h["role"] == "option" and h["direction"] == "ltr" for h in hits))
        self.assertEqual(self.browser.run("return document.querySelector('#query').getAttribute('aria-expanded')"), "true")
        self.assertNotIn("agents only", " ".join(h["title"] for h in self.search("goodwill refund override")))
        self.search("track my order")
        self.shot("english")

    def test_arabic_results_are_laid_out_right_to_left(self):
        hits = self.search("تتبع الطلب", "ar")
        self.assertTrue(hits)
        self.assertGreater(hits[0]["marks"], 0)
        arabic = [h for h in hits if h["lang"] == "ar"]
        self.assertTrue(arabic)
        self.assertTrue(all(h["dir"] == "rtl" and h["direction"] == "rtl" for h in arabic))
        self.assertEqual(self.browser.run("return getComputedStyle(document.querySelector('main')).direction"), "rtl")
        self.assertEqual(self.browser.run("return document.documentElement.dir || 'ltr'"), "ltr")  # the page's English
        self.shot("arabic")

    def test_thai_results_with_highlights_and_english_fallbacks_marked(self):
        hits = self.search("ติดตามพัสดุ", "th")
        self.assertEqual(hits[0]["lang"], "th")
        self.assertGreater(hits[0]["marks"], 0)
        self.shot("thai")
        # No Thai translation of the gift-card article: it is served in English, and says so.
        hits = self.search("gift card balance", "th")
        fallback = [h for h in hits if h["lang"] == "en"]
        self.assertTrue(fallback)
        self.assertTrue(all("shown in English" in h["meta"] for h in fallback))

    def test_keyboard_opens_an_article_and_escape_returns(self):
        b = self.browser
        self.search("reset password", "en")
        b.keys("#query", ARROW_DOWN)
        self.assertEqual(b.run("return document.querySelector('#query').getAttribute('aria-activedescendant')"),
                         "hit-0")
        self.assertEqual(b.run(HITS)[0]["selected"], "true")
        b.keys("#query", ARROW_DOWN)
        self.assertEqual(b.run(HITS)[1]["selected"], "true")
        expected = b.run(HITS)[1]["title"]
        b.keys("#query", ENTER)
        title = b.wait_for("const a = document.querySelector('#article');"
                           "return !a.hidden && document.querySelector('#article-title').textContent;",
                           what="the article view")
        self.assertEqual(title, expected)
        self.assertGreater(len(b.run("return document.querySelector('#article-body').textContent")), 100)
        self.shot("article")
        b.keys("#back", ESCAPE)
        b.wait_for("return document.querySelector('#article').hidden && "
                   "!document.querySelector('.results-pane').hidden", what="the results again")

    def test_enter_that_commits_an_input_method_conversion_opens_no_article(self):
        # A Japanese shopper types へんぴん, converts it to 返品 (results come while composing)
        # and presses Enter to commit the conversion: that Enter is the input method's.
        b = self.browser
        b.run("const s = document.querySelector('#language'); s.value = 'ja'; s.dispatchEvent(new Event('change'));"
              "document.querySelector('#query').value = '';")
        b.click("#query")
        b.cdp("Input.imeSetComposition", {"text": "へんぴん", "selectionStart": 4, "selectionEnd": 4})
        b.cdp("Input.imeSetComposition", {"text": "返品", "selectionStart": 2, "selectionEnd": 2})
        b.wait_for("return " + HAS_HITS + " && document.querySelector('#results').dataset.query === '返品'",
                   what="results for 返品 while composing")
        # Requests and key events from here on, read back after the key.
        b.run("window.seen = {urls: [], keys: []};"
              "const original = window.fetch;"
              "window.fetch = (url, ...rest) => { window.seen.urls.push(String(url)); return original(url, ...rest); };"
              "document.querySelector('#query').addEventListener('keydown',"
              "  e => window.seen.keys.push([e.key, e.isComposing]));")
        b.cdp("Input.dispatchKeyEvent", {"type": "keyDown", "key": "Enter", "code": "Enter",
                                         "windowsVirtualKeyCode": 229})
        seen = b.run("return window.seen")
        self.assertEqual(seen["keys"], [["Enter", True]])  # the page saw the key, while composing
        self.assertEqual([u for u in seen["urls"] if "/articles/" in u], [])
        self.assertTrue(b.run("return document.querySelector('#article').hidden"))

    def test_facets_filter_the_results(self):
        b = self.browser
        self.search("order", "en")
        b.wait_for("return !document.querySelector('#facets').hidden", what="facets")
        category = b.run("const l = document.querySelector('#facets fieldset label'); l.querySelector('input').click();"
                         "return l.childNodes[1].textContent.trim();")
        b.wait_for("const hits = [...document.querySelectorAll('#results li.hit .meta')];"
                   "return hits.length > 0 && hits.every(m => m.textContent.startsWith(arguments[0]));", category,
                   what=f"hits of category {category}")
        self.assertTrue(b.run("return document.querySelector('#facets input').checked"))

    def test_article_text_is_shown_as_text_never_as_markup(self):
        hostile = {"id": "serve-page-hostile", "lang": "en", "title": "<img src=x onerror=alert(1)> Quokka <b>care</b>",
                   "body": "Quokka care: <script>window.owned = 1</script> & \"quotes\"."}
        status, _, _ = self.server.request("PUT", "/articles/serve-page-hostile", hostile, key=ADMIN_KEY)
        self.assertEqual(status, 200)
        hits = self.search("quokka care", "en")
        self.assertIn("<img src=x onerror=alert(1)>", hits[0]["title"])
        self.assertTrue(set(hits[0]["elements"]) <= {"p", "mark", "span"}, hits[0]["elements"])
        self.browser.click("#results li.hit")
        body = self.browser.wait_for("return !document.querySelector('#article').hidden && "
                                     "document.querySelector('#article-body').textContent", what="the article")
        self.assertIn("<script>window.owned = 1</script>", body)
        self.assertIsNone(self.browser.run("return window.owned === undefined ? null : window.owned"))
        self.assertEqual(self.browser.run("return document.querySelectorAll('#article img, #article script').length"), 0)


if __name__ == "__main__":
    unittest.main()
