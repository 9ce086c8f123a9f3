"""T2, label and type injection: types come from the ontology's enums, checked before any query is built.

A relationship type carrying Cypher, or an unknown one, is a 422 listing the allowed
types on every route that takes types, on both stores, and on Neo4j no query at all
reaches the driver for such a request. Data cannot smuggle a type in either: the
contract models refuse it before a store sees it, and the Cypher builders refuse
anything that is not an ontology term.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import MOFCOM, SEFCOVIC, WANG, build_small_graph, load_into, settings_over
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from graph import cypher
from ontology.contract import Edge
from ontology.terms import EdgeType, NodeType

EVIL_EDGE = "MEMBER_OF`]->() DETACH DELETE n//"
EVIL_NODE = "Official) DETACH DELETE n //"

REQUESTS = [
    (f"/v1/entities/{MOFCOM}/around", {"types": EVIL_EDGE}, EdgeType),
    (f"/v1/entities/{MOFCOM}/around", {"types": "FOO"}, EdgeType),
    (f"/v1/entities/{MOFCOM}/around", {"node_type": EVIL_NODE}, NodeType),
    ("/v1/paths", {"source": WANG, "target": SEFCOVIC, "types": EVIL_EDGE}, EdgeType),
    ("/v1/entities", {"q": "wang", "type": EVIL_NODE}, NodeType),
    ("/v1/analytics/centrality", {"type": EVIL_EDGE}, EdgeType),
    ("/v1/analytics/communities", {"node_type": "FOO"}, NodeType),
    ("/v1/measures", {"kind": "ban`]->() DETACH DELETE n"}, None),
]


@pytest.fixture(scope="module", params=["memory", "neo4j"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    settings = settings_over(request.param, tmp_path_factory.mktemp("t02"), request, rate_limit=0)
    load_into(settings, build_small_graph())
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(("path", "params", "enum"), REQUESTS)
def test_a_bad_type_is_a_422_listing_the_allowed_ones_and_no_query_is_sent(
    api: TestClient, path: str, params: dict[str, str], enum: type | None, queries_sent: list
) -> None:
    before = api.get("/health").json()["counts"]
    queries_sent.clear()

    response = api.get(path, params=params)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    detail = response.json()["detail"]
    for allowed in enum or []:
        assert f"'{allowed.value}'" in detail
    assert queries_sent == []
    assert api.get("/health").json()["counts"] == before


def test_data_with_an_unknown_type_never_reaches_a_store() -> None:
    with pytest.raises(ValidationError):
        Edge.model_validate({"source": WANG, "type": EVIL_EDGE, "target": MOFCOM})
    with pytest.raises(ValueError, match="is not a valid EdgeType"):
        cypher.rel_type(EVIL_EDGE)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is not a valid NodeType"):
        cypher.label(EVIL_NODE)  # type: ignore[arg-type]
    assert len(build_small_graph().edges) == 18


def test_every_label_and_type_spliced_into_cypher_is_a_plain_identifier() -> None:
    for node_type in NodeType:
        assert cypher.label(node_type).isidentifier()
    for edge_type in EdgeType:
        assert cypher.rel_type(edge_type).isidentifier()
