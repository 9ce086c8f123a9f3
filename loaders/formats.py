"""Text out of formats that are not plain text: HTML pages and PDF files."""

from __future__ import annotations

import io
from pathlib import Path

from ontology.errors import InputError


def html_text(path: Path, html: str) -> str:
    """The main text of a web page, without navigation and comments (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise InputError(f"{path}: no article text found in the HTML page")
    return text


def pdf_text(path: Path, raw: bytes) -> str:
    """The text of every page of a PDF (pypdf, with its size limits on decompression)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(f"{path}: the PDF is encrypted")
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable PDF ({exc})") from exc
    if not text.strip():
        raise InputError(f"{path}: the PDF has no extractable text")
    return text
