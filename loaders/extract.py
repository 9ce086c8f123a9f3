"""The extractor: one document in, its graph out, every edge with the sentence it came from.

`Extractor` builds the pipeline once (`loaders.mentions`); `extract` reads a
`SourceDocument` paragraph by paragraph, sentence by sentence, skipping any
reader-comment section, and applies the relation rules of `loaders.rules`.
Measure references are resolved once the whole document is read
(`loaders.measures`), and the facts become contract-shaped nodes and edges.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from loaders.documents import SourceDocument
from loaders.gazetteer import Gazetteer
from loaders.measures import resolve
from loaders.meetings import resolve as resolve_meetings
from loaders.mentions import MentionFinder
from loaders.reader import Fact
from loaders.rules import DocumentReader
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.merge import date_statuses, merge_edge, merge_node
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, EdgeType, NodeType


class Extractor:
    """Builds the spaCy pipeline once; `extract` turns one document into its graph."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.finder = MentionFinder(self.gazetteer)

    def extract(self, doc: SourceDocument) -> GraphData:
        """The graph of one document: its Document node, the nodes it mentions, edges with evidence."""
        reader = DocumentReader(self.gazetteer, doc)
        body = doc.text[: doc.comment_start]
        blocks = [(m.group(0), m.start()) for m in re.finditer(r"[^\n]+", body) if m.group(0).strip()]
        paragraphs = self.finder.paragraphs(blocks, doc.published)
        reader.prime([s for paragraph in paragraphs for s in paragraph])
        for paragraph in paragraphs:
            reader.new_paragraph()
            for sentence in paragraph:
                reader.read(sentence)
        resolve(reader.measures, self.gazetteer.key_of(doc.id))
        reader.nodes.update({n.id: n for n in resolve_meetings(reader.meetings, doc.published and doc.published.year)})
        return date_statuses(_graph(doc, reader), doc.published)


def document_node(doc: SourceDocument) -> Node:
    """The Document node: publication date kept apart from the time it was loaded."""
    attributes = {
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "loaded": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    return Node(
        id=doc.id,
        type=NodeType.DOCUMENT,
        name=doc.title or doc.id,
        attributes={k: v for k, v in attributes.items() if v},
    )


def _graph(doc: SourceDocument, reader: DocumentReader) -> GraphData:
    nodes: dict[str, Node] = {doc.id: document_node(doc)}
    for node in reader.nodes.values():
        nodes[node.id] = node
    # A reference that identifies the measure names it, its instrument first; other wordings become aliases.
    for ref in sorted(reader.measures, key=lambda r: (not r.instrument, not r.specific, r.start)):
        for measure in reader.measure_nodes(ref):
            old = nodes.get(measure.id)
            nodes[measure.id] = merge_node(old, measure) if old else measure
    edges: dict[tuple[str, str, str], Edge] = {}
    for fact in reader.facts:
        for source in reader.ids_of(fact.source):
            for target in reader.ids_of(fact.target):
                _add_edge(edges, nodes, fact, source, target, doc)
    # A measure is not aimed at whoever issued it, nor at an issuer's state ("the Dutch controls" name the issuer).
    wholes: dict[str, set[str]] = {}
    for e in edges.values():
        if e.type is EdgeType.PART_OF:
            wholes.setdefault(e.source, set()).add(e.target)
    issued = {(e.target, e.source) for e in edges.values() if e.type is EdgeType.ISSUED}
    issued |= {(measure, whole) for measure, issuer in issued for whole in wholes.get(issuer, ())}
    edges = {k: e for k, e in edges.items() if not (e.type is EdgeType.TARGETS and (e.source, e.target) in issued)}
    mentioned = {i for fact in reader.facts for end in (fact.source, fact.target) for i in reader.ids_of(end)}
    mentioned |= set(reader.nodes) | {i for ref in reader.measures for i in ref.resolved}
    for node_id in sorted(mentioned & set(nodes)):
        if node_id != doc.id:
            edges[(node_id, "MENTIONED_IN", doc.id)] = Edge(source=node_id, type=EdgeType.MENTIONED_IN, target=doc.id)
    used = {e.source for e in edges.values()} | {e.target for e in edges.values()} | {doc.id}
    return GraphData(nodes=[n for n in nodes.values() if n.id in used], edges=list(edges.values()))


def _add_edge(edges: dict, nodes: dict[str, Node], fact: Fact, source: str, target: str, doc: SourceDocument) -> None:
    """Add one edge if the ontology allows it between these node types."""
    if source == target or source not in nodes or target not in nodes:
        return
    if nodes[source].type not in EDGE_SOURCES[fact.type] or nodes[target].type not in EDGE_TARGETS[fact.type]:
        return
    evidence = Evidence(document=doc.id, start=fact.start, end=fact.end, text=doc.text[fact.start : fact.end])
    edge = Edge(source=source, type=fact.type, target=target, attributes=dict(fact.attributes), evidence=[evidence])
    old = edges.get(edge.key)
    edges[edge.key] = merge_edge(old, edge) if old else edge
