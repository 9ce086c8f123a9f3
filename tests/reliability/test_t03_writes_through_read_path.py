"""T3 (reliability anchors): writes and outbound calls through the read-only SPARQL endpoint.

Every SPARQL update form, by every way a client can send it (GET `query=`, POST
`application/sparql-query`, a form's `query` or `update` field, `application/sparql-update`),
in upper, lower and fullwidth letters and behind comments, is refused with a 4xx problem.
SERVICE, FROM and LOAD aimed at a local HTTP sink are refused or inert: the sink records no
request. Afterwards the graph, as served and as stored, is what it was. The server is
a real uvicorn over a real embedded store.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from api.problems import PROBLEM_JSON
from graph.memory import MemoryStore
from ontology.contract import GraphData
from tests.conftest import uvicorn_command, write_store


class Sink(ThreadingHTTPServer):
    """A loopback HTTP server that answers every request with a Turtle triple and records it."""

    def __init__(self) -> None:
        self.hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(handler) -> None:
                self.hits.append(handler.path)
                body = b"<urn:sink> <urn:was> <urn:reached> .\n"
                handler.send_response(200)
                handler.send_header("Content-Type", "text/turtle")
                handler.send_header("Content-Length", str(len(body)))
                handler.end_headers()
                handler.wfile.write(body)

            do_POST = do_GET

            def log_message(handler, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def sink() -> Iterator[Sink]:
    server = Sink()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, small_graph: GraphData) -> Path:
    return write_store(tmp_path_factory.mktemp("t03") / "home", small_graph)


@pytest.fixture(scope="module")
def api(
    home: Path, serving: Callable[[Callable[[int], list[str]], Path], AbstractContextManager[str]]
) -> Iterator[httpx.Client]:
    with serving(uvicorn_command, home) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


UPDATES = [
    "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "DELETE DATA { <urn:x> <urn:y> <urn:z> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 'changed' } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <{sink}/data.ttl>",
    "LOAD SILENT <{sink}/data.ttl> INTO GRAPH <urn:g>",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "DROP ALL",
    "DROP SILENT GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "COPY DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>",
    "insert data { <urn:x> <urn:y> <urn:z> }",
    "# a comment first\nINSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "PREFIX ex: <urn:ex:>\nINSERT DATA { ex:a ex:b ex:c }",
]


def fullwidth(words: str) -> str:
    """The words in fullwidth Latin letters (U+FF21...), the spelling keyword blocklists miss."""
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in words)


FULLWIDTH = [
    fullwidth("INSERT DATA") + " { <urn:x> <urn:y> <urn:z> }",
    fullwidth("DELETE WHERE") + " { ?s ?p ?o }",
    fullwidth("LOAD") + " <{sink}/data.ttl>",
    fullwidth("CLEAR ALL"),
    fullwidth("DROP ALL"),
    fullwidth("CREATE GRAPH") + " <urn:g>",
    fullwidth("Insert") + " DATA { <urn:x> <urn:y> <urn:z> }",
]
#: Neither a query nor an update: unparsable, so refused as such (400), whatever they hide.
SMUGGLED = [
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "INSERT DATA { <urn:x> <urn:y> <urn:z> } ; SELECT * WHERE { ?s ?p ?o }",
    fullwidth("SELECT * WHERE { SERVICE") + " <{sink}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { " + fullwidth("SERVICE") + " <{sink}/sparql> { ?s ?p ?o } }",
]
REACHING_OUT = [
    "SELECT * WHERE { SERVICE <{sink}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{sink}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{sink}/sparql> { ?s ?q ?v } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{sink}/sparql> { ?s ?p ?o } } } }",
    "SELECT * WHERE { BIND(<{sink}/sparql> AS ?where) SERVICE ?where { ?s ?p ?o } }",
    "ASK { SERVICE <{sink}/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{sink}/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <{sink}/graph.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <{sink}/graph.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
]
#: Queries over named graphs: the endpoint has one graph, so they cannot be answered (400).
NAMED_GRAPHS = [
    "SELECT * WHERE { GRAPH <{sink}/graph.ttl> { ?s ?p ?o } }",
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
]
#: Queries that mention the sink but are plain reads: they run, and reach nothing.
INERT = [
    "DESCRIBE <{sink}/thing>",
    "SELECT ?x WHERE { BIND(IRI('{sink}/x') AS ?x) }",
]


def refused(response: httpx.Response, *statuses: int) -> dict:
    assert response.status_code in (statuses or (400, 403)), f"{response.status_code}: {response.text[:300]}"
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    return response.json()


def sends(api: httpx.Client, query: str) -> list[httpx.Response]:
    """The query sent every way the endpoint takes a query."""
    return [
        api.get("/v1/sparql", params={"query": query}),
        api.post("/v1/sparql", content=query.encode(), headers={"content-type": "application/sparql-query"}),
        api.post("/v1/sparql", data={"query": query}),
    ]


def stored(home: Path) -> GraphData:
    """The graph in the store's files, read by a store of its own (not through the server)."""
    store = MemoryStore(home / "store")
    try:
        return store.export()
    finally:
        store.close()


@pytest.fixture(scope="module")
def before(api: httpx.Client, home: Path) -> tuple[str, GraphData]:
    return api.get("/v1/export", headers={"accept": "application/n-triples"}).text, stored(home)


@pytest.mark.parametrize("template", UPDATES + FULLWIDTH)
def test_updates_are_refused_every_way_they_are_sent(
    api: httpx.Client, sink: Sink, before: tuple[str, GraphData], template: str
) -> None:
    query = template.replace("{sink}", sink.url)
    for response in sends(api, query):
        assert "read-only" in refused(response, 403)["detail"]
    refused(api.post("/v1/sparql", data={"update": query}))
    body = refused(
        api.post("/v1/sparql", content=query.encode(), headers={"content-type": "application/sparql-update"})
    )
    assert body["status"] == 403 and "read-only" in body["detail"]


@pytest.mark.parametrize(
    ("template", "status"),
    [(t, 403) for t in REACHING_OUT] + [(t, 400) for t in NAMED_GRAPHS + SMUGGLED],
)
def test_service_from_named_graphs_and_smuggled_queries_are_refused(
    api: httpx.Client, sink: Sink, before: tuple[str, GraphData], template: str, status: int
) -> None:
    for response in sends(api, template.replace("{sink}", sink.url)):
        refused(response, status)


@pytest.mark.parametrize("template", INERT)
def test_reads_that_name_the_sink_run_and_reach_nothing(
    api: httpx.Client, sink: Sink, before: tuple[str, GraphData], template: str
) -> None:
    for response in sends(api, template.replace("{sink}", sink.url)):
        assert response.status_code == 200, response.text[:300]


def test_the_update_words_in_a_read_are_just_words(api: httpx.Client, before: tuple[str, GraphData]) -> None:
    query = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(?label = 'DROP ALL') }"
    for response in sends(api, query):
        assert response.status_code == 200
        assert response.json()["results"]["bindings"] == []


def test_the_sink_was_never_reached_and_nothing_changed(
    api: httpx.Client, sink: Sink, home: Path, before: tuple[str, GraphData]
) -> None:
    """Runs last in this module (pytest keeps file order): after every attempt above."""
    assert sink.hits == []
    triples, graph = before
    served = api.get("/v1/export", headers={"accept": "application/n-triples"}).text
    assert isomorphic(Graph().parse(data=served, format="nt"), Graph().parse(data=triples, format="nt"))
    assert stored(home) == graph
    assert len(graph.nodes) > 5
    count = api.get("/v1/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { <urn:x> ?p ?o }"}).json()
    assert count["results"]["bindings"][0]["n"]["value"] == "0"
    # the sink itself answers, so a hit would have been recorded
    assert httpx.get(f"{sink.url}/probe").status_code == 200
    assert sink.hits == ["/probe"]
