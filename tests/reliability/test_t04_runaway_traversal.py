"""T4, runaway traversal: bounds on every knob, a row cap with a cursor, and a time limit that answers on time.

- Out-of-range depth, page size, path count or length: 422 (the bounds are in the
  OpenAPI parameters, so no query runs).
- A hub with thousands of links: the neighbourhood comes a bounded page at a time,
  with a `next` cursor.
- An in-range but slow query on a real uvicorn: a 503 problem once
  `POLICYGRAPH_QUERY_TIMEOUT` has passed, while `/health` keeps answering.
- On Neo4j the same limit is a transaction timeout, so the server ends the query too.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from conftest import Neo4jServer, write_store
from fastapi.testclient import TestClient

from api.app import create_app
from graph import Settings
from graph.neo4j import Neo4jStore
from graph.store import TRAVERSABLE
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.errors import StoreError
from ontology.terms import EdgeType, NodeType

HUB = "entity:hub"
OFFICIALS = 1500
MEETINGS = 150
TIMEOUT = 0.2


def dense_graph(seed: int = 4) -> GraphData:
    """A hub every official holds a post at, and meetings of 20 officials each: thousands of paths from anywhere."""
    rng = random.Random(seed)
    proof = [Evidence(document="document:dense", start=0, end=4, text="note")]
    officials = [f"official:o{i}" for i in range(OFFICIALS)]
    nodes = [Node(id=HUB, type=NodeType.ENTITY, name="Hub state")]
    nodes += [Node(id=o, type=NodeType.OFFICIAL, name=f"Official {i}") for i, o in enumerate(officials)]
    nodes += [Node(id=f"meeting:m{i}", type=NodeType.MEETING, name=f"Meeting {i}") for i in range(MEETINGS)]
    edges = [Edge(source=o, type=EdgeType.HOLDS_POST, target=HUB, evidence=proof) for o in officials]
    for i in range(MEETINGS):
        for o in rng.sample(officials, 20):
            edges.append(Edge(source=o, type=EdgeType.PARTICIPATED_IN, target=f"meeting:m{i}", evidence=proof))
    return GraphData(nodes=nodes, edges=edges)


@pytest.fixture(scope="module")
def dense_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_store(tmp_path_factory.mktemp("t04") / "home", dense_graph())


@pytest.fixture(scope="module")
def dense_api(dense_home: Path, serving: Callable) -> Iterator[str]:
    """A real uvicorn over the dense graph, with a short query time limit."""

    def command(port: int) -> list[str]:
        settings = [f"POLICYGRAPH_QUERY_TIMEOUT={TIMEOUT}", "POLICYGRAPH_RATE_LIMIT=0"]
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

    with serving(command, dense_home) as url:
        yield url


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        (f"/v1/entities/{HUB}/around", {"depth": 50}, "depth"),
        (f"/v1/entities/{HUB}/around", {"limit": 1_000_000}, "limit"),
        ("/v1/paths", {"source": HUB, "target": "official:o1", "k": 1000}, "k"),
        ("/v1/paths", {"source": HUB, "target": "official:o1", "max_hops": 50}, "max_hops"),
        ("/v1/export", {"limit": 1_000_000}, "limit"),
        ("/v1/analytics/centrality", {"top": 1_000_000}, "top"),
        ("/v1/entities", {"q": "a" * 1000}, "q"),
    ],
)
def test_out_of_range_knobs_are_a_422_naming_them(dense_api: str, path: str, params: dict, name: str) -> None:
    response = httpx.get(dense_api + path, params=params, timeout=30)
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["location"] == f"query parameter {name!r}"


def test_a_hub_neighbourhood_comes_a_bounded_page_at_a_time(dense_home: Path) -> None:
    with TestClient(create_app(Settings(home=dense_home, rate_limit=0, query_timeout=600))) as api:
        first = api.get(f"/v1/entities/{HUB}/around", params={"limit": 100}).json()
        last = api.get(f"/v1/entities/{HUB}/around", params={"limit": 100, "cursor": first["next"]}).json()
        two_hops = api.get(f"/v1/entities/{HUB}/around", params={"depth": 2, "limit": 500}).json()

    assert first["total"] == OFFICIALS + 1
    assert [len(first["nodes"]), len(last["nodes"]), len(two_hops["nodes"])] == [100, 100, 500]
    assert len(first["edges"]) == 99 and first["next"] and last["next"]
    assert two_hops["total"] == 1 + OFFICIALS + MEETINGS


def test_a_slow_query_is_a_503_on_time_and_health_keeps_answering(dense_api: str) -> None:
    slow = {"source": "official:o1", "target": "official:o2", "k": 10, "max_hops": 6}

    def ask() -> tuple[httpx.Response, float]:
        started = time.monotonic()
        response = httpx.get(f"{dense_api}/v1/paths", params=slow, timeout=60)
        return response, time.monotonic() - started

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: ask(), range(4)))
        health = httpx.get(f"{dense_api}/health", timeout=30)

    assert health.status_code == 200, health.text
    for response, elapsed in answers:
        assert response.status_code == 503, response.text[:300]
        body = response.json()
        assert body["title"] == "Query timeout"
        assert "POLICYGRAPH_QUERY_TIMEOUT" in body["detail"]
        # The bound is TIMEOUT + 1 s; a loaded test machine gets some slack on top of it.
        assert elapsed < TIMEOUT + 5, elapsed


def test_neo4j_ends_a_query_that_runs_past_its_timeout(neo4j_server: Neo4jServer, tmp_path: Path) -> None:
    neo4j_server.wipe()
    loader = neo4j_server.open()
    try:
        loader.upsert(dense_graph())
    finally:
        loader.close()
    store: Neo4jStore = neo4j_server.open(query_timeout=0.001)
    try:
        with pytest.raises(StoreError) as caught:
            store.neighborhood(HUB, 3, TRAVERSABLE)
        assert "timed out" in caught.value.detail.lower() or "timeout" in caught.value.detail.lower()
        store.query_timeout = 60
        assert store.counts() == {"nodes": 1 + OFFICIALS + MEETINGS, "edges": OFFICIALS + MEETINGS * 20}
    finally:
        store.close()
        neo4j_server.wipe()
