"""Read the Turtle ontology and its SHACL shapes into plain Python, and check they agree.

The Turtle file is the single source of the vocabulary. `load_ontology` parses it
and `shapes.ttl` once, then checks every cross-reference in a second pass (every
term labelled and defined, every edge's endpoints declared classes, every node
type with a shape, every shape aimed at a declared term, every edge type's
endpoint shapes naming exactly its endpoints), and raises `OntologyError` naming
the file and the term. The generator of `ontology/terms.py` and the RDF layer
(graph/rdf.py) use it; code that only needs the enums imports the mirror.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, SKOS

from ontology.errors import OntologyError

ONTOLOGY_FILE = Path(__file__).with_name("policygraph.ttl")
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")
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
    """A closed list of values for one attribute on one node or edge type.

    `terms` are the concepts' IRIs, one per value; `classes` says which of them
    are also classes (the kinds of entity, measure and meeting).
    """

    name: str
    attribute: str
    on: str
    values: tuple[str, ...]
    terms: tuple[URIRef, ...] = ()
    classes: bool = False


@dataclass(frozen=True)
class Ontology:
    """The vocabulary as plain data, in the order the Turtle file declares it."""

    node_types: dict[str, str]
    edge_types: dict[str, EdgeSpec]
    node_attributes: dict[str, tuple[str, ...]]
    value_lists: tuple[ValueList, ...] = field(default=())
    #: The datatype each attribute's values are written with (xsd:string, xsd:integer, pg:DatePrefix, ...).
    ranges: dict[str, URIRef] = field(default_factory=dict)
    #: The parsed ontology and shapes, for the RDF layer and the validator.
    graph: Graph = field(default_factory=Graph, repr=False, compare=False)
    shapes: Graph = field(default_factory=Graph, repr=False, compare=False)


def _name(term: URIRef, path: Path) -> str:
    """The contract's name of a pg: term: its local name."""
    if not str(term).startswith(str(PG)):
        raise OntologyError(f"{path}: {term} is not in the pg: namespace")
    return str(term)[len(PG) :]


def _parse(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated parser errors
        raise OntologyError(f"{path}: cannot be parsed: {exc}") from exc
    return graph


def _check_documented(graph: Graph, path: Path) -> None:
    """Every pg: term the file declares has a label and a definition."""
    for term in sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}, key=str):
        if not str(term).startswith(str(PG)):
            continue
        if graph.value(term, RDFS.label) is None:
            raise OntologyError(f"{path}: {term} has no rdfs:label")
        if graph.value(term, SKOS.definition) is None:
            raise OntologyError(f"{path}: {term} has no skos:definition")


def _ordered(graph: Graph, predicate: URIRef, parent: URIRef) -> list[URIRef]:
    """Terms declared under `parent` by `predicate`, in a stable order (by IRI)."""
    return sorted((s for s in graph.subjects(predicate, parent) if isinstance(s, URIRef)), key=str)


def load_ontology(path: Path = ONTOLOGY_FILE, shapes_path: Path = SHAPES_FILE) -> Ontology:
    """Parse the ontology and the shapes and check every cross-reference; raise OntologyError naming the term."""
    graph = _parse(path)
    _check_documented(graph, path)

    classes = {c: _name(c, path) for c in _ordered(graph, RDFS.subClassOf, PG.Node)}
    for c in classes:
        if (c, RDF.type, OWL.Class) not in graph:
            raise OntologyError(f"{path}: node type {c} is not declared an owl:Class")

    def class_names(term: URIRef, predicate: URIRef) -> tuple[str, ...]:
        found = sorted(graph.objects(term, predicate), key=str)
        unknown = [str(o) for o in found if o not in classes]
        if unknown:
            raise OntologyError(f"{path}: {term} refers to undeclared classes {unknown}")
        return tuple(classes[o] for o in found)

    edges = {p: _name(p, path) for p in _ordered(graph, RDFS.subPropertyOf, PG.relation)}
    attributes = {p: _name(p, path) for p in _ordered(graph, RDFS.subPropertyOf, PG.attribute)}
    edge_attrs: dict[str, list[str]] = {name: [] for name in edges.values()}
    node_attrs: dict[str, list[str]] = {name: [] for name in classes.values()}
    ranges: dict[str, URIRef] = {}
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
        datatype = graph.value(prop, RDFS.range)
        if not isinstance(datatype, URIRef):
            raise OntologyError(f"{path}: attribute {prop} has no rdfs:range")
        ranges[name] = datatype

    edge_specs = {}
    for prop, name in edges.items():
        sources = class_names(prop, SCHEMA.domainIncludes)
        targets = class_names(prop, SCHEMA.rangeIncludes)
        if not sources or not targets:
            raise OntologyError(f"{path}: edge type {name} needs schema:domainIncludes and schema:rangeIncludes")
        comment = str(graph.value(prop, SKOS.definition))
        edge_specs[name] = EdgeSpec(name, comment, sources, targets, tuple(edge_attrs[name]))

    value_lists = tuple(_value_list(graph, s, path, attributes, classes, edges) for s in _schemes(graph))
    onto = Ontology(
        node_types={name: str(graph.value(c, SKOS.definition)) for c, name in classes.items()},
        edge_types=edge_specs,
        node_attributes={name: tuple(attrs) for name, attrs in node_attrs.items()},
        value_lists=value_lists,
        ranges=ranges,
        graph=graph,
        shapes=_parse(shapes_path),
    )
    _check_shapes(onto, shapes_path)
    return onto


def _schemes(graph: Graph) -> list[URIRef]:
    return sorted((s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef)), key=str)


def _value_list(
    graph: Graph,
    scheme: URIRef,
    path: Path,
    attributes: dict[URIRef, str],
    classes: dict[URIRef, str],
    edges: dict[URIRef, str],
) -> ValueList:
    """One closed value list: its concepts in order, each with a notation; kinds are subclasses of their type."""
    attribute, on, head = (graph.value(scheme, p) for p in (PG.appliesTo, PG.onClass, PG.values))
    if attribute not in attributes or head is None or (on not in classes and on not in edges):
        raise OntologyError(f"{path}: value list {scheme} needs pg:appliesTo, pg:onClass and pg:values")
    terms = tuple(URIRef(t) for t in Collection(graph, head))
    values = []
    for term in terms:
        notation = graph.value(term, SKOS.notation)
        if not isinstance(notation, Literal) or (term, SKOS.inScheme, scheme) not in graph:
            raise OntologyError(f"{path}: {term} in {scheme} needs a skos:notation and skos:inScheme")
        values.append(str(notation))
    kinds = [(t, RDFS.subClassOf, on) in graph for t in terms]
    if any(kinds) and not all(kinds):
        raise OntologyError(f"{path}: the concepts of {scheme} are classes under {on} only in part")
    owner = classes.get(on) or edges[on]
    name = _name(scheme, path)
    return ValueList(name, attributes[attribute], owner, tuple(values), terms, all(kinds))


def _check_shapes(onto: Ontology, path: Path) -> None:
    """Every node type has a shape, every shape aims at declared terms, endpoint shapes match the ontology."""
    shapes = onto.shapes
    targeted = set(shapes.objects(None, SH.targetClass))
    for node_type in sorted(onto.node_types):
        if PG[node_type] not in targeted:
            raise OntologyError(f"{path}: node type {node_type} has no shape with sh:targetClass pg:{node_type}")
    declared = set(onto.graph.subjects(RDF.type, None))
    for target in sorted(targeted, key=str):
        if target not in declared and target != RDF.Statement:
            raise OntologyError(f"{path}: a shape targets {target}, which the ontology does not declare")
    for prop in sorted(set(shapes.objects(None, SH.path)), key=str):
        if isinstance(prop, URIRef) and str(prop).startswith(str(PG)) and prop not in declared:
            raise OntologyError(f"{path}: a shape constrains {prop}, which the ontology does not declare")
    for name, spec in onto.edge_types.items():
        for target_kind, ends in ((SH.targetSubjectsOf, spec.sources), (SH.targetObjectsOf, spec.targets)):
            shape = shapes.value(predicate=target_kind, object=PG[name])
            allowed = set(_endpoint_classes(shapes, shape)) if shape is not None else set()
            if allowed != {PG[e] for e in ends}:
                where = "sources" if target_kind == SH.targetSubjectsOf else "targets"
                raise OntologyError(
                    f"{path}: the shape of {name}'s {where} allows {sorted(map(str, allowed))}, "
                    f"the ontology {sorted(ends)}"
                )
    for vl in onto.value_lists:
        holder = PG[vl.on] if vl.on in onto.node_types else RDF.Statement  # edge attributes sit on statements
        listed = _listed_values(shapes, holder, PG[vl.attribute])
        if listed != list(vl.values):
            raise OntologyError(f"{path}: the shape of {vl.on}.{vl.attribute} lists {listed}, the ontology {vl.values}")


def _listed_values(shapes: Graph, target: URIRef, path: URIRef) -> list[str]:
    """The sh:in values the shape aimed at `target` allows for `path` (empty if it lists none)."""
    for shape in shapes.subjects(SH.targetClass, target):
        for prop in shapes.objects(shape, SH.property):
            if shapes.value(prop, SH.path) == path and (head := shapes.value(prop, SH["in"])) is not None:
                return [str(v) for v in Collection(shapes, head)]
    return []


def _endpoint_classes(shapes: Graph, shape: URIRef) -> list[URIRef]:
    """The classes an endpoint shape allows: its sh:class, or each sh:class of its sh:or list."""
    found = [c for c in shapes.objects(shape, SH["class"]) if isinstance(c, URIRef)]
    for head in shapes.objects(shape, SH["or"]):
        found += [c for member in Collection(shapes, head) for c in shapes.objects(member, SH["class"])]
    return found


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The project's ontology and shapes, loaded and checked once per process."""
    return load_ontology()
