"""A real headless Chromium, driven over the DevTools protocol, for tests that must see what a browser does.

`Browser` starts Debian's `chromium` (or `$CHROMIUM`) with `--headless --no-sandbox --disable-gpu`
and a DevTools port, and opens tabs; `Page` is one tab, spoken to over its websocket with
`websocket-client`. A page records, from the moment it opens, every request it makes, every
dialog (`alert`, `confirm`, `prompt`; each is dismissed), every uncaught exception and every
console or browser-log error (a Content-Security-Policy violation is one), so a test can assert
that none happened. `tests/conftest.py` offers them as the `browser` and `page` fixtures.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import websocket

#: Executables tried, in order, when $CHROMIUM does not name one.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
#: Flags for a quiet, isolated browser: no sandbox (tests run as root), no GPU, nothing fetched for itself.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--mute-audio",
    "--hide-scrollbars",
)
#: URL schemes that never leave the machine.
LOCAL_SCHEMES = frozenset({"file", "data", "about", "blob", "chrome", "devtools"})
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def find_chromium() -> str | None:
    """The Chromium to use: `$CHROMIUM` if set, else the first of CANDIDATES on PATH."""
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named)
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def is_local(url: str) -> bool:
    """Whether fetching `url` stays on this machine."""
    parts = urlparse(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.scheme in {"http", "https", "ws"} and parts.hostname in LOCAL_HOSTS)


class BrowserError(RuntimeError):
    """The browser did not start, answer, or do what it was asked."""


@dataclass
class Page:
    """One tab. Records `requests` (URLs), `dialogs` (messages) and `errors` (texts) as they happen."""

    target_id: str
    socket: websocket.WebSocket
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _loaded: bool = False

    def start(self) -> None:
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    def _post(self, method: str, params: dict[str, Any]) -> int:
        number = next(self._ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        return number

    def send(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        """Run one DevTools command and return its result, recording the events that arrive meanwhile."""
        number = self._post(method, params)
        deadline = time.monotonic() + timeout
        while True:
            message = self._receive(deadline)
            if message is None:
                raise BrowserError(f"{method} got no answer within {timeout} s")
            if message.get("id") == number:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})

    def _receive(self, deadline: float) -> dict[str, Any] | None:
        """The next message, or None at the deadline; events are recorded on the way."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        self.socket.settimeout(remaining)
        try:
            message = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            return None
        if "method" in message:
            self._record(message["method"], message.get("params", {}))
        return message

    def _record(self, event: str, params: dict[str, Any]) -> None:
        if event == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif event == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self._post("Page.handleJavaScriptDialog", {"accept": False})
        elif event == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append(details.get("exception", {}).get("description") or details.get("text", "exception"))
        elif event == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif event == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append(params["entry"].get("text", ""))
        elif event == "Page.loadEventFired":
            self._loaded = True

    def goto(self, url: str, timeout: float = 60) -> None:
        """Open `url` and wait for its load event."""
        self._loaded = False
        result = self.send("Page.navigate", url=url)
        if result.get("errorText"):
            raise BrowserError(f"could not open {url}: {result['errorText']}")
        deadline = time.monotonic() + timeout
        while not self._loaded:
            if self._receive(deadline) is None and time.monotonic() >= deadline:
                raise BrowserError(f"{url} did not finish loading within {timeout} s")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30) -> Any:
        """Poll a JavaScript expression until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"{expression!r} was still falsy after {timeout} s")
            self.idle(0.1)

    def idle(self, seconds: float) -> None:
        """Let `seconds` pass, recording whatever the page does meanwhile."""
        deadline = time.monotonic() + seconds
        while self._receive(deadline) is not None:
            pass

    def hover(self, x: float, y: float) -> None:
        """Move the mouse to a point of the viewport."""
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def screenshot(self) -> bytes:
        """A PNG of the viewport."""
        return base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])

    def external_requests(self) -> list[str]:
        """The requests so far that would leave the machine."""
        return [url for url in self.requests if not is_local(url)]


class Browser:
    """A headless Chromium with a DevTools port, in its own throwaway profile."""

    def __init__(self, executable: str, profile: Path, window: tuple[int, int] = (1280, 860)) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        (profile / "DevToolsActivePort").unlink(missing_ok=True)  # a reused profile's is stale
        command = [
            executable,
            *FLAGS,
            f"--window-size={window[0]},{window[1]}",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ]
        self.log = profile / "chromium.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            self.port = self._port(profile / "DevToolsActivePort")
            self.base = f"http://127.0.0.1:{self.port}"
            self.version = httpx.get(f"{self.base}/json/version", timeout=10).json().get("Browser", "?")
        except BaseException:
            self.close()
            raise

    def _port(self, announced: Path, timeout: float = 30) -> int:
        """The port Chromium chose, from the file it writes once DevTools listens."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BrowserError(f"chromium exited with {self.process.returncode}: {self.log.read_text()[-2000:]}")
            if announced.exists() and (lines := announced.read_text().splitlines()):
                return int(lines[0])
            time.sleep(0.1)
        raise BrowserError(f"chromium opened no DevTools port within {timeout} s")

    @contextmanager
    def page(self) -> Iterator[Page]:
        """A new tab, recording from the start, closed afterwards."""
        target = httpx.put(f"{self.base}/json/new?about:blank", timeout=10).json()
        sock = websocket.create_connection(target["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        page = Page(target["id"], sock)
        try:
            page.start()
            yield page
        finally:
            sock.close()
            httpx.get(f"{self.base}/json/close/{target['id']}", timeout=10)

    def close(self) -> None:
        """Stop the browser."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
