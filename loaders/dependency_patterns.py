"""The dependency patterns of the measure relations, as a validated model of `patterns/dependencies.json`.

Each pattern is spaCy `DependencyMatcher` syntax whose tokens are named by
`Role` (the verb, its agent, its object...) and which says which `Relation` it
reads (issuing, changing, listing, banning). Word lists are written once, as
`"@family"`, and resolved against the file's own `words` or a list family of the
lexicon; an unknown family, role or relation fails when the file loads instead
of matching nothing. `DependencyReader.matches` runs the patterns over one
parsed sentence and gives each match as a `Match` of tokens by role.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from spacy.matcher import DependencyMatcher
from spacy.tokens import Span, Token
from spacy.vocab import Vocab

from loaders.lexicon import Lexicon

PATTERNS = Path(__file__).parent / "patterns" / "dependencies.json"


class Relation(StrEnum):
    """What a match reads: an actor issuing a measure, a change to a measure, a listing verb, a passive ban
    ("exports of X were banned"), goods made subject to a measure ("imports of X will be subject to quotas")."""

    ISSUE = "issue"
    CHANGE = "change"
    LISTING = "listing"
    BAN = "ban"
    SUBJECTION = "subjection"


class Role(StrEnum):
    """The name a pattern gives one of its tokens."""

    VERB = "verb"
    AGENT = "agent"
    OBJECT = "object"
    BY = "by"
    TO = "to"
    GOAL = "goal"


class PatternNode(BaseModel):
    """One token of a dependency pattern: its role, its attributes and its arc to a token named before it."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    right_id: Role = Field(alias="RIGHT_ID")
    right_attrs: dict[str, Any] = Field(alias="RIGHT_ATTRS")
    left_id: Role | None = Field(default=None, alias="LEFT_ID")
    rel_op: Literal[">", "<", ">>", "<<", ".", ";", ".*", ";*", "$+", "$-", "$++", "$--"] | None = Field(
        default=None, alias="REL_OP"
    )

    @model_validator(mode="after")
    def _arc(self) -> PatternNode:
        if (self.left_id is None) != (self.rel_op is None):
            raise ValueError(f"{self.right_id}: LEFT_ID and REL_OP go together")
        return self


class DependencyPattern(BaseModel):
    """A pattern and the relation it reads; its first token is the anchor, every other hangs from one before it."""

    model_config = ConfigDict(extra="forbid")

    relation: Relation
    pattern: list[PatternNode]

    @model_validator(mode="after")
    def _anchored(self) -> DependencyPattern:
        first, *rest = self.pattern
        if first.left_id is not None:
            raise ValueError(f"{self.relation}: the first token of a pattern has no LEFT_ID")
        named: set[Role] = {first.right_id}
        for node in rest:
            if node.left_id is None or node.left_id not in named:
                raise ValueError(f"{self.relation}: {node.right_id} hangs from a token not named before it")
            named.add(node.right_id)
        return self


class DependencyFile(BaseModel):
    """`patterns/dependencies.json`: the word lists the patterns share and the patterns."""

    model_config = ConfigDict(extra="forbid")

    comment: str = Field(alias="_comment")
    words: dict[str, list[str]]
    patterns: list[DependencyPattern]

    @classmethod
    def load(cls, path: Path = PATTERNS) -> DependencyFile:
        return cls.model_validate_json(path.read_text(encoding="utf-8"))

    def resolved(self, lexicon: Lexicon) -> list[tuple[Relation, list[dict[str, Any]]]]:
        """Each pattern in the matcher's own syntax, with every "@family" replaced by its word list."""

        def words(name: str) -> list[str]:
            if name in self.words:
                return self.words[name]
            value = getattr(lexicon, name, None) if name in Lexicon.model_fields else None
            if isinstance(value, dict):
                value = [k for k in value if " " not in k]
            if not isinstance(value, list):
                raise ValueError(f"{PATTERNS.name}: no word list named @{name}")
            return value

        def resolve(value: Any) -> Any:
            if isinstance(value, str) and value.startswith("@"):
                return words(value[1:])
            if isinstance(value, dict):
                return {k: resolve(v) for k, v in value.items()}
            return value

        out = []
        for spec in self.patterns:
            nodes = [
                {k: resolve(v) for k, v in node.model_dump(by_alias=True, exclude_none=True).items()}
                for node in spec.pattern
            ]
            for node in nodes:
                node["RIGHT_ID"] = str(node["RIGHT_ID"])
                if "LEFT_ID" in node:
                    node["LEFT_ID"] = str(node["LEFT_ID"])
            out.append((spec.relation, nodes))
        return out


@dataclass(frozen=True)
class Match:
    """One match: the relation and the sentence tokens by role."""

    relation: Relation
    tokens: dict[Role, Token]


class DependencyReader:
    """The patterns compiled into one DependencyMatcher for a vocabulary."""

    def __init__(self, vocab: Vocab, lexicon: Lexicon, spec: DependencyFile | None = None) -> None:
        spec = spec or DependencyFile.load()
        self.matcher = DependencyMatcher(vocab, validate=True)
        self.roles: dict[str, tuple[Relation, list[Role]]] = {}
        for index, (relation, nodes) in enumerate(spec.resolved(lexicon)):
            key = f"{relation}:{index}"
            self.matcher.add(key, [nodes])
            self.roles[key] = (relation, [Role(n["RIGHT_ID"]) for n in nodes])

    def matches(self, sentence: Span) -> list[Match]:
        """Every match in one parsed sentence, in text order of the anchor token."""
        out = []
        for match_id, positions in self.matcher(sentence):
            relation, roles = self.roles[sentence.vocab.strings[match_id]]
            tokens = {role: sentence[i] for role, i in zip(roles, positions, strict=True)}
            out.append(Match(relation, tokens))
        return sorted(out, key=lambda m: min(t.i for t in m.tokens.values()))
