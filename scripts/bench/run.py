"""`make bench`: measure every figure, print each as it comes, and write docs/benchmarks.json and .md.

Environment: `BENCH_SCALE=full` adds the 10^6-edge graph to the default
10^4 and 10^5; `BENCH_REPS` sets the timed repetitions of the ratio rows
(default 3). Work files go under .cache/bench and are removed at the end.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import neo4j_local
from rich.console import Console
from rich.markup import escape

from bench import api_load, embedded, export, extraction, neo4j_writes, report, stores, traversal
from bench.figures import Figure
from bench.generator import generate, typical_nodes
from graph import Store, open_store
from graph.exports import ExportFormat
from loaders.extract import Extractor
from ontology.contract import GraphData

SHARED = stores.REPO.parent / "shared"
SCALES = {"default": (10**4, 10**5), "full": (10**4, 10**5, 10**6)}
#: The graph size the API and JSON export rows run on. Neo4j exports JSON only, as rendering is the same code
#: for both stores, and once (report only: its read alone takes half a minute at 10^5 edges).
EXPORT_EDGES = 10**5
#: Turtle (rdflib) exports about 60-100 edges/s, so it runs once on a graph of its own of 10^3 edges:
#: at 10^4 it took three minutes of a run.
TURTLE_EDGES = 10**3
#: Median-degree nodes asked for their neighbourhood, and how many times each.
TYPICAL_NODES = 20
TRAVERSAL_REPS = 2
SUPER_REPS = 3
#: Distinct corpus documents loaded into the large store (one per run, plus the warm-up).
DOCUMENT_REPS = 3
METHOD = Path(__file__).with_name("method.md")
NOTES = Path(__file__).with_name("notes.md")

console = Console(soft_wrap=True)


def _scale(edges: int) -> str:
    return f"10^{len(str(edges)) - 1} edges"


def _show(figures: list[Figure]) -> list[Figure]:
    for f in figures:
        ratio = f"{f.ratio:.3g}x" if f.ratio is not None else "-"
        verdict = {True: "[green]met[/]", False: "[red]not met[/]", None: "report"}[f.met]
        value = f"{f.value:,.4g}" if f.value is not None else "-"
        base = f"{f.baseline_value:,.4g}" if f.baseline_value is not None else "-"
        line = escape(f"{f.family}: {f.name} [{f.scale}] {value} {f.unit} vs {base}: {ratio} {f.target}")
        console.print(f"{line} {verdict}")
        if f.note:
            console.print(f"    {f.note}", style="dim", markup=False)
    return figures


def _not_run(family: str, names: list[str], scale: str, reason: str) -> list[Figure]:
    return [Figure(family=family, name=n, scale=scale, unit="", value=None, note=f"not run: {reason}") for n in names]


def _corpus_graphs(extractor: Extractor) -> list[GraphData]:
    """The graph of each corpus document: what "one more document" loads."""
    return [extractor.extract(doc) for doc in extraction.documents(stores.REPO / "corpus")]


def _neo4j_rows(edges: int, data: GraphData, typical: list[str], work: Path, first: bool, reps: int) -> list[Figure]:
    scale = _scale(edges)
    reason = stores.neo4j_unavailable()
    if reason:
        names = ["2-hop p95 around a typical node, Neo4j", "2-hop p95 around the super node (China), Neo4j"]
        return _not_run(traversal.FAMILY, names, scale, reason)
    figures: list[Figure] = []
    with stores.neo4j_server(work / f"neo4j-{edges}") as settings:
        if first:
            figures += _show(neo4j_writes.run(settings, reps))
        started = time.monotonic()
        stores.fill_neo4j(settings, data)
        console.print(f"Neo4j: {scale} loaded in {time.monotonic() - started:.0f} s", style="dim")
        store: Store = open_store(settings.model_copy(update={"query_timeout": stores.API_QUERY_S}))
        try:
            figures += _show(traversal.run(store, "Neo4j", scale, typical, TRAVERSAL_REPS, SUPER_REPS))
        finally:
            store.close()
        if edges == EXPORT_EDGES:
            store = open_store(settings)
            try:
                figures += _show(export.run(store, settings, "Neo4j", scale, 1, [ExportFormat.JSON]))
            finally:
                store.close()
    return figures


def _embedded_rows(
    edges: int, data: GraphData, typical: list[str], work: Path, documents: list[GraphData], reps: int
) -> list[Figure]:
    scale = _scale(edges)
    home = work / f"embedded-{edges}"
    store = stores.embedded(home, writable=True)
    try:
        started = time.monotonic()
        stores.fill(store, data)
        console.print(f"embedded: {scale} loaded in {time.monotonic() - started:.0f} s", style="dim")
    finally:
        store.close()
    figures: list[Figure] = []
    store = stores.embedded(home)
    try:
        figures += _show(traversal.run(store, "embedded", scale, typical, TRAVERSAL_REPS, SUPER_REPS))
        if edges == EXPORT_EDGES:
            settings = stores.embedded_settings(home)
            figures += _show(export.run(store, settings, "embedded", scale, reps, [ExportFormat.JSON]))
    finally:
        store.close()
    contract_file = work / f"graph-{edges}.json"
    contract_file.write_text(data.model_dump_json())
    figures += _show(embedded.memory_and_reopen(home, contract_file, scale))
    contract_file.unlink()
    if edges == EXPORT_EDGES:
        figures += _show(api_load.run(home, typical[0], scale, reps))
    figures += _show([embedded.one_more_document(home, documents, scale, DOCUMENT_REPS)])
    shutil.rmtree(home)
    return figures


def _turtle_rows(work: Path) -> list[Figure]:
    """Turtle export of a small graph of its own, once: rdflib's rate is what it measures."""
    home = work / f"embedded-{TURTLE_EDGES}"
    store = stores.embedded(home, writable=True)
    try:
        stores.fill(store, generate(TURTLE_EDGES))
        settings = stores.embedded_settings(home)
        return _show(export.run(store, settings, "embedded", _scale(TURTLE_EDGES), 1, [ExportFormat.TTL]))
    finally:
        store.close()
        shutil.rmtree(home)


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=stores.REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=stores.REPO, capture_output=True, text=True)
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    load = os.getloadavg()[1]
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, 5-min load {load:.1f} at the end"


def main() -> None:
    mode = os.environ.get("BENCH_SCALE", "default")
    if mode not in SCALES:
        raise SystemExit(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {mode!r}")
    reps = int(os.environ.get("BENCH_REPS", "3"))
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    started = time.monotonic()
    work = stores.CACHE / "bench"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    figures = _show(extraction.run(stores.REPO / "corpus", SHARED / "seeds", reps))
    documents = _corpus_graphs(Extractor())[: DOCUMENT_REPS + 1]
    figures += _turtle_rows(work)
    for number, edges in enumerate(SCALES[mode]):
        console.print(f"{_scale(edges)}: starting at {(time.monotonic() - started) / 60:.1f} min", style="dim")
        data = generate(edges)
        typical = typical_nodes(data, TYPICAL_NODES)
        figures += _embedded_rows(edges, data, typical, work, documents, reps)
        figures += _neo4j_rows(edges, data, typical, work, number == 0, reps)
        del data
    shutil.rmtree(work, ignore_errors=True)
    for figure in figures:
        figure.run = started_at
    versions = {name: version(name) for name in ("spacy", "networkx", "neo4j", "fastapi", "uvicorn", "pydantic")}
    versions["Neo4j server"] = neo4j_local.neo4j_version()
    run = report.Run(
        started=started_at,
        mode=mode,
        seconds=time.monotonic() - started,
        commit=_commit(),
        machine=_machine(),
        versions=versions,
    )
    results = report.merged(report.load(), run, figures)
    report.write(results, METHOD.read_text(), NOTES.read_text())
    console.print(f"wrote {report.MARKDOWN_FILE} in {run.seconds / 60:.1f} min")


if __name__ == "__main__":
    main()
