"""Loaders: documents in, contract-shaped facts with evidence out."""

from __future__ import annotations

from loaders.documents import SourceDocument, discover, read_documents
from loaders.extract import Extractor

__all__ = ["Extractor", "SourceDocument", "discover", "read_documents"]
