"""What the `faqsearch serve` tests share: an index of the sample help center (corpus/), a server
started on a free loopback port, and a small HTTP client (Python's standard library only)."""
import json
import os
import subprocess
import tempfile
import urllib.error
import urllib.request

CLI = os.environ["FAQSEARCH_CLI"]
SOURCE_DIR = os.environ["FAQSEARCH_SOURCE_DIR"]

# The tests talk to loopback only: no proxy from the environment may get in between.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def build_index(directory):
    """Indexes corpus/ into `directory` as `tools/run demo` does."""
    subprocess.run([CLI, "index", "--db", directory, "--default-lang", "en", "--synonyms",
                    os.path.join(SOURCE_DIR, "corpus", "synonyms.txt"), os.path.join(SOURCE_DIR, "corpus", "articles")],
                   check=True, stdout=subprocess.DEVNULL)


class Server:
    """`faqsearch serve --listen 127.0.0.1:0 ARGS...`: the port is read from its first line."""

    def __init__(self, db, *args):
        self.process = subprocess.Popen([CLI, "serve", "--db", db, "--listen", "127.0.0.1:0", *args],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if "listening on" not in line:
            self.process.kill()
            raise RuntimeError("faqsearch serve did not start: " + line + self.process.stderr.read())
        self.url = line.split("listening on ", 1)[1].strip().rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self):
        """SIGTERM, then the exit code (a hang fails the test instead of blocking it)."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=15)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def request(self, method, path, body=None, key=None, headers=None, raw_body=None, timeout=30):
        """(status, parsed JSON or text, headers) of one request."""
        data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if key:
            request.add_header("Authorization", "Bearer " + key)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with OPENER.open(request, timeout=timeout) as response:
                return response.status, decode(response), response.headers
        except urllib.error.HTTPError as error:
            return error.code, decode(error), error.headers


def decode(response):
    text = response.read().decode("utf-8")
    if response.headers.get("Content-Type", "").startswith("application/json"):
        return json.loads(text)
    return text


def scratch_dir(test_case):
    """A temporary directory removed after `test_case`."""
    directory = tempfile.TemporaryDirectory(prefix="faqsearch-serve-")
    test_case.addCleanup(directory.cleanup)
    return directory.name
