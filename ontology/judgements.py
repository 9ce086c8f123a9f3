"""Judgements of identity: the record that two node ids are, or are not, one thing.

Modelled on nomenklatura's resolver: every merge the loader makes across
documents is a *positive* judgement naming the node kept (`canonical`), the id
folded into it (`merged`), the rule that matched and why; undoing a merge adds a
*negative* judgement for the same pair, which every later load respects. The
latest judgement on a pair is the one in force, so a pair can be judged again.
Judgements are facts about ids, not about a store: the same file of them serves
both backends (`graph.judgements` keeps it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from ontology.contract import Node
from ontology.terms import NodeType


class Verdict(StrEnum):
    """Whether the two ids are one thing."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class Rule(StrEnum):
    """What made (or unmade) a judgement."""

    INSTRUMENT = "instrument"
    ISSUER_DATE_ITEMS = "issuer_date_items"
    SAME_CHANGE = "same_change"
    SAME_NAME = "same_name"
    FUZZY_NAME = "fuzzy_name"
    MEETING = "meeting"
    USER = "user"


class Judgement(BaseModel):
    """One decision on a pair of ids; `id` is derived from the pair and the verdict, so it is stable."""

    id: str
    verdict: Verdict
    canonical: str = Field(description="The node kept.")
    merged: str = Field(description="The id judged to be (or not to be) the same thing.")
    type: NodeType
    names: list[str] = Field(default_factory=list, description="The two names, as read.")
    rule: Rule
    reason: str
    score: float | None = None
    documents: list[str] = Field(default_factory=list, description="Documents the merged id was read from.")
    node: Node | None = Field(default=None, description="The merged node as it was read, to restore it on undo.")
    created: str = ""
    undoes: str | None = Field(default=None, description="The judgement a negative one reverses.")


def judgement_id(canonical: str, merged: str, verdict: Verdict) -> str:
    """A short id that names the same decision on the same pair in every run."""
    pair = "\x00".join([*sorted((canonical, merged)), verdict.value])
    return "j-" + hashlib.sha256(pair.encode("utf-8")).hexdigest()[:10]


def judge(
    verdict: Verdict,
    canonical: str,
    merged: str,
    node_type: NodeType,
    rule: Rule,
    reason: str,
    **more: object,
) -> Judgement:
    """A new judgement, stamped with its id and the time it was made."""
    return Judgement(
        id=judgement_id(canonical, merged, verdict),
        verdict=verdict,
        canonical=canonical,
        merged=merged,
        type=node_type,
        rule=rule,
        reason=reason,
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        **more,
    )


class Judgements:
    """The judgements in force, with the lookups resolution needs: where an id was merged, which pairs never merge."""

    def __init__(self, items: Iterable[Judgement] = ()) -> None:
        self.items: list[Judgement] = []
        self._by_pair: dict[frozenset[str], Judgement] = {}
        for item in items:
            self.add(item)

    def add(self, item: Judgement) -> None:
        """Record a judgement; it replaces any earlier one on the same pair."""
        self.items.append(item)
        self._by_pair[frozenset((item.canonical, item.merged))] = item

    def get(self, judgement: str) -> Judgement | None:
        """The judgement with that id, or None."""
        return next((j for j in reversed(self.items) if j.id == judgement), None)

    def in_force(self) -> list[Judgement]:
        """The latest judgement on each pair, oldest first."""
        latest = set(map(id, self._by_pair.values()))
        return [j for j in self.items if id(j) in latest]

    def canonical(self, node_id: str) -> str:
        """The id a node id is merged into, following chains of merges; itself when it is merged nowhere."""
        seen = {node_id}
        merges = {j.merged: j.canonical for j in self._by_pair.values() if j.verdict is Verdict.POSITIVE}
        while node_id in merges and merges[node_id] not in seen:
            node_id = merges[node_id]
            seen.add(node_id)
        return node_id

    def members(self, canonical: str) -> set[str]:
        """The ids merged into `canonical`, itself included."""
        merged = {j.merged for j in self._by_pair.values() if j.verdict is Verdict.POSITIVE}
        return {canonical} | {m for m in merged if self.canonical(m) == canonical}

    def apart(self, left: Iterable[str], right: Iterable[str]) -> bool:
        """Whether a negative judgement in force separates any id of `left` from any of `right`."""
        negative = {pair for pair, j in self._by_pair.items() if j.verdict is Verdict.NEGATIVE}
        others = set(right)
        return any(frozenset((a, b)) in negative for a in left for b in others)
