"""Retracting a document: what it alone supported goes, what was also read elsewhere stays.

Written once over the `Store` primitives, so both stores retract alike:

- every edge loses the evidence read from the document; an edge left with none
  goes, and so do the document's MENTIONED_IN edges;
- a node goes when nothing supports it any more: no edge with evidence and no
  MENTIONED_IN edge to another document is left on it;
- the document's own node goes.

Names, aliases and attributes are not tracked per document, so a node that stays
keeps those the document gave it; loading the document again therefore gives
back the graph as it was before the retraction.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.store import EdgeKey, Store
from ontology.contract import Edge
from ontology.errors import InputError, NotFoundError
from ontology.terms import EdgeType, NodeType


class EdgeRef(BaseModel):
    """An edge named by its identity, as reports list the edges they touched."""

    source: str
    type: EdgeType
    target: str

    @classmethod
    def of(cls, key: EdgeKey) -> EdgeRef:
        return cls(source=key[0], type=EdgeType(key[1]), target=key[2])

    @property
    def key(self) -> EdgeKey:
        return (self.source, self.type.value, self.target)


class Retraction(BaseModel):
    """What retracting a document changed."""

    document: str
    nodes_removed: list[str] = Field(default_factory=list, description="Ids of the nodes deleted, the document too.")
    edges_removed: list[EdgeRef] = Field(default_factory=list, description="The edges deleted.")
    edges_kept: list[EdgeRef] = Field(
        default_factory=list, description="Keys of the edges that lost this document's evidence but keep other."
    )


def _supported(edge: Edge) -> bool:
    """Whether an edge still supports its ends: it has evidence, or it says where the node is mentioned."""
    return bool(edge.evidence) or edge.type is EdgeType.MENTIONED_IN


def retract_document(store: Store, document_id: str) -> Retraction:
    """Remove from `store` what only `document_id` supported; see the module docstring."""
    found = store.linked(document_id)
    if found is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    if found.node.type is not NodeType.DOCUMENT:
        raise InputError(f"{document_id!r} is a {found.node.type}, not a Document")
    changed: list[Edge] = []
    dropped: list[EdgeKey] = []
    touched: set[str] = set()
    for edge in store.document_edges(document_id):
        touched.update((edge.source, edge.target))
        kept = [e for e in edge.evidence if e.document != document_id]
        if edge.type is EdgeType.MENTIONED_IN or not kept:
            dropped.append(edge.key)
        else:
            changed.append(edge.model_copy(update={"evidence": kept}))
    gone = set(dropped)
    orphans = [document_id]
    for node_id in sorted(touched - {document_id}):
        linked = store.linked(node_id)
        remaining = [e for e in linked.edges if e.key not in gone] if linked else []
        remaining = [e for e in remaining if e.source != document_id and e.target != document_id]
        if not any(_supported(e) for e in remaining):
            orphans.append(node_id)
    store.retract(changed, dropped, orphans)
    return Retraction(
        document=document_id,
        nodes_removed=sorted(orphans),
        edges_removed=[EdgeRef.of(k) for k in sorted(gone)],
        edges_kept=[EdgeRef.of(k) for k in sorted(e.key for e in changed)],
    )
