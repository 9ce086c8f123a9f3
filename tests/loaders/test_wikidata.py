"""Wikidata ids as data: every element and the well-known actors carry theirs, and a bad file fails loudly."""

from __future__ import annotations

import shutil
from pathlib import Path

import periodictable
import pytest
from rdflib import URIRef
from rdflib.namespace import OWL

from graph.rdf import node_iri, to_rdf
from graph.shacl import violations
from loaders.gazetteer import PATTERNS, Gazetteer
from loaders.wikidata import WIKIDATA_FILE, element_ids, load_wikidata
from ontology.contract import GraphData, Node
from ontology.errors import InputError
from ontology.terms import NodeType

BASE = "https://example.org/pg/id/"


def test_all_118_elements_have_a_distinct_wikidata_id() -> None:
    qids = load_wikidata()
    assert len(element_ids()) == 118
    assert len({qids[e] for e in element_ids()}) == 118
    assert len(set(qids.values())) == len(qids), "two nodes never share a Wikidata item"
    assert (qids["element:h"], qids["element:dy"], qids["element:ga"], qids["element:og"]) == (
        "Q556",
        "Q1843",
        "Q861",
        "Q1307",
    )


def test_every_element_exports_with_symbol_number_and_same_as_and_conforms() -> None:
    qids = load_wikidata()
    nodes = [
        Node(
            id=f"element:{e.symbol.lower()}",
            type=NodeType.ELEMENT,
            name=e.name.capitalize(),
            attributes={"symbol": e.symbol, "atomic_number": e.number, "wikidata": qids[f"element:{e.symbol.lower()}"]},
        )
        for e in periodictable.elements
        if e.number > 0
    ]
    data = GraphData(nodes=nodes)
    assert violations(data, BASE) == []
    graph = to_rdf(data, BASE)
    same = {(s, o) for s, o in graph.subject_objects(OWL.sameAs)}
    assert len(same) == 118
    wikidata = "http://www.wikidata.org/entity/"
    assert (node_iri(BASE, "element:og"), URIRef(wikidata + "Q1307")) in same


def test_the_gazetteer_gives_its_known_actors_and_elements_their_ids() -> None:
    entries = Gazetteer.load().entries
    assert entries["entity:cn"].node.attributes["wikidata"] == "Q148"
    assert entries["entity:eu"].node.attributes["wikidata"] == "Q458"
    assert entries["ministry:eu-commission"].node.attributes["wikidata"] == "Q8880"
    assert entries["official:marco-rubio"].node.attributes["wikidata"] == "Q324546"
    assert entries["element:dy"].node.attributes == {"symbol": "Dy", "atomic_number": 66, "wikidata": "Q1843"}
    with_ids = [e for e in entries.values() if e.node.type is NodeType.ELEMENT]
    assert with_ids and all("wikidata" in e.node.attributes for e in with_ids)


def patterns_with(tmp_path: Path, extra: str) -> Path:
    """A copy of the gazetteer's data files with one more line in wikidata.jsonl."""
    folder = tmp_path / "patterns"
    shutil.copytree(PATTERNS, folder)
    with (folder / "wikidata.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(extra + "\n")
    return folder


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "entity:xx", "wikidata": "148"}', r"wikidata\.jsonl:\d+: not a Wikidata line"),
        ('{"id": "entity:xx", "wikidata": "Q148", "label": "x"}', r"wikidata\.jsonl:\d+: not a Wikidata line"),
        ("not json", r"wikidata\.jsonl:\d+: not a Wikidata line"),
        ('{"id": "entity:cn", "wikidata": "Q148"}', r"entity:cn is given twice"),
    ],
)
def test_a_bad_line_names_the_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_wikidata(patterns_with(tmp_path, line) / "wikidata.jsonl")


def test_an_id_naming_no_gazetteer_entry_is_an_error(tmp_path: Path) -> None:
    folder = patterns_with(tmp_path, '{"id": "ministry:cn-renamed", "wikidata": "Q999999999"}')
    with pytest.raises(InputError, match="ministry:cn-renamed"):
        Gazetteer.load(folder)


def test_a_missing_element_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "wikidata.jsonl"
    lines = WIKIDATA_FILE.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line for line in lines if '"element:og"' not in line) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="element:og"):
        load_wikidata(path)
