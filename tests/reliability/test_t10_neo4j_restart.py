"""T10: Neo4j killed in the middle of a batch load by the CLI, restarted, and the same command run again.

The first run exits 1 with one line naming the document it was loading and the
batch, once the driver's retries run out; what it stored is whole documents.
After the restart (on the same files, so Neo4j recovers from its transaction
log), the same command completes, and the graph equals a clean run's: same
nodes, edges, attributes and evidence, nothing twice (MERGE on stable ids).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import neo4j_local
from conftest import POLICYGRAPH, connect_neo4j, env_for

from api import service
from graph.memory import MemoryStore
from graph.neo4j import Neo4jStore
from ontology.contract import GraphData

ELEMENTS = ["gallium", "germanium", "antimony", "graphite", "tungsten", "indium", "bismuth", "tellurium"]


def write_documents(folder: Path, count: int) -> None:
    """`count` short stories, each naming its own measure, ministry visit and element."""
    folder.mkdir(parents=True)
    for i in range(count):
        element = ELEMENTS[i % len(ELEMENTS)]
        (folder / f"story-{i:02}.txt").write_text(
            f"{i + 1} March 2025\n\n"
            f"China's Ministry of Commerce announced export controls on {element} on {i % 27 + 1} March 2025.\n"
            f"Wang Wentao met trade envoy number {i} in Beijing on {i % 27 + 2} March 2025 to discuss {element}.\n",
            encoding="utf-8",
        )


def without_load_times(data: GraphData) -> GraphData:
    """A graph with the one value two runs may differ in, when each document was loaded, taken out."""
    nodes = [
        n.model_copy(update={"attributes": {k: v for k, v in n.attributes.items() if k != "loaded"}})
        for n in data.nodes
    ]
    documents = [d.model_copy(update={"loaded": None}) for d in data.documents]
    return data.model_copy(update={"nodes": nodes, "documents": documents})


def load(docs: Path, server: neo4j_local.Server, home: Path) -> subprocess.Popen[str]:
    env = {
        **env_for(home),
        "NEO4J_URI": server.uri,
        "NEO4J_USERNAME": server.username,
        "NEO4J_PASSWORD": server.password,
        "POLICYGRAPH_BATCH_SIZE": "20",
    }
    command = [str(POLICYGRAPH), "load", str(docs)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_load_survives_neo4j_restarting_mid_batch_and_ends_equal_to_a_clean_run(
    tmp_path: Path, own_server: Callable[[], neo4j_local.Server]
) -> None:
    docs = tmp_path / "docs"
    write_documents(docs, 40)
    clean = MemoryStore(tmp_path / "clean", writable=True)
    service.load_documents(clean, [docs])
    expected = without_load_times(clean.export())
    clean.close()

    server = own_server()
    watcher = connect_neo4j(server.uri, server.username, server.password, neo4j_local.DATABASE)
    first = load(docs, server, tmp_path / "policygraph")
    try:
        deadline = time.monotonic() + 300
        while watcher.run("MATCH (d:Document) RETURN count(d) AS n")[0]["n"] < 3:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "the load stored no documents in 300 s"
            time.sleep(0.1)
        os.kill(server.pid, signal.SIGKILL)
    finally:
        watcher.driver.close()
    out, err = first.communicate(timeout=300)
    server.stop()

    assert first.returncode == 1, (out, err)
    # The driver logs each retry; the CLI's own verdict is the last line, one line.
    line = err.strip().splitlines()[-1]
    assert line.startswith("policygraph: error: loading document:story-"), err
    assert f"Neo4j at {server.uri}" in line and "documents before it are stored" in line

    again = own_server()
    second = load(docs, again, tmp_path / "policygraph")
    out, err = second.communicate(timeout=600)
    assert second.returncode == 0, err
    assert out.startswith("loaded 40 documents, skipped 0 files, 0 failed; ")

    store = Neo4jStore(again.uri, username=again.username, password=again.password, database=neo4j_local.DATABASE)
    try:
        assert without_load_times(store.export()) == expected
        assert store.counts() == {"nodes": len(expected.nodes), "edges": len(expected.edges)}
    finally:
        store.close()
