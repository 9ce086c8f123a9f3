"""Wikidata ids of the things the gazetteer knows: data in patterns/wikidata.jsonl, checked as it loads.

Each line names a node by its id (`entity:cn`, `ministry:eu-commission`,
`element:dy`) and gives its Wikidata item. Every chemical element periodictable
knows (all 118) must have one; a line that does not fit, an id given twice, or
a missing element is an error naming the file and the line, so a typo fails
loudly instead of matching nothing. The gazetteer attaches the ids to its
entries and refuses ids that name none of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import periodictable
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ontology.errors import InputError
from ontology.ids import node_id
from ontology.terms import NodeType

WIKIDATA_FILE = Path(__file__).with_name("patterns") / "wikidata.jsonl"


class WikidataLine(BaseModel):
    """One line of the file: a node id and its Wikidata item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z]+:[a-z0-9-]+$")
    wikidata: str = Field(pattern=r"^Q[1-9][0-9]*$")


def element_ids() -> list[str]:
    """The node ids of every chemical element, from periodictable (hydrogen to oganesson)."""
    return [node_id(NodeType.ELEMENT, e.symbol) for e in periodictable.elements if e.number > 0]


def load_wikidata(path: Path = WIKIDATA_FILE) -> dict[str, str]:
    """Node id → Wikidata id, checked line by line and for the completeness of the elements."""
    found: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = WikidataLine.model_validate(json.loads(line))
        except (ValueError, ValidationError) as exc:
            raise InputError(f"{path}:{number}: not a Wikidata line: {exc}") from exc
        if row.id in found:
            raise InputError(f"{path}:{number}: {row.id} is given twice")
        found[row.id] = row.wikidata
    missing = [e for e in element_ids() if e not in found]
    if missing:
        raise InputError(f"{path}: no Wikidata id for the elements {missing}")
    return found
