"""Meeting rules: meetings named by a noun or told by a verb, their dates, places and participants."""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Token

from loaders.actor_syntax import Relation
from loaders.meetings import MeetingRef
from loaders.mentions import Label, Mention, Sentence
from loaders.reader import Actor, ReaderBase
from ontology.terms import EdgeType, MeetingKind, NodeType, ParticipationRole


class MeetingRules(ReaderBase):
    """Meeting mentions of a sentence and who took part."""

    def _meetings(self, s: Sentence, actors: list[Actor]) -> list[tuple[MeetingRef, Mention]]:
        out = []
        for head in s.of(Label.MEETING):
            kind = MeetingKind(head.ident)
            date = self._meeting_date(s, head)
            place = self._parsed_place(s, head)
            location = place or self._location(s, head)
            participants = self._parsed_parties(s, actors, head)
            after = s.text[head.end - s.start :]
            hosted = re.match(r"\s+hosted by\s+", after)
            if hosted:
                host = next((a for a in actors if a.start == head.end + hosted.end()), None)
                if host:
                    participants[host.id] = ParticipationRole.HOST.value
            words = "|".join(re.escape(w) for w in self.gaz.lexicon.meeting_connectors)
            connector = re.match(rf"(?:\s+[\w’'-]+){{0,4}}?\s+(?:{words})\s+", after)
            if connector:
                end = self._clause_end(s, head.end)
                comma = s.text.find(",", head.end - s.start + connector.end())
                end = min(end, s.start + comma) if comma >= 0 else end
                titles = s.of(Label.TITLE)
                place_at = s.text.find(f" in {place}", head.end - s.start) if place else -1
                end = min(end, s.start + place_at) if place_at >= 0 else end
                for actor in actors:
                    titled = any(0 <= t.start - actor.end <= 1 for t in titles)
                    if head.end + connector.end() <= actor.start < end and not titled:
                        participants.setdefault(actor.id, ParticipationRole.PARTICIPANT.value)
            clause = (self._clause_start(s, head.start), self._clause_end(s, head.end))
            pairs = [p for p in s.of(Label.PAIR) if clause[0] <= p.start < clause[1] and self._pair_tied(s, p, head)]
            pair = self._pair_before(s, actors, head) or self._pair_referent(s, pairs)
            for actor in pair:
                participants.setdefault(actor, ParticipationRole.PARTICIPANT.value)
            lead = s.text[: head.start - s.start]
            if re.search(r"\b(during|at|in|on the sidelines of)\s+(?:a|an|the|its|their)?\s*[\w\s’'-]{0,30}$", lead):
                start = self._clause_start(s, head.start)
                for actor in actors:
                    if start <= actor.start < head.start and actor.node.type is NodeType.OFFICIAL:
                        participants.setdefault(actor.id, ParticipationRole.PARTICIPANT.value)
            definite = bool(re.search(r"\b(?:the|this|that|these)\s+$", s.text[: head.start - s.start], re.I))
            if not (date or location or participants or definite):
                continue
            out.append(self._meeting(s, head, kind, date, location, participants, definite))
        named = [m for m in out if m]
        for verb in s.of(Label.MEET_VERBS):
            out.append(self._met(s, actors, verb, named[0][0] if named else None))
        self._delegations(s, actors)
        found = [m for m in out if m]
        if found:
            self.meeting = found[0][0]
        return found

    def _pair_tied(self, s: Sentence, pair: Mention, head: Mention) -> bool:
        """ "Both sides" take part in a meeting the parse ties them to: "talks between the two sides", "the two
        leaders met at the summit", "reached by the two presidents in their call"; not in one their sentence
        only mentions ("the two sides agreed to implement what the leaders' call settled")."""
        doc = s.span.doc
        root, meeting = doc[pair.token : pair.token_end].root, doc[head.token_end - 1]
        near = [meeting]
        for _ in range(3):
            near.append(near[-1].head)
        verb = root.head
        if root.dep_ == "pobj" and verb.dep_ == "agent":
            verb = verb.head
        attached = root.head == meeting or (root.head.dep_ == "prep" and root.head.head == meeting)
        return attached or (root.dep_ in ("nsubj", "nsubjpass", "pobj") and verb in near[1:])

    def _pair_referent(self, s: Sentence, pairs: list[Mention]) -> list[str]:
        """Who "the two leaders" or "both sides" are: the last two officials named when the phrase names
        people by a title ("leaders", "presidents"), else the last two states ("both sides", "the two heads
        of state", who stand for their states)."""
        if not pairs:
            return []
        titles = {t.text.lower() for t in self.gaz.titles}
        people = any(t.lemma_.lower() in titles for t in s.span.doc[pairs[0].token : pairs[0].token_end])
        return (self.recent_officials if people else self.recent_states)[-2:]

    def _head_token(self, s: Sentence, head: Mention, token: Token) -> bool:
        return head.token <= token.i < head.token_end

    def _parsed_parties(self, s: Sentence, actors: list[Actor], head: Mention) -> dict[str, str]:
        """Parties the parse ties to a meeting head: its modifiers and possessor ("the G7 summit", "X's state
        visit"), the subject that attends, tells or speaks at it, and the host that holds it or it is held by."""
        parties: dict[str, str] = {}
        token = s.span.doc[head.token_end - 1]
        if token.head.lower_ == "of" and token.head.head.lemma_ in ("sideline", "margin", "fringe"):
            return parties  # "on the sidelines of the X summit": the meeting told is another one
        for relation, role in ((Relation.HOST_OF, ParticipationRole.HOST), (Relation.PARTY_OF, None)):
            for party_token, meeting in self._syntax(s, relation):
                if not self._head_token(s, head, meeting):
                    continue
                named = [c for c in party_token.children if c.dep_ == "appos"]  # "its spokesperson, X, told"
                for party in self._actors_at(s, actors, [party_token, *party_token.conjuncts, *named]):
                    if party.node.type in (NodeType.OFFICIAL, NodeType.MINISTRY, NodeType.ENTITY):
                        parties.setdefault(party.id, (role or ParticipationRole.PARTICIPANT).value)
        return parties

    def _parsed_place(self, s: Sentence, head: Mention) -> str | None:
        """The place the parse gives a meeting: "held in X", "talks in X", "a visit to X" (with its appositive
        state: "Lima, Peru")."""
        for place, meeting in self._syntax(s, Relation.PLACE_OF):
            if self._head_token(s, head, meeting):
                states = [c.i for c in place.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
                end = max([place.i, *states])
                start = min(t.i for t in place.subtree if t.pos_ == "PROPN")
                return place.doc[start : end + 1].text
        return None

    def _delegations(self, s: Sentence, actors: list[Actor]) -> None:
        """ "The Chinese delegation was led by X": X and the state take part in the meeting being told."""
        if self.meeting is None:
            return
        for phrase in s.of(Label.DELEGATION_PHRASES):
            side = [m.ident for m in s.of(Label.ADJ) if m.end <= phrase.start]
            side += [a.id for a in actors if a.end <= phrase.start and a.node.attributes.get("kind") == "state"]
            members = [a.id for a in actors if a.start >= phrase.end and a.node.type is NodeType.OFFICIAL]
            for member in [*side[-1:], *members]:
                self.meeting.participants.add(member)
                self._fact(s, EdgeType.PARTICIPATED_IN, member, self.meeting, role=ParticipationRole.PARTICIPANT.value)

    def _met(
        self, s: Sentence, actors: list[Actor], verb: Mention, named: MeetingRef | None
    ) -> tuple[MeetingRef, Mention] | None:
        """A meeting told by its verb: "X met Y in Busan on Thursday"; or, undated, the meeting the sentence names."""
        start = self._clause_start(s, verb.start)
        end = self._clause_end(s, verb.end)
        titles = s.of(Label.TITLE)
        rest = s.text[verb.end - s.start : end - s.start]
        stop = re.search(r",| in | on | at | during | after | before | for about | to discuss", rest)
        object_end = verb.end + (stop.start() if stop else len(rest))
        people = {
            a.id: ParticipationRole.PARTICIPANT.value
            for a in actors
            if (start <= a.start < verb.start or verb.end <= a.start < object_end)
            and a.node.type in (NodeType.OFFICIAL, NodeType.ENTITY, NodeType.MINISTRY)
            and not any(0 <= t.start - a.end <= 1 for t in titles)
        }
        dates = [d for d in s.of(Label.DATE) if d.ident and verb.end <= d.start < end]
        date = max(dates, key=lambda d: (len(d.ident), -d.start)) if dates else None
        location = self._location(s, verb, anywhere=True)
        if len(people) < 2:
            return None
        if not (date or location):
            if named is None:
                return None
            for person in people:
                named.participants.add(person)
                self._fact(s, EdgeType.PARTICIPATED_IN, person, named, role=ParticipationRole.PARTICIPANT.value)
            return None
        names = [self.nodes[p].name for p in people if p in self.nodes]
        title = f"{MeetingKind(verb.ident).value.capitalize()} of {' and '.join(names)}"
        return self._meeting(s, verb, MeetingKind(verb.ident), date, location, people, False, name=title)

    def _meeting(
        self,
        s: Sentence,
        head: Mention,
        kind: MeetingKind,
        date: Mention | None,
        location: str | None,
        participants: dict[str, str],
        definite: bool,
        name: str | None = None,
    ) -> tuple[MeetingRef, Mention]:
        """Record a meeting mention and its participants; which node it is, the end of the document decides."""
        name = self._meeting_name(name or self._between(s, self._lead(s, head, capitals=True), head.end), location)
        ref = MeetingRef(
            kind,
            name,
            head.start,
            date.ident if date else None,
            date.text if date else None,
            location,
            set(participants),
            location in self.gaz.state_names,
            definite,
        )
        self.meetings.append(ref)
        for actor, role in participants.items():
            self._fact(s, EdgeType.PARTICIPATED_IN, actor, ref, role=role)
        return ref, head

    def _pair_before(self, s: Sentence, actors: list[Actor], head: Mention) -> list[str]:
        """Two states written as one modifier just before a meeting: "China-U.S. trade talks"."""
        near = [a for a in actors if head.start - 30 <= a.start < head.start]
        for first, second in itertools.pairwise(near):
            if s.text[first.end - s.start : second.start - s.start] in ("-", "–", "/"):
                return [first.id, second.id]
        return []

    def _meeting_date(self, s: Sentence, head: Mention) -> Mention | None:
        """The date just before the head ("June 3 meeting"), else the most precise one after it in its clause."""
        dates = [d for d in s.of(Label.DATE) if d.ident]
        adjacent = [d for d in dates if 0 <= head.start - d.end <= 2]
        if adjacent:
            return adjacent[-1]
        next_head = min((m.start for m in s.of(Label.MEETING) if m.start > head.start), default=s.end)
        after = [
            d
            for d in dates
            if head.end <= d.start < min(self._clause_end(s, head.end), next_head) and not self._dates_a_noun(s, d)
        ]
        if after:
            return max(after, key=lambda d: (len(d.ident), -d.start))
        return dates[0] if len(dates) == 1 and not self._dates_only(s, head) else None

    def _dates_a_noun(self, s: Sentence, date: Mention) -> bool:
        """ "Monday's statement": a date that modifies a noun dates that noun, not the meeting before it."""
        token = s.span.doc[date.token_end - 1]
        return token.dep_ in ("poss", "compound", "nmod") and token.head.pos_ in ("NOUN", "PROPN")

    def _location(self, s: Sentence, head: Mention, anywhere: bool = False) -> str | None:
        """A place written "in Geneva" after the head (or anywhere after a verb), or "Geneva talks" before it."""
        place = r"\bin\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
        pattern = rf"(?:.*?){place}" if anywhere else rf"\s+{place}"
        after = re.match(pattern, s.text[head.end - s.start : self._clause_end(s, head.end) - s.start])
        at = head.end + after.start(1) if after else 0
        taken = any(m.start <= at < m.end and m.label in (Label.ACTOR, Label.DATE) for m in s.mentions)
        if after and not taken:
            return after.group(1)
        word = re.search(r"\b([A-Z][a-z]+) $", s.text[: head.start - s.start])
        if word and word.start(1) > 0 and self._is_place(s, s.start + word.start(1)):
            return word.group(1)
        return None

    def _is_place(self, s: Sentence, char: int) -> bool:
        """The word at this offset names a place ("Geneva talks", not "Cooperation summit"): the recogniser's
        place mention, or a place entity no other mention claims."""
        covering = [m for m in s.mentions if m.start <= char < m.end]
        if covering:
            return all(m.label is Label.GPE for m in covering)
        token = next((t for t in s.span if t.idx + s.offset == char), None)
        return token is not None and token.ent_type_ in ("GPE", "LOC", "FAC")

    def _meeting_name(self, name: str, location: str | None) -> str:
        if location and location not in name:
            name += f" in {location}"
        return name
