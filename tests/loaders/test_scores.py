"""Extraction quality, measured the way the user measures it: `score.py` over a gold graph, on every run.

Three corpora, as `make eval` prints them: the seeds (../shared/gold/seeds.json),
the sample corpus (tests/data/corpus_gold.json, annotated apart from the rules)
and the dev corpus of real articles (../shared/dev/gold.json). Issue 6 asks for
node/edge F1 of 0.85/0.65 on dev and on the sample corpus, 0.90/0.80 on the
seeds. The floors below are those targets, so that falling short of the issue
fails the run.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from evaluate import CORPORA, Corpus, scorer
from evaluate import evaluate as evaluate_corpus

from tests.conftest import POLICYGRAPH


def extract(folder: Path) -> str:
    done = subprocess.run(
        [str(POLICYGRAPH), "extract", str(folder), "--manifest", str(folder / "manifest.jsonl")],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


#: (node F1, edge F1) floors per corpus: the issue's targets, which every corpus now meets (today: seeds 0.97 / 0.85,
#: corpus 0.86 / 0.68, dev 0.92 / 0.77).
FLOORS = {"seeds": (0.90, 0.80), "corpus": (0.85, 0.65), "dev": (0.85, 0.65)}


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.name)
def test_corpus_scores_stay_above_their_floors(corpus: Corpus, seeds: Path) -> None:
    report = evaluate_corpus(corpus, scorer())["overall"]
    node_floor, edge_floor = FLOORS[corpus.name]
    assert report["node_f1"] >= node_floor, report
    assert report["edge_f1"] >= edge_floor, report


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
