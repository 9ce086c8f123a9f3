"""Where facts come from: the documents, and the facts with their sentences per node or document."""

from __future__ import annotations

from pydantic import BaseModel

from api.service.lookup import get_entity
from api.service.navigation import all_nodes
from graph import Store
from graph.store import documents_of
from ontology.contract import Document, Edge, Node
from ontology.errors import InputError
from ontology.terms import EdgeType, NodeType


class Fact(BaseModel):
    """One edge read from documents, with the names of its ends and the sentences it came from."""

    source: Node
    edge: Edge
    target: Node


def documents(store: Store) -> list[Document]:
    """Every loaded document with its metadata, by id."""
    return documents_of(all_nodes(store, NodeType.DOCUMENT))


def entity_facts(store: Store, node_id: str) -> list[Fact]:
    """Every fact about a node (MENTIONED_IN aside), each with the evidence it was read from."""
    found = get_entity(store, node_id)
    others = {n.id: n for n in [found.node, *found.neighbors]}
    return [
        Fact(source=others[e.source], edge=e, target=others[e.target])
        for e in found.edges
        if e.type is not EdgeType.MENTIONED_IN
    ]


def document_facts(store: Store, document_id: str) -> list[Fact]:
    """Every fact read from a document, each with only the evidence from that document."""
    found = get_entity(store, document_id)
    if found.node.type is not NodeType.DOCUMENT:
        raise InputError(f"{document_id!r} is a {found.node.type}, not a Document")
    edges = [e for e in store.document_edges(document_id) if e.type is not EdgeType.MENTIONED_IN]
    names: dict[str, Node] = {}
    for end in sorted({end for e in edges for end in (e.source, e.target)}):
        linked = store.linked(end)
        if linked:
            names[end] = linked.node
    return [
        Fact(
            source=names[e.source],
            edge=e.model_copy(update={"evidence": [x for x in e.evidence if x.document == document_id]}),
            target=names[e.target],
        )
        for e in edges
        if e.source in names and e.target in names
    ]
