"""A minimal W3C WebDriver client (the protocol is HTTP and JSON) for headless Chromium through
Debian's chromedriver, on Python's standard library alone."""
import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class WebDriverError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """A headless Chromium session. Thread-safety: one thread."""

    def __init__(self, width=1200, height=900):
        for program in (CHROMEDRIVER, CHROMIUM):
            if not os.access(program, os.X_OK):
                raise WebDriverError(f"{program} is missing: apt-get install chromium chromium-driver")
        port = free_port()
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}"
        self._wait_for_driver()
        # --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--lang=en-US", "--no-first-run", "--no-proxy-server"]
        capabilities = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}}
        try:
            self.session = self._call("POST", "/session", capabilities)["sessionId"]
        except Exception:
            self.driver.kill()
            self.driver.wait()
            raise

    def _wait_for_driver(self):
        deadline = time.monotonic() + 20
        while True:
            try:
                self._call("GET", "/status")
                return
            except (OSError, WebDriverError):
                if time.monotonic() > deadline or self.driver.poll() is not None:
                    raise WebDriverError("chromedriver did not start")
                time.sleep(0.05)

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with OPENER.open(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise WebDriverError(f"{method} {path}: {error.read().decode(errors='replace')[:500]}") from None

    def command(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def quit(self):
        try:
            self.command("DELETE", "")
        finally:
            self.driver.terminate()
            self.driver.wait(timeout=10)

    def open(self, url):
        self.command("POST", "/url", {"url": url})

    def find(self, css):
        return self.command("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def type(self, css, text):
        self.command("POST", f"/element/{self.find(css)}/value", {"text": text})

    def click(self, css):
        self.command("POST", f"/element/{self.find(css)}/click", {})

    def keys(self, css, *keys):
        """Sends WebDriver key codes (e.g. "\\ue015" ArrowDown) to an element."""
        self.command("POST", f"/element/{self.find(css)}/value", {"text": "".join(keys)})

    def cdp(self, command, params):
        """Sends a Chrome DevTools Protocol command (chromedriver's goog/cdp endpoint): input a
        WebDriver has no command for, such as an input method's composition."""
        return self.command("POST", "/goog/cdp/execute", {"cmd": command, "params": params})

    def run(self, script, *args):
        """Runs `script` (a function body) in the page; returns what it returns."""
        return self.command("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait_for(self, script, *args, timeout=10, what=None):
        """Polls `script` until it returns something truthy; returns that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.run(script, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or script}")
            time.sleep(0.05)

    def screenshot(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.command("GET", "/screenshot")))


ARROW_DOWN = "\ue015"
ARROW_UP = "\ue013"
ENTER = "\ue007"
ESCAPE = "\ue00c"
