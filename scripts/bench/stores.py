"""The stores a run measures, opened only through `graph.open_store`, and the throwaway Neo4j behind one of them.

Both are configured the way a user configures them, through `graph.Settings`:
the embedded store by its home folder, Neo4j by its URI and password. The
Neo4j server is started for the run by scripts/neo4j_local.py (as the tests'
fixtures do), one per graph size so that no graph mixes with another, and
stopped afterwards; without Java its rows are reported as not run, with why.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j_local

from graph import Settings, Store, open_store
from ontology.contract import GraphData

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache"
PASSWORD = "policygraph-bench"
#: Rows per upsert when filling a store: the embedded store keeps one upsert whole in memory several times over.
FILL_CHUNK = 100_000
#: Room for a 10^6-edge graph and its traversals; a runaway query ends with an error instead of the server.
NEO4J_CONFIG = {
    "server.memory.heap.initial_size": "1g",
    "server.memory.heap.max_size": "2g",
    "server.memory.pagecache.size": "1g",
    "db.memory.transaction.max": "1g",
    "db.transaction.timeout": "60s",
}
#: Reads the bench makes to write and export (untimed lookups, whole-graph exports) may take this long.
LONG_QUERY_S = 600.0
#: What an API query may take by default; traversals are measured under it, as users get them.
API_QUERY_S = Settings.model_fields["query_timeout"].default
#: Rows per transaction when filling Neo4j before measuring it (untimed): fewer round trips than the default.
NEO4J_FILL_BATCH = 5_000


def embedded_settings(home: Path) -> Settings:
    """Settings naming the embedded store under `home`, whatever NEO4J_URI the environment holds."""
    return Settings(home=home, NEO4J_URI=None)


def embedded(home: Path, *, writable: bool = False) -> Store:
    """The embedded store under `home`."""
    return open_store(embedded_settings(home), writable=writable)


def fill(store: Store, data: GraphData) -> None:
    """Upsert `data` in chunks of FILL_CHUNK edges (nodes with the first), as a loader feeding many documents would."""
    for start in range(0, max(len(data.edges), 1), FILL_CHUNK):
        nodes = data.nodes if start == 0 else []
        store.upsert(GraphData(nodes=nodes, edges=data.edges[start : start + FILL_CHUNK]))


def fill_neo4j(settings: Settings, data: GraphData) -> None:
    """Store `data` in the Neo4j `settings` name, NEO4J_FILL_BATCH rows per transaction."""
    store = open_store(settings.model_copy(update={"batch_size": NEO4J_FILL_BATCH}))
    try:
        store.upsert(data)
    finally:
        store.close()


def neo4j_unavailable() -> str | None:
    """Why no local Neo4j can be started here, or None."""
    return neo4j_local.available(CACHE)


@contextmanager
def neo4j_server(home: Path) -> Iterator[Settings]:
    """A throwaway Neo4j with its files under `home`, as the Settings that reach it (reads up to LONG_QUERY_S)."""
    server = neo4j_local.start(home, password=PASSWORD, cache_dir=CACHE, extra_config=NEO4J_CONFIG)
    try:
        yield Settings(
            home=home / "unused",
            NEO4J_URI=server.uri,
            NEO4J_USERNAME=server.username,
            NEO4J_PASSWORD=server.password,
            NEO4J_DATABASE=neo4j_local.DATABASE,
            query_timeout=LONG_QUERY_S,
        )
    finally:
        server.stop()
