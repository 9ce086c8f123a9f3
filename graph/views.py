"""Network views: self-contained, interactive HTML pages of the graph, drawn by vis-network through pyvis.

Four views, each a function of a `Store`, an id and options that returns one HTML page: the ego
network of a node (`ego_page`), a measure's network (`measure_page`), who met whom (`meetings_page`)
and the whole graph (`graph_page`). Each gathers what it shows, narrows it by the options
(`narrow`), and hands a networkx graph to `render`, which sizes nodes by a centrality, keeps the
most central ones above the node budget (and says on the page what it left out), and fills
`view_assets/view.html`.

Pages are shared and opened offline, so they must need no network and be safe to open:

- pyvis builds the nodes, edges and options, and ships the vis-network it is tested with. Its own
  template is not used: it loads Bootstrap and vis-network from CDNs, renders `heading` unescaped,
  and switches tooltips to an `innerHTML` popup as soon as a title contains "href". Ours inlines
  pyvis' copy of vis-network and is autoescaped.
- Document text reaches the page only inside a JSON blob whose `<`, `>` and `&` are `\\u` escapes,
  so it cannot close its script element; labels are drawn on a canvas, and tooltips are strings,
  which vis-network sets with `innerText`. So the text is inert, and still reads literally.
- A Content-Security-Policy lets only the page's own two scripts run (by hash) and allows no request.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import cache
from importlib.metadata import version
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pyvis.network import Network

from graph import analytics
from graph.store import MAX_DEPTH, TRAVERSABLE, Linked, Store, merge_graphs
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.errors import InputError, NotFoundError
from ontology.terms import EdgeType, MeasureStatus, NodeType

ASSETS = Path(__file__).with_name("view_assets")
#: The vis-network pyvis 0.3.2 ships and its own template loads.
VIS = Path(pyvis.__file__).with_name("lib") / "vis-9.1.2"

#: The most nodes any view may be asked to draw; beyond a few thousand a browser's physics crawls.
MAX_NODES = 5000
#: Evidence sentences a tooltip quotes before it says how many more there are.
MAX_EVIDENCE = 3
#: Characters of a quoted sentence a tooltip shows.
MAX_QUOTE = 400
#: The attributes that date a node; a node with none of them is timeless and passes every date range.
DATE_ATTRIBUTES = ("date", "end_date", "announced", "effective", "expires", "published")
#: The border of the node a view is about.
SUBJECT_BORDER = "#1f2933"
#: Node types a view shows unless told otherwise: documents would link everything they mention.
DEFAULT_NODE_TYPES = frozenset(NodeType) - {NodeType.DOCUMENT}


class SizeBy(StrEnum):
    """The networkx centrality node sizes follow."""

    DEGREE = "degree"
    BETWEENNESS = "betweenness"


class Shape(StrEnum):
    """vis-network node shapes a style may use."""

    DOT = "dot"
    SQUARE = "square"
    DIAMOND = "diamond"
    TRIANGLE = "triangle"
    TRIANGLE_DOWN = "triangleDown"
    HEXAGON = "hexagon"
    STAR = "star"
    ELLIPSE = "ellipse"
    BOX = "box"


class NodeStyle(BaseModel):
    """How nodes of one type are drawn."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    color: str = Field(pattern=r"^#[0-9a-f]{6}$")
    shape: Shape


class Style(BaseModel):
    """`view_assets/style.json`: a style per node type, a legend icon per shape, vis-network's options."""

    model_config = ConfigDict(extra="forbid")

    nodes: dict[NodeType, NodeStyle]
    icons: dict[Shape, str]
    options: dict[str, Any]

    @model_validator(mode="after")
    def _complete(self) -> Style:
        missing = sorted(set(NodeType) - set(self.nodes))
        if missing:
            raise ValueError(f"no style for node types {missing}")
        no_icon = sorted({s.shape for s in self.nodes.values()} - set(self.icons))
        if no_icon:
            raise ValueError(f"no legend icon for shapes {no_icon}")
        return self


class ViewOptions(BaseModel):
    """What every view is narrowed and drawn by: the API's query parameters and the CLI's options."""

    model_config = ConfigDict(extra="forbid")

    node_type: list[NodeType] = Field(
        default_factory=list, description="Only nodes of these types (repeat); all but Document by default."
    )
    since: date | None = Field(default=None, description="Leave out what is dated only before this ISO day.")
    until: date | None = Field(default=None, description="Leave out what is dated only after this ISO day.")
    size_by: SizeBy = Field(default=SizeBy.DEGREE, description="The centrality node sizes follow.")
    limit: int | None = Field(
        default=None,
        ge=1,
        le=MAX_NODES,
        description="Most nodes drawn, the most central kept (default: POLICYGRAPH_VIEW_NODE_BUDGET).",
    )


class GraphOptions(ViewOptions):
    """Options of the whole-graph view: also the edge types drawn."""

    edge_type: list[EdgeType] = Field(
        default_factory=list, description="Only edges of these types (repeat); all but MENTIONED_IN by default."
    )


class EgoOptions(GraphOptions):
    """Options of the ego view: also how many hops it reaches."""

    depth: int = Field(default=1, ge=1, le=MAX_DEPTH, description="Hops from the node.")


class MeetingOptions(ViewOptions):
    """Options of the meetings view: also whose meetings."""

    participant: str | None = Field(
        default=None, description="Only meetings this actor took part in (an id, or a name or alias)."
    )


# ---------------------------------------------------------------- assets


@cache
def style() -> Style:
    """The node styles and vis-network options, validated."""
    return Style.model_validate_json((ASSETS / "style.json").read_text(encoding="utf-8"))


def _inline(path: Path, closer: str) -> Markup:
    """A trusted asset to put inside a `<script>` or `<style>` element, refused if it could end the element early."""
    text = path.read_text(encoding="utf-8")
    for bad in (closer, "<!--"):
        if bad in text.lower():
            raise RuntimeError(f"{path} contains {bad!r} and cannot be inlined")
    return Markup(text)


@cache
def _assets() -> dict[str, Markup]:
    return {
        "vis_js": _inline(VIS / "vis-network.min.js", "</script"),
        "vis_css": _inline(VIS / "vis-network.css", "</style"),
        "view_js": _inline(ASSETS / "view.js", "</script"),
    }


@cache
def _template() -> Template:
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True, undefined=StrictUndefined)
    return env.get_template("view.html")


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def content_policy(scripts: Iterable[str]) -> str:
    """A policy that runs only these scripts and loads nothing: styles and images inline, no request."""
    hashes = " ".join(_hash(s) for s in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def data_blob(data: object) -> Markup:
    """JSON safe inside a `<script type="application/json">`: no `<`, `>` or `&` that HTML would read."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# ---------------------------------------------------------------- narrowing


def check_range(options: ViewOptions) -> None:
    """Refuse a date range that ends before it starts."""
    if options.since and options.until and options.since > options.until:
        raise InputError(f"since ({options.since}) is after until ({options.until})")


#: Measure statuses whose measure has no open end: never decided, or over.
CLOSED = frozenset({MeasureStatus.PROPOSED, MeasureStatus.REPORTED, MeasureStatus.LIFTED})


def span(node: Node) -> tuple[str, str | None] | None:
    """The first and last dates of a node (None: it runs on), or None for an undated node.

    A decided measure with no `expires` runs on from its start, as it is in force until
    something ends it; anything else spans its own dates.
    """
    dates = [str(node.attributes[k]) for k in DATE_ATTRIBUTES if node.attributes.get(k)]
    if not dates:
        return None
    status = node.attributes.get("status")
    runs_on = node.type is NodeType.MEASURE and not node.attributes.get("expires") and status not in CLOSED
    return min(dates), None if runs_on else max(dates)


def in_range(node: Node, since: date | None, until: date | None) -> bool:
    """Whether a node's span meets [since, until]; undated nodes always do.

    Dates with less precision are compared at their own precision: a meeting in "2025-06"
    meets a range that starts on 15 June.
    """
    found = span(node)
    if found is None:
        return True
    first, last = found
    starts_in_time = until is None or first <= until.isoformat()[: len(first)]
    ends_in_time = since is None or last is None or last >= since.isoformat()[: len(last)]
    return starts_in_time and ends_in_time


def node_types(options: ViewOptions) -> frozenset[NodeType]:
    """The node types a view keeps."""
    return frozenset(options.node_type) or DEFAULT_NODE_TYPES


def narrow(
    data: GraphData, options: ViewOptions, edge_types: frozenset[EdgeType], pinned: frozenset[str]
) -> nx.MultiDiGraph:
    """The nodes of the wanted types and dates (and the pinned ones), with the wanted edges among them.

    A node the narrowing leaves without any of the edges it had is dropped: an actor whose every
    meeting fell outside the dates belongs to none of them; graph attribute `stranded` counts them.
    Node attribute `node` holds the Node, edge attribute `edge` the Edge.
    """
    types = node_types(options)
    graph = nx.MultiDiGraph()
    for node in data.nodes:
        if node.id in pinned or (node.type in types and in_range(node, options.since, options.until)):
            graph.add_node(node.id, node=node)
    linked: set[str] = set()
    for edge in data.edges:
        linked.update((edge.source, edge.target))
        if edge.type in edge_types and edge.source in graph and edge.target in graph:
            graph.add_edge(edge.source, edge.target, key=edge.type.value, edge=edge)
    stranded = [n for n in linked if n in graph and n not in pinned and graph.degree(n) == 0]
    graph.remove_nodes_from(stranded)
    graph.graph["stranded"] = len(stranded)
    return graph


def within(graph: nx.MultiDiGraph, centre: str, hops: int) -> nx.MultiDiGraph:
    """The part of `graph` within `hops` of `centre`, edges followed either way."""
    reached = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=hops)
    return graph.subgraph(reached).copy()


# ---------------------------------------------------------------- tooltips


def _quote(evidence: Evidence, documents: dict[str, Node]) -> list[str]:
    """An evidence sentence, quoted, and the document it is from with its date."""
    text = " ".join(evidence.text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1] + "…"
    doc = documents.get(evidence.document)
    if doc is None:
        source = evidence.document
    else:
        title = doc.attributes.get("title") or doc.name
        published = doc.attributes.get("published")
        source = f"{title}, {published}" if published else str(title)
    return [f"“{text}”", f"    — {source}"]


def _quotes(evidence: Iterable[Evidence], documents: dict[str, Node]) -> list[str]:
    """The first MAX_EVIDENCE distinct sentences, quoted with their sources, and how many more there are."""
    first: dict[str, Evidence] = {}
    for item in evidence:
        first.setdefault(item.text, item)
    lines = [line for item in list(first.values())[:MAX_EVIDENCE] for line in _quote(item, documents)]
    if len(first) > MAX_EVIDENCE:
        lines.append(f"… and {len(first) - MAX_EVIDENCE} more")
    return lines


def _attribute_lines(attributes: dict[str, Any]) -> list[str]:
    return [f"{key}: {value}" for key, value in sorted(attributes.items())]


def node_tooltip(
    node: Node, evidence: Iterable[Evidence], documents: dict[str, Node], extra: Iterable[str] = ()
) -> str:
    """What hovering a node shows: its name, type, id, aliases, attributes, and where it was read."""
    lines = [node.name, f"{node.type.value} · {node.id}"]
    if node.aliases:
        lines.append("also: " + ", ".join(node.aliases))
    lines += _attribute_lines(node.attributes)
    lines += extra
    quotes = _quotes(evidence, documents)
    if quotes:
        lines += ["", "Read in:", *quotes]
    return "\n".join(lines)


def edge_tooltip(edge: Edge, names: dict[str, str], documents: dict[str, Node]) -> str:
    """What hovering an edge shows: what it says, its attributes, and the sentences it was read from."""
    lines = [f"{names[edge.source]} —{edge.type.value}→ {names[edge.target]}", *_attribute_lines(edge.attributes)]
    quotes = _quotes(edge.evidence, documents)
    return "\n".join([*lines, *(["", *quotes] if quotes else [])])


def stored_documents(store: Store) -> dict[str, Node]:
    """The stored documents by id, for naming the source of each evidence sentence."""
    return {n.id: n for n in store.search([], NodeType.DOCUMENT, max(store.counts()["nodes"], 1))}


def annotate(graph: nx.MultiDiGraph, documents: dict[str, Node]) -> nx.MultiDiGraph:
    """Give a narrowed graph's nodes and edges what `render` draws: labels, tooltips, weights, arrows."""
    names = {n: graph.nodes[n]["node"].name for n in graph}
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for source, target, attrs in graph.edges(data=True):
        edge: Edge = attrs["edge"]
        attrs.update(label=edge.type.value, tooltip=edge_tooltip(edge, names, documents), weight=1, arrows="to")
        evidence[source] += edge.evidence
        evidence[target] += edge.evidence
    for node_id, attrs in graph.nodes(data=True):
        attrs["tooltip"] = node_tooltip(attrs["node"], evidence[node_id], documents)
    return graph


# ---------------------------------------------------------------- drawing


def centrality(graph: nx.MultiDiGraph, size_by: SizeBy) -> dict[str, float]:
    """Each node's centrality, as `graph.analytics` measures it, in the undirected graph with weights summed.

    Degree alone is asked of networkx directly: it is cheap, where the analytics' scores
    always include betweenness, which is not on a large graph.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for source, target, weight in graph.edges(data="weight", default=1):
        if source != target:
            old = simple.get_edge_data(source, target, {"weight": 0})["weight"]
            simple.add_edge(source, target, weight=old + weight)
    if size_by is SizeBy.BETWEENNESS:
        return {s.id: s.betweenness for s in analytics.centrality(simple, top=len(simple))}
    return nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 1.0)


def most_central(scores: dict[str, float], budget: int, pinned: frozenset[str]) -> list[str]:
    """The `budget` nodes to keep: the pinned ones, then by falling centrality, ties by id."""
    return sorted(scores, key=lambda n: (n not in pinned, -scores[n], n))[:budget]


def _counted(types: Iterable[NodeType]) -> str:
    counts = Counter(types)
    return ", ".join(f"{counts[t]} {t.value}" for t in NodeType if counts[t])


def omission_note(graph: nx.MultiDiGraph, kept: nx.MultiDiGraph, size_by: SizeBy) -> str | None:
    """What the budget left out, said on the page; None when nothing was."""
    left = [graph.nodes[n]["node"].type for n in graph if n not in kept]
    if not left:
        return None
    edges = graph.number_of_edges() - kept.number_of_edges()
    return (
        f"Showing the {len(kept):,} most central of {len(graph):,} nodes (by {size_by.value}); "
        f"left out {len(left):,} nodes ({_counted(left)}) and {edges:,} edges. "
        "Narrow the view by node type, edge type or dates, or raise the limit, to see them."
    )


def describe(options: ViewOptions) -> str:
    """The options a page was drawn with, in words, for its summary line."""
    parts = []
    if options.node_type:
        parts.append("node types: " + ", ".join(sorted(t.value for t in options.node_type)))
    if isinstance(options, GraphOptions) and options.edge_type:
        parts.append("edge types: " + ", ".join(sorted(t.value for t in options.edge_type)))
    if options.since or options.until:
        parts.append(f"dated {options.since or '…'} to {options.until or '…'}")
    return " · ".join(parts)


def render(
    graph: nx.MultiDiGraph, *, title: str, what: str, options: ViewOptions, budget: int, pinned: frozenset[str]
) -> str:
    """The page drawing an annotated graph, at most `budget` nodes (`options.limit` if given)."""
    limit = options.limit or budget
    scores = centrality(graph, options.size_by)
    kept = graph.subgraph(most_central(scores, limit, pinned))
    net = Network(directed=True)  # no heading: pyvis would put it in the page unescaped
    net.set_options(json.dumps(style().options))
    top = max(scores.values(), default=1.0) or 1.0
    for node_id in sorted(kept):
        attrs = kept.nodes[node_id]
        node: Node = attrs["node"]
        look = style().nodes[node.type]
        value = round(scores[node_id] / top, 6)
        subject = node_id in pinned  # the node the view is about stands out with a dark border
        net.add_node(
            node_id,
            label=node.name,
            title=attrs["tooltip"],
            shape=look.shape.value,
            color={"background": look.color, "border": SUBJECT_BORDER} if subject else look.color,
            value=value,
            borderWidth=3 if subject else 1,
        )
    ordered = sorted(kept.edges(keys=True, data=True), key=lambda e: e[:3])
    for number, (source, target, _key, attrs) in enumerate(ordered):
        label, tooltip, weight, arrows = attrs["label"], attrs["tooltip"], attrs["weight"], attrs["arrows"]
        net.add_edge(source, target, id=f"e{number}", label=label, title=tooltip, value=weight, arrows=arrows)
    nodes, edges, _heading, _height, _width, vis_options = net.get_network_data()
    present = Counter(kept.nodes[n]["node"].type for n in kept)
    legend = [{"type": t.value, "count": present[t], "icon": _icon(style().nodes[t])} for t in NodeType if present[t]]
    assets = _assets()
    summary = " · ".join(
        part for part in (what, f"{len(kept):,} nodes, {kept.number_of_edges():,} edges", describe(options)) if part
    )
    notes = [note] if (note := omission_note(graph, kept, options.size_by)) else []
    if stranded := graph.graph.get("stranded"):
        notes.append(f"Not shown: {stranded:,} nodes of these types and dates with none of their edges in this view.")
    return _template().render(
        title=title,
        summary=summary,
        notes=notes,
        legend=legend,
        size_by=options.size_by.value,
        data=data_blob({"nodes": nodes, "edges": edges, "options": json.loads(vis_options)}),
        csp=content_policy([assets["vis_js"], assets["view_js"]]),
        version=version("policygraph"),
        **assets,
    )


def _icon(look: NodeStyle) -> Markup:
    shape = style().icons[look.shape]
    return Markup(
        '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="{}" stroke="#3b4752" '
        'stroke-width="0.6">{}</svg>'
    ).format(look.color, Markup(shape))


# ---------------------------------------------------------------- the four views


def ego_page(store: Store, node_id: str, options: EgoOptions, budget: int) -> str:
    """The network within `options.depth` hops of a node, over the wanted node and edge types and dates.

    Narrowing comes before reaching: a node is shown only if a path of wanted nodes and edges
    no longer than the depth leads to it.
    """
    check_range(options)
    edge_types = frozenset(options.edge_type) or TRAVERSABLE
    data = store.neighborhood(node_id, options.depth, edge_types)
    hops = "1 hop" if options.depth == 1 else f"{options.depth} hops"
    return _around(store, data, node_id, options.depth, edge_types, options, budget, f"ego network, {hops}")


def measure_page(store: Store, measure_id: str, options: ViewOptions, budget: int) -> str:
    """A measure with its issuers, targets, covered items, related measures and the meetings that discussed it.

    The meetings come with their participants, so the page shows who discussed the measure.
    """
    check_range(options)
    data = store.neighborhood(measure_id, 1, TRAVERSABLE)
    meetings = [store.linked(n.id) for n in data.nodes if n.type is NodeType.MEETING]
    data = merge_graphs([data, *(_participants(m) for m in meetings if m is not None)])
    what = "its network, with who took part in the meetings that discussed it"
    return _around(store, data, measure_id, 2, TRAVERSABLE, options, budget, what)


def _around(
    store: Store,
    data: GraphData,
    subject: str,
    hops: int,
    edge_types: frozenset[EdgeType],
    options: ViewOptions,
    budget: int,
    what: str,
) -> str:
    """The page of what lies within `hops` of `subject` in `data` once narrowed (the subject always stays)."""
    if not data.nodes:
        raise NotFoundError(f"no node with id {subject!r}")
    graph = within(narrow(data, options, edge_types, frozenset({subject})), subject, hops)
    node: Node = graph.nodes[subject]["node"]
    kind = node.attributes.get("kind")
    return render(
        annotate(graph, stored_documents(store)),
        title=node.name,
        what=f"{node.type.value}{f' ({kind})' if kind else ''} · {what}",
        options=options,
        budget=budget,
        pinned=frozenset({subject}),
    )


def _participants(meeting: Linked) -> GraphData:
    """A meeting with its participants and their PARTICIPATED_IN edges."""
    edges = [e for e in meeting.edges if e.type is EdgeType.PARTICIPATED_IN]
    ids = {e.source for e in edges}
    return GraphData(nodes=[meeting.node, *(n for n in meeting.neighbors if n.id in ids)], edges=edges)


def meetings_page(store: Store, participant: str | None, options: MeetingOptions, budget: int) -> str:
    """Who met whom: participants joined by one edge per pair, weighted by how many meetings they shared.

    `participant` (an id) keeps the meetings that actor took part in; the dates keep the meetings
    whose dates meet the range; the node types keep participants of those types.
    """
    check_range(options)
    types = node_types(options)
    documents = stored_documents(store)
    people: dict[str, Node] = {}
    shared: dict[tuple[str, str], list[tuple[Node, list[Evidence]]]] = defaultdict(list)
    for meeting in store.meetings(participant):
        if not in_range(meeting.node, options.since, options.until):
            continue
        neighbors = {n.id: n for n in meeting.neighbors}
        took_part = {e.source: e for e in meeting.edges if e.type is EdgeType.PARTICIPATED_IN}
        wanted = sorted(p for p in took_part if p == participant or neighbors[p].type in types)
        for a, b in combinations(wanted, 2):
            people[a], people[b] = neighbors[a], neighbors[b]
            shared[(a, b)].append((meeting.node, [*took_part[a].evidence, *took_part[b].evidence]))
    graph = nx.MultiDiGraph()
    for (a, b), together in shared.items():
        label = f"met {len(together)} times" if len(together) > 1 else "met"
        tooltip = _met_tooltip(people[a], people[b], together, documents)
        graph.add_edge(a, b, key="met", label=label, tooltip=tooltip, weight=len(together), arrows="")
    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for (a, b), together in shared.items():
        for _, quotes in together:
            evidence[a] += quotes
            evidence[b] += quotes
    for person_id, node in people.items():
        lines = [f"pairs met with: {graph.degree(person_id)}"]
        graph.add_node(person_id, node=node, tooltip=node_tooltip(node, evidence[person_id], documents, lines))
    who = f" of {people[participant].name}" if participant in people else ""
    return render(
        graph,
        title=f"Meetings network{who}",
        what="Who met whom; edges are weighted by the number of meetings",
        options=options,
        budget=budget,
        pinned=frozenset({participant} if participant in people else ()),
    )


def _met_tooltip(a: Node, b: Node, together: list[tuple[Node, list[Evidence]]], documents: dict[str, Node]) -> str:
    count = len(together)
    lines = [f"{a.name} and {b.name}: {count} meeting{'s' if count > 1 else ''}"]
    for meeting, evidence in sorted(together, key=lambda m: (str(m[0].attributes.get("date", "")), m[0].id)):
        when = meeting.attributes.get("date")
        where = meeting.attributes.get("location")
        lines += ["", " · ".join(str(p) for p in (when, meeting.name, where) if p), *_quotes(evidence, documents)]
    return "\n".join(lines)


def graph_page(store: Store, options: GraphOptions, budget: int) -> str:
    """The whole graph, narrowed to the wanted node types, edge types and dates."""
    check_range(options)
    edge_types = frozenset(options.edge_type) or TRAVERSABLE
    graph = narrow(store.export(), options, edge_types, frozenset())
    return render(
        annotate(graph, stored_documents(store)),
        title="The whole graph",
        what="Every node and edge stored",
        options=options,
        budget=budget,
        pinned=frozenset(),
    )
