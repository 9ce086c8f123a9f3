"""Finding dates in running text and resolving them against the publication date.

News writes "on Tuesday", "June 3" or "from April" and leaves the year to the
reader, who knows when the piece appeared. We do the same: the publication
date supplies what the text leaves out, and where it cannot (no publication
date), the date is left out rather than guessed. Values are ISO 8601 prefixes
with the precision the text gives: `2025-06-03`, `2025-04`, `2025`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

MONTHS = [m for m in calendar.month_name if m]
WEEKDAYS = list(calendar.day_name)
_MONTH = r"(?P<month>" + "|".join(MONTHS + [m[:3] + r"\." for m in MONTHS if len(m) > 4]) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"

#: Date expressions, most specific first; each must leave the text it needs in named groups.
PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY} {_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b"),
    re.compile(rf"\b{_DAY} {_MONTH}\b(?!,? \d)"),
    re.compile(rf"\b{_MONTH} {_DAY}\b(?!,? \d|\d)"),
    re.compile(rf"\b{_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b(?i:in|from|since|until|by|of|early|late|mid-?) (?:early |late |mid-?)?{_MONTH}\b(?! [0-3]?\d)"),
    re.compile(rf"\b{_WEEKDAY}\b"),
    re.compile(r"\b(?P<relative>(?i:today|yesterday))\b"),
    re.compile(r"\b(?P<weekend>(?i:last weekend|over the weekend|at the weekend))\b"),
    re.compile(rf"\b(?i:in|since|from|until|by|the|its|their) {_YEAR}\b(?!-\d)"),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression in a text, and its resolved ISO value (None when it cannot be known)."""

    start: int
    end: int
    text: str
    value: str | None


def _parse(text: str) -> date | None:
    """A full calendar date written in words or digits, via dateparser."""
    found = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    return found.date() if found else None


def _nearest_year(month: int, day: int, published: date) -> date | None:
    """The date with that month and day closest to publication: news speaks of the recent past and near future."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - published).days), default=None)


def _resolve(match: re.Match[str], published: date | None) -> str | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "m" in groups:
        return match.group(0)
    if set(groups) == {"year"}:
        return groups["year"]
    if "relative" in groups:
        if published is None:
            return None
        return (published - timedelta(days=int(groups["relative"].lower() == "yesterday"))).isoformat()
    if "weekend" in groups:
        # The Saturday of the weekend just past (a Saturday or Sunday piece means the one before it).
        if published is None:
            return None
        back = (published.weekday() - 5) % 7 + (7 if published.weekday() >= 5 else 0)
        return (published - timedelta(days=back)).isoformat()
    if "weekday" in groups:
        if published is None:
            return None
        back = (published.weekday() - WEEKDAYS.index(groups["weekday"])) % 7
        return (published - timedelta(days=back)).isoformat()
    month = _parse(f"1 {groups['month']} 2000").month if "month" in groups else None
    if month is None:
        return None
    if "day" in groups and "year" in groups:
        found = _parse(f"{groups['day']} {groups['month']} {groups['year']}")
        return found.isoformat() if found else None
    if "year" in groups:
        return f"{groups['year']}-{month:02d}"
    if published is None:
        return None
    if "day" in groups:
        found = _nearest_year(month, int(groups["day"]), published)
        return found.isoformat() if found else None
    year = published.year - 1 if month > published.month + 2 else published.year
    return f"{year}-{month:02d}"


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in `text`, left to right, without overlaps."""
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            mentions.append(DateMention(start, end, match.group(0), _resolve(match, published)))
    return sorted(mentions, key=lambda m: m.start)


def parse_header_date(line: str) -> date | None:
    """The date of a dateline such as "Logo 29 May 2025" or "May 29, 2025": a full date and at most one other word."""
    for pattern in PATTERNS[:3]:
        match = pattern.search(line)
        if match and len((line[: match.start()] + line[match.end() :]).split()) <= 1:
            value = _resolve(match, None)
            return date.fromisoformat(value) if value else None
    return None
