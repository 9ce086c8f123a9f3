"""Measure references and how a document's references become measure nodes.

A sentence may name a measure specifically ("Announcement No. 21", "export
controls on seven rare earths on April 4"), generically ("REE export
controls"), by anaphora ("the move") or as a change to another measure
("softening of REE export controls"). Each becomes a `MeasureRef`; once the
whole document is read, `resolve` decides which node each stands for. A
generic reference joins the specific measures of the document it is compatible
with (same kind, no conflicting issuer, object or target), as the contract's
reading rules ask; otherwise it is a node of its own only if something is said
about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ontology.ids import node_id, slug
from ontology.terms import MeasureKind, NodeType


@dataclass(eq=False)
class MeasureRef:
    """One mention of a measure, with everything the sentence says about it."""

    kind: MeasureKind
    name: str
    start: int
    end: int
    issuers: list[str] = field(default_factory=list)
    issuer_state: str | None = None
    covers: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)
    announced: str | None = None
    #: When it took or takes effect, where the text says so ("banned since July 2023", "from 1 December").
    effective: str | None = None
    date_text: str | None = None
    duration_days: int | None = None
    instrument: str | None = None
    law: bool = False
    #: A change to another measure: (the change, e.g. "easing" or "suspension", the measure changed).
    change: tuple[str, MeasureRef] | None = None
    anaphor: bool = False
    #: Another measure of the text changes it ("the policy removes the temporary controls"): a measure of its
    #: own, which a generic wording must not merge into the specific measures of the document.
    apart: bool = False
    status: str | None = None
    #: Where else the sentence names it: the words of a measure it absorbed ("the ban ... under Order No. 5").
    spans: list[tuple[int, int]] = field(default_factory=list)
    #: The other wordings it was named by in that sentence, kept as the node's aliases.
    aliases: list[str] = field(default_factory=list)
    #: Something is said about it (issued, proposed, reported...), so it deserves a node of its own.
    used: bool = False
    resolved: list[str] = field(default_factory=list)

    def holds(self, char: int) -> bool:
        """Whether the character at this document offset is one of the words that name it."""
        return any(start <= char < end for start, end in [(self.start, self.end), *self.spans])

    @property
    def specific(self) -> bool:
        """Named by an instrument or a law, or dated to the day: it identifies one measure (an anaphor, dated
        or not, stands for the measure it points back to)."""
        if self.anaphor:
            return False
        return bool(self.instrument or self.law or (self.announced and len(self.announced) == 10))


def topics_of(text: str, topics: dict[str, list[str]]) -> set[str]:
    """The topics (the lexicon's `topics`) a phrase is about."""
    lowered = text.lower()
    return {topic for topic, words in topics.items() if any(w in lowered for w in words)}


def _compatible(ref: MeasureRef, other: MeasureRef, unknown_joins: bool = False) -> bool:
    """Nothing known of the two contradicts their being one measure: kinds, issuers, dates, topics, targets
    (an unknown kind joins a known one only on a shared topic, unless `unknown_joins`: a measure dated to the
    day and the one instrument of its document with an issuer in common; a law joins only a law)."""
    if MeasureKind.OTHER not in (ref.kind, other.kind) and ref.kind is not other.kind:
        return False
    if ref.kind is not other.kind and not ref.topics & other.topics and not unknown_joins:
        return False
    if ref.law != other.law:
        return False
    dates = (ref.announced or "", other.announced or "")
    if all(dates) and not (dates[0].startswith(dates[1]) or dates[1].startswith(dates[0])):
        return False
    if _before(ref.effective, other.announced) or _before(other.effective, ref.announced):
        return False
    if ref.issuer_state and other.issuer_state and ref.issuer_state != other.issuer_state:
        return False
    if ref.topics and other.topics and not ref.topics & other.topics:
        return False
    return not (ref.targets and other.targets and not set(ref.targets) & set(other.targets))


def _closest(ref: MeasureRef, matches: list[MeasureRef]) -> list[MeasureRef]:
    """Of the specific measures a generic wording could be, those that share the most with it (goods covered,
    topics, issuers): "the ban on gallium" is the instrument covering gallium, not every instrument of the text.
    With nothing shared, all of them."""

    def shared(other: MeasureRef) -> int:
        return (
            2 * len(set(ref.covers) & set(other.covers))
            + len(ref.topics & other.topics)
            + len(set(ref.issuers) & set(other.issuers))
        )

    best = max(map(shared, matches), default=0)
    return [m for m in matches if shared(m) == best]


def _before(effective: str | None, announced: str | None) -> bool:
    """In effect before the other was announced (compared at the precision both give): not the same measure."""
    if not effective or not announced:
        return False
    size = min(len(effective), len(announced))
    return effective[:size] < announced[:size]


def change_kind(change: str | None, base: MeasureKind, kinds: dict) -> MeasureKind:
    """The kind of a change to a measure: the base's own (a duty cut is a tariff, a ban's removal a ban), but
    the lexicon's `change_kinds` for changes to export controls (easing them is licensing)."""
    if change is not None and base is MeasureKind.EXPORT_CONTROL:
        return kinds.get(change, base)
    return base


def measure_key(ref: MeasureRef, document_key: str) -> str:
    """The canonical key of the measure a reference names, so that other documents find the same node."""
    state = (ref.issuer_state or "").split(":")[-1]
    if ref.instrument:
        return ref.instrument
    if ref.law:
        return f"{state}-{ref.name}"
    if ref.change:
        change, base = ref.change
        actor = ref.issuers[0].split(":")[-1] if ref.issuers else state
        bases = "-".join(sorted(b.split(":")[-1] for b in base.resolved)) or slug(base.name)
        if change == "suspension":
            # One document's suspensions of one measure by one state are one act, however each names the actor.
            return f"{state or actor}-suspension-{document_key}-{bases}"
        return f"{actor}-{change}-{bases}"
    if ref.announced:
        return f"{state}-{ref.kind.value}-{ref.announced}"
    if len(ref.name.split()) == 1:
        # A bare head ("the notice", "tariffs") tells nothing that another document could recognise it by.
        return f"{state}-{ref.kind.value}-{ref.name}-{document_key}"
    return f"{state}-{ref.kind.value}-{ref.name}"


def resolve(refs: list[MeasureRef], document_key: str) -> None:
    """Give every reference the node ids it stands for (possibly none).

    Specific references first (one dated to the day joins the one instrument of
    the document it is compatible with); then generic ones that match a specific measure;
    then changes (whose keys need their base); then the remaining generic
    references, which join a change of their kind ("the suspension") or become
    nodes of their own when something is said about them; anaphors last.
    """
    _date_antecedents(refs)
    specific = [r for r in refs if r.specific]
    for ref in specific:
        ref.resolved = [node_id(NodeType.MEASURE, measure_key(ref, document_key))]
    instruments = [r for r in specific if r.instrument and not r.change]
    for ref in specific:
        # A report describes a measure by its day, then names its instrument: with one instrument it could be, one.
        named = [r for r in instruments if _compatible(ref, r, unknown_joins=bool(set(ref.issuers) & set(r.issuers)))]
        if not (ref.instrument or ref.law or ref.change) and len(named) == 1:
            ref.resolved = named[0].resolved
    generic = [r for r in refs if not (r.specific or r.anaphor or r.change or r.apart)]
    for ref in generic:
        matches = _closest(ref, [r for r in specific if _compatible(ref, r)])
        ref.resolved = list(dict.fromkeys(i for r in matches for i in r.resolved))
    for ref in refs:
        if ref.change and ref.issuers:
            base = ref.change[1]
            if base.anaphor and not base.resolved:
                base.resolved = _antecedent(base, refs)
            if not base.resolved and base.used:
                base.resolved = [node_id(NodeType.MEASURE, measure_key(base, document_key))]
            ref.resolved = [node_id(NodeType.MEASURE, measure_key(ref, document_key))]
    changes = [r for r in refs if r.change and r.resolved]
    for ref in refs:
        if ref.resolved or (ref.change and ref.issuers):
            continue
        same_kind = [r for r in changes if r.kind is ref.kind]
        if ref.anaphor:
            ref.resolved = _antecedent(ref, refs)
        elif same_kind and ref.status != "proposed":
            # "The suspension" is the change the document made; a measure only threatened is not.
            ref.resolved = list(dict.fromkeys(i for r in same_kind for i in r.resolved))
        elif not ref.change and (ref.used or ref.issuers or ref.duration_days):
            ref.resolved = [node_id(NodeType.MEASURE, measure_key(ref, document_key))]


def _date_antecedents(refs: list[MeasureRef]) -> None:
    """A dated anaphor ("the rule, set out on 4 April, ...") dates the measure it points back to, before keys
    are made, so that the measure is known by its day in every document."""
    for ref in refs:
        if not (ref.anaphor and ref.announced):
            continue
        earlier = [
            r
            for r in refs
            if r.start < ref.start
            and not (r.anaphor or r.law or r.change)
            and (r.used or r.specific)
            and (ref.kind is MeasureKind.OTHER or r.kind is ref.kind)
        ]
        if earlier and not earlier[-1].announced:
            earlier[-1].announced, earlier[-1].date_text = ref.announced, ref.date_text


def _antecedent(ref: MeasureRef, refs: list[MeasureRef]) -> list[str]:
    """What an anaphor ("the move") points back to: the nearest earlier reference that names a node."""
    earlier = [r for r in refs if r.start < ref.start and r is not ref and (r.resolved or r.change)]
    for other in reversed(earlier):
        if other.resolved and (ref.kind is MeasureKind.OTHER or other.kind is ref.kind):
            return other.resolved
    return []
