"""The `Store` protocol every backend implements, and the rules they share.

Two adapters implement it: `graph.memory.MemoryStore` (networkx, the embedded
default) and `graph.neo4j.Neo4jStore`. The contract suite in
`tests/graph/test_store_contract.py` runs the same tests on both, so anything a
caller can observe through this protocol is the same whichever store answers.

Merging is the same everywhere, by the rules of `ontology.merge`: a node or
edge stored again keeps its first name and gains every other name as an alias
and the evidence it did not have; attributes keep their first value but for a
measure's status, which a later dated reading updates. Loading the same
document twice therefore changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from pydantic import BaseModel, Field

from ontology.contract import Document, Edge, GraphData, Node
from ontology.errors import InputError
from ontology.ids import tokens
from ontology.merge import merge_edge, merge_node
from ontology.terms import EdgeType, MeasureStatus, NodeType

#: Edge types a traversal follows unless told otherwise: MENTIONED_IN would join
#: everything a document mentions into one neighbourhood.
TRAVERSABLE: frozenset[EdgeType] = frozenset(EdgeType) - {EdgeType.MENTIONED_IN}

#: The farthest a neighbourhood reaches: three hops already span most of a news corpus.
MAX_DEPTH = 3

#: What a meeting or measure must have to be listed: (edge type, the end the id is at, id).
Wanted = list[tuple[EdgeType, str, str]]

#: An edge's identity: (source, type, target), as `Edge.key` gives it.
EdgeKey = tuple[str, str, str]


class Linked(BaseModel):
    """A node with the edges that touch it and the nodes at their other ends."""

    node: Node
    edges: list[Edge] = Field(default_factory=list)
    neighbors: list[Node] = Field(default_factory=list)

    def others(self, edge_type: EdgeType, *, incoming: bool = False) -> list[Node]:
        """The neighbours this node's `edge_type` edges point to, or, with `incoming`, come from, in edge order.

        What a reader of one answer asks most: a measure's elements (COVERS), its
        issuers (ISSUED, incoming), a meeting's participants (PARTICIPATED_IN, incoming).
        """
        ends = {n.id: n for n in self.neighbors}
        pairs = ((e.source, e.target) if incoming else (e.target, e.source) for e in self.edges if e.type == edge_type)
        return [ends[other] for other, me in pairs if me == self.node.id and other in ends]


@dataclass(frozen=True)
class Window:
    """The days a traversal may pass: meetings, measures and documents dated outside are left out."""

    since: date | None = None
    until: date | None = None

    def __bool__(self) -> bool:
        return self.since is not None or self.until is not None


@dataclass
class Listing:
    """A neighbourhood as ids, nearest first and then by id: how many nodes it lists, and the first of them."""

    total: int
    #: (id, hops) of the first nodes listed, the start first at hop 0.
    first: list[tuple[str, int]] = field(default_factory=list)


class Store(Protocol):
    """A graph store. Every method is one query on a server-backed store."""

    def upsert(self, data: GraphData) -> None:
        """Add nodes and edges, merging with what is stored.

        The embedded store writes all of it or none of it. Neo4j writes one
        transaction per `batch_size` rows, so a larger graph is stored batch by
        batch, and upserting it again completes an interrupted upsert.
        """
        ...

    def replace(self, node_ids: list[str], data: GraphData) -> None:
        """Remove the nodes `node_ids` with every edge touching them, then upsert `data`, as one write.

        How a merge of two nodes is undone: the merged node goes, and the two it
        is split into come back with their edges.
        """
        ...

    def linked(self, node_id: str) -> Linked | None:
        """The node with its edges (MENTIONED_IN included) and their other ends, or None."""
        ...

    def search(self, tokens: list[str], node_type: NodeType | None, limit: int) -> list[Node]:
        """Nodes each of whose query tokens starts a token of their name or an alias."""
        ...

    def neighborhood(self, node_id: str, depth: int, edge_types: frozenset[EdgeType]) -> GraphData:
        """Nodes within `depth` (1 to MAX_DEPTH) hops over `edge_types` (either direction) and the edges among them."""
        ...

    def listing(
        self,
        node_id: str,
        depth: int,
        edge_types: frozenset[EdgeType],
        window: Window,
        kinds: frozenset[NodeType] | None,
        stop: int,
    ) -> Listing | None:
        """The ids within `depth` hops over `edge_types` (either way) by (hops, id): their number and the first `stop`.

        Reads ids only, never whole nodes or edges, so one page of a large
        neighbourhood costs its ids, not its contents. Meetings, measures and
        documents dated outside `window` are neither listed nor passed through;
        `kinds` narrows what is listed (the start always is), not the paths
        followed. None when there is no such node.
        """
        ...

    def joined(self, node_ids: list[str], among: Collection[str], edge_types: frozenset[EdgeType]) -> GraphData:
        """The nodes `node_ids` and the `edge_types` edges joining one of them to one of them or of `among`."""
        ...

    def meetings(self, participant: str | None) -> list[Linked]:
        """Meetings (all, or those `participant` took part in), each with its traversable edges."""
        ...

    def measures(self, element: str | None, issuer: str | None) -> list[Linked]:
        """Measures (all, or those covering `element` and/or issued by `issuer`), with their edges."""
        ...

    def export(self) -> GraphData:
        """The whole graph in the contract's shape."""
        ...

    def nodes(self, node_type: NodeType | None, after: str | None, limit: int) -> list[Node]:
        """Nodes (of `node_type`, if given) in id order, those with ids after `after`, at most `limit`: one page."""
        ...

    def get_nodes(self, node_ids: list[str]) -> list[Node]:
        """The stored nodes of `node_ids`, in id order, without their edges: cheap even for a super node."""
        ...

    def edges(self, after: EdgeKey | None, limit: int) -> list[Edge]:
        """Edges in key order, those with keys after `after`, at most `limit`: one page."""
        ...

    def document_edges(self, document_id: str) -> list[Edge]:
        """The edges with evidence read from the document, and the MENTIONED_IN edges to it, by key."""
        ...

    def retract(self, changed: list[Edge], dropped_edges: list[EdgeKey], dropped_nodes: list[str]) -> None:
        """In one write: give `changed` edges their new evidence, delete the edges and then the nodes named.

        Deleting a node deletes its remaining edges. `graph.retraction` decides what to
        pass; a store only applies it, all or nothing.
        """
        ...

    def counts(self) -> dict[str, int]:
        """Number of nodes and edges, for health checks and tests."""
        ...

    def close(self) -> None:
        """Release files, locks or connections."""
        ...


# ---------------------------------------------------------------- shared rules


def merge_graphs(graphs: Iterable[GraphData]) -> GraphData:
    """One graph out of several, merged by the rules of `ontology.merge` in the order given."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}
    for data in graphs:
        for node in data.nodes:
            old = nodes.get(node.id)
            nodes[node.id] = merge_node(old, node) if old else node
        for edge in data.edges:
            stored = edges.get(edge.key)
            edges[edge.key] = merge_edge(stored, edge) if stored else edge
    return sorted_graph(nodes.values(), edges.values())


#: Statuses of measures that were never decided, so are in force on no date.
UNDECIDED = frozenset({MeasureStatus.PROPOSED.value, MeasureStatus.REPORTED.value})


def is_in_force(measure: Node, day: date) -> bool:
    """Whether a measure was in force on `day`, by its own dates, the same for every store.

    It must have started (effective, else announced, on or before `day`), not have
    expired (an `expires` after `day`, if it has one, else the end of its
    `duration_days` counted from a full start date) and have been decided. Dates
    with less precision are compared at their own precision, as ISO prefixes sort:
    a measure effective "2025-04" counts from the first of April, one expiring
    "2026-11" is over for every day of November.
    """
    attrs = measure.attributes
    start = attrs.get("effective") or attrs.get("announced")
    expires = attrs.get("expires") or end_of_duration(start, attrs.get("duration_days"))
    on = day.isoformat()
    return (
        start is not None
        and str(start) <= on
        and (expires is None or str(expires) > on)
        and attrs.get("status") not in UNDECIDED
    )


def end_of_duration(start: object, days: object) -> str | None:
    """The first day after a measure of `days` days that starts on `start`, when both are known exactly.

    A 90-day suspension from 14 May 2025 is over on 12 August 2025.
    """
    if not isinstance(days, int) or isinstance(days, bool) or days < 0 or not isinstance(start, str):
        return None
    try:
        return (date.fromisoformat(start) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def documents_of(nodes: Iterable[Node]) -> list[Document]:
    """The contract's `documents` list, read off the Document nodes."""
    return [Document(id=n.id, **n.attributes) for n in nodes if n.type is NodeType.DOCUMENT]


def sorted_graph(nodes: Iterable[Node], edges: Iterable[Edge]) -> GraphData:
    """A GraphData in the one order every store returns: nodes by id, edges by key."""
    node_list = sorted(nodes, key=lambda n: n.id)
    return GraphData(
        documents=documents_of(node_list),
        nodes=node_list,
        edges=sorted(edges, key=lambda e: e.key),
    )


def sorted_linked(node: Node, edges: Iterable[Edge], neighbors: Iterable[Node]) -> Linked:
    """A Linked in canonical order, edges and neighbours without duplicates.

    A loop (an edge from the node to itself) is both an outgoing and an incoming
    edge, yet one edge.
    """
    unique = {n.id: n for n in neighbors if n.id != node.id}
    ordered = sorted(unique.values(), key=lambda n: n.id)
    edge_list = sorted({e.key: e for e in edges}.values(), key=lambda e: e.key)
    return Linked(node=node, edges=edge_list, neighbors=ordered)


def event_order(item: Linked) -> tuple[str, str]:
    """Meetings and measures come in date order (undated last), then by id."""
    attrs = item.node.attributes
    return (str(attrs.get("date") or attrs.get("announced") or attrs.get("effective") or "9999"), item.node.id)


def words_of(texts: Iterable[str]) -> list[str]:
    """The folded words of some names, sorted and without duplicates."""
    return sorted({w for text in texts for w in tokens(text)})


def search_words(node: Node) -> list[str]:
    """The folded words of a node's name and aliases, which search matches against."""
    return words_of([node.name, *node.aliases])


def matches_tokens(words: Iterable[str], query: list[str]) -> bool:
    """The search rule every store applies: each query token starts one of the words."""
    return all(any(w.startswith(t) for w in words) for t in query)


def meeting_filter(participant: str | None) -> Wanted:
    """The edge a meeting needs for `Store.meetings(participant)` to list it."""
    return [(EdgeType.PARTICIPATED_IN, "source", participant)] if participant else []


def measure_filter(element: str | None, issuer: str | None) -> Wanted:
    """The edges a measure needs for `Store.measures(element, issuer)` to list it."""
    wanted = [(EdgeType.COVERS, "target", element)] if element else []
    return wanted + ([(EdgeType.ISSUED, "source", issuer)] if issuer else [])


def check_depth(depth: int) -> None:
    """Refuse a neighbourhood depth outside 1..MAX_DEPTH, the same way in every store."""
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"depth must be between 1 and {MAX_DEPTH}, not {depth!r}")


def check_endpoints(edges: Iterable[Edge], known: Collection[str]) -> None:
    """Refuse edges whose ends are among neither the nodes given nor those stored."""
    missing = sorted({end for e in edges for end in (e.source, e.target) if end not in known})
    if missing:
        raise InputError(f"edges refer to nodes that are neither given nor stored: {missing[:10]}")
