"""The benchmark report: rows judged against their targets, later runs replacing only what they re-measured."""

from __future__ import annotations

from bench.figures import Figure, percentile, ratio_figure
from bench.report import Results, Run, merged, render, shortfall


def row(name: str, scale: str, run: str, ratio: float = 2.0) -> Figure:
    return ratio_figure(
        "Family", name, value=ratio, baseline="base", baseline_value=1.0, check=">=", bound=1.0, scale=scale, unit="x"
    ).model_copy(update={"run": run})


def test_a_ratio_row_is_judged_by_its_ratio() -> None:
    assert row("a", "s", "r", ratio=2.0).met is True
    missed = row("a", "s", "r", ratio=0.25)
    assert missed.met is False
    assert "4.0" in shortfall(missed) and "short" in shortfall(missed)


def test_a_row_without_a_target_is_only_reported() -> None:
    figure = ratio_figure("F", "n", value=3.0, baseline="b", baseline_value=1.5, check=None, unit="s")
    assert figure.ratio == 2.0 and figure.met is None and figure.target == ""


def test_a_later_run_replaces_the_rows_it_measured_and_keeps_the_others() -> None:
    first = Run(started="1", mode="full", seconds=1, commit="a", machine="m")
    second = Run(started="2", mode="default", seconds=1, commit="b", machine="m")
    old = merged(Results(), first, [row("t", "10^5 edges", "1"), row("t", "10^6 edges", "1")])
    new = merged(old, second, [row("t", "10^5 edges", "2", ratio=3.0)])
    assert {(f.scale, f.run) for f in new.figures} == {("10^5 edges", "2"), ("10^6 edges", "1")}
    assert [r.started for r in new.runs] == ["1", "2"]
    again = merged(new, Run(started="3", mode="full", seconds=1, commit="c", machine="m"), [
        row("t", "10^5 edges", "3"), row("t", "10^6 edges", "3")
    ])  # fmt: skip
    assert [r.started for r in again.runs] == ["3"]


def test_the_document_lists_every_row_and_every_shortfall() -> None:
    results = merged(Results(), Run(started="1", mode="default", seconds=60, commit="a", machine="m"), [
        row("fast", "s", "1"), row("slow", "s", "1", ratio=0.5)
    ])  # fmt: skip
    text = render(results, "# Benchmarks", "why")
    assert "| fast |" in text and "| slow |" in text
    assert "- slow (s): ratio 0.5" in text and "Every target is met" not in text


def test_percentile_by_nearest_rank() -> None:
    samples = [float(i) for i in range(1, 21)]
    assert percentile(samples, 0.5) == 10.0
    assert percentile(samples, 0.95) == 19.0
    assert percentile([7.0], 0.95) == 7.0
