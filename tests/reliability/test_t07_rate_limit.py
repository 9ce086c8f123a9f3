"""T7, rate limit: a burst of 200 requests from one client gets 429 with Retry-After past the limit.

The route body does not run for a refused request (a spy counts the service
calls), other clients keep their own allowance, and /health is never limited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import build_small_graph, load_into, settings_over
from fastapi.testclient import TestClient

from api import service
from api.app import create_app
from api.limits import RateLimiter

LIMIT = 50
WINDOW = 10.0


@pytest.fixture
def api(tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    settings = settings_over("memory", tmp_path, request, api_key="k", rate_limit=LIMIT, rate_window=WINDOW)
    load_into(settings, build_small_graph())
    with TestClient(create_app(settings)) as client:
        yield client


def test_a_burst_of_200_from_one_key_is_cut_at_the_limit_without_running_the_route(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    find = service.find

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        return find(*args, **kwargs)

    monkeypatch.setattr(service, "find", counted)
    one = {"X-API-Key": "client-one"}
    answers = [api.get("/v1/entities", params={"q": "wang"}, headers=one) for _ in range(200)]
    other = api.get("/v1/entities", params={"q": "wang"}, headers={"X-API-Key": "client-two"})
    anonymous = api.get("/v1/entities", params={"q": "wang"})
    health = [api.get("/health", headers=one).status_code for _ in range(5)]

    statuses = [a.status_code for a in answers]
    assert statuses == [200] * LIMIT + [429] * (200 - LIMIT)
    assert len(calls) == LIMIT + 2
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= WINDOW
    assert f"more than {LIMIT} requests in 10 s" in refused.json()["detail"]
    assert other.status_code == 200 and anonymous.status_code == 200
    assert health == [200] * 5


def test_the_window_opens_again_once_it_has_passed() -> None:
    limiter = RateLimiter(limit=2, window=10.0)
    assert [limiter.hit("a", 0.0), limiter.hit("a", 1.0)] == [0.0, 0.0]
    assert limiter.hit("a", 4.0) == pytest.approx(6.0)
    assert limiter.hit("b", 4.0) == 0.0
    assert limiter.hit("a", 10.0) == 0.0
