"""What only the Neo4j store has: a schema, a server that can be wrong or go away, and Cypher to keep data out of.

Checks read the database with their own Cypher (`neo4j_server.run`), not through
the store, so the store cannot vouch for itself.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import neo4j
import neo4j_local
import pytest
from conftest import MOFCOM, NOTE_ID, Neo4jServer, connect_neo4j, free_port

from graph import Settings, open_store
from graph.neo4j import Neo4jStore
from graph.store import TRAVERSABLE, merge_graphs
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.errors import InputError, StoreError
from ontology.ids import tokens
from ontology.terms import EdgeType, NodeType

ROBBY = "Robby' WITH true AS x MATCH (n) DETACH DELETE n //"


def raw_counts(server: Neo4jServer) -> dict[str, int]:
    [nodes] = server.run("MATCH (n) RETURN count(n) AS n")
    [edges] = server.run("MATCH ()-[r]->() RETURN count(r) AS n")
    return {"nodes": nodes["n"], "edges": edges["n"]}


def schema_of(server: Neo4jServer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    constraints = server.run("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name")
    indexes = server.run(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options, state RETURN * ORDER BY name"
    )
    return constraints, indexes


# ---------------------------------------------------------------- schema


def test_each_node_type_has_a_uniqueness_constraint_on_id_and_names_have_a_full_text_index(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer
) -> None:
    constraints, indexes = schema_of(neo4j_server)

    unique = sorted((c["labelsOrTypes"], c["properties"]) for c in constraints if "UNIQUENESS" in c["type"])
    assert unique == [([t.value], ["id"]) for t in sorted(NodeType)]
    [search] = [i for i in indexes if i["type"] == "FULLTEXT"]
    assert search["labelsOrTypes"] == sorted(NodeType)
    assert search["properties"] == ["search_text"]
    assert search["options"]["indexConfig"]["fulltext.analyzer"] == "whitespace"
    assert search["state"] == "ONLINE"


def test_setting_up_the_schema_again_changes_nothing(neo4j_store: Neo4jStore, neo4j_server: Neo4jServer) -> None:
    before = schema_of(neo4j_server)

    neo4j_server.open().close()

    assert schema_of(neo4j_server) == before


# ---------------------------------------------------------------- writes


def test_loading_the_seeds_twice_leaves_the_counts_unchanged(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer, seed_graphs: list[GraphData]
) -> None:
    for graph in seed_graphs:
        neo4j_store.upsert(graph)
    once = raw_counts(neo4j_server)

    for graph in seed_graphs:
        neo4j_store.upsert(graph)

    assert raw_counts(neo4j_server) == once == neo4j_store.counts()
    assert once["nodes"] == len(merge_graphs(seed_graphs).nodes)


def test_a_hostile_name_is_stored_verbatim_and_touches_nothing_else(
    neo4j_store: Neo4jStore,
    neo4j_server: Neo4jServer,
    small_graph: GraphData,
    queries_sent: list[tuple[str, dict[str, Any]]],
) -> None:
    neo4j_store.upsert(small_graph)
    before = raw_counts(neo4j_server)
    robby = Node(
        id="official:robby",
        type=NodeType.OFFICIAL,
        name=ROBBY,
        aliases=[ROBBY + "`"],
        attributes={"x`}) DETACH DELETE n //": ROBBY},
    )
    proof = Evidence(document=NOTE_ID, start=0, end=5, text=ROBBY)
    post = Edge(source=robby.id, type=EdgeType.HOLDS_POST, target=MOFCOM, attributes={"title": ROBBY}, evidence=[proof])

    neo4j_store.upsert(GraphData(nodes=[robby], edges=[post]))

    assert raw_counts(neo4j_server) == {"nodes": before["nodes"] + 1, "edges": before["edges"] + 1}
    assert neo4j_server.run("MATCH (n:Official {id: 'official:robby'}) RETURN n.name AS name") == [{"name": ROBBY}]
    assert neo4j_store.linked(robby.id).node == robby
    assert neo4j_store.linked(robby.id).edges == [post]
    assert [n.id for n in neo4j_store.search(tokens("robby with"), None, 10)] == [robby.id]
    assert queries_sent and all(ROBBY not in query for query, _ in queries_sent)


def test_every_call_names_the_database_and_reads_go_to_readers(
    neo4j_store: Neo4jStore, small_graph: GraphData, queries_sent: list[tuple[str, dict[str, Any]]]
) -> None:
    neo4j_store.upsert(small_graph)
    neo4j_store.linked(MOFCOM)
    neo4j_store.search(["commerce"], None, 5)
    neo4j_store.neighborhood(MOFCOM, 2, TRAVERSABLE)
    neo4j_store.meetings(None)
    neo4j_store.measures(None, MOFCOM)
    neo4j_store.export()
    neo4j_store.counts()

    calls = [options for _, options in queries_sent if not options.get("in_transaction")]
    assert len(calls) == 9
    assert [c.get("database_", c.get("database")) for c in calls] == [neo4j_store.database] * 9
    reads = [c for query, c in queries_sent if query != "<session>" and not c.get("in_transaction")]
    assert [c["routing_"] for c in reads] == [neo4j.RoutingControl.READ] * 8


@pytest.mark.parametrize("value", [None, {"a": 1}, [1, "a"], [[1]], 2**70])
def test_values_neo4j_cannot_hold_are_refused_before_anything_is_written(
    neo4j_store: Neo4jStore, value: object
) -> None:
    nodes = [
        Node(id="official:a", type=NodeType.OFFICIAL, name="A"),
        Node(id="official:b", type=NodeType.OFFICIAL, name="B", attributes={"odd": value}),
    ]

    with pytest.raises(InputError, match=r"official:b: attribute odd=.* cannot be stored in Neo4j"):
        neo4j_store.upsert(GraphData(nodes=nodes))

    assert neo4j_store.counts() == {"nodes": 0, "edges": 0}


# ---------------------------------------------------------------- connecting


def test_the_settings_choose_neo4j_when_NEO4J_URI_is_set(
    neo4j_server: Neo4jServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server.username)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password or "")
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)

    store = open_store(Settings())

    assert isinstance(store, Neo4jStore)
    store.close()


def test_a_wrong_password_is_a_store_error_naming_the_uri(neo4j_server: Neo4jServer) -> None:
    with pytest.raises(StoreError, match=f"Neo4j at {neo4j_server.uri} .* wrong username or password"):
        Neo4jStore(neo4j_server.uri, username=neo4j_server.username, password="not-the-password")


def test_an_unreachable_server_is_a_store_error_naming_the_uri() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"

    with pytest.raises(StoreError, match=f"Neo4j at {uri} .* unreachable .* is the server running"):
        Neo4jStore(uri, password="any-password", max_retry_time=0)


def test_a_missing_database_is_a_store_error_naming_it(neo4j_server: Neo4jServer) -> None:
    with pytest.raises(StoreError, match="database 'nosuchdb'"):
        Neo4jStore(
            neo4j_server.uri, username=neo4j_server.username, password=neo4j_server.password, database="nosuchdb"
        )


# ---------------------------------------------------------------- a server killed mid-load

BATCH = 100


def numbered_graph(count: int) -> GraphData:
    """`count` officials, ministries and meetings; official i holds a post at ministry i and attended meeting i."""
    nodes = []
    edges = []
    for i in range(count):
        official, ministry, meeting = f"official:{i:05}", f"ministry:{i:05}", f"meeting:{i:05}"
        nodes += [
            Node(id=official, type=NodeType.OFFICIAL, name=f"Official {i}", aliases=[f"O{i}"]),
            Node(id=ministry, type=NodeType.MINISTRY, name=f"Ministry {i}"),
            Node(id=meeting, type=NodeType.MEETING, name=f"Meeting {i}", attributes={"date": "2025-06-03"}),
        ]
        proof = Evidence(document="document:numbers", start=i, end=i + 1, text=str(i))
        edges += [
            Edge(source=official, type=EdgeType.HOLDS_POST, target=ministry, evidence=[proof]),
            Edge(source=official, type=EdgeType.PARTICIPATED_IN, target=meeting, attributes={"role": "host"}),
        ]
    return GraphData(nodes=nodes, edges=edges)


def wait_for(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds} s in vain"
        time.sleep(0.02)


def test_a_server_killed_mid_load_keeps_whole_batches_and_loading_again_completes(
    own_server: Callable[[], neo4j_local.Server],
) -> None:
    data = numbered_graph(600)  # 1800 nodes, then 1200 edges: 18 + 12 batches
    server = own_server()
    store = Neo4jStore(server.uri, password=server.password, batch_size=BATCH, max_retry_time=1)
    watcher = connect_neo4j(server.uri, server.username, server.password, neo4j_local.DATABASE)
    outcome: list[BaseException | None] = []

    def load() -> None:
        try:
            store.upsert(data)
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    loading = threading.Thread(target=load)
    loading.start()
    try:
        wait_for(lambda: raw_counts(watcher)["nodes"] >= 3 * BATCH, seconds=120)
        os.kill(server.pid, signal.SIGKILL)
    finally:
        loading.join(timeout=120)
        watcher.driver.close()
        store.close()
    server.stop()

    [error] = outcome
    assert isinstance(error, StoreError), error
    assert f"Neo4j at {server.uri}" in str(error) and "batch" in str(error)

    # On the same home, so Neo4j recovers from its transaction log; on another port, as the killed
    # server's connections keep its port in TIME_WAIT for a minute.
    server = own_server()
    store = Neo4jStore(server.uri, password=server.password, batch_size=BATCH)
    try:
        cut = store.export()
        nodes, edges = len(cut.nodes), len(cut.edges)
        # Batches commit in order, each whole or not at all: what is stored is the first so many batches.
        assert nodes >= 3 * BATCH and (nodes % BATCH == 0 or nodes == len(data.nodes))
        assert {n.id for n in cut.nodes} == {n.id for n in data.nodes[:nodes]}
        assert edges % BATCH == 0 and edges < len(data.edges)
        assert edges == 0 or nodes == len(data.nodes)
        assert {e.key for e in cut.edges} == {e.key for e in data.edges[:edges]}

        store.upsert(data)

        assert store.export() == merge_graphs([data])
    finally:
        store.close()
