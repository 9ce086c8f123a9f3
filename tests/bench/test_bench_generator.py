"""The benchmark graphs: the same for the same arguments, shaped like the contract, skewed like the news."""

from __future__ import annotations

from collections import Counter

import pytest
from bench.generator import CHINA, SUPER_NODES, degrees, generate, typical_nodes

from ontology.contract import graph_errors
from ontology.terms import EdgeType, NodeType

EDGES = 3_000


@pytest.fixture(scope="module")
def graph():
    return generate(EDGES)


def test_the_same_arguments_give_the_same_graph(graph) -> None:
    assert generate(EDGES).model_dump() == graph.model_dump()
    assert generate(EDGES, seed=1).model_dump() != graph.model_dump()


def test_it_has_exactly_the_edges_asked_for_each_once(graph) -> None:
    assert len(graph.edges) == EDGES
    assert len({e.key for e in graph.edges}) == EDGES
    assert len({n.id for n in graph.nodes}) == len(graph.nodes)


def test_it_fits_the_ontology(graph) -> None:
    assert graph_errors(graph) == []
    kinds = {e.type for e in graph.edges}
    assert {EdgeType.ISSUED, EdgeType.COVERS, EdgeType.PARTICIPATED_IN, EdgeType.DISCUSSED} <= kinds
    types = Counter(n.type for n in graph.nodes)
    for node_type in (NodeType.ENTITY, NodeType.MINISTRY, NodeType.OFFICIAL, NodeType.MEASURE, NodeType.MEETING):
        assert types[node_type] > 0, node_type


def test_every_edge_has_one_evidence_sentence_from_a_document_node(graph) -> None:
    documents = {n.id for n in graph.nodes if n.type is NodeType.DOCUMENT}
    for edge in graph.edges:
        [evidence] = edge.evidence
        assert evidence.document in documents
        assert evidence.text.endswith(".") and evidence.end - evidence.start == len(evidence.text)


def test_china_has_the_most_links_and_a_few_nodes_hold_many(graph) -> None:
    degree = degrees(graph)
    ranked = sorted(degree, key=degree.get, reverse=True)
    assert ranked[0] == CHINA
    assert set(SUPER_NODES) <= set(ranked[:15])
    top = sum(degree[n] for n in ranked[: len(ranked) // 100])
    assert top >= 0.15 * sum(degree.values()), "the top 1% of nodes should hold a large share of the links"
    assert sorted(degree.values())[len(degree) // 2] <= 8, "the median node has few links"


def test_typical_nodes_are_median_degree_and_fixed(graph) -> None:
    picked = typical_nodes(graph, 10)
    assert picked == typical_nodes(graph, 10)
    assert len(set(picked)) == 10 and not set(picked) & set(SUPER_NODES)
    degree = degrees(graph)
    assert len({degree[n] for n in picked}) == 1


def test_node_counts_grow_with_the_edges() -> None:
    small, large = generate(1_000), generate(4_000)
    assert len(large.nodes) > 3 * len(small.nodes) * 0.8
