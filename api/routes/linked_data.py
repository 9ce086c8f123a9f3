"""The ontology and its shapes as documents: `/v1/ontology` and `/v1/shapes`, in Turtle or JSON-LD by Accept."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from rdflib import Graph

from api.negotiation import RDF_RESPONSE, preferred_rdf, rdf_document
from api.problems import RESPONSES, responses
from graph.rdf import serialize_graph
from ontology.model import ontology

router = APIRouter(prefix="/v1", tags=["linked data"], responses={**RESPONSES, **responses(406), **RDF_RESPONSE})


def _document(request: Request, graph: Graph) -> Response:
    fmt = preferred_rdf(request)
    return rdf_document(serialize_graph(graph, fmt), fmt)


@router.get(
    "/ontology", response_class=Response, summary="The OWL ontology: node and edge types, attributes, kinds, alignments"
)
def ontology_document(request: Request) -> Response:
    return _document(request, ontology().graph)


@router.get("/shapes", response_class=Response, summary="The SHACL shapes every exported graph conforms to")
def shapes_document(request: Request) -> Response:
    return _document(request, ontology().shapes)
