"""Every API error as an RFC 9457 problem: `application/problem+json` with type, title, status, detail, instance.

This is the one handler table of the app. Project errors carry their own status
and title (`ontology.errors`); FastAPI's own errors (unknown route, bad query
parameter) are rewritten into the same shape, so a client parses one error body.
Problem types are URIs under the project's namespace, one per error class;
errors that are plain HTTP errors use `about:blank`, as the RFC advises.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator
from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match

from ontology.errors import PolicyGraphError
from ontology.ids import slug

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPES = "https://w3id.org/policygraph/problems#"

log = logging.getLogger(__name__)


class Problem(BaseModel):
    """The body of every error response, for the OpenAPI document."""

    type: str
    title: str
    status: int
    detail: str
    instance: str


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Error responses declared for /docs, each a problem+json body."""
    return {
        status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": HTTPStatus(status).phrase}
        for status in statuses
    }


#: The error responses every route may give, declared so /docs shows their shape.
RESPONSES = responses(404, 422, 429, 503)

#: The further error responses of the routes that take a body or need the key.
WRITE_RESPONSES = responses(400, 401, 403, 409, 413)


def problem_response(
    path: str, status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any
) -> JSONResponse:
    """A problem+json response about the resource at `path`; `extra` adds extension members.

    Middleware, which has no `Request`, answers with this directly.
    """
    body = {"type": type_, "title": title, "status": status, "detail": detail, "instance": path, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def problem(
    request: Request, status: int, title: str, detail: str, type_: str = "about:blank", **extra: Any
) -> JSONResponse:
    """A problem+json response about `request`; `extra` adds extension members."""
    return problem_response(request.url.path, status, title, detail, type_, **extra)


#: What a 401 tells the client to send: the API key, in the header the OpenAPI document names.
WWW_AUTHENTICATE = 'ApiKey realm="policygraph", header="X-API-Key"'


async def project_error(request: Request, exc: PolicyGraphError) -> JSONResponse:
    """A `PolicyGraphError`: its status, title and message as they are (a 401 says how to authenticate)."""
    response = problem(request, exc.status, exc.title, exc.detail, PROBLEM_TYPES + slug(exc.title))
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    """Starlette's own errors: unknown routes (404), wrong methods (405)."""
    phrase = HTTPStatus(exc.status_code).phrase
    detail = f"{request.method} {request.url.path}: {phrase.lower()}" if exc.detail == phrase else str(exc.detail)
    if exc.status_code == 413:
        limit = request.app.state.settings.max_body_bytes
        detail = f"{request.method} {request.url.path}: the body is over the {limit} bytes this server reads"
        phrase = "Content Too Large"
    response = problem(request, exc.status_code, phrase, detail)
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


def _routes(routes: list[Any]) -> Iterator[Any]:
    """Every route of an app, also those inside included routers."""
    for route in routes:
        yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _routes(inner.routes)


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path (Starlette's 405 names only the first route's)."""
    methods = {
        method
        for route in _routes(request.app.routes)
        if isinstance(route, BaseRoute)
        and getattr(route, "methods", None)
        and route.matches({**request.scope, "method": "GET"})[0] is not Match.NONE
        for method in route.methods
    }
    return sorted(methods)


def _where(loc: tuple[Any, ...]) -> str:
    """A validation error location as a reader names it: "query parameter 'depth'"."""
    if len(loc) >= 2 and loc[0] in ("query", "path", "header"):
        return f"{loc[0]} parameter {loc[1]!r}"
    return ".".join(map(str, loc))


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Request parameters that do not fit their declared types, every problem at once, in `errors`."""
    errors = [{"location": _where(tuple(e["loc"])), "message": e["msg"]} for e in exc.errors()]
    detail = "; ".join(f"{e['location']}: {e['message']}" for e in errors)
    return problem(request, 422, "Invalid request", detail, PROBLEM_TYPES + "invalid-request", errors=errors)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """A bug: logged with its traceback, answered without internals."""
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return problem(request, 500, "Internal Server Error", "the server failed to answer; the error was logged")


HANDLERS: dict[type[Exception], Callable[[Request, Any], Awaitable[JSONResponse]]] = {
    PolicyGraphError: project_error,
    HTTPException: http_error,
    RequestValidationError: validation_error,
    Exception: unexpected_error,
}
