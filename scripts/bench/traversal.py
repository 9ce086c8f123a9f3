"""2-hop neighbourhood latency around a typical node and around the super node, as the API answers it.

Each query is `graph.around.around_page` at depth 2 from position 0: the first
page (the service layer's default page size) of the nodes within two hops over
the traversable edge types, which is what `GET /v1/entities/{id}/around?depth=2`
returns once `api.service.around` delegates to it (the page the service cuts
today is the same, from the whole neighbourhood; the contract suite checks they
agree). A typical node is one of median degree (`generator.typical_nodes`);
the super node is China, the node with the most links. The typical node's p95
has an absolute bound (50 ms); the super node's answer must stay within the
page limit, so its row checks the size of the page it got, and says how many
nodes the whole neighbourhood holds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from api import service
from bench.figures import Figure, percentile
from bench.generator import CHINA
from graph import Store
from graph.around import AroundSlice, around_page
from graph.store import TRAVERSABLE, Window
from ontology.errors import PolicyGraphError

FAMILY = "Traversal"
DEPTH = 2
TYPICAL_P95_MS = 50.0
#: Seconds one row may spend sampling once it has MIN_SAMPLES: a slow store is measured by fewer queries, not longer.
BUDGET_S = 45.0
MIN_SAMPLES = 5


def first_page(store: Store, node_id: str) -> AroundSlice:
    """The first page of the 2-hop neighbourhood, as the API lists it by default."""
    page = around_page(store, node_id, DEPTH, TRAVERSABLE, Window(), None, 0, service.DEFAULT_PAGE)
    if page is None:
        raise LookupError(f"no node {node_id!r} in the generated graph")
    return page


@dataclass
class Sampled:
    """One row's query latencies, the largest page and neighbourhood seen, and the failure that ended it."""

    ms: list[float] = field(default_factory=list)
    page: int = 0
    total: int = 0
    failure: str = ""


def _sample(store: Store, node_ids: list[str], reps: int) -> Sampled:
    """Every id `reps` times, stopping early once BUDGET_S is spent and enough samples are in."""
    out = Sampled()
    enough = min(MIN_SAMPLES, reps * len(node_ids))
    began = time.perf_counter()
    for _ in range(reps):
        for node_id in node_ids:
            if len(out.ms) >= enough and time.perf_counter() - began > BUDGET_S:
                return out
            start = time.perf_counter()
            try:
                page = first_page(store, node_id)
            except PolicyGraphError as exc:
                took = time.perf_counter() - start
                reason = str(exc).splitlines()[0][:160]
                out.failure = f"query {len(out.ms) + 1} failed after {took:.1f} s ({type(exc).__name__}): {reason}"
                return out
            out.ms.append((time.perf_counter() - start) * 1000)
            out.page = max(out.page, len(page.nodes))
            out.total = max(out.total, page.total)
    return out


def _figure(name: str, scale: str, sampled: Sampled, target: str, met: bool, note: str) -> Figure:
    p95 = percentile(sampled.ms, 0.95) if sampled.ms and not sampled.failure else None
    p50 = percentile(sampled.ms, 0.5) if sampled.ms else None
    return Figure(
        family=FAMILY,
        name=name,
        scale=scale,
        unit="ms",
        value=p95,
        baseline="p50 (ms)",
        baseline_value=p50,
        ratio=p95 / p50 if p95 and p50 else None,
        target=target,
        met=met,
        note=sampled.failure or note,
    )


def run(store: Store, backend: str, scale: str, typical: list[str], reps: int, super_reps: int) -> list[Figure]:
    """The typical-node and super-node rows of one store."""
    first_page(store, typical[0])  # warm-up: caches, query plans
    limit = service.DEFAULT_PAGE
    usual = _sample(store, typical, reps)
    hub = _sample(store, [CHINA], super_reps)
    p95 = percentile(usual.ms, 0.95) if usual.ms and not usual.failure else None
    return [
        _figure(
            f"2-hop p95 around a typical node, {backend}",
            scale,
            usual,
            f"value <= {TYPICAL_P95_MS:g}",
            p95 is not None and p95 <= TYPICAL_P95_MS,
            f"{len(usual.ms)} first pages over {len(typical)} median-degree nodes; "
            f"neighbourhoods of up to {usual.total:,} nodes",
        ),
        _figure(
            f"2-hop p95 around the super node (China), {backend}",
            scale,
            hub,
            f"page <= {limit} nodes",
            bool(hub.ms) and not hub.failure and hub.page <= limit,
            f"{len(hub.ms)} first pages of {hub.page:,} nodes (limit {limit}) out of {hub.total:,}",
        ),
    ]
