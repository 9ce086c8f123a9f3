"""The embedded store: a networkx MultiDiGraph kept in one JSON file.

The file holds the graph in the contract's export shape, so it can be read
without this code. Writes are atomic (a temporary file in the same folder,
fsync, rename, fsync of the folder): a crash leaves the previous file intact.
A writer holds `write.lock` beside it for as long as it is open, so a second
writer is refused instead of silently overwriting the first one's work. A file
that cannot be read is reported and left untouched, never replaced by an
empty graph. Readers (the API server) notice when a writer has replaced the
file and reload it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import deque
from pathlib import Path

import networkx as nx
from filelock import FileLock, Timeout
from pydantic import ValidationError

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
    merge_graphs,
    search_words,
    sorted_graph,
    sorted_linked,
)
from ontology.contract import Edge, GraphData, Node
from ontology.errors import StoreError
from ontology.terms import EdgeType, NodeType

FORMAT = "policygraph-store"
FORMAT_VERSION = 1
GRAPH_FILE = "graph.json"
LOCK_FILE = "write.lock"


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _networkx(data: GraphData) -> nx.MultiDiGraph:
    """The in-memory form: nodes and edges keyed as the Store protocol identifies them."""
    graph = nx.MultiDiGraph()
    for node in data.nodes:
        graph.add_node(node.id, node=node)
    for edge in data.edges:
        graph.add_edge(edge.source, edge.target, key=edge.type.value, edge=edge)
    return graph


class MemoryStore:
    """The `Store` protocol over networkx, persisted under one folder."""

    def __init__(self, folder: Path, *, writable: bool = False) -> None:
        self.folder = folder
        self.file = folder / GRAPH_FILE
        self._lock: FileLock | None = None
        self._stamp: tuple[int, int] | None = None
        self._graph = nx.MultiDiGraph()
        if writable:
            self._acquire()
        try:
            self._refresh()
        except StoreError:
            self.close()
            raise

    # ------------------------------------------------------------ persistence

    def _acquire(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store folder {self.folder}: {exc.strerror}") from exc
        lock = FileLock(self.folder / LOCK_FILE)
        try:
            lock.acquire(timeout=0)
        except Timeout as exc:
            raise StoreError(
                f"the store {self.folder} is being written by another process "
                f"(lock file {self.folder / LOCK_FILE} is held); try again when it has finished"
            ) from exc
        self._lock = lock

    def _refresh(self) -> None:
        """(Re)read the file if it changed since it was last read."""
        try:
            stat = self.file.stat()
        except FileNotFoundError:
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._graph = self._read()
            self._stamp = stamp

    def _read(self) -> nx.MultiDiGraph:
        hint = "it was left untouched; restore it from a backup or move it aside to start an empty store"
        try:
            raw = json.loads(self.file.read_bytes())
            if not isinstance(raw, dict) or raw.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} file")
            if raw.get("version") != FORMAT_VERSION:
                raise ValueError(f"format version {raw.get('version')!r}, this code reads {FORMAT_VERSION}")
            data = GraphData.model_validate(raw.get("graph"))
        except (OSError, ValueError, ValidationError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StoreError(f"cannot read the store file {self.file}: {reason}; {hint}") from exc
        return _networkx(data)

    def _write(self, data: GraphData) -> None:
        payload = {"format": FORMAT, "version": FORMAT_VERSION, "graph": data.model_dump(mode="json")}
        try:
            atomic_write(self.file, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            raise StoreError(f"cannot write the store file {self.file}: {exc.strerror or exc}") from exc
        stat = self.file.stat()
        self._stamp = (stat.st_mtime_ns, stat.st_size)

    # ------------------------------------------------------------ writes

    def upsert(self, data: GraphData) -> None:
        """Merge `data` into what is stored, persist the result, and only then make it current."""
        if self._lock is None:
            raise StoreError(f"the store {self.folder} was opened read-only")
        self._refresh()
        merged = merge_graphs([self._current(), data])
        check_endpoints(data.edges, {node.id for node in merged.nodes})
        self._write(merged)
        self._graph = _networkx(merged)

    def replace(self, node_ids: list[str], data: GraphData) -> None:
        """Drop the nodes and their edges, merge `data` into the rest, and persist it whole, as `upsert` does."""
        if self._lock is None:
            raise StoreError(f"the store {self.folder} was opened read-only")
        self._refresh()
        previous = self._graph
        self._graph = previous.copy()
        self._graph.remove_nodes_from(node_ids)
        try:
            self.upsert(data)
        except BaseException:
            self._graph = previous
            raise

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
        """Apply the retraction to a copy of the graph, persist it, and only then make it current."""
        if self._lock is None:
            raise StoreError(f"the store {self.folder} was opened read-only")
        self._refresh()
        current = self._current()
        gone_nodes = set(dropped_nodes)
        gone_edges = set(map(tuple, dropped_edges))
        replaced = {e.key: e for e in changed}
        edges = (
            replaced.get(e.key, e)
            for e in current.edges
            if e.key not in gone_edges and e.source not in gone_nodes and e.target not in gone_nodes
        )
        result = sorted_graph((n for n in current.nodes if n.id not in gone_nodes), edges)
        self._write(result)
        self._graph = _networkx(result)

    def counts(self) -> dict[str, int]:
        self._refresh()
        return {"nodes": self._graph.number_of_nodes(), "edges": self._graph.number_of_edges()}

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
