"""Network views as self-contained HTML pages (`graph.views`), with the node budget of the settings."""

from __future__ import annotations

from api.service.lookup import resolve
from graph import Settings, Store, get_settings, views
from ontology.terms import EDGE_SOURCES, EdgeType, NodeType


def _budget(settings: Settings | None) -> int:
    return (settings or get_settings()).view_node_budget


def ego_view(store: Store, ref: str, options: views.EgoOptions, settings: Settings | None = None) -> str:
    """The HTML page of the network around a node (`ref`: an id, or a name or alias)."""
    node_id = resolve(store, ref, frozenset(NodeType), "entity")
    return views.ego_page(store, node_id, options, _budget(settings))


def measure_view(store: Store, ref: str, options: views.ViewOptions, settings: Settings | None = None) -> str:
    """The HTML page of a measure's network (`ref`: an id, or a name or alias)."""
    measure_id = resolve(store, ref, frozenset({NodeType.MEASURE}), "measure")
    return views.measure_page(store, measure_id, options, _budget(settings))


def meetings_view(store: Store, options: views.MeetingOptions, settings: Settings | None = None) -> str:
    """The HTML page of who met whom, optionally only the meetings of `options.participant`."""
    who = options.participant
    participant = resolve(store, who, EDGE_SOURCES[EdgeType.PARTICIPATED_IN], "participant") if who else None
    return views.meetings_page(store, participant, options, _budget(settings))


def graph_view(store: Store, options: views.GraphOptions, settings: Settings | None = None) -> str:
    """The HTML page of the whole graph, narrowed by node type, edge type and dates."""
    return views.graph_page(store, options, _budget(settings))
