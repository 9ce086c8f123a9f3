"""Network measures over a chosen subgraph: degree and betweenness centrality, communities.

Pure functions of a `GraphData`, so notebooks, views and the API share them and
any store's subgraph gives the same numbers. `subgraph` picks the part of a graph
a question is about ("the meetings network": officials and meetings joined by
PARTICIPATED_IN); `project` folds it onto one node type (officials joined when
they met, weighted by how often), which is what "who is central among the
officials" asks. Communities come from networkx's Louvain method with a fixed
seed, so they are the same on every run.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import combinations

import networkx as nx
from pydantic import BaseModel, Field

from ontology.contract import GraphData, Node
from ontology.terms import EdgeType, NodeType

#: The seed of the Louvain method: the same graph, the same communities.
COMMUNITY_SEED = 7


class Score(BaseModel):
    """One node's centrality."""

    id: str
    name: str
    type: NodeType
    degree: float = Field(description="Degree centrality: the share of the other nodes it is joined to.")
    betweenness: float = Field(description="Betweenness centrality: the share of shortest paths passing through it.")


class Community(BaseModel):
    """A group of nodes more densely joined to each other than to the rest."""

    size: int
    members: list[str]


def subgraph(
    data: GraphData, node_types: Collection[NodeType] | None = None, edge_types: Collection[EdgeType] | None = None
) -> GraphData:
    """The nodes of `node_types` (all, if None) and the edges of `edge_types` (all but MENTIONED_IN) among them."""
    types = set(edge_types) if edge_types else set(EdgeType) - {EdgeType.MENTIONED_IN}
    nodes = [n for n in data.nodes if node_types is None or n.type in node_types]
    kept = {n.id for n in nodes}
    edges = [e for e in data.edges if e.type in types and e.source in kept and e.target in kept]
    return GraphData(nodes=nodes, edges=edges)


def to_networkx(data: GraphData) -> nx.Graph:
    """An undirected simple graph of `data` (parallel edges become one, with their count as `weight`)."""
    graph = nx.Graph()
    for node in data.nodes:
        graph.add_node(node.id, node=node)
    for edge in data.edges:
        if edge.source == edge.target:
            continue
        if graph.has_edge(edge.source, edge.target):
            graph[edge.source][edge.target]["weight"] += 1
        else:
            graph.add_edge(edge.source, edge.target, weight=1)
    return graph


def project(data: GraphData, onto: NodeType) -> nx.Graph:
    """Nodes of type `onto`, joined when they share a neighbour of another type, weighted by how many they share.

    Over meetings and their participants, two officials are joined once per meeting they both attended.
    """
    full = to_networkx(data)
    kept = [n.id for n in data.nodes if n.type is onto]
    graph = nx.Graph()
    for node_id in kept:
        graph.add_node(node_id, node=full.nodes[node_id]["node"])
    for hub in sorted(full.nodes):
        if full.nodes[hub]["node"].type is onto:
            continue
        members = sorted(m for m in full.neighbors(hub) if full.nodes[m]["node"].type is onto)
        for a, b in combinations(members, 2):
            weight = graph[a][b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    return graph


def centrality(graph: nx.Graph, rank: Collection[NodeType] | None = None, top: int = 20) -> list[Score]:
    """The `top` nodes (of the `rank` types, if given) by betweenness, then degree, then id.

    Betweenness ignores weights: a path through two meetings is as short as one
    through a single meeting attended twice.
    """
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    between = nx.betweenness_centrality(graph) if len(graph) > 2 else dict.fromkeys(graph, 0.0)
    nodes: dict[str, Node] = {node_id: graph.nodes[node_id]["node"] for node_id in graph}
    scores = [
        Score(
            id=node_id,
            name=node.name,
            type=node.type,
            degree=round(degree[node_id], 6),
            betweenness=round(between[node_id], 6),
        )
        for node_id, node in nodes.items()
        if rank is None or node.type in rank
    ]
    return sorted(scores, key=lambda s: (-s.betweenness, -s.degree, s.id))[:top]


def communities(graph: nx.Graph, min_size: int = 2) -> list[Community]:
    """Louvain communities of at least `min_size` members, largest first, members by id."""
    if graph.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=COMMUNITY_SEED)
    groups = [sorted(group) for group in found if len(group) >= min_size]
    return [Community(size=len(g), members=g) for g in sorted(groups, key=lambda g: (-len(g), g))]
