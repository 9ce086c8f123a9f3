"""The rules every store shares: how graphs merge, and when a measure is in force."""

from __future__ import annotations

from datetime import date

import pytest

from graph.store import Linked, is_in_force, merge_graphs
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.terms import EdgeType, NodeType


def official(name: str, aliases: list[str], **attributes: object) -> Node:
    return Node(id="official:x", type=NodeType.OFFICIAL, name=name, aliases=aliases, attributes=attributes)


def holds_post(text: str, **attributes: object) -> Edge:
    evidence = [Evidence(document="document:d", start=0, end=len(text), text=text)]
    return Edge(
        source="official:x", type=EdgeType.HOLDS_POST, target="ministry:m", attributes=attributes, evidence=evidence
    )


def test_merging_keeps_first_values_and_gathers_aliases_and_evidence() -> None:
    ministry = Node(id="ministry:m", type=NodeType.MINISTRY, name="Ministry")
    first = GraphData(nodes=[official("Ann Lee", ["A. Lee"]), ministry], edges=[holds_post("Minister Ann Lee")])
    second = GraphData(
        nodes=[official("Lee", ["Ann Lee", "Minister Lee", "A. Lee"])],
        edges=[holds_post("Lee, the minister", title="Minister"), holds_post("Minister Ann Lee")],
    )

    merged = merge_graphs([first, second])

    [person] = [n for n in merged.nodes if n.id == "official:x"]
    assert person.name == "Ann Lee"
    assert person.aliases == ["A. Lee", "Lee", "Minister Lee"]
    [edge] = merged.edges
    assert edge.attributes == {"title": "Minister"}
    assert [e.text for e in edge.evidence] == ["Minister Ann Lee", "Lee, the minister"]


def test_merging_a_graph_with_itself_changes_nothing() -> None:
    ministry = Node(id="ministry:m", type=NodeType.MINISTRY, name="Ministry")
    data = GraphData(nodes=[official("Ann Lee", ["A. Lee"]), ministry], edges=[holds_post("Minister Ann Lee")])
    once = merge_graphs([data])
    assert merge_graphs([once, data]) == once
    assert [n.id for n in once.nodes] == ["ministry:m", "official:x"]


def measure(**attributes: object) -> Node:
    return Node(id="measure:m", type=NodeType.MEASURE, name="A measure", attributes=attributes)


@pytest.mark.parametrize(
    ("attributes", "day", "expected"),
    [
        ({"effective": "2025-04-04"}, date(2025, 4, 4), True),
        ({"effective": "2025-04-04"}, date(2025, 4, 3), False),
        ({"announced": "2025-04-04"}, date(2025, 5, 1), True),
        ({"announced": "2025-04-01", "effective": "2025-05-01"}, date(2025, 4, 15), False),
        ({"effective": "2025-05-14", "expires": "2025-08-12"}, date(2025, 8, 11), True),
        ({"effective": "2025-05-14", "expires": "2025-08-12"}, date(2025, 8, 12), False),
        ({"effective": "2025-04"}, date(2025, 4, 1), True),
        ({"effective": "2025"}, date(2024, 12, 31), False),
        ({"effective": "2025-05-14", "expires": "2026-11"}, date(2026, 10, 31), True),
        ({"effective": "2025-05-14", "expires": "2026-11"}, date(2026, 11, 5), False),
        ({"effective": "2025-04-04", "status": "proposed"}, date(2025, 6, 1), False),
        ({"effective": "2025-04-04", "status": "reported"}, date(2025, 6, 1), False),
        ({"effective": "2025-04-04", "status": "suspended"}, date(2025, 6, 1), True),
        ({"status": "in_force"}, date(2025, 6, 1), False),
    ],
)
def test_in_force_on_a_day(attributes: dict[str, object], day: date, expected: bool) -> None:
    assert is_in_force(measure(**attributes), day) is expected


def test_others_follows_one_edge_type_in_one_direction() -> None:
    """A meeting's participants point to it; a measure's elements are pointed to; other types and ends stay out."""
    meeting = Node(id="meeting:m", type=NodeType.MEETING, name="talks")
    ann, bo = (Node(id=f"official:{n}", type=NodeType.OFFICIAL, name=n) for n in ("ann", "bo"))
    topic = Node(id="measure:t", type=NodeType.MEASURE, name="quota")
    evidence = [Evidence(document="document:d", start=0, end=5, text="talks")]
    edges = [
        Edge(source="official:bo", type=EdgeType.PARTICIPATED_IN, target="meeting:m", evidence=evidence),
        Edge(source="official:ann", type=EdgeType.PARTICIPATED_IN, target="meeting:m", evidence=evidence),
        Edge(source="meeting:m", type=EdgeType.DISCUSSED, target="measure:t", evidence=evidence),
    ]
    linked = Linked(node=meeting, edges=edges, neighbors=[ann, bo, topic])
    assert [n.name for n in linked.others(EdgeType.PARTICIPATED_IN, incoming=True)] == ["bo", "ann"]
    assert linked.others(EdgeType.PARTICIPATED_IN) == []
    assert linked.others(EdgeType.DISCUSSED) == [topic]
    assert linked.others(EdgeType.DISCUSSED, incoming=True) == []
