"""Dependency patterns for actors: who holds which title, which body belongs to which, who reports what,
and who took part in which meeting, where.

The patterns are data (`patterns/actor_syntax.json`), matched by spaCy's
`DependencyMatcher` on each parsed sentence. The file is validated when it
loads: every pattern names a `Relation` (a StrEnum, so a mistyped relation
fails at once), and its nodes must include the two roles the relation reads
(`person` and `title`, `part` and `whole`...). A value written `"@family"`
stands for the lexicon word family of that name, so the words stay in one
place and a pattern naming an unknown family fails at load.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from loaders.lexicon import Lexicon

PATTERNS = Path(__file__).with_name("patterns") / "actor_syntax.json"


class Relation(StrEnum):
    """What a match says, and the two roles it binds."""

    #: A title that belongs to a person: "Premier X", "X, the trade minister", "the minister, X".
    TITLE_OF = "title_of"
    #: A body that belongs to another: "the X under the Y", "the Y's X", "X, a subsidiary of Y".
    PART_OF = "part_of"
    #: An outlet that carries the news of its clause: "X reported that", "according to X".
    REPORTS = "reports"
    #: A party to a meeting: "the G7 summit", "X's state visit", "X told a press conference".
    PARTY_OF = "party_of"
    #: The party that held a meeting: "X hosted talks", "a forum hosted by X".
    HOST_OF = "host_of"
    #: Where a meeting took place: "the summit held in X", "talks in X", "a visit to X".
    PLACE_OF = "place_of"


ROLES: dict[Relation, tuple[str, str]] = {
    Relation.TITLE_OF: ("title", "person"),
    Relation.PART_OF: ("part", "whole"),
    Relation.REPORTS: ("outlet", "verb"),
    Relation.PARTY_OF: ("party", "meeting"),
    Relation.HOST_OF: ("party", "meeting"),
    Relation.PLACE_OF: ("place", "meeting"),
}


class DependencyPattern(BaseModel):
    """One `DependencyMatcher` pattern and the relation it reads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    relation: Relation
    pattern: list[dict[str, Any]]

    @model_validator(mode="after")
    def _binds_its_roles(self) -> DependencyPattern:
        ids = {node.get("RIGHT_ID") for node in self.pattern}
        missing = set(ROLES[self.relation]) - ids
        if missing:
            raise ValueError(f"pattern {self.name!r} ({self.relation}) binds no node named {sorted(missing)}")
        return self


class ActorSyntax(BaseModel):
    """The file: a comment and the patterns."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comment: str
    patterns: list[DependencyPattern]

    @field_validator("patterns")
    @classmethod
    def _unique_names(cls, value: list[DependencyPattern]) -> list[DependencyPattern]:
        names = [p.name for p in value]
        if len(names) != len(set(names)):
            raise ValueError(f"pattern names repeat: {sorted(n for n in names if names.count(n) > 1)}")
        return value

    @classmethod
    def load(cls, path: Path = PATTERNS) -> ActorSyntax:
        """Read and validate the file; a bad pattern fails with its name."""
        return cls.model_validate_json(path.read_text(encoding="utf-8"))


def _expand(value: Any, lex: Lexicon) -> Any:
    """Replace "@family" by {"IN": [the family's words]}, recursively."""
    if isinstance(value, str) and value.startswith("@"):
        family = value[1:]
        if family not in Lexicon.model_fields:
            raise ValueError(f"actor pattern names an unknown lexicon family {family!r}")
        return {"IN": sorted(lex.family(family))}
    if isinstance(value, dict):
        return {k: _expand(v, lex) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, lex) for v in value]
    return value


class ActorMatcher:
    """The patterns compiled for one vocabulary; `matches` yields each relation with its two role tokens."""

    def __init__(self, vocab: Vocab, lex: Lexicon, syntax: ActorSyntax | None = None) -> None:
        syntax = syntax or ActorSyntax.load()
        self.matcher = DependencyMatcher(vocab, validate=True)
        self.patterns: dict[str, DependencyPattern] = {}
        for pattern in syntax.patterns:
            self.matcher.add(pattern.name, [_expand(pattern.pattern, lex)])
            self.patterns[pattern.name] = pattern
        self._doc: Doc | None = None
        self._found: list[tuple[int, list[int]]] = []

    def matches(self, span: Span) -> list[tuple[Relation, Token, Token]]:
        """(relation, first role, second role) for every match inside the sentence, in text order."""
        doc = span.doc
        if doc is not self._doc:
            self._doc, self._found = doc, self.matcher(doc)
        out = []
        for match_id, tokens in self._found:
            pattern = self.patterns[doc.vocab.strings[match_id]]
            if not all(span.start <= i < span.end for i in tokens):
                continue
            named = {node["RIGHT_ID"]: doc[i] for node, i in zip(pattern.pattern, tokens, strict=True)}
            first, second = ROLES[pattern.relation]
            out.append((pattern.relation, named[first], named[second]))
        return sorted(out, key=lambda m: (m[1].i, m[2].i))


_MATCHERS: dict[int, ActorMatcher] = {}


def actor_matcher(vocab: Vocab, lex: Lexicon) -> ActorMatcher:
    """The compiled patterns for a pipeline's vocabulary, built once per pipeline."""
    if id(vocab) not in _MATCHERS:
        _MATCHERS[id(vocab)] = ActorMatcher(vocab, lex)
    return _MATCHERS[id(vocab)]
