"""Other relations: responses, reports, belonging, and what meetings discussed."""

from __future__ import annotations

import itertools
import re

from loaders.measures import MeasureRef
from loaders.meetings import MeetingRef
from loaders.mentions import Label, Mention, Sentence
from loaders.reader import Actor, ReaderBase
from loaders.syntax import agents, objects
from ontology.terms import EdgeType, EntityKind, MeasureKind, NodeType

#: What may stand between a part and "owned by", "a unit of": a parenthesis, an appositive noun, a copula.
_ADJOINING = re.compile(
    r"\s*(?:\([^)]*\))?\s*,?\s*(?:(?:a|an|the)\s+[\w\s-]{0,40}?)?"
    r"\s*(?:which\s+|that\s+)?(?:is|was|are|were|has been|have been|had been)?\s*"
)
_NO_STATE_OWNERS = (EntityKind.COMPANY.value, EntityKind.MEDIA.value)


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

    def _bases(self, s: Sentence, refs: list[MeasureRef]) -> None:
        """BASED_ON: "in accordance with the X Law and the Y Regulations": each law after the phrase is a basis
        of the sentence's other measures, or, where it names none, of the last one the document named. An
        agreement after the phrase is implemented instead: "under the deal, X will cut its duty" MODIFIES it."""
        for phrase in s.of(Label.BASIS_PHRASES):
            self._implements(s, refs, phrase)
            laws = [r for r in refs if r.law and r.start >= phrase.end]
            if not laws:
                continue
            measures = [r for r in refs if not r.law and not r.anaphor]
            earlier = [r for r in self.measures if not r.law and not r.anaphor and r.start < s.start]
            for measure in measures or earlier[-1:]:
                for law in laws:
                    self._fact(s, EdgeType.BASED_ON, measure, law)
                    measure.used = True

    def _implements(self, s: Sentence, refs: list[MeasureRef], phrase: Mention) -> None:
        """ "As set out in the general terms, X will create a quota": the measures the sentence makes after an
        agreement its basis phrase names implement the agreement (a change, not the measure it changes)."""
        agreements = [r for r in refs if r.kind is MeasureKind.TRUCE and r.start >= phrase.end and not r.change]
        if not agreements:
            return
        changed = {id(r.change[1]) for r in refs if r.change}
        for ref in refs:
            if ref.start > agreements[0].start and not (
                ref.law or ref.anaphor or id(ref) in changed or ref in agreements
            ):
                self._fact(s, EdgeType.MODIFIES, ref, agreements[0])
                ref.used = agreements[0].used = True

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
        states = (EntityKind.STATE.value, EntityKind.BLOC.value)
        for phrase in s.of(Label.PART_OF_PHRASES):
            # "a unit of Lisbon-based Acme": the place an owner is based in is not the owner.
            whole = next((a for a in orgs if 0 <= a.start - phrase.end <= 5 and not self._based(s, a)), None)
            part = next((a for a in reversed(orgs) if a.end <= phrase.start), None)
            if part and not _ADJOINING.fullmatch(s.text[part.end - s.start : phrase.start - s.start]):
                part = None  # the part stands right before the phrase
            owner = whole.node.attributes.get("kind") if whole else None
            # A state belongs to no ministry, company or outlet.
            if part and part.node.attributes.get("kind") in states and owner in (None, *_NO_STATE_OWNERS):
                continue
            if whole and part:
                self._fact(s, EdgeType.PART_OF, part.id, whole.id)
        for first, second in itertools.pairwise(orgs):
            if s.text[first.end - s.start : second.start - s.start] not in ("'s ", "’s "):
                continue
            own_state = self.gaz.state_of(second.id)
            parent = first.node.type is NodeType.MINISTRY and own_state == self.gaz.state_of(first.id)
            if second.node.type is NodeType.MINISTRY and (own_state in (first.id, None) or parent):
                self._fact(s, EdgeType.PART_OF, second.id, first.id)
        self._members(s, actors)
        for ministry in (a for a in actors if a.node.type is NodeType.MINISTRY):
            state = self._attached_state(s, ministry)
            if state and state != ministry.id:
                self._fact(s, EdgeType.PART_OF, ministry.id, state)

    def _based(self, s: Sentence, actor: Actor) -> bool:
        return s.text[actor.end - s.start :].startswith(("-based", "–based"))

    def _members(self, s: Sentence, actors: list[Actor]) -> None:
        """ "The group, which comprises A, B and C": each object of a membership verb is PART_OF its subject,
        where the subject is a group, forum or bloc (or the noun a relative clause hangs from)."""
        wanted = (EntityKind.FORUM.value, EntityKind.BLOC.value, EntityKind.GROUP.value)
        for verb in (t for t in s.span if t.lemma_ in self.gaz.words("membership_verbs") and t.pos_ == "VERB"):
            subjects = agents(verb) or ([verb.head] if verb.dep_ == "relcl" else [])
            wholes = [a for a in self._actors_at(s, actors, subjects) if a.node.attributes.get("kind") in wanted]
            members = self._actors_at(s, actors, objects(verb))
            for whole in wholes[:1]:
                for member in members:
                    if member.id != whole.id and member.node.type in (NodeType.ENTITY, NodeType.MINISTRY):
                        self._fact(s, EdgeType.PART_OF, member.id, whole.id)

    def _attached_state(self, s: Sentence, ministry: Actor) -> str | None:
        """The state a ministry's own mention names ("China's commerce ministry", "the Dutch customs")."""
        own = self.gaz.state_of(ministry.id)
        for m in s.of(Label.ADJ, Label.ACTOR):
            inside = ministry.start <= m.start and m.end < ministry.end
            before = 0 <= ministry.start - m.end <= 1 and m.label is Label.ADJ
            state = m.ident if m.label is Label.ADJ else self.gaz.state_of(m.ident)
            if (inside or before) and state and (own in (None, state)) and m.ident != ministry.id:
                return state
        text = self._between(s, ministry.start, ministry.end)
        if own and self.gaz.entries.get(own):
            names = [self.gaz.entries[own].node.name, *self.gaz.entries[own].node.aliases]
            adjectives = [a for a, st in self.gaz.adjectives.items() if st == own]
            if any(text.startswith((f"{n}'s ", f"{n}’s ", f"{n} ")) for n in names + adjectives):
                return own
        return None

    def _discussed(
        self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], meetings: list[tuple[MeetingRef, Mention]]
    ) -> None:
        topics = [r for r in refs if not any(f.source is r and f.type is EdgeType.RESPONDS_TO for f in self.facts)]
        if meetings:
            for meeting, head in meetings:
                if self._dates_only(s, head):
                    continue
                for ref in topics:
                    self._fact(s, EdgeType.DISCUSSED, meeting, ref)
                    ref.used = True
            return
        if self.meeting and any(a.id in self.meeting.participants for a in actors):
            for ref in topics:
                self._fact(s, EdgeType.DISCUSSED, self.meeting, ref)
                ref.used = True
