"""The actor pattern family (`patterns/actor_syntax.json`): what each relation says and the roles it binds.

Titles to people, bodies to owners, outlets to what they report, and parties,
hosts and places to meetings are read by spaCy's `DependencyMatcher`
(`loaders.dependencies` loads, validates and compiles the file); the rules of
`loaders.actor_rules`, `loaders.meeting_rules` and `loaders.relation_rules`
read the matches through `ReaderBase._syntax`.
"""

from __future__ import annotations

from enum import StrEnum

from loaders.dependencies import PATTERNS, PatternFile, load


class Relation(StrEnum):
    """What an actor pattern says, and the two roles it binds (`ROLES`)."""

    #: A title that belongs to a person: "Premier X", "X, the trade minister", "the minister, X".
    TITLE_OF = "title_of"
    #: A body that belongs to another: "the X under the Y", "the Y's X", "X, a subsidiary of Y".
    PART_OF = "part_of"
    #: An outlet that carries the news of its clause: "X reported that", "according to X".
    REPORTS = "reports"
    #: A party to a meeting: "the G7 summit", "X's state visit", "X told a press conference".
    PARTY_OF = "party_of"
    #: The party that held a meeting: "X hosted talks", "a forum hosted by X".
    HOST_OF = "host_of"
    #: Where a meeting took place: "the summit held in X", "talks in X", "a visit to X".
    PLACE_OF = "place_of"


ROLES: dict[Relation, tuple[str, str]] = {
    Relation.TITLE_OF: ("title", "person"),
    Relation.PART_OF: ("part", "whole"),
    Relation.REPORTS: ("outlet", "verb"),
    Relation.PARTY_OF: ("party", "meeting"),
    Relation.HOST_OF: ("party", "meeting"),
    Relation.PLACE_OF: ("place", "meeting"),
}
SYNTAX = load(PATTERNS / "actor_syntax.json", PatternFile[Relation], ROLES)
