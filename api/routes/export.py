"""Bulk: the whole graph as contract JSON, a page at a time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import service
from api.problems import RESPONSES
from api.routes.common import BoundedRoute, StoreDep

router = APIRouter(prefix="/v1", tags=["export"], responses=RESPONSES, route_class=BoundedRoute)


@router.get("/export", summary="The whole graph in the contract's JSON shape: nodes, then edges, by cursor")
def export(
    store: StoreDep,
    cursor: Annotated[str | None, Query(max_length=2000, description="The `next` of the previous page.")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE, description="Nodes and edges per page.")] = service.MAX_PAGE,
) -> service.ExportPage:
    return service.export_page(store, cursor, limit)
