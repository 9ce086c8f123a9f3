"""T9: the same documents loaded twice, and by 8 concurrent workers, give the counts of one load, on both stores.

Neo4j holds it by MERGE on ids under one uniqueness constraint per key label
(created IF NOT EXISTS, so setting the schema up again is a no-op); the embedded
store by its writers taking turns (write.lock), each merging into what the
others stored. Workers are threads with their own driver on Neo4j, processes on
the embedded store (the way two `policygraph load` runs meet).
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import REPO, Neo4jServer

from api import service
from graph.memory import MemoryStore
from graph.store import Store
from ontology.contract import GraphData
from ontology.terms import NodeType

WORKERS = 8
STORIES = {
    "licences.txt": (
        "4 April 2025\n\nChina's Ministry of Commerce imposed export licences on seven rare earth elements, "
        "including dysprosium and terbium, on 4 April 2025.\n"
    ),
    "talks.txt": (
        "3 June 2025\n\nWang Wentao met Maroš Šefčovič in Paris on 3 June 2025 to discuss the licences "
        "for rare earth magnets.\n"
    ),
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GraphData]:
    """The stories on disk, and the graph one load of them holds."""
    folder = tmp_path_factory.mktemp("t09")
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    graph, report = service.extract_documents([folder])
    assert report.complete and len(graph.edges) > 5, report
    return folder, graph


def test_loading_the_same_documents_twice_gives_the_counts_of_one_load(
    empty_store: Store, documents: tuple[Path, GraphData]
) -> None:
    folder, graph = documents

    once = service.load_documents(empty_store, [folder])
    exported = empty_store.export()
    twice = service.load_documents(empty_store, [folder])

    assert (once.nodes, once.edges) == (len(graph.nodes), len(graph.edges))
    assert (twice.nodes, twice.edges) == (once.nodes, once.edges)
    assert empty_store.export() == exported


WORKER = """
import sys
from pathlib import Path
from graph.memory import MemoryStore
from ontology.contract import GraphData
store = MemoryStore(Path(sys.argv[1]), writable=True)
store.upsert(GraphData.model_validate_json(Path(sys.argv[2]).read_text(encoding="utf-8")))
store.close()
"""


def test_eight_processes_loading_the_same_graph_into_the_embedded_store_store_it_once(
    tmp_path: Path, documents: tuple[Path, GraphData]
) -> None:
    _, graph = documents
    data = tmp_path / "graph.json"
    data.write_text(graph.model_dump_json(), encoding="utf-8")
    folder = tmp_path / "store"

    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(folder), str(data)], cwd=REPO, stderr=subprocess.PIPE)
        for _ in range(WORKERS)
    ]
    errors = [w.communicate(timeout=300)[1] for w in workers]

    assert [w.returncode for w in workers] == [0] * WORKERS, errors
    stored = MemoryStore(folder)
    assert stored.counts() == {"nodes": len(graph.nodes), "edges": len(graph.edges)}
    assert stored.export() == graph


def test_eight_workers_loading_the_same_graph_into_neo4j_store_it_once(
    neo4j_server: Neo4jServer, neo4j_store: Store, documents: tuple[Path, GraphData]
) -> None:
    _, graph = documents
    stores = [neo4j_server.open(batch_size=7) for _ in range(WORKERS)]  # small batches: many interleaved commits
    try:
        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(lambda store: store.upsert(graph), stores))
    finally:
        for store in stores:
            store.close()

    assert neo4j_store.counts() == {"nodes": len(graph.nodes), "edges": len(graph.edges)}
    assert neo4j_store.export() == graph
    duplicates = neo4j_server.run("MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id")
    assert duplicates == []


def test_each_key_label_has_a_uniqueness_constraint_and_setting_it_up_again_is_a_no_op(
    neo4j_server: Neo4jServer, neo4j_store: Store
) -> None:
    def unique() -> list[tuple[list[str], list[str]]]:
        rows = neo4j_server.run("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN *")
        return sorted((r["labelsOrTypes"], r["properties"]) for r in rows if "UNIQUENESS" in r["type"])

    before = unique()
    neo4j_server.open().close()

    assert before == [([t.value], ["id"]) for t in sorted(NodeType)]
    assert unique() == before
