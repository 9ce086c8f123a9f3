"""SPARQL over the seed graph answers the researchers' questions as the store's own traversals do.

The seed graph is what the extractor reads from the shared seeds, loaded into a real embedded
store; each answer is checked against a fact the seeds state (the gold's) and against the store's
traversal for the same question, so the two query paths cannot drift apart.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from rdflib import Graph

from api import service
from graph import Settings
from graph.memory import MemoryStore
from graph.sparql import limits, parse, run
from ontology.contract import GraphData
from ontology.errors import ForbiddenError, QueryError

PREFIXES = """
PREFIX pg: <https://w3id.org/policygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_graphs: list[GraphData]) -> Iterator[MemoryStore]:
    store = MemoryStore(tmp_path_factory.mktemp("seeds") / "store", writable=True)
    for graph in seed_graphs:
        store.upsert(graph)
    yield store
    store.close()


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("unused"))


def select(store: MemoryStore, settings: Settings, query: str) -> list[dict[str, str]]:
    answer = service.sparql(store, PREFIXES + query, settings)
    assert answer.form == "SELECT" and not answer.truncated
    return [{k: str(v) for k, v in row.items()} for row in answer.rows]


def test_who_met_sefcovic_and_when(seed_store: MemoryStore, settings: Settings) -> None:
    rows = select(
        seed_store,
        settings,
        """SELECT ?who ?date WHERE {
             ?sefcovic rdfs:label "Maroš Šefčovič" ; pg:PARTICIPATED_IN ?meeting .
             ?meeting pg:date ?date .
             ?other pg:PARTICIPATED_IN ?meeting ; rdfs:label ?who .
             FILTER (?other != ?sefcovic)
           }""",
    )
    assert {"who": "Wang Wentao", "date": "2025-06-03"} in rows
    traversed = {
        (n.name, str(m.node.attributes.get("date")))
        for m in service.meetings(seed_store, "Šefčovič")
        for n in m.neighbors
        if n.id != "official:maros-sefcovic" and any(e.source == n.id and e.type == "PARTICIPATED_IN" for e in m.edges)
    }
    assert {(r["who"], r["date"]) for r in rows} == traversed


def test_which_measures_cover_dysprosium(seed_store: MemoryStore, settings: Settings) -> None:
    rows = select(
        seed_store,
        settings,
        """SELECT ?measure ?id ?kind ?announced WHERE {
             ?measure a pg:Measure ; dcterms:identifier ?id ; pg:COVERS ?element .
             ?element pg:symbol "Dy" .
             OPTIONAL { ?measure pg:kind ?kind } OPTIONAL { ?measure pg:announced ?announced }
           }""",
    )
    assert {"export_control"} <= {r.get("kind") for r in rows}
    assert any(r.get("announced") == "2025-04-04" and r.get("kind") == "export_control" for r in rows)
    assert {r["id"] for r in rows} == {m.node.id for m in service.measures(seed_store, element="dysprosium")}


def test_what_the_ministry_of_commerce_issued(seed_store: MemoryStore, settings: Settings) -> None:
    rows = select(
        seed_store,
        settings,
        """SELECT ?id ?kind WHERE {
             ?mofcom a pg:Ministry ; rdfs:label "Ministry of Commerce" ; pg:ISSUED ?measure .
             ?measure dcterms:identifier ?id . OPTIONAL { ?measure pg:kind ?kind }
           }""",
    )
    assert {"export_control", "suspension"} <= {r.get("kind") for r in rows}
    assert {r["id"] for r in rows} == {m.node.id for m in service.measures(seed_store, issuer="ministry:cn-mofcom")}


def test_the_ontology_is_queryable_with_the_data(seed_store: MemoryStore, settings: Settings) -> None:
    """Kinds are classes under their node type, so a query can ask for any measure by the ontology."""
    rows = select(
        seed_store,
        settings,
        "SELECT DISTINCT ?id WHERE { ?m a ?kind . ?kind rdfs:subClassOf pg:Measure . ?m dcterms:identifier ?id }",
    )
    measures = {n.id for n in seed_store.export().nodes if n.type == "Measure" and "kind" in n.attributes}
    assert {r["id"] for r in rows} == measures


def test_ask_construct_and_the_result_limit(seed_store: MemoryStore, settings: Settings) -> None:
    assert service.sparql(seed_store, PREFIXES + "ASK { ?m a pg:Meeting }", settings).results_json()["boolean"]
    answer = service.sparql(seed_store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", settings)
    assert answer.graph is not None and len(answer.graph) > 100 and not answer.truncated
    tight = settings.model_copy(update={"sparql_max_results": 5})
    cut = service.sparql(seed_store, "SELECT * WHERE { ?s ?p ?o }", tight)
    assert len(cut.rows) == 5 and cut.truncated
    assert len(service.sparql(seed_store, "CONSTRUCT WHERE { ?s ?p ?o }", tight).graph) == 5


def test_a_query_past_the_time_limit_is_stopped(seed_store: MemoryStore, settings: Settings) -> None:
    slow = settings.model_copy(update={"query_timeout": 0.5})
    with pytest.raises(QueryError, match=r"longer than 0\.5 s"):
        service.sparql(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", slow)


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", ForbiddenError),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", ForbiddenError),
        ("SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", ForbiddenError),
        ("SELEKT * WHERE { ?s ?p ?o }", QueryError),
        ("SELECT * WHERE { ?s nope:p ?o }", QueryError),
        ("   ", QueryError),
    ],
)
def test_what_is_refused_before_it_runs(query: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse(query)


def test_the_querying_thread_may_open_no_connection() -> None:
    """Defence in depth: whatever a query might reach, the audit hook refuses the connection."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        address = listener.getsockname()
        with limits(5), pytest.raises(ForbiddenError, match="network"):
            socket.create_connection(address, timeout=1)
        listener.settimeout(0.2)
        with pytest.raises(TimeoutError):
            listener.accept()
        socket.create_connection(address, timeout=1).close()  # outside a query, connections work


def test_run_answers_over_any_graph() -> None:
    graph = Graph().parse(data="<urn:a> <urn:b> 'c' .", format="turtle")
    assert run(graph, "SELECT ?o WHERE { <urn:a> <urn:b> ?o }", 5, 10).results_json()["results"]["bindings"] == [
        {"o": {"type": "literal", "value": "c"}}
    ]
