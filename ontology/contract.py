"""The export shape of shared/CONTRACT.md as pydantic models, and its checks.

Everything that moves a graph around speaks these models: extraction produces a
`GraphData`, the stores take and give them, the API serves them, the CLI prints
them. `validate_graph` checks a `GraphData` against the ontology and reports
every problem at once.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ontology.errors import InputError
from ontology.terms import (
    CONTRACT_VERSION,
    EDGE_ATTRIBUTES,
    EDGE_SOURCES,
    EDGE_TARGETS,
    NODE_ATTRIBUTES,
    VALUE_LISTS,
    EdgeType,
    NodeType,
)


class Evidence(BaseModel):
    """Where an edge was read: `text == document_text[start:end]`."""

    model_config = ConfigDict(frozen=True)

    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Document(BaseModel):
    """A loaded source document; `published` is its date, `loaded` when we read it."""

    id: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    loaded: str | None = None


class Node(BaseModel):
    """A node of the graph; `attributes` holds the type's optional attributes."""

    id: str
    type: NodeType
    name: str
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)


class Edge(BaseModel):
    """A typed, directed edge; identified by (source, type, target)."""

    source: str
    type: EdgeType
    target: str
    attributes: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity of the edge: one edge per (source, type, target)."""
        return (self.source, self.type.value, self.target)


class GraphData(BaseModel):
    """A whole graph, or the graph of one extraction run, in the contract's shape."""

    contract: int = CONTRACT_VERSION
    documents: list[Document] = Field(default_factory=list)
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)


def _value_errors(owner: str, where: str, attributes: dict[str, Any], allowed: tuple[str, ...]) -> list[str]:
    errors = [f"{where}: attribute {k!r} is not defined for {owner}" for k in attributes if k not in allowed]
    for key, value in attributes.items():
        values = VALUE_LISTS.get((owner, key))
        if values is not None and value not in {v.value for v in values}:
            errors.append(f"{where}: {key}={value!r} is not one of {sorted(v.value for v in values)}")
    return errors


def graph_errors(data: GraphData) -> list[str]:
    """Every way the graph breaks the ontology: unknown endpoints, wrong types, bad values."""
    types = {n.id: n.type for n in data.nodes}
    errors: list[str] = []
    for node in data.nodes:
        errors += _value_errors(node.type.value, f"node {node.id}", node.attributes, NODE_ATTRIBUTES[node.type])
    for edge in data.edges:
        where = f"edge {edge.source} -{edge.type.value}-> {edge.target}"
        for end, allowed in ((edge.source, EDGE_SOURCES[edge.type]), (edge.target, EDGE_TARGETS[edge.type])):
            if end not in types:
                errors.append(f"{where}: no node {end!r}")
            elif types[end] not in allowed:
                errors.append(f"{where}: {end} is a {types[end].value}, not one of {sorted(allowed)}")
        errors += _value_errors(edge.type.value, where, edge.attributes, EDGE_ATTRIBUTES[edge.type])
        if not edge.evidence and edge.type is not EdgeType.MENTIONED_IN:
            errors.append(f"{where}: has no evidence")
    return errors


def validate_graph(data: GraphData, origin: str) -> GraphData:
    """Return the graph unchanged, or raise InputError naming `origin` and every problem."""
    errors = graph_errors(data)
    if errors:
        shown = "; ".join(errors[:20]) + (f"; and {len(errors) - 20} more" if len(errors) > 20 else "")
        raise InputError(f"{origin}: the graph does not fit the ontology: {shown}")
    return data
