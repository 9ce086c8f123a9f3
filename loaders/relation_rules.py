"""Other relations: responses, reports, belonging, and what meetings discussed."""

from __future__ import annotations

import itertools

from loaders.measures import MeasureRef
from loaders.meetings import MeetingRef
from loaders.mentions import Label, Mention, Sentence
from loaders.reader import Actor, ReaderBase
from ontology.terms import EdgeType, EntityKind, NodeType


class RelationRules(ReaderBase):
    """RESPONDS_TO, REPORTED, PART_OF and DISCUSSED."""

    def _responses(self, s: Sentence, refs: list[MeasureRef], meetings: list[tuple[MeetingRef, Mention]]) -> None:
        for phrase in s.of(Label.RESPOND_PHRASES):
            cause = next((r for r in reversed(refs) if r.start < phrase.start and not r.change), None)
            cause = cause or next((r for r in reversed(refs) if r.start < phrase.start), None)
            later = [(r.start, r) for r in refs if r.start > phrase.end] + [
                (h.start, mid) for mid, h in meetings if h.start > phrase.end
            ]
            if cause is None or not later:
                continue
            _, effect = min(later, key=lambda x: x[0])
            self._fact(s, EdgeType.RESPONDS_TO, cause, effect)
            cause.used = True
            if isinstance(effect, MeasureRef):
                effect.used = True

    def _reports(
        self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], meetings: list[tuple[MeetingRef, Mention]]
    ) -> None:
        media = [a for a in actors if a.node.attributes.get("kind") == EntityKind.MEDIA.value]
        for outlet in media:
            verb_after = next((v for v in s.of(Label.REPORT_BEFORE) if 0 < v.start - outlet.end <= 2), None)
            verb_before = next((v for v in s.of(Label.REPORT_AFTER) if 0 < outlet.start - v.end <= 2), None)
            if verb_after:
                bases = {id(r.change[1]) for r in refs if r.change}
                items = [r for r in refs if r.start > verb_after.end and id(r) not in bases]
                items += [m for m, h in meetings if h.start > verb_after.end]
            elif verb_before:
                items = [r for r in refs if r.end < verb_before.start][-1:]
            else:
                continue
            for item in items:
                self._fact(s, EdgeType.REPORTED, outlet.id, item)
                if isinstance(item, MeasureRef):
                    item.used = True

    def _part_of(self, s: Sentence, actors: list[Actor]) -> None:
        orgs = [a for a in actors if a.node.type in (NodeType.MINISTRY, NodeType.ENTITY)]
        for phrase in s.of(Label.PART_OF_PHRASES):
            whole = next((a for a in orgs if 0 <= a.start - phrase.end <= 5), None)
            part = next((a for a in reversed(orgs) if a.end <= phrase.start), None)
            if whole and part:
                self._fact(s, EdgeType.PART_OF, part.id, whole.id)
        for first, second in itertools.pairwise(orgs):
            if (
                s.text[first.end - s.start : second.start - s.start] in ("'s ", "’s ")
                and second.node.type is NodeType.MINISTRY
                and self.gaz.state_of(second.id) == first.id
            ):
                self._fact(s, EdgeType.PART_OF, second.id, first.id)

    def _discussed(
        self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], meetings: list[tuple[MeetingRef, Mention]]
    ) -> None:
        topics = [r for r in refs if not any(f.source is r and f.type is EdgeType.RESPONDS_TO for f in self.facts)]
        if meetings:
            for meeting, _ in meetings:
                for ref in topics:
                    self._fact(s, EdgeType.DISCUSSED, meeting, ref)
                    ref.used = True
            return
        if self.meeting and any(a.id in self.meeting.participants for a in actors):
            for ref in topics:
                self._fact(s, EdgeType.DISCUSSED, self.meeting, ref)
                ref.used = True
