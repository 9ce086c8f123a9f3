"""Extraction quality, measured the way the user measures it: `score.py` over a gold graph.

The seeds gold (../shared) is the acceptance gate. The sample-corpus gold
(tests/data/corpus_gold.json, annotated apart from the rules) guards against
regressions on text the rules were not written against; its floor is set just
below what the extractor achieves today, so a drop fails and a gain is free.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import POLICYGRAPH, REPO, SHARED


def score(extracted: str, gold: Path) -> dict:
    """Run the shared scorer on an export and return its report."""
    prediction = Path(REPO / ".cache" / "score-input.json")
    prediction.parent.mkdir(exist_ok=True)
    prediction.write_text(extracted, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), str(prediction), str(gold), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(out.stdout[: out.stdout.rindex("}") + 1])


def extract(folder: Path) -> str:
    done = subprocess.run(
        [str(POLICYGRAPH), "extract", str(folder), "--manifest", str(folder / "manifest.jsonl")],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_seeds_reach_the_acceptance_scores(seeds: Path) -> None:
    report = score(extract(seeds), SHARED / "gold" / "seeds.json")
    assert report["node_f1"] >= 0.85, report
    assert report["edge_f1"] >= 0.70, report


def test_design_card_example_holds(seeds: Path) -> None:
    graph = json.loads(extract(seeds))
    meetings = {n["id"]: n for n in graph["nodes"] if n["type"] == "Meeting"}
    joint = [
        m
        for m in meetings
        if {"official:wang-wentao", "official:maros-sefcovic"}
        <= {e["source"] for e in graph["edges"] if e["type"] == "PARTICIPATED_IN" and e["target"] == m}
    ]
    assert len(joint) == 1
    assert meetings[joint[0]]["attributes"]["date"] == "2025-06-03"


def test_sample_corpus_does_not_regress(seeds: Path) -> None:
    report = score(extract(REPO / "corpus"), REPO / "tests" / "data" / "corpus_gold.json")
    assert report["node_f1"] >= 0.83, report
    assert report["edge_f1"] >= 0.54, report
