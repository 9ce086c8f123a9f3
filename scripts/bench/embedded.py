"""The embedded store at scale: its memory and reopen time against a bare networkx graph, and one more document.

Memory and reopen are measured in fresh processes (`bench.probe`), so that
nothing the run built before is counted. "One more document" upserts the graph
of one real corpus document into the large store and, side by side, into an
empty one: a store whose writes cost what they change takes about as long for
both. Extraction is done once beforehand and not timed, as it is the same on
both sides.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.figures import Figure, ratio_figure, side_by_side
from bench.stores import REPO, embedded
from ontology.contract import GraphData

FAMILY = "Embedded store"
REOPEN_S = 10.0


def _probe(kind: str, where: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "scripts")])}
    done = subprocess.run(
        [sys.executable, "-m", "bench.probe", kind, str(where)], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"bench.probe {kind} {where} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory_and_reopen(home: Path, contract_file: Path, scale: str) -> list[Figure]:
    """Resident memory and open time of the store under `home` against a bare MultiDiGraph of `contract_file`."""
    store = _probe("store", home)
    bare = _probe("networkx", contract_file)
    return [
        ratio_figure(
            FAMILY,
            "memory of the opened store",
            scale=scale,
            unit="MiB",
            value=store["bytes"] / 2**20,
            baseline="bare networkx MultiDiGraph of the same nodes and edges (MiB)",
            baseline_value=bare["bytes"] / 2**20,
            check="<=",
            bound=1.5,
            note="resident memory added by opening, in a fresh process",
        ),
        Figure(
            family=FAMILY,
            name="reopen time",
            scale=scale,
            unit="s",
            value=store["seconds"],
            baseline="bare networkx built from the contract JSON (s)",
            baseline_value=bare["seconds"],
            ratio=store["seconds"] / bare["seconds"],
            target=f"value <= {REOPEN_S:g}",
            met=store["seconds"] <= REOPEN_S,
        ),
    ]


def one_more_document(home: Path, documents: list[GraphData], scale: str, reps: int) -> Figure:
    """Seconds to upsert one document's graph into the store under `home` against into an empty store."""
    large = embedded(home, writable=True)
    with tempfile.TemporaryDirectory(dir=home.parent) as scratch:
        empties = {rep: embedded(Path(scratch) / f"empty{rep}", writable=True) for rep in range(-1, reps)}
        try:
            large_s, empty_s = side_by_side(
                lambda rep: large.upsert(documents[rep]), lambda rep: empties[rep].upsert(documents[rep]), reps
            )
        finally:
            large.close()
            for store in empties.values():
                store.close()
    sizes = sorted(len(d.nodes) + len(d.edges) for d in documents)
    return ratio_figure(
        FAMILY,
        "load one more document",
        scale=scale,
        unit="s",
        value=large_s,
        baseline="the same document into an empty store (s)",
        baseline_value=empty_s,
        check="<=",
        bound=3,
        note=f"upsert of one corpus document's graph ({sizes[0]}-{sizes[-1]} nodes and edges), another each run",
    )
