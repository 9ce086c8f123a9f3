"""The SHACL shapes: the hand-built and the seed graphs conform, and a broken graph is reported exactly."""

from __future__ import annotations

from pyshacl import validate
from rdflib import RDFS, Graph

from graph.rdf import RdfFormat, serialize, to_rdf
from graph.shacl import Violation, violations, violations_of_rdf
from graph.store import merge_graphs
from ontology.contract import Edge, Evidence, GraphData
from ontology.model import ontology
from ontology.terms import EdgeType
from tests.conftest import DYSPROSIUM, LICENCES, MEETING, NOTE_ID, WANG

BASE = "https://example.org/pg/id/"


def test_the_hand_built_graph_conforms(small_graph: GraphData) -> None:
    assert violations(small_graph, BASE) == []


def test_the_seed_graph_conforms(seed_graphs: list[GraphData]) -> None:
    assert violations(merge_graphs(seed_graphs), BASE) == []


def test_the_shapes_work_in_plain_pyshacl_on_the_turtle_export(small_graph: GraphData) -> None:
    """What a user can run without this project: pyshacl over the exported Turtle, the ontology and the shapes."""
    data = Graph().parse(data=serialize(small_graph, RdfFormat.TTL, BASE), format="turtle")
    conforms, _, text = validate(data, shacl_graph=ontology().shapes, ont_graph=ontology().graph)
    assert conforms, text


def broken(small_graph: GraphData) -> GraphData:
    """The hand-built graph with one fault of each kind the shapes guard against."""
    data = small_graph.model_copy(deep=True)
    nodes = {n.id: n for n in data.nodes}
    nodes[MEETING].attributes["date"] = "3 June 2025"
    nodes[LICENCES].attributes["kind"] = "embargo"
    nodes[DYSPROSIUM].attributes["atomic_number"] = "sixty-six"
    nodes[WANG].attributes["wikidata"] = "wang"
    data.edges += [
        Edge(source=DYSPROSIUM, type=EdgeType.ISSUED, target=LICENCES),
        Edge(
            source=WANG,
            type=EdgeType.HOLDS_POST,
            target=LICENCES,
            evidence=[Evidence(document=NOTE_ID, start=9, end=3, text="ang Wen")],
        ),
    ]
    return data


def test_a_broken_graph_is_reported_by_node_property_and_reason(small_graph: GraphData) -> None:
    found = violations(broken(small_graph), BASE)
    issued = f"{DYSPROSIUM} -ISSUED-> {LICENCES}"
    assert {(v.node, v.property) for v in found} == {
        (MEETING, "date"),
        (LICENCES, "kind"),
        (DYSPROSIUM, "atomic_number"),
        (WANG, "wikidata"),
        (DYSPROSIUM, "ISSUED"),
        (issued, "evidence"),
        (LICENCES, "HOLDS_POST"),
        (f"{WANG} -HOLDS_POST-> {LICENCES} evidence 0", "start"),
    }
    by_place = {(v.node, v.property): v for v in found}
    assert by_place[(LICENCES, "kind")].value == "embargo"
    assert "export_control" in by_place[(LICENCES, "kind")].reason
    assert by_place[(MEETING, "date")].reason == "date is one ISO date: YYYY-MM-DD, YYYY-MM or YYYY"
    assert by_place[(DYSPROSIUM, "ISSUED")].reason == "ISSUED must start at Entity, Ministry or Official"
    assert by_place[(LICENCES, "HOLDS_POST")].reason == "HOLDS_POST must end at Entity or Ministry"
    assert "evidence" in by_place[(issued, "evidence")].reason
    assert (
        str(by_place[(MEETING, "date")])
        == f"{MEETING}  date  {by_place[(MEETING, 'date')].reason} (value '3 June 2025')"
    )


def test_rdf_from_elsewhere_missing_a_name_is_reported(small_graph: GraphData) -> None:
    graph = to_rdf(small_graph, BASE)
    graph.remove((None, RDFS.label, None))
    found = violations_of_rdf(graph)
    assert {v.property for v in found} == {"rdfs:label"}
    assert {v.node for v in found} == {n.id for n in small_graph.nodes}
    assert all(isinstance(v, Violation) for v in found)
