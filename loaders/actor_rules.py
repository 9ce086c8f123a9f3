"""Actor rules: resolving who a mention names, and who holds which post."""

from __future__ import annotations

import re

from spacy.tokens import Token

from loaders.actor_syntax import Relation
from loaders.measures import MeasureRef
from loaders.meetings import MeetingRef
from loaders.mentions import NAMED, Label, Mention, Sentence
from loaders.reader import Actor, ReaderBase
from ontology.contract import Node
from ontology.ids import node_id, slug
from ontology.terms import EdgeType, EntityKind, NodeType


class ActorRules(ReaderBase):
    """Actors of a sentence (names, surnames, pronouns, titled people) and HOLDS_POST."""

    def _actors(self, s: Sentence) -> list[Actor]:
        self._known_before = set(self.nodes)
        out: list[Actor] = []
        for m in s.mentions:
            ident = None
            if m.label == Label.ACTOR:
                ident = m.ident
            elif m.label == Label.CTX:
                ident = self._context(s, m)
            elif m.label == Label.PRONOUNS and self.last_official and m.text[0].isupper() == (m.start == s.start):
                ident = self.last_official
            elif m.label == Label.GROUP:
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
                        self._node(self.gaz.entries[ident].node) if ident in self.gaz.entries else self._known(ident),
                    )
                )
        out = self._named_after_states(s, out)
        out += self._named(s, out)
        for actor in out:
            entry = self.gaz.entries.get(actor.id)
            if entry and entry.short and actor.node.type is NodeType.OFFICIAL:
                self.shorts.setdefault(entry.short, actor.id)
        out += self._short_names(s, out)
        out += self._titled_people(s, out)
        out += self._body_references(s, out)
        out += self._outlets(s, out)
        out += self._common_bodies(s, out)
        out.sort(key=lambda a: a.start)
        for actor in out:
            entry = self.gaz.entries.get(actor.id)
            if actor.node.type is NodeType.OFFICIAL:
                self.last_official = actor.id
                if entry and entry.short:
                    self.shorts[entry.short] = actor.id
            if actor.node.attributes.get("kind") in (EntityKind.STATE.value, EntityKind.BLOC.value):
                self.recent_states = [*[st for st in self.recent_states if st != actor.id][-3:], actor.id]
            if actor.node.type is NodeType.OFFICIAL:
                self.recent_officials = [*[o for o in self.recent_officials if o != actor.id][-3:], actor.id]
            groups = (EntityKind.COMPANY.value, EntityKind.FORUM.value, EntityKind.BLOC.value, EntityKind.GROUP.value)
            if actor.node.type is NodeType.MINISTRY or actor.node.attributes.get("kind") in groups:
                self.bodies = [*[b for b in self.bodies if b.id != actor.id][-5:], actor]
        return out

    def _body_references(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """ "The ministry", "the company": the last body of that type named before, preferring one whose name
        holds the word ("the department" after the Department of Commerce)."""
        out = []
        words = "|".join(re.escape(w) for w in self.gaz.lexicon.body_anaphors)
        for match in re.finditer(rf"\b[Tt]he ({words})\b(?![’']s? [A-Z]| of [A-Z])", s.text):
            start, end = s.start + match.start(), s.start + match.end()
            if any(m.start < end and start < m.end for m in s.mentions if m.label not in NAMED) or any(
                a.start < end and start < a.end for a in found
            ):
                continue
            word = match.group(1).lower()
            wanted = self.gaz.lexicon.body_anaphors[word]
            fits = [
                b
                for b in self.bodies
                if (b.node.type is NodeType.MINISTRY) == (wanted == "Ministry")
                and (wanted == "Ministry" or b.node.attributes.get("kind") == wanted)
            ]
            named = [b for b in fits if word in b.node.name.lower()]
            antecedent = (named or fits or [None])[-1]
            if antecedent:
                out.append(Actor(antecedent.id, start, end, antecedent.node))
        return out

    def _named_after_states(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """A proper name written before a state's name as its compound ("Acme Belgium" where the recogniser saw
        only "Belgium") is an organisation named after its country, not the state."""
        out = []
        for actor in found:
            token = self._token_at(s, actor.start)
            kind = actor.node.attributes.get("kind")
            lead = token.doc[token.i - 1] if token is not None and token.i > s.span.start else None
            if (
                lead is None
                or kind != EntityKind.STATE.value
                or lead.dep_ != "compound"
                or lead.head.i < token.i
                or lead.pos_ != "PROPN"
                or not lead.text[:1].isupper()
                or any(m.start <= s.offset + lead.idx < m.end for m in s.mentions if m.label not in NAMED)
            ):
                out.append(actor)
                continue
            if actor.id not in self._known_before and not any(a.id == actor.id and a is not actor for a in found):
                self.nodes.pop(actor.id, None)
            start = s.offset + lead.idx
            name = s.text[start - s.start : actor.end - s.start]
            node = self._organisation(name, name.split(), self._company_context(s, token))
            node = self.nodes.get(node.id) or self.candidates.setdefault(node.id, node)
            out.append(Actor(node.id, start, actor.end, node))
        return out

    def _token_at(self, s: Sentence, char: int) -> Token | None:
        return next((t for t in s.span if s.offset + t.idx == char), None)

    def _common_bodies(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """Governmental bodies written as common nouns ("the Peruvian tax agency", "the revenue department"):
        a ministry head with portfolio modifiers is the gazetteer's body of that state (the one written on it,
        else the one the document is about) whose name holds the portfolio, else a body of its own."""
        out = []
        heads = self.gaz.words("ministry_heads")
        for token in s.span:
            char = s.offset + token.idx
            if token.lower_ not in heads or not token.text.islower() or token.pos_ != "NOUN":
                continue
            if any(m.start <= char < m.end for m in s.mentions if m.label not in NAMED) or self._actor_at(
                s, found, token
            ):
                continue
            lefts = [t for t in token.lefts if t.dep_ in ("compound", "amod", "nmod", "poss")]
            portfolio = [t for t in lefts if t.text.islower() and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "poss"]
            named = any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and c.i > token.i for c in token.children)
            if named or not portfolio or {t.lower_ for t in portfolio} & self.gaz.words("non_portfolio_words"):
                continue  # "the news agency Xinhua", "a government office" name no governmental portfolio
            owners = [self._covering(s, found, t, min) for t in lefts if t.pos_ in ("ADJ", "PROPN")]
            states = [a.id for a in owners if a and a.node.attributes.get("kind") in ("state", "bloc")]
            states += [m.ident for m in s.of(Label.ADJ) if any(m.start <= s.offset + t.idx < m.end for t in lefts)]
            state = next(iter(states), None) or self._dominant_state()
            body = self._ministry_with(state, {t.lower_ for t in portfolio})
            first = min([token, *portfolio, *[t for t in lefts if t.pos_ == "ADJ"]], key=lambda t: t.i)
            start = s.offset + first.idx
            end = char + len(token.text)
            if body:
                node = self._node(self.gaz.entries[body].node)
            else:
                name = " ".join(t.text for t in token.doc[min(t.i for t in portfolio) : token.i + 1])
                node = Node(id=node_id(NodeType.MINISTRY, name), type=NodeType.MINISTRY, name=name)
                node = self.nodes.get(node.id) or self.candidates.setdefault(node.id, node)
            out.append(Actor(node.id, start, end, node))
        return out

    def _outlets(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """Outlets the recogniser missed: the proper name a reporting verb has as subject ("The Daily Planet
        wrote that ...") or that follows "according to", when no other mention covers it."""
        out = []
        for token, verb in self._syntax(s, Relation.REPORTS):
            char = s.offset + token.idx
            taken = any(m.start <= char < m.end for m in s.mentions) or self._actor_at(s, found, token)
            if verb.lemma_ == "say" or taken or not _reporting(verb):
                continue
            chain = [t for t in token.lefts if t.dep_ in ("compound", "det") and t.right_edge.i < token.i]
            first = next((t for t in chain if t.pos_ == "PROPN" or t.text == "The"), token)
            if any(t.pos_ not in ("PROPN", "DET") for t in token.doc[first.i : token.i + 1]):
                continue
            span = token.doc[first.i : token.i + 1]
            start = s.offset + span.start_char
            node = Node(
                id=node_id(NodeType.ENTITY, span.text),
                type=NodeType.ENTITY,
                name=span.text,
                attributes={"kind": EntityKind.MEDIA.value},
            )
            node = self.nodes.get(node.id) or self.candidates.setdefault(node.id, node)
            out.append(Actor(node.id, start, start + len(span.text), node))
        return out

    def _parsed_reports(
        self, s: Sentence, actors: list[Actor], refs: list[MeasureRef], meetings: list[tuple[MeetingRef, Mention]]
    ) -> None:
        """REPORTED from the parse: an outlet that is the subject of a reporting verb reports the measures and
        meetings of the clause the verb governs; one after "according to", those of its sentence."""
        for token, verb in self._syntax(s, Relation.REPORTS):
            outlet = self._covering(s, actors, token, max)
            if outlet is None or outlet.node.attributes.get("kind") != EntityKind.MEDIA.value:
                continue
            if verb.lower_ == "according":
                low, high = s.start, s.end
            else:
                low = s.offset + verb.doc[verb.left_edge.i].idx
                high = s.offset + verb.doc[verb.right_edge.i].idx + len(verb.doc[verb.right_edge.i])
            bases = {id(r.change[1]) for r in refs if r.change}
            items: list[MeasureRef | MeetingRef] = [r for r in refs if low <= r.start < high and id(r) not in bases]
            items += [m for m, head in meetings if low <= head.start < high]
            for item in items:
                self._fact(s, EdgeType.REPORTED, outlet.id, item)
                if isinstance(item, MeasureRef):
                    item.used = True

    def _known(self, ident: str) -> Node:
        """A node this document has produced, in the graph already or still a candidate."""
        return self.nodes.get(ident) or self.candidates[ident]

    def _named(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """People and organisations no gazetteer lists, from the recogniser, typed by their head words.

        A person needs a full name; an organisation whose head word is a ministry's
        ("administration", "bureau") is a Ministry, one with a company's ending an
        Entity of kind company, any other an Entity. They are candidates: a node
        only once a relation uses them.
        """
        out = []
        taken = [m for m in s.mentions if m.label not in NAMED] + found
        for m in s.of(Label.PERSON, Label.ORG):
            overlapping = [t for t in taken if t.start < m.end and m.start < t.end]
            if any(t.start < m.start or t.end > m.end for t in overlapping):
                continue
            if any(t.label not in (Label.ACTOR, Label.ADJ) for t in overlapping if isinstance(t, Mention)):
                continue
            if overlapping and (
                m.label is not Label.ORG or (m.start, m.end) in {(t.start, t.end) for t in overlapping}
            ):
                continue
            name = re.sub(r"^(?:the|The)\s+|(?:'s|’s)$", "", m.text).strip()
            words = name.split()
            if not words or not all(w[:1].isupper() or w.lower() in ("of", "and", "for", "the", "&") for w in words):
                continue
            if name in self.shorts:
                continue
            start = m.end - len(m.text) + m.text.find(name)
            root = s.span.doc[m.token : m.token_end].root
            titled = any(person.i == root.i for _, person in self._syntax(s, Relation.TITLE_OF))
            company = not titled and self._company_context(s, root)
            if (m.label is Label.PERSON and not company) or (titled and len(words) >= 2):
                if len(words) < 2:
                    continue
                hyphenated = re.match(r"-[a-z]+\b", s.text[m.end - s.start :])
                if hyphenated:
                    name += hyphenated.group(0)
                    words = name.split()
                node = Node(id=node_id(NodeType.OFFICIAL, name), type=NodeType.OFFICIAL, name=name)
                self.shorts.setdefault(words[-1], node.id)
            else:
                name = self._whole_name(s, start, name)
                words = name.split()
                node = self._organisation(name, words, company, self._outlet_context(s, root))
            node = self.nodes.get(node.id) or self.candidates.setdefault(node.id, node)
            acronym = re.match(r"\s*\(([A-Z][A-Za-z]*[A-Z])\)", s.text[m.end - s.start :])
            if acronym and acronym.group(1) not in self.shorts:
                self.shorts[acronym.group(1)] = node.id
                if acronym.group(1) not in node.aliases:
                    node.aliases.append(acronym.group(1))
            out.append(Actor(node.id, start, start + len(name), node))
        return out

    def _whole_name(self, s: Sentence, start: int, name: str) -> str:
        """A body's name the recogniser cut short: the rest of a list inside it ("the Office for
        Fisheries, Forests, and Water") and the state it is "of" ("the Cyberspace Office of Freedonia")."""
        end = start + len(name)
        rest = s.text[end - s.start :]
        if ", " in name:
            more = re.match(r",? and [A-Z][\w-]*(?: (?:[A-Z][\w-]*|for|of|the|and))*", rest)
            if more:
                end += len(re.sub(r"(?: (?:for|of|the|and))+$", "", more.group(0)))
        heads = self.gaz.words("ministry_heads") | self.gaz.words("legislature_heads")
        if name.split()[-1].lower() in heads:
            of = re.match(r" of (?:the )?", s.text[end - s.start :])
            state = of and next(
                (m for m in s.of(Label.ACTOR) if m.start == end + of.end() and self.gaz.state_of(m.ident) == m.ident),
                None,
            )
            if state:
                end = state.end
        return s.text[start - s.start : end - s.start]

    def _organisation(self, name: str, words: list[str], company: bool = False, outlet: bool = False) -> Node:
        """An organisation typed by its head words and its context: a company's ending or a company context
        wins, then a governmental head word makes a Ministry, a legislature's an Entity of kind other, and the
        subject of a reporting verb is an outlet."""
        lowered = [w.lower().strip(",.") for w in words]
        company = company or lowered[-1] in self.gaz.words("company_heads")
        if company and set(lowered) & self.gaz.words("public_finance_words") and self._state_named_in(name):
            company = False
            lowered.append("agency")
        legislature = self._legislature(name)
        if not company and not legislature and set(lowered) & self.gaz.words("ministry_heads"):
            return Node(id=node_id(NodeType.MINISTRY, name), type=NodeType.MINISTRY, name=name)
        kind = EntityKind.COMPANY if company else EntityKind.MEDIA if outlet and not legislature else EntityKind.OTHER
        return Node(id=node_id(NodeType.ENTITY, name), type=NodeType.ENTITY, name=name, attributes={"kind": kind.value})

    def _state_named_in(self, name: str) -> bool:
        """The name opens with a state's name or adjective ("Canadian Export Credit ...")."""
        bare = re.sub(r"^the\s+", "", name, flags=re.I)
        names = [n for st in self.gaz.states.values() for n in [self.gaz.entries[st].node.name]]
        names += [a for st in self.gaz.states.values() for a in self.gaz.entries[st].node.aliases]
        names += list(self.gaz.adjectives)
        return any(bare.startswith(f"{n} ") for n in names if len(n) > 2)

    def _legislature(self, name: str) -> bool:
        lowered = f" {name.lower()} "
        return any(f" {head} " in lowered for head in self.gaz.words("legislature_heads"))

    def _company_context(self, s: Sentence, root: Token) -> bool:
        """A name the text treats as a company: beside a company noun ("the chipmaker X", "X products",
        "X, a subsidiary of Y"), or given a rate ("30% for X")."""
        nouns = self.gaz.words("company_nouns")
        near = [c for c in root.children if c.dep_ in ("compound", "appos", "amod", "nmod")]
        if root.dep_ in ("compound", "nmod", "appos"):
            near.append(root.head)
        if any(t.lower_ in nouns or t.lemma_ in nouns or t.lower_.endswith(("maker", "makers")) for t in near):
            return True
        if any(root.i in (part.i, whole.i) for part, whole in self._syntax(s, Relation.PART_OF)) and any(
            t.lemma_ in ("subsidiary", "unit", "affiliate", "division") for t in root.subtree
        ):
            return True
        prep = root.head if root.dep_ == "pobj" else None
        return bool(
            prep is not None
            and prep.lower_ == "for"
            and (prep.head.ent_type_ == "PERCENT" or any(c.ent_type_ == "PERCENT" for c in prep.head.children))
        )

    def _outlet_context(self, s: Sentence, root: Token) -> bool:
        """The name is the subject of a reporting verb or follows "according to"."""
        return any(outlet.i == root.i and _reporting(verb) for outlet, verb in self._syntax(s, Relation.REPORTS))

    def _context(self, s: Sentence, m: Mention) -> str | None:
        """A name several states use ("Ministry of Commerce"): the state the text attaches or the document is about."""
        candidates = self.gaz.context[m.ident.lower()]
        before = [x for x in s.of(Label.ACTOR, Label.ADJ) if x.end <= m.start and m.start - x.end <= 3]
        attached = {self.gaz.state_of(x.ident) if x.label == Label.ACTOR else x.ident for x in before}
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
                if not any(m.start <= start < m.end for m in s.mentions if m.label not in NAMED) and not any(
                    a.start <= start < a.end for a in found
                ):
                    out.append(Actor(ident, start, end, self._known(ident)))
        return out

    def _titled_people(self, s: Sentence, found: list[Actor]) -> list[Actor]:
        """People the gazetteer does not know, named right after a title ("Commerce Secretary Jane Doe")."""
        out = []
        for title in s.of(Label.TITLE):
            rest = s.text[title.end - s.start :]
            match = re.match(r" ((?:[A-Z][a-zà-ž'’-]+ ){1,2}[A-Z][a-zà-ž'’-]+)\b", rest)
            if not match:
                continue
            start = title.end + match.start(1)
            taken = any(m.start <= start < m.end for m in s.mentions if m.label not in NAMED)
            if taken or any(a.start <= start < a.end for a in found):
                continue
            name = match.group(1)
            node = self._node(Node(id=node_id(NodeType.OFFICIAL, name), type=NodeType.OFFICIAL, name=name))
            out.append(Actor(node.id, start, start + len(name), node))
        return out

    def _parsed_posts(self, s: Sentence, actors: list[Actor]) -> set[str]:
        """HOLDS_POST from the parse: a title tied to a person by apposition, as a compound before the name,
        as a second subject beside it, or by a copula ("Premier X", "X, the trade minister", "X is premier")."""
        done: list[Mention] = []
        posted: set[str] = set()
        titles = s.of(Label.TITLE)
        pairs = self._syntax(s, Relation.TITLE_OF)
        # "X, trade representative and vice minister of commerce": each coordinated title is a post.
        pairs += [(c, p) for t, p in pairs for c in t.conjuncts if c.ent_type_ == "TITLE"]
        for title_token, person_token in pairs:
            person = self._actor_at(s, actors, person_token)
            char = s.offset + title_token.idx
            title = next((t for t in titles if t.start <= char < t.end), None)
            if person is None or title is None or person.node.type is not NodeType.OFFICIAL or title in done:
                continue
            of = [p for c in title_token.children if c.dep_ == "prep" and c.lower_ in ("of", "at") for p in c.children]
            orgs = [a for a in self._actors_at(s, actors, of) if a.node.type in (NodeType.MINISTRY, NodeType.ENTITY)]
            text = self._title_text(s, title, title_token)
            body = orgs[0].id if orgs else self._title_body(s, actors, title, person, text)
            portfolio = self._between(s, title.end, person.start).strip() if self._titles(s, title, person) else ""
            body = self._sub_body(body, portfolio) if body else None
            if body:
                self._fact(s, EdgeType.HOLDS_POST, person.id, body, title=f"{text} {portfolio}".strip())
                done.append(title)
                posted.add(person.id)
                _, state = self._title_owner(s, actors, title, person)
                if state and body != state and body in self.nodes and self.nodes[body].type is NodeType.MINISTRY:
                    self._fact(s, EdgeType.PART_OF, body, state)
        return posted

    def _parsed_parts(self, s: Sentence, actors: list[Actor]) -> None:
        """PART_OF from the parse: a body "of" or "under" another, a possessor's body, a subsidiary in apposition
        ("the X Agency of Freedonia", "the bureau under the farm ministry", "Acme's unit"). A state owns
        only governmental bodies and legislatures; a ministry owns only bodies; a company only companies."""
        for part_token, whole_token in self._syntax(s, Relation.PART_OF):
            part, whole = self._covering(s, actors, part_token, max), self._covering(s, actors, whole_token, min)
            if part is None or whole is None or part.id == whole.id:
                continue
            part_kind, whole_kind = part.node.attributes.get("kind"), whole.node.attributes.get("kind")
            if whole_kind in (EntityKind.STATE.value, EntityKind.BLOC.value):
                governmental = part.node.type is NodeType.MINISTRY or self._legislature(part.node.name)
                fits = governmental and self.gaz.state_of(part.id) in (None, whole.id)
            elif whole.node.type is NodeType.MINISTRY:
                fits = part.node.type is NodeType.MINISTRY and self.gaz.state_of(part.id) in (
                    None,
                    self.gaz.state_of(whole.id),
                )
            else:
                # The owner of a company is a company, also where the text types only the subsidiary.
                fits = part_kind == EntityKind.COMPANY.value and whole_kind in (
                    EntityKind.COMPANY.value,
                    EntityKind.OTHER.value,
                )
                if fits and whole.id in self.candidates:
                    whole.node.attributes["kind"] = EntityKind.COMPANY.value
            if fits:
                self._fact(s, EdgeType.PART_OF, part.id, whole.id)

    def _title_text(self, s: Sentence, title: Mention, token: Token) -> str:
        """The title with the portfolio the parse hangs before it ("Commerce and Industry Minister" where the
        lexicon matched "Industry Minister"); states and determiners before it are not part of it."""
        first = token.doc[title.token]
        for left in reversed([t for t in token.lefts if t.i < first.i]):
            words = list(left.subtree)
            chars = [s.offset + t.idx for t in words]
            named = any(m.start <= c < m.end for c in chars for m in s.mentions if m.label not in (Label.TITLE, *NAMED))
            contiguous = left.right_edge.i >= first.i - 1
            if left.dep_ not in ("compound", "nmod") or named or not contiguous:
                break
            if not all(t.pos_ in ("PROPN", "CCONJ", "PUNCT") for t in words):
                break
            first = token.doc[left.left_edge.i]
        start = s.offset + first.idx
        return self._between(s, start, title.end)

    def _posts(self, s: Sentence, actors: list[Actor]) -> None:
        parsed = self._parsed_posts(s, actors)
        officials = [a for a in actors if a.node.type is NodeType.OFFICIAL and a.id not in parsed]
        for person in officials:
            title = next((t for t in s.of(Label.TITLE) if self._titles(s, t, person)), None)
            if title:
                body = self._title_body(s, actors, title, person)
                portfolio = self._between(s, title.end, person.start).strip()
                body = self._sub_body(body, portfolio) if body else None
                if body:
                    self._fact(s, EdgeType.HOLDS_POST, person.id, body, title=f"{title.text} {portfolio}".strip())
                continue
            after = s.text[person.end - s.start :]
            appositive = re.match(r",\s+(?:the\s+)?", after)
            if not appositive:
                continue
            title = next((t for t in s.of(Label.TITLE) if t.start == person.end + appositive.end()), None)
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

    def _titles(self, s: Sentence, title: Mention, person: Actor) -> bool:
        """The title stands right before the name, perhaps with its portfolio: "Commissioner for Trade Jane Doe"."""
        if title.end > person.start:
            return False
        between = self._between(s, title.end, person.start)
        return between in ("", " ") or bool(re.fullmatch(r" (?:for|of) (?:(?:[A-Z][\w&’'-]*|and|the) )+", between))

    def _title_body(
        self, s: Sentence, actors: list[Actor], title: Mention, person: Actor, text: str | None = None
    ) -> str | None:
        """The body a title points to: the organisation written before it, the one it names, or the state;
        a portfolio minister of a state whose ministry the gazetteer lacks gets that ministry as a node."""
        spec = self.gaz.titles[int(title.ident)].body
        text = text or title.text
        org, state = self._title_owner(s, actors, title, person)
        attached = state
        if (org and spec in (None, "Ministry") and org.node.type is NodeType.MINISTRY) or (org and spec is None):
            return org.id
        named = self.gaz.body(spec) if spec and spec not in ("state", "Ministry") else None
        if named and (state is None or self.gaz.state_of(named) == state):
            return named
        if named:
            spec = "Ministry"  # "China's trade representative" is not the US one: read the portfolio instead
        state = state or self.gaz.state_of(person.id)
        state = state or self._sentence_state(actors)
        if spec == "state":
            return state
        ministries = [a for a in actors if a.node.type is NodeType.MINISTRY and a.id != person.id]
        if ministries:
            return ministries[0].id
        state = state or self._dominant_state()
        found = self._portfolio(text, state)
        return found or (self._implied_ministry(text, attached) if attached and spec == "Ministry" else None)

    def _sentence_state(self, actors: list[Actor]) -> str | None:
        """The first state the sentence names ("Canada will impose ..., Prime Minister X said")."""
        kinds = (EntityKind.STATE.value, EntityKind.BLOC.value)
        return next((a.id for a in actors if a.node.attributes.get("kind") in kinds), None)

    def _dominant_state(self) -> str | None:
        """The state the document is mostly about, where one is named at least twice as often as any other:
        the owner of a body or title no state is written on."""
        ranked = self.state_prior.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        return ranked[0][0]

    def _implied_ministry(self, title: str, state: str) -> str | None:
        """The ministry a portfolio title implies ("Hungary's foreign minister" -> Hungary's Ministry of Foreign
        Affairs), a candidate node keyed by its state."""
        words = [w for w in re.findall(r"[A-Za-z]+", title) if w.lower() not in self.gaz.words("title_words")]
        if not words:
            return None
        words = [w.capitalize() for w in words]
        portfolio = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
        name = "Ministry of " + ("Foreign Affairs" if portfolio == "Foreign" else portfolio)
        node = Node(
            id=node_id(NodeType.MINISTRY, f"{self.gaz.key_of(state)} {name}"), type=NodeType.MINISTRY, name=name
        )
        return (self.nodes.get(node.id) or self.candidates.setdefault(node.id, node)).id

    def _title_owner(
        self, s: Sentence, actors: list[Actor], title: Mention, person: Actor
    ) -> tuple[Actor | None, str | None]:
        """The organisation and the state written just before a title ("Acme's chief executive", "the Chinese
        commerce minister", "China's premier")."""
        before = [a for a in actors if a.end <= title.start and title.start - a.end <= 3 and a.id != person.id]
        org = next((a for a in reversed(before) if a.node.type in (NodeType.MINISTRY, NodeType.ENTITY)), None)
        if org is None and re.search(r"\b(?:[Ii]ts|[Tt]heir) $", s.text[: title.start - s.start]) and self.bodies:
            org = self.bodies[-1]  # "Its spokesperson": the body named last
        state = next((m.ident for m in s.of(Label.ADJ) if 0 <= title.start - m.end <= 1), None)
        if org and org.node.attributes.get("kind") in (EntityKind.STATE.value, EntityKind.BLOC.value):
            state, org = org.id, None
        return org, state

    def _sub_body(self, body: str, portfolio: str) -> str:
        """The body of the same state whose name holds a title's portfolio ("Under Secretary of Commerce for
        Industry and Security" -> the bureau of industry and security), else the body the title names."""
        words = set(re.findall(r"[a-z]+", portfolio.lower())) - self.gaz.words("title_words")
        return self._ministry_with(self.gaz.state_of(body), words, besides=body) or body

    def _portfolio(self, title: str, state: str | None) -> str | None:
        """The ministry of a state whose name holds the title's portfolio ("Trade Minister" -> the ministry
        of economy, trade and industry), where the gazetteer knows one."""
        return self._ministry_with(state, set(re.findall(r"[a-z]+", title.lower())) - self.gaz.words("title_words"))

    def _ministry_with(self, state: str | None, words: set[str], besides: str | None = None) -> str | None:
        """The first gazetteer ministry of the state (other than `besides`) whose name or an alias holds every
        word of a portfolio."""
        if not words or not state:
            return None
        for ministry in self.gaz.ministries_of(state):
            names = [ministry.name, *ministry.aliases]
            if ministry.id != besides and any(words <= set(re.findall(r"[a-z]+", n.lower())) for n in names):
                return ministry.id
        return None
        for ministry in self.gaz.ministries_of(state):
            names = [ministry.name, *ministry.aliases]
            if any(words <= set(re.findall(r"[a-z]+", n.lower())) for n in names):
                return ministry.id
        return None


def _reporting(verb: Token) -> bool:
    """The verb carries news: "according to", a reported clause ("X reported that ...", "..., X understands"),
    or a statement carried ("X carried the remarks"); "Acme reported a loss" is a company's result."""
    carried = verb.lemma_ in ("carry", "publish", "run", "air", "broadcast")
    return verb.lower_ == "according" or carried or any(c.dep_ == "ccomp" for c in verb.children)
