"""The embedded store on a real disk: durable, atomic, single-writer, and loud about files it cannot read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest

from graph import memory
from graph.memory import GRAPH_FILE, MemoryStore
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


def test_the_file_is_the_contract_shape_with_a_version(tmp_path: Path, small_graph: GraphData) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    store.close()

    raw = json.loads((tmp_path / GRAPH_FILE).read_text(encoding="utf-8"))

    assert (raw["format"], raw["version"]) == ("policygraph-store", 1)
    assert GraphData.model_validate(raw["graph"]).contract == 1
    assert [d["id"] for d in raw["graph"]["documents"]] == ["document:brussels-note"]


def test_a_failed_write_leaves_the_previous_file_whole(
    tmp_path: Path, small_graph: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    before = (tmp_path / GRAPH_FILE).read_bytes()
    graph_before = store.export()
    real_fdopen = os.fdopen
    torn: list[int] = []

    class FullDisk:
        """The real temporary file, but the disk fills up halfway through the write."""

        def __init__(self, handle: IO[bytes]) -> None:
            self.handle = handle

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            torn.append(self.handle.write(data[: len(data) // 2]))
            self.handle.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(memory.os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))

    with pytest.raises(StoreError, match=f"cannot write the store file {tmp_path / GRAPH_FILE}: No space left"):
        store.upsert(GraphData(nodes=[EXTRA]))
    monkeypatch.undo()

    assert torn and torn[0] > 0, "the fault was not injected"
    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [GRAPH_FILE, "write.lock"]
    assert store.export() == graph_before
    store.close()
    assert MemoryStore(tmp_path).export() == graph_before


def test_edges_to_unknown_nodes_are_refused_and_nothing_is_written(tmp_path: Path, small_graph: GraphData) -> None:
    store = open_writer(tmp_path)
    store.upsert(small_graph)
    before = (tmp_path / GRAPH_FILE).read_bytes()
    stray = Edge(source="official:nobody", type=EdgeType.HOLDS_POST, target="ministry:cn-mofcom")

    with pytest.raises(InputError, match="official:nobody"):
        store.upsert(GraphData(nodes=[EXTRA], edges=[stray]))

    assert (tmp_path / GRAPH_FILE).read_bytes() == before
    assert "entity:eu" not in {n.id for n in store.export().nodes}
    store.close()


SECOND_WRITER = """
import sys
from pathlib import Path
from graph.memory import MemoryStore
from ontology.errors import StoreError
try:
    MemoryStore(Path(sys.argv[1]), writable=True).close()
except StoreError as exc:
    print(exc.detail)
    sys.exit(3)
print("opened")
"""


def second_writer(folder: Path) -> subprocess.CompletedProcess[str]:
    """Another process trying to open the store for writing."""
    command = [sys.executable, "-c", SECOND_WRITER, str(folder)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2])


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    writer = open_writer(tmp_path)

    refused = second_writer(tmp_path)

    assert refused.returncode == 3, refused.stderr
    assert f"the store {tmp_path} is being written by another process" in refused.stdout
    assert "write.lock" in refused.stdout
    writer.close()
    assert second_writer(tmp_path).stdout.strip() == "opened"


def test_a_reader_is_not_blocked_by_a_writer_and_sees_its_writes(tmp_path: Path, small_graph: GraphData) -> None:
    writer = open_writer(tmp_path)
    reader = MemoryStore(tmp_path)
    assert reader.counts() == {"nodes": 0, "edges": 0}

    writer.upsert(small_graph)

    assert reader.export() == writer.export()
    with pytest.raises(StoreError, match="opened read-only"):
        reader.upsert(GraphData(nodes=[EXTRA]))
    writer.close()


def payload(version: Any) -> bytes:
    return json.dumps({"format": "policygraph-store", "version": version, "graph": {"nodes": []}}).encode()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "Expecting value"),
        (b'{"format": "policygraph-store", "version": 1, "graph": {"nodes": [', "Expecting value"),
        (payload(2), "format version 2, this code reads 1"),
        (b'{"nodes": []}', "not a policygraph-store file"),
        (b"\xff\xfe\x00garbage", "cannot read the store file"),
    ],
    ids=["zero-bytes", "truncated", "wrong-version", "not-a-store", "binary"],
)
@pytest.mark.parametrize("writable", [False, True], ids=["reader", "writer"])
def test_an_unreadable_store_file_is_an_error_naming_it_and_left_untouched(
    tmp_path: Path, content: bytes, reason: str, writable: bool
) -> None:
    file = tmp_path / GRAPH_FILE
    file.write_bytes(content)

    with pytest.raises(StoreError) as caught:
        MemoryStore(tmp_path, writable=writable)

    assert f"cannot read the store file {file}" in caught.value.detail
    assert reason in caught.value.detail
    assert "left untouched" in caught.value.detail
    assert file.read_bytes() == content
    assert "being written by another process" not in second_writer(tmp_path).stdout, "a failed open kept the lock"
