"""Read-only SPARQL over the graph: parse, refuse what could write or reach out, run within limits.

A query runs over a fresh in-memory RDF copy of the graph (graph.rdf) and the
ontology, never over the store itself, so even a query that slipped past the
checks could change nothing stored. Before it runs, a query is refused when it is
an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ... also spelt in
fullwidth letters), when it calls SERVICE, or when it names other graphs (FROM,
FROM NAMED). While it runs, an audit hook refuses any network connection from
the querying thread, and a trace function stops it at the time limit. Answers
hold at most `max_results` rows or triples; `truncated` says when more were cut.
"""

from __future__ import annotations

import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from types import FrameType
from typing import Any

from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from graph.rdf import new_graph
from ontology.errors import ForbiddenError, PolicyGraphError, QueryError

#: Audit events that open a connection or fetch a URL; refused while a query runs.
NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "urllib.Request", "http.client.connect"})


class _TimeUp(BaseException):
    """Raised into the query's frames at the deadline; a BaseException so that no `except Exception` swallows it."""


_running = threading.local()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in NETWORK_EVENTS and getattr(_running, "query", False):
        raise ForbiddenError(f"a SPARQL query may not reach the network ({event} {args[:1]!r} refused)")


sys.addaudithook(_audit)


@dataclass
class Answer:
    """What a query gives: rows (SELECT), a boolean (ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def results_json(self) -> dict[str, Any]:
        """The SPARQL 1.1 Query Results JSON of a SELECT or ASK answer."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        bindings = [{k: _term_json(v) for k, v in row.items() if v is not None} for row in self.rows]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}


def _term_json(term: Any) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}


def _walk(node: Any) -> Iterator[CompValue]:
    """Every algebra or parse-tree node under `node`."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def parse(text: str) -> Query:
    """The query, or ForbiddenError for updates, SERVICE and other graphs, QueryError for anything unparsable."""
    if not text.strip():
        raise QueryError("the query is empty")
    try:
        query = translateQuery(parseQuery(text))
    except ParseException as exc:
        if _is_update(text) or _is_update(unicodedata.normalize("NFKC", text)):
            raise ForbiddenError("SPARQL updates are refused: this endpoint is read-only") from exc
        raise QueryError(f"the query cannot be parsed: {exc}") from exc
    except Exception as exc:  # rdflib's algebra raises plain Exceptions for e.g. unknown prefixes
        raise QueryError(f"the query cannot be read: {exc}") from exc
    if query.algebra.get("datasetClause"):
        raise ForbiddenError("FROM and FROM NAMED are refused: queries run over this graph only")
    if any(node.name == "ServiceGraphPattern" for node in _walk(query.algebra)):
        raise ForbiddenError("SERVICE is refused: queries run over this graph only, and never leave the machine")
    return query


@contextmanager
def limits(seconds: float) -> Iterator[None]:
    """Stop the calling thread's Python code at the deadline, and refuse its network access meanwhile."""
    deadline = time.monotonic() + seconds
    previous = sys.gettrace()

    def tracer(frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        if time.monotonic() > deadline:
            raise _TimeUp
        return None

    _running.query = True
    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)
        _running.query = False


def _truncate(graph: Graph, limit: int) -> tuple[Graph, bool]:
    out = new_graph()
    triples = list(islice(graph, limit + 1))
    for triple in triples[:limit]:
        out.add(triple)
    return out, len(triples) > limit


def run(graph: Graph, text: str, timeout: float, max_results: int) -> Answer:
    """Answer a read-only query over `graph` within `timeout` seconds and `max_results` rows or triples."""
    query = parse(text)
    form = query.algebra.name.removesuffix("Query").upper()
    try:
        with limits(timeout):
            result = graph.query(query)
            if result.type == "ASK":
                return Answer(form=form, boolean=bool(result.askAnswer))
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                found, truncated = _truncate(result.graph, max_results)
                return Answer(form=form, graph=found, truncated=truncated)
            variables = [str(v) for v in result.vars or []]
            rows = [{str(k): v for k, v in row.asdict().items()} for row in islice(result, max_results + 1)]
    except _TimeUp:
        raise QueryError(f"the query ran longer than {timeout:g} s: narrow it, or add a LIMIT") from None
    except PolicyGraphError:
        raise
    except Exception as exc:  # rdflib's evaluator raises plain Exceptions, e.g. for GRAPH over one graph
        raise QueryError(f"the query cannot be answered over this graph: {exc}") from exc
    return Answer(form=form, variables=variables, rows=rows[:max_results], truncated=len(rows) > max_results)
