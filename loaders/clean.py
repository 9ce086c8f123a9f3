"""Removing web-page leftovers and finding the reader-comment section.

What counts as a leftover is data (`patterns/cleaning.json`), not code. The
cleaned text is what the store keeps offsets into, so cleaning runs once, here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from loaders.dates import parse_header_date

PATTERNS_FILE = Path(__file__).with_name("patterns") / "cleaning.json"


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], list[re.Pattern[str]], list[re.Pattern[str]], int]:
    raw = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    inline = re.compile("|".join(f"(?:{p})" for p in raw["inline"]), re.IGNORECASE)
    drop = [re.compile(p, re.IGNORECASE) for p in raw["drop_lines"]]
    markers = [re.compile(p, re.IGNORECASE) for p in raw["comment_markers"]]
    return inline, drop, markers, int(raw["teaser_min_chars"])


def _teaser_key(line: str) -> str:
    """A line as compared for repetition: no trailing ellipsis, folded white space."""
    return re.sub(r"\s+", " ", re.sub(r"(?:\.\.\.|…)\s*$", "", line)).strip()


def _is_repeat(line: str, earlier: list[str], min_chars: int) -> bool:
    """A paywall teaser repeats the lead: the line is a prefix of an earlier line."""
    key = _teaser_key(line)
    return len(key) >= min_chars and any(prev.startswith(key) for prev in earlier)


def _join(lines: list[str]) -> str:
    """Lines back into text, with at most one blank line between paragraphs."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def clean_text(raw: str) -> tuple[str, int]:
    """The cleaned text and the offset where its reader-comment section starts (or its length)."""
    inline, drop, markers, min_chars = _rules()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = inline.sub("", text)
    kept: list[str] = []
    seen: list[str] = []
    comment_line: int | None = None
    at_top = True
    for line in text.split("\n"):
        stripped = line.strip()
        if at_top and stripped and parse_header_date(stripped):
            continue
        if stripped and any(p.match(stripped) for p in drop):
            continue
        if stripped and comment_line is None and _is_repeat(stripped, seen, min_chars):
            continue
        if stripped:
            at_top = False
            if comment_line is None and any(p.match(stripped) for p in markers):
                comment_line = len(kept)
            seen.append(_teaser_key(stripped))
        kept.append(line.rstrip())
    if comment_line is None:
        cleaned = _join(kept)
        return cleaned + "\n", len(cleaned) + 1
    head, tail = _join(kept[:comment_line]), _join(kept[comment_line:])
    return f"{head}\n\n{tail}\n", len(head) + 2
