"""spaCy `DependencyMatcher` patterns as data: the one loader of every rule family that reads the parse.

A family's file (`patterns/<family>.json`) holds a comment, word lists and
patterns. Each pattern has a name, the relation it reads (a member of the
family's `StrEnum`: a mistyped relation fails when the file loads) and its
tokens in the matcher's own syntax, each named by a role; the family says which
roles each relation must name, and every token but the first hangs from one
named before it. A value written `"@name"` stands for a word list: the file's
own `words`, else the lexicon family of that name; an unknown name fails when
the patterns are compiled. `compiled` builds a family's matcher once per
pipeline; `Patterns.matches` runs it over a parsed sentence (the matcher runs
once per document) and gives each match as a `Match`: the relation, the
pattern's name and the tokens by role.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from loaders.gazetteer import PATTERNS
from loaders.lexicon import Lexicon

__all__ = ["PATTERNS", "Match", "PatternFile", "Patterns", "compiled", "load"]

R = TypeVar("R", bound=StrEnum)

#: The matcher's operators between a token and the one it hangs from.
Operator = Literal[">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--"]
#: The roles each relation's patterns must name, given to validation as its context.
Roles = Mapping[Any, Collection[str]]


class PatternNode(BaseModel):
    """One token of a pattern: its role, its attributes and its arc to a token named before it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    right_id: str = Field(alias="RIGHT_ID")
    right_attrs: dict[str, Any] = Field(alias="RIGHT_ATTRS")
    left_id: str | None = Field(default=None, alias="LEFT_ID")
    rel_op: Operator | None = Field(default=None, alias="REL_OP")

    @model_validator(mode="after")
    def _arc(self) -> PatternNode:
        if (self.left_id is None) != (self.rel_op is None):
            raise ValueError(f"{self.right_id}: LEFT_ID and REL_OP go together")
        return self


class Pattern(BaseModel, Generic[R]):
    """A named pattern and the relation it reads; its first token is the anchor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    relation: R
    comment: str = ""
    pattern: list[PatternNode] = Field(min_length=1)

    @property
    def roles(self) -> list[str]:
        return [node.right_id for node in self.pattern]

    @model_validator(mode="after")
    def _anchored_with_its_roles(self, info: ValidationInfo) -> Pattern[R]:
        first, *rest = self.pattern
        if first.left_id is not None:
            raise ValueError(f"pattern {self.name!r}: its first token hangs from nothing")
        named = {first.right_id}
        for node in rest:
            if node.left_id is None or node.left_id not in named:
                raise ValueError(f"pattern {self.name!r}: {node.right_id} hangs from a token not named before it")
            named.add(node.right_id)
        roles: Roles = (info.context or {}).get("roles", {})
        missing = set(roles.get(self.relation, ())) - named
        if missing:
            raise ValueError(f"pattern {self.name!r} ({self.relation}) names no token {sorted(missing)}")
        return self


class PatternFile(BaseModel, Generic[R]):
    """A family's file: the word lists its patterns share, and the patterns (names unique). A family whose file
    holds more (word families of its own) extends this model."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    comment: str = Field(alias="_comment")
    words: dict[str, list[str]] = Field(default_factory=dict)
    patterns: list[Pattern[R]]

    @field_validator("patterns")
    @classmethod
    def _unique_names(cls, value: list[Pattern[R]]) -> list[Pattern[R]]:
        names = [p.name for p in value]
        if len(names) != len(set(names)):
            raise ValueError(f"pattern names repeat: {sorted({n for n in names if names.count(n) > 1})}")
        return value


F = TypeVar("F", bound=PatternFile[Any])


def load(path: Path, model: type[F], roles: Roles) -> F:
    """A family's file, validated by its model against the roles its relations need."""
    return model.model_validate_json(path.read_text(encoding="utf-8"), context={"roles": roles})


@dataclass(frozen=True)
class Match(Generic[R]):
    """One match: what it reads, which pattern found it, and the sentence's tokens by role."""

    relation: R
    name: str
    tokens: dict[str, Token]


class Patterns(Generic[R]):
    """A family's patterns compiled for one vocabulary, with every "@name" replaced by its word list."""

    def __init__(self, spec: PatternFile[R], vocab: Vocab, lexicon: Lexicon) -> None:
        self._patterns = {p.name: p for p in spec.patterns}
        self.matcher = DependencyMatcher(vocab, validate=True)
        for name, pattern in self._patterns.items():
            nodes = [node.model_dump(by_alias=True, exclude_none=True) for node in pattern.pattern]
            self.matcher.add(name, [_expand(nodes, spec.words, lexicon, name)])
        self._doc: Doc | None = None
        self._found: list[tuple[int, list[int]]] = []

    def matches(self, span: Span) -> list[Match[R]]:
        """Every match lying wholly inside `span`, in text order of its tokens."""
        doc = span.doc
        if doc is not self._doc:
            self._doc, self._found = doc, self.matcher(doc)
        out = []
        for match_id, positions in self._found:
            if all(span.start <= i < span.end for i in positions):
                pattern = self._patterns[doc.vocab.strings[match_id]]
                tokens = {role: doc[i] for role, i in zip(pattern.roles, positions, strict=True)}
                out.append(Match(pattern.relation, pattern.name, tokens))
        return sorted(out, key=lambda m: sorted(t.i for t in m.tokens.values()))


def _expand(value: Any, words: Mapping[str, list[str]], lexicon: Lexicon, pattern: str) -> Any:
    """The value with every "@name" replaced by its word list: the file's own, else the lexicon family."""
    if isinstance(value, str) and value.startswith("@"):
        name = value[1:]
        if name in words:
            return words[name]
        if name not in Lexicon.model_fields:
            raise ValueError(f"pattern {pattern!r}: no word list named @{name}")
        family = lexicon.family(name)
        return [w for w in family if " " not in w] if isinstance(getattr(lexicon, name), dict) else family
    if isinstance(value, dict):
        return {k: _expand(v, words, lexicon, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, words, lexicon, pattern) for v in value]
    return value


_COMPILED: dict[tuple[int, int], Patterns[Any]] = {}


def compiled(spec: PatternFile[R], vocab: Vocab, lexicon: Lexicon) -> Patterns[R]:
    """A family's patterns compiled for a pipeline's vocabulary, once per pipeline."""
    key = (id(spec), id(vocab))
    if key not in _COMPILED:
        _COMPILED[key] = Patterns(spec, vocab, lexicon)
    return _COMPILED[key]
