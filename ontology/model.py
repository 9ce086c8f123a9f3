"""Read the Turtle ontology into plain Python and check it is self-consistent.

The Turtle file is the single source of the vocabulary. This module is used by
the generator of `ontology/terms.py` and by the test that keeps the two in step;
the running code imports the generated mirror and never parses Turtle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SKOS

from ontology.errors import OntologyError

ONTOLOGY_FILE = Path(__file__).with_name("policygraph.ttl")
PG = Namespace("https://w3id.org/policygraph/ontology#")
SCHEMA = Namespace("https://schema.org/")


@dataclass(frozen=True)
class EdgeSpec:
    """An edge type with the node types it may start from and end at."""

    name: str
    comment: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    attributes: tuple[str, ...]


@dataclass(frozen=True)
class ValueList:
    """A closed list of values for one attribute on one node or edge type."""

    name: str
    attribute: str
    on: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    """The vocabulary as plain data, in the order the Turtle file declares it."""

    node_types: dict[str, str]
    edge_types: dict[str, EdgeSpec]
    node_attributes: dict[str, tuple[str, ...]]
    value_lists: tuple[ValueList, ...] = field(default=())


def _label(graph: Graph, term: URIRef, path: Path) -> str:
    label = graph.value(term, RDFS.label)
    if label is None:
        raise OntologyError(f"{path}: {term} has no rdfs:label")
    if graph.value(term, RDFS.comment) is None and graph.value(term, RDF.type) != SKOS.ConceptScheme:
        raise OntologyError(f"{path}: {term} has no rdfs:comment")
    return str(label)


def _ordered(graph: Graph, kind: URIRef) -> list[URIRef]:
    """Subjects of one rdf:type, in a stable order (by local name)."""
    return sorted((s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)), key=str)


def load_ontology(path: Path = ONTOLOGY_FILE) -> Ontology:
    """Parse the Turtle file and check every cross-reference; raise OntologyError naming the term."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated parser errors
        raise OntologyError(f"{path}: cannot be parsed: {exc}") from exc

    classes = {c: _label(graph, c, path) for c in _ordered(graph, OWL.Class) if c != PG.Node}
    for c in classes:
        if (c, RDFS.subClassOf, PG.Node) not in graph:
            raise OntologyError(f"{path}: class {c} is not a subclass of pg:Node")

    def class_names(term: URIRef, predicate: URIRef) -> tuple[str, ...]:
        found = sorted(graph.objects(term, predicate), key=str)
        unknown = [str(o) for o in found if o not in classes]
        if unknown:
            raise OntologyError(f"{path}: {term} refers to undeclared classes {unknown}")
        return tuple(classes[o] for o in found)

    edges: dict[URIRef, str] = {p: _label(graph, p, path) for p in _ordered(graph, OWL.ObjectProperty)}
    attributes = {p: _label(graph, p, path) for p in _ordered(graph, OWL.DatatypeProperty)}
    edge_attrs: dict[str, list[str]] = {name: [] for name in edges.values()}
    node_attrs: dict[str, list[str]] = {name: [] for name in classes.values()}
    for prop, name in attributes.items():
        holders = list(graph.objects(prop, SCHEMA.domainIncludes))
        if not holders:
            raise OntologyError(f"{path}: attribute {prop} has no schema:domainIncludes")
        for holder in holders:
            if holder in classes:
                node_attrs[classes[holder]].append(name)
            elif holder in edges:
                edge_attrs[edges[holder]].append(name)
            else:
                raise OntologyError(f"{path}: attribute {prop} is declared on unknown term {holder}")

    edge_specs = {}
    for prop, name in edges.items():
        sources = class_names(prop, SCHEMA.domainIncludes)
        targets = class_names(prop, SCHEMA.rangeIncludes)
        if not sources or not targets:
            raise OntologyError(f"{path}: edge type {name} needs schema:domainIncludes and schema:rangeIncludes")
        comment = str(graph.value(prop, RDFS.comment))
        edge_specs[name] = EdgeSpec(name, comment, sources, targets, tuple(edge_attrs[name]))

    value_lists = []
    for scheme in _ordered(graph, SKOS.ConceptScheme):
        attribute, on, head = (graph.value(scheme, p) for p in (PG.appliesTo, PG.onClass, PG.values))
        if attribute not in attributes or head is None or (on not in classes and on not in edges):
            raise OntologyError(f"{path}: value list {scheme} needs pg:appliesTo, pg:onClass and pg:values")
        owner = classes.get(on) or edges[on]
        values = tuple(str(v) for v in Collection(graph, head))
        value_lists.append(ValueList(_label(graph, scheme, path), attributes[attribute], owner, values))

    return Ontology(
        node_types={name: str(graph.value(c, RDFS.comment)) for c, name in classes.items()},
        edge_types=edge_specs,
        node_attributes={name: tuple(attrs) for name, attrs in node_attrs.items()},
        value_lists=tuple(value_lists),
    )
