"""Limits every request meets before a route runs: the body size, the read key (when configured), the rate limit.

All are pure ASGI middleware, so they answer without buffering anything and
cover every router, including those added later.

The body limit (`POLICYGRAPH_MAX_BODY_BYTES`) refuses a declared `Content-Length`
above it before reading a byte, and counts the bytes of a body streamed without
one, stopping at the limit: either way a 413 problem, and never more than the
limit in memory. (Starlette's own limiter answers such requests in plain text,
replacing the problem body, hence this one.) The rate limit is a fixed
window per client: the API key the request carries (hashed), else its address.
A client over the limit gets a 429 problem with `Retry-After`, and the route does
not run; other clients are not affected. `/health` is exempt, so monitoring keeps
seeing the server. (A small middleware rather than slowapi: slowapi needs a
decorator and a `request` argument on every route, and keys its limits by
function name.)
"""

from __future__ import annotations

import hashlib
import math
import time
from contextvars import ContextVar
from dataclasses import dataclass, field

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_TYPES, WWW_AUTHENTICATE, problem_response
from api.security import API_KEY_HEADER, key_matches
from graph import Settings

#: Seconds the current request's query may take; set per request from the app's settings.
QUERY_TIMEOUT: ContextVar[float] = ContextVar("query_timeout", default=Settings().query_timeout)

#: Paths no limit applies to: the health check, and the documentation.
EXEMPT = frozenset({"/health", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
EXEMPT_PREFIXES = ("/static-offline-docs/",)


def exempt(path: str) -> bool:
    return path in EXEMPT or path.startswith(EXEMPT_PREFIXES)


@dataclass
class Window:
    """A client's requests in the current window."""

    start: float
    count: int = 0


@dataclass
class RateLimiter:
    """Fixed-window counts per client key; `hit` says how long to wait, or 0 when the request may go on."""

    limit: int
    window: float
    windows: dict[str, Window] = field(default_factory=dict)

    def hit(self, key: str, now: float) -> float:
        current = self.windows.get(key)
        if current is None or now - current.start >= self.window:
            if len(self.windows) > 100_000:  # forget stale clients rather than grow without end
                self.windows = {k: w for k, w in self.windows.items() if now - w.start < self.window}
            current = self.windows[key] = Window(start=now)
        current.count += 1
        if current.count <= self.limit:
            return 0.0
        return current.start + self.window - now


def client_key(scope: Scope, headers: Headers) -> str:
    """Who a request is from: its API key (hashed, never kept in clear), else its address."""
    given = headers.get(API_KEY_HEADER)
    if given:
        return "key:" + hashlib.sha256(given.encode("utf-8")).hexdigest()
    client = scope.get("client")
    return f"addr:{client[0] if client else 'unknown'}"


class GuardMiddleware:
    """The read key (when reads need it) and the rate limit, checked in that order."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_window) if settings.rate_limit else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        QUERY_TIMEOUT.set(self.settings.query_timeout)
        if scope["type"] != "http" or exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        path = scope["path"]
        if self.settings.reads_need_key and scope["method"] in ("GET", "HEAD"):
            given = headers.get(API_KEY_HEADER)
            if not key_matches(self.settings, given):
                detail = f"reads on this server need the API key in the {API_KEY_HEADER} header"
                response = problem_response(path, 401, "Unauthorized", detail, PROBLEM_TYPES + "unauthorized")
                response.headers["WWW-Authenticate"] = WWW_AUTHENTICATE
                await response(scope, receive, send)
                return
        if self.limiter is not None:
            wait = self.limiter.hit(client_key(scope, headers), time.monotonic())
            if wait > 0:
                detail = (
                    f"more than {self.limiter.limit} requests in {self.limiter.window:g} s from this client; "
                    f"retry in {math.ceil(wait)} s"
                )
                response = problem_response(path, 429, "Too Many Requests", detail)
                response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes the limit; FastAPI re-raises HTTPExceptions as they are."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


class BodyLimitMiddleware:
    """413 for bodies over `limit` bytes, declared or streamed (see the module docstring)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"{scope['method']} {scope['path']}: the body is over the {self.limit} bytes this server reads"
        response = problem_response(scope["path"], 413, "Content Too Large", detail)
        await response(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > self.limit:
            await self.refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:
                raise
            await self.refuse(scope, receive, send)
