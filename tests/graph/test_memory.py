"""The embedded store on a real disk: durable, atomic, serialised writers, a write costing what it changes,
loud about files it cannot read, and format-1 stores migrated, never lost."""

from __future__ import annotations

import json
import logging
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import synthetic_graph
from filelock import FileLock

from graph.memory import GRAPH_FILE, LOCK_FILE, MemoryStore
from graph.persist import APPLICATION_ID, FORMAT_VERSION, LEGACY_FILE, Changes, GraphFile
from ontology.contract import Edge, GraphData, Node
from ontology.errors import InputError, StoreError
from ontology.terms import EdgeType, NodeType

EXTRA = Node(id="entity:eu", type=NodeType.ENTITY, name="European Union", aliases=["EU"], attributes={"kind": "bloc"})


def open_writer(folder: Path) -> MemoryStore:
    return MemoryStore(folder, writable=True)


def test_reopening_gives_the_same_graph(tmp_path: Path, small_graph: GraphData) -> None:
    writer = open_writer(tmp_path)
    writer.upsert(small_graph)
    written = writer.export()
    writer.close()

    reopened = MemoryStore(tmp_path)

    assert reopened.export() == written
    assert reopened.counts() == {"nodes": len(small_graph.nodes), "edges": len(small_graph.edges)}
    assert {n.id for n in written.nodes} == {n.id for n in small_graph.nodes}


def test_loading_the_same_graph_twice_changes_nothing(tmp_path: Path, small_graph: GraphData) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    first = (tmp_path / GRAPH_FILE).read_bytes()
    store.upsert(small_graph)
    store.close()

    assert (tmp_path / GRAPH_FILE).read_bytes() == first


def test_the_file_is_plain_sqlite_readable_without_this_code(tmp_path: Path, small_graph: GraphData) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    store.close()

    with sqlite3.connect(tmp_path / GRAPH_FILE) as conn:
        header = [conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("application_id", "user_version")]
        nodes = [Node.model_validate_json(b) for (b,) in conn.execute("SELECT body FROM nodes ORDER BY id")]
        edges = [Edge.model_validate_json(b) for (b,) in conn.execute("SELECT body FROM edges")]
    conn.close()

    assert header == [APPLICATION_ID, FORMAT_VERSION] == [0x50475354, 2]
    assert nodes == sorted(small_graph.nodes, key=lambda n: n.id)
    assert sorted(edges, key=lambda e: e.key) == sorted(small_graph.edges, key=lambda e: e.key)


def test_a_failed_write_leaves_the_stored_graph_whole(tmp_path: Path, small_graph: GraphData) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    graph_before = store.export()
    # A real SQLITE_FULL: the database may not grow by one more page, as on a full disk.
    pages = store._db._conn.execute("PRAGMA page_count").fetchone()[0]
    store._db._conn.execute(f"PRAGMA max_page_count = {pages}")
    big = synthetic_graph(2_000)

    with pytest.raises(StoreError, match=f"cannot write the store file {tmp_path / GRAPH_FILE}: database or disk"):
        store.upsert(big)

    assert store.export() == graph_before
    store.close()
    assert MemoryStore(tmp_path).export() == graph_before


def test_edges_to_unknown_nodes_are_refused_and_nothing_is_written(tmp_path: Path, small_graph: GraphData) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    store.close()
    before = (tmp_path / GRAPH_FILE).read_bytes()
    store = open_writer(tmp_path)
    stray = Edge(source="official:nobody", type=EdgeType.HOLDS_POST, target="ministry:cn-mofcom")

    with pytest.raises(InputError, match="official:nobody"):
        store.upsert(GraphData(nodes=[EXTRA], edges=[stray]))
    store.close()

    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert "entity:eu" not in {n.id for n in MemoryStore(tmp_path).export().nodes}


def written_bytes() -> int:
    """Bytes this process has handed to write(2) and friends so far (Linux's /proc/self/io `wchar`)."""
    io = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(io["wchar"])


def bytes_to_load(folder: Path, base: GraphData, document: GraphData) -> tuple[int, int]:
    """Bytes written to upsert `document` into a store already holding `base`, and the store file's size."""
    store = open_writer(folder)
    store.upsert(base)
    store.close()  # checkpoints the write-ahead log, so the measured write pays for no one else's
    store = open_writer(folder)
    before = written_bytes()
    store.upsert(document)
    spent = written_bytes() - before
    store.close()
    assert store.export() is not None
    return spent, (folder / GRAPH_FILE).stat().st_size


def test_loading_one_more_document_writes_what_it_changes_not_the_store(tmp_path: Path, small_graph: GraphData) -> None:
    """Acceptance point 3 of issue 10: the bytes a load writes follow the document, not the store."""
    small, small_file = bytes_to_load(tmp_path / "small", synthetic_graph(100), small_graph)
    large, large_file = bytes_to_load(tmp_path / "large", synthetic_graph(20_000), small_graph)

    assert large_file > 50 * small_file, "the large store is not large"
    assert small > 0, "nothing was written"
    # Same document, a store 200 times bigger: a few more B-tree pages at most, never a rewrite.
    assert large <= 2 * small + 64 * 1024, (small, large)
    assert large < large_file / 20, (large, large_file)
    reopened = MemoryStore(tmp_path / "large")
    assert reopened.counts() == {"nodes": 20_010 + len(small_graph.nodes), "edges": 20_000 + len(small_graph.edges)}


SECOND_WRITER = """
import sys
from pathlib import Path
from graph.memory import MemoryStore
from ontology.contract import GraphData, Node
from ontology.errors import StoreError
try:
    store = MemoryStore(Path(sys.argv[1]), writable=True, lock_timeout=float(sys.argv[2]))
    store.upsert(GraphData(nodes=[Node(id="entity:second", type="Entity", name="Second writer")]))
    store.close()
except StoreError as exc:
    print(exc.detail)
    sys.exit(3)
print("wrote")
"""


def second_writer(folder: Path, timeout: float = 0.5) -> subprocess.CompletedProcess[str]:
    """Another process writing one node into the store."""
    command = [sys.executable, "-c", SECOND_WRITER, str(folder), str(timeout)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2])


def test_writers_take_turns_and_merge_into_each_others_writes(tmp_path: Path, small_graph: GraphData) -> None:
    writer = open_writer(tmp_path)
    writer.upsert(small_graph)

    other = second_writer(tmp_path)
    writer.upsert(GraphData(nodes=[EXTRA]))

    assert (other.returncode, other.stdout.strip()) == (0, "wrote"), other.stderr
    ids = {n.id for n in writer.export().nodes}
    assert {"entity:second", "entity:eu"} <= ids
    writer.close()
    assert {n.id for n in MemoryStore(tmp_path).export().nodes} == ids


def test_a_writer_kept_waiting_too_long_gives_up_with_a_clear_message(tmp_path: Path, small_graph: GraphData) -> None:
    open_writer(tmp_path).upsert(small_graph)
    before = (tmp_path / GRAPH_FILE).read_bytes()

    with FileLock(tmp_path / LOCK_FILE):  # another writer, mid-write
        refused = second_writer(tmp_path, timeout=0.5)

    assert refused.returncode == 3, refused.stderr
    assert f"the store {tmp_path} is being written by another process" in refused.stdout
    assert f"{tmp_path / LOCK_FILE} is held for more than 0.5 s" in refused.stdout
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert second_writer(tmp_path).stdout.strip() == "wrote"


def test_a_reader_is_not_blocked_by_a_writer_and_sees_its_writes(tmp_path: Path, small_graph: GraphData) -> None:
    writer = open_writer(tmp_path)
    reader = MemoryStore(tmp_path)
    assert reader.counts() == {"nodes": 0, "edges": 0}

    writer.upsert(small_graph)
    assert reader.export() == writer.export()
    writer.upsert(GraphData(nodes=[EXTRA]))
    assert reader.export() == writer.export()

    with pytest.raises(StoreError, match="opened read-only"):
        reader.upsert(GraphData(nodes=[EXTRA]))
    writer.close()


def test_a_reader_catches_up_with_removals_too(tmp_path: Path, small_graph: GraphData) -> None:
    open_writer(tmp_path).upsert(small_graph)
    reader = MemoryStore(tmp_path)
    assert reader.linked(MOFCOM_ID) is not None
    other = GraphFile(tmp_path / GRAPH_FILE, writable=True)
    gone = [e.key for e in small_graph.edges if MOFCOM_ID in (e.source, e.target)]

    other.commit(Changes(gone_nodes=[MOFCOM_ID], gone_edges=gone, nodes=[EXTRA]))
    other.close()

    assert reader.linked(MOFCOM_ID) is None
    assert reader.linked("entity:eu") is not None
    assert reader.export() == MemoryStore(tmp_path).export()
    assert reader.counts()["edges"] == len(small_graph.edges) - len(gone)


MOFCOM_ID = "ministry:cn-mofcom"


def legacy_payload(version: Any = 1, graph: Any = None) -> bytes:
    body = {"format": "policygraph-store", "version": version, "graph": graph or {"nodes": []}}
    return json.dumps(body).encode()


def test_a_format_1_store_is_migrated_by_a_writer_and_kept(
    tmp_path: Path, small_graph: GraphData, caplog: pytest.LogCaptureFixture
) -> None:
    old = legacy_payload(graph=small_graph.model_dump(mode="json"))
    (tmp_path / LEGACY_FILE).write_bytes(old)

    served = MemoryStore(tmp_path)  # a reader serves it as it is
    assert served.export().nodes == sorted(small_graph.nodes, key=lambda n: n.id)
    assert not (tmp_path / GRAPH_FILE).exists()
    with caplog.at_level(logging.WARNING, logger="graph.memory"):
        writer = open_writer(tmp_path)

    assert writer.export() == served.export()
    assert (tmp_path / f"{LEGACY_FILE}.migrated").read_bytes() == old
    assert not (tmp_path / LEGACY_FILE).exists()
    assert f"migrated the store {tmp_path} from format 1 (graph.json) to format 2 (graph.db)" in caplog.text
    assert "kept as graph.json.migrated" in caplog.text
    writer.close()
    assert MemoryStore(tmp_path).export() == served.export()


def valid_db(folder: Path, data: GraphData) -> bytes:
    store = open_writer(folder)
    store.upsert(data)
    store.close()
    return (folder / GRAPH_FILE).read_bytes()


def with_header_int(content: bytes, offset: int, value: int) -> bytes:
    return content[:offset] + value.to_bytes(4, "big") + content[offset + 4 :]


def corrupt(kind: str, folder: Path, small_graph: GraphData) -> tuple[Path, bytes, str]:
    """A store file of the given kind of damage: its path, its bytes, the reason the refusal gives."""
    db, legacy = folder / GRAPH_FILE, folder / LEGACY_FILE
    if kind.startswith("json-"):
        content, reason = {
            "json-zero-bytes": (b"", "Expecting value"),
            "json-truncated": (b'{"format": "policygraph-store", "version": 1, "graph": {"nodes": [', "Expecting"),
            "json-wrong-version": (legacy_payload(7), "format version 7, this code reads 1"),
            "json-not-a-store": (b'{"nodes": []}', "not a policygraph-store file"),
        }[kind]
        legacy.write_bytes(content)
        return legacy, content, reason
    good = valid_db(folder / "good", synthetic_graph(500))
    content, reason = {
        "zero-bytes": (b"", "the file is empty (0 bytes)"),
        "truncated": (good[: len(good) // 2], f"the file is truncated ({len(good) // 2} bytes of {len(good)})"),
        "wrong-version": (with_header_int(good, 60, 1), "format version 1, this code reads 2"),
        "other-sqlite": (with_header_int(good, 68, 0), "a SQLite database of another program"),
        "binary": (b"\xff\xfe\x00garbage" * 20, "not a SQLite database"),
    }[kind]
    db.write_bytes(content)
    return db, content, reason


KINDS = [
    "zero-bytes",
    "truncated",
    "wrong-version",
    "other-sqlite",
    "binary",
    "json-zero-bytes",
    "json-truncated",
    "json-wrong-version",
    "json-not-a-store",
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("writable", [False, True], ids=["reader", "writer"])
def test_an_unreadable_store_file_is_an_error_naming_it_and_left_untouched(
    tmp_path: Path, small_graph: GraphData, kind: str, writable: bool
) -> None:
    file, content, reason = corrupt(kind, tmp_path, small_graph)

    with pytest.raises(StoreError) as caught:
        MemoryStore(tmp_path, writable=writable)

    assert f"cannot read the store file {file}: {reason}" in caught.value.detail
    assert "left untouched" in caught.value.detail
    assert file.read_bytes() == content
    assert not (tmp_path / GRAPH_FILE).exists() or kind.startswith(("zero", "trunc", "wrong", "other", "binary"))
    assert second_writer(tmp_path).returncode == 3, "a store refused on open was written to later"
