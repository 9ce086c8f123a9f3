"""T13: document text cannot inject markup or script into a view page, and still reads literally.

A document whose text carries script tags, a tag that closes the page's script element, an
`onerror` image, an `href` (which switches pyvis' own template to an innerHTML popup), quotes,
backticks and character references is stored with nodes named by those strings and edges quoted
from them. Every view that shows them is rendered, parsed, and opened in headless Chromium, where
no dialog may open, no injected element or script may exist, and the text must appear as written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import views
from graph.memory import MemoryStore
from ontology.contract import Document, Edge, Evidence, GraphData, Node
from ontology.terms import EdgeType, NodeType
from tests.browser import Page
from tests.pages import hover_edge, hover_node, open_view, parse

PAYLOADS = (
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">see href</a>',
    '<img src=x onerror="window.injected=1"> \' " `${alert(1)}`',
    "&lt;b&gt; &amp; stays as written",
)
DOC = "document:hostile"
TEXT = " ".join(f"Sentence {i}: {p}." for i, p in enumerate(PAYLOADS))
OFFICIAL, MINISTRY, MEASURE, MEETING, OTHER = (
    "official:hostile",
    "ministry:hostile",
    "measure:hostile",
    "meeting:hostile",
    "official:other",
)


def quoted(payload: str) -> Evidence:
    start = TEXT.index(payload)
    return Evidence(document=DOC, start=start, end=start + len(payload), text=payload)


def hostile_graph() -> GraphData:
    """Every place document text reaches a page: names, aliases, attributes, evidence, the document's title."""
    script, closer, image, href, quotes, entities = PAYLOADS
    nodes = [
        Node(id=DOC, type=NodeType.DOCUMENT, name=href, attributes={"title": closer, "published": "2025-06-05"}),
        Node(id=OFFICIAL, type=NodeType.OFFICIAL, name=script, aliases=[image, href]),
        Node(id=OTHER, type=NodeType.OFFICIAL, name=quotes),
        Node(id=MINISTRY, type=NodeType.MINISTRY, name=closer, aliases=[entities]),
        Node(id=MEASURE, type=NodeType.MEASURE, name=image, attributes={"instrument": href, "date_text": closer}),
        Node(id=MEETING, type=NodeType.MEETING, name=href, attributes={"date": "2025-06-03", "location": script}),
    ]
    edges = [
        Edge(
            source=OFFICIAL,
            type=EdgeType.HOLDS_POST,
            target=MINISTRY,
            attributes={"title": image},
            evidence=[quoted(script)],
        ),
        Edge(source=MINISTRY, type=EdgeType.ISSUED, target=MEASURE, evidence=[quoted(closer), quoted(entities)]),
        Edge(source=OFFICIAL, type=EdgeType.PARTICIPATED_IN, target=MEETING, evidence=[quoted(href)]),
        Edge(source=OTHER, type=EdgeType.PARTICIPATED_IN, target=MEETING, evidence=[quoted(quotes)]),
        Edge(source=MEETING, type=EdgeType.DISCUSSED, target=MEASURE, evidence=[quoted(image)]),
    ]
    edges += [Edge(source=n.id, type=EdgeType.MENTIONED_IN, target=DOC) for n in nodes if n.id != DOC]
    return GraphData(documents=[Document(id=DOC, title=closer)], nodes=nodes, edges=edges)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each view that shows the hostile text, written to a file."""
    store = MemoryStore(tmp_path_factory.mktemp("t13") / "store", writable=True)
    store.upsert(hostile_graph())
    html = {
        "ego": views.ego_page(store, OFFICIAL, views.EgoOptions(depth=2), 300),
        "measure": views.measure_page(store, MEASURE, views.ViewOptions(), 300),
        "meetings": views.meetings_page(store, OFFICIAL, views.MeetingOptions(), 300),
        "graph": views.graph_page(store, views.GraphOptions(node_type=list(NodeType), edge_type=list(EdgeType)), 300),
    }
    store.close()
    folder = tmp_path_factory.mktemp("t13-pages")
    for name, text in html.items():
        (folder / f"{name}.html").write_text(text, encoding="utf-8")
    return {name: folder / f"{name}.html" for name in html}


VIEWS = ("ego", "measure", "meetings", "graph")


@pytest.mark.parametrize("view", VIEWS)
def test_the_markup_holds_no_injected_element(pages: dict[str, Path], view: str) -> None:
    html = pages[view].read_text(encoding="utf-8")
    markup = parse(html)
    assert markup.event_handlers() == []
    assert [t for t, _ in markup.tags if t in ("img", "a", "iframe", "object", "embed", "link")] == []
    assert [attrs.get("type") for attrs, _ in markup.scripts] == ["application/json", None, None]
    assert markup.remote_references() == []
    data = json.loads(markup.scripts[0][1])
    text = json.dumps(data, ensure_ascii=False)
    assert all(p in text for p in PAYLOADS[:3]), "the payloads are kept as data"


@pytest.mark.parametrize("view", VIEWS)
def test_in_the_browser_no_dialog_opens_and_the_text_reads_literally(
    pages: dict[str, Path], view: str, page: Page
) -> None:
    seen = open_view(page, pages[view].as_uri())
    assert seen["nodes"], "the view drew nothing"
    centre = {"ego": OFFICIAL, "measure": MEASURE, "meetings": OFFICIAL, "graph": OFFICIAL}[view]
    tooltip = hover_node(page, centre)
    page.idle(0.5)
    found = page.evaluate(
        """(() => ({
          injected: document.querySelectorAll("img, a, iframe, object, embed, link").length,
          scripts: document.scripts.length,
          handlers: [...document.querySelectorAll("*")].flatMap(
            el => [...el.attributes].map(a => a.name).filter(n => n.startsWith("on"))),
          flag: window.injected === 1,
          heading: document.getElementById("view-title").textContent,
          tip_elements: [...document.querySelector("div.vis-tooltip").querySelectorAll("*")].map(e => e.tagName),
          labels: window.policygraphView.nodes.get().map(n => n.label),
        }))()"""
    )
    assert page.dialogs == []
    assert found["injected"] == 0 and found["scripts"] == 3 and found["handlers"] == [] and not found["flag"]
    assert set(found["tip_elements"]) <= {"BR"}, "the tooltip holds text only"
    expected_heading = {"ego": PAYLOADS[0], "measure": PAYLOADS[2], "meetings": f"Meetings network of {PAYLOADS[0]}"}
    assert found["heading"] == expected_heading.get(view, "The whole graph")
    assert tooltip.startswith({"measure": PAYLOADS[2]}.get(view, PAYLOADS[0]))
    if view == "graph":
        assert set(PAYLOADS[:5]) <= set(found["labels"])
        for payload in (PAYLOADS[1], PAYLOADS[3], PAYLOADS[5]):  # closer + entities quoted, href alias, entities
            assert payload in page.evaluate(
                "window.policygraphView.nodes.get().map(n => n.title).join('\\n') + "
                "window.policygraphView.edges.get().map(e => e.title).join('\\n')"
            )
        ministry = hover_node(page, MINISTRY)
        assert ministry.startswith(f"{PAYLOADS[1]}\nMinistry") and f"also: {PAYLOADS[5]}" in ministry
        assert "&amp;lt;" not in ministry, "not escaped twice"
        post = page.evaluate("window.policygraphView.edges.get({filter: e => e.label === 'HOLDS_POST'})[0].id")
        shown = hover_edge(page, post)
        assert f"title: {PAYLOADS[2]}" in shown and f"“{PAYLOADS[0]}”\n    — {PAYLOADS[1]}, 2025-06-05" in shown
        elements = page.evaluate(
            "[...document.querySelector('div.vis-tooltip').querySelectorAll('*')].map(e => e.tagName)"
        )
        assert set(elements) <= {"BR"} and page.dialogs == []
    assert page.external_requests() == [] and page.errors == []
