"""The embedded store: a networkx MultiDiGraph, persisted row by row in SQLite (`graph.persist`).

The MultiDiGraph is the index every query reads: node ids with their types, edge
keys, and each row's contract JSON as the file stores it, parsed into a model only
when a query returns that node or edge. Traversals walk ids and keys alone, and
the index costs about what a plain networkx graph of the same data costs, so a
store of a million edges opens in seconds. The file holds one row per
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

import heapq
import logging
import os
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx
from filelock import FileLock, Timeout
from pydantic import TypeAdapter, ValidationError
from pydantic_core import to_json

from graph.persist import (
    DB_FILE,
    LEGACY_FILE,
    Changes,
    GraphFile,
    Rows,
    fsync_folder,
    leftovers,
    read_legacy,
)
from graph.store import (
    TRAVERSABLE,
    EdgeKey,
    Linked,
    Listing,
    Wanted,
    Window,
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
from graph.traversal import DATE_ATTRIBUTES, dated_in
from ontology.contract import Edge, GraphData, Node
from ontology.errors import StoreError
from ontology.merge import merge_edge, merge_node
from ontology.terms import EdgeType, NodeType

GRAPH_FILE = DB_FILE
LOCK_FILE = "write.lock"
#: Where a migrated format-1 file is kept.
MIGRATED_SUFFIX = ".migrated"

log = logging.getLogger(__name__)


#: The index's attribute names: a node's type and body, an edge's body (its key is its type).
TYPE = "type"
BODY = "body"
#: The graph attribute holding its number of edges.
EDGE_COUNT = "edges"
NODES = TypeAdapter(list[Node])
EDGES = TypeAdapter(list[Edge])
#: Bodies parsed per call when many are read at once.
PARSE_CHUNK = 10_000


def _networkx(data: GraphData) -> nx.MultiDiGraph:
    """The in-memory form: nodes and edges keyed as the Store protocol identifies them."""
    graph = nx.MultiDiGraph()
    _apply(graph, Changes(nodes=data.nodes, edges=data.edges).rows())
    return graph


def _apply(graph: nx.MultiDiGraph, changes: Rows) -> None:
    """Bring the in-memory graph in line with a write: removals first, then the rows put.

    The number of edges is kept in the graph's attributes (`EDGE_COUNT`), as
    networkx counts them by walking every adjacency, a second at 10^6 edges.
    """
    count = graph.graph.get(EDGE_COUNT, 0)
    for source, edge_type, target in changes.gone_edges:
        if graph.has_edge(source, target, key=edge_type):
            graph.remove_edge(source, target, key=edge_type)
            count -= 1
    gone = [n for n in changes.gone_nodes if n in graph]
    count -= len({*graph.out_edges(gone, keys=True), *graph.in_edges(gone, keys=True)})
    graph.remove_nodes_from(gone)
    graph.add_nodes_from((node_id, {TYPE: node_type, BODY: body}) for node_id, node_type, body in changes.nodes)
    # What MultiDiGraph.add_edge does, without its per-call checks: a million edges go in in a second, not five.
    # One key dict per (source, target) pair, shared by both adjacencies; every end is a node by now (stored
    # edges join stored nodes), else add_edge adds it.
    succ, pred = graph._succ, graph._pred
    for source, key, target, body in changes.edges:
        if source not in succ or target not in pred:
            count += not graph.has_edge(source, target, key=key)
            graph.add_edge(source, target, key=key, **{BODY: body})
            continue
        keyed = succ[source].get(target)
        if keyed is None:
            keyed = succ[source][target] = pred[target][source] = {}
        count += key not in keyed
        keyed[key] = {BODY: body}
    graph.graph[EDGE_COUNT] = count


def _parsed(adapter: TypeAdapter, bodies: Iterable[str], path: Path) -> list:
    """Bodies as models, a chunk per call (one call per body is several times slower).

    A body that does not parse means the file was changed behind the store's back:
    reported naming the file, as an unreadable store is on open.
    """
    out: list = []
    chunk: list[str] = []
    try:
        for body in bodies:
            chunk.append(body)
            if len(chunk) == PARSE_CHUNK:
                out.extend(adapter.validate_json(f"[{','.join(chunk)}]"))
                chunk = []
        if chunk:
            out.extend(adapter.validate_json(f"[{','.join(chunk)}]"))
    except ValidationError as exc:
        raise StoreError(f"cannot read the store file {path}: a row does not parse ({exc.errors()[0]['msg']})") from exc
    return out


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
        #: Each node's search words, filled by the first search and dropped for a node when a write changes it.
        self._words: dict[str, list[str]] = {}
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
                self._words = {}
                self._stamp = stamp
                log.warning("the store %s is in format 1 (%s); the next load migrates it", self.folder, LEGACY_FILE)

    def _catch_up(self) -> None:
        assert self._db is not None
        delta = self._db.read(self._revision)
        if not self._revision:
            self._graph = nx.MultiDiGraph()
            self._words = {}
        self._forget_words(delta.changes)
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
        rows = changes.rows()
        if self._db is None:
            GraphFile.create(self.file, rows)
            self._open()
            return
        revision = self._db.commit(rows)
        self._forget_words(rows)
        _apply(self._graph, rows)
        if revision == self._revision + 1:
            self._revision = revision
        else:
            self._catch_up()

    def _nodes(self, node_ids: Iterable[str]) -> list[Node]:
        return _parsed(NODES, (self._graph.nodes[i][BODY] for i in node_ids), self.file)

    def _edges(self, keys: Iterable[EdgeKey]) -> list[Edge]:
        bodies = (self._graph.succ[source][target][edge_type][BODY] for source, edge_type, target in keys)
        return _parsed(EDGES, bodies, self.file)

    def _stored_node(self, node_id: str) -> Node | None:
        return self._nodes([node_id])[0] if node_id in self._graph else None

    def _stored_edge(self, key: EdgeKey) -> Edge | None:
        source, edge_type, target = key
        found = self._graph.has_edge(source, target, key=edge_type)
        return self._edges([key])[0] if found else None

    def _keys(self) -> Iterator[EdgeKey]:
        """Every edge's key."""
        return ((source, key, target) for source, target, key in self._graph.edges(keys=True))

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
        return self._nodes([node_id])[0]

    def _keys_of(self, node_id: str, types: Collection[str]) -> list[EdgeKey]:
        """The keys of the node's edges of those types, out and in (a loop once each way)."""
        out = ((node_id, key, target) for target, keyed in self._graph.succ[node_id].items() for key in keyed)
        inc = ((source, key, node_id) for source, keyed in self._graph.pred[node_id].items() for key in keyed)
        return [k for k in (*out, *inc) if k[1] in types]

    def _adjacent(self, node_id: str, types: frozenset[EdgeType]) -> Iterator[str]:
        """The nodes one edge of those types away, either way; a node joined by several edges more than once."""
        for adjacency in (self._graph.succ[node_id], self._graph.pred[node_id]):
            for other, keyed in adjacency.items():
                if not types.isdisjoint(keyed):
                    yield other

    def _keys_between(self, node_id: str, ends: Collection[str], types: frozenset[EdgeType]) -> list[EdgeKey]:
        """The keys of the node's edges of those types whose other end is one of `ends`, from whichever side
        is smaller: a super node's edges to a page of nodes cost the page, not its degree."""
        out, inc = self._graph.succ[node_id], self._graph.pred[node_id]
        if len(out) + len(inc) <= len(ends):
            return [k for k in self._keys_of(node_id, types) if (k[2] if k[0] == node_id else k[0]) in ends]
        keys = [(node_id, key, other) for other in ends for key in out.get(other, ()) if key in types]
        return keys + [(other, key, node_id) for other in ends for key in inc.get(other, ()) if key in types]

    def _linked(self, node_id: str, types: frozenset[EdgeType]) -> Linked:
        keys = self._keys_of(node_id, types)
        others = {target if source == node_id else source for source, _, target in keys}
        return sorted_linked(self._node(node_id), self._edges(keys), self._nodes(others))

    def linked(self, node_id: str) -> Linked | None:
        self._refresh()
        if node_id not in self._graph:
            return None
        return self._linked(node_id, frozenset(EdgeType))

    def _forget_words(self, changes: Rows) -> None:
        for node_id in [*(i for i, _, _ in changes.nodes), *changes.gone_nodes]:
            self._words.pop(node_id, None)

    def _search_words(self) -> dict[str, list[str]]:
        """Every node's search words: parsed once for the nodes the cache lacks, so a search reads no bodies."""
        missing = [i for i in self._graph if i not in self._words]
        for node in self._nodes(missing):
            self._words[node.id] = search_words(node)
        return self._words

    def search(self, tokens: list[str], node_type: NodeType | None, limit: int) -> list[Node]:
        self._refresh()
        with self._mutex:
            words = self._search_words()
            hits = [
                i
                for i, kind in self._graph.nodes(data=TYPE)
                if (node_type is None or kind is node_type) and matches_tokens(words[i], tokens)
            ]
        return self._nodes(heapq.nsmallest(limit, hits))

    def _hops(self, node_id: str, depth: int, edge_types: frozenset[EdgeType], window: Window) -> dict[str, int]:
        """Hops from the node to every node within `depth` that may be passed (breadth first, ids only)."""
        passable = self._passable(window)
        hops = {node_id: 0}
        frontier = [node_id]
        for level in range(1, depth + 1):
            reached = []
            for current in frontier:
                for other in self._adjacent(current, edge_types):
                    if other not in hops and passable(other):
                        hops[other] = level
                        reached.append(other)
            frontier = reached
        return hops

    def _passable(self, window: Window) -> Callable[[str], bool]:
        """Whether a node may be entered: always without a window, else if undated in kind or dated within it."""
        if not window:
            return lambda _: True
        dated = dated_in(window.since, window.until)
        verdicts: dict[str, bool] = {}

        def passable(node_id: str) -> bool:
            if self._graph.nodes[node_id][TYPE] not in DATE_ATTRIBUTES:
                return True
            if node_id not in verdicts:
                verdicts[node_id] = dated(self._node(node_id))
            return verdicts[node_id]

        return passable

    def neighborhood(self, node_id: str, depth: int, edge_types: frozenset[EdgeType]) -> GraphData:
        check_depth(depth)
        self._refresh()
        if node_id not in self._graph:
            return GraphData()
        seen = self._hops(node_id, depth, edge_types, Window())
        keys = {k for n in seen for k in self._keys_of(n, edge_types) if k[0] == n and k[2] in seen}
        return sorted_graph(self._nodes(seen), self._edges(keys))

    def listing(
        self,
        node_id: str,
        depth: int,
        edge_types: frozenset[EdgeType],
        window: Window,
        kinds: frozenset[NodeType] | None,
        stop: int,
    ) -> Listing | None:
        check_depth(depth)
        self._refresh()
        if node_id not in self._graph:
            return None
        hops = self._hops(node_id, depth, edge_types, window)
        types = self._graph.nodes(data=TYPE)
        listed = [(i, h) for i, h in hops.items() if kinds is None or i == node_id or types[i] in kinds]
        return Listing(total=len(listed), first=heapq.nsmallest(stop, listed, key=lambda item: (item[1], item[0])))

    def joined(self, node_ids: list[str], among: Collection[str], edge_types: frozenset[EdgeType]) -> GraphData:
        self._refresh()
        present = [n for n in node_ids if n in self._graph]
        ends = set(among) | set(present)
        keys = {k for n in present for k in self._keys_between(n, ends, edge_types)}
        return sorted_graph(self._nodes(present), self._edges(keys))

    def _events(self, node_type: NodeType, wanted: Wanted) -> list[Linked]:
        """Nodes of one type having, for each (type, end, id) wanted, such an edge between that id and them."""
        found = [
            self._linked(node_id, TRAVERSABLE)
            for node_id, kind in self._graph.nodes(data=TYPE)
            if kind is node_type and all(self._has_edge(node_id, *w) for w in wanted)
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
        return sorted_graph(self._nodes(self._graph.nodes), self._edges(self._keys()))

    def export(self) -> GraphData:
        self._refresh()
        return self._current()

    def nodes(self, node_type: NodeType | None, after: str | None, limit: int) -> list[Node]:
        self._refresh()
        found = (
            node_id
            for node_id, kind in self._graph.nodes(data=TYPE)
            if (node_type is None or kind is node_type) and (after is None or node_id > after)
        )
        return self._nodes(heapq.nsmallest(limit, found))

    def get_nodes(self, node_ids: list[str]) -> list[Node]:
        self._refresh()
        return self._nodes(sorted(i for i in set(node_ids) if i in self._graph))

    def edges(self, after: EdgeKey | None, limit: int) -> list[Edge]:
        self._refresh()
        found = (k for k in self._keys() if after is None or k > tuple(after))
        return self._edges(heapq.nsmallest(limit, found))

    def document_edges(self, document_id: str) -> list[Edge]:
        self._refresh()
        # Only a body holding the id as a JSON string can cite the document: the rest are not parsed.
        needle = to_json(document_id).decode()
        candidates = [k for k in self._keys() if needle in self._graph.succ[k[0]][k[2]][k[1]][BODY]]
        found = (
            e
            for e in self._edges(candidates)
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
        return {"nodes": self._graph.number_of_nodes(), "edges": self._graph.graph.get(EDGE_COUNT, 0)}

    def close(self) -> None:
        with self._mutex:
            if self._db is not None:
                self._db.close()
                self._db = None
