"""Who met whom: meetings by participant, date and topic; an official's co-participants."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import service
from api.problems import RESPONSES
from api.routes.common import NAME_OR_ID, BoundedRoute, StoreDep
from graph import Linked

router = APIRouter(prefix="/v1", tags=["meetings"], responses=RESPONSES, route_class=BoundedRoute)
#: A day in a query: an ISO date, or none.
Day = service.IsoDate | None
Name = Annotated[str | None, Query(max_length=service.MAX_QUERY_CHARS, description=NAME_OR_ID)]


@router.get("/meetings", summary="Meetings in date order, by participant, date range and topic")
def meetings(
    store: StoreDep,
    participant: Name = None,
    since: Annotated[Day, Query(description="Only meetings on or after this ISO date.")] = None,
    until: Annotated[Day, Query(description="Only meetings on or before this ISO date.")] = None,
    topic: Name = None,
) -> list[Linked]:
    return service.meetings(store, participant, since, until, topic)


@router.get("/meetings/co-participants", summary="Who took part in meetings with an actor, and how often")
def co_participants(
    store: StoreDep,
    participant: Annotated[
        str, Query(max_length=service.MAX_QUERY_CHARS, description=NAME_OR_ID, examples=["Wang Wentao"])
    ],
) -> list[service.CoParticipant]:
    return service.co_participants(store, participant)
