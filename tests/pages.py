"""View pages (graph/views.py) in tests: a graph above the budget, their markup as parsed, and in a browser."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from PIL import Image

from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.terms import EdgeType, NodeType
from tests.browser import Page

#: A `url(...)` or `@import` in CSS that points off the machine.
REMOTE_CSS = re.compile(r"""(url\(\s*['"]?\s*(https?:)?//|@import)""", re.IGNORECASE)


@dataclass
class Markup:
    """What an HTML parser finds in a page: every start tag with its attributes, and each script's text."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    scripts: list[tuple[dict[str, str | None], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)

    def attributes(self, name: str) -> list[str]:
        """Every value of attribute `name`, on any tag."""
        return [value or "" for _, attrs in self.tags for key, value in attrs.items() if key == name]

    def event_handlers(self) -> list[str]:
        """`on...` attributes (onerror, onload...), wherever they are."""
        return [f"{tag} {key}" for tag, attrs in self.tags for key in attrs if key.startswith("on")]

    def remote_references(self) -> list[str]:
        """src/href attributes and CSS that would fetch anything over the network."""
        refs = [v for name in ("src", "href", "action", "srcset", "data") for v in self.attributes(name)]
        remote = [v for v in refs if re.match(r"\s*(https?:)?//", v, re.IGNORECASE)]
        return remote + [m.group(0) for css in self.styles for m in REMOTE_CSS.finditer(css)]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Markup()
        self._open: tuple[str, dict[str, str | None]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open, self._text = (tag, dict(attrs)), []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            text = "".join(self._text)
            if tag == "script":
                self.found.scripts.append((self._open[1], text))
            else:
                self.found.styles.append(text)
            self._open = None


def parse(html: str) -> Markup:
    """The page as an HTML parser reads it."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.found


def script_hash(text: str) -> str:
    """A script's CSP source expression."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def open_view(page: Page, url: str, timeout: float = 60) -> dict[str, Any]:
    """Open a view page, wait until its layout has settled, and read what it drew.

    `nodes` and `edges` are the ids vis-network drew (its body's visible indices), `data_nodes`
    and `data_edges` what the page's data sets hold.
    """
    page.goto(url)
    page.wait_for("window.policygraphView !== undefined && window.policygraphView.stabilized === true", timeout)
    return page.evaluate(
        """(() => {
          const view = window.policygraphView;
          const body = view.network ? view.network.body : {nodeIndices: [], edgeIndices: []};
          return {nodes: body.nodeIndices.slice(), edges: body.edgeIndices.slice(),
                  data_nodes: view.nodes.getIds(), data_edges: view.edges.get().map(e => [e.from, e.to, e.label])};
        })()"""
    )


#: Where on the page a drawn node (ID) or the middle of a drawn edge (ID) is, in viewport pixels.
NODE_AT = "network.canvasToDOM(network.getPosition(ID))"
EDGE_AT = "network.canvasToDOM(network.body.edges[ID].edgeType.getPoint(0.5))"
TOOLTIP = """(() => { const tip = document.querySelector("div.vis-tooltip");
                      return tip && tip.style.visibility === "visible" ? tip.innerText : ""; })()"""


def _hover(page: Page, where: str, item_id: str, timeout: float) -> str:
    script = """(() => {
          const network = window.policygraphView.network;
          const at = WHERE;
          const box = document.getElementById("network").getBoundingClientRect();
          return [box.left + at.x, box.top + at.y];
        })()"""
    x, y = page.evaluate(script.replace("WHERE", where).replace("ID", json.dumps(item_id)))
    page.hover(x - 40, y - 40)
    page.hover(x, y)
    return page.wait_for(TOOLTIP, timeout)


def hover_node(page: Page, node_id: str, timeout: float = 10) -> str:
    """Move the mouse over a drawn node and return the text of the tooltip that opens."""
    return _hover(page, NODE_AT, node_id, timeout)


def hover_edge(page: Page, edge_id: str, timeout: float = 10) -> str:
    """Move the mouse over the middle of a drawn edge and return the text of the tooltip that opens."""
    return _hover(page, EDGE_AT, edge_id, timeout)


def ink(png: bytes) -> float:
    """The share of a screenshot's pixels that differ clearly from its most common colour (the background)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height) or []
    total = image.width * image.height
    background = max(colours)[1]
    far = sum(
        count for count, colour in colours if sum(abs(a - b) for a, b in zip(colour, background, strict=True)) > 60
    )
    return far / total


def star_of_stars(hubs: int, leaves: int) -> GraphData:
    """`hubs` ministries, each issuing `leaves` measures: (hubs * (leaves + 1)) nodes."""
    nodes, edges = [], []
    for h in range(hubs):
        hub = f"ministry:hub-{h:02d}"
        nodes.append(Node(id=hub, type=NodeType.MINISTRY, name=f"Hub {h}"))
        for leaf in range(leaves):
            measure = f"measure:m-{h:02d}-{leaf:03d}"
            nodes.append(Node(id=measure, type=NodeType.MEASURE, name=f"Measure {h}.{leaf}"))
            proof = Evidence(document="document:d", start=0, end=4, text="text")
            edges.append(Edge(source=hub, type=EdgeType.ISSUED, target=measure, evidence=[proof]))
    return GraphData(nodes=nodes, edges=edges)
