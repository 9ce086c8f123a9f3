"""Item rules: the goods, materials and sectors a sentence names, and which measure covers them.

A good becomes a Material by its place in the parse, not by a closed list: the
noun a measure's phrases name ("duties on imports of brandy", "covering X"), a
member of its coordination or of the list an apposition gives ("three
chemicals -- A, B and C"), the goods a quantity or kind noun stands for ("a
broad assortment of alloys, including X"), and the goods a verb ties to a measure
("steel imports will be subject to quotas", "the tariff applies to car
parts"). Those verb constructions are spaCy DependencyMatcher patterns kept as
data (`patterns/goods.json`, read by `loaders.dependencies`), validated by
`GoodsVocabulary` when it loads.

The name of a good is its noun phrase: left modifiers up to a name ("Chinese
EVs" are EVs), a "for"/"of" phrase that says what it is for or made of
("copper coils for motors"), never a bare modifier ("high-purity") or a
bare class noun ("equipment"). Its id is keyed by the singular, without a
class head ("graphite products" and "graphite" are one good), so that the
forms of one good in a document are one node with every form as an alias.
Sectors are named by the modifiers of an industry head ("the steel and
chemical industries"); a sector name used where goods are covered ("duties on
electric vehicles") is the good.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from spacy.tokens import Doc, Span, Token

from loaders.dependencies import PATTERNS, PatternFile, compiled, load
from loaders.measures import MeasureRef
from loaders.mentions import Label, Mention, Sentence
from loaders.reader import Actor, ReaderBase
from loaders.syntax import NAME_MODIFIERS, covered_nouns, item_phrase, with_conjuncts
from ontology.contract import Node
from ontology.ids import node_id
from ontology.merge import merge_node
from ontology.terms import NodeType

#: Recognised entity types that are never goods.
NOT_GOODS = frozenset(
    {"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "LAW"}
)
#: Mentions that are names, where a good's modifiers stop ("Chinese EVs" are EVs).
NAME_LABELS = frozenset({Label.ACTOR, Label.ADJ, Label.CTX, Label.GROUP, Label.NORP, Label.GPE})
#: An abbreviation a text defines in brackets after a good: "platinum group metals (PGMs)".
ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]s?")
#: Determiners that point back at something already named.
DEMONSTRATIVES = frozenset({"these", "those", "this", "that", "such", "said"})
#: The dependency labels of a noun's left modifiers.
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


class CoverRule(StrEnum):
    """The verb constructions that tie a measure to the goods it covers."""

    SUBJECT_TO = "subject_to"
    SUBJECTED_TO = "subjected_to"
    APPLIES_TO = "applies_to"
    ACTS_ON = "acts_on"
    ACTED_ON = "acted_on"
    BANS = "bans"
    COUNTED_MEASURES = "counted_measures"
    CLASS_MODIFIER = "class_modifier"
    COVERING_CLAUSE = "covering_clause"
    BARS_FROM = "bars_from"
    FACES = "faces"


#: What every covering pattern names.
ROLES = dict.fromkeys(CoverRule, ("measure", "goods"))


class GoodsVocabulary(PatternFile[CoverRule]):
    """The word families and covering patterns of `patterns/goods.json`; words match lower-cased, nouns also by
    lemma."""

    #: Nouns of trade flows: "imports of X", "X exports" lead on to the good X.
    flow_nouns: frozenset[str]
    #: Nouns of quantity or kind that stand for the goods they measure ("a range of minerals", "tonnes of X").
    container_nouns: frozenset[str]
    #: Head nouns of classes of goods: never a good alone, and give way to a good they modify in the key.
    class_nouns: frozenset[str]
    #: Head nouns of actors, never goods, whatever modifies them ("sanctions on state-owned banks").
    actor_nouns: frozenset[str]
    #: Qualifiers that with a class noun name a legal class, not a good ("dual-use items", "controlled goods").
    class_qualifiers: frozenset[str]
    #: Adjectives that point at goods named elsewhere ("the following items"), no part of a good's name.
    reference_adjectives: frozenset[str]
    #: Words of trade remedies and procedures that modify a measure head but name no good ("safeguard duties").
    not_goods: frozenset[str]
    #: Participles that lead from a class of goods to what it is about: "items related to X" are X.
    relating_participles: frozenset[str]
    #: Prepositions whose phrase after a good belongs to its name ("electrodes for furnaces").
    name_prepositions: frozenset[str]
    #: Participles that open such a phrase ("equipment designed for ...").
    name_participles: frozenset[str]
    #: Nouns of the means to get goods: "the ability to obtain X", "access to X" lead on to X.
    access_nouns: frozenset[str]
    #: Head nouns that make their modifiers sectors ("the steel industry").
    sector_heads: frozenset[str]
    #: Modifiers of a sector head that name no sector ("the domestic industry").
    sector_stop_modifiers: frozenset[str]


GOODS = load(PATTERNS / "goods.json", GoodsVocabulary, ROLES)


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words or token.lemma_.lower() in words


class ItemRules(ReaderBase):
    """Goods and sectors of a sentence, and the verb constructions that say which measure covers them."""

    # ------------------------------------------------------------ which tokens are goods

    def _goods_tokens(self, nouns: list[Token] | Any) -> list[Token]:
        """The goods a list of covered nouns stands for: each with the list its apposition gives, the goods
        its "including"/"such as" phrase names, and for a quantity or kind noun the goods it measures."""
        out: list[Token] = []
        seen: set[int] = set()
        queue = [(noun, False) for noun in nouns]
        while queue:
            noun, measured = queue.pop(0)
            if noun.i in seen:
                continue
            seen.add(noun.i)
            appositions = [a for a in noun.children if a.dep_ == "appos" and _listing(a)]
            listed = [(m, False) for a in appositions for m in with_conjuncts(a)]
            introduced = _pobjs(c for c in noun.children if _introduces_examples(c))
            relating = [
                c for c in noun.children if c.dep_ in ("acl", "amod") and c.lower_ in GOODS.relating_participles
            ]
            introduced += _pobjs(p for c in relating for p in c.children if p.dep_ == "prep" and p.lower_ == "to")
            examples = [(m, False) for p in introduced for m in with_conjuncts(p)]
            if _is(noun, GOODS.access_nouns):
                queue += [(m, False) for m in _sought(noun)]
                continue
            listed += [(m, False) for m in _dash_list(noun)]
            if _is(noun, GOODS.container_nouns) and any(c.lower_ in DEMONSTRATIVES for c in noun.children):
                # "these grades of cotton" point back at goods already named; what is coordinated with them
                # ("these grades of cotton and raw silk") is named here.
                kinds = _pobjs(c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of")
                queue += [(m, False) for p in kinds for m in p.conjuncts] + listed + examples
                continue
            if _is(noun, GOODS.container_nouns) or _is(noun, GOODS.flow_nouns):
                preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
                if noun.dep_ == "dobj":
                    preps += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ in ("for",)]
                queue += [(m, bool(examples)) for p in _pobjs(preps) for m in with_conjuncts(p)]
                queue += listed + examples
                continue
            # A class described by a count of its kinds, then listed ("seven types of X, including A and B"),
            # is covered through its members.
            if not listed and not measured:
                out.append(noun)
                out += [left for left in noun.lefts if _coordinated_class(left)]
            queue += listed + examples
        return out

    def _modifier(self, noun: Token) -> bool:
        """A word that modifies another noun ("high-purity", "steel" of "steel slabs") is no good of its own,
        unless what it modifies is a measure or a trade flow ("brandy tariffs", "slab imports")."""
        if noun.dep_ not in MODIFIER_DEPS or noun.head.i <= noun.i or _coordinated_class(noun):
            return False
        head = noun.head
        return not (head.ent_type_ == Label.MEASURE.value or _is(head, GOODS.flow_nouns))

    # ------------------------------------------------------------ goods to nodes

    def _item(self, s: Sentence, actors: list[Actor], noun: Token) -> str | None:
        """The node a covered noun names: the element or material the phrase is, or a new Material."""
        found = self._goods(s, actors, noun)
        return found[0] if found else None

    def _listed_goods(self, s: Sentence, actors: list[Actor]) -> list[str]:
        """The goods one item of an enumerated list names: each conjunct of the phrase it is, whole
        ("Equipment for X of Y" is one good), then what its phrases cover outside those names."""
        root = s.span.root
        found: list[str] = []
        taken: set[int] = set()
        heads = with_conjuncts(root)
        if root.pos_ in ("VERB", "AUX"):
            # A list item the parser read as a clause: its noun phrases are still the items.
            phrases = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            heads = with_conjuncts(min(phrases, key=lambda t: t.i)) if phrases else []
        for noun in self._goods_tokens(heads):
            goods = self._goods(s, actors, noun)
            if goods:
                found.append(goods[0])
                taken.update(range(*goods[1]))
        for noun in self._goods_tokens(covered_nouns(root, self.gaz.lexicon, via_verb=False)):
            goods = None if noun.i in taken else self._goods(s, actors, noun)
            if goods:
                found.append(goods[0])
        return list(dict.fromkeys(found))

    def _goods(self, s: Sentence, actors: list[Actor], noun: Token) -> tuple[str, tuple[int, int]] | None:
        """The node a noun names as a good, and the token range of its name."""
        if noun.pos_ not in ("NOUN", "PROPN") or self._actor_at(s, actors, noun):
            return None
        if noun.ent_type_ in NOT_GOODS or noun.ent_type_ == Label.MEASURE.value:
            return None
        non_items = self.gaz.words("non_items")
        if _is(noun, non_items) or _is(noun, GOODS.actor_nouns) or self._modifier(noun):
            return None
        names = [m for m in s.mentions if m.label in NAME_LABELS]
        named = {t.i for t in s.span if any(m.start <= s.offset + t.idx < m.end for m in names)}
        if noun.i in named:
            return None
        stops = self.gaz.words("item_stop_modifiers") | GOODS.reference_adjectives
        span = item_phrase(noun, GOODS.flow_nouns | {f + "s" for f in GOODS.flow_nouns}, named, stops)
        if span is None:
            return None
        key = item_phrase(noun, self.gaz.words("generic_item_heads") | GOODS.class_nouns, named, stops)
        if key is None or not any(_names_goods(t) for t in noun.doc[key[0] : key[1]]):
            key = span
        split = next((c for left in noun.lefts if (c := _coordinated_class(left))), None)
        if split is not None and split.left_edge.i > span[0]:
            span, key = (split.left_edge.i, span[1]), (max(split.left_edge.i, key[0]), key[1])
        start = _flow_start(noun, span[0], named, stops)
        if start < span[0]:
            span, key = (start, span[1]), (start, key[1])
        end = self._name_end(noun, span[1], named)
        if end > span[1]:
            span, key = (span[0], end), (span[0], end)
        span = _balanced(noun.doc, span)
        if span == (noun.i, noun.i + 1):
            alone = self._word_element(noun) or self._defined(noun)
            if alone:
                return alone, span
        tokens = noun.doc[span[0] : span[1]]
        if len(tokens) == 1 and any(_is(tokens[0], w) for w in (non_items, GOODS.class_nouns, GOODS.not_goods)):
            return None
        qualifiers = [t for t in tokens if t.i != noun.i and t.dep_ not in ("punct", "hyph")]
        if _is(noun, GOODS.class_nouns) and all(_is(t, GOODS.class_qualifiers) for t in qualifiers):
            # "dual-use items", "controlled goods": a legal class, not a good.
            return None
        if not any(t.pos_ in ("NOUN", "PROPN") and t.is_alpha for t in tokens):
            return None
        for item in s.of(Label.ITEM):
            if span[0] <= item.token and item.token_end <= span[1]:
                # A sector named inside a good's name ("chipmaking equipment") is part of the good.
                self.goods_mentions.add(item.start)
            inside = [item.token <= a and b <= item.token_end for a, b in (span, key)]
            if not any(inside):
                continue
            node = self.gaz.entries[item.ident].node
            if node.type in (NodeType.ELEMENT, NodeType.MATERIAL):
                return item.ident, span
            if node.type is NodeType.SECTOR:
                return self._sector_as_goods(item, node), span
            return None
        return self._material(tokens, noun.doc[key[0] : key[1]], noun), span

    def _name_end(self, noun: Token, end: int, named: set[int]) -> int:
        """Where a good's name ends once the "for"/"of" phrases that say what it is for or made of are in
        ("copper coils for motors", "equipment designed for ...", "fittings of cast bronze")."""
        for child in noun.rights:
            prep = child
            if child.dep_ == "acl" and child.lower_ in GOODS.name_participles:
                prep = next((c for c in child.children if c.dep_ == "prep"), child)
            elif child.dep_ == "appos" and child.is_alpha and child.i == end + 1 and noun.doc[end].text == "(":
                close = child.right_edge.i + 1
                if close < len(noun.doc) and noun.doc[close].text == ")":
                    end = close + 1
                    continue
            if prep.dep_ != "prep" or prep.lower_ not in GOODS.name_prepositions or child.left_edge.i != end:
                break
            pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if pobj is None or not self._names_a_thing(pobj, named):
                break
            end = _phrase_end(pobj) + 1
        return end

    def _names_a_thing(self, token: Token, named: set[int]) -> bool:
        """A noun that can complete a good's name: a common noun, not an actor, a quantity, a date or a measure."""
        subtree = list(token.subtree)
        return (
            token.pos_ in ("NOUN", "PROPN")
            and token.ent_type_ not in NOT_GOODS | {Label.MEASURE.value}
            and not _is(token, self.gaz.words("non_items"))
            and not _is(token, GOODS.flow_nouns)
            and not any(t.like_num or t.i in named for t in subtree)
        )

    def _material(self, tokens: Span, key: Span, noun: Token) -> str:
        """A Material named by the phrase, keyed by its singular so that "brandies" and "brandy" are one node."""
        words = [t.text if t.pos_ == "PROPN" or t.text.isupper() else t.lower_ for t in tokens]
        name = "".join(w + t.whitespace_ for w, t in zip(words, tokens, strict=True)).strip()
        keyed = [_singular(t) if t.i == noun.i else t.lower_ for t in key]
        node = Node(id=node_id(NodeType.MATERIAL, " ".join(keyed)), type=NodeType.MATERIAL, name=name)
        for acronym in (c for c in noun.children if c.dep_ == "appos" and _bracketed(c) and ACRONYM.fullmatch(c.text)):
            node.aliases.append(acronym.text)
            self.acronyms[_singular(acronym)] = node.id
        self._remember(node)
        return node.id

    def _remember(self, node: Node) -> None:
        """Keep a candidate node; a new form of one already kept becomes its alias."""
        old = self.candidates.get(node.id)
        merged = merge_node(old, node) if old else node
        self.candidates[node.id] = merged
        if node.id in self.nodes:
            self.nodes[node.id] = merged

    def _sector_as_goods(self, item: Mention, sector: Node) -> str:
        """A sector's name where goods are covered ("levies on solar panels") names the good."""
        self.goods_mentions.add(item.start)
        node = Node(
            id=node_id(NodeType.MATERIAL, self.gaz.key_of(sector.id)),
            type=NodeType.MATERIAL,
            name=sector.name,
            aliases=[item.text] if item.text != sector.name else [],
        )
        self._remember(node)
        return node.id

    def _word_element(self, noun: Token) -> str | None:
        """An element whose name is an everyday word ("gold", "tin") is the element where goods are covered and
        its name stands alone ("imports of gold"); with modifiers it names a product ("pig iron")."""
        node = self.gaz.word_elements.get(noun.lower_)
        if node is None:
            return None
        self._remember(node)
        return node.id

    def _defined(self, noun: Token) -> str | None:
        """The good an abbreviation the document defined stands for ("PGMs" after "platinum group metals (PGMs)")."""
        defined = self.acronyms.get(_singular(noun))
        if defined:
            self._remember(self.candidates[defined].model_copy(update={"aliases": [noun.text]}))
        return defined

    def _inside_product(self, s: Sentence, item: Mention) -> bool:
        """An element named as a modifier of a product ("hydrogen fluoride", "a cobalt-nickel alloy") is not
        covered: the product is. Its head is followed up the chain of modifiers to the noun that names the thing."""
        head = s.span.doc[item.token_end - 1]
        while head.dep_ in MODIFIER_DEPS and head.head.i > head.i:
            head = head.head
            if head.lower_ in self.gaz.words("generic_item_heads"):
                return False
            if not any(i.token <= head.i < i.token_end for i in s.of(Label.ITEM)):
                return True
        return False

    # ------------------------------------------------------------ verbs that tie goods to measures

    def _verb_coverings(self, s: Sentence, actors: list[Actor], refs: list[MeasureRef]) -> None:
        """Goods a verb construction of `patterns/goods.json` ties to a measure of the sentence."""
        if not any(not r.anaphor and not r.law for r in refs):
            return
        for match in compiled(GOODS, s.span.doc.vocab, self.gaz.lexicon).matches(s.span):
            measure, goods = match.tokens["measure"], match.tokens["goods"]
            ref = self._ref_at(s, refs, measure)
            if ref is None and measure.tag_ in ("WDT", "WP") and measure.head.dep_ == "relcl":
                ref = self._relative_antecedent(s, refs, measure)
            if ref is None or ref.law:
                continue
            for noun in self._goods_tokens(self._flow_goods(with_conjuncts(goods))):
                item = self._item(s, actors, noun)
                if item and item not in ref.covers:
                    ref.covers.append(item)
                    ref.used = True

    def _flow_goods(self, nouns: list[Token]) -> list[Token]:
        """ "Imports of X", "X imports": a trade flow stands for the goods that flow."""
        out = []
        for noun in nouns:
            if not _is(noun, GOODS.flow_nouns):
                out.append(noun)
                continue
            out += [left for left in noun.lefts if left.dep_ in ("compound", "nmod") and left.pos_ in ("NOUN", "PROPN")]
            out += [
                m
                for p in _pobjs(c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of")
                for m in with_conjuncts(p)
            ]
        return out

    def _relative_antecedent(self, s: Sentence, refs: list[MeasureRef], pronoun: Token) -> MeasureRef | None:
        """The measure "which" stands for: the noun its clause modifies, or, where the parser hung the clause on
        the date closing the measure's phrase ("controls on 2 May, which restrict ..."), the measure before it."""
        noun = pronoun.head.head
        ref = self._ref_at(s, refs, noun)
        if ref is None and noun.ent_type_ in ("DATE", "TIME"):
            char = s.offset + noun.idx
            ref = next((r for r in reversed(refs) if r.end <= char and not r.anaphor), None)
        return ref

    def _ref_at(self, s: Sentence, refs: list[MeasureRef], token: Token) -> MeasureRef | None:
        """The measure reference whose words hold the token (the latest-starting one, a change before its base):
        the one lookup every measure rule uses."""
        char = s.offset + token.idx
        found = [r for r in refs if r.holds(char)]
        return max(found, key=lambda r: (r.start, r.change is not None), default=None)

    # ------------------------------------------------------------ sectors and the nodes of item mentions

    def _sectors(self, s: Sentence) -> None:
        """ "The textile, mining and dairy sectors": each modifier of an industry head is a Sector."""
        for head in s.span:
            if head.lower_ not in GOODS.sector_heads or head.pos_ != "NOUN":
                continue
            if any(_introduces_examples(c) for c in head.children):
                continue
            # "the textile, mining and dairy sectors": the head's modifiers, and the bare nouns it ends.
            members = [m for left in head.lefts if left.dep_ in MODIFIER_DEPS for m in with_conjuncts(left)]
            members += [c for c in head.conjuncts if c.i < head.i and _bare(c)]
            for member in members:
                name = self._sector_name(s, head, member)
                if name:
                    self._node(Node(id=node_id(NodeType.SECTOR, name), type=NodeType.SECTOR, name=name))

    def _sector_name(self, s: Sentence, head: Token, member: Token) -> str | None:
        """The sector a modifier of an industry head names, without the words that name none ("domestic");
        none for a class of goods ("the minerals sector"), a name, or a sector the gazetteer knows (a node already)."""
        stops = GOODS.sector_stop_modifiers
        if member.i > head.i or member.lower_ in stops or member.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return None
        if _is(member, GOODS.class_nouns) or _is(member, GOODS.sector_heads) or member.ent_type_ not in ("", "ITEM"):
            return None
        if any(m.token <= member.i < m.token_end for m in s.of(Label.ADJ, Label.ACTOR)):
            return None
        sectors = [m for m in s.of(Label.ITEM) if self.gaz.entries[m.ident].node.type is NodeType.SECTOR]
        if any(m.token <= member.i < m.token_end for m in sectors):
            return None
        start = min(t.i for t in member.subtree if t.dep_ in ("compound", "amod") or t is member)
        words = [t.lower_ for t in s.span.doc[start : member.i + 1] if t.lower_ not in stops]
        return " ".join(words) or None

    def _introduces_sectors(self, s: Sentence) -> bool:
        """A sentence that opens a list of sectors ("Key industries affected include:"), not of goods."""
        return any(t.lower_ in GOODS.sector_heads and t.pos_ == "NOUN" for t in s.span)

    def _item_nodes(self, s: Sentence) -> None:
        """The gazetteer's items a sentence names become nodes, but a sector read as the good covered."""
        for m in s.of(Label.ITEM):
            node = self.gaz.entries[m.ident].node
            if node.type is NodeType.SECTOR and m.start in self.goods_mentions:
                continue
            if node.type is NodeType.ELEMENT and self._inside_product(s, m):
                continue
            self._node(node)


def _listing(apposition: Token) -> bool:
    """An apposition that lists goods ("three chemicals -- A, B and C"), not an abbreviation in brackets."""
    return apposition.pos_ in ("NOUN", "PROPN") and not _bracketed(apposition)


def _bracketed(token: Token) -> bool:
    """A phrase in brackets: "(ALD)", "(vapour phase coating)"."""
    first = token.left_edge
    return first.text == "(" or (first.i > 0 and first.nbor(-1).text == "(")


def _sought(noun: Token) -> list[Token]:
    """What "the ability to obtain X" or "access to X" is the means to: X and its conjuncts."""
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB"]
    found = [o for v in verbs for o in v.children if o.dep_ == "dobj"]
    found += _pobjs(c for c in noun.children if c.dep_ == "prep" and c.lower_ == "to")
    return [m for t in found for m in with_conjuncts(t)]


def _dash_list(noun: Token) -> list[Token]:
    """The members a counted class lists between dashes or after a colon ("three materials -- A, B and C --"),
    where the parser hung the list elsewhere: the phrase heads of that stretch and their conjuncts."""
    if not any(c.dep_ == "nummod" for c in noun.children):
        return []
    doc, opening = noun.doc, noun.right_edge.i + 1
    if opening >= len(doc) or doc[opening].text not in ("--", "—", "–", ":"):
        return []
    end = next((t.i for t in doc[opening + 1 :] if t.text in ("--", "—", "–", ";") or t.is_sent_end), len(doc))
    stretch = range(opening + 1, end)
    heads = [t for t in doc[opening + 1 : end] if t.head.i not in stretch and t.pos_ in ("NOUN", "PROPN")]
    return [m for h in heads for m in with_conjuncts(h) if m.i in stretch]


def _introduces_examples(token: Token) -> bool:
    """ "including X", "such as X", "like X": a phrase that names members of a class."""
    if token.dep_ != "prep":
        return False
    such_as = token.lower_ == "as" and (token.i > 0 and token.nbor(-1).lower_ == "such")
    return token.lower_ in ("including", "like") or such_as


def _phrase_end(token: Token) -> int:
    """The last token of a noun's own phrase: its modifiers and prepositional phrases, not its conjuncts,
    clauses or punctuation."""
    end = token.i
    for child in token.rights:
        if child.dep_ in ("prep", "pobj", "compound", "amod", "nmod", "pcomp", "npadvmod"):
            end = max(end, _phrase_end(child))
        elif child.dep_ == "appos" and _bracketed(child) and child.is_alpha and child.right_edge.i + 1 < len(token.doc):
            close = token.doc[child.right_edge.i + 1]
            end = max(end, close.i if close.text == ")" else child.right_edge.i)
    return end


def _pobjs(preps: Iterable[Token]) -> list[Token]:
    """The objects of some prepositions."""
    return [p for c in preps for p in c.children if p.dep_ == "pobj"]


def _names_goods(token: Token) -> bool:
    """A noun that can name a good once its class head is gone: not an activity ("manufacturing items")."""
    return token.pos_ in ("NOUN", "PROPN") and not token.lower_.endswith("ing")


def _singular(token: Token) -> str:
    """The singular of a noun, for keys: its lemma when plural ("brandies"), an acronym without its "s" ("EVs")."""
    if re.fullmatch(r"[A-Z]{2,}s", token.text):
        return token.text[:-1].lower()
    return token.lemma_.lower() if token.tag_ in ("NNS", "NNPS") else token.lower_


def _flow_start(noun: Token, start: int, named: set[int], stops: frozenset[str]) -> int:
    """Where a good named as the modifier of a trade flow starts: the flow's other left modifiers belong to it
    ("long-grain wheat flour shipments", "cold rolled copper imports")."""
    head = noun.head
    if noun.dep_ not in MODIFIER_DEPS or head.i <= noun.i or not _is(head, GOODS.flow_nouns):
        return start
    for left in reversed([t for t in head.lefts if t.i < start]):
        edge = left.left_edge.i
        if left.dep_ not in NAME_MODIFIERS or left.right_edge.i != start - 1 or named & set(range(edge, left.i + 1)):
            break
        if left.lower_ in stops or left.pos_ in ("DET", "NUM"):
            break
        start = edge
    return start


def _balanced(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """A name whose bracket opens but does not close ends before the bracket ("husked (brown rice")."""
    start, end = span
    words = [t.text for t in doc[start:end]]
    if words.count("(") > words.count(")"):
        if end < len(doc) and doc[end].text == ")":
            return start, end + 1
        return start, start + words.index("(")
    return span


def _bare(token: Token) -> bool:
    """A noun with nothing of its own but a determiner, punctuation and its coordination."""
    return token.pos_ == "NOUN" and all(c.dep_ in ("det", "punct", "cc", "conj") for c in token.children)


def _coordinated_class(token: Token) -> Token | None:
    """ "semiconductor equipment and memory chips" read by the parser as one compound: a class noun that
    modifies the head but is coordinated with the head's other modifiers is a good of its own; the member it
    is coordinated with starts the other good's name."""
    if token.dep_ not in MODIFIER_DEPS or token.head.i <= token.i or not _is(token, GOODS.class_nouns):
        return None
    if not any(c.dep_ == "cc" for c in token.children):
        return None
    return next((c for c in token.children if c.dep_ == "conj" and c.i < token.head.i), None)
