"""The one Settings object: every knob of the project, read once from the environment.

Project settings use the `POLICYGRAPH_` prefix; Neo4j settings use the names
Neo4j's own tools read (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`,
`NEO4J_DATABASE`), with `NEO4J_USER` accepted as an old alias.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Typed, validated configuration; see the README's Configuration table."""

    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", extra="ignore")

    home: Path = Field(default=Path("data"), description="Folder of the embedded store (it lives in HOME/store).")
    host: str = Field(default="127.0.0.1", description="Address `policygraph serve` binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `policygraph serve` listens on.")
    neo4j_uri: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_URI", "POLICYGRAPH_NEO4J_URI"),
        description="Bolt or neo4j URI; when set, Neo4j is the store instead of the embedded one.",
    )
    neo4j_username: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER", "POLICYGRAPH_NEO4J_USERNAME"),
        description="Neo4j user name.",
    )
    neo4j_password: str | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "POLICYGRAPH_NEO4J_PASSWORD"),
        description="Neo4j password.",
    )
    neo4j_database: str = Field(
        default="neo4j",
        validation_alias=AliasChoices("NEO4J_DATABASE", "POLICYGRAPH_NEO4J_DATABASE"),
        description="Neo4j database name, given on every query.",
    )
    batch_size: int = Field(default=500, ge=1, le=10_000, description="Rows per write transaction in Neo4j.")
    max_document_chars: int = Field(
        default=5_000_000, ge=1, description="Longest document text read, in characters; longer ones are refused."
    )
    max_file_bytes: int = Field(
        default=20_000_000, ge=1, description="Largest document file read, in bytes; larger ones are refused unread."
    )
    parse_timeout: float = Field(default=30.0, gt=0, description="Seconds an HTML or PDF file may take to parse.")
    parse_memory_mb: int = Field(default=1024, ge=64, description="Memory cap of the process parsing one HTML or PDF.")
    lock_timeout: float = Field(
        default=30.0, ge=0, description="Seconds a write to the embedded store waits for another writer to finish."
    )
    api_key: SecretStr | None = Field(
        default=None, description="Key the API's write routes require (header `X-API-Key`); unset, writes are refused."
    )
    reads_need_key: bool = Field(default=False, description="Whether the API's read routes require the key too.")
    query_timeout: float = Field(
        default=10.0, gt=0, le=600, description="Seconds an API query may take before it ends with a 503."
    )
    health_timeout: float = Field(default=2.0, gt=0, le=60, description="Seconds `/health` waits for the store.")
    max_body_bytes: int = Field(
        default=6_000_000, ge=1, description="Largest request body the API reads, in bytes; larger ones get 413."
    )
    rate_limit: int = Field(
        default=600, ge=0, description="Requests one client (API key, else address) may make per window; 0: no limit."
    )
    rate_window: float = Field(default=60.0, gt=0, description="Seconds of the rate-limit window.")
    view_node_budget: int = Field(
        default=300, ge=1, le=5000, description="Most nodes a network view draws; above it, the most central are kept."
    )
    base_iri: str = Field(
        default="https://w3id.org/policygraph/id/",
        description="Base of the IRIs of nodes and edges in RDF; ends with / or #. Set it to the API's "
        "`/v1/entities/` URL to make every node IRI resolve.",
    )
    sparql_max_results: int = Field(
        default=10_000, ge=1, le=1_000_000, description="Most rows (or triples) a SPARQL answer holds."
    )

    @field_validator("base_iri")
    @classmethod
    def _absolute_base(cls, value: str) -> str:
        """A base that joins ids into absolute IRIs: http(s), ending with a separator."""
        if not value.startswith(("http://", "https://")) or not value.endswith(("/", "#")) or " " in value:
            raise ValueError(f"POLICYGRAPH_BASE_IRI must be an http(s) IRI ending with / or #, not {value!r}")
        return value

    @classmethod
    def variable(cls, field: str) -> str:
        """The environment variable a field is read from, for messages that name it."""
        info = cls.model_fields.get(field)
        alias = info.validation_alias if info else None
        if isinstance(alias, AliasChoices):
            return str(alias.choices[0])
        return f"POLICYGRAPH_{field.upper()}"

    @property
    def store_path(self) -> Path:
        """Where the embedded store keeps its file."""
        return self.home / "store"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
