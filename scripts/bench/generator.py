"""Synthetic graphs of the contract's shape, the same for the same size and seed.

Why synthetic: the benchmarks need 10^4 to 10^6 edges, far more than any corpus
we may ship, and a graph that is the same in every run so that figures compare.

Shape: actors (states, companies, ministries, officials), measures, meetings,
elements and the documents the evidence comes from. Every edge type used is one
the ontology allows between its end types, and every edge carries exactly one
evidence sentence. Degrees are skewed as in news about trade policy: within each
node type, ends are drawn with Zipf weights (the k-th entity or ministry is
drawn about 1/k^1.3 as often as the first, the k-th element 1/k; officials,
measures and meetings flatter: `SKEW`),
and the first nodes of their types are the super nodes a reader expects: China,
the United States, the European Union, the Ministry of Commerce, dysprosium.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from itertools import accumulate

import periodictable

from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.terms import EDGE_SOURCES, EDGE_TARGETS, EdgeType, NodeType

#: The ids of the super nodes, first in their type's draw order; CHINA has the most links.
CHINA = "entity:cn"
SUPER_NODES = (CHINA, "entity:us", "entity:eu", "ministry:cn-mofcom", "element:dy")

#: Share of the graph's nodes per type (documents: one per EDGES_PER_DOCUMENT edges).
NODE_SHARES: dict[NodeType, float] = {
    NodeType.ENTITY: 0.20,
    NodeType.MINISTRY: 0.04,
    NodeType.OFFICIAL: 0.16,
    NodeType.MEASURE: 0.35,
    NodeType.MEETING: 0.25,
}
#: Zipf exponent of each type's draw: actors and elements are where the super nodes are; measures and
#: meetings each gather a handful of links, a few of them many more.
SKEW: dict[NodeType, float] = {
    NodeType.ENTITY: 1.3,
    NodeType.MINISTRY: 1.3,
    NodeType.ELEMENT: 1.0,
    NodeType.OFFICIAL: 0.7,
    NodeType.MEASURE: 0.5,
    NodeType.MEETING: 0.5,
}
#: Nodes per edge: an average degree of about eight, as in the seeds' graphs.
NODES_PER_EDGE = 0.25
EDGES_PER_DOCUMENT = 20

#: How often each edge type is drawn, with the end types it is drawn between.
EDGE_MIX: dict[EdgeType, float] = {
    EdgeType.ISSUED: 0.18,
    EdgeType.COVERS: 0.12,
    EdgeType.TARGETS: 0.12,
    EdgeType.AFFECTS: 0.04,
    EdgeType.PARTICIPATED_IN: 0.22,
    EdgeType.DISCUSSED: 0.14,
    EdgeType.HOLDS_POST: 0.06,
    EdgeType.PART_OF: 0.04,
    EdgeType.MODIFIES: 0.04,
    EdgeType.RESPONDS_TO: 0.04,
}
#: Evidence sentences, one template per edge type.
SENTENCES: dict[EdgeType, str] = {
    EdgeType.ISSUED: "{s} issued {t}, officials said on Tuesday.",
    EdgeType.COVERS: "{s} covers exports of {t}.",
    EdgeType.TARGETS: "{s} is directed at {t}.",
    EdgeType.AFFECTS: "{s} weighs on {t}, analysts said.",
    EdgeType.PARTICIPATED_IN: "{s} took part in {t}.",
    EdgeType.DISCUSSED: "At {s} the two sides discussed {t}.",
    EdgeType.HOLDS_POST: "{s}, who serves at {t}, spoke to reporters.",
    EdgeType.PART_OF: "{s} is part of {t}.",
    EdgeType.MODIFIES: "{s} tightens {t}.",
    EdgeType.RESPONDS_TO: "{s} was announced in response to {t}.",
}

#: Elements in draw order: those trade policy is about first, the rest by atomic number.
CRITICAL = ("Dy", "Tb", "Ga", "Ge", "Sb", "Sm", "Gd", "Lu", "Sc", "Y", "Nd", "Pr", "W", "Li", "Co", "Ni")
_SYLLABLES = ("ka", "lo", "mi", "ran", "tu", "vel", "shi", "gor", "an", "dex", "ru", "po", "zen", "ta", "mar", "li")
_STATES = (
    ("cn", "China", "state"),
    ("us", "United States", "state"),
    ("eu", "European Union", "bloc"),
    ("jp", "Japan", "state"),
    ("de", "Germany", "state"),
)
_MEASURE_KINDS = ("export_control", "licensing", "suspension", "tariff", "listing", "law")
_MEETING_KINDS = ("meeting", "call", "talks", "briefing")


@dataclass(frozen=True)
class Pool:
    """The nodes of one type in draw order, with cumulative Zipf weights for drawing one."""

    ids: list[str]
    cumulative: list[float]

    def draw(self, rng: random.Random) -> str:
        return self.ids[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(words))


def _day(rng: random.Random) -> str:
    return f"{rng.randint(2018, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _nodes(node_type: NodeType, count: int, rng: random.Random) -> list[Node]:
    """`count` nodes of a type; the first ones are the real super nodes where the type has them."""
    if node_type is NodeType.ELEMENT:
        known = [e for e in periodictable.elements if e.number > 0]  # element 0 is the neutron
        elements = sorted(known, key=lambda e: (CRITICAL.index(e.symbol) if e.symbol in CRITICAL else 99, e.number))
        return [
            Node(
                id=f"element:{e.symbol.lower()}",
                type=node_type,
                name=e.name.title(),
                aliases=[e.symbol],
                attributes={"symbol": e.symbol, "atomic_number": e.number},
            )
            for e in elements[:count]
        ]
    nodes = []
    for number in range(count):
        if node_type is NodeType.ENTITY and number < len(_STATES):
            code, name, kind = _STATES[number]
            nodes.append(Node(id=f"entity:{code}", type=node_type, name=name, attributes={"kind": kind}))
            continue
        if node_type is NodeType.MINISTRY and number == 0:
            nodes.append(Node(id="ministry:cn-mofcom", type=node_type, name="Ministry of Commerce", aliases=["MOFCOM"]))
            continue
        prefix = node_type.value.lower()
        nodes.append(
            Node(id=f"{prefix}:synthetic-{number}", type=node_type, name=_name(rng, 2), **_extra(node_type, rng))
        )
    return nodes


def _extra(node_type: NodeType, rng: random.Random) -> dict:
    """The attributes a node of that type typically has."""
    if node_type is NodeType.ENTITY:
        return {"attributes": {"kind": rng.choice(("company", "company", "media", "forum"))}}
    if node_type is NodeType.MEASURE:
        return {"attributes": {"kind": rng.choice(_MEASURE_KINDS), "status": "in_force", "announced": _day(rng)}}
    if node_type is NodeType.MEETING:
        return {"attributes": {"kind": rng.choice(_MEETING_KINDS), "date": _day(rng)}}
    return {}


def _pool(nodes: list[Node], skew: float) -> Pool:
    return Pool([n.id for n in nodes], list(accumulate(1.0 / (rank + 1) ** skew for rank in range(len(nodes)))))


def counts_for(edges: int) -> dict[NodeType, int]:
    """How many nodes of each type a graph of `edges` edges has."""
    total = max(int(edges * NODES_PER_EDGE), 50)
    counts = {t: max(int(total * share), 5) for t, share in NODE_SHARES.items()}
    counts[NodeType.ELEMENT] = 40
    counts[NodeType.DOCUMENT] = max(edges // EDGES_PER_DOCUMENT, 1)
    return counts


def generate(edges: int, seed: int = 0) -> GraphData:
    """A graph of exactly `edges` edges, each with one evidence sentence; the same for the same arguments."""
    rng = random.Random(f"policygraph-bench-{seed}-{edges}")
    counts = counts_for(edges)
    by_type = {t: _nodes(t, n, rng) for t, n in counts.items() if t is not NodeType.DOCUMENT}
    names = {n.id: n.name for nodes in by_type.values() for n in nodes}
    pools = {t: _pool(nodes, SKEW[t]) for t, nodes in by_type.items()}
    weights = {t: len(nodes) for t, nodes in by_type.items()}
    kinds = list(EDGE_MIX)
    kind_weights = list(accumulate(EDGE_MIX.values()))
    ends = {k: (_end_types(EDGE_SOURCES[k], weights), _end_types(EDGE_TARGETS[k], weights)) for k in kinds}
    documents = [
        Node(id=f"document:synthetic-{i}", type=NodeType.DOCUMENT, name=f"Synthetic report {i}",
             attributes={"title": f"Synthetic report {i}", "published": _day(rng)})
        for i in range(counts[NodeType.DOCUMENT])
    ]  # fmt: skip
    offsets = [0] * len(documents)
    found: dict[tuple[str, str, str], Edge] = {}
    while len(found) < edges:
        kind = kinds[bisect(kind_weights, rng.random() * kind_weights[-1])]
        sources, targets = ends[kind]
        source = pools[_pick(sources, rng)].draw(rng)
        target = pools[_pick(targets, rng)].draw(rng)
        if source == target or (source, kind.value, target) in found:
            continue
        doc = rng.randrange(len(documents))
        text = SENTENCES[kind].format(s=names[source], t=names[target])
        evidence = Evidence(document=documents[doc].id, start=offsets[doc], end=offsets[doc] + len(text), text=text)
        offsets[doc] += len(text) + 1
        found[(source, kind.value, target)] = Edge(
            source=source, type=kind, target=target, attributes=_edge_attributes(kind), evidence=[evidence]
        )
    nodes = sorted([*documents, *(n for nodes in by_type.values() for n in nodes)], key=lambda n: n.id)
    return GraphData(nodes=nodes, edges=sorted(found.values(), key=lambda e: e.key))


def _end_types(allowed: frozenset[NodeType], weights: dict[NodeType, int]) -> tuple[list[NodeType], list[float]]:
    """The generated types an edge end may have, weighted by how many nodes each has."""
    types = sorted(t for t in allowed if t in weights)
    return types, list(accumulate(float(weights[t]) for t in types))


def _pick(end: tuple[list[NodeType], list[float]], rng: random.Random) -> NodeType:
    types, cumulative = end
    return types[bisect(cumulative, rng.random() * cumulative[-1])]


def _edge_attributes(kind: EdgeType) -> dict:
    if kind is EdgeType.PARTICIPATED_IN:
        return {"role": "participant"}
    return {}


def degrees(data: GraphData) -> dict[str, int]:
    """Every node's number of edges (either direction)."""
    degree = dict.fromkeys((n.id for n in data.nodes), 0)
    for edge in data.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    return degree


def typical_nodes(data: GraphData, count: int, seed: int = 0) -> list[str]:
    """`count` nodes of the median degree (among nodes with edges), drawn with a fixed seed."""
    degree = {k: v for k, v in degrees(data).items() if v and k not in SUPER_NODES}
    median = sorted(degree.values())[len(degree) // 2]
    candidates = sorted(k for k, v in degree.items() if v == median)
    return random.Random(seed).sample(candidates, min(count, len(candidates)))
