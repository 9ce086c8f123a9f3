"""Who issued, changed or listed what, read from the parse with the patterns of `patterns/dependencies.json`.

The DependencyMatcher finds the verb and its object (or the noun a relative
clause hangs from, or a measure with its "by" phrase); the agent is the
verb's subject, or its passive agent, with their coordinated members and the
subject of a verb it shares ("decided to redesignate", "after imposing"). What
a match means depends on the mentions its roles fall on:
- issue: each agent actor ISSUED each coordinated measure object; a date the
  verb governs (not one inside the object) is when it was announced;
- change: a measure changing a measure ("the price floor lifted the ban")
  MODIFIES it; an actor changing one ("cut the duty", "removed the ban")
  issues a change measure of the same kind that MODIFIES it;
- listing: redesignating, downgrading or adding an actor to a list is a
  listing measure that TARGETS it;
- ban: "exports of X were banned" is a ban covering X;
- subjection: "imports of X from Y will be subject to quotas" names what the
  quotas cover and target.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from spacy.tokens import Token

from loaders.dependencies import PATTERNS, Match, PatternFile, Patterns, compiled, load
from loaders.measure_rules import MeasureRules
from loaders.measures import MeasureRef, change_kind
from loaders.meetings import MeetingRef
from loaders.mentions import Label, Mention, Sentence
from loaders.reader import Actor
from loaders.syntax import agents, reporters, traded, with_conjuncts
from ontology.terms import EdgeType, EntityKind, MeasureKind, NodeType

#: Prepositions whose date says when a measure starts or ends, not when it was announced.
NOT_ANNOUNCED = frozenset({"from", "since", "until", "till", "through", "by", "to", "after", "before", "between"})
#: Prepositions whose date says when a measure took or takes effect.
EFFECTIVE = frozenset({"from", "since", "effective", "starting"})
#: Words that show a measure's name already says what it applies to ("quotas on X", "duties for Y").
OBJECT_WORDS = frozenset({"on", "for", "of", "against", "covering", "targeting"})
#: Prepositions of an issuing verb whose object is the measure's target ("imposed on X", "slapped against Y").
VERB_TARGETS = frozenset({"on", "against"})
#: Prepositions after a listing verb that belong to the listing's name ("downgraded X to Group B").
LISTING_PREPOSITIONS = frozenset({"to", "as", "into", "onto", "on", "from"})


class Relation(StrEnum):
    """What a match reads: an actor issuing a measure, a change to a measure, a listing verb, a passive ban
    ("exports of X were banned"), goods made subject to a measure ("imports of X will be subject to quotas",
    "X products face a tariff"), the parties of an agreement ("a deal between A and B"), a measure taken in
    retaliation for another, a measure that is part of another ("as part of the package"), what a package
    includes (the last two read by loaders.package_rules)."""

    ISSUE = "issue"
    CHANGE = "change"
    LISTING = "listing"
    BAN = "ban"
    SUBJECTION = "subjection"
    PARTIES = "parties"
    RESPONSE = "response"
    PART = "part"
    PACKAGE = "package"


class Role(StrEnum):
    """The name a pattern gives one of its tokens."""

    VERB = "verb"
    HEAD = "head"
    AGENT = "agent"
    OBJECT = "object"
    BY = "by"
    TO = "to"
    GOAL = "goal"


#: The roles each relation's patterns must name.
ROLES = {
    Relation.ISSUE: {Role.OBJECT},
    Relation.CHANGE: {Role.VERB, Role.OBJECT},
    Relation.LISTING: {Role.VERB, Role.OBJECT},
    Relation.BAN: {Role.VERB, Role.OBJECT},
    Relation.SUBJECTION: {Role.VERB, Role.AGENT, Role.OBJECT},
    Relation.PARTIES: {Role.AGENT, Role.OBJECT},
    Relation.RESPONSE: {Role.HEAD, Role.OBJECT},
    Relation.PART: {Role.HEAD, Role.OBJECT},
    Relation.PACKAGE: {Role.VERB, Role.AGENT, Role.OBJECT},
}
SPEC = load(PATTERNS / "dependencies.json", PatternFile[Relation], ROLES)
Handler = Callable[[Sentence, list[Actor], list[MeasureRef], Match[Relation]], None]


class IssuingRules(MeasureRules):
    """Relations between actors and measures read from dependency matches."""

    def _dependencies(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef]) -> None:
        """Apply every dependency match of the sentence; verbs read here are left alone by the word rules."""
        self.read_verbs = set()
        reader = self._dependency_reader(s)
        handlers = self._handlers()
        for match in reader.matches(s.span):
            if match.relation in handlers:
                handlers[match.relation](s, actors, refs, match)

    def _handlers(self) -> dict[Relation, Handler]:
        """The rule each relation's matches go to (a subclass adds its own)."""
        return {
            Relation.ISSUE: self._issue_match,
            Relation.CHANGE: self._change_match,
            Relation.LISTING: self._listing_match,
            Relation.BAN: self._ban_match,
            Relation.SUBJECTION: self._subjection_match,
            Relation.PARTIES: self._parties_match,
            Relation.RESPONSE: self._response_match,
        }

    # ------------------------------------------------------------ reading roles

    def _dependency_reader(self, s: Sentence) -> Patterns[Relation]:
        return compiled(SPEC, s.span.doc.vocab, self.gaz.lexicon)

    def _words(self, name: str) -> list[str]:
        """A word list of the patterns' file that the rules read too (collective, update and package nouns)."""
        return SPEC.words[name]

    def _measure_at(self, s: Sentence, refs: list[MeasureRef], token: Token) -> MeasureRef | None:
        """The measure a token names; or the one whose prepositional phrase holds it (a relative clause hangs
        from the nearest noun: "the quotas on walnuts that X imposed"); or the one a collective or an update
        noun leads to ("a series of updates to its export controls")."""
        start = token
        for _ in range(3):
            ref = self._ref_at(s, refs, token)
            if ref is not None or token.dep_ != "pobj" or token.head.dep_ != "prep":
                break
            token = token.head.head
        if ref is not None:
            return ref
        token = start
        for _ in range(3):
            if token.lemma_ in self._words("collective_heads"):
                preps = ("of",)
            elif token.lemma_ in self._words("update_heads"):
                preps = ("to", "of")
            else:
                return None
            # The parser often hangs "to its export controls" on the verb rather than on "updates".
            holders = [token, start.head] if start.dep_ in ("dobj", "nsubjpass") else [token]
            nouns = [
                p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children
            ]
            nouns = [n for n in nouns if n.dep_ == "pobj" and n.i > token.i]
            if not nouns:
                return None
            token = nouns[0]
            ref = self._ref_at(s, refs, token)
            if ref is not None:
                return ref
        return None

    def _refs_at(self, s: Sentence, refs: list[MeasureRef], tokens: list[Token]) -> list[MeasureRef]:
        found = [self._measure_at(s, refs, t) for t in tokens]
        return list({id(r): r for r in found if r is not None}.values())

    def _doers(
        self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]
    ) -> tuple[list[Actor], list[MeasureRef]]:
        """Who does what the match's verb says: the actors and the measures its agent tokens name."""
        if Role.AGENT in match.tokens:
            tokens = with_conjuncts(match.tokens[Role.AGENT])
        else:
            verb = match.tokens[Role.VERB]
            tokens = agents(verb) + reporters(verb)
        # "X, the Y agency, imposed": an apposition names the same agent.
        tokens += [c for t in tokens for c in t.children if c.dep_ == "appos"]
        measures = self._refs_at(s, refs, tokens)
        found: list[Actor] = []
        for token in tokens:
            if self._ref_at(s, refs, token) is not None:
                continue
            found += self._subject_actors(s, actors, token) or self._pair_at(s, token)
        media = EntityKind.MEDIA.value
        people = [a for a in found if a.node.attributes.get("kind") != media]
        return list({a.id: a for a in people}.values()), measures

    def _pair_at(self, s: Sentence, token: Token) -> list[Actor]:
        """ "The two countries", "both sides": the last two states the document named."""
        char = s.offset + token.idx
        pair = next((m for m in s.of(Label.PAIR) if m.start <= char < m.end), None)
        if pair is None:
            return []
        states = [st for st in self.recent_states[-2:] if st in self.gaz.entries]
        return [Actor(st, pair.start, pair.end, self._node(self.gaz.entries[st].node)) for st in states]

    def _clause_date(self, s: Sentence, verb: Token | None, objects: list[Token]) -> Mention | None:
        """A dated expression the verb itself governs ("on Tuesday", "in late August"), not one inside its object
        nor one that says when the measure starts or ends ("from April"); else the sentence's first full date."""
        if verb is None:
            return None
        doc = s.span.doc
        inside = {t.i for o in objects for t in o.subtree} - {t.i for t in verb.subtree}
        dates = []
        for date in s.of(Label.DATE):
            token = doc[date.token]
            path = [token, *token.ancestors]
            path = path[: path.index(verb)] if verb in path else path
            preps = [t for t in path if t.dep_ == "prep" or t is _preposition(token)]
            if date.ident and token.i not in inside and not any(p.lower_ in NOT_ANNOUNCED for p in preps):
                dates.append(date)
        governed = [d for d in dates if verb in doc[d.token].ancestors]
        days = [d for d in dates if len(d.ident) == 10]
        return (governed or days or [None])[0]

    def _effective(self, s: Sentence, verb: Token | None, ref: MeasureRef) -> None:
        """A date the verb governs through "since", "from" or "effective" says when the measure took effect."""
        if verb is None or ref.effective:
            return
        doc = s.span.doc
        for date in s.of(Label.DATE):
            prep = _preposition(doc[date.token])
            if date.ident and prep is not None and prep.lower_ in EFFECTIVE and prep.head == verb:
                ref.effective = date.ident
                return

    def _issue(self, s: Sentence, ref: MeasureRef, issuers: list[Actor], edge: EdgeType = EdgeType.ISSUED) -> None:
        for actor in issuers:
            self._fact(s, edge, actor.id, ref)
            if actor.id not in ref.issuers:
                ref.issuers.append(actor.id)
            ref.issuer_state = ref.issuer_state or self.gaz.state_of(actor.id)
        ref.used = True

    def _date(self, ref: MeasureRef, date: Mention | None) -> None:
        if date is not None and not ref.announced:
            ref.announced, ref.date_text = date.ident, date.text

    # ------------------------------------------------------------ relations

    def _issue_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        objects = with_conjuncts(match.tokens[Role.OBJECT])
        measures = [r for r in self._refs_at(s, refs, objects) if not r.law]
        if not measures:
            return
        issuers, _ = self._doers(s, actors, refs, match)
        verb = match.tokens.get(Role.VERB)
        # A measure named with its "by" phrase is dated by its own phrases ("a ruling by X in late August").
        date = self._clause_date(s, verb, objects) if verb is not None else self._clause_date(s, objects[0], [])
        if not issuers:
            for ref in measures:
                self._date(ref, date)
            return
        for ref in measures:
            self._issue(s, ref, issuers)
            self._date(ref, date)
            self._effective(s, verb, ref)
            self._verb_targets(s, actors, verb, ref, issuers)
            if ref.change:
                kind, base = ref.change
                self._fact(s, EdgeType.SUSPENDS if kind == "suspension" else EdgeType.MODIFIES, ref, base)
                base.used = True
        if verb is not None:
            self.read_verbs.add(verb.i)

    def _verb_targets(
        self, s: Sentence, actors: list[Actor], verb: Token | None, ref: MeasureRef, issuers: list[Actor]
    ) -> None:
        """ "The duties it imposed on 28 companies", "sanctions slapped against X": the parser hangs the target
        on the issuing verb rather than on the measure."""
        if verb is None:
            return
        nouns = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in VERB_TARGETS for p in c.children]
        nouns = [m for p in nouns if p.dep_ == "pobj" for m in with_conjuncts(p)]
        own = {a.id for a in issuers}
        for actor in self._actors_at(s, actors, nouns):
            if actor.id not in own and actor.id not in ref.targets and actor.node.type is not NodeType.OFFICIAL:
                ref.targets.append(actor.id)

    def _change_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        verb = match.tokens[Role.VERB]
        objects = with_conjuncts(match.tokens[Role.OBJECT])
        start = s.offset + verb.idx
        bases = [
            r
            for r in self._refs_at(s, refs, objects)
            if (not r.anaphor or r.kind is not MeasureKind.OTHER) and not (r.change and r.start == start)
        ]
        if not bases:
            return
        issuers, changers = self._doers(s, actors, refs, match)
        changers = [c for c in changers if all(c is not b for b in bases)]
        if changers:
            for changer in changers:
                for base in bases:
                    self._fact(s, EdgeType.MODIFIES, changer, base)
                    changer.used = base.used = base.apart = True
            self.read_verbs.add(verb.i)
            return
        lex = self.gaz.lexicon
        if not issuers or verb.lower_ in lex.suspend_verbs or verb.lemma_ in lex.issue_lemmas:
            return
        date = self._clause_date(s, verb, objects)
        for base in bases:
            change = self._change_of(s, refs, verb, base)
            self._issue(s, change, issuers)
            self._date(change, date)
            self._fact(s, EdgeType.MODIFIES, change, base)
            base.used = True
        self.read_verbs.add(verb.i)

    def _change_of(self, s: Sentence, refs: list[MeasureRef], verb: Token, base: MeasureRef) -> MeasureRef:
        """The change measure a verb makes of a base: the one the change word already made, else a new one
        of the base's kind (easing or tightening export controls keeps the lexicon's kind for it)."""
        start = s.offset + verb.idx
        for ref in refs:
            if ref.change and ref.change[1] is base and ref.start == start:
                return ref
        change = self.gaz.lexicon.modify_words.get(verb.lemma_)
        kind = change_kind(change, base.kind, self.gaz.lexicon.change_kinds)
        name = self._between(s, start, base.end + len(self._object_name(s, base.end))).strip().rstrip(".,;")
        ref = MeasureRef(kind, name, start, base.end, change=(change.value if change else verb.lemma_, base))
        ref.topics = base.topics
        refs.append(ref)
        self.measures.append(ref)
        return ref

    def _listing_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        verb, obj = match.tokens[Role.VERB], match.tokens[Role.OBJECT]
        listed = self._actors_at(s, actors, with_conjuncts(obj))
        listed = [a for a in listed if a.node.type in (NodeType.ENTITY, NodeType.MINISTRY)]
        if not listed or self._ref_at(s, refs, obj) is not None:
            return
        end_token = max(obj.right_edge, match.tokens.get(Role.GOAL, obj).right_edge, key=lambda t: t.i)
        for child in verb.rights:
            if child.dep_ == "prep" and child.lower_ in LISTING_PREPOSITIONS and child.i > obj.i:
                end_token = max(end_token, child.right_edge, key=lambda t: t.i)
        first = min(verb, obj.left_edge, key=lambda t: t.i)
        start, end = s.offset + first.idx, s.offset + end_token.idx + len(end_token)
        ref = MeasureRef(MeasureKind.LISTING, self._between(s, start, end).strip(), start, end)
        ref.targets = [a.id for a in listed]
        issuers, _ = self._doers(s, actors, refs, match)
        issuers = [a for a in issuers if a.id not in ref.targets]
        self._issue(s, ref, issuers)
        self._date(ref, self._clause_date(s, verb, [obj]))
        refs.append(ref)
        self.measures.append(ref)
        self.read_verbs.add(verb.i)

    def _ban_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        verb, flow = match.tokens[Role.VERB], match.tokens[Role.OBJECT]
        if self._ref_at(s, refs, flow) is not None:
            return
        covers, targets = self._syntactic_items(s, actors, flow)
        if not covers:
            return
        heads = self.gaz.lexicon.measure_heads
        kind = heads.get(f"{flow.lemma_} ban", MeasureKind.EXPORT_CONTROL)
        first, last = flow.left_edge, flow.right_edge
        start, end = s.offset + first.idx, s.offset + last.idx + len(last)
        ref = MeasureRef(kind, "ban on " + self._between(s, start, end).strip(), start, end)
        ref.covers = covers
        ref.targets = list(dict.fromkeys(targets + self._syntactic_targets(s, actors, flow)))
        issuers, _ = self._doers(s, actors, refs, match)
        self._issue(s, ref, issuers)
        self._effective(s, verb, ref)
        refs.append(ref)
        self.measures.append(ref)
        self.read_verbs.add(verb.i)

    def _subjection_match(
        self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]
    ) -> None:
        """Goods (or an actor) made subject to a measure, or facing it: what it covers, and whom it targets."""
        ref = self._ref_at(s, refs, match.tokens[Role.OBJECT])
        if ref is None or ref.law or ref.anaphor or ref.change:
            return
        subject = match.tokens[Role.AGENT]
        bodies = (NodeType.ENTITY, NodeType.MINISTRY)
        targets = [a.id for a in self._actors_at(s, actors, with_conjuncts(subject)) if a.node.type in bodies]
        covers: list[str] = []
        lex = self.gaz.lexicon
        if not targets:
            covers, targets = self._syntactic_items(s, actors, subject)
            goods = [
                t for t in with_conjuncts(subject) if not traded(t, lex) and t.lower_ not in lex.generic_item_heads
            ]
            covers += [i for i in (self._item(s, actors, t) for t in goods) if i]
            targets += self._syntactic_targets(s, actors, subject)
            owners = [left for t in with_conjuncts(subject) for left in t.lefts if left.dep_ in ("compound", "poss")]
            targets += [a.id for a in self._actors_at(s, actors, owners) if a.node.type in bodies]
            demonyms = [left for t in with_conjuncts(subject) for left in t.lefts if left.dep_ == "amod"]
            targets += [m.ident for m in s.of(Label.ADJ) for d in demonyms if m.start <= s.offset + d.idx < m.end]
        ref.covers += [c for c in dict.fromkeys(covers) if c not in ref.covers]
        ref.targets += [t for t in dict.fromkeys(targets) if t not in ref.targets and t not in ref.issuers]
        if covers or targets:
            ref.used = True
            if not OBJECT_WORDS.intersection(ref.name.lower().split()):
                # "quotas" alone says little: name it by what it applies to ("quotas on X imports from Y").
                words = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
                opening = words.sent.start
                phrase = "".join(
                    (w.lower_ if w.i == opening and w.pos_ != "PROPN" and not w.ent_type_ else w.text) + w.whitespace_
                    for w in words
                )
                ref.name = f"{ref.name} on {phrase.strip()}"

    def _parties_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        """Each party an agreement is "between" issued it (the contract's reading of agreements)."""
        ref = self._ref_at(s, refs, match.tokens[Role.OBJECT])
        if ref is None or ref.law or ref.anaphor or ref.change:
            return
        parties = self._actors_at(s, actors, with_conjuncts(match.tokens[Role.AGENT]))
        self._issue(s, ref, [a for a in parties if a.node.type in (NodeType.ENTITY, NodeType.MINISTRY)])

    def _response_match(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], match: Match[Relation]) -> None:
        """ "X, in (apparent) retaliation for Y": the measure the phrase belongs to RESPONDS_TO the one it names;
        the phrase belongs to the measure it modifies, else to the objects of its verb, else to the nearest
        measure before it."""
        target = match.tokens[Role.OBJECT]
        cause: MeasureRef | MeetingRef | None = self._measure_at(s, refs, target) or self._meeting_at(s, target)
        head = match.tokens[Role.HEAD]
        if cause is None or (isinstance(cause, MeasureRef) and cause.law):
            return
        objects = [o for c in head.children if c.dep_ in ("dobj", "nsubjpass") for o in with_conjuncts(c)]
        # A verb head ("prompted X to threaten a tariff") responds through its own objects.
        effects = [r for r in self._refs_at(s, refs, objects) if r is not cause] if head.pos_ == "VERB" else []
        for ancestor in [] if effects else head.ancestors:
            ref = self._ref_at(s, refs, ancestor)
            if ref is not None and ref is not cause:
                effects = [ref]
                break
            if ancestor.pos_ in ("VERB", "AUX"):
                objects = [o for c in ancestor.children if c.dep_ in ("dobj", "nsubjpass") for o in with_conjuncts(c)]
                effects = [r for r in self._refs_at(s, refs, objects) if r is not cause]
                break
        if not effects:
            before = [r for r in refs if r.end <= s.offset + head.idx and r is not cause and not r.law]
            effects = before[-1:]
        self.responses += [(effect, cause) for effect in effects]

    def _settle_responses(self, s: Sentence) -> None:
        """RESPONDS_TO from each response's measure, or from the suspension the sentence made of it
        ("in response to the talks, X suspended the tariffs": the suspension responds)."""
        for effect, cause in self.responses:
            made = [r for r in self.measures if r.change and r.change[1] is effect and r.change[0] == "suspension"]
            for measure in made[-1:] or [effect]:
                self._fact(s, EdgeType.RESPONDS_TO, measure, cause)
                measure.used = True
            if isinstance(cause, MeasureRef):
                cause.used = True
        self.responses = []

    def _meeting_at(self, s: Sentence, token: Token) -> MeetingRef | None:
        """The meeting a token's mention names ("in response to the Geneva talks")."""
        char = s.offset + token.idx
        head = next((m for m in s.of(Label.MEETING) if m.start <= char < m.end), None)
        return next((r for r in reversed(self.meetings) if head is not None and r.start == head.start), None)


def _preposition(token: Token) -> Token | None:
    """The preposition a date's first token opens or hangs from ("since 2011", "on 3 March 2025")."""
    for _ in range(3):
        if token.dep_ == "prep":
            return token
        if token.dep_ == "pobj":
            return token.head
        if token.dep_ not in ("nummod", "compound", "amod", "det") or token.head is token:
            return None
        token = token.head
    return None
