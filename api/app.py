"""The HTTP API: read-only traversal routes over the configured store, documented at /docs.

`create_app` builds the app; the store is opened read-only when the app starts
and closed when it stops, and every route reaches it through `StoreDep`. Routes
only parse their parameters and call `api.service`; errors become RFC 9457
problems in `api.problems`. Run it with `policygraph serve`, or
`uvicorn --factory api.app:create_app`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from importlib.metadata import version
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request, Response

from api import service
from api.deps import SettingsDep, StoreDep
from api.negotiation import linked_data
from api.problems import HANDLERS, RESPONSES
from api.routes import linked_data as linked_data_routes
from api.routes import sparql
from graph import Linked, Settings, describe_backend, get_settings, open_store
from graph.store import MAX_DEPTH
from ontology.contract import GraphData, Node
from ontology.terms import EdgeType, NodeType

log = logging.getLogger("uvicorn.error")
router = APIRouter(responses=RESPONSES)


#: Where an actor, element or issuer is named: an id, or a name or alias (accents and case ignored).
NAME_OR_ID = "A node id (e.g. `official:wang-wentao`) or a name or alias; accents and case are ignored."


@router.get("/health", summary="Whether the store answers, which backend it is, and the graph's size")
def health(request: Request, store: StoreDep) -> service.Health:
    return service.health(store, request.app.state.settings)


@router.get("/entities", summary="Find nodes by name or alias, optionally of one type")
def entities(
    store: StoreDep,
    node_type: Annotated[NodeType | None, Query(alias="type", description="Only nodes of this type.")] = None,
    q: Annotated[str | None, Query(description="Words that start words of the name or an alias.")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_LIMIT)] = 50,
) -> list[Node]:
    return service.search_entities(store, q, node_type, limit)


@router.get("/entities/{entity_id}", summary="A node with its aliases, attributes, edges with evidence, neighbours")
def entity(request: Request, response: Response, store: StoreDep, settings: SettingsDep, entity_id: str) -> Linked:
    if rdf := linked_data(request, response, lambda: service.entity_graph(store, entity_id), settings):
        return rdf
    return service.get_entity(store, entity_id)


@router.get("/entities/{entity_id}/neighbors", summary="The graph within a few hops of a node")
def neighbors(
    store: StoreDep,
    entity_id: str,
    depth: Annotated[int, Query(ge=1, le=MAX_DEPTH, description="Hops to follow.")] = 1,
    types: Annotated[
        list[EdgeType] | None, Query(description="Edge types to follow (repeat); all but MENTIONED_IN by default.")
    ] = None,
) -> GraphData:
    return service.neighbors(store, entity_id, depth, types)


@router.get("/meetings", summary="Meetings in date order, optionally those one actor took part in")
def meetings(store: StoreDep, participant: Annotated[str | None, Query(description=NAME_OR_ID)] = None) -> list[Linked]:
    return service.meetings(store, participant)


@router.get("/measures", summary="Measures in date order, by element covered, issuer, and day in force")
def measures(
    store: StoreDep,
    element: Annotated[str | None, Query(description=NAME_OR_ID)] = None,
    issuer: Annotated[str | None, Query(description=NAME_OR_ID)] = None,
    in_force_on: Annotated[date | None, Query(description="Only measures in force on this ISO date.")] = None,
) -> list[Linked]:
    return service.measures(store, element, issuer, in_force_on)


@router.get("/export", summary="The whole graph in the contract's JSON shape, or as JSON-LD, Turtle, N-Triples")
def export(request: Request, response: Response, store: StoreDep, settings: SettingsDep) -> GraphData:
    if rdf := linked_data(request, response, lambda: service.export_graph(store), settings):
        return rdf
    return service.export_graph(store)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over the store `settings` configure (the environment's, by default)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings)
        log.info("serving the graph in %s", describe_backend(settings))
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(
        title="policygraph",
        version=version("policygraph"),
        description="Actors and measures of trade policy, read from documents. Errors are RFC 9457 problems.",
        lifespan=lifespan,
        exception_handlers=HANDLERS,
    )
    app.state.settings = settings
    app.include_router(router)
    app.include_router(sparql.router)
    app.include_router(linked_data_routes.router)
    return app
