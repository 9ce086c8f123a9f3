"""Relation rules: what a sentence's mentions say about each other.

Each rule reads the ordered mentions of one sentence (`loaders.mentions`) and
the words between them: who holds which post, who issued, proposed or
suspended which measure, what a measure covers and targets, who met whom and
when, what a meeting discussed, who reported what, what belongs to what. The
trigger words are data (`patterns/lexicon.json`); the rules only say how
positions relate. `DocumentReader` keeps what one document has said so far:
the officials named (so "Wang" or "he" can refer back), the states mentioned
(for "both sides"), and the last meeting (for what its participants said next).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from loaders.documents import SourceDocument
from loaders.gazetteer import Gazetteer
from loaders.measures import MeasureRef, topics_of
from loaders.meetings import MeetingRef
from loaders.mentions import Mention, Sentence
from ontology.contract import Node
from ontology.ids import node_id, slug
from ontology.terms import EdgeType, EntityKind, MeasureKind, MeetingKind, NodeType, ParticipationRole

End = str | MeasureRef | MeetingRef
#: Labels that end the phrase a measure head governs.
PHRASE_BREAKS = {
    "ban_verbs",
    "meet_verbs",
    "MEASURE",
    "ANAPHOR",
    "MEETING",
    "INSTRUMENT",
    "LAW",
    "MODIFY",
    "issue_verbs",
    "suspend_verbs",
    "propose_verbs",
    "respond_phrases",
    "report_before",
    "report_after",
    "clause_breaks",
    "part_of_phrases",
}
STOP_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "on",
    "in",
    "to",
    "for",
    "and",
    "or",
    "with",
    "by",
    "that",
    "its",
    "their",
    "his",
    "her",
    "against",
    "from",
    "at",
    "as",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "be",
}
TARGET_PREPOSITIONS = ("on", "targeting", "against", "at", "targets")
CHANGE_KINDS = {"easing": MeasureKind.LICENSING, "tightening": MeasureKind.EXPORT_CONTROL}


@dataclass
class Fact:
    """An edge before its ends are known as node ids: measures are resolved at the end of the document."""

    type: EdgeType
    source: End
    target: End
    start: int
    end: int
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Actor:
    """An actor mention resolved to its node."""

    id: str
    start: int
    end: int
    node: Node


class DocumentReader:
    """Reads one document sentence by sentence and collects nodes, measure references and facts."""

    def __init__(self, gaz: Gazetteer, doc: SourceDocument) -> None:
        self.gaz = gaz
        self.doc = doc
        self.nodes: dict[str, Node] = {}
        self.measures: list[MeasureRef] = []
        self.facts: list[Fact] = []
        self.shorts: dict[str, str] = {}
        self.last_official: str | None = None
        self.recent_states: list[str] = []
        self.state_prior: Counter[str] = Counter()
        self.meetings: list[MeetingRef] = []
        #: The last meeting named in this paragraph, for what its participants say next.
        self.meeting: MeetingRef | None = None

    # ------------------------------------------------------------ document state

    def prime(self, sentences: list[Sentence]) -> None:
        """Count which states the document is about, for reading names shared by several states."""
        for s in sentences:
            for m in s.of("ACTOR", "ADJ"):
                state = self.gaz.state_of(m.ident) if m.label == "ACTOR" else m.ident
                if state:
                    self.state_prior[state] += 1

    def new_paragraph(self) -> None:
        """What a meeting's participants say next is read only within the paragraph that names it."""
        self.meeting = None

    def ids_of(self, end: End) -> list[str]:
        """The node ids an edge end stands for."""
        return end.resolved if isinstance(end, MeasureRef | MeetingRef) else [end]

    def measure_nodes(self, ref: MeasureRef) -> list[Node]:
        """The nodes a measure reference contributes (none for an anaphor)."""
        if ref.anaphor:
            return []
        attributes = {
            "kind": ref.kind.value,
            "announced": ref.announced,
            "date_text": ref.date_text,
            "duration_days": ref.duration_days,
            "instrument": ref.instrument,
            "status": ref.status,
        }
        attributes = {k: v for k, v in attributes.items() if v is not None}
        return [Node(id=i, type=NodeType.MEASURE, name=ref.name, attributes=attributes) for i in ref.resolved]

    def _node(self, node: Node) -> Node:
        self.nodes.setdefault(node.id, node)
        return self.nodes[node.id]

    # ------------------------------------------------------------ one sentence

    def read(self, s: Sentence) -> None:
        """Apply every rule to one sentence."""
        actors = self._actors(s)
        for m in s.of("ITEM"):
            self._node(self.gaz.entries[m.ident].node)
        self._posts(s, actors)
        refs = self._measures(s, actors)
        meetings = self._meetings(s, actors)
        self._verbs(s, actors, refs)
        self._responses(s, refs, meetings)
        self._reports(s, actors, refs, meetings)
        self._part_of(s, actors)
        self._discussed(s, actors, refs, meetings)

    def _fact(self, s: Sentence, type_: EdgeType, source: End, target: End, **attributes: Any) -> None:
        for end in (source, target):
            if isinstance(end, str) and end in self.gaz.entries:
                self._node(self.gaz.entries[end].node)
        self.facts.append(Fact(type_, source, target, s.start, s.end, attributes))

    # ------------------------------------------------------------ actors

    def _actors(self, s: Sentence) -> list[Actor]:
        out: list[Actor] = []
        for m in s.mentions:
            ident = None
            if m.label == "ACTOR":
                ident = m.ident
            elif m.label == "CTX":
                ident = self._context(s, m)
            elif m.label == "pronouns" and self.last_official and m.text[0].isupper() == (m.start == s.start):
                ident = self.last_official
            elif m.label == "GROUP":
                node = Node(
                    id=node_id(NodeType.ENTITY, f"group-{slug(m.text)}"),
                    type=NodeType.ENTITY,
                    name=m.text,
                    attributes={"kind": EntityKind.GROUP.value},
                )
                self._node(node)
                ident = node.id
            if ident:
                out.append(
                    Actor(
                        ident,
                        m.start,
                        m.end,
                        self._node(self.gaz.entries[ident].node) if ident in self.gaz.entries else self.nodes[ident],
                    )
                )
        out += self._short_names(s, out)
        out += self._titled_people(s, out)
        out.sort(key=lambda a: a.start)
        for actor in out:
            entry = self.gaz.entries.get(actor.id)
            if actor.node.type is NodeType.OFFICIAL:
                self.last_official = actor.id
                if entry and entry.short:
                    self.shorts[entry.short] = actor.id
            if actor.node.attributes.get("kind") in (EntityKind.STATE.value, EntityKind.BLOC.value):
                self.recent_states = [*[st for st in self.recent_states if st != actor.id][-3:], actor.id]
        return out

    def _context(self, s: Sentence, m: Mention) -> str | None:
        """A name several states use ("Ministry of Commerce"): the state the text attaches or the document is about."""
        candidates = self.gaz.context[m.ident.lower()]
        before = [x for x in s.of("ACTOR", "ADJ") if x.end <= m.start and m.start - x.end <= 3]
        attached = {self.gaz.state_of(x.ident) if x.label == "ACTOR" else x.ident for x in before}
        for candidate in candidates:
            if self.gaz.state_of(candidate) in attached:
                return candidate
        ranked = sorted(candidates, key=lambda c: -self.state_prior[self.gaz.state_of(c) or ""])
        best = ranked[0]
        return best if self.state_prior[self.gaz.state_of(best) or ""] > 0 else None

    def _short_names(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """Surnames of officials named earlier in the document ("Wang" after "Wang Wentao")."""
        out = []
        for short, ident in self.shorts.items():
            for match in re.finditer(rf"\b{re.escape(short)}\b", s.text):
                start, end = s.start + match.start(), s.start + match.end()
                if not any(m.start <= start < m.end for m in s.mentions) and not any(
                    a.start <= start < a.end for a in found
                ):
                    out.append(Actor(ident, start, end, self.nodes[ident]))
        return out

    def _titled_people(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """People the gazetteer does not know, named right after a title ("Commerce Secretary Jane Doe")."""
        out = []
        for title in s.of("TITLE"):
            rest = s.text[title.end - s.start :]
            match = re.match(r" ((?:[A-Z][a-zà-ž'’-]+ ){1,2}[A-Z][a-zà-ž'’-]+)\b", rest)
            if not match:
                continue
            start = title.end + match.start(1)
            if any(a.start <= start < a.end for a in found) or any(m.start <= start < m.end for m in s.mentions):
                continue
            name = match.group(1)
            node = self._node(Node(id=node_id(NodeType.OFFICIAL, name), type=NodeType.OFFICIAL, name=name))
            out.append(Actor(node.id, start, start + len(name), node))
        return out

    def _between(self, s: Sentence, start: int, end: int) -> str:
        return s.text[max(start - s.start, 0) : max(end - s.start, 0)]

    def _clause_start(self, s: Sentence, pos: int) -> int:
        breaks = [m.end for m in s.of("clause_breaks") if m.end <= pos]
        return max(breaks, default=s.start)

    def _clause_end(self, s: Sentence, pos: int) -> int:
        breaks = [m.start for m in s.of("clause_breaks") if m.start >= pos]
        return min(breaks, default=s.end)

    # ------------------------------------------------------------ posts

    def _posts(self, s: Sentence, actors: list[Actor]) -> None:
        officials = [a for a in actors if a.node.type is NodeType.OFFICIAL]
        for person in officials:
            title = next((t for t in s.of("TITLE") if 0 <= person.start - t.end <= 1), None)
            if title:
                body = self._title_body(s, actors, title, person)
                if body:
                    self._fact(s, EdgeType.HOLDS_POST, person.id, body, title=title.text)
                continue
            after = s.text[person.end - s.start :]
            appositive = re.match(r",\s+(?:the\s+)?", after)
            if not appositive:
                continue
            title = next((t for t in s.of("TITLE") if t.start == person.end + appositive.end()), None)
            if title is None:
                continue
            tail_end = self._clause_end(s, title.end)
            comma = s.text.find(",", title.end - s.start)
            if comma >= 0:
                tail_end = min(tail_end, s.start + comma)
            orgs = [
                a
                for a in actors
                if title.end <= a.start < tail_end and a.node.type in (NodeType.MINISTRY, NodeType.ENTITY)
            ]
            words = self._between(s, title.start, tail_end)
            if orgs:
                org = orgs[0]
                words = re.sub(
                    rf"\s+(?:of|at)\s+(?:the\s+)?{re.escape(self._between(s, org.start, org.end))}", "", words
                )
                self._fact(s, EdgeType.HOLDS_POST, person.id, org.id, title=words.strip())
            else:
                body = self._title_body(s, actors, title, person)
                if body:
                    self._fact(s, EdgeType.HOLDS_POST, person.id, body, title=words.strip())

    def _title_body(self, s: Sentence, actors: list[Actor], title: Mention, person: Actor) -> str | None:
        """The body a title points to: the organisation written before it, the one it names, or the state."""
        spec = self.gaz.titles[int(title.ident)].body
        before = [a for a in actors if a.end <= title.start and title.start - a.end <= 3 and a.id != person.id]
        org = next((a for a in reversed(before) if a.node.type in (NodeType.MINISTRY, NodeType.ENTITY)), None)
        state = None
        if org and org.node.attributes.get("kind") in (EntityKind.STATE.value, EntityKind.BLOC.value):
            state, org = org.id, None
        if (org and spec in (None, "Ministry") and org.node.type is NodeType.MINISTRY) or (org and spec is None):
            return org.id
        if spec and spec not in ("state", "Ministry"):
            return self.gaz.body(spec)
        state = state or self.gaz.state_of(person.id)
        if spec == "state":
            return state
        ministries = [a for a in actors if a.node.type is NodeType.MINISTRY and a.id != person.id]
        return ministries[0].id if ministries else None

    # ------------------------------------------------------------ measures

    def _measures(self, s: Sentence, actors: list[Actor]) -> list[MeasureRef]:
        refs: list[MeasureRef] = []
        instruments = s.of("INSTRUMENT")
        heads = s.of("MEASURE")
        for m in s.of("MEASURE", "ANAPHOR", "LAW"):
            if m.label == "ANAPHOR":
                kind = MeasureKind(m.ident) if m.ident else MeasureKind.OTHER
                refs.append(MeasureRef(kind, m.text, m.start, m.end, anaphor=not m.ident))
                continue
            ref = self._phrase(s, actors, m)
            if m.label == "LAW":
                ref.kind, ref.law, ref.name = MeasureKind.LAW, True, m.ident
                ref.issuers = []
            refs.append(ref)
        for m in instruments:
            issuer = next((a for a in reversed(actors) if a.end <= m.start and m.start - a.end <= 2), None)
            date = next((d for d in s.of("DATE") if d.start >= m.end and d.ident), None)
            kinds = [MeasureKind(h.ident) for h in heads + s.of("ANAPHOR") if h.ident not in ("", "suspension")]
            kind = kinds[0] if kinds else MeasureKind.OTHER
            absorbed = [r for r in refs if not r.law and not r.anaphor]
            for number in m.extra["numbers"]:
                year = re.search(r"(?:19|20)\d\d", number) or re.search(r"(?:19|20)\d\d", date.ident if date else "")
                number = number.split()[0]
                if year is None and self.doc.published:
                    year = re.search(r"\d{4}", str(self.doc.published.year))
                instrument = f"{m.ident} No. {number}" + (f" of {year.group(0)}" if year else "")
                ref = MeasureRef(
                    kind,
                    f"{issuer.node.name} {instrument}" if issuer else instrument,
                    m.start,
                    m.end,
                    instrument=instrument,
                    announced=date.ident if date else None,
                    date_text=date.text if date else None,
                )
                if issuer:
                    ref.issuers = [issuer.id]
                    ref.issuer_state = self.gaz.state_of(issuer.id)
                for other in absorbed:
                    ref.covers += other.covers
                    ref.targets += other.targets
                refs.append(ref)
            refs = [r for r in refs if r not in absorbed]
        for verb in s.of("ban_verbs"):
            ban = self._ban(s, actors, verb)
            if ban:
                refs.append(ban)
        for m in s.of("MODIFY"):
            base = next((r for r in refs if r.start >= m.end and not r.change), None)
            if base is None or base.start > self._clause_end(s, m.end):
                continue
            change = m.ident
            ref = MeasureRef(
                CHANGE_KINDS.get(change, base.kind),
                self._between(s, m.start, base.end + len(self._object_name(s, base.end))).strip(),
                m.start,
                base.end,
                change=(change, base),
            )
            ref.topics = base.topics
            refs.append(ref)
        refs.sort(key=lambda r: r.start)
        for ref in refs:
            for issuer in [] if ref.law or ref.change else ref.issuers:
                self._fact(s, EdgeType.ISSUED, issuer, ref)
        self.measures += refs
        for ref in refs:
            if ref.instrument or ref.law or ref.announced:
                ref.used = True
        return refs

    def _ban(self, s: Sentence, actors: list[Actor], verb: Mention) -> MeasureRef | None:
        """A verb that itself makes a measure: "banned exports of gallium to the United States"."""
        objects = "|".join(re.escape(w) for w in self.gaz.lexicon["ban_objects"])
        match = re.match(rf"\s+(?:the\s+|all\s+)?(?:{objects})\b", s.text[verb.end - s.start :], re.I)
        if not match:
            return None
        head = Mention(
            "MEASURE",
            MeasureKind.EXPORT_CONTROL.value,
            verb.end + match.start(),
            verb.end + match.end(),
            match.group(0).strip(),
            verb.token,
            verb.token_end,
        )
        ref = self._phrase(s, actors, head)
        words = self._between(s, head.start, self._scope_end(s, head.end)).split()
        stops = set(self.gaz.lexicon["name_stops"])
        cut = next((i for i, w in enumerate(words) if w.lower().strip(".,;") in stops), len(words))
        words = words[: min(cut, 12)]
        commas = [i for i, w in enumerate(words) if w.endswith(",")]
        if commas and not {"and", "or"} & {w.lower() for w in words[commas[-1] + 1 :]}:
            words = words[: commas[-1] + 1]
        ref.name = "ban on " + " ".join(words).rstrip(",.;")
        ref.start, ref.used = verb.start, True
        for actor in actors:
            lead = self._between(s, head.end, actor.start).split()
            if actor.start > head.end and lead and lead[-1].lower() == "to" and actor.id not in ref.targets:
                ref.targets.append(actor.id)
        return ref

    def _object_name(self, s: Sentence, head_end: int) -> str:
        """The words after a measure head that belong to its name ("on seven rare earths")."""
        scope_end = self._scope_end(s, head_end)
        tail = self._between(s, head_end, scope_end)
        dates = [d.start for d in s.of("DATE") if head_end <= d.start < scope_end]
        if dates:
            tail = tail[: dates[0] - head_end]
        tail = re.split(r",|\(|\bfor \d|\bfor dual|\bthis week|\bduring\b|\bin\b|\bto \w+", tail)[0]
        words = tail.split()
        stops = set(self.gaz.lexicon["name_stops"])
        cut = next((i for i, w in enumerate(words) if w.lower().strip(".,;") in stops), len(words))
        words = words[:cut]
        while words and words[-1].lower() in STOP_WORDS:
            words.pop()
        return (
            (" " + " ".join(words[:12]))
            if words and words[0].lower() in ("on", "covering", "targeting", "against", "for")
            else ""
        )

    def _scope_end(self, s: Sentence, head_end: int) -> int:
        stops = [m.start for m in s.mentions if m.label in PHRASE_BREAKS and m.start >= head_end]
        return min(stops, default=s.end)

    def _lead(self, s: Sentence, head: Mention, capitals: bool) -> int:
        """Where the modifiers before a head start: names, dates, numbers and the lexicon's modifier words."""
        modifiers = set(self.gaz.lexicon["modifiers"])
        covering = [m for m in s.mentions if m.label in ("ACTOR", "ADJ", "DATE", "GROUP", "CTX")]
        start = head.start
        for word in reversed(list(re.finditer(r"\S+", s.text[: head.start - s.start]))):
            w_start, w_end = s.start + word.start(), s.start + word.end()
            text = word.group(0)
            bare = re.sub(r"(?:'s|’s)$", "", text).lower()
            named = any(m.start < w_end and w_start < m.end for m in covering)
            if not (
                named
                or bare in modifiers
                or re.fullmatch(r"\d+(?:-(?:day|month|year))?", bare)
                or (capitals and text[:1].isupper() and word.start() > 0)
            ):
                break
            start = w_start
        return start

    def _phrase(self, s: Sentence, actors: list[Actor], m: Mention) -> MeasureRef:
        """A measure head with what surrounds it: issuer before, objects and targets after, duration, topics."""
        name_start = self._lead(s, m, capitals=False)
        name = (self._between(s, name_start, m.end) + self._object_name(s, m.end)).strip().rstrip(".")
        ref = MeasureRef(MeasureKind.LAW if m.label == "LAW" else MeasureKind(m.ident), name, name_start, m.end)
        for actor in actors:
            before_head = name_start <= actor.start and actor.end <= m.start
            if before_head and actor.node.attributes.get("kind") != EntityKind.MEDIA.value:
                ref.issuers.append(actor.id)
                ref.issuer_state = ref.issuer_state or self.gaz.state_of(actor.id)
        for adj in s.of("ADJ"):
            if name_start <= adj.start and adj.end <= m.start:
                ref.issuer_state = ref.issuer_state or adj.ident
        duration = re.search(r"(\d+)-day", self._between(s, name_start, m.end))
        scope_end = self._scope_end(s, m.end)
        scope = self._between(s, m.end, scope_end)
        duration = duration or re.search(r"\bfor (\d+) days\b", scope)
        if duration:
            ref.duration_days = int(duration.group(1))
        for item in s.of("ITEM"):
            node = self.gaz.entries[item.ident].node
            if m.end <= item.start < scope_end and node.type in (NodeType.ELEMENT, NodeType.MATERIAL):
                ref.covers.append(item.ident)
        for actor in actors:
            if not m.end <= actor.start < scope_end:
                continue
            lead_in = self._between(s, m.end, actor.start).split()
            follows = s.text[actor.end - s.start :].split()
            not_nouns = set(self.gaz.lexicon["not_nouns"])
            adjectival = bool(follows) and follows[0][:1].islower() and follows[0].rstrip(".,;") not in not_nouns
            if (
                lead_in
                and lead_in[-1].lower() in TARGET_PREPOSITIONS
                and (actor.node.attributes.get("kind") == EntityKind.GROUP.value or not adjectival)
            ):
                ref.targets.append(actor.id)
        ref.topics = topics_of(name + " " + scope)
        return ref

    # ------------------------------------------------------------ verbs

    def _subjects(self, s: Sentence, actors: list[Actor], verb: Mention) -> list[Actor]:
        """Actors of the clause before the verb, or after "by" when it is passive."""
        after = s.text[verb.end - s.start :]
        by = re.match(r"\s+by\s+", after)
        if by:
            start = verb.end + by.end()
            return [a for a in actors if start <= a.start <= start + 3][:1]
        if verb.text.endswith("ing") and s.text[: verb.start - s.start].rstrip().endswith(","):
            return [a for a in actors if a.start - s.start < 20][:1]
        comma = s.text.rfind(",", 0, verb.start - s.start)
        start = max(self._clause_start(s, verb.start), s.start + comma + 1 if comma >= 0 else s.start)
        found = []
        for actor in actors:
            if not start <= actor.start < verb.start:
                continue
            tail = s.text[actor.end - s.start : actor.end - s.start + 2]
            if tail in ("'s", "’s") and any(b.start > actor.end and b.start < verb.start for b in actors):
                continue
            if actor.node.attributes.get("kind") in (EntityKind.MEDIA.value,) or actor.node.type is NodeType.MEETING:
                continue
            found.append(actor)
        return found

    def _object(self, s: Sentence, refs: list[MeasureRef], verb: Mention) -> MeasureRef | None:
        end = self._clause_end(s, verb.end)
        return next((r for r in refs if verb.start <= r.start < end), None)

    def _verbs(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef]) -> None:
        for verb in s.of("issue_verbs", "suspend_verbs", "propose_verbs", "ban_verbs"):
            passive = bool(re.match(r"\s+by\s+", s.text[verb.end - s.start :]))
            target = (
                next((r for r in reversed(refs) if r.start < verb.start), None)
                if passive
                else self._object(s, refs, verb)
            )
            subjects = self._subjects(s, actors, verb)
            if target is None or not subjects:
                continue
            if target.change:
                target = next((r for r in refs if r.change and r.start == target.start), target)
            if verb.label == "suspend_verbs" and not target.change:
                target = self._suspension(s, target, verb)
            edge = EdgeType.PROPOSED if verb.label == "propose_verbs" else EdgeType.ISSUED
            if edge is EdgeType.PROPOSED:
                target.status = "proposed"
            for subject in subjects:
                self._fact(s, edge, subject.id, target)
                target.issuers.append(subject.id)
                target.issuer_state = target.issuer_state or self.gaz.state_of(subject.id)
            target.used = True
            dates = [d for d in s.of("DATE") if d.ident and len(d.ident) == 10]
            if dates and not target.announced and not target.change and edge is EdgeType.ISSUED:
                target.announced, target.date_text = dates[0].ident, dates[0].text
            if target.change:
                self._fact(
                    s,
                    EdgeType.SUSPENDS if target.change[0] == "suspension" else EdgeType.MODIFIES,
                    target,
                    target.change[1],
                )
                target.change[1].used = True
        named = [r for r in refs if not r.anaphor]
        if len(named) == 1 and not named[0].covers and not named[0].change:
            words = set(self.gaz.lexicon["cover_words"])
            items = [
                m for m in s.of("ITEM") if self.gaz.entries[m.ident].node.type in (NodeType.ELEMENT, NodeType.MATERIAL)
            ]
            if items and any(w.lower() in words for w in s.words):
                named[0].covers = [m.ident for m in items]
        for ref in refs:
            self._covers(s, ref)

    def _covers(self, s: Sentence, ref: MeasureRef) -> None:
        base = ref.change[1] if ref.change and ref.change[0] == "suspension" else ref
        for item in ref.covers:
            self._fact(s, EdgeType.COVERS, base, item)
        for target in ref.targets:
            self._fact(s, EdgeType.TARGETS, base, target)

    def _suspension(self, s: Sentence, base: MeasureRef, verb: Mention) -> MeasureRef:
        """A verb that suspends a measure makes a suspension measure of its own."""
        name = f"suspension of {base.name}"
        ref = MeasureRef(
            MeasureKind.SUSPENSION,
            name,
            base.start,
            base.end,
            change=("suspension", base),
            duration_days=base.duration_days,
            targets=base.targets,
            covers=base.covers,
        )
        base.duration_days = None
        base.targets, base.covers = [], []
        ref.status = "in_force"
        self.measures.append(ref)
        self._covers(s, ref)
        return ref

    # ------------------------------------------------------------ meetings

    def _meetings(self, s: Sentence, actors: list[Actor]) -> list[tuple[MeetingRef, Mention]]:
        out = []
        for head in s.of("MEETING"):
            kind = MeetingKind(head.ident)
            date = self._meeting_date(s, head)
            location = self._location(s, head)
            participants: dict[str, str] = {}
            after = s.text[head.end - s.start :]
            hosted = re.match(r"\s+hosted by\s+", after)
            if hosted:
                host = next((a for a in actors if a.start == head.end + hosted.end()), None)
                if host:
                    participants[host.id] = ParticipationRole.HOST.value
            words = "|".join(re.escape(w) for w in self.gaz.lexicon["meeting_connectors"])
            connector = re.match(rf"(?:\s+[\w’'-]+){{0,4}}?\s+(?:{words})\s+", after)
            if connector:
                end = self._clause_end(s, head.end)
                comma = s.text.find(",", head.end - s.start + connector.end())
                end = min(end, s.start + comma) if comma >= 0 else end
                titles = s.of("TITLE")
                for actor in actors:
                    titled = any(0 <= t.start - actor.end <= 1 for t in titles)
                    if head.end + connector.end() <= actor.start < end and not titled:
                        participants.setdefault(actor.id, ParticipationRole.PARTICIPANT.value)
            pairs = [p for p in s.of("PAIR") if p.start >= self._clause_start(s, head.start) - 200]
            for actor in self._pair_before(s, actors, head) or (self.recent_states[-2:] if pairs else []):
                participants.setdefault(actor, ParticipationRole.PARTICIPANT.value)
            lead = s.text[: head.start - s.start]
            if re.search(r"\b(during|at|in|on the sidelines of)\s+(?:a|an|the|its|their)?\s*[\w\s-]{0,30}$", lead):
                start = self._clause_start(s, head.start)
                for actor in actors:
                    if start <= actor.start < head.start and actor.node.type is NodeType.OFFICIAL:
                        participants.setdefault(actor.id, ParticipationRole.PARTICIPANT.value)
            definite = bool(re.search(r"\b(?:the|this|that|these)\s+$", s.text[: head.start - s.start], re.I))
            if not (date or location or participants or definite):
                continue
            out.append(self._meeting(s, head, kind, date, location, participants, definite))
        for verb in s.of("meet_verbs"):
            out.append(self._met(s, actors, verb))
        return [m for m in out if m]

    def _met(self, s: Sentence, actors: list[Actor], verb: Mention) -> tuple[MeetingRef, Mention] | None:
        """A meeting told by its verb: "X met Y in Busan on Thursday"."""
        start = self._clause_start(s, verb.start)
        end = self._clause_end(s, verb.end)
        titles = s.of("TITLE")
        people = {
            a.id: ParticipationRole.PARTICIPANT.value
            for a in actors
            if (start <= a.start < verb.start or verb.end <= a.start < end)
            and a.node.type in (NodeType.OFFICIAL, NodeType.ENTITY, NodeType.MINISTRY)
            and not any(0 <= t.start - a.end <= 1 for t in titles)
        }
        dates = [d for d in s.of("DATE") if d.ident and verb.end <= d.start < end]
        date = max(dates, key=lambda d: (len(d.ident), -d.start)) if dates else None
        location = self._location(s, verb, anywhere=True)
        if len(people) < 2 or not (date or location):
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
            definite,
        )
        self.meetings.append(ref)
        for actor, role in participants.items():
            self._fact(s, EdgeType.PARTICIPATED_IN, actor, ref, role=role)
        self.meeting = ref
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
        dates = [d for d in s.of("DATE") if d.ident]
        adjacent = [d for d in dates if 0 <= head.start - d.end <= 2]
        if adjacent:
            return adjacent[-1]
        next_head = min((m.start for m in s.of("MEETING") if m.start > head.start), default=s.end)
        after = [d for d in dates if head.end <= d.start < min(self._clause_end(s, head.end), next_head)]
        if after:
            return max(after, key=lambda d: (len(d.ident), -d.start))
        return dates[0] if len(dates) == 1 else None

    def _location(self, s: Sentence, head: Mention, anywhere: bool = False) -> str | None:
        """A place written "in Geneva" after the head (or anywhere after a verb), or "Geneva talks" before it."""
        place = r"\bin\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
        pattern = rf"(?:.*?){place}" if anywhere else rf"\s+{place}"
        after = re.match(pattern, s.text[head.end - s.start : self._clause_end(s, head.end) - s.start])
        if after and not any(m.start == head.end + after.start(1) and m.label == "ACTOR" for m in s.mentions):
            return after.group(1)
        word = re.search(r"\b([A-Z][a-z]+) $", s.text[: head.start - s.start])
        if word and word.start(1) > 0 and not any(m.start <= s.start + word.start(1) < m.end for m in s.mentions):
            return word.group(1)
        return None

    def _meeting_name(self, name: str, location: str | None) -> str:
        if location and location not in name:
            name += f" in {location}"
        return name

    # ------------------------------------------------------------ other relations

    def _responses(self, s: Sentence, refs: list[MeasureRef], meetings: list[tuple[MeetingRef, Mention]]) -> None:
        for phrase in s.of("respond_phrases"):
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
            verb_after = next((v for v in s.of("report_before") if 0 < v.start - outlet.end <= 2), None)
            verb_before = next((v for v in s.of("report_after") if 0 < outlet.start - v.end <= 2), None)
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
        for phrase in s.of("part_of_phrases"):
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
