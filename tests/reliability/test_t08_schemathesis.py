"""T8, Schemathesis over the whole OpenAPI document, in-process: no 5xx, every response as declared.

The app serves the embedded store holding `small_graph`, with an API key that the
write routes get (so they are exercised, not only refused), no rate limit (the
fuzzer is one busy client) and no time limit a loaded machine could trip.
Failures print a curl command that reproduces them.

Every check runs but "schema-valid data is accepted": a request can fit the schema
and still be refused with a 422 naming why (a cursor this API never gave out, a
name that fits several nodes, a search text with no letters), which is the
behaviour the API promises.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from conftest import build_small_graph, load_into
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from graph import Settings

KEY = "t08-key"


# Schemathesis parametrizes at collection, so the app exists at import; its store lives in a temporary folder.
HOME = Path(tempfile.mkdtemp(prefix="policygraph-t08-")) / "home"
CONFIG = Settings(home=HOME, api_key=KEY, rate_limit=0, query_timeout=600, health_timeout=60)
load_into(CONFIG, build_small_graph())
APP = create_app(CONFIG)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def serving_store() -> Iterator[None]:
    """Run the app's lifespan (the store is open) for the whole module, then remove its folder."""
    with TestClient(APP):
        yield
    shutil.rmtree(HOME.parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_response_matches_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"X-API-Key": KEY}, excluded_checks=[positive_data_acceptance])


def test_the_schema_covers_every_route() -> None:
    operations = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    paths = APP.openapi()["paths"]
    assert operations == {(m.upper(), p) for p in paths for m in paths[p]}
    assert len(operations) >= 18
