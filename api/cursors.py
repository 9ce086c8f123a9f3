"""Opaque page cursors: what a paginated answer hands back as `next`, and takes as `cursor`.

A cursor is URL-safe base64 of a small JSON object naming the listing it
belongs to and where the next page starts, so a client cannot mistake one
listing's cursor for another's, and a cursor that was tampered with is a clear
422 rather than a wrong page.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from ontology.errors import InputError


def encode(listing: str, position: Any) -> str:
    """The cursor of `listing` that resumes at `position` (any JSON value)."""
    raw = json.dumps({"l": listing, "p": position}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(listing: str, cursor: str) -> Any:
    """The position a cursor of `listing` resumes at; an InputError for any other string."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"cursor {cursor[:40]!r} is not a cursor this API gave out") from exc
    if not isinstance(data, dict) or data.get("l") != listing or "p" not in data:
        raise InputError(f"cursor {cursor[:40]!r} does not belong to this listing ({listing})")
    return data["p"]
