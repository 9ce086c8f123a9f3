"""Acceptance: the seeds, the sample corpus and the dev corpus loaded together name each shared thing once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from api import service
from graph.judgements import JUDGEMENTS_FILE
from graph.memory import MemoryStore
from ontology.contract import GraphData, Node
from ontology.judgements import Verdict
from ontology.terms import EdgeType, NodeType

#: Each corpus folder with its manifest.
CORPORA = (
    (SHARED / "seeds", SHARED / "seeds" / "manifest.jsonl"),
    (REPO / "corpus", REPO / "corpus" / "manifest.jsonl"),
    (SHARED / "dev" / "docs", SHARED / "dev" / "docs" / "manifest.jsonl"),
)
RARE_EARTHS = {"element:sm", "element:gd", "element:tb", "element:dy", "element:lu", "element:sc", "element:y"}


@pytest.fixture(scope="module", params=[(0, 1, 2), (2, 1, 0)], ids=["seeds-first", "dev-first"])
def loaded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[GraphData, list[service.LoadReport], Path]:
    """The three corpora loaded one after the other into one embedded store, in two orders, with their judgements."""
    missing = [str(folder) for folder, _ in CORPORA if not folder.is_dir()]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} missing, and CI=true forbids skipping the tests that read them")
        pytest.skip(f"{SHARED} is absent")
    home = tmp_path_factory.mktemp("home")
    store = MemoryStore(home / "store", writable=True)
    try:
        order = [CORPORA[i] for i in request.param]
        reports = [service.load_documents(store, [f], m, judgements=home / JUDGEMENTS_FILE) for f, m in order]
        return store.export(), reports, home / JUDGEMENTS_FILE
    finally:
        store.close()


def covering(data: GraphData, items: set[str]) -> list[Node]:
    """Measures that cover most of `items`."""
    covers: dict[str, set[str]] = {}
    for edge in data.edges:
        if edge.type is EdgeType.COVERS:
            covers.setdefault(edge.source, set()).add(edge.target)
    return [n for n in data.nodes if len(covers.get(n.id, set()) & items) > len(items) // 2]


def test_the_4_april_2025_rare_earth_controls_are_one_node(loaded: tuple[GraphData, list, Path]) -> None:
    data, _, _ = loaded
    april = [n for n in covering(data, RARE_EARTHS) if n.attributes.get("kind") == "export_control"]
    # Dated April 2025, or undated: a reading without a date must have joined the dated one.
    april = [n for n in april if str(n.attributes.get("announced", "2025-04")).startswith("2025-04")]

    assert len(april) == 1, [(n.id, n.name) for n in april]
    [controls] = april
    documents = {e.target for e in data.edges if e.source == controls.id and e.type is EdgeType.MENTIONED_IN}
    assert len(documents) >= 3
    assert any("18" in str(controls.attributes.get("instrument", "")) or "18" in a for a in controls.aliases)


def test_the_ministry_of_commerce_is_one_node(loaded: tuple[GraphData, list, Path]) -> None:
    data, _, _ = loaded
    named = [
        n
        for n in data.nodes
        if n.type is NodeType.MINISTRY
        and any(a.lower() in {"mofcom", "ministry of commerce"} for a in [n.name, *n.aliases])
    ]
    assert [n.id for n in named] == ["ministry:cn-mofcom"]


def test_every_merge_is_listed_with_its_reason(loaded: tuple[GraphData, list, Path]) -> None:
    data, reports, judgements = loaded
    listed = service.merges(judgements)
    ids = {n.id for n in data.nodes}

    assert listed, "loading three corpora that share a story merges nothing"
    assert [j.id for j in listed] == [j.id for r in reports for j in r.merges]
    for judgement in listed:
        assert judgement.verdict is Verdict.POSITIVE and judgement.reason and judgement.documents
        assert judgement.canonical in ids and judgement.merged not in ids
