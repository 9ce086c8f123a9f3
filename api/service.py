"""The one service layer: what the API, the CLI and notebooks call.

Each function does one job on plain arguments and a `Store`, and raises a
`PolicyGraphError` subclass for anything the caller can act on; only the edges
turn those into HTTP problems or exit codes. Arguments that name an actor or an
element take an id or a name/alias, resolved the same way everywhere.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import networkx as nx
from pydantic import BaseModel, BeforeValidator, Field
from rdflib import Graph
from rdflib.util import guess_format

from api.cursors import decode, encode
from graph import Settings, Store, describe_backend, get_settings, views
from graph.analytics import Community, Score, project, subgraph, to_networkx
from graph.analytics import centrality as analytics_centrality
from graph.analytics import communities as analytics_communities
from graph.exports import ExportFormat, render
from graph.find import Match, rank
from graph.judgements import read_judgements, record_judgements
from graph.rdf import to_rdf, union
from graph.retraction import EdgeRef, Retraction, retract_document
from graph.shacl import Violation, violations, violations_of_rdf
from graph.sparql import Answer
from graph.sparql import run as run_sparql
from graph.store import MAX_DEPTH, TRAVERSABLE, Linked, documents_of, is_in_force, merge_graphs, sorted_graph
from graph.traversal import dated_in, edges_along, hops_from, in_window, node_date, shortest_paths
from loaders.clean import clean_text
from loaders.documents import SourceDocument, discover, read_documents
from loaders.identity import Resolver, fold, rename, split
from ontology.contract import Document, Edge, GraphData, Node, validate_graph
from ontology.errors import ConflictError, InputError, NotFoundError, StoreError
from ontology.ids import node_id, slug, tokens
from ontology.judgements import Judgement, Judgements, Rule, Verdict, judge
from ontology.model import ontology
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, EdgeType, MeasureKind, MeasureStatus, NodeType

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
    merges: list[Judgement] = Field(default_factory=list, description="Nodes judged the same as known ones.")

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


def _resolver(judgements: Judgements) -> Resolver:
    """Resolves identity across documents; the gazetteer's entries are canonical, never merged with each other."""
    return Resolver(judgements, fixed=_extractor().gazetteer.entries)


def extract_documents(
    paths: list[Path], manifest: Path | None = None, progress: Progress | None = None, judgements: Path | None = None
) -> tuple[GraphData, LoadReport]:
    """The merged graph of the documents under `paths`, touching no store, and what happened to each file.

    Each document is resolved against the ones before it (`loaders.identity`),
    respecting the judgements in the file `judgements` (read, never written), and
    documents are merged in path order by the stores' own rules, so the result
    is what loading them into an empty store would hold.
    """
    report = LoadReport()
    graphs: list[GraphData] = []
    resolver = _resolver(read_judgements(judgements) if judgements else Judgements())
    for doc_id, graph in _document_graphs(paths, manifest, report, progress):
        graphs.append(resolver.resolve(graph))
        resolver.add(graphs[-1])
        report.documents.append(doc_id)
    report.merges = resolver.made
    merged = rename(merge_graphs(graphs), resolver.renaming())
    report.nodes, report.edges = len(merged.nodes), len(merged.edges)
    return merged, report


def load_documents(
    store: Store,
    paths: list[Path],
    manifest: Path | None = None,
    progress: Progress | None = None,
    judgements: Path | None = None,
) -> LoadReport:
    """Extract the documents under `paths` into `store`, one upsert per document.

    Each document is first resolved against what the store holds
    (`loaders.identity`): its nodes judged the same as stored ones take their
    ids, stored nodes it shows to be one are folded into one, and each such
    judgement is added to the file `judgements` before the store is changed.
    A document is stored whole or not at all, and one that fails leaves the
    others loaded. Loading a document again changes nothing.
    """
    report = LoadReport()
    resolver = _resolver(read_judgements(judgements) if judgements else Judgements())
    resolver.add(store.export())
    for doc_id, graph in _document_graphs(paths, manifest, report, progress):
        joined = len(resolver.joins)
        resolved = resolver.resolve(graph)
        if judgements and len(resolver.made) > len(report.merges):
            record_judgements(judgements, resolver.made[len(report.merges) :])
        report.merges = list(resolver.made)
        for join in resolver.joins[joined:]:
            stored = store.linked(join.merged)
            if stored is not None:
                store.replace([join.merged], fold(stored.node, stored.edges, join.canonical))
        try:
            store.upsert(resolved)
        except StoreError as exc:
            done = len(report.documents)
            stored = f"the {done} documents before it are stored" if done else "no document of this run is stored"
            raise StoreError(_one_line(f"loading {doc_id} failed ({stored}): {exc.detail}")) from exc
        resolver.add(resolved)
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


def _tightest(hits: list[Node], words: int) -> list[Node]:
    """The nodes a name fits most tightly: those with the fewest words beyond the name's, in their closest name.

    "Sefcovic" fits Maroš Šefčovič (one word more) better than a meeting named
    "Wang Wentao meets Maroš Šefčovič"; "Wang" fits Wang Yi and Wang Wentao alike.
    """
    if not hits:
        return hits
    extra = {n.id: min(len(tokens(text)) for text in [n.name, *n.aliases]) - words for n in hits}
    least = min(extra.values())
    return [n for n in hits if extra[n.id] == least]


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
    if len(types) > 3:  # one query for many types, rather than one per type
        hits = [n for n in store.search(wanted, None, RESOLVE_CANDIDATES * len(types)) if n.type in types]
    else:
        hits = [node for t in sorted(types) for node in store.search(wanted, t, RESOLVE_CANDIDATES)]
    exact = [n for n in hits if any(tokens(text) == wanted for text in [n.name, *n.aliases])]
    found = exact or _tightest(hits, len(wanted))
    if not found:
        raise NotFoundError(f"{role} {ref!r} names no {_kinds(types)}")
    if len(found) > 1:
        named = "; ".join(f"{n.name} ({n.id})" for n in found[:5])
        raise InputError(f"{role} {ref!r} is ambiguous: it could be {named}; give an id")
    return found[0].id


def meetings(
    store: Store,
    participant: str | None = None,
    since: date | None = None,
    until: date | None = None,
    topic: str | None = None,
) -> list[Linked]:
    """Meetings in date order: all, or those `participant` (id or name) took part in, dated in [since, until],
    that discussed `topic` (an id or a name of any node).
    """
    who = resolve(store, participant, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant") if participant else None
    about = resolve(store, topic, EDGE_TARGETS[EdgeType.DISCUSSED], "topic") if topic else None
    found = store.meetings(who)
    if since or until:
        found = [m for m in found if in_window(node_date(m.node), since, until)]
    if about:
        found = [m for m in found if any(e.type is EdgeType.DISCUSSED and e.target == about for e in m.edges)]
    return found


def measures(
    store: Store,
    element: str | None = None,
    issuer: str | None = None,
    in_force_on: date | None = None,
    *,
    target: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: date | None = None,
    until: date | None = None,
    related: dict[EdgeType, str] | None = None,
) -> list[Linked]:
    """Measures in date order, narrowed by every filter given.

    `element` (an element or material covered), `issuer`, `target` and the measures
    in `related` (e.g. {SUSPENDS: x}: the measures suspending x) take an id or a
    name; `kind` and `status` are values of the ontology's lists; [since, until]
    bounds the measure's date (effective, else announced); `in_force_on` keeps the
    measures `graph.store.is_in_force` says were in force that day.
    """
    item = resolve(store, element, EDGE_TARGETS[EdgeType.COVERS], "element") if element else None
    actor = resolve(store, issuer, EDGE_SOURCES[EdgeType.ISSUED], "issuer") if issuer else None
    wanted = [(EdgeType.TARGETS, resolve(store, target, EDGE_TARGETS[EdgeType.TARGETS], "target"))] if target else []
    for edge_type, ref in (related or {}).items():
        wanted.append((edge_type, resolve(store, ref, EDGE_TARGETS[edge_type], edge_type.lower().replace("_", " "))))
    found = store.measures(item, actor)
    if in_force_on:
        found = [m for m in found if is_in_force(m.node, in_force_on)]
    if kind:
        found = [m for m in found if m.node.attributes.get("kind") == check_value("kind", kind, MeasureKind)]
    if status:
        found = [m for m in found if m.node.attributes.get("status") == check_value("status", status, MeasureStatus)]
    if since or until:
        found = [m for m in found if in_window(node_date(m.node), since, until)]
    return [m for m in found if all(_has_out(m, t, other) for t, other in wanted)]


# ---------------------------------------------------------------- /v1: find, around, between


def _iso_day(value: object) -> object:
    """Only an ISO calendar date (2025-06-01) is a day: pydantic would also take 0 as 1 January 1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    if not isinstance(value, str | date):
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    return value


#: A day given in a query: an ISO date and nothing else.
IsoDate = Annotated[date, BeforeValidator(_iso_day)]


#: Bounds every caller gets, the API's query parameters declare them too.
MAX_PAGE = 500
DEFAULT_PAGE = 100
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
MAX_PATHS = 10
#: A path reaches at most this far: MAX_DEPTH from each end.
MAX_PATH_HOPS = 2 * MAX_DEPTH
#: Nodes read per query when a whole listing is scanned (fuzzy find).
SCAN_PAGE = 2000


def check_page(limit: int) -> None:
    """Refuse a page size outside 1..MAX_PAGE, the same for every caller."""
    if not 1 <= limit <= MAX_PAGE:
        raise InputError(f"limit must be between 1 and {MAX_PAGE}, not {limit}")


def check_query(q: str) -> list[str]:
    """A search text within bounds, as words; refused alike on every store when too long."""
    if len(q) > MAX_QUERY_CHARS:
        raise InputError(f"query q has {len(q)} characters; at most {MAX_QUERY_CHARS} are allowed")
    words = tokens(q)
    if len(words) > MAX_QUERY_WORDS:
        raise InputError(f"query q has {len(words)} words; at most {MAX_QUERY_WORDS} are allowed")
    if not words:
        raise InputError(f"query q {q!r} has no letters or digits to search for")
    return words


def all_nodes(store: Store, node_type: NodeType | None = None) -> Iterator[Node]:
    """Every node (of a type), page by page, in id order."""
    after: str | None = None
    while True:
        page = store.nodes(node_type, after, SCAN_PAGE)
        yield from page
        if len(page) < SCAN_PAGE:
            return
        after = page[-1].id


def find(store: Store, q: str, node_type: NodeType | None = None, limit: int = 20) -> list[Match]:
    """Nodes named like `q`: exact names and aliases first, then word starts, then near spellings (rapidfuzz).

    Accents and case are ignored: "Sefcovic" finds Maroš Šefčovič, "MofCom" the
    Ministry of Commerce, and a letter missed or changed still finds it.
    """
    check_page(limit)
    check_query(q)
    return rank(q, all_nodes(store, node_type), limit)


class NodeAt(BaseModel):
    """A node and how many hops it is from where the traversal started."""

    node: Node
    hops: int


class AroundPage(BaseModel):
    """One page of a neighbourhood: nodes nearest first, the edges that join them to the nodes listed so far."""

    start: str
    total: int = Field(description="How many nodes the neighbourhood lists over all its pages.")
    nodes: list[NodeAt]
    edges: list[Edge]
    next: str | None = Field(default=None, description="Cursor of the next page; null on the last one.")


def _node_types(names: Iterable[str] | None) -> frozenset[NodeType] | None:
    """The node types named, or None for all; unknown names are an InputError listing the allowed ones."""
    wanted = list(names or [])
    if not wanted:
        return None
    allowed = [t.value for t in NodeType]
    unknown = sorted({n for n in wanted if n not in allowed})
    if unknown:
        raise InputError(f"unknown node types {', '.join(unknown)}: use any of {', '.join(allowed)}")
    return frozenset(NodeType(n) for n in wanted)


def around(
    store: Store,
    node_id: str,
    depth: int = 1,
    types: Iterable[str] | None = None,
    node_types: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    cursor: str | None = None,
    limit: int = DEFAULT_PAGE,
) -> AroundPage:
    """The neighbourhood of a node, nearest first, one page at a time.

    Edges of `types` (all but MENTIONED_IN by default) are followed either way,
    to `depth` hops. Meetings, measures and documents dated outside
    [`since`, `until`] are neither listed nor passed through; `node_types` narrows
    what is listed, not the paths followed. Each page lists at most `limit` nodes
    and every edge whose later end (in listing order) is on it, so a hub with
    thousands of links never gives an unbounded answer.
    """
    check_page(limit)
    listing = f"around:{node_id}"
    position = decode(listing, cursor) if cursor else 0
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        raise InputError(f"cursor {cursor!r} does not belong to this listing ({listing})")
    kinds = _node_types(node_types)
    data = store.neighborhood(node_id, depth, edge_types(types))
    if not data.nodes:
        raise NotFoundError(f"no node with id {node_id!r}")
    hops = hops_from(data, node_id, depth, dated_in(since, until))
    by_id = {n.id: n for n in data.nodes}
    order = sorted(hops, key=lambda i: (hops[i], i))
    listed = [i for i in order if i == node_id or kinds is None or by_id[i].type in kinds]
    rank_of = {node: index for index, node in enumerate(listed)}
    page = listed[position : position + limit]
    on_page = set(page)
    edges = [
        e
        for e in data.edges
        if e.source in rank_of and e.target in rank_of and max((e.source, e.target), key=rank_of.__getitem__) in on_page
    ]
    after = position + limit
    return AroundPage(
        start=node_id,
        total=len(listed),
        nodes=[NodeAt(node=by_id[i], hops=hops[i]) for i in page],
        edges=edges,
        next=encode(listing, after) if after < len(listed) else None,
    )


class GraphPath(BaseModel):
    """One path between two nodes: its nodes in order and the edges (with evidence) joining each step."""

    hops: int
    nodes: list[Node]
    edges: list[Edge]


def between(
    store: Store,
    source: str,
    target: str,
    k: int = 3,
    max_hops: int = 4,
    types: Iterable[str] | None = None,
) -> list[GraphPath]:
    """Up to `k` shortest paths from `source` to `target` (ids or names), of at most `max_hops` edges.

    The paths lie in the neighbourhoods of both ends, each to half the length,
    so no more of the graph is read than a path that long can touch.
    """
    if not 1 <= k <= MAX_PATHS:
        raise InputError(f"k must be between 1 and {MAX_PATHS}, not {k}")
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InputError(f"max_hops must be between 1 and {MAX_PATH_HOPS}, not {max_hops}")
    ends = [resolve(store, ref, frozenset(NodeType), role) for ref, role in ((source, "source"), (target, "target"))]
    followed = edge_types(types)
    reach = (max_hops + 1) // 2
    data = merge_graphs(store.neighborhood(end, reach, followed) for end in ends)
    nodes = {n.id: n for n in data.nodes}
    found = shortest_paths(data, ends[0], ends[1], k, max_hops)
    return [GraphPath(hops=len(p) - 1, nodes=[nodes[i] for i in p], edges=edges_along(data, p)) for p in found]


# ---------------------------------------------------------------- /v1: meetings, measures, timeline


def check_value(name: str, value: str, allowed: type[StrEnum]) -> str:
    """`value` if it is one of the ontology's values for `name`, else an InputError listing them."""
    values = [v.value for v in allowed]
    if value not in values:
        raise InputError(f"{name} {value!r} is not one of {', '.join(values)}")
    return value


def _has_out(item: Linked, edge_type: EdgeType, other: str) -> bool:
    """Whether the node has an edge of that type to `other`."""
    return any(e.type is edge_type and e.source == item.node.id and e.target == other for e in item.edges)


class CoParticipant(BaseModel):
    """Someone who met the participant asked about, how often, and when last."""

    node: Node
    meetings: int = Field(description="How many meetings both took part in.")
    last: str | None = Field(default=None, description="Date of the latest of those meetings, when known.")
    meeting_ids: list[str]


def co_participants(store: Store, participant: str) -> list[CoParticipant]:
    """Everyone who took part in a meeting with `participant` (id or name), most meetings first."""
    who = resolve(store, participant, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant")
    met: dict[str, list[Linked]] = {}
    nodes: dict[str, Node] = {}
    for meeting in store.meetings(who):
        others = {n.id: n for n in meeting.neighbors}
        for edge in meeting.edges:
            if edge.type is EdgeType.PARTICIPATED_IN and edge.target == meeting.node.id and edge.source != who:
                nodes[edge.source] = others[edge.source]
                met.setdefault(edge.source, []).append(meeting)
    out = []
    for other, together in met.items():
        dates = sorted(d for d in (node_date(m.node) for m in together) if d)
        ids = sorted({m.node.id for m in together})
        last = dates[-1] if dates else None
        out.append(CoParticipant(node=nodes[other], meetings=len(ids), last=last, meeting_ids=ids))
    return sorted(out, key=lambda c: (-c.meetings, c.node.name, c.node.id))


#: How a measure relates to other measures, by the edge type, looked at from either end.
RELATIONS: dict[EdgeType, tuple[str, str]] = {
    EdgeType.SUSPENDS: ("suspends", "suspended_by"),
    EdgeType.MODIFIES: ("modifies", "modified_by"),
    EdgeType.RESPONDS_TO: ("responds_to", "responded_to_by"),
    EdgeType.BASED_ON: ("based_on", "basis_of"),
    EdgeType.PART_OF: ("part_of", "parts"),
}


class Related(BaseModel):
    """A node a measure is related to, with the edge (and its evidence) that says so."""

    node: Node
    edge: Edge


class MeasureRelations(BaseModel):
    """A measure and what it suspends, modifies, responds to or is based on, and the other way round."""

    measure: Node
    relations: dict[str, list[Related]]


def measure_relations(store: Store, measure_id: str) -> MeasureRelations:
    """The measures (and meetings) one measure is related to, grouped by relation and direction."""
    found = get_entity(store, measure_id)
    if found.node.type is not NodeType.MEASURE:
        raise InputError(f"{measure_id!r} is a {found.node.type}, not a Measure")
    others = {n.id: n for n in found.neighbors}
    groups: dict[str, list[Related]] = {name: [] for pair in RELATIONS.values() for name in pair}
    for edge in found.edges:
        if edge.type not in RELATIONS:
            continue
        outgoing = edge.source == measure_id
        other = edge.target if outgoing else edge.source
        if other in others:
            groups[RELATIONS[edge.type][0 if outgoing else 1]].append(Related(node=others[other], edge=edge))
    return MeasureRelations(measure=found.node, relations=groups)


class TimelineItem(BaseModel):
    """A dated meeting or measure."""

    date: str
    node: Node


def timeline(
    store: Store, actor: str | None = None, since: date | None = None, until: date | None = None
) -> list[TimelineItem]:
    """Dated meetings and measures in [since, until], by date then id; for one actor, those it took part in,
    issued, proposed or was targeted by.
    """
    if actor:
        who = resolve(store, actor, frozenset(NodeType) - {NodeType.DOCUMENT}, "actor")
        roles = (EdgeType.PARTICIPATED_IN, EdgeType.ISSUED, EdgeType.PROPOSED, EdgeType.TARGETS)
        events = [
            item
            for item in [*store.meetings(None), *store.measures(None, None)]
            if any(e.type in roles and who in (e.source, e.target) for e in item.edges)
        ]
    else:
        events = [*store.meetings(None), *store.measures(None, None)]
    dated = ((node_date(e.node), e.node) for e in events)
    items = [TimelineItem(date=d, node=n) for d, n in dated if d and in_window(d, since, until)]
    return sorted(items, key=lambda i: (i.date, i.node.id))


# ---------------------------------------------------------------- /v1: provenance


class Fact(BaseModel):
    """One edge read from documents, with the names of its ends and the sentences it came from."""

    source: Node
    edge: Edge
    target: Node


def documents(store: Store) -> list[Document]:
    """Every loaded document with its metadata, by id."""
    return documents_of(all_nodes(store, NodeType.DOCUMENT))


def entity_facts(store: Store, node_id: str) -> list[Fact]:
    """Every fact about a node (MENTIONED_IN aside), each with the evidence it was read from."""
    found = get_entity(store, node_id)
    others = {n.id: n for n in [found.node, *found.neighbors]}
    return [
        Fact(source=others[e.source], edge=e, target=others[e.target])
        for e in found.edges
        if e.type is not EdgeType.MENTIONED_IN
    ]


def document_facts(store: Store, document_id: str) -> list[Fact]:
    """Every fact read from a document, each with only the evidence from that document."""
    found = get_entity(store, document_id)
    if found.node.type is not NodeType.DOCUMENT:
        raise InputError(f"{document_id!r} is a {found.node.type}, not a Document")
    edges = [e for e in store.document_edges(document_id) if e.type is not EdgeType.MENTIONED_IN]
    names: dict[str, Node] = {}
    for end in sorted({end for e in edges for end in (e.source, e.target)}):
        linked = store.linked(end)
        if linked:
            names[end] = linked.node
    return [
        Fact(
            source=names[e.source],
            edge=e.model_copy(update={"evidence": [x for x in e.evidence if x.document == document_id]}),
            target=names[e.target],
        )
        for e in edges
        if e.source in names and e.target in names
    ]


# ---------------------------------------------------------------- /v1: analytics and bulk


class Centrality(BaseModel):
    """The most central nodes of a subgraph, and its size."""

    nodes: int
    edges: int
    scores: list[Score]


def _analysed(
    store: Store, node_types: Iterable[str] | None, types: Iterable[str] | None, onto: NodeType | None
) -> nx.Graph:
    """The networkx graph of the subgraph asked for, projected onto one node type if asked."""
    kinds = _node_types(node_types)
    data = subgraph(store.export(), kinds, edge_types(types))
    return project(data, onto) if onto else to_networkx(data)


def centrality(
    store: Store,
    node_types: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    onto: NodeType | None = None,
    rank: Iterable[str] | None = None,
    top: int = 20,
) -> Centrality:
    """Degree and betweenness centrality over the subgraph of `node_types` joined by `types` edges.

    With `onto`, the subgraph is first folded onto that node type: `onto=Official`
    over meetings joins officials who met. `rank` lists only nodes of those types.
    """
    check_page(top)
    graph = _analysed(store, node_types, types, onto)
    scores = analytics_centrality(graph, _node_types(rank), top)
    return Centrality(nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), scores=scores)


def communities(
    store: Store,
    node_types: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    onto: NodeType | None = None,
    min_size: int = 2,
) -> list[Community]:
    """Communities (Louvain, fixed seed) of the subgraph asked for, as for `centrality`."""
    return analytics_communities(_analysed(store, node_types, types, onto), min_size)


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


# ---------------------------------------------------------------- /v1: writes


class DocumentIn(BaseModel):
    """A document to extract and load: its text and what is known about it."""

    text: str = Field(min_length=1, description="The document's text (plain text; cleaned like a loaded file).")
    key: str | None = Field(
        default=None,
        max_length=200,
        description="What names the document (its id is `document:` + this, slugged); default: the title, else a hash.",
    )
    title: str | None = Field(default=None, max_length=1000)
    published: IsoDate | None = None
    url: str | None = Field(default=None, max_length=2000)


class Added(BaseModel):
    """What loading a document added."""

    document: str
    nodes_added: list[str] = Field(description="Ids of the nodes that were not stored before.")
    edges_added: list[EdgeRef] = Field(description="The edges that were not stored before.")
    nodes: int = Field(description="Nodes read from the document, new or known.")
    edges: int = Field(description="Edges read from the document, new or known.")


def document_of(body: DocumentIn) -> SourceDocument:
    """The `SourceDocument` a posted text makes, cleaned as files are."""
    text, comment_start = clean_text(body.text)
    if not text.strip():
        raise InputError("text: no text is left once page leftovers are removed")
    key = body.key or body.title or hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]
    if not slug(key):
        raise InputError(f"key {key!r} has no letters or digits to name the document by")
    doc_id = node_id(NodeType.DOCUMENT, key)
    return SourceDocument(
        id=doc_id,
        path=Path(slug(key)),
        title=body.title,
        published=body.published,
        source=body.url or "api",
        text=text,
        comment_start=comment_start,
    )


def add_document(store: Store, body: DocumentIn) -> Added:
    """Extract one posted document and load it; a document id already stored is a conflict (retract it first)."""
    doc = document_of(body)
    if store.linked(doc.id) is not None:
        raise ConflictError(f"a document with id {doc.id!r} is stored already; delete it first to load it anew")
    graph = validate_graph(_extractor().extract(doc), doc.id)
    new_nodes = [n.id for n in graph.nodes if store.linked(n.id) is None]
    known = {e.key for n in graph.nodes if n.id not in new_nodes for e in (store.linked(n.id) or Linked(node=n)).edges}
    store.upsert(graph)
    return Added(
        document=doc.id,
        nodes_added=sorted(new_nodes),
        edges_added=[EdgeRef.of(k) for k in sorted(e.key for e in graph.edges if e.key not in known)],
        nodes=len(graph.nodes),
        edges=len(graph.edges),
    )


def delete_document(store: Store, document_id: str) -> Retraction:
    """Retract a document: see `graph.retraction`."""
    return retract_document(store, document_id)


# ---------------------------------------------------------------- identity across documents


def merges(judgements: Path) -> list[Judgement]:
    """The judgements of identity in force (the latest on each pair), oldest first."""
    return read_judgements(judgements).in_force()


def undo_merge(store: Store, judgements: Path, judgement_id: str) -> Judgement:
    """Split a merge apart in the store and record a negative judgement, which later loads respect.

    The merged node comes back under its own id with the edges read from its
    documents (`loaders.identity.split`); the negative judgement is written first,
    so a crash before the store is changed leaves the pair apart for later loads.
    """
    found = read_judgements(judgements)
    merge = found.get(judgement_id)
    if merge is None:
        raise NotFoundError(f"no judgement with id {judgement_id!r}: `policygraph merges` lists them")
    if merge.verdict is not Verdict.POSITIVE or found.canonical(merge.merged) != merge.canonical:
        raise InputError(f"judgement {judgement_id!r} is not a merge in force, so there is nothing to undo")
    kept = store.linked(merge.canonical)
    if kept is None:
        raise NotFoundError(f"the store holds no node {merge.canonical!r}, which judgement {judgement_id!r} kept")
    undone = judge(
        Verdict.NEGATIVE,
        merge.canonical,
        merge.merged,
        merge.type,
        Rule.USER,
        f"undone by hand: {merge.names[-1] if merge.names else merge.merged!r} is not {kept.node.name!r}",
        names=merge.names,
        documents=merge.documents,
        undoes=merge.id,
    )
    record_judgements(judgements, [undone])
    store.replace([merge.canonical], split(kept.node, kept.edges, merge))
    return undone


# ---------------------------------------------------------------- network views


def _budget(settings: Settings | None) -> int:
    return (settings or get_settings()).view_node_budget


def ego_view(store: Store, ref: str, options: views.EgoOptions, settings: Settings | None = None) -> str:
    """The HTML page of the network around a node (`ref`: an id, or a name or alias)."""
    node_id = resolve(store, ref, frozenset(NodeType), "entity")
    return views.ego_page(store, node_id, options, _budget(settings))


def measure_view(store: Store, ref: str, options: views.ViewOptions, settings: Settings | None = None) -> str:
    """The HTML page of a measure's network (`ref`: an id, or a name or alias)."""
    measure_id = resolve(store, ref, frozenset({NodeType.MEASURE}), "measure")
    return views.measure_page(store, measure_id, options, _budget(settings))


def meetings_view(store: Store, options: views.MeetingOptions, settings: Settings | None = None) -> str:
    """The HTML page of who met whom, optionally only the meetings of `options.participant`."""
    who = options.participant
    participant = resolve(store, who, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant") if who else None
    return views.meetings_page(store, participant, options, _budget(settings))


def graph_view(store: Store, options: views.GraphOptions, settings: Settings | None = None) -> str:
    """The HTML page of the whole graph, narrowed by node type, edge type and dates."""
    return views.graph_page(store, options, _budget(settings))


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
    return run_sparql(data, query, settings.query_timeout, settings.sparql_max_results)
