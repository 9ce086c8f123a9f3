"""The ontology and its shapes are loaded once and checked against each other: each kind of drift fails loudly.

Each test edits a copy of one file the way a careless edit would, and expects the error to name the term.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph
from rdflib.namespace import OWL, SH, SKOS

from ontology.errors import OntologyError
from ontology.model import ONTOLOGY_FILE, PG, SHAPES_FILE, load_ontology, ontology
from ontology.terms import NODE_ATTRIBUTES, EdgeType, NodeType


def edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {source.name}: update this test"
    copy = tmp_path / source.name
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_every_class_and_property_is_labelled_defined_and_owl() -> None:
    graph = ontology().graph
    for node_type in NodeType:
        term = PG[node_type.value]
        assert (term, RDF.type, OWL.Class) in graph
        assert graph.value(term, RDFS.label) is not None and graph.value(term, SKOS.definition) is not None
    for edge_type in EdgeType:
        assert (PG[edge_type.value], RDF.type, OWL.ObjectProperty) in graph
    for attribute in {a for attrs in NODE_ATTRIBUTES.values() for a in attrs}:
        assert (PG[attribute], RDF.type, OWL.DatatypeProperty) in graph


def test_the_ontology_aligns_to_the_well_known_vocabularies() -> None:
    graph = ontology().graph
    used = {str(o) for o in graph.objects() if not str(o).startswith(str(PG))}
    for vocabulary in (
        "https://schema.org/",
        "http://www.w3.org/ns/org#",
        "http://www.w3.org/ns/prov#",
        "http://purl.org/dc/terms/",
        "http://www.wikidata.org/entity/",
    ):
        assert any(term.startswith(vocabulary) for term in used), vocabulary


def test_kinds_are_classes_under_their_node_type() -> None:
    kinds = {v.name: v for v in ontology().value_lists}
    assert kinds["MeasureKind"].classes and not kinds["MeasureStatus"].classes
    graph = ontology().graph
    for term in kinds["MeasureKind"].terms:
        assert (term, RDFS.subClassOf, PG.Measure) in graph


def test_the_turtle_is_readable_by_plain_rdflib_and_every_shape_targets_something() -> None:
    shapes = Graph().parse(SHAPES_FILE)
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        targets = [p for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf) if shapes.value(shape, p)]
        assert targets, shape


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "pgsh:Sector a sh:NodeShape ; sh:targetClass pg:Sector ;",
            "pgsh:Sector a sh:NodeShape ;",
            "Sector has no shape",
        ),
        ("sh:targetClass pg:Sector ;", "sh:targetClass pg:Sector, pg:Industry ;", "targets .*Industry"),
        ('sh:in ( "host" "participant" )', 'sh:in ( "host" "guest" )', "PARTICIPATED_IN.role"),
        (
            "sh:targetSubjectsOf pg:COVERS ;\n    sh:class pg:Measure",
            "sh:targetSubjectsOf pg:COVERS ;\n    sh:class pg:Entity",
            "COVERS's sources",
        ),
        ("sh:path pg:symbol", "sh:path pg:sign", "pg#sign|sign"),
    ],
)
def test_shapes_that_drift_from_the_ontology_are_errors(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(OntologyError, match=message):
        load_ontology(ONTOLOGY_FILE, edited(tmp_path, SHAPES_FILE, old, new))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('rdfs:label "sector"@en ;', "", "Sector has no rdfs:label"),
        ('skos:definition "An industry or field of use."@en .', ".", "Sector has no skos:definition"),
        ('skos:notation "lifted" ;', "", "StatusLifted"),
        (
            "pg:PlainMeeting a owl:Class, skos:Concept ; rdfs:subClassOf pg:Meeting ;",
            "pg:PlainMeeting a skos:Concept ;",
            "MeetingKind",
        ),
    ],
)
def test_ontology_edits_that_break_it_are_errors(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(OntologyError, match=message):
        load_ontology(edited(tmp_path, ONTOLOGY_FILE, old, new), SHAPES_FILE)


def test_the_ontology_is_loaded_once() -> None:
    assert ontology() is ontology()
