"""The state one document reader keeps, and the positional helpers every rule family uses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from loaders.actor_syntax import ROLES, SYNTAX, Relation
from loaders.dependencies import compiled
from loaders.documents import SourceDocument
from loaders.gazetteer import Gazetteer
from loaders.measures import MeasureRef
from loaders.meetings import MeetingRef
from loaders.mentions import Label, Mention, Sentence
from loaders.syntax import dates_another_event
from ontology.contract import Node
from ontology.terms import EdgeType, NodeType

End = str | MeasureRef | MeetingRef
#: Labels that end the phrase a measure head governs.
PHRASE_BREAKS = frozenset(
    {
        Label.BAN_VERBS,
        Label.MEET_VERBS,
        Label.MEASURE,
        Label.ANAPHOR,
        Label.MEETING,
        Label.INSTRUMENT,
        Label.LAW,
        Label.MODIFY,
        Label.ISSUE_VERBS,
        Label.SUSPEND_VERBS,
        Label.PROPOSE_VERBS,
        Label.RESPOND_PHRASES,
        Label.REPORT_BEFORE,
        Label.REPORT_AFTER,
        Label.CLAUSE_BREAKS,
        Label.PART_OF_PHRASES,
    }
)


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


class ReaderBase:
    """What a document has said so far, and how to read positions in a sentence."""

    def __init__(self, gaz: Gazetteer, doc: SourceDocument) -> None:
        self.gaz = gaz
        self.doc = doc
        self.nodes: dict[str, Node] = {}
        self.measures: list[MeasureRef] = []
        self.facts: list[Fact] = []
        self.shorts: dict[str, str] = {}
        self.last_official: str | None = None
        #: Ministries and companies named so far, latest last, for "the ministry", "the company" and "it".
        self.bodies: list[Actor] = []
        self.recent_states: list[str] = []
        #: Officials named so far, latest last, for "the two leaders".
        self.recent_officials: list[str] = []
        self.state_prior: Counter[str] = Counter()
        self.meetings: list[MeetingRef] = []
        #: The last meeting named in this paragraph, for what its participants say next.
        self.meeting: MeetingRef | None = None
        #: The measure a sentence ending in a colon introduces a list for ("covers the following items:").
        self.listing: MeasureRef | None = None
        #: Nodes read from the text alone (named entities, goods): they join the graph only once a fact uses them.
        self.candidates: dict[str, Node] = {}
        #: Starts of sector mentions read as the goods a measure covers ("levies on solar panels").
        self.goods_mentions: set[int] = set()
        #: Abbreviations the document defined for goods ("platinum group metals (PGMs)"), by singular, to node ids.
        self.acronyms: dict[str, str] = {}
        #: Parse indices of the sentence's verbs whose relations the dependency patterns read (loaders.issuing_rules).
        self.read_verbs: set[int] = set()
        #: Responses read from the parse whose effect a later rule of the sentence may still turn into a
        #: suspension of it: (measure, cause), settled once the sentence is read.
        self.responses: list[tuple[MeasureRef, MeasureRef | MeetingRef]] = []
        #: The last package of measures the document named, for "In addition, ..." (loaders.package_rules).
        self.package: MeasureRef | None = None

    # ------------------------------------------------------------ document state

    def prime(self, sentences: list[Sentence]) -> None:
        """Count which states the document is about, for reading names shared by several states."""
        for s in sentences:
            for m in s.of(Label.ACTOR, Label.ADJ):
                state = self.gaz.state_of(m.ident) if m.label == Label.ACTOR else m.ident
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
            "effective": ref.effective,
            "date_text": ref.date_text,
            "duration_days": ref.duration_days,
            "instrument": ref.instrument,
            "status": ref.status,
        }
        attributes = {k: v for k, v in attributes.items() if v is not None}
        return [
            Node(id=i, type=NodeType.MEASURE, name=ref.name, aliases=ref.aliases, attributes=attributes)
            for i in ref.resolved
        ]

    def _node(self, node: Node) -> Node:
        self.nodes.setdefault(node.id, node)
        return self.nodes[node.id]

    def _fact(self, s: Sentence, type_: EdgeType, source: End, target: End, **attributes: Any) -> None:
        for end in (source, target):
            if isinstance(end, str) and end in self.gaz.entries:
                self._node(self.gaz.entries[end].node)
            elif isinstance(end, str) and end in self.candidates:
                self._node(self.candidates[end])
        self.facts.append(Fact(type_, source, target, s.start, s.end, attributes))

    def _dates_only(self, s: Sentence, head: Mention) -> bool:
        """A meeting named only to date what the sentence tells ("said after the meeting that ...", "a communique
        issued on Friday after the talks"): what follows it was decided, not discussed, nor held that day."""
        return dates_another_event(s.span.doc[head.token_end - 1], self.gaz.words("temporal_prepositions"))

    def _actor_at(self, s: Sentence, actors: list[Actor], token: Token) -> Actor | None:
        """The actor whose mention covers a token of the sentence's parse."""
        char = s.offset + token.idx
        return next((a for a in actors if a.start <= char < a.end), None)

    def _actors_at(self, s: Sentence, actors: list[Actor], tokens: list[Token]) -> list[Actor]:
        found = [self._actor_at(s, actors, t) for t in tokens]
        return list({a.id: a for a in found if a}.values())

    def _syntax(self, s: Sentence, relation: Relation) -> list[tuple[Token, Token]]:
        """The two role tokens of each match of one relation's actor patterns in the sentence."""
        first, second = ROLES[relation]
        matches = compiled(SYNTAX, s.span.doc.vocab, self.gaz.lexicon).matches(s.span)
        return [(m.tokens[first], m.tokens[second]) for m in matches if m.relation is relation]

    def _covering(self, s: Sentence, actors: list[Actor], token: Token, pick: Callable) -> Actor | None:
        """The longest (`max`) or shortest (`min`) actor mention covering a token: the part is the whole name
        ("Acme Belgium"), the owner the name inside it ("Ghana" in "the Food Safety Authority of Ghana")."""
        char = s.offset + token.idx
        covering = [a for a in actors if a.start <= char < a.end]
        return pick(covering, key=lambda a: a.end - a.start, default=None)

    def _between(self, s: Sentence, start: int, end: int) -> str:
        return s.text[max(start - s.start, 0) : max(end - s.start, 0)]

    def _clause_start(self, s: Sentence, pos: int) -> int:
        breaks = [m.end for m in s.of(Label.CLAUSE_BREAKS) if m.end <= pos]
        return max(breaks, default=s.start)

    def _clause_end(self, s: Sentence, pos: int) -> int:
        breaks = [m.start for m in s.of(Label.CLAUSE_BREAKS) if m.start >= pos]
        return min(breaks, default=s.end)

    def _scope_end(self, s: Sentence, head_end: int) -> int:
        stops = [m.start for m in s.mentions if m.label in PHRASE_BREAKS and m.start >= head_end]
        return min(stops, default=s.end)

    def _lead(self, s: Sentence, head: Mention, capitals: bool) -> int:
        """Where the modifiers before a head start: names, dates, numbers and the lexicon's modifier words."""
        modifiers = self.gaz.words("modifiers")
        covering = [m for m in s.mentions if m.label in (Label.ACTOR, Label.ADJ, Label.DATE, Label.GROUP, Label.CTX)]
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
