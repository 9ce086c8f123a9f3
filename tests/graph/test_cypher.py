"""The Cypher builders: values only ever as parameters, labels and types only from the ontology.

No server needed: these read the query text itself. A few builders are pinned
whole, so that a change to the Cypher is a visible change to this file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from graph import cypher
from graph.store import TRAVERSABLE, Window
from ontology.errors import InputError
from ontology.terms import EdgeType, NodeType

HOSTILE = "x'}) WITH true AS x MATCH (n) DETACH DELETE n //"
ANY = "Document|Element|Entity|Material|Measure|Meeting|Ministry|Official|Sector"


def test_merging_edges_matches_both_ends_by_label_and_keeps_first_values() -> None:
    rows = [{"source": "official:a", "target": "ministry:b", "evidence": [], "more_evidence": [], "attributes": {}}]

    query, params = cypher.merge_edges(EdgeType.HOLDS_POST, NodeType.OFFICIAL, NodeType.MINISTRY, rows)

    assert query == (
        "CYPHER replan=skip\n"
        "UNWIND $rows AS row\n"
        "MATCH (a:Official {id: row.source})\n"
        "MATCH (b:Ministry {id: row.target})\n"
        "MERGE (a)-[r:HOLDS_POST]->(b)\n"
        "ON CREATE SET r.evidence = reduce(kept = row.evidence, x IN row.more_evidence |"
        " CASE WHEN x IN kept THEN kept ELSE kept + x END)\n"
        "ON MATCH SET r.evidence = reduce(kept = r.evidence, x IN row.evidence + row.more_evidence |"
        " CASE WHEN x IN kept THEN kept ELSE kept + x END)\n"
        "WITH r, row, properties(r) AS old\n"
        "SET r += row.attributes\n"
        "SET r += old"
    )
    assert params == {"rows": rows}


def test_counting_reads_only_the_graphs_labels_and_types() -> None:
    query, params = cypher.counts()

    types = "|".join(sorted(EdgeType))
    assert query == (
        f"RETURN COUNT {{ MATCH (n:{ANY}) }} AS nodes, COUNT {{ MATCH (:{ANY})-[r:{types}]->(:{ANY}) }} AS edges"
    )
    assert params == {}


def test_a_neighbourhood_splices_only_a_checked_depth() -> None:
    query, params = cypher.neighborhood("official:a", 2, frozenset({EdgeType.PARTICIPATED_IN, EdgeType.DISCUSSED}))

    assert f"MATCH p = (start)-[:DISCUSSED|PARTICIPATED_IN*1..2]-(m:{ANY})" in query
    assert "COLLECT { UNWIND" not in query, "the edges are gathered in one expansion, not a subquery per node"
    assert params == {"id": "official:a"}
    for depth in (0, 4, True, "2", 2.0):
        with pytest.raises(InputError, match="depth"):
            cypher.neighborhood("official:a", depth, TRAVERSABLE)  # type: ignore[arg-type]


BUILDERS: dict[str, Callable[[str], cypher.Query]] = {
    "stored_types": lambda v: cypher.stored_types([v]),
    "merge_nodes": lambda v: cypher.merge_nodes(
        NodeType.OFFICIAL,
        [{"id": v, "name": v, "aliases": [v], "more_aliases": [], "attributes": {v: v}, "words": v, "alias_words": []}],
    ),
    "merge_edges": lambda v: cypher.merge_edges(
        EdgeType.ISSUED, NodeType.MINISTRY, NodeType.MEASURE, [{"source": v, "target": v, "evidence": [v]}]
    ),
    "linked": cypher.linked,
    "search by index": lambda v: cypher.search([v], NodeType.OFFICIAL, 5, f"{v}*"),
    "search all": lambda v: cypher.search([v], None, 5, None),
    "neighborhood": lambda v: cypher.neighborhood(v, 3, TRAVERSABLE),
    "listing": lambda v: cypher.listing(v, 2, TRAVERSABLE, Window(since=date(2025, 1, 1)), frozenset(NodeType), 9),
    "joined": lambda v: cypher.joined([v], [v], TRAVERSABLE),
    "events": lambda v: cypher.events(
        NodeType.MEASURE, [(EdgeType.COVERS, "target", v), (EdgeType.ISSUED, "source", v)]
    ),
}


@pytest.mark.parametrize("build", BUILDERS.values(), ids=BUILDERS.keys())
def test_values_travel_as_parameters_never_in_the_query_text(build: Callable[[str], cypher.Query]) -> None:
    query, params = build(HOSTILE)

    assert HOSTILE not in query
    assert HOSTILE in repr(params)


@pytest.mark.parametrize("name", ["Robby`) DETACH DELETE n //", "FOO", "official"])
def test_labels_and_types_come_only_from_the_ontology(name: str) -> None:
    with pytest.raises(ValueError):
        cypher.label(name)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        cypher.rel_type(name)  # type: ignore[arg-type]


@pytest.mark.parametrize("attribute", ["kind", "id", "name", "aliases", "search_text", "evidence", "attr_", "attr_id"])
def test_attributes_never_take_the_name_of_a_property_the_queries_use(attribute: str) -> None:
    key = cypher.property_key(attribute)

    assert key not in cypher.RESERVED
    assert cypher.attribute_name(key) == attribute


def test_the_schema_has_a_constraint_per_node_type_and_one_search_index() -> None:
    statements = cypher.schema()

    assert statements[0] == ("CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE")
    assert len(statements) == len(NodeType) + 1
    assert all("IF NOT EXISTS" in s for s in statements)
    assert statements[-1] == (
        f"CREATE FULLTEXT INDEX node_search IF NOT EXISTS FOR (n:{ANY}) ON EACH [n.search_text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
    )
