"""One page of a node's neighbourhood, nearest first, cut by the store before anything is read whole.

`GET /v1/entities/{id}/around` lists a neighbourhood a page at a time: nodes by
(hops, id), each page with the edges whose later end (in that order) is on it.
Around a node one hop from a super node the neighbourhood holds a tenth of the
graph, so the page is cut from ids: the store lists the ids and their hops
(`Store.listing`), and only the page's nodes and their edges to the nodes
listed up to the page's end are read as models (`Store.joined`).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Store, Window
from ontology.contract import Edge, Node
from ontology.terms import EdgeType, NodeType


@dataclass
class AroundSlice:
    """One page: how many nodes the neighbourhood lists, the page's nodes with their hops, and its edges."""

    total: int
    nodes: list[tuple[Node, int]]
    edges: list[Edge]


def around_page(
    store: Store,
    node_id: str,
    depth: int,
    edge_types: frozenset[EdgeType],
    window: Window,
    kinds: frozenset[NodeType] | None,
    position: int,
    limit: int,
) -> AroundSlice | None:
    """Nodes `position` to `position + limit` of the neighbourhood, and every edge whose later end is among them.

    An edge joins two listed nodes; it belongs to the page of whichever end comes
    later, so each edge is on exactly one page. None when there is no such node.
    """
    listing = store.listing(node_id, depth, edge_types, window, kinds, position + limit)
    if listing is None:
        return None
    page = listing.first[position:]
    hops = dict(page)
    data = store.joined(list(hops), [i for i, _ in listing.first[:position]], edge_types)
    by_id = {n.id: n for n in data.nodes}
    return AroundSlice(total=listing.total, nodes=[(by_id[i], h) for i, h in page], edges=data.edges)
