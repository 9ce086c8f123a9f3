"""Every format the graph is exported in, and the one function that writes each.

JSON is the contract's own shape; Turtle, N-Triples and JSON-LD come from
graph.rdf; GraphML and CSV from graph.tabular. The CLI's `export --format` and
the API's content negotiation both go through `render`.
"""

from __future__ import annotations

from enum import StrEnum

from graph.rdf import MEDIA_TYPES as RDF_MEDIA_TYPES
from graph.rdf import RdfFormat, serialize
from graph.tabular import graphml
from ontology.contract import GraphData


class ExportFormat(StrEnum):
    """The formats `policygraph export --format` writes."""

    JSON = "json"
    TTL = "ttl"
    NT = "nt"
    JSONLD = "jsonld"
    GRAPHML = "graphml"
    CSV = "csv"


#: The media type of each format written as one document (CSV is two tables, written to a folder).
MEDIA_TYPES: dict[ExportFormat, str] = {
    ExportFormat.JSON: "application/json",
    **{ExportFormat(f.value): media for f, media in RDF_MEDIA_TYPES.items()},
    ExportFormat.GRAPHML: "application/graphml+xml",
}


def render(data: GraphData, fmt: ExportFormat, base_iri: str) -> str:
    """The graph as one document in `fmt` (every format but CSV); RDF IRIs under `base_iri`."""
    if fmt is ExportFormat.JSON:
        return data.model_dump_json(indent=2) + "\n"
    if fmt is ExportFormat.GRAPHML:
        return graphml(data)
    if fmt is ExportFormat.CSV:
        raise ValueError("CSV is two tables: write it with graph.tabular.write_csv")
    return serialize(data, RdfFormat(fmt.value), base_iri)
