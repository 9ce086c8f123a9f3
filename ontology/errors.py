"""One exception base for the whole project.

Every layer raises a subclass of `PolicyGraphError`; only the edges (the FastAPI
app and the CLI) turn them into HTTP problems or exit codes. Each class carries
the HTTP status it maps to, so the API needs one handler, not one per class.
"""

from __future__ import annotations


class PolicyGraphError(Exception):
    """Base class: a failure the user can act on, with a message that says how."""

    status: int = 500
    title: str = "Internal error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class OntologyError(PolicyGraphError):
    """The ontology files are inconsistent, or a value is not in the vocabulary."""

    title = "Ontology error"


class InputError(PolicyGraphError):
    """A document, manifest or request argument cannot be used; names it and why."""

    status = 422
    title = "Invalid input"


class NotFoundError(PolicyGraphError):
    """An id names nothing in the store."""

    status = 404
    title = "Not found"


class StoreError(PolicyGraphError):
    """The store cannot be read or written (corrupt file, lock held, server down)."""

    status = 503
    title = "Store unavailable"


class ConflictError(PolicyGraphError):
    """The request would overwrite something stored (a document loaded already)."""

    status = 409
    title = "Conflict"


class AuthenticationError(PolicyGraphError):
    """A request needs the API key and gave none, or a wrong one."""

    status = 401
    title = "Unauthorized"


class ForbiddenError(PolicyGraphError):
    """The server refuses the request whatever key is given (writes with no key configured, SPARQL updates)."""

    status = 403
    title = "Forbidden"


class QueryError(InputError):
    """A query (SPARQL) that cannot be parsed or run as given."""

    status = 400
    title = "Invalid query"


class NotAcceptableError(PolicyGraphError):
    """No representation the client accepts: the Accept header names only media types the route cannot give."""

    status = 406
    title = "Not acceptable"
