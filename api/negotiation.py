"""HTTP content negotiation between the contract's JSON and linked data (JSON-LD, Turtle, N-Triples).

Routes that give a graph call `linked_data` first: it reads the Accept header
(with q-values), answers `Vary: Accept` whatever it picks, and returns an RDF
response when the client prefers one, or None when JSON is what it wants (no
Accept header, `*/*`, `application/json`). An Accept header naming nothing the
route can give is a 406 problem.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request, Response

from graph import Settings
from graph.rdf import MEDIA_TYPES, RdfFormat, serialize
from ontology.contract import GraphData
from ontology.errors import NotAcceptableError

JSON = "application/json"
#: What a graph route offers, the contract's JSON first (it wins ties and `*/*`).
OFFERED: tuple[str, ...] = (JSON, *MEDIA_TYPES.values())
_FORMATS = {media: fmt for fmt, media in MEDIA_TYPES.items()}


#: The OpenAPI declaration of a 200 answered as RDF, in each format a route can give.
RDF_RESPONSE: dict[int | str, dict] = {
    200: {
        "description": "The graph as linked data, in the format the Accept header prefers.",
        "content": {media: {"schema": {"type": "string"}} for media in MEDIA_TYPES.values()},
    }
}


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, in the order given."""
    ranges = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value the most specific matching range gives `media` (0 when none matches)."""
    kind = media.split("/")[0] + "/*"
    for candidate in (media, kind, "*/*"):
        found = [q for r, q in ranges if r == candidate]
        if found:
            return max(found)
    return 0.0


def preferred(accept: str | None, offered: tuple[str, ...] = OFFERED) -> str:
    """The offered media type the Accept header likes best; the first offered when there is no header."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = _ranges(accept)
    best = max(offered, key=lambda media: _quality(media, ranges))  # max keeps the first of equals
    if _quality(best, ranges) <= 0:
        raise NotAcceptableError(f"Accept: {accept} names nothing this route gives; it gives {', '.join(offered)}")
    return best


def preferred_rdf(request: Request) -> RdfFormat:
    """The RDF format the request's Accept header likes best, for routes that give only RDF (Turtle first)."""
    return _FORMATS[preferred(request.headers.get("accept"), tuple(MEDIA_TYPES.values()))]


def rdf_document(text: str, fmt: RdfFormat) -> Response:
    """An RDF document as a response of its media type, varying with Accept."""
    media = MEDIA_TYPES[fmt]
    charset = "" if fmt is RdfFormat.JSONLD else "; charset=utf-8"
    return Response(text, media_type=media + charset, headers={"Vary": "Accept"})


def linked_data(
    request: Request, response: Response, graph: Callable[[], GraphData], settings: Settings
) -> Response | None:
    """The RDF response the client asked for, or None (with `Vary: Accept` set) when it wants the JSON."""
    response.headers["Vary"] = "Accept"
    media = preferred(request.headers.get("accept"))
    if media == JSON:
        return None
    fmt = _FORMATS[media]
    return rdf_document(serialize(graph(), fmt, settings.base_iri), fmt)
