"""Traversals over a subgraph a store gave back: hop distances, date windows, k shortest paths.

They are pure functions of a `GraphData`, which every store returns in the same
canonical order (`graph.store.sorted_graph`), so the answers, ties included, are
the same whichever store the subgraph came from.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from datetime import date
from itertools import islice, pairwise, takewhile
from typing import Annotated

import networkx as nx
from pydantic import BeforeValidator

from ontology.contract import Edge, GraphData, Node
from ontology.terms import NodeType


def _iso_day(value: object) -> object:
    """Only an ISO calendar date (2025-06-01) is a day: pydantic would also take 0 as 1 January 1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    if not isinstance(value, str | date):
        raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
    return value


#: A day given in a query: an ISO date and nothing else.
IsoDate = Annotated[date, BeforeValidator(_iso_day)]


#: The attributes that date a node, by type, first found wins.
DATE_ATTRIBUTES: dict[NodeType, tuple[str, ...]] = {
    NodeType.MEETING: ("date",),
    NodeType.MEASURE: ("effective", "announced"),
    NodeType.DOCUMENT: ("published",),
}


def node_date(node: Node) -> str | None:
    """The ISO date (or year-month, or year) a meeting, measure or document is dated by, if known."""
    for name in DATE_ATTRIBUTES.get(node.type, ()):
        value = node.attributes.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def in_window(day: str | None, since: date | None, until: date | None) -> bool:
    """Whether an ISO date of any precision can fall within [since, until]; an unknown date is outside any window.

    "2025-06" is within a window from 15 June: dates are compared at their own precision.
    """
    if since is None and until is None:
        return True
    if day is None:
        return False
    low = since.isoformat()[: len(day)] if since else None
    high = until.isoformat()[: len(day)] if until else None
    return (low is None or day >= low) and (high is None or day <= high)


def dated_in(since: date | None, until: date | None) -> Callable[[Node], bool]:
    """A node test: undated kinds of node always pass, dated kinds when their date is in the window."""

    def test(node: Node) -> bool:
        return node.type not in DATE_ATTRIBUTES or in_window(node_date(node), since, until)

    return test


def hops_from(data: GraphData, start: str, depth: int, passable: Callable[[Node], bool]) -> dict[str, int]:
    """Hops from `start` to every node reachable within `depth` over the edges of `data`, either direction.

    Only nodes that pass `passable` are entered (the start always is), so a
    meeting outside a date window neither appears nor leads anywhere.
    """
    nodes = {n.id: n for n in data.nodes}
    if start not in nodes:
        return {}
    adjacent: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for edge in data.edges:
        if edge.source in nodes and edge.target in nodes:
            adjacent[edge.source].append(edge.target)
            adjacent[edge.target].append(edge.source)
    hops = {start: 0}
    frontier = deque([start])
    while frontier:
        current = frontier.popleft()
        if hops[current] == depth:
            continue
        for other in sorted(adjacent[current]):
            if other not in hops and passable(nodes[other]):
                hops[other] = hops[current] + 1
                frontier.append(other)
    return hops


def shortest_paths(data: GraphData, source: str, target: str, k: int, max_hops: int) -> list[list[str]]:
    """Up to `k` shortest simple paths (as node ids) of at most `max_hops` edges, shortest first.

    Edges count in either direction. Among paths of one length the order is
    networkx's, which depends only on the order of `data`, the same for every store.
    """
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in data.nodes)
    graph.add_edges_from((e.source, e.target) for e in data.edges if e.source != e.target)
    if source not in graph or target not in graph or source == target:
        return []
    try:
        paths = nx.shortest_simple_paths(graph, source, target)
        return list(islice(takewhile(lambda p: len(p) - 1 <= max_hops, paths), k))
    except nx.NetworkXNoPath:
        return []


def edges_along(data: GraphData, path: list[str]) -> list[Edge]:
    """The edges of `data` joining each pair of consecutive nodes of `path`, in path order, then by key."""
    between: dict[frozenset[str], list[Edge]] = {}
    for edge in data.edges:
        between.setdefault(frozenset((edge.source, edge.target)), []).append(edge)
    return [e for a, b in pairwise(path) for e in between.get(frozenset((a, b)), [])]
