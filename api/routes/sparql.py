"""`/v1/sparql`: a read-only SPARQL 1.1 endpoint over the graph and the ontology.

GET takes `?query=`; POST takes the query as `application/sparql-query` or as
the `query` field of a form. Updates (by form field, media type or text) are
refused with 403, and so are SERVICE and FROM; see graph.sparql for the limits.
SELECT and ASK answer in SPARQL Results JSON; CONSTRUCT and DESCRIBE in
Turtle, N-Triples or JSON-LD by the Accept header. An answer cut at the result
limit carries `Results-Truncated: true`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api import service
from api.negotiation import preferred_rdf, rdf_document
from api.problems import RESPONSES, responses
from api.routes.common import SettingsDep, StoreDep
from graph.rdf import serialize_graph
from graph.sparql import Answer
from ontology.errors import ForbiddenError, InputError

router = APIRouter(prefix="/v1", tags=["linked data"], responses={**RESPONSES, **responses(400, 403, 406)})
RESULTS_JSON = "application/sparql-results+json"
SPARQL_QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"


def _respond(request: Request, answer: Answer) -> Response:
    headers = {"Vary": "Accept", **({"Results-Truncated": "true"} if answer.truncated else {})}
    if answer.graph is None:
        return JSONResponse(answer.results_json(), media_type=RESULTS_JSON, headers=headers)
    fmt = preferred_rdf(request)
    response = rdf_document(serialize_graph(answer.graph, fmt), fmt)
    response.headers.update(headers)
    return response


@router.get("/sparql", summary="Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)")
def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str, Query(description="The SPARQL query.")],
) -> Response:
    return _respond(request, service.sparql(store, query, settings))


@router.post("/sparql", summary="Run a read-only SPARQL query sent as application/sparql-query or as a form")
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    if media == SPARQL_QUERY:
        query = body
    elif media == FORM:
        form = parse_qs(body, keep_blank_values=True)
        if "update" in form:
            raise ForbiddenError("SPARQL updates are refused: this endpoint is read-only")
        query = (form.get("query") or [""])[0]
    elif media == "application/sparql-update":
        raise ForbiddenError("SPARQL updates are refused: this endpoint is read-only")
    else:
        raise InputError(f"send the query as {SPARQL_QUERY} or as the query field of {FORM}, not {media or 'nothing'}")
    return _respond(request, await run_in_threadpool(service.sparql, store, query, settings))
