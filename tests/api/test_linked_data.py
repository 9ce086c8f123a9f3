"""Linked data over HTTP, against a real uvicorn over `small_graph`: negotiation, SPARQL, the ontology documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from conftest import DYSPROSIUM, LICENCES, MEETING, MOFCOM, SEFCOVIC, WANG
from rdflib import Graph
from rdflib.compare import isomorphic

from api.negotiation import preferred
from api.problems import PROBLEM_JSON
from graph.rdf import from_rdf, node_iri
from graph.settings import Settings
from graph.store import merge_graphs
from ontology.contract import GraphData
from ontology.errors import NotAcceptableError
from ontology.model import PG

BASE = Settings().base_iri
TURTLE = {"accept": "text/turtle"}
JSONLD = {"accept": "application/ld+json"}


@pytest.fixture(scope="module")
def api(api_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_server, timeout=30) as client:
        yield client


def turtle(response: httpx.Response) -> Graph:
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.headers["vary"] == "Accept"
    return Graph().parse(data=response.text, format="turtle")


def test_an_entity_as_turtle_is_the_node_its_edges_and_their_other_ends(api: httpx.Client) -> None:
    graph = turtle(api.get(f"/v1/entities/{quote(WANG)}", headers=TURTLE))
    data = from_rdf(graph)
    as_json = api.get(f"/v1/entities/{quote(WANG)}").json()
    assert {n.id for n in data.nodes} == {as_json["node"]["id"], *(n["id"] for n in as_json["neighbors"])}
    assert {e.key for e in data.edges} == {(e["source"], e["type"], e["target"]) for e in as_json["edges"]}
    assert (node_iri(BASE, WANG), PG.HOLDS_POST, node_iri(BASE, MOFCOM)) in graph


def test_json_ld_and_turtle_of_an_entity_are_the_same_triples(api: httpx.Client) -> None:
    response = api.get(f"/v1/entities/{quote(MEETING)}", headers=JSONLD)
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.headers["vary"] == "Accept"
    from_jsonld = Graph().parse(data=response.text, format="json-ld")
    assert isomorphic(from_jsonld, turtle(api.get(f"/v1/entities/{quote(MEETING)}", headers=TURTLE)))
    assert "@context" in json.loads(response.text)


def test_json_stays_the_default_and_varies_with_accept(api: httpx.Client) -> None:
    for headers in ({}, {"accept": "*/*"}, {"accept": "application/json"}, {"accept": "text/html,*/*;q=0.8"}):
        response = api.get(f"/v1/entities/{quote(SEFCOVIC)}", headers=headers)
        assert response.headers["content-type"].startswith("application/json"), headers
        assert response.headers["vary"] == "Accept"
        assert response.json()["node"]["id"] == SEFCOVIC
    preferring_rdf = {"accept": "application/json;q=0.5, text/turtle"}
    assert (
        api.get(f"/v1/entities/{quote(SEFCOVIC)}", headers=preferring_rdf)
        .headers["content-type"]
        .startswith("text/turtle")
    )


def test_the_export_negotiates_too_and_round_trips(api: httpx.Client, small_graph: GraphData) -> None:
    data = from_rdf(turtle(api.get("/v1/export", headers=TURTLE)))
    assert data == merge_graphs([small_graph])
    nt = api.get("/v1/export", headers={"accept": "application/n-triples"})
    assert nt.headers["content-type"].startswith("application/n-triples")
    assert from_rdf(Graph().parse(data=nt.text, format="nt")) == data


def test_an_unknown_entity_and_an_unacceptable_type_are_problems(api: httpx.Client) -> None:
    missing = api.get("/v1/entities/nope:x", headers=TURTLE)
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM_JSON)
    refused = api.get("/v1/export", headers={"accept": "image/png"})
    assert refused.status_code == 406
    assert "text/turtle" in refused.json()["detail"]


def test_accept_parsing_follows_q_values_and_specificity() -> None:
    assert preferred(None) == "application/json"
    assert preferred("text/*") == "text/turtle"
    assert preferred("application/*;q=0.2, text/turtle;q=0.1") == "application/json"
    assert preferred('application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"') == "application/ld+json"
    assert preferred("*/*;q=0, text/turtle") == "text/turtle"
    with pytest.raises(NotAcceptableError):
        preferred("text/turtle;q=0, image/*")


def test_sparql_by_get_and_by_both_kinds_of_post(api: httpx.Client) -> None:
    query = (
        "PREFIX pg: <https://w3id.org/policygraph/ontology#> "
        "SELECT ?m WHERE { ?m pg:COVERS ?e . ?e pg:symbol 'Dy' } ORDER BY ?m"
    )
    expected = [str(node_iri(BASE, LICENCES)), str(node_iri(BASE, "measure:cn-mofcom-licensing-fast-lane"))]
    for response in (
        api.get("/v1/sparql", params={"query": query}),
        api.post("/v1/sparql", content=query, headers={"content-type": "application/sparql-query"}),
        api.post("/v1/sparql", data={"query": query}),
    ):
        assert response.status_code == 200, response.text[:300]
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert sorted(b["m"]["value"] for b in response.json()["results"]["bindings"]) == sorted(expected)


def test_sparql_construct_negotiates_its_graph(api: httpx.Client) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{node_iri(BASE, DYSPROSIUM)}> AS ?s) ?s ?p ?o }}"
    as_turtle = turtle(api.get("/v1/sparql", params={"query": query}))
    as_jsonld = api.get("/v1/sparql", params={"query": query}, headers=JSONLD)
    assert isomorphic(as_turtle, Graph().parse(data=as_jsonld.text, format="json-ld"))
    assert len(as_turtle) >= 5


def test_sparql_errors_are_problems(api: httpx.Client) -> None:
    bad = api.get("/v1/sparql", params={"query": "SELECT nothing"})
    assert bad.status_code == 400 and bad.json()["title"] == "Invalid query"
    assert api.get("/v1/sparql").status_code == 422
    wrong = api.post("/v1/sparql", content="SELECT * {}", headers={"content-type": "text/plain"})
    assert wrong.status_code == 422


def test_the_ontology_and_the_shapes_are_served(api: httpx.Client) -> None:
    ontology = turtle(api.get("/v1/ontology", headers=TURTLE))
    assert (PG.Measure, None, None) in ontology
    shapes = api.get("/v1/shapes", headers=JSONLD)
    assert shapes.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=shapes.text, format="json-ld")) > 100
    assert api.get("/v1/ontology").headers["content-type"].startswith("text/turtle"), "Turtle by default"
