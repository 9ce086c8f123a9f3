"""PLACEHOLDER being replaced by the lead: the rule-based extractor."""

from __future__ import annotations

from datetime import UTC, datetime

from loaders.documents import SourceDocument
from ontology.contract import GraphData, Node
from ontology.terms import NodeType


class Extractor:
    """Builds the spaCy pipeline once; `extract` turns one document into its graph."""

    def extract(self, doc: SourceDocument) -> GraphData:
        """The graph of one document: its Document node, the nodes it mentions, edges with evidence."""
        attributes = {
            "title": doc.title,
            "published": doc.published and doc.published.isoformat(),
            "source": doc.source,
            "loaded": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        node = Node(
            id=doc.id,
            type=NodeType.DOCUMENT,
            name=doc.title or doc.id,
            attributes={k: v for k, v in attributes.items() if v},
        )
        return GraphData(nodes=[node])
