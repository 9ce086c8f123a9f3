"""The gazetteer: canonical actors, items and words of the domain, loaded from data files.

Actors (`patterns/actors.jsonl`), states and blocs (pycountry's countries plus
`patterns/states.jsonl` for metonyms such as "Beijing"), items
(`patterns/items.jsonl`: sectors and materials), chemical elements
(periodictable) and the trigger words of `patterns/lexicon.json` all become
spaCy EntityRuler patterns here. Each canonical entry carries the node it
stands for, with a deterministic id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import periodictable
import pycountry
from spacy.language import Language

from loaders.lexicon import Lexicon
from loaders.wikidata import element_ids, load_wikidata
from ontology.contract import Node
from ontology.errors import InputError
from ontology.ids import node_id
from ontology.terms import EntityKind, NodeType

PATTERNS = Path(__file__).with_name("patterns")
#: Element names that are also everyday English words; they are not read as elements.
AMBIGUOUS_ELEMENTS = frozenset({"lead", "tin", "gold", "silver", "iron", "mercury"})


@dataclass(frozen=True)
class Entry:
    """One canonical thing the gazetteer knows: its node and what it takes to recognise it."""

    node: Node
    state: str | None = None
    short: str | None = None
    context_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Title:
    """A title of office and the body it names: an actor key, "state", "Ministry", or None (from context)."""

    text: str
    body: str | None = None


@dataclass
class Gazetteer:
    """Everything the extractor recognises by name, and the patterns that recognise it."""

    entries: dict[str, Entry] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    context: dict[str, list[str]] = field(default_factory=dict)
    titles: list[Title] = field(default_factory=list)
    lexicon: Lexicon = field(default_factory=lambda: Lexicon.load(PATTERNS / "lexicon.json"))
    _word_sets: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    #: Elements whose names are everyday words ("gold", "tin"): read as elements only where the syntax says so.
    word_elements: dict[str, Node] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = PATTERNS) -> Gazetteer:
        """Read every data file; the order of entries is the order of the files."""
        gaz = cls(lexicon=Lexicon.load(folder / "lexicon.json"))
        gaz._load_states(folder / "states.jsonl")
        for row in _jsonl(folder / "actors.jsonl"):
            gaz._add_actor(row)
        for row in _jsonl(folder / "items.jsonl"):
            node = Node(id=node_id(row["type"], row["key"]), type=row["type"], name=row["name"], aliases=row["aliases"])
            gaz.entries[node.id] = Entry(node)
        for element in periodictable.elements:
            if element.number == 0:
                continue
            attrs = {"symbol": element.symbol, "atomic_number": element.number}
            iupac = gaz.lexicon.iupac_element_names.get(element.name)
            node = Node(
                id=node_id(NodeType.ELEMENT, element.symbol),
                type=NodeType.ELEMENT,
                name=(iupac or element.name).capitalize(),
                aliases=[element.name] if iupac else [],
                attributes=attrs,
            )
            if element.name in AMBIGUOUS_ELEMENTS:
                gaz.word_elements[element.name] = node
                continue
            gaz.entries[node.id] = Entry(node)
        gaz.titles = [Title(t.title, t.body) for t in gaz.lexicon.titles]
        gaz._add_wikidata(load_wikidata(folder / "wikidata.jsonl"))
        return gaz

    def _add_wikidata(self, qids: dict[str, str]) -> None:
        """Give each entry its Wikidata id; an id naming no entry (a key renamed in one file only) is an error.

        Elements the gazetteer passes over (AMBIGUOUS_ELEMENTS) keep their line: loaders.wikidata checks those.
        """
        elements = set(element_ids())
        unknown = sorted(i for i in qids if i not in self.entries and i not in elements)
        if unknown:
            raise InputError(f"wikidata.jsonl names nodes the gazetteer does not know: {unknown}")
        for ident, qid in qids.items():
            if ident in self.entries:
                self.entries[ident].node.attributes["wikidata"] = qid

    def _load_states(self, path: Path) -> None:
        extra = {row["code"]: row for row in _jsonl(path)}
        for country in pycountry.countries:
            row = extra.pop(country.alpha_2, {})
            name = row.get("name") or getattr(country, "common_name", None) or country.name
            aliases = [
                a
                for a in [country.name, getattr(country, "official_name", None), *row.get("aliases", [])]
                if a and a != name
            ]
            self._add_state(country.alpha_2, name, aliases, row.get("adjectives", []), EntityKind.STATE)
        for code, row in extra.items():
            self._add_state(
                code,
                row["name"],
                row.get("aliases", []),
                row.get("adjectives", []),
                EntityKind(row.get("kind", "state")),
            )
        self._add_demonyms()

    def _add_demonyms(self) -> None:
        """The regular demonym of every state the data gives none ("Chilean", "Peruvian", "Japanese"), unless
        two states would share it; a form that is no word is harmless, as text never holds it."""
        given = set(self.states.values()) & set(self.adjectives.values())
        formed: dict[str, set[str]] = {}
        for ident in set(self.states.values()) - given:
            name = self.entries[ident].node.name
            if not name.replace(" ", "").isalpha():
                continue
            for ending, demonym in self.lexicon.demonym_endings:
                vowel = name[-1].lower() in "aeiou"
                if (ending and name.lower().endswith(ending)) or (not ending and not vowel):
                    formed.setdefault(name[: len(name) - len(ending)] + demonym, set()).add(ident)
        for demonym, states in formed.items():
            if len(states) == 1 and demonym not in self.adjectives:
                self.adjectives[demonym] = states.pop()

    def _add_state(self, code: str, name: str, aliases: list[str], adjectives: list[str], kind: EntityKind) -> None:
        node = Node(
            id=node_id(NodeType.ENTITY, code),
            type=NodeType.ENTITY,
            name=name,
            aliases=list(dict.fromkeys(aliases)),
            attributes={"kind": kind.value},
        )
        self.entries[node.id] = Entry(node, state=code)
        self.states[code] = node.id
        for adjective in adjectives:
            self.adjectives[adjective] = node.id

    def _add_actor(self, row: dict[str, Any]) -> None:
        attributes = {"kind": row["kind"]} if row.get("kind") else {}
        node = Node(
            id=node_id(row["type"], row["key"]),
            type=row["type"],
            name=row["name"],
            aliases=row.get("aliases", []),
            attributes=attributes,
        )
        self.entries[node.id] = Entry(node, row.get("state"), row.get("short"), tuple(row.get("context_aliases", ())))
        for alias in row.get("context_aliases", ()):
            self.context.setdefault(alias.lower(), []).append(node.id)

    def words(self, family: str) -> frozenset[str]:
        """A word list of the lexicon as a set, built once, for the rules' membership tests."""
        if family not in self._word_sets:
            self._word_sets[family] = frozenset(self.lexicon.family(family))
        return self._word_sets[family]

    def state_of(self, node_id_: str) -> str | None:
        """The node id of the state or bloc an actor belongs to (itself for a state)."""
        entry = self.entries.get(node_id_)
        return self.states.get(entry.state) if entry and entry.state else None

    def key_of(self, node_id_: str) -> str:
        """The key part of a node id, for composing the keys of measures and meetings."""
        return node_id_.split(":", 1)[1]

    @cached_property
    def state_names(self) -> frozenset[str]:
        """Every name and alias of a state or bloc, for telling a country from a city in a meeting's place."""
        nodes = [self.entries[i].node for i in self.states.values()]
        return frozenset(name for n in nodes for name in [n.name, *n.aliases])

    @cached_property
    def _body_by_key(self) -> dict[str, str]:
        return {self.key_of(i): i for i in self.entries}

    @cached_property
    def _ministries(self) -> dict[str, list[Node]]:
        out: dict[str, list[Node]] = {}
        for entry in self.entries.values():
            if entry.node.type is NodeType.MINISTRY and entry.state in self.states:
                out.setdefault(self.states[entry.state], []).append(entry.node)
        return out

    def ministries_of(self, state: str) -> list[Node]:
        """The gazetteer's ministries of a state (by the state's node id), in file order."""
        return self._ministries.get(state, [])

    def body(self, key: str) -> str | None:
        """The node id of an actor given by its gazetteer key (as titles name them)."""
        return self._body_by_key.get(key)

    def ruler_patterns(self, nlp: Language) -> list[dict[str, Any]]:
        """EntityRuler patterns for every name, alias and domain phrase, labelled by what they are."""
        patterns: list[dict[str, Any]] = []

        def add(label: str, text: str, ident: str, exact: bool, lemma: bool = False) -> None:
            attr = "ORTH" if exact else "LEMMA" if lemma and " " not in text else "LOWER"
            for variant in dict.fromkeys([text, text.replace("'", "’")]):
                tokens = [t.text for t in nlp.make_doc(variant)]
                patterns.append(
                    {"label": label, "id": ident, "pattern": [{attr: t if exact else t.lower()} for t in tokens]}
                )

        for entry in self.entries.values():
            node = entry.node
            label = "ITEM" if node.type in (NodeType.ELEMENT, NodeType.MATERIAL, NodeType.SECTOR) else "ACTOR"
            for name in [node.name, *node.aliases]:
                if name.lower() not in self.context:
                    add(label, name, node.id, exact=_exact(name, label))
        for alias in self.context:
            add("CTX", alias, alias, exact=False)
        for adjective, state in self.adjectives.items():
            add("ADJ", adjective, state, exact=True)
        for index, title in enumerate(self.titles):
            add("TITLE", title.text, str(index), exact=False)
        lex = self.lexicon
        for groups, label in (
            ("measure_heads", "MEASURE"),
            ("meeting_heads", "MEETING"),
            ("measure_anaphors", "ANAPHOR"),
            ("modify_words", "MODIFY"),
        ):
            phrases = getattr(lex, groups)
            for phrase, value in phrases.items():
                add(label, phrase, value or "", exact=False, lemma=label == "MODIFY")
                plural = _plural(phrase)
                if label == "MEASURE" and plural not in phrases:
                    add(label, plural, value or "", exact=False)
        for phrase in lex.non_measures:
            add("NONMEASURE", phrase, "", exact=False)
        for phrase in lex.pair_phrases:
            add("PAIR", phrase, "", exact=False)
        return patterns


def _plural(phrase: str) -> str:
    """The phrase with its last word in the plural ("anti-dumping investigation" -> "... investigations")."""
    if phrase.endswith("s"):
        return phrase
    if phrase.endswith("y") and phrase[-2:-1] not in "aeiou":
        return phrase[:-1] + "ies"
    return phrase + ("es" if phrase.endswith(("ch", "sh", "x")) else "s")


def _exact(name: str, label: str) -> bool:
    """Proper names match case-sensitively when short or all capitals ("US" is not "us")."""
    return label == "ACTOR" and (len(name) <= 4 or name.isupper() or "." in name)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
