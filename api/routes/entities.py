"""Find, look, around, between: entities by name, one entity whole, its neighbourhood, paths between two."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api import service
from api.negotiation import linked_data
from api.problems import RESPONSES
from api.routes.common import NAME_OR_ID, BoundedRoute, SettingsDep, StoreDep
from graph import Linked
from graph.find import Match
from graph.store import MAX_DEPTH
from ontology.terms import EdgeType, NodeType

router = APIRouter(prefix="/v1", tags=["entities"], responses=RESPONSES, route_class=BoundedRoute)
#: A day in a query: an ISO date, or none.
Day = service.IsoDate | None

EdgeTypes = Annotated[
    list[EdgeType] | None, Query(description="Edge types to follow (repeat); all but MENTIONED_IN by default.")
]


@router.get("/entities", summary="Find entities by name or alias: exact, word starts, then near spellings")
def find(
    store: StoreDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=service.MAX_QUERY_CHARS,
            description="A name or alias, or part of one; accents, case and a typo are forgiven.",
            examples=["Sefcovic"],
        ),
    ],
    node_type: Annotated[NodeType | None, Query(alias="type", description="Only entities of this type.")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 20,
) -> list[Match]:
    return service.find(store, q, node_type, limit)


@router.get("/entities/{entity_id}", summary="One entity: attributes, aliases, every edge with its evidence")
def look(request: Request, response: Response, store: StoreDep, settings: SettingsDep, entity_id: str) -> Linked:
    if rdf := linked_data(request, response, lambda: service.entity_graph(store, entity_id), settings):
        return rdf  # type: ignore[return-value]  # JSON-LD, Turtle or N-Triples, by Accept
    return service.get_entity(store, entity_id)


@router.get("/entities/{entity_id}/around", summary="The neighbourhood of an entity, nearest first, a page at a time")
def around(
    store: StoreDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops to follow.")] = 1,
    types: EdgeTypes = None,
    node_types: Annotated[
        list[NodeType] | None, Query(alias="node_type", description="List only nodes of these types (repeat).")
    ] = None,
    since: Annotated[Day, Query(description="Leave out meetings, measures, documents dated before.")] = None,
    until: Annotated[Day, Query(description="Leave out meetings, measures, documents dated after.")] = None,
    cursor: Annotated[str | None, Query(max_length=2000, description="The `next` of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE, description="Nodes per page.")] = service.DEFAULT_PAGE,
) -> service.AroundPage:
    return service.around(store, entity_id, depth, types, node_types, since, until, cursor, limit)


@router.get("/entities/{entity_id}/facts", summary="Every fact about an entity, each with the sentence it came from")
def facts(store: StoreDep, entity_id: str) -> list[service.Fact]:
    return service.entity_facts(store, entity_id)


@router.get("/paths", summary="Up to k shortest paths between two entities, each step with its evidence")
def between(
    store: StoreDep,
    source: Annotated[str, Query(max_length=service.MAX_QUERY_CHARS, description=NAME_OR_ID, examples=["Šefčovič"])],
    target: Annotated[str, Query(max_length=service.MAX_QUERY_CHARS, description=NAME_OR_ID, examples=["He Yadong"])],
    k: Annotated[int, Query(ge=1, le=service.MAX_PATHS, description="How many paths.")] = 3,
    max_hops: Annotated[int, Query(ge=1, le=service.MAX_PATH_HOPS, description="The longest path, in edges.")] = 4,
    types: EdgeTypes = None,
) -> list[service.GraphPath]:
    return service.between(store, source, target, k, max_hops, types)
