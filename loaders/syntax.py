"""Reading the dependency parse: subjects and agents of verbs, objects, and the goods a measure covers.

These are the arcs the relation rules need, read from the trained parser's
output rather than from word order: the subject of an active verb and the
agent of a passive one ("were placed on the list by the Commerce Department"),
each with its coordinated members ("the Netherlands and Japan"); the object of
a verb, or the noun a relative or participle clause hangs from ("the curbs
that Beijing announced"); the reporter of a reported clause ("..., its commerce
ministry said"); and the nouns a measure's prepositional phrases name ("export
controls on gallium and germanium", "a ban on exports of rice"). Each function
walks a bounded neighbourhood of one token, so a sentence costs linear time.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from loaders.lexicon import Lexicon

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "attr", "oprd"})
#: Clauses that share the subject of the verb they hang from ("announced and imposed", "moved to impose").
SHARING = frozenset({"conj", "xcomp", "advcl"})
#: Clauses that modify a noun: the noun is the verb's object (or, passive, its subject).
NOUN_CLAUSES = frozenset({"relcl", "acl"})
#: Left modifiers that belong to the name of a good ("rare earth magnets", "high-purity graphite").
NAME_MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod", "hmod", "hyph", "punct"})


def with_conjuncts(token: Token) -> list[Token]:
    """The token and every member coordinated with it ("A, B and C")."""
    return [token, *token.conjuncts]


def is_passive(verb: Token) -> bool:
    """A verb in the passive voice: it has a passive subject or auxiliary, or hangs as a participle with an agent."""
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ in ("auxpass", "agent") for c in verb.children)


def agents(verb: Token) -> list[Token]:
    """Who does what a verb says: its subject, or the object of its "by" phrase when passive.

    A verb with no subject of its own takes the subject of the verb it is
    coordinated with or depends on ("China announced and imposed", "moved to impose").
    """
    for _ in range(3):
        if is_passive(verb):
            found = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        else:
            found = [c for c in verb.children if c.dep_ in SUBJECTS]
        relative = [t for t in found if t.tag_ in ("WDT", "WP")]
        found = [t for t in found if t not in relative]
        if relative and verb.dep_ == "relcl":
            # "an announcement by X and Y that suspended ...", "the ministry, which imposed ...".
            noun = verb.head
            by = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children]
            found = [p for p in by if p.dep_ == "pobj"] or [noun]
        if found:
            return [m for t in found for m in with_conjuncts(t)]
        controller = [c for c in verb.head.children if c.dep_ == "dobj"] if verb.dep_ == "xcomp" else []
        if controller:
            # "prompted Peru to threaten a tariff": the object of the verb above does what the clause says.
            return [m for t in controller for m in with_conjuncts(t)]
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            # "downgraded Seoul after imposing controls": the gerund shares the subject of the verb its phrase modifies.
            verb = verb.head.head
            continue
        if verb.dep_ not in SHARING or verb.head is verb:
            return []
        verb = verb.head
    return []


def reporters(verb: Token) -> list[Token]:
    """The subject of a reporting verb the clause is said by ("China will ban ..., its ministry said")."""
    head = verb
    while head.dep_ in SHARING and head.head is not head:
        head = head.head
    if head.dep_ == "ccomp" and head.head.lemma_ in ("say", "announce", "state", "confirm"):
        return [m for c in head.head.children if c.dep_ in SUBJECTS for m in with_conjuncts(c)]
    return []


def dates_another_event(token: Token, words: frozenset[str]) -> bool:
    """The phrase a token heads is introduced by one of these temporal words ("issued on Friday after three
    rounds of talks", "agree to cut duties after Lisbon talks"): it dates another event, not itself."""
    if any(c.dep_ == "mark" and c.lower_ in words for c in token.children):
        return True
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return False
        if ancestor.dep_ in ("prep", "mark") and ancestor.lower_ in words:
            return True
    return False


def objects(verb: Token) -> list[Token]:
    """What a verb acts on: its object, its passive subject, or the noun its clause modifies."""
    found = [c for c in verb.children if c.dep_ in OBJECTS or c.dep_ in PASSIVE_SUBJECTS]
    if verb.dep_ in NOUN_CLAUSES:
        found.append(verb.head)
    return [m for t in found for m in with_conjuncts(t)]


def covered_nouns(head: Token, lex: Lexicon, via_verb: bool = True) -> Iterator[Token]:
    """The nouns a measure head's phrases name as what it covers, through "on", "of", "covering", "such as"...

    "Exports of X" and "imports of X" lead on to X; a verb whose object the
    head is lends its own phrases ("imposed duties on imports of brandy").
    """
    preps = {p for p in lex.item_prepositions if " " not in p}
    starts = [head]
    if via_verb and head.dep_ in OBJECTS | PASSIVE_SUBJECTS and head.head.pos_ in ("VERB", "AUX"):
        starts.append(head.head)
    seen: set[int] = set()
    yield from _modifying_goods(head, lex)
    for start in starts:
        if start.dep_ in SUBJECTS and start.head.lemma_ in ("cover", "include", "affect", "target"):
            yield from (m for o in start.head.children if o.dep_ == "dobj" for m in with_conjuncts(o))
        for child in start.children:
            nouns: list[Token] = []
            such_as = child.lower_ == "as" and child.i > 0 and child.nbor(-1).lower_ == "such"
            if child.dep_ == "prep" and (child.lower_ in preps or such_as):
                nouns = [p for p in child.children if p.dep_ == "pobj"]
            elif child.dep_ in ("acl", "relcl") and child.lemma_ in ("cover", "include", "involve", "relate"):
                nouns = [o for o in child.children if o.dep_ == "dobj"]
                nouns += [p for c in child.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            for noun in nouns:
                for member in with_conjuncts(noun):
                    if member.i in seen:
                        continue
                    seen.add(member.i)
                    if member.lower_ in lex.ban_objects or member.lemma_ in ("export", "import", "shipment", "sale"):
                        yield from covered_nouns(member, lex, via_verb=False)
                    else:
                        yield member


def _modifying_goods(head: Token, lex: Lexicon) -> Iterator[Token]:
    """Goods written as modifiers of a measure head ("brandy tariffs", "steel slab quotas", "chip export
    controls"), through "export"/"import" modifiers; words of the head itself and non-goods are passed over."""
    skip = set(lex.ban_objects) | set(lex.generic_item_heads) | set(lex.non_items) | set(lex.modifiers)
    for left in head.lefts:
        noun = left.pos_ in ("NOUN", "PROPN") and (left.text.islower() or left.ent_type_ == "ITEM")
        if left.dep_ not in ("compound", "nmod") or not noun:
            continue
        if left.lower_ in ("export", "import", "exports", "imports"):
            yield from _modifying_goods(left, lex)
        elif left.lower_ not in skip and left.lemma_ not in skip and left.ent_type_ in ("", "ITEM"):
            yield left


def target_nouns(head: Token, lex: Lexicon) -> Iterator[Token]:
    """The nouns a measure head's phrases name as its target: "sanctions against X", "exports to X",
    "imports from X", "a quota for X", and the origin that modifies a covered good ("X brandy")."""
    preps = {p for p in lex.target_prepositions if " " not in p}
    starts = [head]
    if head.dep_ in OBJECTS | PASSIVE_SUBJECTS and head.head.pos_ in ("VERB", "AUX"):
        starts.append(head.head)
    covered = list(covered_nouns(head, lex))
    for noun in covered:
        yield from (left for left in noun.lefts if left.dep_ in ("compound", "amod", "nmod", "poss"))
    flows = [c for start in starts for c in start.children if c.dep_ in OBJECTS and traded(c, lex)]
    queue = [*starts, *flows, *covered]
    seen: set[int] = set()
    while queue:
        start = queue.pop()
        origin = origins(start, lex)
        if origin:
            # "Korean ship exports to Brazil": the origin named on the goods is the target, not their destination.
            yield from origin
            continue
        for child in start.children:
            if child.dep_ != "prep" or child.i in seen:
                continue
            seen.add(child.i)
            for noun in (p for p in child.children if p.dep_ == "pobj"):
                if child.lower_ in preps:
                    yield from with_conjuncts(noun)
                if traded(noun, lex):
                    queue.append(noun)


def origins(noun: Token, lex: Lexicon) -> list[Token]:
    """The names a trade-flow noun carries as its origin ("UK car exports", "Mexican imports"); none for other nouns."""
    if not traded(noun, lex):
        return []
    return [
        left
        for left in noun.lefts
        if (left.dep_ in ("compound", "nmod", "poss") and left.pos_ == "PROPN")
        or (left.dep_ == "amod" and left.ent_type_ in ("ADJ", "NORP"))
    ]


def is_destination(token: Token, lex: Lexicon) -> bool:
    """The token is where goods named with their origin go ("Korean ship exports to Brazil"): not a target."""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in ("to", "into") and bool(origins(prep.head, lex))


def traded(noun: Token, lex: Lexicon) -> bool:
    """A noun for trade flows ("exports", "imports", "shipments"): what it carries lies beyond it."""
    return noun.lower_ in lex.ban_objects or noun.lemma_ in ("export", "import", "shipment", "sale")


def item_phrase(
    noun: Token, generic: frozenset[str], named: set[int], stops: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The token range naming a good: the noun with its left modifiers; a generic noun gives way to them.

    Modifiers stop at a name (`named` holds the indices of tokens inside actor
    mentions): "Chinese EVs" are EVs, "U.S. chips" chips.
    """
    start = noun.i
    for left in reversed(list(noun.lefts)):
        edge = left.left_edge.i
        if left.dep_ not in NAME_MODIFIERS or left.right_edge.i != start - 1 or named & set(range(edge, left.i + 1)):
            break
        start = edge
    while start < noun.i and (
        noun.doc[start].dep_ in ("punct", "hyph")
        or noun.doc[start].lower_ in stops
        or not noun.doc[start].text[0].isalnum()
    ):
        start += 1
    end = noun.i + 1
    if noun.lower_ in generic:
        end = noun.i
        while end > start and noun.doc[end - 1].dep_ in ("punct", "hyph"):
            end -= 1
    return (start, end) if end > start else None
