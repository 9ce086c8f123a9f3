"""The timeline: dated meetings and measures in a range, for one actor or for all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import service
from api.problems import RESPONSES
from api.routes.common import NAME_OR_ID, BoundedRoute, StoreDep

router = APIRouter(prefix="/v1", tags=["timeline"], responses=RESPONSES, route_class=BoundedRoute)
#: A day in a query: an ISO date, or none.
Day = service.IsoDate | None


@router.get("/timeline", summary="Dated meetings and measures, in date order, for one actor or all")
def timeline(
    store: StoreDep,
    actor: Annotated[str | None, Query(max_length=service.MAX_QUERY_CHARS, description=NAME_OR_ID)] = None,
    since: Annotated[Day, Query(description="From this ISO date.")] = None,
    until: Annotated[Day, Query(description="To this ISO date.")] = None,
) -> list[service.TimelineItem]:
    return service.timeline(store, actor, since, until)
