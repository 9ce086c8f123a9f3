"""The HTTP API driven by a real HTTP client against a real uvicorn process over a store holding `small_graph`."""

from __future__ import annotations

import asyncio
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
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
    env_for,
    uvicorn_command,
)

from api.app import create_app
from api.problems import PROBLEM_JSON
from graph import Settings
from graph.memory import GRAPH_FILE
from ontology.contract import GraphData
from ontology.terms import EdgeType, NodeType


@pytest.fixture(scope="module")
def api(api_server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_server, timeout=10) as client:
        yield client


def ids(body: list[dict]) -> list[str]:
    return [item["node"]["id"] if "node" in item else item["id"] for item in body]


def keys(edges: list[dict]) -> list[tuple[str, str, str]]:
    return [(e["source"], e["type"], e["target"]) for e in edges]


def problem(response: httpx.Response, status: int) -> dict:
    """The RFC 9457 body of an error response, checked for its required members."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "instance"} <= body.keys()
    assert body["instance"] == response.request.url.path
    return body


def test_health_reports_backend_and_counts(api: httpx.Client, small_graph: GraphData) -> None:
    body = api.get("/health").json()
    assert body["status"] == "ok"
    assert body["backend"].startswith("embedded ")
    assert body["counts"] == {"nodes": len(small_graph.nodes), "edges": len(small_graph.edges)}


@pytest.mark.parametrize("q", ["sefcovic", "Šefčovič", "MAROS"])
def test_search_is_accent_and_case_insensitive(api: httpx.Client, q: str) -> None:
    response = api.get("/v1/entities", params={"q": q, "type": "Official"})
    assert response.status_code == 200
    [found] = response.json()
    assert found["node"] == {
        "id": SEFCOVIC,
        "type": "Official",
        "name": "Maroš Šefčovič",
        "aliases": [],
        "attributes": {},
    }
    assert found["matched"] == "Maroš Šefčovič"


def test_search_ranks_exact_names_then_word_starts_then_near_spellings(api: httpx.Client) -> None:
    mofcom = api.get("/v1/entities", params={"q": "MofCom"}).json()
    assert [(m["node"]["id"], m["match"], m["matched"]) for m in mofcom] == [(MOFCOM, "exact", "MOFCOM")]
    assert ids(api.get("/v1/entities", params={"q": "commerce ministry"}).json()) == [MOFCOM]
    typo = api.get("/v1/entities", params={"q": "Sefcovik", "type": "Official"}).json()
    assert [(m["node"]["id"], m["match"]) for m in typo] == [(SEFCOVIC, "fuzzy")]
    licences = api.get("/v1/entities", params={"q": "licence", "type": "Measure"}).json()
    assert ids(licences) == [LICENCES, FAST_LANE]
    assert ids(api.get("/v1/entities", params={"q": "licence", "type": "Measure", "limit": 1}).json()) == [LICENCES]


def test_an_unknown_type_is_a_422_problem_listing_the_allowed_ones(api: httpx.Client) -> None:
    body = problem(api.get("/v1/entities", params={"q": "x", "type": "Person"}), 422)
    for node_type in NodeType:
        assert f"'{node_type.value}'" in body["detail"]
    assert body["errors"][0]["location"] == "query parameter 'type'"


def test_a_limit_out_of_range_is_a_422_problem(api: httpx.Client) -> None:
    body = problem(api.get("/v1/entities", params={"q": "wang", "limit": 0}), 422)
    assert body["detail"].startswith("query parameter 'limit': ")


@pytest.mark.parametrize("path", [f"/v1/entities/{SEFCOVIC}", f"/v1/entities/{quote(SEFCOVIC, safe='')}"])
def test_an_entity_by_an_id_with_a_colon(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 200
    body = response.json()
    assert body["node"]["name"] == "Maroš Šefčovič"
    [participation] = [e for e in body["edges"] if e["type"] == "PARTICIPATED_IN"]
    assert participation["target"] == MEETING
    assert participation["attributes"] == {"role": "participant"}
    assert [ev["text"] for ev in participation["evidence"]] == ["hosted Maroš Šefčovič"]
    assert participation["evidence"][0]["document"] == NOTE_ID
    assert [n["name"] for n in body["neighbors"]] == ["Brussels note", "Wang Wentao meets Maroš Šefčovič"]


def test_an_unknown_entity_is_a_404_problem(api: httpx.Client) -> None:
    body = problem(api.get("/v1/entities/official:nobody"), 404)
    assert body["detail"] == "no node with id 'official:nobody'"
    assert body["title"] == "Not found"


def test_around_by_depth_and_edge_type_nearest_first(api: httpx.Client) -> None:
    one = api.get(f"/v1/entities/{SEFCOVIC}/around").json()
    two = api.get(f"/v1/entities/{SEFCOVIC}/around", params={"depth": 2}).json()
    held = api.get(f"/v1/entities/{MOFCOM}/around", params={"types": ["HOLDS_POST", "COVERS"], "depth": 3}).json()

    assert [(n["node"]["id"], n["hops"]) for n in one["nodes"]] == [(SEFCOVIC, 0), (MEETING, 1)]
    assert [(n["node"]["id"], n["hops"]) for n in two["nodes"]] == [
        (SEFCOVIC, 0),
        (MEETING, 1),
        (FAST_LANE, 2),
        (WANG, 2),
    ]
    assert ids(held["nodes"]) == [MOFCOM, WANG]
    assert keys(held["edges"]) == [(WANG, "HOLDS_POST", MOFCOM)]
    assert (one["total"], one["next"]) == (2, None)


def test_around_pages_with_a_cursor_until_every_node_and_edge_is_listed_once(api: httpx.Client) -> None:
    params: dict[str, object] = {"depth": 3, "limit": 2}
    whole = api.get(f"/v1/entities/{MOFCOM}/around", params={"depth": 3}).json()
    nodes, edges, pages = [], [], 0
    while True:
        page = api.get(f"/v1/entities/{MOFCOM}/around", params=params).json()
        assert len(page["nodes"]) <= 2
        nodes += page["nodes"]
        edges += page["edges"]
        pages += 1
        if page["next"] is None:
            break
        params["cursor"] = page["next"]
    assert pages == (whole["total"] + 1) // 2 > 2
    assert nodes == whole["nodes"]
    assert sorted(keys(edges)) == sorted(keys(whole["edges"])) and len(edges) == len(set(keys(edges)))


def test_around_filters_node_types_and_dates(api: httpx.Client) -> None:
    officials = api.get(f"/v1/entities/{WANG}/around", params={"depth": 2, "node_type": "Official"}).json()
    assert ids(officials["nodes"]) == [WANG, SEFCOVIC]
    before = api.get(f"/v1/entities/{WANG}/around", params={"depth": 2, "until": "2025-06-01"}).json()
    assert MEETING not in ids(before["nodes"]) and SEFCOVIC not in ids(before["nodes"])
    assert problem(api.get(f"/v1/entities/{WANG}/around", params={"cursor": "bogus"}), 422)["detail"].startswith(
        "cursor 'bogus'"
    )


@pytest.mark.parametrize("depth", [0, 4, "deep"])
def test_a_depth_out_of_range_is_a_422_problem(api: httpx.Client, depth: object) -> None:
    body = problem(api.get(f"/v1/entities/{SEFCOVIC}/around", params={"depth": depth}), 422)
    assert body["detail"].startswith("query parameter 'depth': ")


def test_an_unknown_edge_type_is_a_422_problem_listing_the_allowed_ones(api: httpx.Client) -> None:
    body = problem(api.get(f"/v1/entities/{SEFCOVIC}/around", params={"types": ["KNOWS"]}), 422)
    for edge_type in EdgeType:
        assert f"'{edge_type.value}'" in body["detail"]


def test_neighbors_of_an_unknown_entity_is_a_404_problem(api: httpx.Client) -> None:
    assert problem(api.get("/v1/entities/official:nobody/around"), 404)["detail"] == "no node with id 'official:nobody'"


@pytest.mark.parametrize("participant", [SEFCOVIC, "sefcovic", "Wang Wentao"])
def test_meetings_of_a_participant(api: httpx.Client, participant: str) -> None:
    body = api.get("/v1/meetings", params={"participant": participant}).json()
    assert ids(body) == [MEETING]
    assert body[0]["node"]["attributes"] == {"kind": "meeting", "date": "2025-06-03"}
    roles = {(e["source"], e["attributes"]["role"]) for e in body[0]["edges"] if e["type"] == "PARTICIPATED_IN"}
    assert roles == {(WANG, "host"), (SEFCOVIC, "participant")}


def test_an_ambiguous_participant_is_a_422_and_an_unknown_one_a_404(api: httpx.Client) -> None:
    ambiguous = problem(api.get("/v1/meetings", params={"participant": "Wang"}), 422)
    unknown = problem(api.get("/v1/meetings", params={"participant": "Nobody"}), 404)
    assert "official:wang-wentao" in ambiguous["detail"]
    assert "official:wang-yi" in ambiguous["detail"]
    assert unknown["detail"] == "participant 'Nobody' names no Entity, Ministry or Official"


def test_measures_by_element_issuer_and_day(api: httpx.Client) -> None:
    assert ids(api.get("/v1/measures").json()) == [LICENCES, PAUSE, FAST_LANE]
    assert ids(api.get("/v1/measures", params={"element": "Dysprosium"}).json()) == [LICENCES, FAST_LANE]
    assert ids(api.get("/v1/measures", params={"element": DYSPROSIUM, "issuer": "mofcom"}).json()) == [LICENCES]
    assert ids(api.get("/v1/measures", params={"issuer": "MOFCOM", "in_force_on": "2025-06-10"}).json()) == [
        LICENCES,
        PAUSE,
    ]
    assert ids(api.get("/v1/measures", params={"in_force_on": "2025-09-01"}).json()) == [LICENCES]


def test_a_bad_day_is_a_422_problem(api: httpx.Client) -> None:
    body = problem(api.get("/v1/measures", params={"in_force_on": "June 2025"}), 422)
    assert body["detail"].startswith("query parameter 'in_force_on': ")


def test_export_is_the_whole_graph_in_the_contract_shape(api: httpx.Client, small_graph: GraphData) -> None:
    data = GraphData.model_validate(api.get("/v1/export").json())
    assert data.contract == 1
    assert [d.id for d in data.documents] == [NOTE_ID]
    assert sorted(n.id for n in data.nodes) == sorted(n.id for n in small_graph.nodes)
    assert sorted(e.key for e in data.edges) == sorted(e.key for e in small_graph.edges)


def test_unknown_routes_and_methods_are_problems_too(api: httpx.Client) -> None:
    assert problem(api.get("/nowhere"), 404)["detail"] == "GET /nowhere: not found"
    assert problem(api.post("/v1/export"), 405)["title"] == "Method Not Allowed"


def test_the_openapi_document_lists_every_route_and_problem_responses(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    assert {"/health", "/v1/entities", "/v1/entities/{entity_id}", "/v1/entities/{entity_id}/around"} < set(
        spec["paths"]
    )
    assert all(path == "/health" or path.startswith("/v1/") for path in spec["paths"])
    assert PROBLEM_JSON in spec["paths"]["/v1/entities/{entity_id}"]["get"]["responses"]["404"]["content"]
    assert spec["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "The key configured as POLICYGRAPH_API_KEY.",
    }
    assert spec["paths"]["/v1/documents"]["post"]["security"] == [{"ApiKey": []}]


def test_the_docs_page_and_its_assets_are_served_by_the_app_itself(api: httpx.Client) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:href|src)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        assert api.get(asset).status_code == 200, asset
    assert "://" not in "".join(re.findall(r"url: '([^']*)'", page.text))


def test_the_server_refuses_to_start_on_a_corrupt_store(tmp_path: Path) -> None:
    file = tmp_path / "home" / "store" / GRAPH_FILE
    file.parent.mkdir(parents=True)
    file.write_bytes(b"")

    result = subprocess.run(
        uvicorn_command(0),
        env=env_for(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parents[2],
    )

    assert result.returncode != 0
    assert f"cannot read the store file {file}" in result.stderr, result.stderr
    assert file.read_bytes() == b""


def test_a_store_file_corrupted_while_serving_is_a_503_problem(serving: Callable, store_home: Path) -> None:
    file = store_home / "store" / GRAPH_FILE
    with serving(uvicorn_command, store_home) as url:
        file.write_bytes(b"{")
        response = httpx.get(f"{url}/health")
        search = httpx.get(f"{url}/v1/entities", params={"q": "wang"})

    body = problem(response, 503)
    assert body["title"] == "Store unavailable"
    assert body["detail"].startswith(f"cannot read the store file {file}: ")
    assert problem(search, 503)["detail"] == body["detail"]
    assert file.read_bytes() == b"{"


def test_an_unexpected_error_is_a_500_problem_without_internals(store_home: Path) -> None:
    app = create_app(Settings(home=store_home))

    def fail() -> None:
        raise RuntimeError("internal detail that must not leak")

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://in-process") as client:
            return await client.get("/fail")

    app.add_api_route("/fail", fail)
    response = asyncio.run(get())

    body = problem(response, 500)
    assert body["title"] == "Internal Server Error"
    assert "internal detail" not in response.text
