"""The embedded store: a networkx MultiDiGraph, persisted row by row in SQLite (`graph.persist`).

The MultiDiGraph is the index every query reads; the file holds one row per
node and per edge, so an upsert writes the rows it changes, in one transaction:
all of it or none, and a crash mid-write leaves the previous store whole.
Writes take `write.lock` beside the file, so writes from several processes are
serialised and each merges into what the others stored; a writer that cannot
get the lock within `lock_timeout` seconds gives up with a message naming it.
A file that cannot be read is reported and left untouched, never replaced by an
empty graph. Readers (the API server) catch up with another process's writes by
reading the rows changed since they last looked. A store of format 1 (one JSON
file) is migrated when a writer first opens it; the old file is kept beside it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from filelock import FileLock, Timeout

from graph.persist import (
    DB_FILE,
    LEGACY_FILE,
    Changes,
    GraphFile,
    fsync_folder,
    leftovers,
    read_legacy,
)
from graph.store import (
    TRAVERSABLE,
    EdgeKey,
    Linked,
    Wanted,
    check_depth,
    check_endpoints,
    event_order,
    matches_tokens,
    measure_filter,
    meeting_filter,
    search_words,
    sorted_graph,
    sorted_linked,
)
from ontology.contract import Edge, GraphData, Node
from ontology.errors import StoreError
from ontology.merge import merge_edge, merge_node
from ontology.terms import EdgeType, NodeType

GRAPH_FILE = DB_FILE
LOCK_FILE = "write.lock"
#: Where a migrated format-1 file is kept.
MIGRATED_SUFFIX = ".migrated"

log = logging.getLogger(__name__)


def _networkx(data: GraphData) -> nx.MultiDiGraph:
    """The in-memory form: nodes and edges keyed as the Store protocol identifies them."""
    graph = nx.MultiDiGraph()
    _apply(graph, Changes(nodes=data.nodes, edges=data.edges))
    return graph


def _apply(graph: nx.MultiDiGraph, changes: Changes) -> None:
    """Bring the in-memory graph in line with a write: removals first, then the rows put."""
    for source, edge_type, target in changes.gone_edges:
        if graph.has_edge(source, target, key=edge_type):
            graph.remove_edge(source, target, key=edge_type)
    graph.remove_nodes_from([n for n in changes.gone_nodes if n in graph])
    for node in changes.nodes:
        graph.add_node(node.id, node=node)
    for edge in changes.edges:
        graph.add_edge(edge.source, edge.target, key=edge.type.value, edge=edge)


class MemoryStore:
    """The `Store` protocol over networkx, persisted under one folder."""

    def __init__(self, folder: Path, *, writable: bool = False, lock_timeout: float = 30.0) -> None:
        self.folder = folder
        self.file = folder / GRAPH_FILE
        self.legacy = folder / LEGACY_FILE
        self._lock: FileLock | None = FileLock(folder / LOCK_FILE, thread_local=False) if writable else None
        self._lock_timeout = lock_timeout
        self._mutex = threading.RLock()
        self._db: GraphFile | None = None
        self._revision = 0
        self._stamp: tuple[int, int] | None = None
        self._inode: int | None = None
        self._graph = nx.MultiDiGraph()
        try:
            if writable:
                self._prepare()
            self._refresh()
        except StoreError:
            self.close()
            raise

    # ------------------------------------------------------------ persistence

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold `write.lock`, waiting up to `lock_timeout` seconds for another writer to finish."""
        assert self._lock is not None
        try:
            self._lock.acquire(timeout=self._lock_timeout)
        except Timeout as exc:
            raise StoreError(
                f"the store {self.folder} is being written by another process "
                f"(lock file {self.folder / LOCK_FILE} is held for more than {self._lock_timeout:g} s); "
                "try again when it has finished"
            ) from exc
        try:
            yield
        finally:
            self._lock.release()

    def _prepare(self) -> None:
        """A writer's first look: create the folder, clear a killed migration's leftovers, migrate format 1."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store folder {self.folder}: {exc.strerror}") from exc
        with self._locked():
            for leftover in leftovers(self.folder):
                leftover.unlink(missing_ok=True)
            if self.legacy.exists() and not self.file.exists():
                data = read_legacy(self.legacy)
                GraphFile.create(self.file, Changes(nodes=data.nodes, edges=data.edges))
                kept = self.legacy.with_name(LEGACY_FILE + MIGRATED_SUFFIX)
                os.replace(self.legacy, kept)
                fsync_folder(self.folder)
                log.warning(
                    "migrated the store %s from format 1 (%s) to format 2 (%s); the old file is kept as %s",
                    self.folder,
                    LEGACY_FILE,
                    GRAPH_FILE,
                    kept.name,
                )

    def _refresh(self) -> None:
        """Catch up with what other processes wrote since this store last looked."""
        with self._mutex:
            if self._db is None:
                self._open()
                return
            try:
                inode = self.file.stat().st_ino
            except OSError as exc:
                raise StoreError(f"cannot read the store file {self.file}: {exc.strerror}") from exc
            if inode != self._inode:
                # Replaced under us: reopen, which checks the new file's header before connecting. The header
                # is never read through a second descriptor while connected: closing it would drop SQLite's
                # POSIX locks for this process, and another writer could then corrupt the file.
                self._db.close()
                self._db = None
                self._open()
                return
            if self._db.changed():
                self._catch_up()

    def _open(self) -> None:
        """Open the file if there is one by now; a reader serves a format-1 file as it is until it is migrated."""
        if self.file.exists():
            self._inode = self.file.stat().st_ino
            self._db = GraphFile(self.file, writable=self._lock is not None)
            self._revision = 0
            self._catch_up()
        elif self.legacy.exists():
            stat = self.legacy.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp != self._stamp:
                self._graph = _networkx(read_legacy(self.legacy))
                self._stamp = stamp
                log.warning("the store %s is in format 1 (%s); the next load migrates it", self.folder, LEGACY_FILE)

    def _catch_up(self) -> None:
        assert self._db is not None
        delta = self._db.read(self._revision)
        if not self._revision:
            self._graph = nx.MultiDiGraph()
        _apply(self._graph, delta.changes)
        self._revision = delta.revision

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The lock held and the graph up to date: what a write merges into is what is stored."""
        if self._lock is None:
            raise StoreError(f"the store {self.folder} was opened read-only")
        with self._mutex, self._locked():
            self._refresh()
            yield

    def _save(self, changes: Changes) -> None:
        """Persist one write (the lock held), and only then make it current."""
        if self._db is None:
            GraphFile.create(self.file, changes)
            self._open()
            return
        revision = self._db.commit(changes)
        _apply(self._graph, changes)
        if revision == self._revision + 1:
            self._revision = revision
        else:
            self._catch_up()

    def _stored_node(self, node_id: str) -> Node | None:
        return self._graph.nodes[node_id].get("node") if node_id in self._graph else None

    def _stored_edge(self, key: EdgeKey) -> Edge | None:
        source, edge_type, target = key
        found = self._graph.get_edge_data(source, target, key=edge_type)
        return found["edge"] if found else None

    # ------------------------------------------------------------ writes

    def upsert(self, data: GraphData) -> None:
        """Merge `data` into what is stored and write the rows that change: a cost that follows `data`."""
        with self._writing():
            changes = self._merged(data)
            if changes:
                self._save(changes)

    def _merged(self, data: GraphData, hidden: frozenset[str] = frozenset()) -> Changes:
        """The rows that merging `data` into the stored graph puts, the nodes `hidden` and their edges taken
        as not stored (so put afresh where `data` has them)."""

        def stored_node(node_id: str) -> Node | None:
            return None if node_id in hidden else self._stored_node(node_id)

        def stored_edge(key: EdgeKey) -> Edge | None:
            return None if key[0] in hidden or key[2] in hidden else self._stored_edge(key)

        nodes: dict[str, Node] = {}
        for node in data.nodes:
            old = nodes.get(node.id) or stored_node(node.id)
            nodes[node.id] = merge_node(old, node) if old else node
        edges: dict[EdgeKey, Edge] = {}
        for edge in data.edges:
            old = edges.get(edge.key) or stored_edge(edge.key)
            edges[edge.key] = merge_edge(old, edge) if old else edge
        ends = {end for e in data.edges for end in (e.source, e.target)}
        check_endpoints(data.edges, nodes.keys() | {end for end in ends if stored_node(end)})
        return Changes(
            nodes=[n for n in nodes.values() if n != stored_node(n.id)],
            edges=[e for e in edges.values() if e != stored_edge(e.key)],
        )

    def _touching(self, node_ids: list[str]) -> set[EdgeKey]:
        """The keys of the stored edges at either end of these nodes."""
        present = [n for n in node_ids if n in self._graph]
        out = self._graph.out_edges(present, keys=True)
        inc = self._graph.in_edges(present, keys=True)
        return {(source, key, target) for source, target, key in [*out, *inc]}

    def replace(self, node_ids: list[str], data: GraphData) -> None:
        """Drop the nodes and their edges and merge `data` into the rest, in one transaction, as `upsert` does."""
        with self._writing():
            hidden = frozenset(n for n in node_ids if n in self._graph)
            changes = self._merged(data, hidden)
            put_nodes = {n.id for n in changes.nodes}
            put_edges = {e.key for e in changes.edges}
            changes.gone_nodes = sorted(hidden - put_nodes)
            changes.gone_edges = sorted(self._touching(list(hidden)) - put_edges)
            if changes:
                self._save(changes)

    # ------------------------------------------------------------ reads

    def _node(self, node_id: str) -> Node:
        return self._graph.nodes[node_id]["node"]

    def _edges_of(self, node_id: str, types: frozenset[EdgeType]) -> list[Edge]:
        out = self._graph.out_edges(node_id, keys=True, data="edge")
        inc = self._graph.in_edges(node_id, keys=True, data="edge")
        return [e for *_, e in [*out, *inc] if e.type in types]

    def _linked(self, node_id: str, types: frozenset[EdgeType]) -> Linked:
        edges = self._edges_of(node_id, types)
        others = (self._node(e.target if e.source == node_id else e.source) for e in edges)
        return sorted_linked(self._node(node_id), edges, others)

    def linked(self, node_id: str) -> Linked | None:
        self._refresh()
        if node_id not in self._graph:
            return None
        return self._linked(node_id, frozenset(EdgeType))

    def search(self, tokens: list[str], node_type: NodeType | None, limit: int) -> list[Node]:
        self._refresh()
        hits = (
            node
            for _, node in self._graph.nodes(data="node")
            if (node_type is None or node.type is node_type) and matches_tokens(search_words(node), tokens)
        )
        return sorted(hits, key=lambda n: n.id)[:limit]

    def neighborhood(self, node_id: str, depth: int, edge_types: frozenset[EdgeType]) -> GraphData:
        check_depth(depth)
        self._refresh()
        if node_id not in self._graph:
            return GraphData()
        seen = {node_id}
        frontier = deque([(node_id, 0)])
        while frontier:
            current, hops = frontier.popleft()
            if hops == depth:
                continue
            for edge in self._edges_of(current, edge_types):
                other = edge.target if edge.source == current else edge.source
                if other not in seen:
                    seen.add(other)
                    frontier.append((other, hops + 1))
        edges = [
            e for _, target, e in self._graph.out_edges(seen, data="edge") if target in seen and e.type in edge_types
        ]
        return sorted_graph((self._node(n) for n in seen), edges)

    def _events(self, node_type: NodeType, wanted: Wanted) -> list[Linked]:
        """Nodes of one type having, for each (type, end, id) wanted, such an edge between that id and them."""
        found = [
            self._linked(node_id, TRAVERSABLE)
            for node_id, node in self._graph.nodes(data="node")
            if node.type is node_type and all(self._has_edge(node_id, *w) for w in wanted)
        ]
        return sorted(found, key=event_order)

    def _has_edge(self, node_id: str, edge_type: EdgeType, end: str, other: str) -> bool:
        """Whether an edge of that type joins `other`, at that end, to the node."""
        source, target = (other, node_id) if end == "source" else (node_id, other)
        return self._graph.has_edge(source, target, key=edge_type.value)

    def meetings(self, participant: str | None) -> list[Linked]:
        self._refresh()
        return self._events(NodeType.MEETING, meeting_filter(participant))

    def measures(self, element: str | None, issuer: str | None) -> list[Linked]:
        self._refresh()
        return self._events(NodeType.MEASURE, measure_filter(element, issuer))

    def _current(self) -> GraphData:
        edges = (e for *_, e in self._graph.edges(keys=True, data="edge"))
        return sorted_graph((n for _, n in self._graph.nodes(data="node")), edges)

    def export(self) -> GraphData:
        self._refresh()
        return self._current()

    def nodes(self, node_type: NodeType | None, after: str | None, limit: int) -> list[Node]:
        self._refresh()
        found = (
            node
            for node_id, node in self._graph.nodes(data="node")
            if (node_type is None or node.type is node_type) and (after is None or node_id > after)
        )
        return sorted(found, key=lambda n: n.id)[:limit]

    def get_nodes(self, node_ids: list[str]) -> list[Node]:
        self._refresh()
        return [self._graph.nodes[i]["node"] for i in sorted(set(node_ids)) if i in self._graph]

    def edges(self, after: EdgeKey | None, limit: int) -> list[Edge]:
        self._refresh()
        found = (e for *_, e in self._graph.edges(keys=True, data="edge") if after is None or e.key > tuple(after))
        return sorted(found, key=lambda e: e.key)[:limit]

    def document_edges(self, document_id: str) -> list[Edge]:
        self._refresh()
        found = (
            e
            for *_, e in self._graph.edges(keys=True, data="edge")
            if any(x.document == document_id for x in e.evidence)
            or (e.type is EdgeType.MENTIONED_IN and e.target == document_id)
        )
        return sorted(found, key=lambda e: e.key)

    def retract(self, changed: list[Edge], dropped_edges: list[EdgeKey], dropped_nodes: list[str]) -> None:
        """Drop the nodes (with their edges) and the edges, replace the stored edges `changed`: one transaction."""
        with self._writing():
            gone_nodes = sorted(n for n in set(dropped_nodes) if n in self._graph)
            gone_edges = {tuple(k) for k in dropped_edges if self._stored_edge(tuple(k))}
            gone_edges |= self._touching(gone_nodes)
            kept = [e for e in changed if e.key not in gone_edges and self._stored_edge(e.key) not in (None, e)]
            changes = Changes(edges=kept, gone_nodes=gone_nodes, gone_edges=sorted(gone_edges))
            if changes:
                self._save(changes)

    def counts(self) -> dict[str, int]:
        self._refresh()
        return {"nodes": self._graph.number_of_nodes(), "edges": self._graph.number_of_edges()}

    def close(self) -> None:
        with self._mutex:
            if self._db is not None:
                self._db.close()
                self._db = None
