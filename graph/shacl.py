"""Check a graph against the SHACL shapes of ontology/shapes.ttl with pyshacl.

Each violation is reported the way the contract names things: the node id (or
the edge, or the edge's evidence), the property (a contract attribute, an edge
type, or the RDF term), and the shape's reason. The ontology is mixed into the
data graph, so a shape asking for `sh:class pg:Node` accepts every node type.
"""

from __future__ import annotations

from pydantic import BaseModel
from pyshacl import validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SH

from graph.rdf import to_rdf
from ontology.contract import GraphData
from ontology.model import PG, ontology


class Violation(BaseModel):
    """One way the graph breaks the shapes."""

    node: str
    property: str
    reason: str
    value: str | None = None

    def __str__(self) -> str:
        shown = f" (value {self.value!r})" if self.value is not None else ""
        return f"{self.node}  {self.property}  {self.reason}{shown}"


def _local(graph: Graph, term: object) -> str:
    """A term as a reader names it: a pg: term by its local name, others by their prefixed name."""
    if not isinstance(term, URIRef):
        return str(term)
    if str(term).startswith(str(PG)):
        return str(term)[len(PG) :]
    return graph.namespace_manager.normalizeUri(term)


def _names(data: Graph) -> dict[object, str]:
    """The contract's name of each focus node: node ids, edges as `source -TYPE-> target`, evidence below them."""
    names: dict[object, str] = {s: str(o) for s, o in data.subject_objects(DCTERMS.identifier)}
    for statement in data.subjects(RDF.type, RDF.Statement):
        ends = [names.get(data.value(statement, p), "?") for p in (RDF.subject, RDF.object)]
        names[statement] = f"{ends[0]} -{_local(data, data.value(statement, RDF.predicate))}-> {ends[1]}"
        for derivation in data.objects(statement, PROV.qualifiedDerivation):
            names[derivation] = f"{names[statement]} evidence {data.value(derivation, PG.position)}"
    return names


def _property(report: Graph, shapes: Graph, data: Graph, result: object) -> str:
    """The property a result is about: its path, else the edge type whose endpoint shape it broke, else the shape."""
    path = report.value(result, SH.resultPath)
    if path is not None:
        return _local(data, path)
    shape = report.value(result, SH.sourceShape)
    for target in (SH.targetSubjectsOf, SH.targetObjectsOf):
        if (edge_type := shapes.value(shape, target)) is not None:
            return _local(data, edge_type)
    return str(shape).rpartition("#")[2]  # a node-level shape is named for what it checks


def violations_of_rdf(data: Graph) -> list[Violation]:
    """Every violation of the shapes by an RDF graph written the way graph.rdf writes it, in a stable order."""
    onto = ontology()
    conforms, report, _ = validate(
        data, shacl_graph=onto.shapes, ont_graph=onto.graph, inference="none", allow_warnings=True
    )
    if conforms:
        return []
    names = _names(data)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        reason = report.value(result, SH.resultMessage) or report.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                node=names.get(focus, str(focus)),
                property=_property(report, onto.shapes, data, result),
                reason=str(reason),
                value=None if value is None or value == focus else str(value),
            )
        )
    return sorted(found, key=lambda v: (v.node, v.property, v.reason, v.value or ""))


def violations(data: GraphData, base: str) -> list[Violation]:
    """Every violation of the shapes by a graph in the contract's shape."""
    return violations_of_rdf(to_rdf(data, base))
