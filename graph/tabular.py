"""The graph for tools that read tables or GraphML: Gephi, Cytoscape, yEd, spreadsheets.

GraphML holds one node per contract node and one edge per contract edge (keyed
by its type); CSV is two tables, `nodes.csv` and `edges.csv`. Values GraphML and
CSV cannot hold as such (aliases, evidence, attributes of an unexpected type)
are written as JSON text, so nothing of the contract is dropped.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from ontology.contract import GraphData
from ontology.model import ontology
from ontology.terms import EDGE_ATTRIBUTES, NODE_ATTRIBUTES

NODE_COLUMNS = ("id", "type", "name", "aliases")
EDGE_COLUMNS = ("source", "type", "target", "evidence")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _cell(name: str, value: Any) -> str | int:
    """A value GraphML can type: integers where the ontology says integer, text otherwise."""
    if str(ontology().ranges.get(name, "")).endswith("#integer") and isinstance(value, int):
        return value
    return value if isinstance(value, str) else _json(value)


def graphml(data: GraphData) -> str:
    """The graph as GraphML, with the node and edge attributes as typed data keys."""
    graph = nx.MultiDiGraph()
    for node in data.nodes:
        attrs = {k: _cell(k, v) for k, v in node.attributes.items()}
        graph.add_node(node.id, **attrs, type=node.type.value, name=node.name, aliases=_json(node.aliases))
    for edge in data.edges:
        attrs = {k: _cell(k, v) for k, v in edge.attributes.items()}
        evidence = _json([e.model_dump() for e in edge.evidence])
        graph.add_edge(edge.source, edge.target, key=edge.type.value, **attrs, type=edge.type.value, evidence=evidence)
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def _columns(declared: dict[Any, tuple[str, ...]], seen: list[dict[str, Any]]) -> list[str]:
    """Attribute columns: the ontology's, in its order, then any others the graph holds."""
    names = list(dict.fromkeys(a for attrs in declared.values() for a in attrs))
    return names + sorted({k for attrs in seen for k in attrs} - set(names))


def _table(header: list[str], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: v if isinstance(v, str | int) else _json(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def csv_tables(data: GraphData) -> dict[str, str]:
    """`nodes.csv` and `edges.csv`: one row per node and per edge, one column per attribute."""
    node_attrs = _columns(NODE_ATTRIBUTES, [n.attributes for n in data.nodes])
    edge_attrs = _columns(EDGE_ATTRIBUTES, [e.attributes for e in data.edges])
    nodes = [
        {"id": n.id, "type": n.type.value, "name": n.name, "aliases": n.aliases, **n.attributes} for n in data.nodes
    ]
    edges = [
        {
            "source": e.source,
            "type": e.type.value,
            "target": e.target,
            "evidence": [x.model_dump() for x in e.evidence],
            **e.attributes,
        }
        for e in data.edges
    ]
    return {
        "nodes.csv": _table([*NODE_COLUMNS, *node_attrs], nodes),
        "edges.csv": _table([*EDGE_COLUMNS, *edge_attrs], edges),
    }


def write_csv(data: GraphData, folder: Path) -> list[Path]:
    """Write `nodes.csv` and `edges.csv` into `folder` (created if need be); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in csv_tables(data).items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
