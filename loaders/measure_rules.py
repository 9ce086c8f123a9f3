"""Measure rules: measure references, who issued, proposed or suspended them, what they cover and target."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.item_rules import ItemRules
from loaders.measures import MeasureRef, change_kind, topics_of
from loaders.mentions import LIST_MARK, Label, Mention, Sentence
from loaders.reader import Actor
from loaders.syntax import (
    agents,
    covered_nouns,
    is_destination,
    is_passive,
    objects,
    reporters,
    target_nouns,
)
from ontology.terms import EdgeType, EntityKind, MeasureKind, NodeType

#: A measure head ending in a trade flow names its goods with "of" ("a ban on imports of X").
TRADE_FLOWS = ("imports", "exports", "shipments", "sales")
#: Characters between a wording and the instrument that names it when a sentence has several ("... on tin (Order").
INSTRUMENT_GAP = 8


class MeasureRules(ItemRules):
    """Measure references of a sentence and the verbs that tie actors to them."""

    def _measures(self, s: Sentence, actors: list[Actor]) -> list[MeasureRef]:
        refs: list[MeasureRef] = []
        instruments = s.of(Label.INSTRUMENT)
        heads = s.of(Label.MEASURE)
        for m in s.of(Label.MEASURE, Label.ANAPHOR, Label.LAW):
            if m.label == Label.ANAPHOR:
                kind = MeasureKind(m.ident) if m.ident else MeasureKind.OTHER
                refs.append(MeasureRef(kind, m.text, m.start, m.end, anaphor=not m.ident))
                continue
            ref = self._phrase(s, actors, m)
            if m.label == Label.LAW:
                ref.kind, ref.law, ref.name = MeasureKind.LAW, True, m.ident
                ref.issuers = []
            refs.append(ref)
        for verb in s.of(Label.BAN_VERBS):
            ban = self._ban(s, actors, verb)
            if ban:
                refs.append(ban)
        owners = self._instrument_owners(refs, instruments)
        for m in instruments:
            issuer = next((a for a in reversed(actors) if a.end <= m.start and m.start - a.end <= 2), None)
            date = next((d for d in s.of(Label.DATE) if d.start >= m.end and d.ident), None)
            absorbed = [r for r in refs if owners.get(id(r)) is m]
            kinds = [r.kind for r in absorbed if r.kind is not MeasureKind.OTHER]
            kinds += [MeasureKind(h.ident) for h in heads + s.of(Label.ANAPHOR) if h.ident not in ("", "suspension")]
            kind = kinds[0] if kinds else MeasureKind.OTHER
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
                    ref.spans.append((other.start, other.end))
                    ref.aliases.append(other.name)
                    ref.topics |= other.topics
                refs.append(ref)
        refs = [r for r in refs if id(r) not in owners]
        for m in s.of(Label.MODIFY):
            if self._measure_changes_measure(s, refs, m):
                continue
            base = next((r for r in refs if r.start >= m.end and not r.change), None)
            if base is None or base.start > self._clause_end(s, m.end):
                continue
            change = m.ident
            ref = MeasureRef(
                change_kind(change, base.kind, self.gaz.lexicon.change_kinds),
                self._between(s, m.start, base.end + len(self._object_name(s, base.end))).strip().rstrip(".,;"),
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
            if ref.instrument or ref.law or ref.announced or (ref.covers and not ref.anaphor):
                ref.used = True
        return refs

    def _instrument_owners(self, refs: list[MeasureRef], instruments: list[Mention]) -> dict[int, Mention]:
        """The instrument each wording of the sentence names: with one instrument, every wording is it ("the
        ban ... under Order No. 5"); with several, a wording is the instrument just after it ("the duty on tin
        (Order No. 4), the curbs on zinc (Order No. 5)") and any other wording a measure of its own."""
        generic = [r for r in refs if not r.law and not r.anaphor]
        if len(instruments) == 1:
            return {id(r): instruments[0] for r in generic}
        owners = {}
        for ref in generic:
            end = ref.start + len(ref.name)  # the wording's last word, its objects included
            after = [m for m in instruments if 0 <= m.start - end <= INSTRUMENT_GAP]
            if after:
                owners[id(ref)] = after[0]
        return owners

    def _enumeration(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef]) -> None:
        """A list after a colon: each listed good is covered by the measure the introducing sentence names
        (or, naming none, the last one the document named)."""
        if s.listed or LIST_MARK.match(s.text):
            if self.listing is not None and not s.text.rstrip().endswith(":"):
                for item in self._listed_goods(s, actors):
                    self._fact(s, EdgeType.COVERS, self.listing, item)
                    self.listing.used = True
            return
        if s.text.rstrip().endswith(":") and not self._introduces_sectors(s):
            earlier = [r for r in self.measures if not r.law and not r.anaphor and (r.used or r.specific)]
            named = [r for r in refs if not r.anaphor] or earlier[-1:]
            self.listing = named[-1] if named else None
        else:
            self.listing = None

    def _measure_changes_measure(self, s: Sentence, refs: list[MeasureRef], m: Mention) -> bool:
        """ "The new rules replace the 2019 controls": a change verb whose subject and object are both
        measures makes the first MODIFY the second (a suspension SUSPENDS it)."""
        verb = s.span.doc[m.token]
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        subject = next((r for t in agents(verb) for r in refs if r.start <= s.offset + t.idx < r.end), None)
        changed = next((r for t in objects(verb) for r in refs if r.start <= s.offset + t.idx < r.end), None)
        if subject is None or changed is None or subject is changed:
            return False
        self._fact(s, EdgeType.MODIFIES, subject, changed)
        subject.used = changed.used = True
        return True

    def _ban(self, s: Sentence, actors: list[Actor], verb: Mention) -> MeasureRef | None:
        """A verb that itself makes a measure: "banned exports of gallium to the United States"."""
        objects = "|".join(re.escape(w) for w in self.gaz.lexicon.ban_objects)
        match = re.match(rf"\s+(?:the\s+|all\s+)?(?:{objects})\b", s.text[verb.end - s.start :], re.I)
        if not match:
            return None
        head = Mention(
            Label.MEASURE,
            MeasureKind.EXPORT_CONTROL.value,
            verb.end + match.start(),
            verb.end + match.end(),
            match.group(0).strip(),
            verb.token,
            verb.token_end,
        )
        ref = self._phrase(s, actors, head)
        words = self._between(s, head.start, self._scope_end(s, head.end)).split()
        stops = self.gaz.words("name_stops")
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
        dates = [d.start for d in s.of(Label.DATE) if head_end <= d.start < scope_end]
        if dates:
            tail = tail[: dates[0] - head_end]
        tail = re.split(r",|\(|\bfor \d|\bduring\b|\bin\b|\bto \w+", tail)[0]
        words = tail.split()
        stops = self.gaz.words("name_stops")
        cut = next((i for i, w in enumerate(words) if w.lower().strip(".,;") in stops), len(words))
        words = words[:cut]
        while words and words[-1].lower() in self.gaz.words("stop_words"):
            words.pop()
        return (
            (" " + " ".join(words[:12]))
            if words
            and (
                words[0].lower() in ("on", "covering", "targeting", "against", "for")
                or (words[0].lower() == "of" and self._between(s, s.start, head_end).lower().endswith(TRADE_FLOWS))
            )
            else ""
        )

    def _phrase(self, s: Sentence, actors: list[Actor], m: Mention) -> MeasureRef:
        """A measure head with what surrounds it: issuer before, objects and targets after, duration, topics."""
        name_start = self._lead(s, m, capitals=False)
        name = (self._between(s, name_start, m.end) + self._object_name(s, m.end)).strip().rstrip(".")
        ref = MeasureRef(MeasureKind.LAW if m.label == Label.LAW else MeasureKind(m.ident), name, name_start, m.end)
        for actor in actors:
            before_head = name_start <= actor.start and actor.end <= m.start
            if before_head and actor.node.attributes.get("kind") != EntityKind.MEDIA.value:
                ref.issuers.append(actor.id)
                ref.issuer_state = ref.issuer_state or self.gaz.state_of(actor.id)
        for adj in s.of(Label.ADJ):
            if name_start <= adj.start and adj.end <= m.start:
                ref.issuer_state = ref.issuer_state or adj.ident
                if adj.ident not in ref.issuers:
                    ref.issuers.append(adj.ident)
        duration = re.search(r"(\d+)-day", self._between(s, name_start, m.end))
        scope_end = self._scope_end(s, m.end)
        scope = self._between(s, m.end, scope_end)
        duration = duration or re.search(r"\bfor (\d+) days\b", scope)
        if duration:
            ref.duration_days = int(duration.group(1))
        for item in s.of(Label.ITEM):
            node = self.gaz.entries[item.ident].node
            goods = node.type in (NodeType.ELEMENT, NodeType.MATERIAL)
            if m.end <= item.start < scope_end and goods and not self._inside_product(s, item):
                ref.covers.append(item.ident)
        head = s.span.doc[m.token_end - 1]
        items, targets = self._syntactic_items(s, actors, head)
        if m.label is not Label.LAW:
            ref.covers += [i for i in items if i not in ref.covers]
            targets += self._syntactic_targets(s, actors, head)
            ref.targets += [t for t in dict.fromkeys(targets) if t not in ref.targets and t not in ref.issuers]
        for actor in actors:
            if not m.end <= actor.start < scope_end:
                continue
            lead_in = self._between(s, m.end, actor.start).split()
            follows = s.text[actor.end - s.start :].split()
            not_nouns = self.gaz.words("not_nouns")
            adjectival = bool(follows) and follows[0][:1].islower() and follows[0].rstrip(".,;") not in not_nouns
            if (
                lead_in
                and lead_in[-1].lower() in self.gaz.words("target_prepositions")
                and (actor.node.attributes.get("kind") == EntityKind.GROUP.value or not adjectival)
                and not self._destination(s, actor)
            ):
                ref.targets.append(actor.id)
        ref.topics = topics_of(name + " " + scope, self.gaz.lexicon.topics)
        for date in s.of(Label.DATE):
            said = self._between(s, max(m.end, date.start - 20), date.start)
            in_lead = name_start <= date.start < m.start
            in_scope = m.end <= date.start < scope_end
            if date.ident and (in_lead or (in_scope and re.search(r"\b\w+ed on $", said))):
                ref.announced, ref.date_text = date.ident, date.text
                break
        return ref

    def _destination(self, s: Sentence, actor: Actor) -> bool:
        """The actor is where goods named with their origin go ("Korean ship exports to Brazil"), not a target."""
        name = s.span.doc.char_span(actor.start - s.offset, actor.end - s.offset, alignment_mode="expand")
        return name is not None and is_destination(name.root, self.gaz.lexicon)

    def _syntactic_items(self, s: Sentence, actors: list[Actor], head: Token) -> tuple[list[str], list[str]]:
        """The goods a measure head's phrases name (gazetteer items where the phrase is one, else Materials),
        and the actors named where goods would be ("a review of Acme Corp", "sanctions on Freedonia")."""
        found: list[str] = []
        targets: list[str] = []
        for noun in self._goods_tokens(covered_nouns(head, self.gaz.lexicon)):
            actor = self._actor_at(s, actors, noun) or next(
                (self._actor_at(s, actors, c) for c in noun.children if c.dep_ in ("appos", "compound")), None
            )
            if actor and noun.pos_ in ("NOUN", "PROPN"):
                kind = actor.node.attributes.get("kind")
                if kind not in (EntityKind.MEDIA.value,) and actor.node.type is not NodeType.OFFICIAL:
                    targets.append(actor.id)
                # "US coal": a state or company named attributively targets the measure, and the good is covered.
                if noun.pos_ == "PROPN" or self._actor_at(s, actors, noun):
                    continue
            item = self._item(s, actors, noun)
            if item and item not in found:
                found.append(item)
        return found, targets

    def _syntactic_targets(self, s: Sentence, actors: list[Actor], head: Token) -> list[str]:
        """The actors (or states named by a demonym) a measure head's phrases direct it at."""
        found = []
        for noun in target_nouns(head, self.gaz.lexicon):
            char = s.offset + noun.idx
            actor = self._actor_at(s, actors, noun)
            ident = actor.id if actor else next((m.ident for m in s.of(Label.ADJ) if m.start <= char < m.end), None)
            kind = actor.node.attributes.get("kind") if actor else None
            if ident and ident not in found and kind != EntityKind.MEDIA.value:
                found.append(ident)
        return found

    # ------------------------------------------------------------ verbs

    def _verb_token(self, s: Sentence, verb: Mention) -> Token:
        """The verb of a trigger mention in the parse ("rolled" of "rolled out")."""
        tokens = s.span.doc[verb.token : verb.token_end]
        return next((t for t in tokens if t.pos_ in ("VERB", "AUX")), tokens[0])

    def _syntactic_subjects(self, s: Sentence, actors: list[Actor], verb: Mention) -> list[Actor] | None:
        """Who a trigger verb's subject, passive agent or reporting clause names; None when the parse names nobody."""
        token = self._verb_token(s, verb)
        found = agents(token)
        if not found:
            return [] if is_passive(token) else None
        subjects = [a for t in found + reporters(token) for a in self._subject_actors(s, actors, t)]
        subjects = list({a.id: a for a in subjects}.values())
        return [a for a in subjects if a.node.attributes.get("kind") not in (EntityKind.MEDIA.value,)]

    def _subject_actors(self, s: Sentence, actors: list[Actor], token: Token) -> list[Actor]:
        """The actor a subject names: its own mention, else one modifying it ("G7 leaders", "the Dutch government"),
        else, for "the government", the state the document is about."""
        actor = self._actor_at(s, actors, token)
        if actor:
            return [actor]
        if token.lower_ == "it":
            # "It" is one body: not a counted group ("28 companies").
            single = [b for b in self.bodies if b.node.attributes.get("kind") != EntityKind.GROUP.value]
            return single[-1:]
        for child in token.children:
            if child.dep_ not in ("compound", "poss", "amod", "nmod"):
                continue
            actor = self._actor_at(s, actors, child)
            if actor:
                return [actor]
            char = s.offset + child.idx
            state = next((m.ident for m in s.of(Label.ADJ) if m.start <= char < m.end), None)
            if state:
                return [Actor(state, char, char + len(child.text), self._node(self.gaz.entries[state].node))]
        if token.lemma_ in self.gaz.words("government_words") and self.state_prior:
            state = self.state_prior.most_common(1)[0][0]
            if state in self.gaz.entries:
                return [
                    Actor(state, s.offset + token.idx, s.offset + token.idx + len(token), self.gaz.entries[state].node)
                ]
        return []

    def _syntactic_object(self, s: Sentence, refs: list[MeasureRef], verb: Mention) -> MeasureRef | None:
        """The measure a trigger verb's object (or the noun its clause modifies) names; else the first measure
        of the clause it announces ("announced that certain goods would require export permits")."""
        head = self._verb_token(s, verb)
        for clause in (c for c in head.children if c.dep_ == "ccomp"):
            start, end = s.offset + clause.left_edge.idx, s.offset + clause.right_edge.idx + 1
            inside = [r for r in refs if start <= r.start < end]
            if inside and not objects(head):
                return inside[0]
        for token in objects(head):
            char = s.offset + token.idx
            ref = next((r for r in refs if r.holds(char)), None)
            if ref:
                return ref
        return None

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
            if actor.node.attributes.get("kind") in (EntityKind.MEDIA.value, EntityKind.GROUP.value):
                continue
            found.append(actor)
        return found

    def _object(self, s: Sentence, refs: list[MeasureRef], verb: Mention) -> MeasureRef | None:
        end = self._clause_end(s, verb.end)
        return next((r for r in refs if verb.start <= r.start < end), None)

    def _verbs(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef]) -> None:
        for verb in s.of(Label.ISSUE_VERBS, Label.SUSPEND_VERBS, Label.PROPOSE_VERBS, Label.BAN_VERBS):
            if self._verb_token(s, verb).i in self.read_verbs:
                continue
            passive = bool(re.match(r"\s+by\s+", s.text[verb.end - s.start :]))
            target = self._syntactic_object(s, refs, verb)
            if target is None and verb.extra.get("by_lemma"):
                continue
            target = target or (
                next((r for r in reversed(refs) if r.start < verb.start), None)
                if passive
                else self._object(s, refs, verb)
            )
            subjects = self._syntactic_subjects(s, actors, verb)
            if subjects is None:
                subjects = self._subjects(s, actors, verb)
            if target is None or not subjects:
                continue
            if target.change:
                target = next((r for r in refs if r.change and r.start == target.start), target)
            if verb.label == Label.SUSPEND_VERBS and not target.change:
                self._claim(target, subjects)
                target = self._suspension(s, target, verb)
            edge = EdgeType.PROPOSED if verb.label == Label.PROPOSE_VERBS else EdgeType.ISSUED
            if edge is EdgeType.PROPOSED:
                target.status = "proposed"
            for subject in subjects:
                self._fact(s, edge, subject.id, target)
                target.issuers.append(subject.id)
                target.issuer_state = target.issuer_state or self.gaz.state_of(subject.id)
            target.used = True
            dates = [d for d in s.of(Label.DATE) if d.ident and len(d.ident) == 10]
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
            words = self.gaz.words("cover_words")
            items = [
                m
                for m in s.of(Label.ITEM)
                if self.gaz.entries[m.ident].node.type in (NodeType.ELEMENT, NodeType.MATERIAL)
                and not self._inside_product(s, m)
            ]
            if items and any(w.lower() in words for w in s.words):
                named[0].covers = [m.ident for m in items]
        self._verb_coverings(s, actors, refs)
        for ref in refs:
            self._covers(s, ref)

    def _covers(self, s: Sentence, ref: MeasureRef) -> None:
        base = ref.change[1] if ref.change and ref.change[0] == "suspension" else ref
        for item in ref.covers:
            self._fact(s, EdgeType.COVERS, base, item)
        for target in ref.targets:
            self._fact(s, EdgeType.TARGETS, base, target)

    def _claim(self, ref: MeasureRef, suspenders: list[Actor]) -> None:
        """Only who issued a measure can suspend it: a state named on it ("Chile suspends US ban on X") is
        the state it is aimed at, not its issuer."""
        states = {self.gaz.state_of(a.id) for a in suspenders}
        issuers = [i for i in ref.issuers if self.gaz.state_of(i) == i]
        if ref.instrument or not issuers or None in states or states & set(issuers):
            return
        self.facts = [
            f for f in self.facts if not (f.type is EdgeType.ISSUED and f.target is ref and f.source in issuers)
        ]
        ref.targets += [i for i in issuers if i not in ref.targets]
        ref.issuers = [i for i in ref.issuers if i not in issuers]
        ref.issuer_state = next(iter(states))

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
