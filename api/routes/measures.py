"""Measures: by issuer, target, item covered, kind, status, dates, relations; those in force on a day."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api import service
from api.problems import RESPONSES
from api.routes.common import NAME_OR_ID, BoundedRoute, StoreDep
from graph import Linked
from ontology.terms import EdgeType, MeasureKind, MeasureStatus

router = APIRouter(prefix="/v1", tags=["measures"], responses=RESPONSES, route_class=BoundedRoute)
#: A day in a query: an ISO date, or none.
Day = service.IsoDate | None
Name = Annotated[str | None, Query(max_length=service.MAX_QUERY_CHARS, description=NAME_OR_ID)]


def related(what: str) -> object:
    """A filter by a related measure: its id or name, and what the measures listed do to it."""
    return Query(max_length=service.MAX_QUERY_CHARS, description=f"Only measures that {what}. " + NAME_OR_ID)


@router.get("/measures", summary="Measures in date order, narrowed by every filter given")
def measures(
    store: StoreDep,
    element: Annotated[
        str | None,
        Query(max_length=service.MAX_QUERY_CHARS, description="An element or material covered. " + NAME_OR_ID),
    ] = None,
    issuer: Name = None,
    target: Name = None,
    kind: MeasureKind | None = None,
    status: MeasureStatus | None = None,
    since: Annotated[Day, Query(description="Only measures dated (effective, else announced) from.")] = None,
    until: Annotated[Day, Query(description="Only measures dated on or before.")] = None,
    in_force_on: Annotated[Day, Query(description="Only measures in force on this ISO date.")] = None,
    suspends: Annotated[str | None, related("suspend this measure")] = None,
    modifies: Annotated[str | None, related("modify this measure")] = None,
    responds_to: Annotated[str | None, related("respond to this measure or meeting")] = None,
    based_on: Annotated[str | None, related("are based on this measure")] = None,
) -> list[Linked]:
    relations = {
        edge_type: ref
        for edge_type, ref in (
            (EdgeType.SUSPENDS, suspends),
            (EdgeType.MODIFIES, modifies),
            (EdgeType.RESPONDS_TO, responds_to),
            (EdgeType.BASED_ON, based_on),
        )
        if ref
    }
    return service.measures(
        store,
        element,
        issuer,
        in_force_on,
        target=target,
        kind=kind,
        status=status,
        since=since,
        until=until,
        related=relations,
    )


@router.get("/measures/{measure_id}/relations", summary="What a measure suspends, modifies, responds to, is based on")
def relations(store: StoreDep, measure_id: str) -> service.MeasureRelations:
    return service.measure_relations(store, measure_id)
