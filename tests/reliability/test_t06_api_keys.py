"""T6, API keys: every non-GET route needs the key, compared in constant time; the read policy is explicit.

The route table is read from the app itself, so a write route added later without
the key fails here. Read-only POSTs (the SPARQL query route) are an explicit
allowlist, `api.security.READ_ONLY_POSTS`.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import build_small_graph, load_into, settings_over
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import create_app
from api.security import READ_ONLY_POSTS, require_write_key
from graph import Settings

KEY = "t06-the-right-key"


def api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute of an app, also those inside included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from api_routes(inner.routes)


def needs_key(dependant: Any) -> bool:
    return any(d.call is require_write_key or needs_key(d) for d in dependant.dependencies)


def writes() -> list[tuple[str, str]]:
    """(method, path) of every route that is not a GET, from the app's own route table."""
    app = create_app(Settings(home=Path("/nonexistent")))
    found = {
        (method, route.path)
        for route in api_routes(app.routes)
        for method in route.methods
        if method not in ("GET", "HEAD")
    }
    return sorted(found)


def test_the_route_table_has_write_routes_and_each_carries_the_key_dependency() -> None:
    app = create_app(Settings(home=Path("/nonexistent")))
    table = list(api_routes(app.routes))
    mutating = [r for r in table if set(r.methods) - {"GET", "HEAD"}]
    assert {("POST", "/v1/documents"), ("DELETE", "/v1/documents/{document_id}")} <= set(writes())
    for route in mutating:
        methods = set(route.methods) - {"GET", "HEAD"}
        if all((m, route.path) in READ_ONLY_POSTS for m in methods):
            continue
        assert needs_key(route.dependant), f"{sorted(methods)} {route.path} does not require the API key"
    for route in table:
        if set(route.methods) <= {"GET", "HEAD"}:
            assert not needs_key(route.dependant), f"GET {route.path} asks for the write key"


def test_the_openapi_document_declares_the_key_on_every_write() -> None:
    spec = create_app(Settings(home=Path("/nonexistent"))).openapi()
    assert spec["components"]["securitySchemes"]["ApiKey"]["in"] == "header"
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method == "get" or (method.upper(), path) in READ_ONLY_POSTS:
                assert "security" not in operation, f"{method} {path}"
            else:
                assert operation["security"] == [{"ApiKey": []}], f"{method} {path}"


@pytest.fixture
def make_api(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    def make(**settings: Any) -> TestClient:
        config = settings_over("memory", tmp_path, request, rate_limit=0, **settings)
        load_into(config, build_small_graph())
        return TestClient(create_app(config))

    return make


def call(api: TestClient, method: str, path: str, key: str | None) -> Any:
    url = re.sub(r"{[^}]+}", "document:brussels-note", path)
    headers = {"X-API-Key": key} if key is not None else {}
    body = {"text": "The Ministry of Commerce met.", "key": "t06"} if method in ("POST", "PUT", "PATCH") else None
    return api.request(method, url, headers=headers, json=body)


@pytest.mark.parametrize(("method", "path"), [w for w in writes() if w not in READ_ONLY_POSTS])
def test_every_write_refuses_a_missing_or_wrong_key_and_takes_the_right_one(
    make_api: Any, method: str, path: str
) -> None:
    with make_api(api_key=KEY) as api:
        before = api.get("/v1/export").json()
        missing = call(api, method, path, None)
        wrong = call(api, method, path, KEY[:-1] + "X")
        assert api.get("/v1/export").json() == before
        right = call(api, method, path, KEY)

    for response in (missing, wrong):
        assert response.status_code == 401, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == 'ApiKey realm="policygraph", header="X-API-Key"'
    assert "X-API-Key" in missing.json()["detail"]
    assert right.status_code < 400, right.text


@pytest.mark.parametrize(("method", "path"), [w for w in writes() if w not in READ_ONLY_POSTS])
def test_with_no_key_configured_writes_are_refused_whatever_is_sent(make_api: Any, method: str, path: str) -> None:
    with make_api() as api:
        for key in (None, "", "anything"):
            response = call(api, method, path, key)
            assert response.status_code == 403, response.text
            assert "POLICYGRAPH_API_KEY" in response.json()["detail"]


def test_reads_are_open_by_default_and_closed_when_configured(make_api: Any) -> None:
    with make_api(api_key=KEY) as api:
        assert api.get("/v1/entities", params={"q": "wang"}).status_code == 200
    with make_api(api_key=KEY, reads_need_key=True) as api:
        refused = api.get("/v1/entities", params={"q": "wang"})
        allowed = api.get("/v1/entities", params={"q": "wang"}, headers={"X-API-Key": KEY})
        health = api.get("/health")
        docs = api.get("/docs")
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("ApiKey")
    assert allowed.status_code == 200
    assert health.status_code == 200 and docs.status_code == 200


def test_the_key_is_compared_in_constant_time(make_api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = secrets.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(secrets, "compare_digest", spy)
    with make_api(api_key=KEY) as api:
        api.delete("/v1/documents/document:brussels-note", headers={"X-API-Key": "guess"})
    assert compared == [(b"guess", KEY.encode())]
