"""Text out of formats that are not plain text: HTML pages and PDF files.

These parsers are where a hostile file does its harm (pypdf has a history of
infinite loops on crafted files; a page can be nested 100,000 deep), so they run
only inside `loaders.sandbox`, in a child process with a wall-clock timeout and
a memory cap. Nothing here fetches anything: links, images and stylesheets a
page names are never requested.
"""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

from ontology.errors import InputError

#: How far into a page the HTML standard looks for a `<meta charset>` (its "prescan").
PRESCAN_BYTES = 1024
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
#: The HTML standard reads these labels as windows-1252, a superset of them.
WINDOWS_1252_LABELS = frozenset({"iso8859-1", "ascii", "latin-1", "cp1252"})
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def html_encoding(raw: bytes) -> str | None:
    """The encoding a page declares, as a browser finds it: a byte-order mark, else a `<meta charset>`."""
    for bom, name in BOMS:
        if raw.startswith(bom):
            return name
    found = META_CHARSET.search(raw[:PRESCAN_BYTES])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in WINDOWS_1252_LABELS else name


def decode_html(path: Path, raw: bytes) -> str:
    """A page's text as its bytes declare it (trafilatura left to guess can ignore `<meta charset>`)."""
    declared = html_encoding(raw)
    try:
        return raw.decode(declared or "utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        said = f"declared {declared}" if declared else "no charset declared, so read as UTF-8"
        where = f"byte {exc.start}: {exc.reason}"
        raise InputError(f"{path}: the page's bytes are not valid text ({said}; {where})") from exc


def html_text(path: Path, raw: bytes) -> str:
    """The main text of a web page, without navigation and comments (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(
        decode_html(path, raw), include_comments=False, include_tables=False, favor_precision=True
    )
    if not text:
        raise InputError(f"{path}: no article text found in the HTML page")
    return text


def pdf_text(path: Path, raw: bytes) -> str:
    """The text of every page of a PDF (pypdf, with its size limits on decompression)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    if not raw.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"{path}: not a PDF file (it does not start with %PDF)")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(f"{path}: the PDF is encrypted")
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, PyPdfError, ValueError, OSError, KeyError, TypeError, RecursionError) as exc:
        raise InputError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from exc
    if not text.strip():
        raise InputError(f"{path}: the PDF has no extractable text")
    return text
