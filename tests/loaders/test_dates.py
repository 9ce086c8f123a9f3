"""Dates in running text, resolved against the publication date the way a reader would."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dates import find_dates, parse_header_date

THURSDAY = date(2025, 5, 29)


def values(text: str, published: date | None) -> list[tuple[str, str | None]]:
    return [(m.text, m.value) for m in find_dates(text, published)]


def test_a_weekday_is_the_last_such_day_on_or_before_publication() -> None:
    assert values("The panel met on Tuesday to compare notes.", THURSDAY) == [("Tuesday", "2025-05-27")]
    assert values("The panel met on Thursday.", THURSDAY) == [("Thursday", "2025-05-29")]


def test_a_month_and_day_take_the_year_of_publication() -> None:
    assert values("Talks resume on June 3 in a neutral city.", date(2025, 5, 20)) == [("June 3", "2025-06-03")]
    assert values("Talks resume on 3 June.", date(2025, 5, 20)) == [("3 June", "2025-06-03")]


def test_a_month_and_day_near_new_year_take_the_nearest_year() -> None:
    assert values("The rule took effect on December 30.", date(2026, 1, 4)) == [("December 30", "2025-12-30")]


def test_without_a_publication_date_a_partial_date_is_left_out() -> None:
    assert values("The panel met on Tuesday and again on June 3.", None) == [("Tuesday", None), ("June 3", None)]


def test_a_full_date_needs_no_publication_date() -> None:
    assert values("It was signed on 4 April 2025 and on May 12, 2025.", None) == [
        ("4 April 2025", "2025-04-04"),
        ("May 12, 2025", "2025-05-12"),
    ]
    assert values("By 2025-11-10 it had lapsed.", None) == [("2025-11-10", "2025-11-10")]


def test_a_month_with_a_year_keeps_month_precision() -> None:
    assert values("Shipments fell in March 2025.", None) == [("March 2025", "2025-03")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Logo 29 May 2025", date(2025, 5, 29)),
        ("May 29, 2025", date(2025, 5, 29)),
        ("29 May 2025", date(2025, 5, 29)),
        ("Officials met on 29 May 2025 in the capital", None),
        ("Logo", None),
    ],
)
def test_a_dateline_is_a_full_date_with_at_most_one_other_word(line: str, expected: date | None) -> None:
    assert parse_header_date(line) == expected


def test_a_bare_year_after_a_preposition_or_article_is_a_year() -> None:
    found = find_dates(
        "the 2019 curbs, in place since 2006, were revised in 2023; Order No. 4 of 2021", date(2025, 6, 5)
    )
    assert [m.value for m in found] == ["2019", "2006", "2023"]


def test_a_sentence_opening_preposition_still_dates_a_month_or_a_year() -> None:
    found = find_dates("Since 2011 the levy applied. In April it rose; From March it fell.", date(2025, 6, 5))
    assert [m.value for m in found] == ["2011", "2025-04", "2025-03"]


def test_today_and_yesterday_are_the_publication_day_and_the_day_before() -> None:
    found = find_dates("Today the ministry said the rules issued yesterday apply.", date(2025, 6, 5))
    assert [m.value for m in found] == ["2025-06-05", "2025-06-04"]
    assert [m.value for m in find_dates("The rules issued today apply.", None)] == [None]


def test_last_weekend_is_the_saturday_of_the_weekend_before_publication() -> None:
    assert values("Envoys conferred last weekend.", date(2025, 5, 14)) == [("last weekend", "2025-05-10")]
    # Written on a Sunday, "last weekend" is the one before, not the day itself.
    assert values("Envoys conferred last weekend.", date(2025, 5, 11)) == [("last weekend", "2025-05-03")]
    assert values("Envoys conferred last weekend.", None) == [("last weekend", None)]
