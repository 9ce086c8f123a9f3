"""Graph storage: the `Store` protocol, its adapters, and the one place a backend is chosen."""

from __future__ import annotations

from graph.settings import Settings, get_settings
from graph.store import Linked, Store


def open_store(settings: Settings | None = None, *, writable: bool = False) -> Store:
    """The configured store: Neo4j when `NEO4J_URI` is set, else the embedded store under HOME/store.

    Only writers (`writable=True`) write, each write holding the embedded store's
    lock, so the API can serve while a load runs in another process.
    """
    settings = settings or get_settings()
    if settings.neo4j_uri:
        from graph.neo4j import Neo4jStore

        return Neo4jStore.from_settings(settings)
    from graph.memory import MemoryStore

    return MemoryStore(settings.store_path, writable=writable, lock_timeout=settings.lock_timeout)


def describe_backend(settings: Settings | None = None) -> str:
    """A one-line description of where the graph lives, for logs and /health."""
    settings = settings or get_settings()
    if settings.neo4j_uri:
        return f"neo4j {settings.neo4j_uri} (database {settings.neo4j_database})"
    return f"embedded {settings.store_path}"


__all__ = ["Linked", "Settings", "Store", "describe_backend", "get_settings", "open_store"]
