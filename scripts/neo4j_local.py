#!/usr/bin/env python3
"""Run a throwaway Neo4j Community Edition server from Neo4j's own jars.

Why this exists: the project needs a real Neo4j (Cypher, constraints, full-text
indexes) for its tests and for local use, on machines that have Java and Maven
but no Docker and no route to neo4j.com's tarballs. Neo4j publishes every jar
of the server to Maven Central, so Maven fetches them once into
``.cache/neo4j/<version>/lib`` (see ``scripts/neo4j/pom.xml``, the one place
the version is pinned) and this module starts ``org.neo4j.server.CommunityEntryPoint``
with a generated ``neo4j.conf``: Bolt on 127.0.0.1 only, no HTTP, small memory,
auth on with a chosen initial password.

Stdlib only, so it runs with any ``python3`` before a virtualenv exists; the
test suite imports it too (pytest ``pythonpath = ["scripts"]``).

Python API::

    from neo4j_local import available, fetch, start
    server = start(tmp_path / "neo4j", password="secret-pw", cache_dir=Path(".cache"))
    ...  # server.uri, server.username, server.password, server.version, server.pid
    server.stop()

Command line (``make neo4j`` / ``make neo4j-stop`` wrap it)::

    python3 scripts/neo4j_local.py start [--port 7687] [--home .cache/neo4j-home]
                                         [--password PW]
    python3 scripts/neo4j_local.py stop  [--home ...]
    python3 scripts/neo4j_local.py status [--home ...]
    python3 scripts/neo4j_local.py env   [--home ...]   # prints the export line only (fails if none runs)
    python3 scripts/neo4j_local.py fetch                # only fetch the jars
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # typing.Self is 3.11+; annotations are not evaluated at run time
    from typing import Self

SCRIPTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = SCRIPTS_DIR.parent
POM = SCRIPTS_DIR / "neo4j" / "pom.xml"
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache"
DEFAULT_HOME = DEFAULT_CACHE_DIR / "neo4j-home"
DEFAULT_PORT = 7687
DEFAULT_PASSWORD = "policygraph"
USERNAME = "neo4j"
DATABASE = "neo4j"
MIN_JAVA = 17
# Neo4j's own default (dbms.security.auth_minimum_password_length); checked up
# front because neo4j-admin's refusal is less clear.
MIN_PASSWORD_LENGTH = 8
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
PID_FILE = "neo4j.pid"
STATE_FILE = "neo4j-local.json"
CONSOLE_LOG = "console.log"
_COMPLETE_MARKER = ".complete"

# Memory for a 2-core / 24 GiB machine that also runs the test suite and other work.
HEAP = "512m"
PAGECACHE = "256m"

# What Neo4j's own launcher passes to the server JVM (its default neo4j.conf
# server.jvm.additional lines), minus -XX:+AlwaysPreTouch, which would commit
# the whole heap up front on a shared machine.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


class Neo4jLocalError(RuntimeError):
    """Starting, fetching or stopping the local server failed; the message says why."""


# --------------------------------------------------------------------------- tools


def neo4j_version() -> str:
    """The pinned Neo4j version, read from scripts/neo4j/pom.xml: one place to bump."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(POM).getroot().find("m:properties/m:neo4j.version", ns)
    if node is None or not (node.text or "").strip():
        raise Neo4jLocalError(f"no <neo4j.version> property in {POM}")
    return (node.text or "").strip()


def java_executable() -> str | None:
    """The java to run Neo4j with: $JAVA_HOME/bin/java if set, else java on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home:
        candidate = Path(java_home) / "bin" / "java"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("java")


def java_major_version(java: str) -> int | None:
    """Major version of ``java`` (17 for "17.0.15", 8 for "1.8.0"), None if unknown."""
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def lib_dir(cache_dir: Path) -> Path:
    """Where fetch() puts the jars: ``<cache_dir>/neo4j/<version>/lib``."""
    return Path(cache_dir).resolve() / "neo4j" / neo4j_version() / "lib"


def _lib_ready(lib: Path) -> bool:
    return (lib / _COMPLETE_MARKER).is_file()


def available(cache_dir: Path | None = None) -> str | None:
    """None if a server can be started here, else a one-line reason (for pytest skips).

    Needs Java 17+, and Maven unless the jars are already in ``cache_dir``.
    """
    java = java_executable()
    if java is None:
        return f"java not found (Neo4j needs Java {MIN_JAVA}+ on PATH or in JAVA_HOME)"
    major = java_major_version(java)
    if major is None:
        return f"could not tell the version of {java}"
    if major < MIN_JAVA:
        return f"{java} is Java {major}; Neo4j {neo4j_version()} needs Java {MIN_JAVA}+"
    if cache_dir is not None and _lib_ready(lib_dir(cache_dir)):
        return None
    if shutil.which("mvn") is None:
        return "mvn (Maven) not found; it is needed once to fetch the Neo4j jars"
    return None


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Serialise fetches, e.g. two pytest-xdist workers starting servers at once."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no locking, fetch is still atomic via rename
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tail(text: str, lines: int = 40) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)  # Maven 3.8 colours even with -B
    return "\n".join(text.rstrip().splitlines()[-lines:])


def fetch(cache_dir: Path) -> Path:
    """Copy the Neo4j server jars from Maven Central into the cache; return the lib dir.

    Idempotent and cheap once done: a marker file says the copy finished. Maven
    writes into a scratch directory that is renamed into place, so a fetch that
    is interrupted never leaves a half-filled lib dir behind.
    """
    lib = lib_dir(cache_dir)
    if _lib_ready(lib):
        return lib
    version = neo4j_version()
    with _file_lock(lib.parent / ".fetch.lock"):
        if _lib_ready(lib):
            return lib
        reason = available()
        if reason:
            raise Neo4jLocalError(f"cannot fetch Neo4j {version}: {reason}")
        mvn = shutil.which("mvn")
        if mvn is None:  # available() said otherwise a moment ago
            raise Neo4jLocalError("mvn (Maven) not found")
        scratch = lib.parent / f"lib.partial-{os.getpid()}"
        shutil.rmtree(scratch, ignore_errors=True)
        print(
            f"neo4j_local: fetching Neo4j {version} jars with Maven into {lib} (first run only)...",
            file=sys.stderr,
            flush=True,
        )
        cmd = [
            mvn,
            "-q",
            "-B",
            "-Dstyle.color=never",
            "-f",
            str(POM),
            # Full plugin name: no prefix lookup; the version is the pom's.
            "org.apache.maven.plugins:maven-dependency-plugin:copy-dependencies",
            f"-Dneo4j.lib.dir={scratch}",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            shutil.rmtree(scratch, ignore_errors=True)
            raise Neo4jLocalError(
                f"Maven failed to fetch Neo4j {version} (exit {proc.returncode}):\n" + _tail(proc.stdout + proc.stderr)
            )
        jars = sorted(p.name for p in scratch.glob("*.jar"))
        if f"neo4j-{version}.jar" not in jars:
            shutil.rmtree(scratch, ignore_errors=True)
            raise Neo4jLocalError(f"Maven ran but neo4j-{version}.jar is not in {scratch}")
        (scratch / _COMPLETE_MARKER).write_text("\n".join(jars) + "\n")
        shutil.rmtree(lib, ignore_errors=True)  # e.g. filled by a manual `mvn` run
        scratch.rename(lib)
    return lib


# --------------------------------------------------------------------------- ports


def find_free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now (the OS picks it; another process may take it
    before Neo4j binds it, which start() handles by retrying)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True if nothing listens on host:port and it can be bound.

    Bound with SO_REUSEADDR, as Neo4j binds it: the connections of a server that
    just crashed linger in TIME_WAIT for up to a minute, yet nothing listens, and
    Neo4j can start there.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


# --------------------------------------------------------------------------- Bolt


class BoltError(Exception):
    """The server answered, but not with a successful login."""


class BoltAuthError(BoltError):
    """The server rejected the username/password."""


_BOLT_MAGIC = b"\x60\x60\xb0\x17"
# Propose Bolt 5.4 and the three minors below it (byte layout: 0, range, minor, major).
# All of 5.1-5.4 log in with HELLO then LOGON; Neo4j 5.26 picks 5.4.
_BOLT_PROPOSALS = struct.pack(">4I", 0x00030405, 0, 0, 0)
_FIXED = {  # PackStream marker -> (struct format, size)
    0xC1: (">d", 8),
    0xC8: (">b", 1),
    0xC9: (">h", 2),
    0xCA: (">i", 4),
    0xCB: (">q", 8),
}
_SIZED = {  # PackStream marker -> (kind, bytes of the length that follows)
    0xCC: ("bytes", 1), 0xCD: ("bytes", 2), 0xCE: ("bytes", 4),
    0xD0: ("str", 1), 0xD1: ("str", 2), 0xD2: ("str", 4),
    0xD4: ("list", 1), 0xD5: ("list", 2), 0xD6: ("list", 4),
    0xD8: ("map", 1), 0xD9: ("map", 2), 0xDA: ("map", 4),
}  # fmt: skip


def _pack(value: Any) -> bytes:
    """PackStream for the little the login needs: strings and string-keyed maps."""
    if isinstance(value, str):
        data = value.encode("utf-8")
        n = len(data)
        if n < 0x10:
            return bytes([0x80 + n]) + data
        if n < 0x100:
            return bytes([0xD0, n]) + data
        if n < 0x10000:
            return b"\xd1" + struct.pack(">H", n) + data
        return b"\xd2" + struct.pack(">I", n) + data
    if isinstance(value, dict):
        n = len(value)
        head = bytes([0xA0 + n]) if n < 0x10 else bytes([0xD8, n])
        return head + b"".join(_pack(k) + _pack(v) for k, v in value.items())
    raise TypeError(f"cannot pack {type(value).__name__}")


def _unpack(data: bytes, i: int) -> tuple[Any, int]:
    """Decode one PackStream value at data[i:]; return it and the next offset."""
    marker = data[i]
    i += 1
    if marker < 0x80:
        return marker, i
    if marker >= 0xF0:
        return marker - 0x100, i
    high, low = marker & 0xF0, marker & 0x0F
    if high == 0x80:
        return data[i : i + low].decode("utf-8"), i + low
    if high == 0x90:
        return _unpack_items(data, i, low, "list")
    if high == 0xA0:
        return _unpack_items(data, i, low, "map")
    if high == 0xB0:  # structure: signature byte, then `low` fields
        fields, j = _unpack_items(data, i + 1, low, "list")
        return (data[i], fields), j
    if marker in (0xC0, 0xC2, 0xC3):
        return {0xC0: None, 0xC2: False, 0xC3: True}[marker], i
    if marker in _FIXED:
        fmt, size = _FIXED[marker]
        return struct.unpack(fmt, data[i : i + size])[0], i + size
    if marker in _SIZED:
        kind, width = _SIZED[marker]
        n = int.from_bytes(data[i : i + width], "big")
        i += width
        if kind == "bytes":
            return data[i : i + n], i + n
        if kind == "str":
            return data[i : i + n].decode("utf-8"), i + n
        return _unpack_items(data, i, n, kind)
    raise BoltError(f"unexpected PackStream marker 0x{marker:02X}")


def _unpack_items(data: bytes, i: int, n: int, kind: str) -> tuple[Any, int]:
    if kind == "map":
        mapping = {}
        for _ in range(n):
            key, i = _unpack(data, i)
            mapping[key], i = _unpack(data, i)
        return mapping, i
    items = []
    for _ in range(n):
        value, i = _unpack(data, i)
        items.append(value)
    return items, i


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("server closed the connection")
        buf += chunk
    return buf


def _send_message(sock: socket.socket, signature: int, *fields: Any) -> None:
    body = bytes([0xB0 + len(fields), signature]) + b"".join(_pack(f) for f in fields)
    sock.sendall(struct.pack(">H", len(body)) + body + b"\x00\x00")


def _recv_message(sock: socket.socket) -> tuple[int, list[Any]]:
    data = b""
    while True:
        (size,) = struct.unpack(">H", _recv_exact(sock, 2))
        if size == 0:
            if data:
                break
            continue  # a NOOP keep-alive chunk between messages
        data += _recv_exact(sock, size)
    message, _ = _unpack(data, 0)
    if not isinstance(message, tuple):
        raise BoltError("the server sent something that is not a Bolt message")
    return message


def _expect_success(sock: socket.socket, what: str) -> dict[str, Any]:
    signature, fields = _recv_message(sock)
    meta = fields[0] if fields and isinstance(fields[0], dict) else {}
    if signature == 0x70:  # SUCCESS
        return meta
    if signature == 0x7F:  # FAILURE
        code = str(meta.get("code") or meta.get("neo4j_code") or "")
        text = f"{what} failed: {code}: {meta.get('message', '')}"
        if code.startswith("Neo.ClientError.Security."):
            raise BoltAuthError(text)
        raise BoltError(text)
    raise BoltError(f"{what}: unexpected reply 0x{signature:02X}")


def bolt_login(host: str, port: int, username: str, password: str, timeout: float = 5.0) -> str:
    """Log in over Bolt with basic auth and log out; return the server agent.

    A real login, not just an open port: this proves that the DBMS is up, that
    the system database serves auth, and that the password is the one we set.
    Raises OSError if nothing accepts the connection, BoltAuthError for a wrong
    password, BoltError for any other refusal.
    """
    agent = "policygraph-neo4j-local/1"
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(_BOLT_MAGIC + _BOLT_PROPOSALS)
        chosen = _recv_exact(sock, 4)
        if chosen == b"\x00\x00\x00\x00":
            raise BoltError("the server speaks none of Bolt 5.1-5.4")
        _send_message(sock, 0x01, {"user_agent": agent, "bolt_agent": {"product": agent}})
        meta = _expect_success(sock, "HELLO")
        _send_message(
            sock,
            0x6A,
            {"scheme": "basic", "principal": username, "credentials": password},
        )
        _expect_success(sock, "LOGON")
        with contextlib.suppress(OSError):
            _send_message(sock, 0x02)  # GOODBYE
    return str(meta.get("server", ""))


# --------------------------------------------------------------------------- server


def _settings(port: int, extra: Mapping[str, str] | None) -> dict[str, str]:
    """neo4j.conf for a private, small, loopback-only server; ``extra`` overrides."""
    settings = {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{port}",
        "server.bolt.advertised_address": f"127.0.0.1:{port}",
        "server.bolt.tls_level": "DISABLED",
        # Bolt only: the project talks Bolt, and the Browser UI is not in these jars.
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.heap.initial_size": HEAP,
        "server.memory.heap.max_size": HEAP,
        "server.memory.pagecache.size": PAGECACHE,
        # Otherwise each database preallocates a 256 MiB transaction log.
        "db.tx_log.preallocate": "false",
        "db.tx_log.rotation.retention_policy": "2 files",
        # The server looks for transactions past their timeout every 2 s by default, so a
        # read shorter than that always finishes; checking often makes query timeouts hold.
        "db.transaction.monitor.check.interval": "10ms",
        # No network beyond package registries here, and a throwaway server anyway.
        "dbms.usage_report.enabled": "false",
        # Netty waits 2 x 5 s of "quiet period" on shutdown by default; after the
        # databases are checkpointed there is nothing left to be quiet for.
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
    }
    settings.update(extra or {})
    return settings


def _write_config(home: Path, settings: Mapping[str, str]) -> None:
    lines = ["# Written by scripts/neo4j_local.py on each start: edits are overwritten."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    (home / "conf" / "neo4j.conf").write_text("\n".join(lines) + "\n")


def _proc_cmdline(pid: int) -> str | None:
    """The command line of pid, or None if there is no such (live) process."""
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            stat = (proc / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                return None  # exited, only waiting to be reaped
            return (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            return None
    if sys.platform.startswith("linux"):
        return None
    out = subprocess.run(
        ["ps", "-o", "stat=,command=", "-p", str(pid)],
        capture_output=True,
        text=True,
        check=False,
    )
    text = out.stdout.strip()
    if out.returncode != 0 or not text or text.startswith("Z"):
        return None
    return text.split(None, 1)[-1]


def _is_our_server(pid: int, home: Path) -> bool:
    """Guard against a recycled pid: the process must be Neo4j with this home."""
    cmdline = _proc_cmdline(pid)
    return bool(cmdline) and MAIN_CLASS in cmdline and f"--home-dir={home}" in cmdline


def _log_tail(home: Path, lines: int = 30) -> str:
    parts = []
    for name in (CONSOLE_LOG, "neo4j.log"):
        path = home / "logs" / name
        if path.is_file():
            text = _tail(path.read_text(errors="replace"), lines)
            if text:
                parts.append(f"--- {path} (last lines) ---\n{text}")
    return "\n".join(parts) or f"(no logs under {home / 'logs'})"


@dataclasses.dataclass
class Server:
    """A running local Neo4j: where to connect, and how to stop it."""

    uri: str
    username: str
    password: str
    version: str
    pid: int
    port: int
    home: Path
    _proc: subprocess.Popen[bytes] | None = dataclasses.field(default=None, repr=False)

    @property
    def log_path(self) -> Path:
        """The server's main log (startup, errors, shutdown)."""
        return self.home / "logs" / "neo4j.log"

    def env(self) -> dict[str, str]:
        """The NEO4J_* variables the project reads to find its database."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": DATABASE,
        }

    def is_running(self) -> bool:
        """True while the server process is alive."""
        if self._proc is not None:
            return self._proc.poll() is None
        return _is_our_server(self.pid, self.home)

    def stop(self, timeout: float = 60.0) -> None:
        """Shut down cleanly (SIGTERM runs Neo4j's shutdown hook and checkpoints),
        SIGKILL after ``timeout`` seconds; return once the process is gone."""
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.send_signal(signal.SIGTERM)
                try:
                    self._proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    self._proc.kill()
                    self._proc.wait()
        elif _is_our_server(self.pid, self.home):
            os.kill(self.pid, signal.SIGTERM)
            deadline = time.monotonic() + timeout
            while _is_our_server(self.pid, self.home):
                if time.monotonic() > deadline:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.pid, signal.SIGKILL)
                    deadline = float("inf")
                time.sleep(0.2)
        for name in (PID_FILE, STATE_FILE):
            with contextlib.suppress(FileNotFoundError):
                (self.home / name).unlink()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def running(home: Path) -> Server | None:
    """The server started (by anyone) for this home and still alive, else None."""
    home = Path(home).resolve()
    try:
        state = json.loads((home / STATE_FILE).read_text())
        server = Server(
            uri=state["uri"],
            username=state["username"],
            password=state["password"],
            version=state["version"],
            pid=int(state["pid"]),
            port=int(state["port"]),
            home=home,
        )
    except (OSError, ValueError, KeyError):
        return None
    return server if server.is_running() else None


def _pdeathsig_preexec() -> Callable[[], None] | None:
    """On Linux, a preexec_fn that makes the server get SIGTERM when the thread that
    started it dies, so a killed pytest run does not leave a JVM behind."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def preexec() -> None:
        prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)

    return preexec


def _java_env(home: Path) -> dict[str, str]:
    """Environment for Neo4j's JVMs: its home and conf, and none of a developer's
    JVM option variables, which would change memory or flags behind our back."""
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    for var in ("JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"):
        env.pop(var, None)
    return env


def _set_initial_password(java: str, lib: Path, home: Path, password: str) -> None:
    """neo4j-admin dbms set-initial-password: writes data/dbms/auth.ini, which the
    server consumes on its first start (it is ignored once the system db exists)."""
    cmd = [java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", f"{lib}/*"]
    cmd += [ADMIN_CLASS, "dbms", "set-initial-password", password]
    proc = subprocess.run(cmd, env=_java_env(home), cwd=home, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise Neo4jLocalError(
            "neo4j-admin dbms set-initial-password failed:\n"
            + _tail(proc.stdout + proc.stderr).replace(password, "***")
        )


def start(
    home: Path,
    *,
    port: int | None = None,
    password: str,
    cache_dir: Path,
    timeout: float = 120,
    detach: bool = False,
    extra_config: Mapping[str, str] | None = None,
) -> Server:
    """Start Neo4j with its files under ``home``; return once a Bolt login works.

    ``home`` gets conf/neo4j.conf (rewritten each time), data/, logs/ and a pid
    file; reuse a home to keep its data (the password is then the one it was
    created with). ``port=None`` picks a free loopback port. ``detach=True``
    (the CLI) lets the server outlive this process; otherwise, on Linux, it
    gets SIGTERM if the starting thread dies. Raises Neo4jLocalError with the
    tail of the server log if the server exits or ``timeout`` passes first.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Neo4jLocalError(f"Neo4j needs a password of at least {MIN_PASSWORD_LENGTH} chars")
    home = Path(home).resolve()
    already = running(home)
    if already is not None:
        raise Neo4jLocalError(f"a server for {home} is already running: {already.uri}")
    lib = fetch(cache_dir)
    java = java_executable()
    if java is None:
        raise Neo4jLocalError(available() or "java not found")
    for sub in ("conf", "logs", "data", "run"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    if not (home / "data" / "databases" / "system").exists():
        _write_config(home, _settings(port or DEFAULT_PORT, extra_config))
        _set_initial_password(java, lib, home, password)

    # A port picked here can be taken by someone else before Neo4j binds it.
    attempts = 3 if port is None else 1
    for attempt in range(1, attempts + 1):
        bolt_port = port if port is not None else find_free_port()
        if not port_is_free(bolt_port):
            raise Neo4jLocalError(f"port {bolt_port} on 127.0.0.1 is already in use")
        try:
            return _launch(home, java, lib, bolt_port, password, timeout, detach, extra_config)
        except _PortTakenError:
            if attempt == attempts:
                raise Neo4jLocalError(f"port {bolt_port} was taken; giving up") from None
    raise AssertionError("unreachable")


class _PortTakenError(Exception):
    pass


def _launch(
    home: Path,
    java: str,
    lib: Path,
    port: int,
    password: str,
    timeout: float,
    detach: bool,
    extra_config: Mapping[str, str] | None,
) -> Server:
    settings = _settings(port, extra_config)
    _write_config(home, settings)
    # CommunityEntryPoint does not size its own heap (Neo4j's launcher does that
    # from neo4j.conf), so pass the configured sizes to the JVM here.
    heap_min = settings["server.memory.heap.initial_size"]
    heap_max = settings["server.memory.heap.max_size"]
    cmd = [java, f"-Xms{heap_min}", f"-Xmx{heap_max}", *_JVM_FLAGS, "-cp", f"{lib}/*"]
    cmd += [MAIN_CLASS, f"--home-dir={home}", f"--config-dir={home / 'conf'}"]
    env = _java_env(home)
    # detach: own session, so the CLI's server outlives the CLI and its terminal.
    # Otherwise a preexec_fn asks for SIGTERM when our thread dies. preexec_fn is
    # unsafe if it runs Python code that takes locks held by other threads at fork
    # time; this one only calls prctl(2) through a function resolved before fork.
    options: dict[str, Any] = {"start_new_session": True} if detach else {}
    if not detach:
        options["preexec_fn"] = _pdeathsig_preexec()
    log_offset = _size(home / "logs" / "neo4j.log")
    with open(home / "logs" / CONSOLE_LOG, "ab") as console:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        console.write(f"=== neo4j_local: port {port}, {stamp} ===\n".encode())
        console.flush()
        proc = subprocess.Popen(
            cmd,
            cwd=home,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            **options,
        )
    (home / PID_FILE).write_text(f"{proc.pid}\n")
    server = Server(
        uri=f"bolt://127.0.0.1:{port}",
        username=USERNAME,
        password=password,
        version=neo4j_version(),
        pid=proc.pid,
        port=port,
        home=home,
        _proc=proc,
    )
    try:
        agent = _wait_for_login(proc, home, port, password, timeout, log_offset)
        if agent.startswith("Neo4j/"):
            server.version = agent.split("/", 1)[1]
        _write_state(server)
    except BaseException:  # incl. Ctrl-C: never leave a half-started server behind
        server.stop()
        raise
    return server


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _read_from(path: Path, offset: int) -> str:
    """The part of an appended-to log written since ``offset``."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _wait_for_login(
    proc: subprocess.Popen[bytes],
    home: Path,
    port: int,
    password: str,
    timeout: float,
    log_offset: int,
) -> str:
    """Poll with a real Bolt login until it works; return the server agent."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        if proc.poll() is not None:
            proc.wait()
            if "PortBindException" in _read_from(home / "logs" / "neo4j.log", log_offset):
                raise _PortTakenError
            raise Neo4jLocalError(f"Neo4j exited with code {proc.returncode} while starting\n" + _log_tail(home))
        try:
            return bolt_login("127.0.0.1", port, USERNAME, password)
        except BoltAuthError as exc:
            raise Neo4jLocalError(
                f"Neo4j in {home} rejected the password ({exc}). Its data was created "
                "with another password: use that one, or delete the directory to start "
                "afresh."
            ) from None
        except (OSError, BoltError) as exc:
            last_error = exc
        if time.monotonic() > deadline:
            raise Neo4jLocalError(
                f"Neo4j did not accept a Bolt login within {timeout:.0f}s (last error: {last_error})\n{_log_tail(home)}"
            )
        time.sleep(0.25)


def _write_state(server: Server) -> None:
    """Record how to reach the server, for `status`, `env` and a second `start`."""
    fields = ("uri", "username", "password", "version", "pid", "port")
    state = {name: getattr(server, name) for name in fields}
    state["home"] = str(server.home)
    path = server.home / STATE_FILE
    path.touch(mode=0o600)  # holds the password of this local server
    path.write_text(json.dumps(state, indent=2) + "\n")


# --------------------------------------------------------------------------- CLI


def _export_line(server: Server) -> str:
    return "export " + " ".join(f"{k}={shlex.quote(v)}" for k, v in server.env().items())


def _describe(server: Server, state: str) -> str:
    where = f"pid {server.pid}, home {server.home}"
    return "\n".join(
        [
            f"Neo4j {server.version} Community is {state} ({where})",
            f"  URI:      {server.uri}",
            f"  username: {server.username}",
            f"  password: {server.password}",
            _export_line(server),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: start/stop/status a local server for `make neo4j` and friends."""
    parser = argparse.ArgumentParser(
        prog="neo4j_local.py",
        description="Run a local Neo4j Community server from Maven Central jars.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "start": "start a server in the background (no-op if running)",
        "stop": "stop the server and wait for it to exit",
        "status": "say whether it runs (exit 0) or not (exit 1)",
        "env": "print the export line for a running server",
        "fetch": "only fetch the jars into the cache",
    }
    parsers = {name: sub.add_parser(name, help=text) for name, text in commands.items()}
    for name, p in parsers.items():
        if name != "fetch":
            p.add_argument("--home", type=Path, default=DEFAULT_HOME, help="server directory")
        p.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help="jar cache")
    parsers["start"].add_argument("--port", type=int, default=DEFAULT_PORT, help="Bolt port")
    parsers["start"].add_argument(
        "--password",
        default=os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
        help="initial password of user neo4j (default: $NEO4J_PASSWORD or policygraph)",
    )
    parsers["start"].add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)

    try:
        if args.command == "fetch":
            print(fetch(args.cache_dir))
            return 0
        server = running(args.home)
        if args.command == "start":
            if server is not None:
                print(_describe(server, "already running"))
                return 0
            server = start(
                args.home,
                port=args.port,
                password=args.password,
                cache_dir=args.cache_dir,
                timeout=args.timeout,
                detach=True,
            )
            print(_describe(server, "running"))
            print("Stop it with: python3 scripts/neo4j_local.py stop")
            return 0
        if server is None:
            print(f"No local Neo4j is running for {args.home.resolve()}.", file=sys.stderr)
            if args.command == "env":
                print(
                    "neo4j_local: nothing to export, so NEO4J_URI stays unset and policygraph would use "
                    "its embedded store; start a server with `make neo4j` first",
                    file=sys.stderr,
                )
                if not sys.stdout.isatty():
                    print("false")  # so that `eval "$(... env)"` fails too, instead of silently doing nothing
            return 0 if args.command == "stop" else 1
        if args.command == "stop":
            server.stop()
            print(f"Stopped Neo4j (pid {server.pid}).")
        elif args.command == "status":
            print(_describe(server, "running"))
        else:
            print(_export_line(server))
        return 0
    except Neo4jLocalError as exc:
        print(f"neo4j_local: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
