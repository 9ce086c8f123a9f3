"""Finding, reading and describing source documents.

`discover` walks the given paths for files it knows how to read (plain text,
Markdown, HTML, PDF); `read_documents` reads and cleans each of them and yields
it with either a `SourceDocument` or an `InputError` naming the file and the
reason, so one bad file never stops the others. Metadata comes from a manifest (JSON lines, as in
shared/seeds/manifest.jsonl) where one is given, else from the text itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from loaders.clean import clean_text
from loaders.dates import parse_header_date
from ontology.errors import InputError
from ontology.ids import node_id, slug
from ontology.terms import NodeType

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
#: The first lines of a text that may hold its date and title.
HEADER_LINES = 3
#: Hex digits of the text's digest in a document id: enough that two texts of one name never share one.
DIGEST_LENGTH = 8


@dataclass(frozen=True)
class Metadata:
    """What a manifest line says about one file."""

    published: date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    """A document ready for extraction: `text` is cleaned, offsets point into it."""

    id: str
    path: Path
    title: str | None
    published: date | None
    source: str
    text: str
    #: Where a reader-comment section starts in `text` (len(text) when there is none).
    comment_start: int


def read_manifest(path: Path) -> dict[Path, Metadata]:
    """Metadata by resolved file path; raise InputError naming the manifest line that is wrong."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the manifest: {exc}") from exc
    entries: dict[Path, Metadata] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            file = (path.parent / row["file"]).resolve()
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{where}: not a manifest line with a 'file' and an ISO 'published' date ({exc})") from exc
        entries[file] = Metadata(published=published, title=row.get("title"), url=row.get("url"))
    return entries


def discover(paths: list[Path], manifest: Path | None = None) -> tuple[list[Path], list[Path]]:
    """Files to read, and files passed over (other kinds), from files and folders (recursively)."""
    found: list[Path] = []
    skipped: list[Path] = []
    skip_names = {manifest.resolve()} if manifest else set()
    for path in paths:
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in candidates:
            hidden = any(part.startswith(".") for part in file.relative_to(path).parts) if path.is_dir() else False
            if file.resolve() in skip_names or hidden:
                continue
            (found if file.suffix.lower() in READABLE else skipped).append(file)
    return found, skipped


def _decode(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: the file is binary, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 text (byte {exc.start}: {exc.reason})") from exc


def _raw_text(path: Path) -> str:
    """The text of one file, by its kind."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from loaders.formats import pdf_text

        return pdf_text(path, raw)
    text = _decode(path, raw)
    if suffix in HTML_SUFFIXES:
        from loaders.formats import html_text

        return html_text(path, text)
    return text


def _header(text: str) -> tuple[date | None, str | None]:
    """A date and a title from the first lines, where the text starts with them."""
    published = None
    title = None
    for line in [ln.strip() for ln in text.splitlines() if ln.strip()][:HEADER_LINES]:
        found = parse_header_date(line)
        if found and published is None and title is None:
            published = found
            continue
        if title is None:
            title = line.lstrip("#").strip()
    return published, title


def document_id(path: Path, text: str) -> str:
    """A document's id: its file name and a digest of its text.

    Stable across runs, machines and folders (the same file loaded from anywhere
    is the same document, and loading it again changes nothing), readable, and
    never shared by two different texts, even two files of the same name.
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]
    return node_id(NodeType.DOCUMENT, f"{slug(path.stem) or 'document'}-{digest}")


def read_document(path: Path, meta: Metadata | None = None) -> SourceDocument:
    """Read, clean and describe one file; raise InputError naming it when it cannot be used."""
    raw = _raw_text(path)
    published, title = _header(raw)
    text, comment_start = clean_text(raw)
    if not text.strip():
        raise InputError(f"{path}: no text is left once page leftovers are removed")
    meta = meta or Metadata()
    return SourceDocument(
        id=document_id(path, raw),
        path=path,
        title=meta.title or title,
        published=meta.published or published,
        source=meta.url or path.name,
        text=text,
        comment_start=comment_start,
    )


def read_documents(
    files: list[Path], manifest: Path | None = None
) -> Iterator[tuple[Path, SourceDocument | InputError]]:
    """Each file (as `discover` found them) with its document or the error that kept it out, in order."""
    meta = read_manifest(manifest) if manifest else {}
    for file in files:
        try:
            yield file, read_document(file, meta.get(file.resolve()))
        except InputError as exc:
            yield file, exc
