"""Bulk: the whole graph as contract JSON, a page at a time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api import service
from api.negotiation import linked_data
from api.problems import RESPONSES
from api.routes.common import BoundedRoute, SettingsDep, StoreDep

router = APIRouter(prefix="/v1", tags=["export"], responses=RESPONSES, route_class=BoundedRoute)


@router.get("/export", summary="The whole graph as contract JSON by cursor, or whole as JSON-LD, Turtle, N-Triples")
def export(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    cursor: Annotated[str | None, Query(max_length=2000, description="The `next` of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE, description="Nodes and edges per page.")] = service.MAX_PAGE,
) -> service.ExportPage:
    if rdf := linked_data(request, response, lambda: service.export_graph(store), settings):
        return rdf  # type: ignore[return-value]  # the whole graph, by Accept
    return service.export_page(store, cursor, limit)
