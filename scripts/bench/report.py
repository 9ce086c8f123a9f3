"""docs/benchmarks.json (the figures, as measured) and docs/benchmarks.md (rendered from it).

A run replaces the rows it measured and keeps the others, so a default run
after a `BENCH_SCALE=full` one keeps the 10^6-edge rows; every row names the
run it came from, and every run is listed with the machine and code it ran on.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from bench.figures import Figure

DOCS = Path(__file__).resolve().parents[2] / "docs"
JSON_FILE = DOCS / "benchmarks.json"
MARKDOWN_FILE = DOCS / "benchmarks.md"
TIMES = "\N{MULTIPLICATION SIGN}"


class Run(BaseModel):
    """Where and on what one run measured."""

    started: str
    mode: str
    seconds: float
    commit: str
    machine: str
    versions: dict[str, str] = Field(default_factory=dict)


class Results(BaseModel):
    """What docs/benchmarks.json holds."""

    runs: list[Run] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


def load(path: Path = JSON_FILE) -> Results:
    """The stored results, or none yet."""
    return Results.model_validate_json(path.read_text()) if path.exists() else Results()


def merged(old: Results, run: Run, figures: list[Figure]) -> Results:
    """`old` with this run's rows in place of the rows they re-measure, and only the runs some row comes from."""
    fresh = {f.key for f in figures}
    kept = [f for f in old.figures if f.key not in fresh]
    rows = [*kept, *figures]
    used = {f.run for f in rows}
    runs = [r for r in old.runs if r.started in used and r.started != run.started] + [run]
    return Results(runs=runs, figures=rows)


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def _verdict(figure: Figure) -> str:
    if figure.met is None:
        return "report" if figure.value is not None else "not run"
    return "met" if figure.met else "**not met**"


def table(figures: list[Figure]) -> str:
    """The figures as one Markdown table, in the order given."""
    lines = [
        "| figure | data | value | baseline | ratio | target | verdict | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        value = f"{_number(f.value)} {f.unit}" if f.value is not None else "—"
        baseline = f"{_number(f.baseline_value)} ({f.baseline})" if f.baseline else "—"
        ratio = f"{_number(f.ratio)}{TIMES}" if f.ratio is not None else "—"
        cells = [f.name, f.scale, value, baseline, ratio, f.target or "—", _verdict(f), f.note.replace("|", "/")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def shortfall(figure: Figure) -> str:
    """One line: which target a row misses and by how much."""
    where = f"{figure.name} ({figure.scale})"
    if figure.value is None:
        return f"- {where}: not measured; {figure.note}"
    if figure.target.startswith(("ratio", "value")):
        measured, check, bound = figure.target.split()
        actual = figure.ratio if measured == "ratio" else figure.value
        unit = TIMES if measured == "ratio" else f" {figure.unit}"
        if actual is not None:
            factor = float(bound) / actual if check == ">=" else actual / float(bound)
            short = f"{factor:.1f}{TIMES} short"
            return f"- {where}: {measured} {_number(actual)}{unit}, target {check} {bound}{unit}: {short}"
    return f"- {where}: {figure.target} does not hold; {figure.note}"


def render(results: Results, method: str, shortfalls: str) -> str:
    """docs/benchmarks.md: the method, the figures by family, what falls short, and the runs."""
    parts = [method.strip(), "## Figures of the last runs"]
    families = list(dict.fromkeys(f.family for f in results.figures))
    for family in families:
        parts += [f"### {family}", table([f for f in results.figures if f.family == family])]
    missed = [shortfall(f) for f in results.figures if f.met is False]
    parts += ["## Where a target is not met, by how much and why", "\n".join(missed) or "Every target is met."]
    parts += [shortfalls.strip(), "## Runs"]
    runs = [
        "| started (UTC) | mode | took | commit | machine | versions |",
        "|---|---|---|---|---|---|",
    ]
    for run in results.runs:
        versions = ", ".join(f"{k} {v}" for k, v in run.versions.items())
        took = f"{run.seconds / 60:.1f} min"
        runs.append(f"| {run.started} | {run.mode} | {took} | `{run.commit}` | {run.machine} | {versions} |")
    parts.append("\n".join(runs))
    return "\n\n".join(parts) + "\n"


def write(results: Results, method: str, shortfalls: str) -> None:
    """Write docs/benchmarks.json and the Markdown rendered from it."""
    DOCS.mkdir(exist_ok=True)
    JSON_FILE.write_text(results.model_dump_json(indent=1) + "\n")
    MARKDOWN_FILE.write_text(render(results, method, shortfalls))
