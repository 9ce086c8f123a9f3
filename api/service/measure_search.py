"""Measures by every filter, their relations, and the dated timeline of measures and meetings."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from api.service.lookup import check_value, get_entity, resolve
from graph import Store
from graph.store import Linked, is_in_force
from graph.traversal import in_window, node_date
from ontology.contract import Edge, Node
from ontology.errors import InputError
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, EdgeType, MeasureKind, MeasureStatus, NodeType


def measures(
    store: Store,
    element: str | None = None,
    issuer: str | None = None,
    in_force_on: date | None = None,
    *,
    target: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    since: date | None = None,
    until: date | None = None,
    related: dict[EdgeType, str] | None = None,
) -> list[Linked]:
    """Measures in date order, narrowed by every filter given.

    `element` (an element or material covered), `issuer`, `target` and the measures
    in `related` (e.g. {SUSPENDS: x}: the measures suspending x) take an id or a
    name; `kind` and `status` are values of the ontology's lists; [since, until]
    bounds the measure's date (effective, else announced); `in_force_on` keeps the
    measures `graph.store.is_in_force` says were in force that day.
    """
    item = resolve(store, element, EDGE_TARGETS[EdgeType.COVERS], "element") if element else None
    actor = resolve(store, issuer, EDGE_SOURCES[EdgeType.ISSUED], "issuer") if issuer else None
    wanted = [(EdgeType.TARGETS, resolve(store, target, EDGE_TARGETS[EdgeType.TARGETS], "target"))] if target else []
    for edge_type, ref in (related or {}).items():
        wanted.append((edge_type, resolve(store, ref, EDGE_TARGETS[edge_type], edge_type.lower().replace("_", " "))))
    found = store.measures(item, actor)
    if in_force_on:
        found = [m for m in found if is_in_force(m.node, in_force_on)]
    if kind:
        found = [m for m in found if m.node.attributes.get("kind") == check_value("kind", kind, MeasureKind)]
    if status:
        found = [m for m in found if m.node.attributes.get("status") == check_value("status", status, MeasureStatus)]
    if since or until:
        found = [m for m in found if in_window(node_date(m.node), since, until)]
    return [m for m in found if all(_has_out(m, t, other) for t, other in wanted)]


def _has_out(item: Linked, edge_type: EdgeType, other: str) -> bool:
    """Whether the node has an edge of that type to `other`."""
    return any(e.type is edge_type and e.source == item.node.id and e.target == other for e in item.edges)


#: How a measure relates to other measures, by the edge type, looked at from either end.
RELATIONS: dict[EdgeType, tuple[str, str]] = {
    EdgeType.SUSPENDS: ("suspends", "suspended_by"),
    EdgeType.MODIFIES: ("modifies", "modified_by"),
    EdgeType.RESPONDS_TO: ("responds_to", "responded_to_by"),
    EdgeType.BASED_ON: ("based_on", "basis_of"),
    EdgeType.PART_OF: ("part_of", "parts"),
}


class Related(BaseModel):
    """A node a measure is related to, with the edge (and its evidence) that says so."""

    node: Node
    edge: Edge


class MeasureRelations(BaseModel):
    """A measure and what it suspends, modifies, responds to or is based on, and the other way round."""

    measure: Node
    relations: dict[str, list[Related]]


def measure_relations(store: Store, measure_id: str) -> MeasureRelations:
    """The measures (and meetings) one measure is related to, grouped by relation and direction."""
    found = get_entity(store, measure_id)
    if found.node.type is not NodeType.MEASURE:
        raise InputError(f"{measure_id!r} is a {found.node.type}, not a Measure")
    others = {n.id: n for n in found.neighbors}
    groups: dict[str, list[Related]] = {name: [] for pair in RELATIONS.values() for name in pair}
    for edge in found.edges:
        if edge.type not in RELATIONS:
            continue
        outgoing = edge.source == measure_id
        other = edge.target if outgoing else edge.source
        if other in others:
            groups[RELATIONS[edge.type][0 if outgoing else 1]].append(Related(node=others[other], edge=edge))
    return MeasureRelations(measure=found.node, relations=groups)


class TimelineItem(BaseModel):
    """A dated meeting or measure."""

    date: str
    node: Node


def timeline(
    store: Store, actor: str | None = None, since: date | None = None, until: date | None = None
) -> list[TimelineItem]:
    """Dated meetings and measures in [since, until], by date then id; for one actor, those it took part in,
    issued, proposed or was targeted by.
    """
    if actor:
        who = resolve(store, actor, frozenset(NodeType) - {NodeType.DOCUMENT}, "actor")
        roles = (EdgeType.PARTICIPATED_IN, EdgeType.ISSUED, EdgeType.PROPOSED, EdgeType.TARGETS)
        events = [
            item
            for item in [*store.meetings(None), *store.measures(None, None)]
            if any(e.type in roles and who in (e.source, e.target) for e in item.edges)
        ]
    else:
        events = [*store.meetings(None), *store.measures(None, None)]
    dated = ((node_date(e.node), e.node) for e in events)
    items = [TimelineItem(date=d, node=n) for d, n in dated if d and in_window(d, since, until)]
    return sorted(items, key=lambda i: (i.date, i.node.id))
