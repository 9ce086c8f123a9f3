"""Whole-graph export: the service layer's export serialised as the API sends it, against json.dumps of the same data.

The baseline is the floor any JSON export pays: the same nodes and edges as
plain dicts, serialised by the standard library. The candidate reads the graph
out of the store (`api.service.export_graph`) and serialises it as the contract
JSON the API returns. Report only: no target.
"""

from __future__ import annotations

import json

from api import service
from bench.figures import Figure, ratio_figure, side_by_side
from graph import Store

FAMILY = "Export"


def run(store: Store, backend: str, scale: str, reps: int) -> list[Figure]:
    """Edges/s of a whole-graph JSON export against json.dumps of the same data."""
    data = service.export_graph(store)
    plain = data.model_dump(mode="json")
    edges = len(data.edges)
    size = len(json.dumps(plain, ensure_ascii=False).encode())
    export_s, dumps_s = side_by_side(
        lambda _: service.export_graph(store).model_dump_json(), lambda _: json.dumps(plain, ensure_ascii=False), reps
    )
    return [
        ratio_figure(
            FAMILY,
            f"whole-graph export, JSON, {backend}",
            scale=scale,
            unit="edges/s",
            value=edges / export_s,
            baseline="json.dumps of the same data as plain dicts (edges/s)",
            baseline_value=edges / dumps_s,
            check=None,
            note=f"{size / 2**20:.0f} MiB of JSON; Turtle export does not exist yet",
        )
    ]
