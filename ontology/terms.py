"""The vocabulary of shared/CONTRACT.md as Python enums and tables.

Generated from ontology/policygraph.ttl by `python -m ontology.generate`; do not edit.
"""

from enum import StrEnum

CONTRACT_VERSION = 1


class NodeType(StrEnum):
    """Node types: each is a class of the ontology."""

    DOCUMENT = "Document"
    ELEMENT = "Element"
    ENTITY = "Entity"
    MATERIAL = "Material"
    MEASURE = "Measure"
    MEETING = "Meeting"
    MINISTRY = "Ministry"
    OFFICIAL = "Official"
    SECTOR = "Sector"


class EdgeType(StrEnum):
    """Edge types: each is an object property of the ontology."""

    AFFECTS = "AFFECTS"
    BASED_ON = "BASED_ON"
    COVERS = "COVERS"
    DISCUSSED = "DISCUSSED"
    HOLDS_POST = "HOLDS_POST"
    ISSUED = "ISSUED"
    MENTIONED_IN = "MENTIONED_IN"
    MODIFIES = "MODIFIES"
    PARTICIPATED_IN = "PARTICIPATED_IN"
    PART_OF = "PART_OF"
    PROPOSED = "PROPOSED"
    REPORTED = "REPORTED"
    RESPONDS_TO = "RESPONDS_TO"
    SUSPENDS = "SUSPENDS"
    TARGETS = "TARGETS"


class EntityKind(StrEnum):
    """Values of `kind` on Entity."""

    STATE = "state"
    BLOC = "bloc"
    COMPANY = "company"
    MEDIA = "media"
    PARTY = "party"
    FORUM = "forum"
    GROUP = "group"
    OTHER = "other"


class MeasureKind(StrEnum):
    """Values of `kind` on Measure."""

    EXPORT_CONTROL = "export_control"
    LICENSING = "licensing"
    SUSPENSION = "suspension"
    TARIFF = "tariff"
    TRUCE = "truce"
    LISTING = "listing"
    LAW = "law"
    OTHER = "other"


class MeasureStatus(StrEnum):
    """Values of `status` on Measure."""

    PROPOSED = "proposed"
    REPORTED = "reported"
    ANNOUNCED = "announced"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    LIFTED = "lifted"


class MeetingKind(StrEnum):
    """Values of `kind` on Meeting."""

    MEETING = "meeting"
    CALL = "call"
    TALKS = "talks"
    SYMPOSIUM = "symposium"
    BRIEFING = "briefing"


class ParticipationRole(StrEnum):
    """Values of `role` on PARTICIPATED_IN."""

    HOST = "host"
    PARTICIPANT = "participant"


EDGE_SOURCES: dict[EdgeType, frozenset[NodeType]] = {
    EdgeType.AFFECTS: frozenset({NodeType.MEASURE}),
    EdgeType.BASED_ON: frozenset({NodeType.MEASURE}),
    EdgeType.COVERS: frozenset({NodeType.MEASURE}),
    EdgeType.DISCUSSED: frozenset({NodeType.MEETING}),
    EdgeType.HOLDS_POST: frozenset({NodeType.OFFICIAL}),
    EdgeType.ISSUED: frozenset({NodeType.ENTITY, NodeType.MINISTRY, NodeType.OFFICIAL}),
    EdgeType.MENTIONED_IN: frozenset({
        NodeType.ELEMENT,
        NodeType.ENTITY,
        NodeType.MATERIAL,
        NodeType.MEASURE,
        NodeType.MEETING,
        NodeType.MINISTRY,
        NodeType.OFFICIAL,
        NodeType.SECTOR,
    }),
    EdgeType.MODIFIES: frozenset({NodeType.MEASURE}),
    EdgeType.PARTICIPATED_IN: frozenset({NodeType.ENTITY, NodeType.MINISTRY, NodeType.OFFICIAL}),
    EdgeType.PART_OF: frozenset({NodeType.ENTITY, NodeType.MEASURE, NodeType.MINISTRY}),
    EdgeType.PROPOSED: frozenset({NodeType.ENTITY, NodeType.MINISTRY, NodeType.OFFICIAL}),
    EdgeType.REPORTED: frozenset({NodeType.ENTITY}),
    EdgeType.RESPONDS_TO: frozenset({NodeType.MEASURE}),
    EdgeType.SUSPENDS: frozenset({NodeType.MEASURE}),
    EdgeType.TARGETS: frozenset({NodeType.MEASURE}),
}

EDGE_TARGETS: dict[EdgeType, frozenset[NodeType]] = {
    EdgeType.AFFECTS: frozenset({NodeType.ENTITY, NodeType.SECTOR}),
    EdgeType.BASED_ON: frozenset({NodeType.MEASURE}),
    EdgeType.COVERS: frozenset({NodeType.ELEMENT, NodeType.MATERIAL}),
    EdgeType.DISCUSSED: frozenset({
        NodeType.ELEMENT,
        NodeType.ENTITY,
        NodeType.MATERIAL,
        NodeType.MEASURE,
        NodeType.MEETING,
        NodeType.MINISTRY,
        NodeType.OFFICIAL,
        NodeType.SECTOR,
    }),
    EdgeType.HOLDS_POST: frozenset({NodeType.ENTITY, NodeType.MINISTRY}),
    EdgeType.ISSUED: frozenset({NodeType.MEASURE}),
    EdgeType.MENTIONED_IN: frozenset({NodeType.DOCUMENT}),
    EdgeType.MODIFIES: frozenset({NodeType.MEASURE}),
    EdgeType.PARTICIPATED_IN: frozenset({NodeType.MEETING}),
    EdgeType.PART_OF: frozenset({NodeType.ENTITY, NodeType.MEASURE, NodeType.MINISTRY}),
    EdgeType.PROPOSED: frozenset({NodeType.MEASURE}),
    EdgeType.REPORTED: frozenset({NodeType.MEASURE, NodeType.MEETING}),
    EdgeType.RESPONDS_TO: frozenset({NodeType.MEASURE, NodeType.MEETING}),
    EdgeType.SUSPENDS: frozenset({NodeType.MEASURE}),
    EdgeType.TARGETS: frozenset({NodeType.ENTITY, NodeType.MINISTRY}),
}

NODE_ATTRIBUTES: dict[NodeType, tuple[str, ...]] = {
    NodeType.DOCUMENT: ("loaded", "published", "source", "title"),
    NodeType.ELEMENT: ("atomic_number", "symbol", "wikidata"),
    NodeType.ENTITY: ("kind", "wikidata"),
    NodeType.MATERIAL: (),
    NodeType.MEASURE: (
        "announced",
        "date_text",
        "duration_days",
        "effective",
        "expires",
        "instrument",
        "kind",
        "status",
        "status_date",
    ),
    NodeType.MEETING: ("date", "date_text", "end_date", "kind", "location"),
    NodeType.MINISTRY: ("wikidata",),
    NodeType.OFFICIAL: ("wikidata",),
    NodeType.SECTOR: (),
}

EDGE_ATTRIBUTES: dict[EdgeType, tuple[str, ...]] = {
    EdgeType.AFFECTS: (),
    EdgeType.BASED_ON: (),
    EdgeType.COVERS: (),
    EdgeType.DISCUSSED: (),
    EdgeType.HOLDS_POST: ("title",),
    EdgeType.ISSUED: (),
    EdgeType.MENTIONED_IN: (),
    EdgeType.MODIFIES: (),
    EdgeType.PARTICIPATED_IN: ("role",),
    EdgeType.PART_OF: (),
    EdgeType.PROPOSED: (),
    EdgeType.REPORTED: (),
    EdgeType.RESPONDS_TO: (),
    EdgeType.SUSPENDS: (),
    EdgeType.TARGETS: (),
}

VALUE_LISTS: dict[tuple[str, str], type[StrEnum]] = {
    ("Entity", "kind"): EntityKind,
    ("Measure", "kind"): MeasureKind,
    ("Measure", "status"): MeasureStatus,
    ("Meeting", "kind"): MeetingKind,
    ("PARTICIPATED_IN", "role"): ParticipationRole,
}
