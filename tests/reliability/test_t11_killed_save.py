"""T11: the embedded store killed during a save, at several points, and two processes saving at once.

The writer is a real process, killed with SIGKILL (no cleanup runs) at a chosen
SQL statement of its write (SQLite's trace callback names each one as it
starts), or after a while on the clock. Whatever the point, the previous store
must still load and its file be byte-identical; a write either happened whole
or not at all. Two writers saving at once take turns and both writes are kept.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, synthetic_graph, write_store

from graph.memory import GRAPH_FILE, MemoryStore
from graph.store import merge_graphs
from ontology.contract import GraphData

Process = subprocess.Popen[str]

#: The writer: upserts big graphs, SIGKILLing itself as the n-th statement starting with WORD starts
#: (`kill_on` is "WORD:n"; "-" never).
WRITER = """
import os, signal, sys
from pathlib import Path
sys.path[:0] = ["tests", "scripts"]
from conftest import synthetic_graph
from graph.memory import MemoryStore

folder, kill_on, prefix, edges, writes = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
word, _, nth = kill_on.partition(":")
store = MemoryStore(folder, writable=True)
seen = 0

def trace(sql):
    global seen
    if sql.startswith(word):
        seen += 1
        if seen == int(nth):
            os.kill(os.getpid(), signal.SIGKILL)

if nth:
    store._db._conn.set_trace_callback(trace)
for write in range(writes):
    store.upsert(synthetic_graph(edges, prefix=f"{prefix}-{write}"))
store.close()
"""


def writer(
    folder: Path, kill_on: str = "-", prefix: str = "new", edges: int = 2_000, writes: int = 1
) -> subprocess.Popen:
    command = [sys.executable, "-c", WRITER, str(folder), kill_on, prefix, str(edges), str(writes)]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def stored(tmp_path: Path, small_graph: GraphData) -> tuple[Path, bytes, GraphData]:
    """A closed store holding `small_graph`: its folder, its file's bytes, its graph."""
    folder = write_store(tmp_path / "home", small_graph) / "store"
    return folder, (folder / GRAPH_FILE).read_bytes(), MemoryStore(folder).export()


#: Where a write of 2,010 nodes and 2,000 edges is killed: as it starts, as it takes its revision, at its
#: first row, half way, at its last row, and as COMMIT itself starts.
POINTS = {
    "begin": "BEGIN:1",
    "revision": "UPDATE:1",
    "first-row": "INSERT:1",
    "half-way": "INSERT:2005",
    "last-row": "INSERT:4010",
    "commit": "COMMIT:1",
}


@pytest.mark.parametrize("point", POINTS)
def test_a_save_killed_at_any_statement_leaves_the_previous_store(
    stored: tuple[Path, bytes, GraphData], point: str
) -> None:
    folder, before, graph = stored

    killed = writer(folder, kill_on=POINTS[point])
    _, err = killed.communicate(timeout=300)

    assert killed.returncode == -signal.SIGKILL, f"the writer was not killed: {err}"
    assert (folder / GRAPH_FILE).read_bytes() == before
    assert MemoryStore(folder).export() == graph
    assert not list(folder.glob(".graph.db.*")), "a temporary file was left"
    reopened = MemoryStore(folder, writable=True)
    reopened.upsert(synthetic_graph(10, prefix="after"))
    assert reopened.counts()["nodes"] == len(graph.nodes) + 20
    reopened.close()


@pytest.mark.parametrize("after", [0.5, 1.5, 3.0])
def test_a_save_killed_on_the_clock_leaves_all_of_a_write_or_none(
    stored: tuple[Path, bytes, GraphData], after: float
) -> None:
    folder, _, graph = stored
    running = writer(folder, prefix="timed", edges=5_000, writes=3)
    time.sleep(after)
    running.send_signal(signal.SIGKILL)
    running.communicate(timeout=60)

    now = MemoryStore(folder).export()
    new = {n.id for n in now.nodes} - {n.id for n in graph.nodes}
    # Each write is 5,010 nodes and 5,000 edges: the store holds the old graph plus whole writes.
    assert len(new) % 5_010 == 0, len(new)
    assert len(now.edges) - len(graph.edges) == len(new) // 5_010 * 5_000
    assert {n.id for n in graph.nodes} <= {n.id for n in now.nodes}


def test_two_processes_saving_at_once_take_turns_and_both_are_kept(
    stored: tuple[Path, bytes, GraphData], small_graph: GraphData
) -> None:
    folder, _, graph = stored
    first, second = writer(folder, prefix="one", edges=500, writes=5), writer(folder, prefix="two", edges=500, writes=5)
    outcomes = [p.communicate(timeout=600) for p in (first, second)]

    assert [first.returncode, second.returncode] == [0, 0], outcomes
    now = MemoryStore(folder).export()
    assert len(now.nodes) == len(graph.nodes) + 2 * 5 * 510
    assert len(now.edges) == len(graph.edges) + 2 * 5 * 500
    assert now == merge_graphs([now])  # one row per id, edges whole
    kept = {n.id for n in now.nodes}
    assert {"official:one-0-0", "official:two-4-0"} <= kept
    assert all(n.id in kept for n in small_graph.nodes)
