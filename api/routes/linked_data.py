"""The ontology and its shapes as documents: `/v1/ontology` and `/v1/shapes`, in Turtle or JSON-LD by Accept."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from api.negotiation import preferred, rdf_document
from api.problems import RESPONSES, responses
from graph.rdf import MEDIA_TYPES, serialize_graph
from ontology.model import ontology

router = APIRouter(prefix="/v1", tags=["linked data"], responses={**RESPONSES, **responses(406)})
_FORMATS = {media: fmt for fmt, media in MEDIA_TYPES.items()}


def _document(request: Request, graph_name: str) -> Response:
    fmt = _FORMATS[preferred(request.headers.get("accept"), tuple(MEDIA_TYPES.values()))]
    return rdf_document(serialize_graph(getattr(ontology(), graph_name), fmt), fmt)


@router.get("/ontology", summary="The OWL ontology: node and edge types, attributes, kinds, alignments")
def ontology_document(request: Request) -> Response:
    return _document(request, "graph")


@router.get("/shapes", summary="The SHACL shapes every exported graph conforms to")
def shapes_document(request: Request) -> Response:
    return _document(request, "shapes")
