"""Finding, reading and describing source documents.

`discover` walks the given paths for files it knows how to read (plain text,
Markdown, HTML, PDF); `read_documents` reads and cleans each of them and yields
it with either a `SourceDocument` or an `InputError` naming the file and the
reason, so one bad file never stops the others. Metadata comes from a manifest (JSON lines, as in
shared/seeds/manifest.jsonl) where one is given, else from the text itself.

Every file is read within `Limits`: a file too large is refused unread, a text
too long is refused before cleaning, and HTML and PDF files are parsed in a
child process (`loaders.sandbox`) that a hostile file can only cost its time
budget.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from loaders.clean import clean_text
from loaders.dates import parse_header_date
from loaders.sandbox import Budget, parse
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

if TYPE_CHECKING:
    from graph.settings import Settings


@dataclass(frozen=True)
class Limits:
    """What reading one document may cost (see the POLICYGRAPH_MAX_* and PARSE_* settings)."""

    max_chars: int = 5_000_000
    max_bytes: int = 20_000_000
    budget: Budget = field(default_factory=Budget)

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        budget = Budget(seconds=settings.parse_timeout, memory_bytes=settings.parse_memory_mb * 1024 * 1024)
        return cls(max_chars=settings.max_document_chars, max_bytes=settings.max_file_bytes, budget=budget)

    @classmethod
    def configured(cls) -> Limits:
        """The limits the environment sets."""
        from graph.settings import get_settings

        return cls.from_settings(get_settings())


@dataclass(frozen=True)
class Metadata:
    """What a manifest line says about one file."""

    published: date | None = None
    title: str | None = None
    url: str | None = None
    #: The manifest line it came from ("manifest.jsonl:3"), for reports.
    line: str | None = None


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
            if not isinstance(row, dict):
                raise TypeError(f"a JSON {type(row).__name__}, not an object")
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            file = (path.parent / row["file"]).resolve()
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{where}: not a manifest line with a 'file' and an ISO 'published' date ({exc})") from exc
        entries[file] = Metadata(published=published, title=row.get("title"), url=row.get("url"), line=where)
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
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: the file is binary, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 text (byte {exc.start}: {exc.reason})") from exc


def _raw_text(path: Path, limits: Limits) -> str:
    """The text of one file, by its kind, within `limits`."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise InputError(
                f"{path}: the file is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
                "(POLICYGRAPH_MAX_FILE_BYTES)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    if not raw.strip():
        raise InputError(f"{path}: the file is empty")
    if suffix in PDF_SUFFIXES:
        text = parse(path, "pdf", raw, limits.budget)
    elif suffix in HTML_SUFFIXES:
        text = parse(path, "html", raw, limits.budget)
    else:
        text = _decode(path, raw)
    if len(text) > limits.max_chars:
        raise InputError(
            f"{path}: the text is {len(text):,} characters, more than the limit of {limits.max_chars:,} "
            "(POLICYGRAPH_MAX_DOCUMENT_CHARS)"
        )
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


def read_document(path: Path, meta: Metadata | None = None, limits: Limits | None = None) -> SourceDocument:
    """Read, clean and describe one file; raise InputError naming it when it cannot be used."""
    raw = _raw_text(path, limits or Limits.configured())
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
    files: list[Path], manifest: Path | None = None, limits: Limits | None = None
) -> Iterator[tuple[Path, SourceDocument | InputError]]:
    """Each file (as `discover` found them) with its document or the error that kept it out, in order;
    then each file the manifest lists that does not exist, with the error saying so."""
    meta = read_manifest(manifest) if manifest else {}
    limits = limits or Limits.configured()
    for file in files:
        try:
            yield file, read_document(file, meta.get(file.resolve()), limits)
        except InputError as exc:
            yield file, exc
    for file, entry in meta.items():
        if not file.exists():
            yield file, InputError(f"{file}: listed in {entry.line} but there is no such file")
