"""Removing web-page leftovers and finding the reader-comment section.

What counts as a leftover is data (`patterns/cleaning.json`), not code. The
cleaned text is what the store keeps offsets into, so cleaning runs once, here.
Cleaning is linear in the length of the text, and it breaks a paragraph longer
than `max_paragraph_chars` at sentence ends, so that no paragraph handed to the
language pipeline is beyond what it can parse (spaCy refuses a million characters).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.dates import parse_header_date

PATTERNS_FILE = Path(__file__).with_name("patterns") / "cleaning.json"


#: Where a long paragraph may be broken: after a sentence's end, before the next one starts.
SENTENCE_END = re.compile('(?<=[.!?\u2026"\u201d\u2019)])\\s+(?=["\u201c\u2018(\\[]?[A-Z0-9])')


@dataclass(frozen=True)
class Rules:
    """`patterns/cleaning.json`, compiled."""

    inline: re.Pattern[str]
    drop: list[re.Pattern[str]]
    markers: list[re.Pattern[str]]
    teaser_min_chars: int
    teaser_candidates: int
    max_paragraph_chars: int


@lru_cache(maxsize=1)
def _rules() -> Rules:
    raw = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    return Rules(
        inline=re.compile("|".join(f"(?:{p})" for p in raw["inline"]), re.IGNORECASE),
        drop=[re.compile(p, re.IGNORECASE) for p in raw["drop_lines"]],
        markers=[re.compile(p, re.IGNORECASE) for p in raw["comment_markers"]],
        teaser_min_chars=int(raw["teaser_min_chars"]),
        teaser_candidates=int(raw["teaser_candidates"]),
        max_paragraph_chars=int(raw["max_paragraph_chars"]),
    )


def _teaser_key(line: str) -> str:
    """A line as compared for repetition: no trailing ellipsis, folded white space."""
    return re.sub(r"\s+", " ", re.sub(r"(?:\.\.\.|…)\s*$", "", line)).strip()


class Earlier:
    """The lines seen so far, indexed so that "is this line a prefix of an earlier one?" costs no scan.

    A paywall teaser repeats the lead: the line is a prefix of an earlier line, so
    the two share their first `min_chars` characters. Earlier lines are kept by
    that opening, the latest `candidates` of each, and a line is compared only with
    those: linear in the text, where comparing with every earlier line was quadratic.
    """

    def __init__(self, min_chars: int, candidates: int) -> None:
        self.min_chars = min_chars
        self.by_opening: defaultdict[str, deque[str]] = defaultdict(lambda: deque(maxlen=candidates))

    def repeats(self, key: str) -> bool:
        if len(key) < self.min_chars:
            return False
        found = self.by_opening.get(key[: self.min_chars])
        return found is not None and any(prev.startswith(key) for prev in found)

    def add(self, key: str) -> None:
        if len(key) >= self.min_chars:
            self.by_opening[key[: self.min_chars]].append(key)


def split_paragraph(line: str, limit: int) -> list[str]:
    """A line no longer than `limit` as it is; a longer one broken at sentence ends, else at spaces,
    else (one unbroken run of characters) every `limit` characters."""
    pieces: list[str] = []
    start = 0
    while len(line) - start > limit:
        end = start + limit
        cut = max((m.start() for m in SENTENCE_END.finditer(line, start + limit // 2, end + 1)), default=-1)
        cut = cut if cut > start else line.rfind(" ", start + limit // 2, end + 1)
        if cut <= start:
            pieces.append(line[start:end])
            start = end
            continue
        pieces.append(line[start:cut].rstrip())
        start = cut
        while start < len(line) and line[start].isspace():
            start += 1
    pieces.append(line[start:])
    return pieces


def _join(lines: list[str]) -> str:
    """Lines back into text, with at most one blank line between paragraphs."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def clean_text(raw: str) -> tuple[str, int]:
    """The cleaned text and the offset where its reader-comment section starts (or its length)."""
    rules = _rules()
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = rules.inline.sub("", text)
    kept: list[str] = []
    seen = Earlier(rules.teaser_min_chars, rules.teaser_candidates)
    comment_line: int | None = None
    at_top = True
    for line in text.split("\n"):
        stripped = line.strip()
        if at_top and stripped and parse_header_date(stripped):
            continue
        if stripped and any(p.match(stripped) for p in rules.drop):
            continue
        key = _teaser_key(stripped) if stripped else ""
        if stripped and comment_line is None and seen.repeats(key):
            continue
        if stripped:
            at_top = False
            if comment_line is None and any(p.match(stripped) for p in rules.markers):
                comment_line = len(kept)
            seen.add(key)
        kept.extend(split_paragraph(line.rstrip(), rules.max_paragraph_chars))
    if comment_line is None:
        cleaned = _join(kept)
        return cleaned + "\n", len(cleaned) + 1
    head, tail = _join(kept[:comment_line]), _join(kept[comment_line:])
    return f"{head}\n\n{tail}\n", len(head) + 2
