"""Reading documents and loading them into a store: the one path every load takes (CLI, API, notebooks)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from graph import Store
from graph.candidates import candidates
from graph.judgements import read_judgements, record_judgements
from graph.retraction import EdgeRef, Retraction, retract_document
from graph.store import Linked, merge_graphs
from graph.traversal import IsoDate
from loaders.clean import clean_text
from loaders.documents import SourceDocument, discover, read_documents
from loaders.identity import Resolver, fold, rename
from ontology.contract import GraphData, validate_graph
from ontology.errors import ConflictError, InputError, StoreError
from ontology.ids import node_id, slug
from ontology.judgements import Judgement, Judgements
from ontology.terms import NodeType

if TYPE_CHECKING:
    from loaders.extract import Extractor


#: Called after each file a run reads: the file, how many are done, how many there are.
Progress = Callable[[Path, int, int], None]


class FileFailure(BaseModel):
    """A file that could not be used, and the one-line reason."""

    path: Path
    reason: str


class LoadReport(BaseModel):
    """What a run did with the files it was given, and the size of the graph it left."""

    documents: list[str] = Field(default_factory=list, description="Ids of the documents read.")
    skipped: list[Path] = Field(default_factory=list, description="Files of other kinds, passed over.")
    failed: list[FileFailure] = Field(default_factory=list, description="Files that could not be used.")
    nodes: int = 0
    edges: int = 0
    merges: list[Judgement] = Field(default_factory=list, description="Nodes judged the same as known ones.")

    @property
    def complete(self) -> bool:
        """Every file given was read: nothing skipped, nothing failed."""
        return not self.skipped and not self.failed


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    """One extractor per process: building its pipeline is the slow part of a run.

    Imported here, not at the top, so that the API, which never extracts, starts without spaCy.
    """
    from loaders.extract import Extractor

    return Extractor()


def one_line(text: str) -> str:
    return " ".join(text.split())


def _document_graphs(
    paths: list[Path], manifest: Path | None, report: LoadReport, progress: Progress | None
) -> Iterator[tuple[str, GraphData]]:
    """The checked graph of each readable document; files passed over or failed go into `report`."""
    files, report.skipped = discover(paths, manifest)
    for done, (file, doc) in enumerate(read_documents(files, manifest), 1):
        try:
            if isinstance(doc, InputError):
                raise doc
            graph = validate_graph(_extractor().extract(doc), str(file))
        except InputError as exc:
            reason = one_line(exc.detail.removeprefix(f"{file}: "))
            report.failed.append(FileFailure(path=file, reason=reason))
        else:
            yield doc.id, graph
        if progress:
            progress(file, done, len(files))


def _resolver(judgements: Judgements) -> Resolver:
    """Resolves identity across documents; the gazetteer's entries are canonical, never merged with each other."""
    return Resolver(judgements, fixed=_extractor().gazetteer.entries)


def extract_documents(
    paths: list[Path], manifest: Path | None = None, progress: Progress | None = None, judgements: Path | None = None
) -> tuple[GraphData, LoadReport]:
    """The merged graph of the documents under `paths`, touching no store, and what happened to each file.

    Each document is resolved against the ones before it (`loaders.identity`),
    respecting the judgements in the file `judgements` (read, never written), and
    documents are merged in path order by the stores' own rules, so the result
    is what loading them into an empty store would hold.
    """
    report = LoadReport()
    graphs: list[GraphData] = []
    resolver = _resolver(read_judgements(judgements) if judgements else Judgements())
    for doc_id, graph in _document_graphs(paths, manifest, report, progress):
        graphs.append(resolver.resolve(graph))
        resolver.add(graphs[-1])
        report.documents.append(doc_id)
    report.merges = resolver.made
    merged = rename(merge_graphs(graphs), resolver.renaming())
    report.nodes, report.edges = len(merged.nodes), len(merged.edges)
    return merged, report


def _store_document(
    store: Store, resolver: Resolver, graph: GraphData, report: LoadReport, judgements: Path | None
) -> None:
    """Resolve one document against the stored nodes it could name, record the judgements, fold what they join,
    and upsert it: every read and write of the store a document needs, so one failure names the document."""
    resolver.add(candidates(store, graph, resolver.fixed))
    joined = len(resolver.joins)
    resolved = resolver.resolve(graph)
    if judgements and len(resolver.made) > len(report.merges):
        record_judgements(judgements, resolver.made[len(report.merges) :])
    report.merges = list(resolver.made)
    for join in resolver.joins[joined:]:
        stored = store.linked(join.merged)
        if stored is not None:
            store.replace([join.merged], fold(stored.node, stored.edges, join.canonical))
    store.upsert(resolved)
    resolver.add(resolved)


def load_documents(
    store: Store,
    paths: list[Path],
    manifest: Path | None = None,
    progress: Progress | None = None,
    judgements: Path | None = None,
) -> LoadReport:
    """Extract the documents under `paths` into `store`, one upsert per document.

    Each document is first resolved (`loaders.identity`) against the stored
    nodes it could name, found by query (`graph.candidates`), so the cost
    follows the document, not the store: its nodes judged the same as stored
    ones take their ids, stored nodes it shows to be one are folded into one, and each such
    judgement is added to the file `judgements` before the store is changed.
    A document is stored whole or not at all, and one that fails leaves the
    others loaded. Loading a document again changes nothing.
    """
    report = LoadReport()
    resolver = _resolver(read_judgements(judgements) if judgements else Judgements())
    for doc_id, graph in _document_graphs(paths, manifest, report, progress):
        try:
            _store_document(store, resolver, graph, report, judgements)
        except StoreError as exc:
            done = len(report.documents)
            stored = f"the {done} documents before it are stored" if done else "no document of this run is stored"
            raise StoreError(one_line(f"loading {doc_id} failed ({stored}): {exc.detail}")) from exc
        report.documents.append(doc_id)
    counts = store.counts()
    report.nodes, report.edges = counts["nodes"], counts["edges"]
    return report


class DocumentIn(BaseModel):
    """A document to extract and load: its text and what is known about it."""

    text: str = Field(min_length=1, description="The document's text (plain text; cleaned like a loaded file).")
    key: str | None = Field(
        default=None,
        max_length=200,
        description="What names the document (its id is `document:` + this, slugged); default: the title, else a hash.",
    )
    title: str | None = Field(default=None, max_length=1000)
    published: IsoDate | None = None
    url: str | None = Field(default=None, max_length=2000)


class Added(BaseModel):
    """What loading a document added."""

    document: str
    nodes_added: list[str] = Field(description="Ids of the nodes that were not stored before.")
    edges_added: list[EdgeRef] = Field(description="The edges that were not stored before.")
    nodes: int = Field(description="Nodes read from the document, new or known.")
    edges: int = Field(description="Edges read from the document, new or known.")


def document_of(body: DocumentIn) -> SourceDocument:
    """The `SourceDocument` a posted text makes, cleaned as files are."""
    text, comment_start = clean_text(body.text)
    if not text.strip():
        raise InputError("text: no text is left once page leftovers are removed")
    key = body.key or body.title or hashlib.sha256(body.text.encode("utf-8")).hexdigest()[:16]
    if not slug(key):
        raise InputError(f"key {key!r} has no letters or digits to name the document by")
    doc_id = node_id(NodeType.DOCUMENT, key)
    return SourceDocument(
        id=doc_id,
        path=Path(slug(key)),
        title=body.title,
        published=body.published,
        source=body.url or "api",
        text=text,
        comment_start=comment_start,
    )


def add_document(store: Store, body: DocumentIn) -> Added:
    """Extract one posted document and load it; a document id already stored is a conflict (retract it first)."""
    doc = document_of(body)
    if store.linked(doc.id) is not None:
        raise ConflictError(f"a document with id {doc.id!r} is stored already; delete it first to load it anew")
    graph = validate_graph(_extractor().extract(doc), doc.id)
    new_nodes = [n.id for n in graph.nodes if store.linked(n.id) is None]
    known = {e.key for n in graph.nodes if n.id not in new_nodes for e in (store.linked(n.id) or Linked(node=n)).edges}
    store.upsert(graph)
    return Added(
        document=doc.id,
        nodes_added=sorted(new_nodes),
        edges_added=[EdgeRef.of(k) for k in sorted(e.key for e in graph.edges if e.key not in known)],
        nodes=len(graph.nodes),
        edges=len(graph.edges),
    )


def delete_document(store: Store, document_id: str) -> Retraction:
    """Retract a document: see `graph.retraction`."""
    return retract_document(store, document_id)
