"""The one service layer: what the API, the CLI and notebooks call.

Each function does one job on plain arguments and a `Store`, and raises a
`PolicyGraphError` subclass for anything the caller can act on; only the edges
turn those into HTTP problems or exit codes. Arguments that name an actor or an
element take an id or a name/alias, resolved the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field
from rdflib import Graph
from rdflib.util import guess_format

from graph import Settings, Store, describe_backend
from graph.exports import ExportFormat, render
from graph.rdf import to_rdf, union
from graph.shacl import Violation, violations, violations_of_rdf
from graph.sparql import Answer
from graph.sparql import run as run_sparql
from graph.store import TRAVERSABLE, Linked, is_in_force, merge_graphs, sorted_graph
from loaders.documents import discover, read_documents
from ontology.contract import GraphData, Node, validate_graph
from ontology.errors import InputError, NotFoundError
from ontology.ids import tokens
from ontology.model import ontology
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, EdgeType, NodeType

if TYPE_CHECKING:
    from loaders.extract import Extractor

#: The most entities one search returns.
MAX_LIMIT = 500
#: How many candidates a name is resolved among before it is called ambiguous.
RESOLVE_CANDIDATES = 20

#: Called after each file a run reads: the file, how many are done, how many there are.
Progress = Callable[[Path, int, int], None]


class FileFailure(BaseModel):
    """A file that could not be used, and the one-line reason."""

    path: Path
    reason: str


class LoadReport(BaseModel):
    """What a run did with the files it was given, and the size of the graph it left."""

    documents: list[str] = Field(default_factory=list, description="Ids of the documents read.")
    skipped: list[Path] = Field(default_factory=list, description="Files of other kinds, passed over.")
    failed: list[FileFailure] = Field(default_factory=list, description="Files that could not be used.")
    nodes: int = 0
    edges: int = 0

    @property
    def complete(self) -> bool:
        """Every file given was read: nothing skipped, nothing failed."""
        return not self.skipped and not self.failed


class Health(BaseModel):
    """What `/health` reports."""

    status: str
    backend: str
    counts: dict[str, int]


# ---------------------------------------------------------------- documents in


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    """One extractor per process: building its pipeline is the slow part of a run.

    Imported here, not at the top, so that the API, which never extracts, starts without spaCy.
    """
    from loaders.extract import Extractor

    return Extractor()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _document_graphs(
    paths: list[Path], manifest: Path | None, report: LoadReport, progress: Progress | None
) -> Iterator[tuple[str, GraphData]]:
    """The checked graph of each readable document; files passed over or failed go into `report`."""
    files, report.skipped = discover(paths, manifest)
    for done, (file, doc) in enumerate(read_documents(files, manifest), 1):
        try:
            if isinstance(doc, InputError):
                raise doc
            graph = validate_graph(_extractor().extract(doc), str(file))
        except InputError as exc:
            reason = _one_line(exc.detail.removeprefix(f"{file}: "))
            report.failed.append(FileFailure(path=file, reason=reason))
        else:
            yield doc.id, graph
        if progress:
            progress(file, done, len(files))


def extract_documents(
    paths: list[Path], manifest: Path | None = None, progress: Progress | None = None
) -> tuple[GraphData, LoadReport]:
    """The merged graph of the documents under `paths`, touching no store, and what happened to each file.

    Documents are merged in path order by the stores' own rules, so the result is
    what loading them into an empty store would hold.
    """
    report = LoadReport()
    graphs: list[GraphData] = []
    for doc_id, graph in _document_graphs(paths, manifest, report, progress):
        graphs.append(graph)
        report.documents.append(doc_id)
    merged = merge_graphs(graphs)
    report.nodes, report.edges = len(merged.nodes), len(merged.edges)
    return merged, report


def load_documents(
    store: Store, paths: list[Path], manifest: Path | None = None, progress: Progress | None = None
) -> LoadReport:
    """Extract the documents under `paths` into `store`, one upsert per document.

    A document is stored whole or not at all, and one that fails leaves the
    others loaded. Loading a document again changes nothing, as merging keeps
    what was stored first.
    """
    report = LoadReport()
    for doc_id, graph in _document_graphs(paths, manifest, report, progress):
        store.upsert(graph)
        report.documents.append(doc_id)
    counts = store.counts()
    report.nodes, report.edges = counts["nodes"], counts["edges"]
    return report


# ---------------------------------------------------------------- graph out


def health(store: Store, settings: Settings) -> Health:
    """Whether the store answers, where it lives and how big the graph is."""
    return Health(status="ok", backend=describe_backend(settings), counts=store.counts())


def export_graph(store: Store) -> GraphData:
    """The whole graph in the contract's shape."""
    return store.export()


def search_entities(
    store: Store, q: str | None = None, node_type: NodeType | None = None, limit: int = 50
) -> list[Node]:
    """Nodes whose name or an alias has words starting with each word of `q`, accents and case ignored.

    Without `q`, every node (of `node_type`, if given), up to `limit`, by id.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    return store.search(tokens(q or ""), node_type, limit)


def get_entity(store: Store, node_id: str) -> Linked:
    """The node with its aliases, attributes, every edge with its evidence, and its neighbours."""
    found = store.linked(node_id)
    if found is None:
        raise NotFoundError(f"no node with id {node_id!r}")
    return found


def edge_types(names: Iterable[str] | None) -> frozenset[EdgeType]:
    """The edge types named, or all traversable ones when none are; unknown names are an InputError."""
    wanted = list(names or [])
    if not wanted:
        return TRAVERSABLE
    allowed = [t.value for t in EdgeType]
    unknown = sorted({n for n in wanted if n not in allowed})
    if unknown:
        raise InputError(f"unknown edge types {', '.join(unknown)}: use any of {', '.join(allowed)}")
    return frozenset(EdgeType(n) for n in wanted)


def neighbors(store: Store, node_id: str, depth: int = 1, types: Iterable[str] | None = None) -> GraphData:
    """The nodes within `depth` hops (1 to `graph.store.MAX_DEPTH`) over `types` edges, and the edges among them.

    Edges are followed in either direction; `types` defaults to every type but MENTIONED_IN.
    """
    found = store.neighborhood(node_id, depth, edge_types(types))
    if not found.nodes:
        raise NotFoundError(f"no node with id {node_id!r}")
    return found


def _kinds(types: frozenset[NodeType]) -> str:
    """Node types as a reader lists them: "Entity, Ministry or Official"."""
    *rest, last = sorted(types)
    return f"{', '.join(rest)} or {last}" if rest else last


def resolve(store: Store, ref: str, types: frozenset[NodeType], role: str) -> str:
    """The id of the one node of `types` that `ref` names: by id, else by name or alias.

    A name that is exactly some node's name or alias (words compared folded)
    picks that node over nodes it only starts the words of; a name that still
    fits several nodes is ambiguous, and the message lists them with their ids.
    """
    linked = store.linked(ref)
    if linked is not None:
        if linked.node.type not in types:
            raise InputError(f"{role} {ref!r} is of type {linked.node.type}, not {_kinds(types)}")
        return ref
    wanted = tokens(ref)
    if not wanted:
        raise InputError(f"{role} {ref!r} is neither an id nor a name")
    hits = [node for t in sorted(types) for node in store.search(wanted, t, RESOLVE_CANDIDATES)]
    exact = [n for n in hits if any(tokens(text) == wanted for text in [n.name, *n.aliases])]
    found = exact or hits
    if not found:
        raise NotFoundError(f"{role} {ref!r} names no {_kinds(types)}")
    if len(found) > 1:
        named = "; ".join(f"{n.name} ({n.id})" for n in found[:5])
        raise InputError(f"{role} {ref!r} is ambiguous: it could be {named}; give an id")
    return found[0].id


def meetings(store: Store, participant: str | None = None) -> list[Linked]:
    """Meetings in date order, all or those `participant` (id or name) took part in."""
    who = resolve(store, participant, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant") if participant else None
    return store.meetings(who)


def measures(
    store: Store, element: str | None = None, issuer: str | None = None, in_force_on: date | None = None
) -> list[Linked]:
    """Measures in date order, narrowed to those covering `element`, issued by `issuer`, in force on a day.

    `element` and `issuer` take an id or a name; `in_force_on` keeps the measures
    that `graph.store.is_in_force` says were in force that day.
    """
    item = resolve(store, element, EDGE_TARGETS[EdgeType.COVERS], "element") if element else None
    actor = resolve(store, issuer, EDGE_SOURCES[EdgeType.ISSUED], "issuer") if issuer else None
    found = store.measures(item, actor)
    return [m for m in found if is_in_force(m.node, in_force_on)] if in_force_on else found


# ---------------------------------------------------------------- linked data


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
        raise InputError(f"{path}: cannot be read as a graph: {_one_line(str(exc))[:300]}") from exc


def sparql(store: Store, query: str, settings: Settings) -> Answer:
    """Answer a read-only SPARQL query over the graph and the ontology, within the configured limits."""
    data = union([to_rdf(store.export(), settings.base_iri), ontology().graph])
    return run_sparql(data, query, settings.sparql_timeout, settings.sparql_max_results)
