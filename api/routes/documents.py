"""Provenance and writes: documents, the facts read from each; loading and retracting a document."""

from __future__ import annotations

from fastapi import APIRouter

from api import service
from api.problems import RESPONSES, WRITE_RESPONSES
from api.routes.common import BoundedRoute, StoreDep, WriterDep
from graph.retraction import Retraction
from ontology.contract import Document

router = APIRouter(prefix="/v1", tags=["documents"], responses=RESPONSES, route_class=BoundedRoute)


@router.get("/documents", summary="Every loaded document with its metadata")
def documents(store: StoreDep) -> list[Document]:
    return service.documents(store)


@router.get("/documents/{document_id}/facts", summary="Every fact read from a document, with its sentence")
def document_facts(store: StoreDep, document_id: str) -> list[service.Fact]:
    return service.document_facts(store, document_id)


@router.post(
    "/documents",
    status_code=201,
    responses=WRITE_RESPONSES,
    summary="Extract and load one document (needs the API key); returns what it added",
)
def add_document(store: WriterDep, body: service.DocumentIn) -> service.Added:
    return service.add_document(store, body)


@router.delete(
    "/documents/{document_id}",
    responses=WRITE_RESPONSES,
    summary="Retract a document (needs the API key): what only it supported goes",
)
def delete_document(store: WriterDep, document_id: str) -> Retraction:
    return service.delete_document(store, document_id)
