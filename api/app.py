"""The HTTP API: the /v1 routers over the configured store, documented at /docs (served offline).

`create_app` builds the app; the store is opened read-only when the app starts
and closed when it stops, and every route reaches it through `StoreDep`. Each
area's routes live in `api/routes/<area>.py` and are included here with one
line; they only parse their parameters and call `api.service`. Errors become
RFC 9457 problems in `api.problems`. Limits (body size, rate, read key) apply
before any route runs (`api.limits`); writes need the API key (`api.security`).
Run it with `policygraph serve`, or `uvicorn --factory api.app:create_app`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from api.limits import BodyLimitMiddleware, GuardMiddleware
from api.problems import HANDLERS
from api.routes import (
    analytics,
    documents,
    entities,
    export,
    health,
    linked_data,
    measures,
    meetings,
    sparql,
    timeline,
    views,
)
from graph import Settings, describe_backend, get_settings, open_store

log = logging.getLogger("uvicorn.error")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over the store `settings` configure (the environment's, by default)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings)
        log.info("serving the graph in %s", describe_backend(settings))
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPIOffline(
        title="policygraph",
        version=version("policygraph"),
        description=(
            "Actors and measures of trade policy, read from documents; every fact with the sentence it came from. "
            "Errors are RFC 9457 problems. Writes need the API key (header X-API-Key)."
        ),
        lifespan=lifespan,
        exception_handlers=HANDLERS,
    )
    app.state.settings = settings
    app.add_middleware(GuardMiddleware, settings=settings)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.include_router(health.router)
    app.include_router(entities.router)
    app.include_router(meetings.router)
    app.include_router(measures.router)
    app.include_router(timeline.router)
    app.include_router(documents.router)
    app.include_router(analytics.router)
    app.include_router(export.router)
    app.include_router(sparql.router)
    app.include_router(linked_data.router)
    app.include_router(views.router)
    return app
