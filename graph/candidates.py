"""The stored nodes a document's nodes could be: what identity resolution compares one document against.

`loaders.identity.Resolver` judges a document's nodes against known ones. Fed
the whole store, loading document N would cost the size of the store; fed
what these queries find, it costs what the document names. A stored node is a
candidate when it could pass one of the resolver's rules:

- a name: it shares the document node's type and a name or alias, or, for the
  near spellings the fuzzy rule accepts, one of its longest words;
- a measure: issued by the same actor and covering one of the same items (or
  by the same actor, when the document's measure names no item), or changing
  the same stored measure;
- a meeting: attended by one of the document's participants.

Each candidate comes with its edges and neighbours (`Store.linked`), which the
rules read (issuers, items, states, participants), and so does each stored
node the document names by its id, which the resolver may compare again with
what the document adds. Only the canonical ids of the gazetteer (`fixed`) come
without their edges: they never merge with each other, and a state's edges
are most of the store.
"""

from __future__ import annotations

from collections.abc import Collection

from graph.store import Store
from ontology.contract import Edge, GraphData, Node
from ontology.ids import tokens
from ontology.terms import EdgeType, NodeType

#: Node types the resolver merges; other nodes keep the ids the extractor gave them.
RESOLVED = frozenset({NodeType.ENTITY, NodeType.MINISTRY, NodeType.OFFICIAL, NodeType.MEASURE, NodeType.MEETING})
#: At most this many stored nodes per name looked up: more than the resolver's bar lets through as one.
PER_NAME = 20
#: Words this short say nothing of which node is meant ("of", "the", "us").
SHORT_WORD = 3


def candidates(store: Store, graph: GraphData, fixed: Collection[str] = ()) -> GraphData:
    """The stored nodes `graph`'s nodes could be the same as and those it names, with their edges (but `fixed`'s)."""
    mine = {n.id for n in graph.nodes}
    nodes = {n.id: n for n in store.get_nodes(sorted(mine))}
    linked = {hit.id for node in graph.nodes if node.type in RESOLVED for hit in _by_name(store, node)}
    linked |= _by_links(store, graph) | {i for i, n in nodes.items() if n.type in RESOLVED}
    edges: dict[tuple[str, str, str], Edge] = {}
    # Read again whole: the measure and meeting listings leave out MENTIONED_IN, the documents the resolver needs.
    for node_id in sorted(linked - set(fixed)):
        found = store.linked(node_id)
        if found is None:
            continue
        for other in (found.node, *found.neighbors):
            nodes.setdefault(other.id, other)
        for edge in found.edges:
            edges.setdefault(edge.key, edge)
    return GraphData(nodes=list(nodes.values()), edges=list(edges.values()))


def _by_name(store: Store, node: Node) -> list[Node]:
    """Stored nodes of the node's type going by one of its names, or sharing the longest word of one."""
    hits: list[Node] = []
    for name in {node.name, *node.aliases}:
        words = tokens(name)
        if not words:
            continue
        hits += store.search(words, node.type, PER_NAME)
        longest = max(words, key=len)
        if len(words) > 1 and len(longest) >= SHORT_WORD:
            hits += store.search([longest], node.type, PER_NAME)
    return hits


def _by_links(store: Store, graph: GraphData) -> set[str]:
    """Stored measures and meetings tied to the document's actors, items and measures the way the rules compare."""
    by_id = {n.id: n for n in graph.nodes}
    covered: dict[str, set[str]] = {}
    for edge in graph.edges:
        if edge.type is EdgeType.COVERS:
            covered.setdefault(edge.source, set()).add(edge.target)
    found: set[str] = set()
    for edge in graph.edges:
        if edge.type is EdgeType.ISSUED and edge.target in by_id:
            for item in sorted(covered.get(edge.target, set())) or [None]:
                found |= {m.node.id for m in store.measures(item, edge.source)}
        elif edge.type in (EdgeType.SUSPENDS, EdgeType.MODIFIES):
            changed = store.linked(edge.target)
            if changed is not None:
                found |= {e.source for e in changed.edges if e.type is edge.type and e.target == edge.target}
        elif edge.type is EdgeType.PARTICIPATED_IN:
            found |= {m.node.id for m in store.meetings(edge.source)}
    return found
