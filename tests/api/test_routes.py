"""Every /v1 route on both stores: the same requests, the same hand-worked answers, embedded store and Neo4j.

The app is built as a deployment builds it, from Settings, over a store holding
`small_graph` plus a 90-day suspension announced on 14 May 2025 that suspends the
dysprosium licences; it is called in-process (the real-uvicorn test is test_app.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    DYSPROSIUM,
    FAST_LANE,
    LICENCES,
    MEETING,
    MOFCOM,
    NOTE_ID,
    NOTE_TEXT,
    PAUSE,
    SEFCOVIC,
    WANG,
    WANG_YI,
    build_small_graph,
    evidence,
    load_into,
    settings_over,
)
from fastapi.testclient import TestClient

from api.app import create_app
from graph import Settings, open_store
from ontology.contract import Edge, GraphData, Node
from ontology.terms import EdgeType, NodeType

TRUCE = "measure:cn-mofcom-suspension-90-days"
KEY = "contract-suite-key"


def routes_graph() -> GraphData:
    """`small_graph` and the 90-day suspension of the licences."""
    data = build_small_graph()
    truce = Node(
        id=TRUCE,
        type=NodeType.MEASURE,
        name="90-day suspension of the licences",
        attributes={"kind": "suspension", "announced": "2025-05-14", "duration_days": 90, "status": "in_force"},
    )
    edges = [
        Edge(source=MOFCOM, type=EdgeType.ISSUED, target=TRUCE, evidence=[evidence("MOFCOM also paused")]),
        Edge(source=TRUCE, type=EdgeType.SUSPENDS, target=LICENCES, evidence=[evidence("paused its listing")]),
        Edge(source=TRUCE, type=EdgeType.MENTIONED_IN, target=NOTE_ID),
    ]
    return GraphData(nodes=[*data.nodes, truce], edges=[*data.edges, *edges])


@pytest.fixture(scope="module", params=["memory", "neo4j"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of the app over a store of each kind holding `routes_graph()`."""
    settings = settings_over(request.param, tmp_path_factory.mktemp("routes"), request, api_key=KEY, rate_limit=0)
    load_into(settings, routes_graph())
    with TestClient(create_app(settings)) as client:
        yield client


def ids(items: list[dict]) -> list[str]:
    return [item["node"]["id"] if "node" in item else item["id"] for item in items]


def keys(edges: list[dict]) -> list[tuple[str, str, str]]:
    return [(e["source"], e["type"], e["target"]) for e in edges]


def get(api: TestClient, path: str, **params: object) -> object:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_health(api: TestClient) -> None:
    assert get(api, "/health")["counts"] == {"nodes": 11, "edges": 21}


@pytest.mark.parametrize(
    ("q", "node_type", "first", "match"),
    [
        ("Sefcovic", "Official", SEFCOVIC, "prefix"),
        ("Šefčovič", None, SEFCOVIC, "prefix"),
        ("maros sefcovic", None, SEFCOVIC, "exact"),
        ("Sefcovik", None, SEFCOVIC, "fuzzy"),
        ("MofCom", None, MOFCOM, "exact"),
        ("commerce ministry", None, MOFCOM, "prefix"),
        ("Ministry of Comerce", None, MOFCOM, "fuzzy"),
        ("dysprosium", "Element", DYSPROSIUM, "exact"),
    ],
)
def test_find(api: TestClient, q: str, node_type: str | None, first: str, match: str) -> None:
    params = {"q": q} | ({"type": node_type} if node_type else {})
    found = get(api, "/v1/entities", **params)
    assert (found[0]["node"]["id"], found[0]["match"]) == (first, match)


@pytest.mark.parametrize("q", ["x" * 1000, " ".join(["wang"] * 1000), "a b c d e f g h i j k l m", "!!! ???"])
def test_a_search_text_too_long_or_empty_of_words_is_a_422_on_every_store(api: TestClient, q: str) -> None:
    response = api.get("/v1/entities", params={"q": q})
    assert response.status_code == 422, response.text
    assert "query parameter 'q'" in response.text or "query q" in response.text


def test_a_long_word_within_the_bounds_is_searched_alike(api: TestClient) -> None:
    assert get(api, "/v1/entities", q="w" * 199) == []


def test_look(api: TestClient) -> None:
    body = get(api, f"/v1/entities/{DYSPROSIUM}")
    assert body["node"]["attributes"] == {"symbol": "Dy", "atomic_number": 66}
    covers = [e for e in body["edges"] if e["type"] == "COVERS"]
    assert keys(covers) == [(LICENCES, "COVERS", DYSPROSIUM), (FAST_LANE, "COVERS", DYSPROSIUM)]
    start = NOTE_TEXT.index("licences to export dysprosium")
    assert covers[0]["evidence"] == [
        {"document": NOTE_ID, "start": start, "end": start + 29, "text": "licences to export dysprosium"}
    ]


def test_around_pages(api: TestClient) -> None:
    whole = get(api, f"/v1/entities/{MOFCOM}/around", depth=2)
    assert [(n["node"]["id"], n["hops"]) for n in whole["nodes"]] == [
        (MOFCOM, 0),
        (LICENCES, 1),
        (FAST_LANE, 1),
        (PAUSE, 1),
        (TRUCE, 1),
        (WANG, 1),
        (DYSPROSIUM, 2),
        (MEETING, 2),
    ]
    first = get(api, f"/v1/entities/{MOFCOM}/around", depth=2, limit=3)
    second = get(api, f"/v1/entities/{MOFCOM}/around", depth=2, limit=3, cursor=first["next"])
    assert first["total"] == whole["total"] == 8
    assert ids(first["nodes"] + second["nodes"]) == ids(whole["nodes"][:6])
    dated = get(api, f"/v1/entities/{MOFCOM}/around", depth=1, since="2025-05-01", node_type="Measure")
    assert ids(dated["nodes"]) == [MOFCOM, PAUSE, TRUCE]


def test_paths(api: TestClient) -> None:
    [path] = get(api, "/v1/paths", source="Maros Sefcovic", target="Dysprosium", k=3, max_hops=4)
    assert ids(path["nodes"]) == [SEFCOVIC, MEETING, FAST_LANE, DYSPROSIUM]
    assert keys(path["edges"]) == [
        (SEFCOVIC, "PARTICIPATED_IN", MEETING),
        (MEETING, "DISCUSSED", FAST_LANE),
        (FAST_LANE, "COVERS", DYSPROSIUM),
    ]
    assert path["edges"][1]["evidence"][0]["text"] == "The two men discussed a fast lane"
    longer = get(api, "/v1/paths", source=SEFCOVIC, target=DYSPROSIUM, k=10, max_hops=6)
    assert [p["hops"] for p in longer][:2] == [3, 5] and all(p["hops"] <= 6 for p in longer)
    assert get(api, "/v1/paths", source=WANG_YI, target=DYSPROSIUM) == []


def test_meetings_and_co_participants(api: TestClient) -> None:
    assert ids(get(api, "/v1/meetings", participant="Wang Wentao", since="2025-06-01", until="2025-06-30")) == [MEETING]
    assert get(api, "/v1/meetings", participant="Wang Wentao", since="2025-06-04") == []
    assert ids(get(api, "/v1/meetings", topic=FAST_LANE)) == [MEETING]
    assert get(api, "/v1/meetings", topic="dysprosium") == []
    [met] = get(api, "/v1/meetings/co-participants", participant="Wang Wentao")
    assert (met["node"]["id"], met["meetings"], met["last"]) == (SEFCOVIC, 1, "2025-06-03")
    assert get(api, "/v1/meetings/co-participants", participant="Wang Yi") == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, [LICENCES, PAUSE, TRUCE, FAST_LANE]),
        ({"in_force_on": "2025-06-01"}, [LICENCES, PAUSE, TRUCE]),
        ({"in_force_on": "2025-09-01"}, [LICENCES]),
        ({"in_force_on": "2025-04-01"}, []),
        ({"kind": "suspension"}, [PAUSE, TRUCE]),
        ({"status": "proposed"}, [FAST_LANE]),
        ({"since": "2025-05-01", "until": "2025-05-31"}, [PAUSE, TRUCE]),
        ({"element": "dysprosium", "issuer": "MOFCOM"}, [LICENCES]),
        ({"suspends": LICENCES}, [TRUCE]),
        ({"modifies": LICENCES}, []),
    ],
)
def test_measures(api: TestClient, params: dict[str, str], expected: list[str]) -> None:
    assert ids(get(api, "/v1/measures", **params)) == expected


def test_measure_relations(api: TestClient) -> None:
    truce = get(api, f"/v1/measures/{TRUCE}/relations")
    assert [r["node"]["id"] for r in truce["relations"]["suspends"]] == [LICENCES]
    licences = get(api, f"/v1/measures/{LICENCES}/relations")["relations"]
    assert [r["node"]["id"] for r in licences["suspended_by"]] == [TRUCE]
    assert all(not v for k, v in licences.items() if k != "suspended_by")
    assert api.get(f"/v1/measures/{WANG}/relations").status_code == 422


def test_timeline(api: TestClient) -> None:
    everything = get(api, "/v1/timeline")
    assert [(i["date"], i["node"]["id"]) for i in everything] == [
        ("2025-04-04", LICENCES),
        ("2025-05-14", PAUSE),
        ("2025-05-14", TRUCE),
        ("2025-06-03", MEETING),
    ]
    assert ids(get(api, "/v1/timeline", actor="Šefčovič")) == [MEETING]
    assert ids(get(api, "/v1/timeline", actor="MOFCOM", since="2025-05-01")) == [PAUSE, TRUCE]


def test_provenance(api: TestClient) -> None:
    [document] = get(api, "/v1/documents")
    assert (document["id"], document["title"], document["published"]) == (NOTE_ID, "Brussels note", "2025-06-05")
    facts = get(api, f"/v1/documents/{NOTE_ID}/facts")
    assert len(facts) == 11
    assert all(f["edge"]["evidence"] and f["edge"]["evidence"][0]["document"] == NOTE_ID for f in facts)
    about = get(api, f"/v1/entities/{SEFCOVIC}/facts")
    assert [(f["source"]["name"], f["edge"]["type"], f["target"]["name"]) for f in about] == [
        ("Maroš Šefčovič", "PARTICIPATED_IN", "Wang Wentao meets Maroš Šefčovič")
    ]
    assert about[0]["edge"]["evidence"][0]["text"] == "hosted Maroš Šefčovič"
    assert api.get(f"/v1/documents/{WANG}/facts").status_code == 422


def test_analytics(api: TestClient) -> None:
    meetings = {"node_type": ["Official", "Meeting"], "type": "PARTICIPATED_IN"}
    folded = get(api, "/v1/analytics/centrality", onto="Official", **meetings)
    assert (folded["nodes"], folded["edges"]) == (3, 1)
    assert [(s["id"], s["degree"]) for s in folded["scores"]] == [(SEFCOVIC, 0.5), (WANG, 0.5), (WANG_YI, 0.0)]
    whole = get(api, "/v1/analytics/centrality", top=3)
    assert [s["id"] for s in whole["scores"]] == [MOFCOM, FAST_LANE, MEETING]
    assert [s["id"] for s in get(api, "/v1/analytics/centrality", rank="Official", top=1)["scores"]] == [WANG]
    communities = get(api, "/v1/analytics/communities", onto="Official", **meetings)
    assert communities == [{"size": 2, "members": [SEFCOVIC, WANG]}]


def test_export_pages_are_the_whole_graph(api: TestClient) -> None:
    nodes, edges, documents, cursor, pages = [], [], [], None, 0
    while True:
        page = get(api, "/v1/export", limit=5, **({"cursor": cursor} if cursor else {}))
        nodes += page["nodes"]
        edges += page["edges"]
        documents += page["documents"]
        pages += 1
        if not (cursor := page["next"]):
            break
    graph = routes_graph()
    assert pages >= (11 + 21) // 5
    assert ids(nodes) == sorted(n.id for n in graph.nodes)
    assert keys(edges) == sorted(e.key for e in graph.edges)
    assert ids(documents) == [NOTE_ID]


# ---------------------------------------------------------------- writes

POSTED = {
    "text": "China's Ministry of Commerce said on 9 October 2025 it would control exports of holmium.\n"
    "Wang Wentao met Maroš Šefčovič in Brussels on 10 October 2025.\n",
    "key": "october-note",
    "title": "October note",
    "published": "2025-10-10",
}


@pytest.fixture(params=["memory", "neo4j"])
def writable(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[TestClient, Settings]]:
    settings = settings_over(request.param, tmp_path, request, api_key=KEY, rate_limit=0)
    load_into(settings, routes_graph())
    with TestClient(create_app(settings)) as client:
        yield client, settings


def export(settings: Settings) -> GraphData:
    store = open_store(settings)
    try:
        return store.export()
    finally:
        store.close()


def test_post_then_delete_a_document_gives_the_graph_back(writable: tuple[TestClient, Settings]) -> None:
    api, settings = writable
    before = export(settings)

    added = api.post("/v1/documents", json=POSTED, headers={"X-API-Key": KEY})

    assert added.status_code == 201, added.text
    body = added.json()
    assert body["document"] == "document:october-note"
    assert "element:ho" in body["nodes_added"] and WANG not in body["nodes_added"]
    assert body["edges_added"] and body["nodes"] > len(body["nodes_added"])
    middle = export(settings)
    assert "element:ho" in {n.id for n in middle.nodes}
    again = api.post("/v1/documents", json=POSTED, headers={"X-API-Key": KEY})
    assert again.status_code == 409

    removed = api.delete("/v1/documents/document:october-note", headers={"X-API-Key": KEY})

    assert removed.status_code == 200, removed.text
    assert "element:ho" in removed.json()["nodes_removed"]
    after = export(settings)
    assert [e.key for e in after.edges] == [e.key for e in before.edges]
    assert {n.id for n in after.nodes} == {n.id for n in before.nodes}
    assert api.delete("/v1/documents/document:october-note", headers={"X-API-Key": KEY}).status_code == 404


def test_writes_need_the_key(writable: tuple[TestClient, Settings]) -> None:
    api, settings = writable
    missing = api.post("/v1/documents", json=POSTED)
    wrong = api.delete(f"/v1/documents/{NOTE_ID}", headers={"X-API-Key": KEY + "x"})
    for response in (missing, wrong):
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("ApiKey")
    assert export(settings).nodes == sorted(routes_graph().nodes, key=lambda n: n.id)
