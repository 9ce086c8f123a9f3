"""Hostile files, generated on the spot (never stored in the repository): PDFs built byte by byte."""

from __future__ import annotations

import io
import zlib

PAGE_OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
]
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(content: bytes, filters: int = 1, prev_loop: bool = False) -> bytes:
    """A one-page PDF whose content stream is `content`, Flate-compressed `filters` times.

    `prev_loop` makes the trailer's /Prev point at its own cross-reference table,
    so a reader following the chain of updates goes round for ever.
    """
    data = content
    for _ in range(filters):
        data = zlib.compress(data, 9)
    names = b" ".join([b"/FlateDecode"] * filters)
    stream = b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(data), names) + data + b"\nendstream"
    objects = [*PAGE_OBJECTS, stream, FONT]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    prev = b" /Prev %d" % xref if prev_loop else b""
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, prev, xref))
    return out.getvalue()


def text_pdf(text: str) -> bytes:
    """A readable PDF showing `text`."""
    return pdf(b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1"))


def flate_bomb(megabytes: int = 200, layers: int = 3) -> bytes:
    """A content stream that inflates to `megabytes` of text, compressed `layers` times (a few KB on disk)."""
    inner = zlib.compressobj(9)
    chunk = b"BT (x) Tj ET " * (1024 * 1024 // 13)
    data = b"".join(inner.compress(chunk) for _ in range(megabytes)) + inner.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    names = b" ".join([b"/FlateDecode"] * layers)
    stream = b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(data), names) + data + b"\nendstream"
    body = text_pdf("x")
    start = body.index(b"4 0 obj\n") + len(b"4 0 obj\n")
    end = body.index(b"\nendobj", start)
    # Offsets after object 4 are wrong now; pypdf repairs the table, which is itself a hostile path.
    return body[:start] + stream + body[end:]


def encrypted_pdf(text: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(text))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
