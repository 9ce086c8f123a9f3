"""Finding nodes by name and walking the graph: find, around (paged), between (paths)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from pydantic import BaseModel, Field

from api.cursors import decode, encode
from api.service.lookup import edge_types, node_types_named, resolve
from graph import Store
from graph.around import around_page
from graph.find import Match, rank
from graph.store import MAX_DEPTH, Window, merge_graphs
from graph.traversal import edges_along, shortest_paths
from ontology.contract import Edge, Node
from ontology.errors import InputError, NotFoundError
from ontology.ids import tokens
from ontology.terms import NodeType

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
    kinds = node_types_named(node_types)
    found = around_page(store, node_id, depth, edge_types(types), Window(since, until), kinds, position, limit)
    if found is None:
        raise NotFoundError(f"no node with id {node_id!r}")
    after = position + limit
    return AroundPage(
        start=node_id,
        total=found.total,
        nodes=[NodeAt(node=n, hops=h) for n, h in found.nodes],
        edges=found.edges,
        next=encode(listing, after) if after < found.total else None,
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
