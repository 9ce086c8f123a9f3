"""T1, Cypher injection through a value: a hostile name is stored as the text it is and touches nothing else.

Through the API on both stores: the name is stored, searched for, looked up and
retracted through the routes, and on Neo4j a driver spy shows the string only
ever travelling as a parameter, never in query text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import MOFCOM, NOTE_ID, build_small_graph, load_into, settings_over
from fastapi.testclient import TestClient

from api.app import create_app
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.terms import EdgeType, NodeType

ROBBY = "Robby' WITH true AS x MATCH (n) DETACH DELETE n //"
KEY = "t01-key"


def hostile() -> GraphData:
    robby = Node(id="official:robby", type=NodeType.OFFICIAL, name=ROBBY, aliases=[ROBBY + "`"])
    proof = Evidence(document=NOTE_ID, start=0, end=5, text=ROBBY)
    post = Edge(source=robby.id, type=EdgeType.HOLDS_POST, target=MOFCOM, attributes={"title": ROBBY}, evidence=[proof])
    return GraphData(nodes=[robby], edges=[post])


@pytest.mark.parametrize("backend", ["memory", "neo4j"])
def test_a_hostile_name_is_stored_verbatim_found_and_touches_nothing_else(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, queries_sent: list[tuple[str, dict[str, Any]]]
) -> None:
    settings = settings_over(backend, tmp_path, request, api_key=KEY, rate_limit=0)
    load_into(settings, build_small_graph())
    load_into(settings, hostile())
    with TestClient(create_app(settings)) as api:
        counts = api.get("/health").json()["counts"]
        found = api.get("/v1/entities", params={"q": ROBBY}).json()
        looked = api.get("/v1/entities/official:robby").json()
        around = api.get("/v1/entities/official:robby/around", params={"depth": 3}).json()
        meetings = api.get("/v1/meetings", params={"participant": ROBBY})
        after = api.get("/health").json()["counts"]

    assert counts == after == {"nodes": 11, "edges": 19}
    assert found[0]["node"]["id"] == "official:robby" and found[0]["match"] == "exact"
    assert looked["node"]["name"] == ROBBY
    assert looked["node"]["aliases"] == [ROBBY + "`"]
    assert looked["edges"][0]["attributes"] == {"title": ROBBY}
    assert around["total"] > 5
    assert meetings.status_code == 200 and meetings.json() == []
    if backend == "neo4j":
        assert queries_sent and all(ROBBY not in text for text, _ in queries_sent)
        assert any(ROBBY in str(call.get("parameters")) for _, call in queries_sent)


def test_a_hostile_document_text_posted_through_the_api_is_evidence_verbatim(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    settings = settings_over("memory", tmp_path, request, api_key=KEY, rate_limit=0)
    load_into(settings, build_small_graph())
    text = f"China's Ministry of Commerce banned exports of gallium to {ROBBY} on 3 December 2024.\n"
    with TestClient(create_app(settings)) as api:
        added = api.post("/v1/documents", json={"text": text, "key": ROBBY}, headers={"X-API-Key": KEY})
        facts = api.get(f"/v1/documents/{added.json()['document']}/facts").json()
        counts = api.get("/health").json()["counts"]

    assert added.status_code == 201, added.text
    assert counts["nodes"] == 10 + len(added.json()["nodes_added"])
    assert added.json()["document"] == "document:robby-with-true-as-x-match-n-detach-delete-n"
    assert facts and all(f["edge"]["evidence"][0]["text"] in text for f in facts)
