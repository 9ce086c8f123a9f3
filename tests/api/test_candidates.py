"""Loading resolves a document against the stored nodes it could name, found by query, never the whole store."""

from __future__ import annotations

from pathlib import Path

from api import service
from graph.candidates import candidates
from graph.judgements import JUDGEMENTS_FILE
from graph.memory import MemoryStore
from graph.store import Store
from ontology.contract import GraphData, Node
from ontology.judgements import Rule
from ontology.terms import NodeType

FIRST = (
    "Beijing curbs indium\n\n"
    "China's Ministry of Commerce on 4 May 2027 announced export controls on indium and bismuth, "
    "Announcement No. 12 of 2027.\n\n"
    "On 1 October 2027 the ministry suspended the export controls on indium and bismuth for one year.\n"
)
SECOND = "Indium rules paused\n\nMOFCOM said on Tuesday it had suspended the indium and bismuth export controls.\n"
#: Stored nodes the second document has nothing to do with.
FILLER = GraphData(
    nodes=[Node(id=f"entity:filler-{i}", type=NodeType.ENTITY, name=f"Filler Holdings {i}") for i in range(300)]
)


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "news.txt").write_text(text, encoding="utf-8")
    return folder


class WholeStoreRefused(MemoryStore):
    """The embedded store, refusing to be exported whole: what loading must never need."""

    def export(self) -> GraphData:
        raise AssertionError("loading read the whole store")


def test_the_candidates_of_a_document_are_the_stored_nodes_it_could_be(empty_store: Store, tmp_path: Path) -> None:
    service.load_documents(empty_store, [_write(tmp_path / "a", FIRST)])
    empty_store.upsert(FILLER)
    stored = {n.id: n for n in empty_store.export().nodes}
    second, _ = service.extract_documents([_write(tmp_path / "b", SECOND)])

    found = candidates(empty_store, second)

    ids = {n.id for n in found.nodes}
    assert not any(i.startswith("entity:filler") for i in ids)
    kinds = {stored[i].attributes.get("kind") for i in ids if stored.get(i) and stored[i].type is NodeType.MEASURE}
    assert {"export_control", "suspension"} <= kinds
    assert all(n == stored[n.id] for n in found.nodes)
    assert len(found.nodes) < len(stored) // 10


def test_loading_into_a_store_merges_without_reading_it_whole(tmp_path: Path) -> None:
    store = WholeStoreRefused(tmp_path / "home" / "store", writable=True)
    judgements = tmp_path / "home" / JUDGEMENTS_FILE
    try:
        service.load_documents(store, [_write(tmp_path / "a", FIRST)], judgements=judgements)
        store.upsert(FILLER)
        second = service.load_documents(store, [_write(tmp_path / "b", SECOND)], judgements=judgements)
    finally:
        store.close()

    assert Rule.SAME_CHANGE in {j.rule for j in second.merges}
    assert [j.id for j in service.merges(judgements)] == [j.id for j in second.merges]
