"""View pages from the CLI and the API: the same options, the same bytes, drawn offline in a real headless Chromium.

Each test opens a page, waits until vis-network's layout has settled, and compares what it drew
with the graph; the page's tab records every request it made, which must all stay on the machine.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import typer
from conftest import FAST_LANE, LICENCES, MEETING, MOFCOM, PAUSE, SEFCOVIC, WANG, write_store

from api.app import create_app
from api.cli import cli
from graph.views import TRAVERSABLE, EgoOptions, GraphOptions, MeetingOptions, ViewOptions
from ontology.contract import GraphData
from tests.browser import Page
from tests.pages import hover_edge, hover_node, ink, open_view, star_of_stars

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def expected_ego(data: GraphData, centre: str, depth: int) -> tuple[set[str], int]:
    """The nodes within `depth` traversable hops of `centre` (documents aside), and the number of edges among them."""
    reached, frontier = {centre}, {centre}
    edges = [e for e in data.edges if e.type in TRAVERSABLE]
    for _ in range(depth):
        frontier = {
            other
            for e in edges
            for end, other in ((e.source, e.target), (e.target, e.source))
            if end in frontier and other not in reached
        }
        reached |= frontier
    return reached, sum(1 for e in edges if e.source in reached and e.target in reached)


def test_a_written_page_draws_the_graph_offline(
    run_cli: RunCli, store_home: Path, small_graph: GraphData, page: Page
) -> None:
    out = store_home.parent / "ego.html"
    done = run_cli("view", "ego", "Ministry of Commerce", "--depth", "2", "-o", out, home=store_home)
    assert done.returncode == 0, done.stderr
    nodes, edge_count = expected_ego(small_graph, MOFCOM, 2)
    assert nodes == {MOFCOM, WANG, LICENCES, PAUSE, FAST_LANE, MEETING, "element:dy"}

    seen = open_view(page, out.as_uri())
    assert set(seen["nodes"]) == nodes and len(seen["nodes"]) == len(nodes)
    assert len(seen["edges"]) == edge_count == 8
    assert ink(page.screenshot()) > 0.01, "the screenshot is blank"
    post = page.evaluate("window.policygraphView.edges.get({filter: e => e.label === 'HOLDS_POST'})[0].id")
    shown = hover_edge(page, post)
    assert shown.startswith("Wang Wentao —HOLDS_POST→ Ministry of Commerce\ntitle: Minister of Commerce")
    assert "“China's Minister of Commerce”\n    — Brussels note, 2025-06-05" in shown
    assert hover_node(page, WANG).startswith("Wang Wentao\nOfficial · official:wang-wentao")
    page.idle(1)
    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests
    assert page.external_requests() == []
    assert page.errors == [] and page.dialogs == []


@pytest.mark.parametrize(
    ("command", "route", "model"),
    [
        ("ego", "/v1/views/ego/{entity_id}", EgoOptions),
        ("measure", "/v1/views/measures/{measure_id}", ViewOptions),
        ("meetings", "/v1/views/meetings", MeetingOptions),
        ("graph", "/v1/views/graph", GraphOptions),
    ],
)
def test_cli_and_api_take_the_same_options(command: str, route: str, model: type[ViewOptions]) -> None:
    parameters = create_app().openapi()["paths"][route]["get"]["parameters"]
    api = {p["name"] for p in parameters if p["in"] == "query"}
    group = typer.main.get_command(cli).commands["view"]  # type: ignore[attr-defined]
    options = {p.name for p in group.commands[command].params if p.param_type_name == "option"} - {"output"}
    assert api == options == set(model.model_fields)


def test_the_api_serves_the_same_page_the_cli_writes(run_cli: RunCli, store_home: Path, api_server: str) -> None:
    """The same options give the same bytes: CLI and API share the option models and the service layer."""
    out = store_home.parent / "meetings.html"
    done = run_cli(
        "view", "meetings", "--participant", "Sefcovic", "--size-by", "betweenness", "-o", out, home=store_home
    )
    assert done.returncode == 0, done.stderr
    answer = httpx.get(f"{api_server}/v1/views/meetings", params={"participant": "Sefcovic", "size_by": "betweenness"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert answer.text == out.read_text(encoding="utf-8")


def test_a_served_page_draws_and_fetches_nothing_but_itself(api_server: str, page: Page) -> None:
    seen = open_view(page, f"{api_server}/v1/views/measures/{FAST_LANE}")
    assert set(seen["nodes"]) == {FAST_LANE, MOFCOM, "element:dy", MEETING, WANG, SEFCOVIC}
    page.idle(1)
    assert page.requests == [f"{api_server}/v1/views/measures/{FAST_LANE}"]
    assert page.errors == []


def test_view_errors_are_problems_and_exit_codes(run_cli: RunCli, store_home: Path, api_server: str) -> None:
    missing = httpx.get(f"{api_server}/v1/views/ego/official:nobody")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    backwards = httpx.get(f"{api_server}/v1/views/graph", params={"since": "2025-06-02", "until": "2025-06-01"})
    assert backwards.status_code == 422 and "since" in backwards.json()["detail"]
    done = run_cli("view", "measure", WANG, home=store_home)
    assert done.returncode == 2 and f"measure {WANG!r} is of type Official, not Measure" in done.stderr


def test_a_page_at_the_node_budget_settles_and_says_what_it_left_out(
    tmp_path: Path, run_cli: RunCli, page: Page
) -> None:
    home = write_store(tmp_path / "big", star_of_stars(6, 70))
    out = tmp_path / "graph.html"
    assert run_cli("view", "graph", "-o", out, home=home).returncode == 0
    seen = open_view(page, out.as_uri(), timeout=60)
    assert len(seen["nodes"]) == 300 and len(seen["edges"]) == 294
    note = page.evaluate("document.querySelector('header p.omitted').innerText")
    assert note.startswith("Showing the 300 most central of 426 nodes")
    assert page.external_requests() == [] and page.errors == []
