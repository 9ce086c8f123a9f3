"""Network view pages (graph/views.py): what they hold, how they narrow and cut, and that they load nothing."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from conftest import DYSPROSIUM, FAST_LANE, LICENCES, MEETING, MOFCOM, NOTE_ID, PAUSE, SEFCOVIC, WANG, WANG_YI

from graph import views
from graph.memory import MemoryStore
from graph.neo4j import Neo4jStore
from graph.views import EgoOptions, GraphOptions, MeetingOptions, SizeBy, ViewOptions
from ontology.contract import GraphData, Node
from ontology.errors import InputError, NotFoundError
from ontology.terms import EdgeType, NodeType
from tests.pages import parse, script_hash, star_of_stars


def blob(html: str) -> dict:
    """The data the page draws, read back from its JSON script element."""
    [(_, text)] = [(attrs, text) for attrs, text in parse(html).scripts if attrs.get("type") == "application/json"]
    return json.loads(text)


def drawn(html: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    data = blob(html)
    return {n["id"] for n in data["nodes"]}, {(e["from"], e["label"], e["to"]) for e in data["edges"]}


def test_ego_page_holds_the_nodes_and_edges_within_depth(store: MemoryStore) -> None:
    nodes, edges = drawn(views.ego_page(store, WANG, EgoOptions(depth=2), 300))
    assert nodes == {WANG, MOFCOM, MEETING, SEFCOVIC, LICENCES, PAUSE, FAST_LANE}
    assert edges == {
        (WANG, "HOLDS_POST", MOFCOM),
        (WANG, "PARTICIPATED_IN", MEETING),
        (SEFCOVIC, "PARTICIPATED_IN", MEETING),
        (MOFCOM, "ISSUED", LICENCES),
        (MOFCOM, "ISSUED", PAUSE),
        (MOFCOM, "PROPOSED", FAST_LANE),
        (MEETING, "DISCUSSED", FAST_LANE),
    }


def test_ego_page_narrows_before_it_reaches(store: MemoryStore) -> None:
    """Without Ministry nodes, Wang Wentao reaches the measures only through the meeting."""
    options = EgoOptions(depth=2, node_type=[NodeType.OFFICIAL, NodeType.MEETING, NodeType.MEASURE])
    nodes, _ = drawn(views.ego_page(store, WANG, options, 300))
    assert nodes == {WANG, MEETING, SEFCOVIC, FAST_LANE}
    only_posts = EgoOptions(depth=3, edge_type=[EdgeType.HOLDS_POST])
    assert drawn(views.ego_page(store, WANG, only_posts, 300))[0] == {WANG, MOFCOM}


def test_date_range_keeps_what_meets_it_and_what_is_undated(store: MemoryStore) -> None:
    """The pause runs 14 May to 12 August; the licences start 4 April; the meeting is on 3 June."""
    june = views.ego_page(store, MOFCOM, EgoOptions(since=date(2025, 6, 10), until=date(2025, 6, 30)), 300)
    nodes, _ = drawn(june)
    assert PAUSE in nodes and FAST_LANE in nodes and WANG in nodes  # in force then; undated; timeless
    assert LICENCES in nodes  # in force from 4 April, with no end
    april = views.ego_page(store, MOFCOM, EgoOptions(until=date(2025, 4, 30)), 300)
    assert PAUSE not in drawn(april)[0] and LICENCES in drawn(april)[0]


def test_in_range_compares_at_each_dates_precision() -> None:
    month = Node(id="meeting:x", type=NodeType.MEETING, name="x", attributes={"date": "2025-06"})
    assert views.in_range(month, date(2025, 6, 15), None)
    assert views.in_range(month, None, date(2025, 6, 1))
    assert not views.in_range(month, date(2025, 7, 1), None)
    assert views.in_range(Node(id="official:y", type=NodeType.OFFICIAL, name="y"), date(2030, 1, 1), None)
    proposal = Node(
        id="measure:p", type=NodeType.MEASURE, name="p", attributes={"announced": "2025-01", "status": "proposed"}
    )
    assert not views.in_range(proposal, date(2025, 2, 1), None)
    assert views.in_range(proposal.model_copy(update={"attributes": {"announced": "2025-01"}}), date(2026, 1, 1), None)


def test_a_range_that_ends_before_it_starts_is_refused(store: MemoryStore) -> None:
    with pytest.raises(InputError, match="since"):
        views.graph_page(store, GraphOptions(since=date(2025, 6, 2), until=date(2025, 6, 1)), 300)


def test_unknown_node_is_not_found(store: MemoryStore) -> None:
    with pytest.raises(NotFoundError):
        views.ego_page(store, "official:nobody", EgoOptions(), 300)


def test_measure_page_shows_issuers_items_and_who_discussed_it(store: MemoryStore) -> None:
    nodes, edges = drawn(views.measure_page(store, FAST_LANE, ViewOptions(), 300))
    assert nodes == {FAST_LANE, MOFCOM, DYSPROSIUM, MEETING, WANG, SEFCOVIC}
    assert (SEFCOVIC, "PARTICIPATED_IN", MEETING) in edges and (MOFCOM, "PROPOSED", FAST_LANE) in edges


def test_meetings_page_joins_participants_weighted_by_meetings(store: MemoryStore) -> None:
    data = blob(views.meetings_page(store, None, MeetingOptions(), 300))
    assert {n["id"] for n in data["nodes"]} == {WANG, SEFCOVIC}
    [edge] = data["edges"]
    assert (edge["from"], edge["to"], edge["label"], edge["value"]) == (SEFCOVIC, WANG, "met", 1)
    assert "Wang Wentao meets Maroš Šefčovič" in edge["title"] and "hosted Maroš Šefčovič" in edge["title"]
    later = views.meetings_page(store, None, MeetingOptions(since=date(2025, 7, 1)), 300)
    assert blob(later)["nodes"] == []


def test_tooltips_quote_evidence_with_document_title_and_date(store: MemoryStore) -> None:
    data = blob(views.ego_page(store, WANG, EgoOptions(), 300))
    [post] = [e for e in data["edges"] if e["label"] == "HOLDS_POST"]
    assert "“China's Minister of Commerce”" in post["title"]
    assert "— Brussels note, 2025-06-05" in post["title"]
    assert "title: Minister of Commerce" in post["title"]
    [wang] = [n for n in data["nodes"] if n["id"] == WANG]
    assert wang["title"].startswith("Wang Wentao\nOfficial · official:wang-wentao")


def test_every_node_type_has_its_own_colour_and_shape_and_a_legend_entry(store: MemoryStore) -> None:
    looks = [(s.color, s.shape) for s in views.style().nodes.values()]
    assert len(set(looks)) == len(NodeType) and len({c for c, _ in looks}) == len(NodeType)
    html = views.ego_page(store, MOFCOM, EgoOptions(depth=2), 300)
    for node in blob(html)["nodes"]:
        look = views.style().nodes[store.linked(node["id"]).node.type]
        colour = node["color"]["background"] if node["id"] == MOFCOM else node["color"]
        assert (node["shape"], colour) == (look.shape.value, look.color)
    assert [n["borderWidth"] for n in blob(html)["nodes"] if n["id"] == MOFCOM] == [3]
    legend = re.search(r'<aside id="legend">.*?</aside>', html, re.DOTALL)
    assert legend and all(f"<span>{t}</span>" in legend.group(0) for t in ("Official", "Ministry", "Measure"))


def test_sizes_follow_the_centrality_asked_for(store: MemoryStore) -> None:
    for size_by in SizeBy:
        data = blob(views.ego_page(store, MOFCOM, EgoOptions(depth=2, size_by=size_by), 300))
        value = {n["id"]: n["value"] for n in data["nodes"]}
        assert max(value, key=value.get) == MOFCOM, size_by
        assert value[MOFCOM] == 1.0 and value[PAUSE] < value[LICENCES], size_by


@pytest.fixture
def big_store(tmp_path) -> MemoryStore:
    store = MemoryStore(tmp_path / "big", writable=True)
    store.upsert(star_of_stars(6, 70))
    return store


def test_above_the_budget_the_most_central_nodes_stay_and_the_page_says_what_left(big_store: MemoryStore) -> None:
    html = views.graph_page(big_store, GraphOptions(), 300)
    nodes, edges = drawn(html)
    assert len(nodes) == 300
    assert {f"ministry:hub-{h:02d}" for h in range(6)} <= nodes
    assert all(src in nodes and dst in nodes for src, _, dst in edges)
    assert "Showing the 300 most central of 426 nodes (by degree); left out 126 nodes (126 Measure)" in html
    assert len(drawn(views.graph_page(big_store, GraphOptions(limit=10), 300))[0]) == 10


def test_the_centre_of_an_ego_view_is_kept_whatever_the_budget(big_store: MemoryStore) -> None:
    nodes, _ = drawn(views.ego_page(big_store, "measure:m-03-007", EgoOptions(depth=2, limit=5), 300))
    assert len(nodes) == 5 and "measure:m-03-007" in nodes and "ministry:hub-03" in nodes


def test_the_page_loads_nothing_from_anywhere(store: MemoryStore) -> None:
    for html in (
        views.ego_page(store, WANG, EgoOptions(depth=3), 300),
        views.graph_page(store, GraphOptions(node_type=list(NodeType), edge_type=list(EdgeType)), 300),
        views.meetings_page(store, None, MeetingOptions(), 300),
    ):
        markup = parse(html)
        assert markup.remote_references() == []
        assert not [tag for tag, attrs in markup.tags if tag in ("link", "iframe", "img", "object", "embed")]
        assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", html, re.IGNORECASE)
        policy = next(a["content"] for t, a in markup.tags if t == "meta" and a.get("http-equiv"))
        assert "default-src 'none'" in policy
        runnable = [text for attrs, text in markup.scripts if attrs.get("type") != "application/json"]
        assert len(runnable) == 2 and all(script_hash(text) in policy for text in runnable)


def test_pyvis_own_template_is_never_used_and_href_makes_no_html_popup(tmp_path) -> None:
    """pyvis switches to an innerHTML popup when a title contains "href"; our page has no such path."""
    store = MemoryStore(tmp_path / "href", writable=True)
    store.upsert(GraphData(nodes=[Node(id="entity:h", type=NodeType.ENTITY, name='<a href="x">href</a>')]))
    html = views.graph_page(store, GraphOptions(), 300)
    page_script = views.ASSETS.joinpath("view.js").read_text()
    assert "innerHTML" not in page_script and "tooltip_link" not in html and "popup" not in page_script
    assert blob(html)["nodes"][0]["title"].startswith('<a href="x">href</a>\nEntity')


def test_the_document_node_is_left_out_unless_asked_for(store: MemoryStore) -> None:
    assert NOTE_ID not in drawn(views.graph_page(store, GraphOptions(), 300))[0]
    asked = GraphOptions(node_type=[NodeType.DOCUMENT, NodeType.OFFICIAL], edge_type=[EdgeType.MENTIONED_IN])
    assert drawn(views.graph_page(store, asked, 300))[0] == {NOTE_ID, WANG, SEFCOVIC, WANG_YI}


def test_both_stores_give_the_same_pages(both_stores: tuple[MemoryStore, Neo4jStore], small_graph: GraphData) -> None:
    memory, neo4j = both_stores
    for store in both_stores:
        store.upsert(small_graph)
    for page in (
        lambda s: views.ego_page(s, WANG, EgoOptions(depth=3), 300),
        lambda s: views.measure_page(s, FAST_LANE, ViewOptions(), 300),
        lambda s: views.meetings_page(s, SEFCOVIC, MeetingOptions(), 300),
        lambda s: views.graph_page(s, GraphOptions(since=date(2025, 5, 1)), 300),
    ):
        assert page(memory) == page(neo4j)
