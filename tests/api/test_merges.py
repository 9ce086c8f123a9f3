"""Identity across documents through the service and the CLI: one node per thing, judgements listed and undone."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from api import service
from graph.judgements import JUDGEMENTS_FILE
from graph.store import Store
from ontology.contract import GraphData, Node
from ontology.errors import InputError, NotFoundError
from ontology.judgements import Rule, Verdict
from ontology.terms import NodeType

Run = Callable[..., subprocess.CompletedProcess[str]]

#: Two reports of one story, in two files of the same name: the second names the measure only by what it covers.
FIRST = (
    "Ministry of Commerce suspends gallium curbs\n\n"
    "China's Ministry of Commerce on 3 March 2026 announced export controls on gallium and germanium, "
    "Announcement No. 7 of 2026.\n\n"
    "On 9 November 2026 the ministry suspended the export controls on gallium and germanium for one year.\n"
)
SECOND = (
    "Beijing pauses metal export rules\n\n"
    "MOFCOM said on Monday it had suspended the gallium and germanium export controls.\n\n"
    "The commerce ministry's decision follows talks in Madrid.\n"
)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    for sub, text in (("first", FIRST), ("second", SECOND)):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "news.txt").write_text(text, encoding="utf-8")
    return folder


def measures(data: GraphData, kind: str) -> list[Node]:
    return [n for n in data.nodes if n.type is NodeType.MEASURE and n.attributes.get("kind") == kind]


def test_two_reports_of_one_story_load_as_one_graph_and_the_merges_are_listed(
    empty_store: Store, reports: Path, tmp_path: Path
) -> None:
    judgements = tmp_path / "home" / JUDGEMENTS_FILE
    store = empty_store
    first = service.load_documents(store, [reports / "first"], judgements=judgements)
    second = service.load_documents(store, [reports / "second"], judgements=judgements)
    data = store.export()
    again = service.load_documents(store, [reports], judgements=judgements)
    assert store.export().nodes == data.nodes

    assert len(data.documents) == 2  # two files of one name are two documents
    assert first.merges == [] and again.merges == []
    [controls] = measures(data, "export_control")
    [suspension] = measures(data, "suspension")
    assert controls.attributes["instrument"] == "Announcement No. 7 of 2026"
    assert {j.rule for j in second.merges} == {Rule.ISSUER_DATE_ITEMS, Rule.SAME_CHANGE}
    listed = service.merges(judgements)
    assert [j.id for j in listed] == [j.id for j in second.merges]
    assert {j.canonical for j in listed} == {controls.id, suspension.id}
    assert all(j.reason and j.documents == [second.documents[0]] for j in listed)


def test_an_extract_run_resolves_across_its_documents_too(reports: Path) -> None:
    data, report = service.extract_documents([reports])

    assert len(measures(data, "suspension")) == 1
    assert len(measures(data, "export_control")) == 1
    assert len(report.merges) == 2


def test_undoing_a_merge_splits_the_node_and_later_loads_keep_the_two_apart(
    empty_store: Store, reports: Path, tmp_path: Path
) -> None:
    judgements = tmp_path / "home" / JUDGEMENTS_FILE
    store = empty_store
    service.load_documents(store, [reports], judgements=judgements)
    [merge] = [j for j in service.merges(judgements) if j.rule is Rule.SAME_CHANGE]

    undone = service.undo_merge(store, judgements, merge.id)
    split = store.export()
    service.load_documents(store, [reports], judgements=judgements)
    reloaded = store.export()

    with pytest.raises(InputError, match="not a merge in force"):
        service.undo_merge(store, judgements, merge.id)
    with pytest.raises(NotFoundError, match="no judgement"):
        service.undo_merge(store, judgements, "j-0000000000")

    assert (undone.verdict, undone.rule, undone.undoes) == (Verdict.NEGATIVE, Rule.USER, merge.id)
    assert sorted(n.id for n in measures(split, "suspension")) == sorted([merge.canonical, merge.merged])
    mentions = {e.source: e.target for e in split.edges if e.type.value == "MENTIONED_IN" and e.source == merge.merged}
    assert mentions == {merge.merged: merge.documents[0]}
    assert reloaded == split
    verdicts = {j.id: j.verdict for j in service.merges(judgements)}
    assert merge.id not in verdicts and verdicts[undone.id] is Verdict.NEGATIVE


def test_the_cli_lists_merges_and_undoes_one(run_cli: Run, reports: Path, tmp_path: Path) -> None:
    assert run_cli("load", reports).returncode == 0
    listed = run_cli("merges")
    lines = listed.stdout.splitlines()
    first = lines[0].split("\t")

    undo = run_cli("merges", "undo", first[0])
    again = run_cli("merges", "undo", first[0])

    assert listed.returncode == 0 and len(lines) == 2
    assert first[1] == "positive" and first[2] in {r.value for r in Rule}
    stored = [json.loads(line) for line in (tmp_path / "home" / JUDGEMENTS_FILE).read_text().splitlines()]
    assert [j["id"] for j in stored][:2] == [line.split("\t")[0] for line in lines]
    assert undo.returncode == 0, undo.stderr
    assert "two nodes again" in undo.stdout
    assert again.returncode == 2
    assert "is not a merge in force" in again.stderr
    assert "negative" in run_cli("merges").stdout
