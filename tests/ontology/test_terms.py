"""The Turtle ontology, its generated mirror `ontology/terms.py`, and the contract's vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from ontology import generate
from ontology.errors import OntologyError
from ontology.model import ONTOLOGY_FILE, load_ontology
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, VALUE_LISTS, EdgeType, NodeType

#: The vocabulary shared/CONTRACT.md fixes: the ontology may add to it, never rename or drop.
CONTRACT_NODE_TYPES = {
    "Ministry",
    "Official",
    "Measure",
    "Element",
    "Entity",
    "Meeting",
    "Material",
    "Sector",
    "Document",
}
CONTRACT_EDGE_TYPES = {
    "HOLDS_POST",
    "PART_OF",
    "ISSUED",
    "PROPOSED",
    "COVERS",
    "TARGETS",
    "AFFECTS",
    "SUSPENDS",
    "MODIFIES",
    "RESPONDS_TO",
    "BASED_ON",
    "PARTICIPATED_IN",
    "DISCUSSED",
    "REPORTED",
    "MENTIONED_IN",
}


def test_the_mirror_is_what_the_generator_writes_today() -> None:
    assert generate.render(load_ontology()) == generate.TERMS_FILE.read_text(encoding="utf-8")
    assert generate.main(["--check"]) == 0


def test_check_reports_a_stale_mirror_and_leaves_it_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "terms.py"
    text = generate.TERMS_FILE.read_text(encoding="utf-8").replace('SECTOR = "Sector"', 'SECTOR = "Industry"')
    stale.write_text(text, encoding="utf-8")
    monkeypatch.setattr(generate, "TERMS_FILE", stale)

    assert generate.main(["--check"]) == 1
    assert stale.read_text(encoding="utf-8") == text


def test_the_ontology_keeps_the_contract_vocabulary() -> None:
    onto = load_ontology()
    assert set(onto.node_types) >= CONTRACT_NODE_TYPES
    assert set(onto.edge_types) >= CONTRACT_EDGE_TYPES
    assert {t.value for t in NodeType} == set(onto.node_types)
    assert {t.value for t in EdgeType} == set(onto.edge_types)


def test_the_contract_endpoints_and_value_lists() -> None:
    assert EDGE_SOURCES[EdgeType.PARTICIPATED_IN] == {NodeType.OFFICIAL, NodeType.MINISTRY, NodeType.ENTITY}
    assert EDGE_TARGETS[EdgeType.COVERS] == {NodeType.ELEMENT, NodeType.MATERIAL}
    assert EDGE_TARGETS[EdgeType.MENTIONED_IN] == {NodeType.DOCUMENT}
    statuses = {v.value for v in VALUE_LISTS[("Measure", "status")]}
    assert statuses == {"proposed", "reported", "announced", "in_force", "suspended", "lifted"}


def test_an_unparsable_ontology_is_an_error_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix pg: <https://w3id.org/policygraph/ontology#> .\npg:Node a ", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"broken\.ttl: cannot be parsed"):
        load_ontology(broken)


def test_an_edge_to_an_undeclared_class_is_an_error_naming_it(tmp_path: Path) -> None:
    text = ONTOLOGY_FILE.read_text(encoding="utf-8")
    changed = tmp_path / "changed.ttl"
    changed.write_text(text.replace("schema:rangeIncludes pg:Document", "schema:rangeIncludes pg:Archive"), "utf-8")
    assert changed.read_text(encoding="utf-8") != text, "the edit did not apply: update this test"
    with pytest.raises(OntologyError, match="Archive"):
        load_ontology(changed)
