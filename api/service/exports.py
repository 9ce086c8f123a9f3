"""The graph out: whole or by cursor, rendered in a format, checked against the shapes, or asked in SPARQL."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from rdflib import Graph
from rdflib.util import guess_format

from api.cursors import decode, encode
from api.service.loading import one_line
from api.service.lookup import get_entity, neighbors, resolve
from api.service.navigation import DEFAULT_PAGE, check_page
from graph import Settings, Store
from graph.exports import ExportFormat, render
from graph.shacl import Violation, violations, violations_of_rdf
from graph.sparql import Answer
from graph.sparql import dataset as sparql_dataset
from graph.sparql import run as run_sparql
from graph.store import documents_of, sorted_graph
from ontology.contract import GraphData
from ontology.errors import InputError
from ontology.terms import NodeType


def export_graph(store: Store) -> GraphData:
    """The whole graph in the contract's shape."""
    return store.export()


class ExportPage(GraphData):
    """One page of the whole graph: nodes in id order, then edges in key order."""

    next: str | None = Field(default=None, description="Cursor of the next page; null on the last one.")


def export_page(store: Store, cursor: str | None = None, limit: int = DEFAULT_PAGE) -> ExportPage:
    """The graph `limit` items at a time: every node first (documents listed with their node), then every edge."""
    check_page(limit)
    phase, after = decode("export", cursor) if cursor else ("nodes", None)
    if phase == "nodes" and (after is None or isinstance(after, str)):
        nodes = store.nodes(None, after, limit)
        if len(nodes) == limit:
            nxt = encode("export", ["nodes", nodes[-1].id])
            return ExportPage(documents=documents_of(nodes), nodes=nodes, next=nxt)
        edges = store.edges(None, limit - len(nodes))
        done = len(edges) < limit - len(nodes)
        nxt = None if done else encode("export", ["edges", list(edges[-1].key) if edges else None])
        return ExportPage(documents=documents_of(nodes), nodes=nodes, edges=edges, next=nxt)
    if phase == "edges" and (after is None or (isinstance(after, list) and len(after) == 3)):
        edges = store.edges(tuple(after) if after else None, limit)
        nxt = encode("export", ["edges", list(edges[-1].key)]) if len(edges) == limit else None
        return ExportPage(edges=edges, next=nxt)
    raise InputError(f"cursor {cursor!r} does not belong to this listing (export)")


def graph_around(store: Store, entity: str | None = None, depth: int = 1) -> GraphData:
    """The whole graph, or the neighbourhood of `entity` (an id or a name) within `depth` hops."""
    if entity is None:
        return store.export()
    return neighbors(store, resolve(store, entity, frozenset(NodeType), "entity"), depth)


def entity_graph(store: Store, node_id: str) -> GraphData:
    """What `get_entity` gives, as a graph: the node, every edge touching it, and the nodes at their other ends."""
    found = get_entity(store, node_id)
    return sorted_graph([found.node, *found.neighbors], found.edges)


def render_graph(data: GraphData, fmt: ExportFormat, settings: Settings) -> str:
    """The graph as one document in `fmt`, RDF IRIs under the configured base."""
    return render(data, fmt, settings.base_iri)


def shape_violations(data: GraphData, settings: Settings) -> list[Violation]:
    """Every way the graph breaks the SHACL shapes of ontology/shapes.ttl."""
    return violations(data, settings.base_iri)


def file_violations(path: Path, settings: Settings) -> list[Violation]:
    """The shape violations of a file: contract JSON (`.json`), or RDF in any syntax rdflib reads by its suffix."""
    try:
        if path.suffix == ".json":
            return violations(GraphData.model_validate_json(path.read_bytes()), settings.base_iri)
        return violations_of_rdf(Graph().parse(path, format=guess_format(str(path)) or "turtle"))
    except (OSError, ValueError, SyntaxError) as exc:  # pydantic's and rdflib's parse errors are ValueErrors
        raise InputError(f"{path}: cannot be read as a graph: {one_line(str(exc))[:300]}") from exc


def sparql(store: Store, query: str, settings: Settings) -> Answer:
    """Answer a read-only SPARQL query over the graph and the ontology, within the configured limits."""
    graph = sparql_dataset(store.export(), settings.base_iri)
    return run_sparql(graph, query, settings.query_timeout, settings.sparql_max_results)
