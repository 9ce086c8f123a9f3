"""Ranking nodes against a typed name: exact names first, then word starts, then near spellings.

Names and queries are compared folded (`ontology.ids.tokens`: lower case, no
accents, words of letters and digits), so "Sefcovic" and "Šefčovič" are one name.
A near spelling matches when rapidfuzz's WRatio is high (it also rewards a query
that is part of a longer name), or when every query word is within a typo of a
word of the name: one letter missed, added, changed or two swapped for words of
four letters or more, two for words of eight or more ("Sefcovik", "MofCon"). The ranking is a pure function of the
candidates, so every store ranks alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from graph.store import matches_tokens, search_words
from ontology.contract import Node
from ontology.ids import tokens

#: Below this WRatio (0-100) a near spelling is no match: at 0 every query "matches" something.
FUZZY_CUTOFF = 85.0

#: Kinds of match, best first.
EXACT, PREFIX, FUZZY = "exact", "prefix", "fuzzy"
_TIER = {EXACT: 0, PREFIX: 1, FUZZY: 2}


class Match(BaseModel):
    """A node that answers a query, how, and how well (100 is a perfect match)."""

    node: Node
    match: str = Field(description="exact (a name or alias, folded), prefix (query words start its words) or fuzzy.")
    score: float = Field(ge=0, le=100)
    matched: str = Field(description="The name or alias that matched best.")


def typos_allowed(word: str) -> int:
    """How many edits a query word may be from a name word: none for short words, where one edit makes another."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def near_words(query: list[str], words: list[str]) -> bool:
    """Whether each query word starts a word of the name, or is within its allowance of typos of one."""

    def near(q: str, w: str) -> bool:
        allowed = typos_allowed(q)
        return w.startswith(q) or (allowed > 0 and DamerauLevenshtein.distance(q, w, score_cutoff=allowed) <= allowed)

    return all(any(near(q, w) for w in words) for q in query)


def folded(text: str) -> str:
    """A name as it is compared: its folded words, space-joined."""
    return " ".join(tokens(text))


def rank(query: str, candidates: Iterable[Node], limit: int, cutoff: float = FUZZY_CUTOFF) -> list[Match]:
    """The best `limit` matches of `query` among `candidates`: by kind of match, score, name, id."""
    wanted = folded(query)
    words = wanted.split()
    if not wanted:
        return []
    matches: list[Match] = []
    for node in candidates:
        names = [node.name, *node.aliases]
        forms = [folded(n) for n in names]
        if wanted in forms:
            matches.append(Match(node=node, match=EXACT, score=100.0, matched=names[forms.index(wanted)]))
            continue
        best = process.extractOne(wanted, forms, scorer=fuzz.WRatio, processor=None)
        score, matched = (best[1], names[best[2]]) if best else (0.0, node.name)
        if matches_tokens(search_words(node), words):
            matches.append(Match(node=node, match=PREFIX, score=round(score, 2), matched=matched))
        elif score >= cutoff or near_words(words, search_words(node)):
            matches.append(Match(node=node, match=FUZZY, score=round(score, 2), matched=matched))
    matches.sort(key=lambda m: (_TIER[m.match], -m.score, m.node.name, m.node.id))
    return matches[:limit]
