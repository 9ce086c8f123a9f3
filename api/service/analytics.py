"""Centrality and communities over the stored graph (`graph.analytics`)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
from pydantic import BaseModel

from api.service.lookup import edge_types, node_types_named
from api.service.navigation import check_page
from graph import Store
from graph.analytics import Community, Score, project, subgraph, to_networkx
from graph.analytics import centrality as analytics_centrality
from graph.analytics import communities as analytics_communities
from ontology.terms import NodeType


class Centrality(BaseModel):
    """The most central nodes of a subgraph, and its size."""

    nodes: int
    edges: int
    scores: list[Score]


def _analysed(
    store: Store, node_types: Iterable[str] | None, types: Iterable[str] | None, onto: NodeType | None
) -> nx.Graph:
    """The networkx graph of the subgraph asked for, projected onto one node type if asked."""
    kinds = node_types_named(node_types)
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
    scores = analytics_centrality(graph, node_types_named(rank), top)
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
