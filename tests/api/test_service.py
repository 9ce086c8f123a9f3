"""The service layer the API, the CLI and notebooks share, on a real embedded store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import (
    DYSPROSIUM,
    FAST_LANE,
    LICENCES,
    MEETING,
    MOFCOM,
    NOTE_ID,
    PAUSE,
    SEFCOVIC,
    WANG,
    WANG_YI,
    document_ids,
)

from api import service
from graph import Settings
from graph.memory import GRAPH_FILE, MemoryStore
from ontology.contract import GraphData, Node, graph_errors
from ontology.errors import InputError, NotFoundError
from ontology.terms import EdgeType, NodeType

STORY = "Customs officers in two ports began checking magnet shipments on Monday.\n"


def ids(items: list) -> list[str]:
    return [getattr(item, "node", item).id for item in items]


# ---------------------------------------------------------------- reading the graph


@pytest.mark.parametrize("query", ["sefcovic", "Šefčovič", "SEFC", "maros sef"])
def test_search_ignores_accents_and_case_and_matches_word_starts(store: MemoryStore, query: str) -> None:
    assert ids(service.search_entities(store, query)) == [MEETING, SEFCOVIC]
    assert ids(service.search_entities(store, query, NodeType.OFFICIAL)) == [SEFCOVIC]


def test_search_matches_aliases_and_filters_by_type(store: MemoryStore) -> None:
    assert ids(service.search_entities(store, "mofcom")) == [MOFCOM]
    assert ids(service.search_entities(store, "wang")) == [MEETING, WANG, WANG_YI]
    assert ids(service.search_entities(store, "wang", NodeType.OFFICIAL)) == [WANG, WANG_YI]
    assert ids(service.search_entities(store, "wang", NodeType.OFFICIAL, limit=1)) == [WANG]
    assert ids(service.search_entities(store, None, NodeType.MEASURE)) == [LICENCES, FAST_LANE, PAUSE]
    assert service.search_entities(store, "nobody-by-that-name") == []


def test_search_limits_are_checked(store: MemoryStore) -> None:
    with pytest.raises(InputError, match="limit must be between 1 and 500, not 0"):
        service.search_entities(store, "wang", limit=0)


def test_an_entity_comes_with_its_edges_evidence_and_neighbours(store: MemoryStore) -> None:
    found = service.get_entity(store, SEFCOVIC)

    assert found.node.name == "Maroš Šefčovič"
    assert [(e.type, e.target) for e in found.edges] == [
        (EdgeType.MENTIONED_IN, NOTE_ID),
        (EdgeType.PARTICIPATED_IN, MEETING),
    ]
    [participation] = [e for e in found.edges if e.type is EdgeType.PARTICIPATED_IN]
    assert participation.attributes == {"role": "participant"}
    assert [ev.text for ev in participation.evidence] == ["hosted Maroš Šefčovič"]
    assert [n.name for n in found.neighbors] == ["Brussels note", "Wang Wentao meets Maroš Šefčovič"]


def test_an_unknown_entity_is_not_found_with_its_id_in_the_message(store: MemoryStore) -> None:
    with pytest.raises(NotFoundError, match="no node with id 'official:nobody'"):
        service.get_entity(store, "official:nobody")


def test_neighbours_grow_with_depth_and_follow_only_the_types_asked(store: MemoryStore) -> None:
    one = service.neighbors(store, SEFCOVIC)
    two = service.neighbors(store, SEFCOVIC, depth=2)
    participants = service.neighbors(store, SEFCOVIC, depth=3, types=["PARTICIPATED_IN"])

    assert ids(one.nodes) == [MEETING, SEFCOVIC]
    assert ids(two.nodes) == [FAST_LANE, MEETING, SEFCOVIC, WANG]
    assert ids(participants.nodes) == [MEETING, SEFCOVIC, WANG]
    assert {e.type for e in participants.edges} == {EdgeType.PARTICIPATED_IN}
    assert graph_errors(two) == []


def test_neighbour_arguments_are_checked(store: MemoryStore) -> None:
    with pytest.raises(InputError, match="depth must be between 1 and 3, not 4"):
        service.neighbors(store, SEFCOVIC, depth=4)
    with pytest.raises(InputError, match=r"unknown edge types KNOWS: use any of AFFECTS, .*TARGETS"):
        service.neighbors(store, SEFCOVIC, types=["KNOWS", "COVERS"])
    with pytest.raises(NotFoundError, match="no node with id 'official:nobody'"):
        service.neighbors(store, "official:nobody")


@pytest.mark.parametrize("participant", [SEFCOVIC, "Šefčovič", "sefcovic", "Maros Sefcovic"])
def test_meetings_of_a_participant_named_by_id_or_name(store: MemoryStore, participant: str) -> None:
    [meeting] = service.meetings(store, participant)
    assert meeting.node.id == MEETING
    assert {(e.source, e.attributes.get("role")) for e in meeting.edges if e.type is EdgeType.PARTICIPATED_IN} == {
        (WANG, "host"),
        (SEFCOVIC, "participant"),
    }


def test_an_exact_name_wins_over_names_it_only_starts(store: MemoryStore) -> None:
    assert ids(service.meetings(store, "Wang Wentao")) == [MEETING]
    assert service.meetings(store, "Wang Yi") == []


def test_an_ambiguous_or_unknown_participant_is_a_clear_error(store: MemoryStore) -> None:
    with pytest.raises(InputError, match=r"participant 'Wang' is ambiguous: .*\(official:wang-wentao\).*wang-yi"):
        service.meetings(store, "Wang")
    with pytest.raises(NotFoundError, match="participant 'Nobody Atall' names no Entity, Ministry or Official"):
        service.meetings(store, "Nobody Atall")
    with pytest.raises(InputError, match="'element:dy' is of type Element, not Entity, Ministry or Official"):
        service.meetings(store, DYSPROSIUM)


def test_measures_by_element_and_issuer_named_either_way(store: MemoryStore) -> None:
    assert ids(service.measures(store)) == [LICENCES, PAUSE, FAST_LANE]
    assert ids(service.measures(store, element="dysprosium")) == [LICENCES, FAST_LANE]
    assert ids(service.measures(store, element="Dy", issuer="MOFCOM")) == [LICENCES]
    assert ids(service.measures(store, issuer=MOFCOM)) == [LICENCES, PAUSE]
    assert ids(service.measures(store, issuer="the commerce ministry")) == [LICENCES, PAUSE]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 4, 3), []),
        (date(2025, 4, 4), [LICENCES]),
        (date(2025, 6, 10), [LICENCES, PAUSE]),
        (date(2025, 8, 12), [LICENCES]),
    ],
)
def test_measures_in_force_on_a_day(store: MemoryStore, day: date, expected: list[str]) -> None:
    assert ids(service.measures(store, in_force_on=day)) == expected


def test_health_and_export(store: MemoryStore, store_home: Path, small_graph: GraphData) -> None:
    report = service.health(store, Settings(home=store_home))
    assert report.status == "ok"
    assert report.backend == f"embedded {store_home / 'store'}"
    assert report.counts == {"nodes": len(small_graph.nodes), "edges": len(small_graph.edges)}
    exported = service.export_graph(store)
    assert [d.id for d in exported.documents] == [NOTE_ID]
    assert ids(exported.nodes) == sorted(n.id for n in small_graph.nodes)


# ---------------------------------------------------------------- documents in


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two stories, a file of another kind, an empty file, and a manifest."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ports.txt").write_text(f"Logo 2 June 2025\n\nPorts check magnets\n\n{STORY}", encoding="utf-8")
    (docs / "quota.md").write_text("# Quota cut\n\nThe smelting quota was cut by a fifth.\n", encoding="utf-8")
    (docs / "rates.csv").write_text("port,rate\nA,1\n", encoding="utf-8")
    (docs / "empty.txt").write_bytes(b"")
    row = {"file": "quota.md", "published": "2025-06-03", "title": "Quota cut by a fifth"}
    (docs / "manifest.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return docs


def test_extract_reads_every_document_and_reports_every_other_file(folder: Path) -> None:
    seen: list[tuple[str, int, int]] = []

    data, report = service.extract_documents(
        [folder], folder / "manifest.jsonl", lambda f, done, total: seen.append((f.name, done, total))
    )

    assert report.documents == document_ids(folder, "ports.txt", "quota.md")
    assert [d.id for d in data.documents] == report.documents
    assert {d.id: d.published for d in data.documents} == dict(
        zip(document_ids(folder, "ports.txt", "quota.md"), ["2025-06-02", "2025-06-03"], strict=True)
    )
    assert {d.id: d.title for d in data.documents}[document_ids(folder, "quota.md")[0]] == "Quota cut by a fifth"
    assert report.skipped == [folder / "rates.csv"]
    assert [(f.path, f.reason) for f in report.failed] == [(folder / "empty.txt", "the file is empty")]
    assert not report.complete
    assert (report.nodes, report.edges) == (len(data.nodes), len(data.edges))
    assert seen == [("empty.txt", 1, 3), ("ports.txt", 2, 3), ("quota.md", 3, 3)]
    assert graph_errors(data) == []


def test_a_bad_manifest_stops_the_run_before_any_file_is_read(folder: Path) -> None:
    (folder / "manifest.jsonl").write_text('{"file": "quota.md", "published": "June"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.jsonl:1: "):
        service.extract_documents([folder], folder / "manifest.jsonl")


def test_loading_twice_changes_nothing(folder: Path, tmp_path: Path) -> None:
    store = MemoryStore(tmp_path / "store", writable=True)
    first = service.load_documents(store, [folder], folder / "manifest.jsonl")
    graph = store.export()
    store.close()
    file = (tmp_path / "store" / GRAPH_FILE).read_bytes()

    store = MemoryStore(tmp_path / "store", writable=True)
    second = service.load_documents(store, [folder], folder / "manifest.jsonl")
    store.close()

    assert first == second
    assert first.documents == document_ids(folder, "ports.txt", "quota.md")
    assert (first.nodes, first.edges) == (len(graph.nodes), len(graph.edges))
    assert MemoryStore(tmp_path / "store").export() == graph
    assert (tmp_path / "store" / GRAPH_FILE).read_bytes() == file


def test_extract_and_load_give_the_same_graph(folder: Path, tmp_path: Path) -> None:
    (folder / "empty.txt").unlink()
    extracted, _ = service.extract_documents([folder], folder / "manifest.jsonl")
    store = MemoryStore(tmp_path / "store", writable=True)
    service.load_documents(store, [folder], folder / "manifest.jsonl")
    loaded = store.export()
    store.close()

    def without_load_times(
        data: GraphData,
    ) -> list[Node]:  # the extractor stamps each document with the time it was read
        return [n.model_copy(update={"attributes": {**n.attributes, "loaded": None}}) for n in data.nodes]

    assert without_load_times(loaded) == without_load_times(extracted)
    assert loaded.edges == extracted.edges
