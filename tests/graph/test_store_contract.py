"""The Store protocol, the same on every backend.

Tests taking `empty_store` run once on the embedded store and once on Neo4j,
each asserting the hand-worked answer, so both stores are right and alike. The
tests taking `both_stores` go further: they feed both the same graphs (the seed
documents, then random sequences of overlapping upserts) and require every
method to give equal answers, order included.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from conftest import (
    DYSPROSIUM,
    FAST_LANE,
    LICENCES,
    MEETING,
    MOFCOM,
    NOTE_ID,
    PAUSE,
    SEFCOVIC,
    WANG,
    WANG_YI,
    evidence,
)

from graph.around import AroundSlice, around_page
from graph.memory import MemoryStore
from graph.neo4j import Neo4jStore
from graph.retraction import retract_document
from graph.store import MAX_DEPTH, TRAVERSABLE, Store, Window
from graph.traversal import dated_in, hops_from
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.errors import InputError
from ontology.ids import tokens
from ontology.terms import EdgeType, NodeType

COMMISSION = "ministry:eu-commission"


def ids(nodes: list[Node]) -> list[str]:
    return [n.id for n in nodes]


def edge_keys(edges: list[Edge]) -> list[tuple[str, str, str]]:
    return [e.key for e in edges]


def enrichment() -> GraphData:
    """A second reading of the note: known nodes and edges again, with more to merge, and one new edge.

    WANG and his HOLDS_POST edge come twice, so the merge runs within one upsert too.
    """
    holds_post = Edge(
        source=WANG,
        type=EdgeType.HOLDS_POST,
        target=MOFCOM,
        attributes={"title": "Commerce Minister"},
        evidence=[evidence("China's Minister of Commerce"), evidence("Wang Wentao, China's Minister")],
    )
    return GraphData(
        nodes=[
            Node(id=WANG, type=NodeType.OFFICIAL, name="Minister Wang", aliases=["Wang Wentao", "Minister Wang"]),
            Node(id=MOFCOM, type=NodeType.MINISTRY, name="MofCom", aliases=["the commerce ministry", "MofCom"]),
            Node(
                id=LICENCES,
                type=NodeType.MEASURE,
                name="Dysprosium licences",
                attributes={
                    "status": "suspended",
                    "status_date": "2025-06-01",
                    "instrument": "Announcement No. 18 of 2025",
                },
            ),
            Node(id=COMMISSION, type=NodeType.MINISTRY, name="European Commission", aliases=["Commission"]),
            Node(id=WANG, type=NodeType.ENTITY, name="Wang", aliases=["Minister Wang", "Mr Wang"]),
        ],
        edges=[
            holds_post,
            Edge(source=SEFCOVIC, type=EdgeType.HOLDS_POST, target=COMMISSION, evidence=[evidence("Maroš Šefčovič")]),
            holds_post.model_copy(update={"attributes": {"title": "Minister"}, "evidence": [evidence("Minister")]}),
        ],
    )


@pytest.fixture
def loaded(empty_store: Store, small_graph: GraphData) -> Store:
    empty_store.upsert(small_graph)
    return empty_store


# ---------------------------------------------------------------- writes


def test_a_stored_graph_comes_back_whole_and_in_order(loaded: Store, small_graph: GraphData) -> None:
    out = loaded.export()

    assert out.nodes == sorted(small_graph.nodes, key=lambda n: n.id)
    assert out.edges == sorted(small_graph.edges, key=lambda e: e.key)
    assert [(d.id, d.title, d.published) for d in out.documents] == [(NOTE_ID, "Brussels note", "2025-06-05")]
    assert loaded.counts() == {"nodes": 10, "edges": 18}


def test_storing_again_keeps_first_values_and_gathers_aliases_and_evidence(loaded: Store) -> None:
    loaded.upsert(enrichment())

    nodes = {n.id: n for n in loaded.export().nodes}
    assert nodes[WANG].type is NodeType.OFFICIAL
    assert nodes[WANG].name == "Wang Wentao"
    assert nodes[WANG].aliases == ["Minister Wang", "Wang", "Mr Wang"]
    assert nodes[MOFCOM].aliases == ["MOFCOM", "the commerce ministry", "MofCom"]
    assert nodes[LICENCES].name == "Export licences for dysprosium"
    assert nodes[LICENCES].aliases == ["Dysprosium licences"]
    assert nodes[LICENCES].attributes == {
        "kind": "export_control",
        "announced": "2025-04-04",
        "effective": "2025-04-04",
        "status": "suspended",
        "status_date": "2025-06-01",
        "instrument": "Announcement No. 18 of 2025",
    }
    [post] = [e for e in loaded.linked(WANG).edges if e.type is EdgeType.HOLDS_POST]
    assert post.attributes == {"title": "Minister of Commerce"}
    assert [e.text for e in post.evidence] == [
        "China's Minister of Commerce",
        "Wang Wentao, China's Minister",
        "Minister",
    ]
    assert loaded.counts() == {"nodes": 11, "edges": 19}
    assert ids(loaded.search(tokens("Mr Wang"), None, 10)) == [WANG]
    assert ids(loaded.search(tokens("dysprosium licences"), None, 10)) == [LICENCES]


def status_reading(status: str, stated: str | None) -> GraphData:
    """The licences measure read again, with a status stated on a day (or undated)."""
    attributes = {"status": status, **({"status_date": stated} if stated else {})}
    return GraphData(nodes=[Node(id=LICENCES, type=NodeType.MEASURE, name="Licences", attributes=attributes)])


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        # A later statement wins, whatever the order the readings arrive in.
        ([("suspended", "2025-11-10"), ("in_force", "2025-06-01")], ("suspended", "2025-11-10")),
        ([("in_force", "2025-06-01"), ("suspended", "2025-11-10")], ("suspended", "2025-11-10")),
        # Reinstated after a suspension: the later statement wins though its stage is earlier.
        ([("suspended", "2025-06-01"), ("in_force", "2026-01-05")], ("in_force", "2026-01-05")),
        # Stated the same day: the later stage of the measure's life wins.
        ([("lifted", "2025-06-01"), ("suspended", "2025-06-01")], ("lifted", "2025-06-01")),
        # Undated: stage decides; a dated status beats an undated one.
        ([("lifted", None)], ("lifted", None)),
        ([("announced", "2025-04-04"), ("lifted", None)], ("announced", "2025-04-04")),
    ],
)
def test_a_status_stated_later_replaces_the_stored_one(
    loaded: Store, readings: list[tuple[str, str | None]], expected: tuple[str, str | None]
) -> None:
    for status, stated in readings:
        loaded.upsert(status_reading(status, stated))
    # The first and the last reading again, in one upsert: merged within it by the same rule.
    loaded.upsert(GraphData(nodes=[n for r in (readings[0], readings[-1]) for n in status_reading(*r).nodes]))

    attributes = loaded.linked(LICENCES).node.attributes
    assert (attributes["status"], attributes.get("status_date")) == expected
    assert attributes["kind"] == "export_control"
    assert loaded.linked(LICENCES).node.aliases == ["Licences"]


def test_storing_the_same_graphs_again_changes_nothing(loaded: Store, small_graph: GraphData) -> None:
    loaded.upsert(enrichment())
    before = loaded.export()

    loaded.upsert(small_graph)
    loaded.upsert(enrichment())

    assert loaded.export() == before


def test_replacing_a_node_drops_it_with_its_edges_and_stores_what_replaces_it(loaded: Store) -> None:
    customs = "ministry:cn-customs"
    mofcom = loaded.linked(MOFCOM)
    moved = [e.model_copy(update={"source": customs}) if e.type is EdgeType.ISSUED else e for e in mofcom.edges]
    kept = mofcom.node.model_copy(update={"aliases": ["MOFCOM"]})

    loaded.replace(
        [MOFCOM], GraphData(nodes=[kept, Node(id=customs, type=NodeType.MINISTRY, name="Customs")], edges=moved)
    )

    after = loaded.linked(MOFCOM)
    assert after.node.aliases == ["MOFCOM"]
    assert sorted(e.type.value for e in after.edges) == ["HOLDS_POST", "MENTIONED_IN", "PROPOSED"]
    assert [(e.type, e.target) for e in loaded.linked(customs).edges] == [
        (EdgeType.ISSUED, LICENCES),
        (EdgeType.ISSUED, PAUSE),
    ]
    assert loaded.counts() == {"nodes": 11, "edges": 18}
    assert ids(loaded.search(tokens("the commerce ministry"), None, 10)) == []


def test_a_replacement_that_does_not_fit_changes_nothing(loaded: Store) -> None:
    before = loaded.export()
    orphan = Edge(source=WANG, type=EdgeType.HOLDS_POST, target=MOFCOM, evidence=[evidence("Minister")])

    with pytest.raises(InputError, match="neither given nor stored"):
        loaded.replace([MOFCOM], GraphData(edges=[orphan]))

    assert loaded.export() == before
    assert loaded.linked(MOFCOM) is not None


def test_edges_may_join_stored_nodes(loaded: Store) -> None:
    extra = Edge(source=WANG_YI, type=EdgeType.PARTICIPATED_IN, target=MEETING, evidence=[evidence("Wang Yi")])
    loaded.upsert(GraphData(edges=[extra]))

    assert WANG_YI in ids(loaded.linked(MEETING).neighbors)


def test_edges_to_unknown_nodes_are_refused_and_nothing_is_written(empty_store: Store) -> None:
    node = Node(id=WANG, type=NodeType.OFFICIAL, name="Wang Wentao")
    dangling = Edge(source=WANG, type=EdgeType.HOLDS_POST, target=MOFCOM, evidence=[evidence("Minister")])

    with pytest.raises(InputError, match="ministry:cn-mofcom"):
        empty_store.upsert(GraphData(nodes=[node], edges=[dangling]))

    assert empty_store.counts() == {"nodes": 0, "edges": 0}


def test_attributes_named_like_stored_properties_come_back_unchanged(empty_store: Store) -> None:
    odd = {"id": 7, "name": "not the name", "aliases": ["x", "y"], "search_text": "zzz", "attr_kind": True}
    node = Node(id=WANG, type=NodeType.OFFICIAL, name="Wang Wentao", attributes={**odd, "rank": 1.5})
    ministry = Node(id=MOFCOM, type=NodeType.MINISTRY, name="Ministry of Commerce")
    edge = Edge(source=WANG, type=EdgeType.HOLDS_POST, target=MOFCOM, attributes={"evidence": "none", "attr_": 0})
    data = GraphData(nodes=[node, ministry], edges=[edge])

    empty_store.upsert(data)

    assert empty_store.export().nodes == sorted(data.nodes, key=lambda n: n.id)
    assert empty_store.export().edges == [edge]
    assert ids(empty_store.search(["zzz"], None, 10)) == []
    assert ids(empty_store.search(["wentao"], None, 10)) == [WANG]


# ---------------------------------------------------------------- reads


def test_a_node_comes_with_all_its_edges_and_neighbours(loaded: Store) -> None:
    found = loaded.linked(WANG)

    assert found is not None
    assert found.node.name == "Wang Wentao"
    assert edge_keys(found.edges) == [
        (WANG, "HOLDS_POST", MOFCOM),
        (WANG, "MENTIONED_IN", NOTE_ID),
        (WANG, "PARTICIPATED_IN", MEETING),
    ]
    assert found.edges[2].attributes == {"role": "host"}
    assert ids(found.neighbors) == [NOTE_ID, MEETING, MOFCOM]
    assert loaded.linked("official:nobody") is None


def test_a_loop_is_one_edge(loaded: Store) -> None:
    loop = Edge(source=MEETING, type=EdgeType.DISCUSSED, target=MEETING, evidence=[evidence("Trade ministers met")])
    loaded.upsert(GraphData(edges=[loop]))

    found = loaded.linked(MEETING)
    assert edge_keys(found.edges).count(loop.key) == 1
    assert MEETING not in ids(found.neighbors)
    assert edge_keys(loaded.neighborhood(MEETING, 1, TRAVERSABLE).edges).count(loop.key) == 1


@pytest.mark.parametrize(
    ("query", "node_type", "expected"),
    [
        ("Šefčovič", None, [MEETING, SEFCOVIC]),
        ("sefc", NodeType.OFFICIAL, [SEFCOVIC]),
        ("wang w", None, [MEETING, WANG, WANG_YI]),
        ("wang", NodeType.OFFICIAL, [WANG, WANG_YI]),
        ("mofcom", None, [MOFCOM]),
        ("COMMERCE ministry", None, [MOFCOM]),
        ("dy", None, [DYSPROSIUM, LICENCES]),
        ("wentao yi", None, []),
        ("", NodeType.MEASURE, [LICENCES, FAST_LANE, PAUSE]),
    ],
)
def test_search_matches_word_starts_of_names_and_aliases(
    loaded: Store, query: str, node_type: NodeType | None, expected: list[str]
) -> None:
    assert ids(loaded.search(tokens(query), node_type, 50)) == expected


def test_search_stops_at_the_limit_in_id_order(loaded: Store) -> None:
    assert ids(loaded.search(["wang"], None, 2)) == [MEETING, WANG]
    assert ids(loaded.search([], None, 3)) == [NOTE_ID, DYSPROSIUM, LICENCES]
    assert loaded.search(["wang!"], None, 10) == []


@pytest.mark.parametrize(
    ("depth", "types", "expected"),
    [
        (1, TRAVERSABLE, [MEETING, MOFCOM, WANG]),
        (2, TRAVERSABLE, [LICENCES, FAST_LANE, PAUSE, MEETING, MOFCOM, SEFCOVIC, WANG]),
        (3, TRAVERSABLE, [DYSPROSIUM, LICENCES, FAST_LANE, PAUSE, MEETING, MOFCOM, SEFCOVIC, WANG]),
        (2, frozenset({EdgeType.PARTICIPATED_IN}), [MEETING, SEFCOVIC, WANG]),
        (1, frozenset(EdgeType), [NOTE_ID, MEETING, MOFCOM, WANG]),
        (3, frozenset(), [WANG]),
    ],
)
def test_a_neighbourhood_holds_the_nodes_within_reach_and_the_edges_among_them(
    loaded: Store, small_graph: GraphData, depth: int, types: frozenset[EdgeType], expected: list[str]
) -> None:
    found = loaded.neighborhood(WANG, depth, types)

    assert ids(found.nodes) == expected
    among = [e for e in small_graph.edges if e.type in types and {e.source, e.target} <= set(expected)]
    assert found.edges == sorted(among, key=lambda e: e.key)


def test_a_neighbourhood_of_nothing_is_empty_and_depth_is_bounded(loaded: Store) -> None:
    assert loaded.neighborhood("official:nobody", 2, TRAVERSABLE) == GraphData()
    for depth in (0, MAX_DEPTH + 1):
        with pytest.raises(InputError, match="depth"):
            loaded.neighborhood(WANG, depth, TRAVERSABLE)


def whole_then_cut(
    store: Store,
    node_id: str,
    depth: int,
    types: frozenset[EdgeType],
    window: Window,
    kinds: frozenset[NodeType] | None,
    position: int,
    limit: int,
) -> AroundSlice:
    """The page as cut from the whole neighbourhood: what `around_page` must give without reading it whole."""
    data = store.neighborhood(node_id, depth, types)
    hops = hops_from(data, node_id, depth, dated_in(window.since, window.until))
    by_id = {n.id: n for n in data.nodes}
    order = sorted(hops, key=lambda i: (hops[i], i))
    listed = [i for i in order if i == node_id or kinds is None or by_id[i].type in kinds]
    rank = {n: k for k, n in enumerate(listed)}
    page = listed[position : position + limit]
    edges = [
        e
        for e in data.edges
        if e.source in rank and e.target in rank and max((e.source, e.target), key=rank.__getitem__) in page
    ]
    return AroundSlice(total=len(listed), nodes=[(by_id[i], hops[i]) for i in page], edges=edges)


WINDOWS = [
    Window(),
    Window(since=date(2025, 5, 1)),
    Window(until=date(2025, 5, 1)),
    Window(date(2025, 4, 1), date(2025, 6, 4)),
    Window(since=date(2025, 6, 4)),
]


KINDS = [None, frozenset({NodeType.MEASURE}), frozenset({NodeType.OFFICIAL, NodeType.ELEMENT})]


@pytest.mark.parametrize("window", WINDOWS, ids=str)
@pytest.mark.parametrize("kinds", KINDS)
def test_a_page_of_a_neighbourhood_is_the_page_cut_from_the_whole(
    loaded: Store, window: Window, kinds: frozenset[NodeType] | None
) -> None:
    for start in (WANG, MOFCOM, FAST_LANE):
        for depth in range(1, MAX_DEPTH + 1):
            for position, limit in ((0, 100), (0, 2), (2, 2), (3, 1), (7, 3), (40, 5)):
                page = around_page(loaded, start, depth, TRAVERSABLE, window, kinds, position, limit)
                expected = whole_then_cut(loaded, start, depth, TRAVERSABLE, window, kinds, position, limit)
                assert page == expected, (start, depth, position, limit)


def test_every_edge_of_a_neighbourhood_is_on_exactly_one_page(loaded: Store) -> None:
    whole = loaded.neighborhood(WANG, 3, TRAVERSABLE)
    pages = [around_page(loaded, WANG, 3, TRAVERSABLE, Window(), None, p, 2) for p in range(0, len(whole.nodes), 2)]

    assert [n.id for page in pages if page for n, _ in page.nodes] == [
        n.id for n, _ in around_page(loaded, WANG, 3, TRAVERSABLE, Window(), None, 0, 100).nodes
    ]
    assert sorted(e.key for page in pages if page for e in page.edges) == edge_keys(whole.edges)
    assert around_page(loaded, "official:nobody", 2, TRAVERSABLE, Window(), None, 0, 10) is None
    assert around_page(loaded, WANG, 2, frozenset(), Window(), None, 0, 10) == AroundSlice(
        total=1, nodes=[(loaded.linked(WANG).node, 0)], edges=[]
    )


def test_meetings_come_with_their_participants(loaded: Store) -> None:
    [meeting] = loaded.meetings(None)

    assert meeting.node.id == MEETING
    assert edge_keys(meeting.edges) == [
        (MEETING, "DISCUSSED", FAST_LANE),
        (SEFCOVIC, "PARTICIPATED_IN", MEETING),
        (WANG, "PARTICIPATED_IN", MEETING),
    ]
    assert ids(meeting.neighbors) == [FAST_LANE, SEFCOVIC, WANG]
    assert loaded.meetings(SEFCOVIC) == [meeting]
    assert loaded.meetings(WANG_YI) == []
    assert loaded.meetings(MOFCOM) == []


@pytest.mark.parametrize(
    ("element", "issuer", "expected"),
    [
        (None, None, [LICENCES, PAUSE, FAST_LANE]),
        (DYSPROSIUM, None, [LICENCES, FAST_LANE]),
        (None, MOFCOM, [LICENCES, PAUSE]),
        (DYSPROSIUM, MOFCOM, [LICENCES]),
        ("element:nothing", None, []),
    ],
)
def test_measures_in_date_order_by_element_and_issuer(
    loaded: Store, element: str | None, issuer: str | None, expected: list[str]
) -> None:
    found = loaded.measures(element, issuer)

    assert [m.node.id for m in found] == expected
    assert all(EdgeType.MENTIONED_IN not in {e.type for e in m.edges} for m in found)


# ---------------------------------------------------------------- parity


def assert_same_answers(memory: MemoryStore, neo4j: Neo4jStore) -> None:
    """Every method, asked about every node, answers alike in both stores."""
    graph = memory.export()
    assert neo4j.export() == graph
    assert neo4j.counts() == memory.counts()
    assert neo4j.meetings(None) == memory.meetings(None)
    assert neo4j.measures(None, None) == memory.measures(None, None)
    assert neo4j.search([], None, 1000) == memory.search([], None, 1000)
    assert neo4j.nodes(None, None, 1000) == memory.nodes(None, None, 1000) == graph.nodes
    assert neo4j.edges(None, 1000) == memory.edges(None, 1000) == graph.edges
    for document in graph.documents:
        assert neo4j.document_edges(document.id) == memory.document_edges(document.id), document.id
    for node in graph.nodes:
        assert neo4j.linked(node.id) == memory.linked(node.id), node.id
        for depth in range(1, MAX_DEPTH + 1):
            assert neo4j.neighborhood(node.id, depth, TRAVERSABLE) == memory.neighborhood(node.id, depth, TRAVERSABLE)
            for position, limit in ((0, 100), (1, 3)):
                args = (node.id, depth, TRAVERSABLE, Window(since=date(2025, 5, 1)), None, position, limit)
                assert around_page(neo4j, *args) == around_page(memory, *args)
        words = tokens(node.name)[:2]
        for node_type in (None, node.type):
            assert neo4j.search(words, node_type, 5) == memory.search(words, node_type, 5), words
        assert neo4j.meetings(node.id) == memory.meetings(node.id)
        assert neo4j.measures(node.id, None) == memory.measures(node.id, None)
        assert neo4j.measures(None, node.id) == memory.measures(None, node.id)


def test_the_seed_documents_give_the_same_graph_and_answers(
    both_stores: tuple[MemoryStore, Neo4jStore], seed_graphs: list[GraphData]
) -> None:
    memory, neo4j = both_stores
    for graph in seed_graphs:
        memory.upsert(graph)
        neo4j.upsert(graph)

    assert memory.counts()["nodes"] > 50
    assert_same_answers(memory, neo4j)


def random_upserts(seed: int, rounds: int = 6) -> list[GraphData]:
    """Upserts that overlap a lot: repeated ids (even with other types), aliases, attributes and evidence."""
    rng = random.Random(seed)
    pool = [
        f"{kind.value.lower()}:{n}"
        for kind in (NodeType.OFFICIAL, NodeType.MINISTRY, NodeType.MEETING)
        for n in range(4)
    ]
    words = ["Wang", "Wentao", "Šefčovič", "MOFCOM", "Commerce", "ministry", "Li", "Ho-Chi", "Ångström", "42"]
    attributes = [("kind", "talks"), ("kind", "call"), ("date", "2025-06-03"), ("rank", 2), ("flags", [1, 2])]
    attributes += [("status", "in_force"), ("status", "lifted"), ("status_date", "2025-05"), ("status_date", "2025-06")]
    proofs = [Evidence(document="document:d", start=i, end=i + 3, text=f"t{i}") for i in range(4)]
    stored: set[str] = set()
    upserts = []
    for _ in range(rounds):
        nodes = []
        for node_id in rng.choices(pool, k=6):
            nodes.append(
                Node(
                    id=node_id,
                    type=rng.choice([NodeType.OFFICIAL, NodeType(node_id.split(":")[0].capitalize())]),
                    name=" ".join(rng.sample(words, 2)),
                    aliases=[" ".join(rng.sample(words, 2)) for _ in range(rng.randint(0, 3))],
                    attributes=dict(rng.sample(attributes, rng.randint(0, 3))),
                )
            )
        known = sorted(stored | {n.id for n in nodes})
        edges = [
            Edge(
                source=rng.choice(known),
                type=rng.choice([EdgeType.PARTICIPATED_IN, EdgeType.DISCUSSED, EdgeType.MENTIONED_IN]),
                target=rng.choice(known),
                attributes=dict(
                    rng.sample([("role", "host"), ("role", "participant"), ("title", "x")], rng.randint(0, 2))
                ),
                evidence=rng.sample(proofs, rng.randint(0, 2)),
            )
            for _ in range(8)
        ]
        stored |= {n.id for n in nodes}
        upserts.append(GraphData(nodes=nodes, edges=edges))
    return upserts


@pytest.mark.parametrize("seed", range(4))
def test_random_overlapping_upserts_give_the_same_graph_and_answers(
    both_stores: tuple[MemoryStore, Neo4jStore], seed: int
) -> None:
    memory, neo4j = both_stores
    for data in random_upserts(seed):
        memory.upsert(data)
        neo4j.upsert(data)
        assert neo4j.export() == memory.export()

    assert_same_answers(memory, neo4j)


# ---------------------------------------------------------------- pages, provenance, retraction

OTHER_ID = "document:geneva-note"
OTHER_TEXT = "Wang Wentao met Maroš Šefčovič again. The Commission opened an office."


def other_document() -> GraphData:
    """A second document: one fact the note also has, one of its own, a node only it mentions."""

    def proof(phrase: str) -> Evidence:
        start = OTHER_TEXT.index(phrase)
        return Evidence(document=OTHER_ID, start=start, end=start + len(phrase), text=phrase)

    nodes = [
        Node(id=OTHER_ID, type=NodeType.DOCUMENT, name="Geneva note", attributes={"title": "Geneva note"}),
        Node(id=WANG, type=NodeType.OFFICIAL, name="Wang Wentao", aliases=["Minister Wang"]),
        Node(id=SEFCOVIC, type=NodeType.OFFICIAL, name="Maroš Šefčovič"),
        Node(id=MEETING, type=NodeType.MEETING, name="Wang Wentao meets Maroš Šefčovič"),
        Node(id=COMMISSION, type=NodeType.MINISTRY, name="European Commission"),
    ]
    edges = [
        Edge(source=WANG, type=EdgeType.PARTICIPATED_IN, target=MEETING, evidence=[proof("Wang Wentao met")]),
        Edge(source=SEFCOVIC, type=EdgeType.HOLDS_POST, target=COMMISSION, evidence=[proof("The Commission")]),
    ]
    edges += [Edge(source=n.id, type=EdgeType.MENTIONED_IN, target=OTHER_ID) for n in nodes if n.id != OTHER_ID]
    return GraphData(nodes=nodes, edges=edges)


def test_pages_walk_the_whole_graph_in_order(loaded: Store) -> None:
    whole = loaded.export()
    nodes, after = [], None
    while page := loaded.nodes(None, after, 3):
        nodes += page
        after = page[-1].id
    edges, key = [], None
    while batch := loaded.edges(key, 4):
        edges += batch
        key = batch[-1].key
    assert nodes == whole.nodes
    assert edges == whole.edges
    assert ids(loaded.nodes(NodeType.MEASURE, None, 10)) == [LICENCES, FAST_LANE, PAUSE]
    assert ids(loaded.nodes(NodeType.MEASURE, LICENCES, 1)) == [FAST_LANE]


def test_get_nodes_gives_the_stored_ones_in_id_order_without_edges(loaded: Store) -> None:
    whole = {n.id: n for n in loaded.export().nodes}
    asked = [PAUSE, "entity:nowhere", LICENCES, PAUSE]
    assert loaded.get_nodes(asked) == [whole[LICENCES], whole[PAUSE]]
    assert loaded.get_nodes([]) == []


def test_the_edges_of_a_document_are_those_it_supports(loaded: Store, small_graph: GraphData) -> None:
    assert loaded.document_edges(NOTE_ID) == sorted(small_graph.edges, key=lambda e: e.key)
    assert loaded.document_edges("document:nothing") == []


def test_retracting_a_document_keeps_what_other_documents_support(loaded: Store, small_graph: GraphData) -> None:
    loaded.upsert(other_document())
    before = loaded.export()

    report = retract_document(loaded, OTHER_ID)

    assert report.nodes_removed == [OTHER_ID, COMMISSION]
    assert (SEFCOVIC, "HOLDS_POST", COMMISSION) in [e.key for e in report.edges_removed]
    assert [e.key for e in report.edges_kept] == [(WANG, "PARTICIPATED_IN", MEETING)]
    after = loaded.export()
    assert [e.key for e in after.edges] == sorted(e.key for e in small_graph.edges)
    [kept] = [e for e in after.edges if e.key == (WANG, "PARTICIPATED_IN", MEETING)]
    assert [x.document for x in kept.evidence] == [NOTE_ID]
    assert {n.id for n in after.nodes} == {n.id for n in small_graph.nodes}
    # Aliases are not tracked per document: Wang keeps the one the retracted document gave him.
    assert next(n for n in after.nodes if n.id == WANG).aliases == ["Minister Wang"]

    loaded.upsert(other_document())
    assert loaded.export() == before


def test_retracting_the_only_document_empties_the_graph(loaded: Store) -> None:
    report = retract_document(loaded, NOTE_ID)
    assert len(report.nodes_removed) == 10
    assert loaded.counts() == {"nodes": 0, "edges": 0}


def test_retracting_what_is_not_a_document_is_refused(loaded: Store) -> None:
    with pytest.raises(InputError, match="is a Official, not a Document"):
        retract_document(loaded, WANG)
    assert loaded.counts() == {"nodes": 10, "edges": 18}


def test_deleting_a_seed_document_and_loading_it_again_gives_an_equal_graph(
    empty_store: Store, seed_graphs: list[GraphData]
) -> None:
    for graph in seed_graphs:
        empty_store.upsert(graph)
    before = empty_store.export()
    first, *_, last = [next(n.id for n in g.nodes if n.type is NodeType.DOCUMENT) for g in seed_graphs]

    retract_document(empty_store, last)
    assert last not in {n.id for n in empty_store.export().nodes}
    empty_store.upsert(seed_graphs[-1])
    assert empty_store.export() == before

    # A document loaded earlier comes back with its evidence after the others' on shared edges.
    retract_document(empty_store, first)
    empty_store.upsert(seed_graphs[0])
    again = empty_store.export()
    assert again.nodes == before.nodes
    assert [(e.key, e.attributes, sorted(e.evidence, key=str)) for e in again.edges] == [
        (e.key, e.attributes, sorted(e.evidence, key=str)) for e in before.edges
    ]
