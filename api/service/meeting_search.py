"""Who met whom: meetings by participant, date and topic, and co-participants."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from api.service.lookup import resolve
from graph import Store
from graph.store import Linked
from graph.traversal import in_window, node_date
from ontology.contract import Node
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, EdgeType


def meetings(
    store: Store,
    participant: str | None = None,
    since: date | None = None,
    until: date | None = None,
    topic: str | None = None,
) -> list[Linked]:
    """Meetings in date order: all, or those `participant` (id or name) took part in, dated in [since, until],
    that discussed `topic` (an id or a name of any node).
    """
    who = resolve(store, participant, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant") if participant else None
    about = resolve(store, topic, EDGE_TARGETS[EdgeType.DISCUSSED], "topic") if topic else None
    found = store.meetings(who)
    if since or until:
        found = [m for m in found if in_window(node_date(m.node), since, until)]
    if about:
        found = [m for m in found if any(e.type is EdgeType.DISCUSSED and e.target == about for e in m.edges)]
    return found


class CoParticipant(BaseModel):
    """Someone who met the participant asked about, how often, and when last."""

    node: Node
    meetings: int = Field(description="How many meetings both took part in.")
    last: str | None = Field(default=None, description="Date of the latest of those meetings, when known.")
    meeting_ids: list[str]


def co_participants(store: Store, participant: str) -> list[CoParticipant]:
    """Everyone who took part in a meeting with `participant` (id or name), most meetings first."""
    who = resolve(store, participant, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant")
    met: dict[str, list[Linked]] = {}
    nodes: dict[str, Node] = {}
    for meeting in store.meetings(who):
        others = {n.id: n for n in meeting.neighbors}
        for edge in meeting.edges:
            if edge.type is EdgeType.PARTICIPATED_IN and edge.target == meeting.node.id and edge.source != who:
                nodes[edge.source] = others[edge.source]
                met.setdefault(edge.source, []).append(meeting)
    out = []
    for other, together in met.items():
        dates = sorted(d for d in (node_date(m.node) for m in together) if d)
        ids = sorted({m.node.id for m in together})
        last = dates[-1] if dates else None
        out.append(CoParticipant(node=nodes[other], meetings=len(ids), last=last, meeting_ids=ids))
    return sorted(out, key=lambda c: (-c.meetings, c.node.name, c.node.id))
