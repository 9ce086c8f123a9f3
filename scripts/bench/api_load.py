"""API throughput: entity lookup on a real uvicorn over loopback against a bare FastAPI hello-world.

Both apps run the same way (`python -m uvicorn --factory ...`, one worker, no
access log) and are loaded by ApacheBench (`ab`, fixed concurrency and
duration), alternately, after a warm-up. ab speaks HTTP/1.0, which uvicorn
does not keep alive, so every request opens a connection, on both sides. The load generator
shares the two cores with the server, alike on both sides. The entity is a
typical node of the store's graph, so its answer is a node with a few edges and
their evidence.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.figures import Figure, ratio_figure
from bench.stores import REPO

FAMILY = "API"
CONCURRENCY = 16
SECONDS = 5
ENTITY_ROUTES = ("/v1/entities/{entity_id}", "/entities/{entity_id}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(factory: str, home: Path) -> Iterator[str]:
    """uvicorn serving `factory` over the embedded store under `home`; its base URL; stopped on exit."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "POLICYGRAPH_"))}
    # No rate limit: the load generator is one client asking far more than any user would.
    env.update(
        POLICYGRAPH_HOME=str(home),
        POLICYGRAPH_RATE_LIMIT="0",
        PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "scripts")]),
    )
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--port", str(port)]
    command += ["--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn {factory} exited: {process.stderr.read().decode()[-2000:]}")
            try:
                httpx.get(f"{url}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"uvicorn {factory} did not answer within 300 s") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _requests_per_second(url: str, seconds: int) -> float:
    """ab's requests/s for `seconds` of load; every response must have been a success."""
    done = subprocess.run(
        ["ab", "-q", "-c", str(CONCURRENCY), "-t", str(seconds), "-n", "10000000", url],
        capture_output=True,
        text=True,
        check=False,
    )
    failed = re.search(r"Non-2xx responses:\s+(\d+)", done.stdout)
    rate = re.search(r"Requests per second:\s+([\d.]+)", done.stdout)
    if done.returncode or rate is None or failed:
        raise RuntimeError(f"ab {url} failed: {(done.stdout + done.stderr)[-1500:]}")
    return float(rate.group(1))


def entity_path(base: str, entity_id: str) -> str:
    """The entity route the app serves (under /v1 once it has one), for `entity_id`."""
    paths = httpx.get(f"{base}/openapi.json", timeout=30).json()["paths"]
    route = next(r for r in ENTITY_ROUTES if r in paths)
    return route.format(entity_id=entity_id)


def run(home: Path, entity_id: str, scale: str, reps: int) -> list[Figure]:
    """Entity lookup req/s against hello-world req/s, both on uvicorn over loopback."""
    if shutil.which("ab") is None:
        return [
            Figure(
                family=FAMILY,
                name="entity lookup req/s",
                scale=scale,
                unit="req/s",
                value=None,
                target="ratio >= 0.3",
                note="not run: ApacheBench (`ab`, Debian apache2-utils) is not installed; `make bench` installs it",
            )
        ]
    with serving("api.app:create_app", home) as app, serving("bench.hello:create_app", home) as hello:
        lookup = app + entity_path(app, entity_id)
        assert httpx.get(lookup, timeout=30).status_code == 200, lookup
        _requests_per_second(lookup, 1)
        _requests_per_second(f"{hello}/hello", 1)
        base, cand = [], []
        for _ in range(reps):
            base.append(_requests_per_second(f"{hello}/hello", SECONDS))
            cand.append(_requests_per_second(lookup, SECONDS))
    return [
        ratio_figure(
            FAMILY,
            "entity lookup req/s",
            scale=scale,
            unit="req/s",
            value=statistics.median(cand),
            baseline="bare FastAPI hello-world route, same uvicorn setup (req/s)",
            baseline_value=statistics.median(base),
            check=">=",
            bound=0.3,
            note=f"ab -c {CONCURRENCY}, {SECONDS} s per run, median of {reps}; entity {entity_id}",
        )
    ]
