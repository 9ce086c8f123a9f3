"""The graph as RDF: it parses in two independent libraries, JSON-LD and Turtle say the same, and nothing is lost.

The small graph is hand-built (conftest); the seed graph is what the extractor reads from the
shared seed documents, so these tests hold for whatever extraction gives, not for one fixed answer.
"""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from pyld import jsonld
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import OWL, XSD

from graph.rdf import RdfFormat, edge_iri, from_rdf, node_iri, serialize, to_rdf
from graph.store import merge_graphs
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.model import PG
from ontology.terms import EdgeType, NodeType
from tests.conftest import DYSPROSIUM, LICENCES, MEETING, MOFCOM, NOTE_ID, SEFCOVIC

BASE = "https://example.org/pg/id/"


@pytest.fixture(scope="module")
def seed_graph(seed_graphs: list[GraphData]) -> GraphData:
    return merge_graphs(seed_graphs)


@pytest.fixture(params=["small", "seeds"])
def graph(request: pytest.FixtureRequest, small_graph: GraphData) -> GraphData:
    """Each test below runs on the hand-built graph and on the seed graph."""
    return merge_graphs([small_graph]) if request.param == "small" else request.getfixturevalue("seed_graph")


def test_json_to_rdf_to_json_loses_no_node_edge_attribute_or_evidence(graph: GraphData) -> None:
    back = from_rdf(to_rdf(graph, BASE))
    assert back == graph
    assert sum(len(e.evidence) for e in back.edges) == sum(len(e.evidence) for e in graph.edges) > 0


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_every_serialisation_parses_back_to_the_same_graph(graph: GraphData, fmt: RdfFormat) -> None:
    text = serialize(graph, fmt, BASE)
    parsed = Graph().parse(data=text, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt.value])
    assert isomorphic(parsed, to_rdf(graph, BASE))
    assert from_rdf(parsed) == graph


def test_the_turtle_parses_in_pyoxigraph_to_the_same_triples(graph: GraphData) -> None:
    turtle = serialize(graph, RdfFormat.TTL, BASE)
    store = pyoxigraph.Store()
    store.load(turtle.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    ntriples = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()).decode()
    assert len(store) == len(to_rdf(graph, BASE))
    assert isomorphic(Graph().parse(data=ntriples, format="nt"), to_rdf(graph, BASE))


def test_the_json_ld_expands_with_pyld_to_triples_isomorphic_to_the_turtle(graph: GraphData) -> None:
    document = json.loads(serialize(graph, RdfFormat.JSONLD, BASE))
    assert "@context" in document, "the JSON-LD is compacted with the project's prefixes"
    expanded = jsonld.expand(document)
    nquads = jsonld.to_rdf(expanded, {"format": "application/n-quads"})
    from_pyld = Graph().parse(data=nquads, format="nt")  # the default graph only: N-Quads without graph names
    from_turtle = Graph().parse(data=serialize(graph, RdfFormat.TTL, BASE), format="turtle")
    assert len(from_pyld) == len(from_turtle)
    assert to_isomorphic(from_pyld) == to_isomorphic(from_turtle)


def test_iris_are_stable_under_the_configured_base(small_graph: GraphData) -> None:
    first, second = to_rdf(small_graph, BASE), to_rdf(small_graph, BASE)
    assert isomorphic(first, second)
    named = {t for t in first if not any(isinstance(term, BNode) for term in t)}
    assert named == {t for t in second if not any(isinstance(term, BNode) for term in t)}, "blank nodes only in lists"
    meeting = node_iri(BASE, MEETING)
    assert meeting == URIRef(BASE + MEETING)
    assert (meeting, RDF.type, PG.Meeting) in first
    assert (meeting, RDF.type, PG.PlainMeeting) in first, "a kind is a class too"
    assert (meeting, PG.date, Literal("2025-06-03", datatype=XSD.date)) in first
    edge = next(e for e in small_graph.edges if e.source == SEFCOVIC)
    statement = edge_iri(BASE, edge)
    assert statement == URIRef(f"{BASE}{SEFCOVIC}/PARTICIPATED_IN/{MEETING}")
    assert (node_iri(BASE, SEFCOVIC), PG.PARTICIPATED_IN, meeting) in first
    assert (statement, PG.role, Literal("participant")) in first
    assert node_iri(BASE, "a b/c") == URIRef(BASE + "a%20b%2Fc")


def test_dates_take_the_xsd_type_of_their_precision() -> None:
    measure = Node(
        id="measure:x",
        type=NodeType.MEASURE,
        name="x",
        attributes={"announced": "2025", "effective": "2025-04", "expires": "2025-04-04", "duration_days": 90},
    )
    graph = to_rdf(GraphData(nodes=[measure]), BASE)
    subject = node_iri(BASE, "measure:x")
    assert graph.value(subject, PG.announced).datatype == XSD.gYear
    assert graph.value(subject, PG.effective).datatype == XSD.gYearMonth
    assert graph.value(subject, PG.expires).datatype == XSD.date
    assert graph.value(subject, PG.duration_days) == Literal(90)


def test_evidence_is_prov_derivation_from_the_document_with_offsets_and_words(small_graph: GraphData) -> None:
    graph = to_rdf(small_graph, BASE)
    edge = next(e for e in small_graph.edges if e.type is EdgeType.ISSUED and e.target == LICENCES)
    statement = edge_iri(BASE, edge)
    prov = "http://www.w3.org/ns/prov#"
    assert (statement, URIRef(prov + "wasDerivedFrom"), node_iri(BASE, NOTE_ID)) in graph
    [derivation] = graph.objects(statement, URIRef(prov + "qualifiedDerivation"))
    assert (derivation, RDF.type, PG.Evidence) in graph
    assert graph.value(derivation, URIRef(prov + "entity")) == node_iri(BASE, NOTE_ID)
    assert (graph.value(derivation, PG.start).toPython(), graph.value(derivation, PG.end).toPython()) == (
        edge.evidence[0].start,
        edge.evidence[0].end,
    )
    assert str(graph.value(derivation, PG.text)) == edge.evidence[0].text


def test_order_types_and_odd_values_survive_the_round_trip() -> None:
    odd = Node(
        id="ministry:odd/one",
        type=NodeType.MINISTRY,
        name="Odd",
        aliases=["Zeta", "Alpha", "Mu"],
        attributes={"wikidata": "Q42", "extra": {"nested": [1, 2]}, "flag": True},
    )
    doc = Node(id=NOTE_ID, type=NodeType.DOCUMENT, name="n", attributes={"loaded": "2025-06-05T10:00:00Z"})
    evidence = [Evidence(document=NOTE_ID, start=s, end=s + 1, text=t) for s, t in ((9, "b"), (1, "a"), (5, "c"))]
    edge = Edge(source="ministry:odd/one", type=EdgeType.PART_OF, target=MOFCOM, evidence=evidence)
    mofcom = Node(id=MOFCOM, type=NodeType.MINISTRY, name="Ministry of Commerce")
    data = GraphData(documents=[], nodes=[odd, doc, mofcom], edges=[edge])
    expected = merge_graphs([data])
    graph = to_rdf(expected, BASE)
    assert (node_iri(BASE, odd.id), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q42")) in graph
    assert from_rdf(graph) == expected


def test_a_neighbourhood_exports_with_the_documents_its_evidence_names(small_graph: GraphData) -> None:
    around = GraphData(
        nodes=[n for n in small_graph.nodes if n.id in {LICENCES, DYSPROSIUM}],
        edges=[e for e in small_graph.edges if e.source == LICENCES and e.target == DYSPROSIUM],
    )
    back = from_rdf(Graph().parse(data=serialize(around, RdfFormat.TTL, BASE), format="turtle"))
    assert back == merge_graphs([around])
    assert back.edges[0].evidence[0].document == NOTE_ID
