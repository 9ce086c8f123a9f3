"""Whole-graph export: the CLI's export (service layer, one format) against json.dumps of the same data.

The baseline is the floor any JSON export pays: the same nodes and edges as
plain dicts, serialised by the standard library. The candidate reads the graph
out of the store (`api.service.export_graph`) and renders it as
`policygraph export --format` does (`api.service.render_graph`): contract JSON,
and Turtle through rdflib (one run: it takes minutes). Report only: no target.
"""

from __future__ import annotations

import json

from api import service
from bench.figures import Figure, ratio_figure, side_by_side
from graph import Settings, Store
from graph.exports import ExportFormat

FAMILY = "Export"


def run(
    store: Store, settings: Settings, backend: str, scale: str, reps: int, formats: list[ExportFormat]
) -> list[Figure]:
    """Edges/s of a whole-graph export in each of `formats` against json.dumps of the same data."""
    data = service.export_graph(store)
    plain = data.model_dump(mode="json")
    edges = len(data.edges)
    size = len(json.dumps(plain, ensure_ascii=False).encode())
    figures = []
    for fmt in formats:
        text: list[str] = []

        def export(_: int, fmt: ExportFormat = fmt, text: list[str] = text) -> None:
            text[:] = [service.render_graph(service.export_graph(store), fmt, settings)]

        # Turtle through rdflib takes minutes even at 10^4 edges: one run, no warm-up.
        runs = reps if fmt is ExportFormat.JSON else 1
        export_s, dumps_s = side_by_side(
            export, lambda _: json.dumps(plain, ensure_ascii=False), runs, warmup=fmt is ExportFormat.JSON
        )
        figures.append(
            ratio_figure(
                FAMILY,
                f"whole-graph export, {fmt.value}, {backend}",
                scale=scale,
                unit="edges/s",
                value=edges / export_s,
                baseline="json.dumps of the same data as plain dicts (edges/s)",
                baseline_value=edges / dumps_s,
                check=None,
                note=f"{len(text[0].encode()) / 2**20:.0f} MiB of {fmt.value} (the plain JSON: {size / 2**20:.0f} MiB)",
            )
        )
    return figures
