"""What every router shares: the store dependencies, the bounded route class, shared parameter texts.

`BoundedRoute` runs each plain (sync) route in a worker thread under the
request's time limit (`POLICYGRAPH_QUERY_TIMEOUT`): a query still running then
is answered with a 503 problem on time while its thread finishes in the
background (on Neo4j the server ends it too, by the same timeout), so a slow
query never holds a client or keeps `/health` from answering.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request
from fastapi.routing import APIRoute

from api.limits import QUERY_TIMEOUT
from api.security import require_write_key
from graph import Settings, Store, open_store
from ontology.errors import StoreError

#: Where an actor, element or issuer is named: an id, or a name or alias (accents and case ignored).
NAME_OR_ID = "A node id (e.g. `official:wang-wentao`) or a name or alias; accents and case are ignored."


class QueryTimeout(StoreError):
    """A query ran longer than the server allows."""

    title = "Query timeout"


async def within(seconds: float, call: Callable[[], Any], doing: str, hint: str = "") -> Any:
    """`call()` in a worker thread, or a QueryTimeout when it takes longer than `seconds`."""
    try:
        with anyio.fail_after(seconds):
            return await anyio.to_thread.run_sync(call, abandon_on_cancel=True)
    except TimeoutError as exc:
        raise QueryTimeout(f"{doing} took longer than the {seconds:g} s this server allows{hint}") from exc


def bounded(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """An async endpoint running the sync `endpoint` under the request's time limit; FastAPI sees its signature."""

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Any:
        call = functools.partial(endpoint, *args, **kwargs)
        hint = " (POLICYGRAPH_QUERY_TIMEOUT); narrow it down: a smaller depth, fewer edge types, a date range"
        return await within(QUERY_TIMEOUT.get(), call, "the query", hint)

    return run


class BoundedRoute(APIRoute):
    """An APIRoute whose sync read endpoint runs under the time limit (see the module docstring).

    Writes are not bounded: a write answered with a timeout would still be made
    by its thread, and the client would be told it failed.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        reads = set(kwargs.get("methods") or ["GET"]) <= {"GET", "HEAD"}
        if reads and not inspect.iscoroutinefunction(endpoint):
            endpoint = bounded(endpoint)
        super().__init__(path, endpoint, **kwargs)


def get_store(request: Request) -> Store:
    """The store the app opened at start-up (read-only for the embedded store)."""
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


def writable_store(request: Request, _key: Annotated[None, Depends(require_write_key)]) -> Iterator[Store]:
    """A store opened for writing for the length of one request, then closed.

    The embedded store takes its write lock (a load running elsewhere makes this a
    503 naming the lock); the serving store sees the new file on its next read.
    """
    store = open_store(request.app.state.settings, writable=True)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
#: Write routes take this: the key is checked before the store is opened.
WriterDep = Annotated[Store, Depends(writable_store)]
