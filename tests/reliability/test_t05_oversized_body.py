"""T5, oversized body: a 200 MB POST gets a 413 problem before it is read, with and without Content-Length.

Against a real uvicorn with `POLICYGRAPH_MAX_BODY_BYTES` at 1 MB, the body is sent
over a raw socket a megabyte at a time, as a client streaming a huge upload would.
The server answers 413 long before the 200 MB are through, and its peak memory
(VmHWM) stays far below the size of the body.
"""

from __future__ import annotations

import json
import select
import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import pytest

LIMIT = 1_000_000
TOTAL = 200 * 1024 * 1024
PIECE = 1024 * 1024
KEY = "t05-key"


@pytest.fixture(scope="module")
def server(serving: Callable, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, psutil.Process]]:
    home = tmp_path_factory.mktemp("t05") / "home"

    def command(port: int) -> list[str]:
        settings = [f"POLICYGRAPH_MAX_BODY_BYTES={LIMIT}", f"POLICYGRAPH_API_KEY={KEY}"]
        return [
            "env",
            *settings,
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app",
            "--port",
            str(port),
        ]

    with serving(command, home) as url:
        port = urlsplit(url).port
        [pid] = {c.pid for c in psutil.net_connections("tcp") if c.laddr.port == port and c.status == "LISTEN"}
        yield url, psutil.Process(pid)


def peak_rss(process: psutil.Process) -> int:
    """The most memory the process has held, in bytes (VmHWM)."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def post_huge(url: str, chunked: bool) -> tuple[int, dict[str, str], dict, int]:
    """POST TOTAL bytes to /v1/documents; the status, headers and body of the answer, and how much was sent."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {TOTAL}"
    head = (
        f"POST /v1/documents HTTP/1.1\r\nHost: {parts.netloc}\r\nContent-Type: application/json\r\n"
        f"X-API-Key: {KEY}\r\n{framing}\r\n\r\n"
    )
    sock.sendall(head.encode("ascii"))
    piece = b'{"text": "' + b"a" * (PIECE - 10)
    sent = 0
    sock.settimeout(2)
    try:
        while sent < TOTAL:
            if select.select([sock], [], [], 0)[0]:
                break  # the server has answered
            data = (f"{len(piece):x}\r\n".encode() + piece + b"\r\n") if chunked else piece
            sock.sendall(data)
            sent += len(piece)
    except (BrokenPipeError, ConnectionResetError, TimeoutError):
        pass  # the server stopped reading: what we want
    sock.settimeout(30)
    raw = b""
    while b"\r\n\r\n" not in raw or len(raw.split(b"\r\n\r\n", 1)[1]) < _length(raw):
        try:
            more = sock.recv(65536)
        except ConnectionResetError:
            break
        if not more:
            break
        raw += more
    sock.close()
    head_text, body = raw.split(b"\r\n\r\n", 1)
    status_line, *header_lines = head_text.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in header_lines)}
    return int(status_line.split()[1]), headers, json.loads(body[: _length(raw)]), sent


def _length(raw: bytes) -> int:
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 1 << 30


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_200_mb_body_is_refused_with_413_before_it_is_read(server: tuple[str, psutil.Process], chunked: bool) -> None:
    url, process = server
    status, headers, body, sent = post_huge(url, chunked)

    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert body["status"] == 413 and body["instance"] == "/v1/documents"
    assert f"over the {LIMIT} bytes" in body["detail"]
    assert sent < TOTAL / 4, f"the client got {sent} bytes through before the answer"
    assert peak_rss(process) < 400 * 1024 * 1024


def test_a_body_within_the_limit_still_gets_through(server: tuple[str, psutil.Process]) -> None:
    import httpx

    url, _ = server
    response = httpx.post(f"{url}/v1/documents", json={"text": "x" * 10, "key": "tiny"}, timeout=120)
    assert response.status_code != 413
    assert response.status_code in (201, 401, 422), response.text
