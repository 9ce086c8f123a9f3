"""The embedded store's file: a SQLite database in WAL mode, one row per node and per edge.

A write costs what it changes: loading one more document commits its few new or
enriched rows (a handful of pages appended to the write-ahead log) instead of
rewriting the whole graph, as the JSON file of format 1 did. SQLite supplies the
rest: one transaction per write, so all of it or none; `synchronous=FULL`, so a
commit is on disk when it returns; and recovery on open, so a write killed half
way is as if it never started.

Each row carries the revision that last wrote it, and a removal leaves a row in
`gone`, so another process catches up with a write by reading what changed since
its own revision rather than the whole graph. The file's header says what it is
(`application_id`) and its format version (`user_version`); a file that is not a
store of this version is refused before anything is written to it.

Rows are read as they are stored, the body text unparsed (`Rows`): the embedded
store's index keeps that text and parses a model only when a query returns one,
so reopening a store costs reading its rows, not validating a model per row.

Format 1 (`graph.json`, the graph in the contract's export shape) is still read
by `read_legacy`, so the store can migrate it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern

from pydantic import ValidationError

from graph.store import EdgeKey
from ontology.contract import Edge, GraphData, Node
from ontology.errors import StoreError
from ontology.terms import NodeType

DB_FILE = "graph.db"
LEGACY_FILE = "graph.json"
#: "PGST" in the header's application_id: a SQLite file of another program is refused.
APPLICATION_ID = 0x50475354
FORMAT_VERSION = 2
LEGACY_FORMAT = "policygraph-store"
LEGACY_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Said whenever a store file cannot be read.
UNTOUCHED = "it was left untouched; restore it from a backup or move it aside to start an empty store"

SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {FORMAT_VERSION};
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta VALUES ('revision', 0);
CREATE TABLE nodes (id TEXT PRIMARY KEY, rev INTEGER NOT NULL, body TEXT NOT NULL);
CREATE TABLE edges (
    source TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL, rev INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (source, type, target)
);
CREATE TABLE gone (rev INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL);
CREATE INDEX nodes_rev ON nodes (rev);
CREATE INDEX edges_rev ON edges (rev);
CREATE INDEX gone_rev ON gone (rev);
"""

#: A node as stored: (id, type, body), the body its contract JSON.
NodeRow = tuple[str, NodeType, str]
#: An edge as stored: (source, type, target, body).
EdgeRow = tuple[str, str, str, str]


@dataclass
class Changes:
    """What one write changes: rows put (inserted or replaced) and rows removed."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    gone_nodes: list[str] = field(default_factory=list)
    gone_edges: list[EdgeKey] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.nodes or self.edges or self.gone_nodes or self.gone_edges)

    def rows(self) -> Rows:
        """The same write as rows, each model serialised once: what the file stores and the index holds."""
        return Rows(
            nodes=[(n.id, n.type, n.model_dump_json()) for n in self.nodes],
            edges=[(*e.key, e.model_dump_json()) for e in self.edges],
            gone_nodes=self.gone_nodes,
            gone_edges=self.gone_edges,
        )


@dataclass
class Rows:
    """A write or a read as the file holds it: bodies are contract JSON, parsed only when a model is asked for."""

    nodes: list[NodeRow] = field(default_factory=list)
    edges: list[EdgeRow] = field(default_factory=list)
    gone_nodes: list[str] = field(default_factory=list)
    gone_edges: list[EdgeKey] = field(default_factory=list)


@dataclass
class Delta:
    """The rows changed since a revision, and the revision they bring a reader to."""

    revision: int
    changes: Rows


def _reason(exc: BaseException) -> str:
    """The first line of an error's message, for a one-line report."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def check_header(path: Path) -> None:
    """Refuse a file that is not a store of this format, reading only its 100-byte header.

    Run before a connection is opened, never beside one: closing a second
    descriptor on the file would drop the POSIX locks SQLite holds for this
    process. A truncated file is refused only while no write-ahead log is pending
    (a checkpoint extends the file after rewriting the header).
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read the store file {path}: {exc.strerror}; {UNTOUCHED}") from exc
    problem = None
    if size == 0:
        problem = "the file is empty (0 bytes)"
    elif not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        problem = "not a SQLite database, so not a policygraph store"
    else:
        page_size = struct.unpack(">H", header[16:18])[0]
        page_size = 65536 if page_size == 1 else page_size
        pages, changes, valid_for = struct.unpack(">I", header[28:32])[0], header[24:28], header[92:96]
        version, app = struct.unpack(">I", header[60:64])[0], struct.unpack(">I", header[68:72])[0]
        if app != APPLICATION_ID:
            problem = "a SQLite database of another program, not a policygraph store"
        elif version != FORMAT_VERSION:
            problem = f"format version {version}, this code reads {FORMAT_VERSION}"
        elif changes == valid_for and size < pages * page_size and not _pending_log(path):
            problem = f"the file is truncated ({size} bytes of {pages * page_size})"
    if problem:
        raise StoreError(f"cannot read the store file {path}: {problem}; {UNTOUCHED}")


def _pending_log(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a crash."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


class GraphFile:
    """One open store database; every method is one transaction at most."""

    def __init__(self, path: Path, *, writable: bool) -> None:
        check_header(path)
        self.path = path
        self.writable = writable
        mode = "rw" if writable else "ro"
        try:
            self._conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode={mode}", uri=True, isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA busy_timeout = 30000")
            if writable:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        self._data_version = -1

    @classmethod
    def create(cls, path: Path, data: Changes | Rows) -> None:
        """Write a new store holding `data` at `path`, atomically: a temporary file renamed into place."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.executescript(SCHEMA)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                _commit(conn, data)
            finally:
                conn.close()
            os.replace(tmp, path)
        except (OSError, sqlite3.Error) as exc:
            for leftover in path.parent.glob(f"{tmp.name}*"):
                leftover.unlink(missing_ok=True)
            raise StoreError(f"cannot write the store file {path}: {_reason(exc)}") from exc
        fsync_folder(path.parent)

    def _error(self, exc: BaseException, verb: str = "read") -> StoreError:
        detail = f"cannot {verb} the store file {self.path}: {_reason(exc)}"
        return StoreError(detail if verb == "write" else f"{detail}; {UNTOUCHED}")

    def changed(self) -> bool:
        """Whether another connection committed since this one last read (SQLite's data_version)."""
        try:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        if version == self._data_version:
            return False
        self._data_version = version
        return True

    def read(self, since: int) -> Delta:
        """Every row written after revision `since` (all of them for 0), and the revision read up to."""
        try:
            self._conn.execute("BEGIN")
            try:
                revision = self._conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
                changes = Rows()
                if since:
                    for kind, key in self._conn.execute("SELECT kind, key FROM gone WHERE rev > ?", [since]):
                        if kind == "edge":
                            changes.gone_edges.append(tuple(json.loads(key)))
                        else:
                            changes.gone_nodes.append(key)
                where = " WHERE rev > ?" if since else ""
                params = [since] if since else []
                nodes = self._conn.execute(f"SELECT id, body FROM nodes{where}", params)
                changes.nodes = [(i, _node_type(body), body) for i, body in nodes]
                edges = self._conn.execute(f"SELECT source, type, target, body FROM edges{where}", params)
                # The type interned: one string for each of a dozen types, not one per row read.
                changes.edges = [(a, intern(t), b, body) for a, t, b, body in edges]
            finally:
                self._conn.execute("COMMIT")
        except (sqlite3.Error, ValueError, TypeError) as exc:
            raise StoreError(f"cannot read the store file {self.path}: {_reason(exc)}; {UNTOUCHED}") from exc
        self.changed()
        return Delta(revision, changes)

    def commit(self, changes: Changes | Rows) -> int:
        """Apply `changes` in one transaction; the new revision."""
        try:
            revision = _commit(self._conn, changes)
        except sqlite3.Error as exc:
            raise self._error(exc, "write") from exc
        self.changed()
        return revision

    def close(self) -> None:
        self._conn.close()


#: A node body as `Node.model_dump_json` writes it: the id first, then the type.
_TYPE_FIELD = '"type":"'
_NODE_TYPES = {t.value: t for t in NodeType}


def _node_type(body: str) -> NodeType:
    """The type a node body states, read off the text: its first `"type":"` (the id before it is JSON, so any
    quote in it is escaped). Parsing the JSON of every node, in SQLite or here, is most of what reopening a
    store of a quarter of a million nodes would cost."""
    start = body.find(_TYPE_FIELD) + len(_TYPE_FIELD)
    found = _NODE_TYPES.get(body[start : body.find('"', start)]) if start >= len(_TYPE_FIELD) else None
    if found is None:
        raise ValueError(f"a node row states no known type: {body[:120]}")
    return found


def _commit(conn: sqlite3.Connection, write: Changes | Rows) -> int:
    """One transaction: bump the revision, put and remove rows; rolled back whole on any error."""
    changes = write.rows() if isinstance(write, Changes) else write
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'revision'")
        revision = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
        conn.executemany("DELETE FROM edges WHERE source = ? AND type = ? AND target = ?", changes.gone_edges)
        conn.executemany("DELETE FROM nodes WHERE id = ?", ((n,) for n in changes.gone_nodes))
        conn.executemany(
            "INSERT OR REPLACE INTO nodes VALUES (?, ?, ?)", ((i, revision, body) for i, _, body in changes.nodes)
        )
        conn.executemany(
            "INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?, ?)",
            ((a, t, b, revision, body) for a, t, b, body in changes.edges),
        )
        gone = [("edge", json.dumps(list(k))) for k in changes.gone_edges] + [("node", n) for n in changes.gone_nodes]
        conn.executemany("INSERT INTO gone VALUES (?, ?, ?)", ((revision, kind, key) for kind, key in gone))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite rolls some errors back itself (SQLITE_FULL)
            conn.execute("ROLLBACK")
        raise
    return revision


def read_legacy(path: Path) -> GraphData:
    """The graph in a format-1 store file (`graph.json`); refuse, naming it, one that cannot be read."""
    try:
        raw = json.loads(path.read_bytes())
        if not isinstance(raw, dict) or raw.get("format") != LEGACY_FORMAT:
            raise ValueError(f"not a {LEGACY_FORMAT} file")
        if raw.get("version") != LEGACY_VERSION:
            raise ValueError(f"format version {raw.get('version')!r}, this code reads {LEGACY_VERSION}")
        return GraphData.model_validate(raw.get("graph"))
    except (OSError, ValueError, ValidationError) as exc:
        raise StoreError(f"cannot read the store file {path}: {_reason(exc)}; {UNTOUCHED}") from exc


def leftovers(folder: Path) -> Iterator[Path]:
    """Temporary files a killed `GraphFile.create` left behind."""
    return folder.glob(f".{DB_FILE}.*.tmp*")
