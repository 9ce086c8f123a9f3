"""What one benchmark row holds, how it is judged, and how candidate and baseline are timed side by side.

These machines are shared and noisy, so no figure is an absolute speed: each
is a ratio of a candidate to a baseline measured in the same run, in
alternating order (baseline, candidate, baseline, ...) after a warm-up, and
compared by medians. A few rows have an absolute bound as well (a latency, a
reopen time); they say so in their target.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field


class Figure(BaseModel):
    """One row of docs/benchmarks.md: a candidate measured against its baseline, and the verdict."""

    family: str = Field(description="The group of rows it belongs to, e.g. 'Neo4j writes'.")
    name: str
    scale: str = Field(default="", description="The data it ran on, e.g. '10^5 edges' or 'corpus/'.")
    unit: str
    value: float | None = Field(description="The candidate's figure, in `unit`; None when it could not run.")
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = Field(default=None, description="value / baseline_value.")
    target: str = Field(default="", description="e.g. 'ratio >= 0.5' or 'value <= 50'; empty for report-only rows.")
    met: bool | None = Field(default=None, description="Whether the target holds; None for report-only rows.")
    note: str = ""
    run: str = Field(default="", description="When the run that measured it started (UTC, ISO 8601).")

    @property
    def key(self) -> tuple[str, str, str]:
        """What a later run's row replaces: the same figure on the same data."""
        return (self.family, self.name, self.scale)


Check = Literal[">=", "<="]


def judge(actual: float | None, check: Check, bound: float) -> bool | None:
    """Whether `actual check bound` holds; None when there is no figure to judge."""
    if actual is None:
        return None
    return actual >= bound if check == ">=" else actual <= bound


def ratio_figure(
    family: str,
    name: str,
    *,
    value: float | None,
    baseline: str,
    baseline_value: float | None,
    check: Check | None,
    bound: float | None = None,
    **rest: str,
) -> Figure:
    """A row whose target bounds value / baseline_value."""
    ratio = value / baseline_value if value is not None and baseline_value else None
    target = f"ratio {check} {bound:g}" if check and bound is not None else ""
    met = judge(ratio, check, bound) if check and bound is not None else None
    return Figure(
        family=family,
        name=name,
        value=value,
        baseline=baseline,
        baseline_value=baseline_value,
        ratio=ratio,
        target=target,
        met=met,
        **rest,
    )


def seconds(work: Callable[[], object]) -> float:
    """Wall-clock seconds `work()` takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def side_by_side(
    candidate: Callable[[int], object], baseline: Callable[[int], object], reps: int, warmup: bool = True
) -> tuple[float, float]:
    """Median seconds of `candidate(i)` and `baseline(i)`, run alternately `reps` times each after one warm-up.

    Each callable gets the repetition number, so work that must not repeat
    (fresh ids, a fresh document) can differ per run; -1 is the warm-up.
    """
    if warmup:
        baseline(-1)
        candidate(-1)
    base, cand = [], []
    for rep in range(reps):
        base.append(seconds(lambda rep=rep: baseline(rep)))
        cand.append(seconds(lambda rep=rep: candidate(rep)))
    return statistics.median(cand), statistics.median(base)


def percentile(samples: list[float], share: float) -> float:
    """The `share` (0..1) quantile by the nearest-rank rule, so p95 of 20 samples is the 19th smallest."""
    ordered = sorted(samples)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.4999)))
    return ordered[rank - 1]
