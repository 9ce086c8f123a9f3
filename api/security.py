"""Who may do what: the API key, checked in constant time, declared as an OpenAPI security scheme.

Writes always need the key (`POLICYGRAPH_API_KEY`); when none is configured they
are refused, never open. Reads are open unless `POLICYGRAPH_READS_NEED_KEY` is
set, in which case the read routes take the same key. A missing or wrong key is a
401 with `WWW-Authenticate`; writes on a server with no key are a 403.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import APIKeyHeader

from graph import Settings
from ontology.errors import AuthenticationError, ForbiddenError

API_KEY_HEADER = "X-API-Key"

api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    scheme_name="ApiKey",
    description="The key configured as POLICYGRAPH_API_KEY.",
)


def key_matches(settings: Settings, given: str | None) -> bool:
    """Whether `given` is the configured key, compared in constant time (as UTF-8 bytes)."""
    if settings.api_key is None or given is None:
        return False
    return secrets.compare_digest(given.encode("utf-8"), settings.api_key.get_secret_value().encode("utf-8"))


def check_key(settings: Settings, given: str | None, doing: str) -> None:
    """Refuse `doing` unless `given` is the configured key: 403 when no key is configured, else 401."""
    if settings.api_key is None:
        raise ForbiddenError(f"{doing} is disabled on this server: no POLICYGRAPH_API_KEY is configured")
    if given is None:
        raise AuthenticationError(f"{doing} needs the API key in the {API_KEY_HEADER} header")
    if not key_matches(settings, given):
        raise AuthenticationError(f"the {API_KEY_HEADER} header does not hold this server's API key")


def require_write_key(request: Request, key: Annotated[str | None, Security(api_key_header)]) -> None:
    """The dependency of every route that changes the graph."""
    check_key(request.app.state.settings, key, f"{request.method} {request.url.path}")


#: Non-GET routes that only read and so are as open as reads: (method, path).
READ_ONLY_POSTS: frozenset[tuple[str, str]] = frozenset({("POST", "/v1/sparql")})
