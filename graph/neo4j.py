"""The Neo4j store: the graph in a Neo4j server, answering exactly as the embedded store does.

- Opening connects and logs in at once (`verify_connectivity`), so a wrong URI or
  password is a `StoreError` naming the URI before any work is done, and creates
  the schema (graph/cypher.py), which is a no-op when it exists.
- Every query names the database: otherwise the driver asks the server for the
  default one first, and a misconfigured database would go unnoticed.
- Writes run the merge rules in Cypher (MERGE on the uniqueness constraints, so
  loaders running at once cannot create a node twice) inside `execute_write`, which
  retries transient failures. One transaction per batch of `batch_size` rows keeps
  a batch whole or absent; a document, which the loader upserts on its own, is one
  batch unless it has more than `batch_size` nodes and edges.
- Reads are one query each, routed to readers, and shaped by the helpers of
  graph/store.py that the embedded store uses, order included.

Attribute values are stored as Neo4j properties, which hold strings, numbers,
booleans and lists of one of those; any other value is refused before anything
is written, as the store could not give it back unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from functools import reduce
from typing import Any

from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    RoutingControl,
)
from neo4j import Query as TimedQuery
from neo4j.exceptions import AuthError, DriverError, IncompleteCommit, Neo4jError, ServiceUnavailable

from graph import cypher
from graph.settings import Settings
from graph.store import (
    EdgeKey,
    Linked,
    Listing,
    Window,
    check_endpoints,
    event_order,
    measure_filter,
    meeting_filter,
    sorted_graph,
    sorted_linked,
    words_of,
)
from ontology.contract import Edge, Evidence, GraphData, Node
from ontology.errors import InputError, StoreError
from ontology.merge import merge_attributes
from ontology.terms import EdgeType, NodeType

#: Every search word is a run of these (ontology.ids.tokens); a token with any other character starts none.
_SEARCH_TOKEN = re.compile(r"[a-z0-9]*")
_INT64 = range(-(2**63), 2**63)
_NODE_TYPES = {t.value: t for t in NodeType}

Row = dict[str, Any]
Batch = list[cypher.Query]


def _scalar(value: Any) -> bool:
    return isinstance(value, bool | str | float) or (isinstance(value, int) and value in _INT64)


def _storable(value: Any) -> bool:
    """Whether Neo4j stores `value` as a property and gives the same value back."""
    if isinstance(value, list):
        return len({type(item) for item in value}) <= 1 and all(_scalar(item) for item in value)
    return _scalar(value)


def _properties(attributes: dict[str, Any], owner: str) -> dict[str, Any]:
    """Attributes as properties, named so that none overwrites a property the queries use."""
    for key, value in attributes.items():
        if not _storable(value):
            raise InputError(
                f"{owner}: attribute {key}={value!r} cannot be stored in Neo4j: "
                "use a string, a number, a boolean or a list of one of those"
            )
    return {cypher.property_key(key): value for key, value in attributes.items()}


def _evidence(items: Iterable[Evidence]) -> list[str]:
    """Evidence as canonical JSON strings: equal evidence, equal strings."""
    return [json.dumps(e.model_dump(mode="json"), sort_keys=True, ensure_ascii=False) for e in items]


def _grouped(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    """Items by key, keys and items in the order first seen."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _node_rows(nodes: list[Node]) -> list[tuple[NodeType, Row]]:
    """One row per node id, carrying what `cypher.merge_nodes` needs to merge its occurrences in order."""
    rows = []
    for node_id, (first, *more) in _grouped(nodes, lambda n: n.id).items():
        later = [alias for node in more for alias in [node.name, *node.aliases]]
        attributes = reduce(merge_attributes, (n.attributes for n in more), first.attributes)
        words = words_of([first.name, *first.aliases, *later])
        row = {
            "id": node_id,
            "name": first.name,
            "aliases": first.aliases,
            "more_aliases": later,
            "attributes": _properties(attributes, f"node {node_id}"),
            "words": " ".join(words),
            "alias_words": words,
        }
        rows.append((first.type, row))
    return rows


def _edge_rows(edges: list[Edge]) -> list[tuple[Edge, Row]]:
    """One row per edge key, carrying what `cypher.merge_edges` needs to merge its occurrences in order."""
    rows = []
    for (source, kind, target), (first, *more) in _grouped(edges, lambda e: e.key).items():
        attributes = reduce(merge_attributes, (e.attributes for e in more), first.attributes)
        row = {
            "source": source,
            "target": target,
            "evidence": _evidence(first.evidence),
            "more_evidence": _evidence(e for edge in more for e in edge.evidence),
            "attributes": _properties(attributes, f"edge {source} -{kind}-> {target}"),
        }
        rows.append((first, row))
    return rows


def _batches(data: GraphData, stored: dict[str, NodeType], size: int) -> list[Batch]:
    """The write queries of `data`, `size` rows per batch: nodes first, then edges, each in the order given.

    A node stored already keeps its type (as in the embedded store), so it is
    merged, and its edges matched, under the stored label.
    """
    node_rows = _node_rows(data.nodes)
    types = {**{row["id"]: node_type for node_type, row in node_rows}, **stored}
    check_endpoints(data.edges, types)
    keyed: list[tuple[tuple[Any, ...], Row]] = [((types[row["id"]],), row) for _, row in node_rows]
    keyed += [((e.type, types[e.source], types[e.target]), row) for e, row in _edge_rows(data.edges)]
    batches = []
    for start in range(0, len(keyed), size):
        groups = _grouped(keyed[start : start + size], lambda item: item[0])
        batches.append([_merge(key, [row for _, row in items]) for key, items in groups.items()])
    return batches


def _merge(key: tuple[Any, ...], rows: list[Row]) -> cypher.Query:
    if len(key) == 1:
        return cypher.merge_nodes(key[0], rows)
    return cypher.merge_edges(*key, rows)


def _node_type(labels: list[str]) -> NodeType:
    """The node's type: its one label that is a node type (others may have added labels of their own)."""
    return next(_NODE_TYPES[name] for name in labels if name in _NODE_TYPES)


def _node(value: dict[str, Any]) -> Node:
    props = value["props"]
    return Node(
        id=props["id"],
        type=_node_type(value["labels"]),
        name=props["name"],
        aliases=props["aliases"],
        attributes=_attributes(props, cypher.NODE_PROPERTIES),
    )


def _edge(value: dict[str, Any]) -> Edge:
    props = value["props"]
    return Edge(
        source=value["source"],
        type=EdgeType(value["type"]),
        target=value["target"],
        attributes=_attributes(props, cypher.EDGE_PROPERTIES),
        evidence=[Evidence.model_validate_json(text) for text in props["evidence"]],
    )


def _attributes(props: dict[str, Any], own: frozenset[str]) -> dict[str, Any]:
    return {cypher.attribute_name(k): v for k, v in sorted(props.items()) if k not in own}


def _linked(record: Any) -> Linked:
    links = record["links"]
    return sorted_linked(_node(record["node"]), (_edge(x["edge"]) for x in links), (_node(x["other"]) for x in links))


class Neo4jStore:
    """The `Store` protocol over a Neo4j 5 server (Community will do)."""

    def __init__(
        self,
        uri: str,
        *,
        username: str = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
        batch_size: int = 500,
        max_retry_time: float = 30.0,
        query_timeout: float | None = None,
    ) -> None:
        """Connect, log in and create the schema; `max_retry_time` bounds the driver's retries of a transaction.

        `query_timeout` (seconds) makes the server end a read that runs longer.
        """
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        self.query_timeout = query_timeout
        auth = (username, password) if password is not None else None
        try:
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                max_transaction_retry_time=max_retry_time,
                # A graph without, say, any SUSPENDS edge yet would get a warning for every query naming it.
                notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
            )
        except (DriverError, Neo4jError, ValueError) as exc:
            raise StoreError(f"cannot use the Neo4j URI {uri!r}: {exc}") from exc
        try:
            with self._failures("connecting"):
                self._driver.verify_connectivity()
            with self._failures("creating the schema"):
                for statement in cypher.schema():
                    self._driver.execute_query(statement, database_=database)
                self._driver.execute_query(*cypher.await_indexes(), database_=database)
        except StoreError:
            self._driver.close()
            raise

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        """The store `NEO4J_URI` and friends describe."""
        if not settings.neo4j_uri:
            raise StoreError("NEO4J_URI is not set")
        return cls(
            settings.neo4j_uri,
            username=settings.neo4j_username,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            batch_size=settings.batch_size,
            query_timeout=settings.query_timeout,
        )

    @contextmanager
    def _failures(self, doing: str, then: str = "") -> Iterator[None]:
        """Turn the driver's exceptions into a StoreError that says where and what failed, and `then` what to do."""
        where = f"Neo4j at {self.uri} (database {self.database!r})"
        try:
            yield
        except AuthError as exc:
            raise StoreError(f"{where} refused the login: wrong username or password? ({exc.message})") from exc
        except IncompleteCommit as exc:
            raise StoreError(
                f"{where} went away while {doing}, during the commit, so it may or may not be stored{then}"
            ) from exc
        except ServiceUnavailable as exc:
            raise StoreError(f"{where} is unreachable while {doing}: is the server running? ({exc}){then}") from exc
        except (Neo4jError, DriverError) as exc:
            raise StoreError(f"{where} failed while {doing}: {exc}{then}") from exc

    def _read(self, query: cypher.Query) -> list[Any]:
        text, params = query
        with self._failures("reading"):
            return self._driver.execute_query(
                TimedQuery(text, timeout=self.query_timeout),  # type: ignore[arg-type]
                params,
                routing_=RoutingControl.READ,
                database_=self.database,
            ).records

    # ------------------------------------------------------------ writes

    def upsert(self, data: GraphData) -> None:
        """Merge `data` into the graph, one transaction per batch of `batch_size` rows.

        Every check (edge ends given or stored, storable attribute values) is done
        before the first batch is written. If a batch fails, the batches before it
        stay stored; writing the same data again completes the load.
        """
        ids = sorted({n.id for n in data.nodes} | {end for e in data.edges for end in (e.source, e.target)})
        stored = {r["id"]: _node_type(r["labels"]) for r in self._read(cypher.stored_types(ids))}
        batches = _batches(data, stored, self.batch_size)
        bookmarks = self._driver.execute_query_bookmark_manager
        with self._driver.session(database=self.database, bookmark_manager=bookmarks) as session:
            for number, batch in enumerate(batches, 1):
                done = f"batches 1 to {number - 1} are stored" if number > 1 else "no batch is stored"
                then = f"; {done}, and loading the same data again completes the load"
                with self._failures(f"writing batch {number} of {len(batches)}", then):
                    session.execute_write(_run_all, batch)

    def replace(self, node_ids: list[str], data: GraphData) -> None:
        """Delete the nodes, then merge `data`, all in one transaction: the graph has all of it or none."""
        ids = sorted({n.id for n in data.nodes} | {end for e in data.edges for end in (e.source, e.target)})
        gone = set(node_ids)
        stored = {r["id"]: _node_type(r["labels"]) for r in self._read(cypher.stored_types(ids)) if r["id"] not in gone}
        rows = len(data.nodes) + len(data.edges)
        batch = [cypher.delete_nodes(node_ids), *(q for b in _batches(data, stored, max(rows, 1)) for q in b)]
        bookmarks = self._driver.execute_query_bookmark_manager
        with (
            self._driver.session(database=self.database, bookmark_manager=bookmarks) as session,
            self._failures("replacing nodes", "; nothing was changed"),
        ):
            session.execute_write(_run_all, batch)

    # ------------------------------------------------------------ reads

    def linked(self, node_id: str) -> Linked | None:
        records = self._read(cypher.linked(node_id))
        return _linked(records[0]) if records else None

    def search(self, tokens: list[str], node_type: NodeType | None, limit: int) -> list[Node]:
        if not all(_SEARCH_TOKEN.fullmatch(t) for t in tokens):
            return []
        words = [t for t in tokens if t]
        index_query = " AND ".join(f"{t}*" for t in words) if words else None
        records = self._read(cypher.search(tokens, node_type, limit, index_query))
        # Neo4j orders by UTF-16 unit, Python by code point: they differ only beyond U+FFFF.
        return sorted((_node(r["node"]) for r in records), key=lambda n: n.id)

    def neighborhood(self, node_id: str, depth: int, edge_types: frozenset[EdgeType]) -> GraphData:
        records = self._read(cypher.neighborhood(node_id, depth, edge_types))
        if not records:
            return GraphData()
        return sorted_graph(map(_node, records[0]["nodes"]), map(_edge, records[0]["edges"]))

    def listing(
        self,
        node_id: str,
        depth: int,
        edge_types: frozenset[EdgeType],
        window: Window,
        kinds: frozenset[NodeType] | None,
        stop: int,
    ) -> Listing | None:
        records = self._read(cypher.listing(node_id, depth, edge_types, window, kinds, stop))
        if not records:
            return None
        return Listing(total=records[0]["total"], first=[(i, h) for i, h in records[0]["first"]])

    def joined(self, node_ids: list[str], among: Collection[str], edge_types: frozenset[EdgeType]) -> GraphData:
        [record] = self._read(cypher.joined(node_ids, sorted(set(among)), edge_types))
        return sorted_graph(map(_node, record["nodes"]), map(_edge, record["edges"]))

    def meetings(self, participant: str | None) -> list[Linked]:
        records = self._read(cypher.events(NodeType.MEETING, meeting_filter(participant)))
        return sorted(map(_linked, records), key=event_order)

    def measures(self, element: str | None, issuer: str | None) -> list[Linked]:
        records = self._read(cypher.events(NodeType.MEASURE, measure_filter(element, issuer)))
        return sorted(map(_linked, records), key=event_order)

    def export(self) -> GraphData:
        [record] = self._read(cypher.export())
        return sorted_graph(map(_node, record["nodes"]), map(_edge, record["edges"]))

    def nodes(self, node_type: NodeType | None, after: str | None, limit: int) -> list[Node]:
        return [_node(r["node"]) for r in self._read(cypher.nodes_page(node_type, after, limit))]

    def get_nodes(self, node_ids: list[str]) -> list[Node]:
        return [_node(r["node"]) for r in self._read(cypher.nodes_by_id(sorted(set(node_ids))))]

    def edges(self, after: EdgeKey | None, limit: int) -> list[Edge]:
        return [_edge(r["edge"]) for r in self._read(cypher.edges_page(after, limit))]

    def document_edges(self, document_id: str) -> list[Edge]:
        prefix = json.dumps({"document": document_id}, ensure_ascii=False)[:-1] + ", "
        records = self._read(cypher.document_edges(document_id, prefix))
        return sorted((_edge(r["edge"]) for r in records), key=lambda e: e.key)

    def retract(self, changed: list[Edge], dropped_edges: list[EdgeKey], dropped_nodes: list[str]) -> None:
        """One write transaction: new evidence, deleted edges, deleted nodes."""
        keyed = [
            {"source": e.source, "type": e.type.value, "target": e.target, "evidence": _evidence(e.evidence)}
            for e in changed
        ]
        gone = [{"source": s, "type": t, "target": g} for s, t, g in dropped_edges]
        batch = [cypher.set_evidence(keyed), cypher.delete_edges(gone), cypher.delete_nodes(list(dropped_nodes))]
        bookmarks = self._driver.execute_query_bookmark_manager
        session = self._driver.session(database=self.database, bookmark_manager=bookmarks)
        with self._failures("retracting a document", "; nothing was changed"), session:
            session.execute_write(_run_all, batch)

    def counts(self) -> dict[str, int]:
        [record] = self._read(cypher.counts())
        return {"nodes": record["nodes"], "edges": record["edges"]}

    def close(self) -> None:
        self._driver.close()


def _run_all(tx: ManagedTransaction, batch: Batch) -> None:
    """The transaction function of one batch; idempotent, as the driver may run it again."""
    for query, params in batch:
        tx.run(query, params).consume()
