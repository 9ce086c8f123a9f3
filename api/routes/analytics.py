"""Network analytics over a chosen subgraph: centrality and communities (graph.analytics)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import service
from api.problems import RESPONSES
from api.routes.common import BoundedRoute, StoreDep
from graph.analytics import Community
from ontology.terms import EdgeType, NodeType

router = APIRouter(prefix="/v1/analytics", tags=["analytics"], responses=RESPONSES, route_class=BoundedRoute)

NodeTypes = Annotated[
    list[NodeType] | None, Query(alias="node_type", description="Node types of the subgraph (repeat); all by default.")
]
EdgeTypes = Annotated[
    list[EdgeType] | None, Query(alias="type", description="Edge types of the subgraph (repeat); all but MENTIONED_IN.")
]
Onto = Annotated[
    NodeType | None,
    Query(description="Fold the subgraph onto this type: its nodes joined when they share a neighbour."),
]


@router.get("/centrality", summary="Degree and betweenness centrality over a subgraph")
def centrality(
    store: StoreDep,
    node_types: NodeTypes = None,
    types: EdgeTypes = None,
    onto: Onto = None,
    rank: Annotated[list[NodeType] | None, Query(description="List only nodes of these types (repeat).")] = None,
    top: Annotated[int, Query(ge=1, le=service.MAX_PAGE, description="How many nodes to list.")] = 20,
) -> service.Centrality:
    return service.centrality(store, node_types, types, onto, rank, top)


@router.get("/communities", summary="Communities (Louvain, fixed seed) of a subgraph")
def communities(
    store: StoreDep,
    node_types: NodeTypes = None,
    types: EdgeTypes = None,
    onto: Onto = None,
    min_size: Annotated[int, Query(ge=1, le=1000, description="The smallest community listed.")] = 2,
) -> list[Community]:
    return service.communities(store, node_types, types, onto, min_size)
