"""2-hop neighbourhood latency around a typical node and around the super node, through the Store protocol.

A typical node is one of median degree (`generator.typical_nodes`); the super
node is China, the node with the most links. Both are asked for the nodes
within two hops over the traversable edge types, as `GET .../neighbors?depth=2`
asks. The typical node's p95 has an absolute bound (50 ms); the super node's
answer must be bounded by a page limit, so its row also reports how much came
back.
"""

from __future__ import annotations

import time

from bench.figures import Figure, percentile
from bench.generator import CHINA
from graph import Store
from graph.store import TRAVERSABLE
from ontology.errors import PolicyGraphError

FAMILY = "Traversal"
DEPTH = 2
TYPICAL_P95_MS = 50.0
#: Seconds one row may spend sampling once it has MIN_SAMPLES: a slow store is measured by fewer queries, not longer.
BUDGET_S = 45.0
MIN_SAMPLES = 5


def _latencies(store: Store, node_ids: list[str], reps: int) -> tuple[list[float], int, str]:
    """Milliseconds of each query (every id, `reps` times, within BUDGET_S), the largest answer, and any failure."""
    samples: list[float] = []
    largest = 0
    began = time.perf_counter()
    for _ in range(reps):
        for node_id in node_ids:
            if len(samples) >= min(MIN_SAMPLES, reps * len(node_ids)) and time.perf_counter() - began > BUDGET_S:
                return samples, largest, ""
            start = time.perf_counter()
            try:
                found = store.neighborhood(node_id, DEPTH, TRAVERSABLE)
            except PolicyGraphError as exc:
                return samples, largest, str(exc).splitlines()[0][:200]
            samples.append((time.perf_counter() - start) * 1000)
            largest = max(largest, len(found.nodes))
    return samples, largest, ""


def run(
    store: Store, backend: str, scale: str, typical: list[str], reps: int, super_reps: int, page_limit: int | None
) -> list[Figure]:
    """The typical-node and super-node rows of one store; `page_limit` is the most nodes a page may hold, if any."""
    store.neighborhood(typical[0], DEPTH, TRAVERSABLE)  # warm-up: caches, query plans
    figures = []
    samples, largest, failure = _latencies(store, typical, reps)
    p95 = percentile(samples, 0.95) if samples and not failure else None
    figures.append(
        Figure(
            family=FAMILY,
            name=f"2-hop p95 around a typical node, {backend}",
            scale=scale,
            unit="ms",
            value=p95,
            baseline="p50 (ms)",
            baseline_value=percentile(samples, 0.5) if samples else None,
            ratio=p95 / percentile(samples, 0.5) if p95 else None,
            target=f"value <= {TYPICAL_P95_MS:g}",
            met=p95 <= TYPICAL_P95_MS if p95 is not None else False,
            note=failure
            or f"{len(samples)} queries over {len(typical)} median-degree nodes; largest answer {largest:,} nodes",
        )
    )
    samples, largest, failure = _latencies(store, [CHINA], super_reps)
    p95 = percentile(samples, 0.95) if samples and not failure else None
    paged = f"page limit {page_limit:,}" if page_limit else "no page limit"
    note = failure or f"{len(samples)} queries; the answer holds {largest:,} nodes ({paged})"
    figures.append(
        Figure(
            family=FAMILY,
            name=f"2-hop p95 around the super node (China), {backend}",
            scale=scale,
            unit="ms",
            value=p95,
            baseline="p50 (ms)",
            baseline_value=percentile(samples, 0.5) if samples else None,
            ratio=p95 / percentile(samples, 0.5) if p95 else None,
            target="answer bounded by the page limit",
            met=not failure and page_limit is not None and largest <= page_limit,
            note=note,
        )
    )
    return figures
