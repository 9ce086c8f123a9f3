"""Meeting references and how a document's mentions of meetings become meeting nodes.

A piece of news names one event several ways: "the talks on Saturday and
Sunday", "the Geneva talks", "the talks". Each mention becomes a `MeetingRef`;
once the document is read, `resolve` groups the mentions of one kind that
nothing tells apart (no two different dates or places, no two disjoint pairs of
participants) and keys each group by the most telling thing known of it: its
date, else its place and year, else its participants. Two meetings of one kind
on one day are two nodes, keyed apart by their place and participants. The key
is what lets another document find the same node.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ontology.contract import Node
from ontology.ids import node_id
from ontology.terms import MeetingKind, NodeType


@dataclass(eq=False)
class MeetingRef:
    """One mention of a meeting, with what its sentence says about it."""

    kind: MeetingKind
    name: str
    start: int
    date: str | None = None
    date_text: str | None = None
    location: str | None = None
    participants: set[str] = field(default_factory=set)
    #: The place is a whole country ("talks in Switzerland"), which may hold the city another mention names.
    national: bool = False
    #: "the talks": refers back to the last meeting of its kind rather than naming a new one.
    definite: bool = False
    resolved: list[str] = field(default_factory=list)


def _fits(ref: MeetingRef, group: list[MeetingRef]) -> bool:
    dates = {r.date for r in group if r.date}
    places = {r.location for r in group if r.location}
    # A country and a city do not contradict each other; two countries or two cities do.
    rivals = {r.location for r in group if r.location and r.national == ref.national}
    if ref.kind is not group[0].kind or (ref.date and dates - {ref.date}) or (ref.location and rivals - {ref.location}):
        return False
    people = {p for r in group for p in r.participants}
    if len(ref.participants) >= 2 and len(people) >= 2 and not ref.participants & people:
        return False
    # A country and a city named in one document for one kind of meeting place the same meeting.
    nested = {r.location for r in group if r.location and r.national != ref.national}
    shared = (ref.date and ref.date in dates) or (ref.location and (ref.location in places or nested))
    return bool(shared or ref.definite or not (ref.date or ref.location))


def _city_first(group: list[MeetingRef]) -> list[MeetingRef]:
    """The group's mentions with those placed in a city before those placed in a country: a city says more."""
    return sorted(group, key=lambda r: r.national)


def _key(group: list[MeetingRef], year: int | None, distinguish: bool = False) -> str:
    """Kind and date, else place and year, else participants; `distinguish` adds place and participants to a date."""
    kind = group[0].kind.value
    date = next((r.date for r in group if r.date), None)
    place = next((r.location for r in _city_first(group) if r.location), None)
    people = sorted({p.split(":", 1)[1] for r in group for p in r.participants})
    if date and distinguish:
        return "-".join([kind, date, *([place] if place else []), *people])
    if date:
        return f"{kind}-{date}"
    if place:
        return f"{kind}-{place}-{year or 'undated'}"
    return "-".join([kind, str(year or "undated"), *people])


def resolve(refs: list[MeetingRef], year: int | None) -> list[Node]:
    """Group the mentions, give each its node id, and return the meeting nodes."""
    groups: list[list[MeetingRef]] = []
    for ref in refs:
        candidates = [g for g in groups if _fits(ref, g)]
        if ref.definite and candidates:
            candidates[-1].append(ref)
        elif candidates and not ref.definite:
            candidates[0].append(ref)
        elif ref.date or ref.location or ref.participants:
            groups.append([ref])
    nodes = []
    plain = Counter(_key(g, year) for g in groups)
    for group in groups:
        ident = node_id(NodeType.MEETING, _key(group, year, distinguish=plain[_key(group, year)] > 1))
        first = group[0]
        attributes = {"kind": first.kind.value}
        for attr in ("date", "date_text", "location"):
            value = next((getattr(r, attr) for r in _city_first(group) if getattr(r, attr)), None)
            if value:
                attributes[attr] = value
        aliases = list(dict.fromkeys(r.name for r in group[1:] if r.name != first.name))
        nodes.append(Node(id=ident, type=NodeType.MEETING, name=first.name, aliases=aliases, attributes=attributes))
        for ref in group:
            ref.resolved = [ident]
    return nodes
