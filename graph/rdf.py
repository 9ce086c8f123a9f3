"""The contract's graph as RDF and back, losslessly, in the terms of ontology/policygraph.ttl.

A node is a resource of its node type (and of its kind's class), with
`dcterms:identifier` (its id), `rdfs:label` (its name), `skos:altLabel` and the
ordered `pg:aliases` list (its aliases), a `pg:<attribute>` per attribute, and
`owl:sameAs` its Wikidata item when it has one. An edge is the triple
`source pg:TYPE target`, reified as an `rdf:Statement` that carries the edge's
attributes and, for each piece of evidence, a `prov:qualifiedDerivation` (a
`pg:Evidence`: the document as `prov:entity`, the offsets, the words and the
evidence's position). `from_rdf(to_rdf(g))` is `g` again: nothing of the
contract JSON is lost. IRIs are stable: the base (`POLICYGRAPH_BASE_IRI`) plus
the percent-encoded id; an edge's is its source's, type and target's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Any
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, XSD

from graph.store import sorted_graph
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.errors import InputError
from ontology.model import PG, ontology
from ontology.terms import EdgeType, NodeType

WD = Namespace("http://www.wikidata.org/entity/")
#: The prefixes every export binds, and the JSON-LD context they make.
PREFIXES: dict[str, Namespace] = {
    "pg": PG,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "owl": Namespace(str(OWL)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "wd": WD,
}
CONTEXT: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
QID = re.compile(r"Q[1-9][0-9]*")
_DATES = ((re.compile(r"\d{4}"), XSD.gYear), (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth))
_DATES += ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),)
#: Datatypes whose values the contract keeps as the text they are written with.
_TEXTUAL = frozenset({XSD.string, XSD.date, XSD.gYear, XSD.gYearMonth, XSD.dateTime})


class RdfFormat(StrEnum):
    """The RDF serialisations the project writes, by their usual file extension."""

    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"


#: The media type of each serialisation, as HTTP content negotiation names them.
MEDIA_TYPES: dict[RdfFormat, str] = {
    RdfFormat.TTL: "text/turtle",
    RdfFormat.NT: "application/n-triples",
    RdfFormat.JSONLD: "application/ld+json",
}
_RDFLIB_FORMATS = {RdfFormat.TTL: "turtle", RdfFormat.NT: "nt", RdfFormat.JSONLD: "json-ld"}


def node_iri(base: str, node_id: str) -> URIRef:
    """The stable IRI of a node: the base and its id, percent-encoded (':' kept, '/' encoded)."""
    return URIRef(base + quote(node_id, safe=":"))


def edge_iri(base: str, edge: Edge) -> URIRef:
    """The stable IRI of an edge's statement: source, type and target under the base."""
    return URIRef(f"{base}{quote(edge.source, safe=':')}/{edge.type.value}/{quote(edge.target, safe=':')}")


def _date_type(text: str) -> URIRef | None:
    return next((datatype for pattern, datatype in _DATES if pattern.fullmatch(text)), None)


def literal(value: Any, datatype: URIRef | None) -> Literal:
    """An attribute value as a literal of the datatype the ontology gives it, when it is one.

    A date prefix gets the XSD type of its precision (xsd:gYear, xsd:gYearMonth,
    xsd:date). A value that does not fit its range keeps its own type, so the
    shapes report it and nothing is lost; lists and objects become rdf:JSON.
    """
    if isinstance(value, str):
        if datatype == PG.DatePrefix and (date_type := _date_type(value)):
            return Literal(value, datatype=date_type, normalize=False)
        if datatype == XSD.dateTime:
            return Literal(value, datatype=XSD.dateTime, normalize=False)
        return Literal(value)
    if isinstance(value, bool | int | float):
        return Literal(value, normalize=False)
    return Literal(json.dumps(value, ensure_ascii=False, sort_keys=True), datatype=RDF.JSON)


def python_value(term: Literal) -> Any:
    """The contract's value of a literal: text as written, numbers and booleans as such, rdf:JSON parsed."""
    if term.datatype is None or term.datatype in _TEXTUAL:
        return str(term)
    if term.datatype == RDF.JSON:
        return json.loads(str(term))
    value = term.toPython()
    return str(term) if isinstance(value, Literal) else value


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def to_rdf(data: GraphData, base: str) -> Graph:
    """The graph in RDF (see the module docstring), its IRIs under `base`."""
    graph = new_graph()
    graph.bind("id", Namespace(base))
    onto = ontology()
    kinds = {(v.on, v.attribute): dict(zip(v.values, v.terms, strict=True)) for v in onto.value_lists if v.classes}
    for node in data.nodes:
        subject = node_iri(base, node.id)
        graph.add((subject, RDF.type, PG[node.type.value]))
        graph.add((subject, DCTERMS.identifier, Literal(node.id)))
        graph.add((subject, RDFS.label, Literal(node.name)))
        if node.aliases:
            head = BNode()
            Collection(graph, head, [Literal(a) for a in node.aliases])
            graph.add((subject, PG.aliases, head))
        for alias in node.aliases:
            graph.add((subject, SKOS.altLabel, Literal(alias)))
        for key, value in node.attributes.items():
            graph.add((subject, PG[quote(key, safe="")], literal(value, onto.ranges.get(key))))
            if isinstance(value, str) and (kind_class := kinds.get((node.type.value, key), {}).get(value)):
                graph.add((subject, RDF.type, kind_class))
            if key == "wikidata" and isinstance(value, str) and QID.fullmatch(value):
                graph.add((subject, OWL.sameAs, WD[value]))
    for edge in data.edges:
        _add_edge(graph, edge, base)
    return graph


def _add_edge(graph: Graph, edge: Edge, base: str) -> None:
    source, target, statement = node_iri(base, edge.source), node_iri(base, edge.target), edge_iri(base, edge)
    predicate = PG[edge.type.value]
    graph.add((source, predicate, target))
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, source))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, target))
    ranges = ontology().ranges
    for key, value in edge.attributes.items():
        graph.add((statement, PG[quote(key, safe="")], literal(value, ranges.get(key))))
    for position, evidence in enumerate(edge.evidence):
        derivation, document = URIRef(f"{statement}/evidence/{position}"), node_iri(base, evidence.document)
        graph.add((statement, PROV.wasDerivedFrom, document))
        graph.add((statement, PROV.qualifiedDerivation, derivation))
        graph.add((document, DCTERMS.identifier, Literal(evidence.document)))
        graph.add((derivation, RDF.type, PG.Evidence))
        graph.add((derivation, PROV.entity, document))
        graph.add((derivation, PG.start, Literal(evidence.start)))
        graph.add((derivation, PG.end, Literal(evidence.end)))
        graph.add((derivation, PG.text, Literal(evidence.text)))
        graph.add((derivation, PG.position, Literal(position)))


# ---------------------------------------------------------------- back to the contract

_NODE_CLASSES = {PG[t.value]: t for t in NodeType}
_EDGE_PREDICATES = {PG[t.value]: t for t in EdgeType}
#: pg: terms that are structure, not attributes.
_STRUCTURE = frozenset({PG.aliases, PG.start, PG.end, PG.text, PG.position})


def _one(graph: Graph, subject: URIRef, predicate: URIRef, what: str) -> Any:
    values = list(graph.objects(subject, predicate))
    if len(values) != 1:
        raise InputError(f"RDF: {subject} has {len(values)} {what}, not one")
    return values[0]


def _identifier(graph: Graph, subject: URIRef) -> str:
    return str(_one(graph, subject, DCTERMS.identifier, "dcterms:identifier"))


def _attributes(graph: Graph, subject: URIRef) -> dict[str, Any]:
    return {
        unquote(str(p)[len(PG) :]): python_value(o)
        for p, o in graph.predicate_objects(subject)
        if str(p).startswith(str(PG)) and p not in _STRUCTURE and p not in _EDGE_PREDICATES and isinstance(o, Literal)
    }


def _node(graph: Graph, subject: URIRef) -> Node:
    types = [t for t in graph.objects(subject, RDF.type) if t in _NODE_CLASSES]
    if len(types) != 1:
        raise InputError(f"RDF: {subject} is of {len(types)} node types, not one")
    head = graph.value(subject, PG.aliases)
    aliases = [str(a) for a in Collection(graph, head)] if head is not None else []
    return Node(
        id=_identifier(graph, subject),
        type=_NODE_CLASSES[types[0]],
        name=str(_one(graph, subject, RDFS.label, "rdfs:label")),
        aliases=aliases,
        attributes=_attributes(graph, subject),
    )


def _evidence(graph: Graph, derivation: URIRef) -> tuple[int, Evidence]:
    """One piece of evidence, with its position among the edge's."""

    def number(predicate: URIRef) -> Any:
        return _one(graph, derivation, predicate, graph.namespace_manager.normalizeUri(predicate)).toPython()

    evidence = Evidence(
        document=_identifier(graph, _one(graph, derivation, PROV.entity, "prov:entity")),
        start=number(PG.start),
        end=number(PG.end),
        text=str(_one(graph, derivation, PG.text, "pg:text")),
    )
    return number(PG.position), evidence


def _edge(graph: Graph, statement: URIRef) -> Edge:
    predicate = _one(graph, statement, RDF.predicate, "rdf:predicate")
    if predicate not in _EDGE_PREDICATES:
        raise InputError(f"RDF: {statement} has predicate {predicate}, which is no edge type")
    evidence = sorted(_evidence(graph, d) for d in graph.objects(statement, PROV.qualifiedDerivation))
    return Edge(
        source=_identifier(graph, _one(graph, statement, RDF.subject, "rdf:subject")),
        type=_EDGE_PREDICATES[predicate],
        target=_identifier(graph, _one(graph, statement, RDF.object, "rdf:object")),
        attributes=_attributes(graph, statement),
        evidence=[e for _, e in evidence],
    )


def from_rdf(graph: Graph) -> GraphData:
    """The contract's graph out of RDF written by `to_rdf`; what does not fit is an InputError naming the term."""
    subjects = {s for node_class in _NODE_CLASSES for s in graph.subjects(RDF.type, node_class)}
    nodes = [_node(graph, s) for s in subjects if isinstance(s, URIRef)]
    edges = [_edge(graph, s) for s in graph.subjects(RDF.type, RDF.Statement) if isinstance(s, URIRef)]
    return sorted_graph(nodes, edges)


def serialize(data: GraphData, fmt: RdfFormat, base: str) -> str:
    """The graph as Turtle, N-Triples or JSON-LD (compacted with the project's prefixes)."""
    return serialize_graph(to_rdf(data, base), fmt)


def serialize_graph(graph: Graph, fmt: RdfFormat) -> str:
    """An RDF graph in one of the formats the project writes."""
    if fmt is RdfFormat.JSONLD:
        return graph.serialize(format="json-ld", context=CONTEXT, indent=2)
    return graph.serialize(format=_RDFLIB_FORMATS[fmt])


def union(graphs: Iterable[Graph]) -> Graph:
    """One graph holding the triples of several, with the project's prefixes."""
    merged = new_graph()
    for graph in graphs:
        merged += graph
    return merged
