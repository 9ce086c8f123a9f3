"""`/v1/views/...`: the network views as self-contained HTML pages (`graph.views`), the CLI's `view` commands."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from api import service
from api.problems import RESPONSES
from api.routes.common import BoundedRoute, SettingsDep, StoreDep
from graph.views import EgoOptions, GraphOptions, MeetingOptions, ViewOptions

router = APIRouter(
    prefix="/v1/views",
    tags=["views"],
    responses=RESPONSES,
    default_response_class=HTMLResponse,
    route_class=BoundedRoute,
)

#: The page a view answers with; documented so that /docs says it is HTML, not JSON.
PAGE = {200: {"content": {"text/html": {}}, "description": "A self-contained page; it opens offline."}}


@router.get("/ego/{entity_id}", summary="The network around a node, as an interactive page", responses=PAGE)
def ego(store: StoreDep, settings: SettingsDep, entity_id: str, options: Annotated[EgoOptions, Query()]) -> str:
    return service.ego_view(store, entity_id, options, settings)


@router.get("/measures/{measure_id}", summary="A measure's network, as an interactive page", responses=PAGE)
def measure(store: StoreDep, settings: SettingsDep, measure_id: str, options: Annotated[ViewOptions, Query()]) -> str:
    return service.measure_view(store, measure_id, options, settings)


@router.get("/meetings", summary="Who met whom, weighted by the number of meetings", responses=PAGE)
def meetings(store: StoreDep, settings: SettingsDep, options: Annotated[MeetingOptions, Query()]) -> str:
    return service.meetings_view(store, options, settings)


@router.get("/graph", summary="The whole graph by node type, edge type and dates", responses=PAGE)
def whole(store: StoreDep, settings: SettingsDep, options: Annotated[GraphOptions, Query()]) -> str:
    return service.graph_view(store, options, settings)
