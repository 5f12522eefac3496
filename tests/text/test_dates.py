"""Dates recognised in text (forms, languages, precision, relative dates), as read off the date line under a
headline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from metadata.helpers import REFERENCE, TITLE, _meta


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Updated 31 January 2025", datetime(2025, 1, 31, tzinfo=UTC)),
        ("November 1, 2025", datetime(2025, 11, 1, tzinfo=UTC)),
        ("Nov. 19, 2019, 9:02 AM", datetime(2019, 11, 19, 9, 2, tzinfo=UTC)),
        ("2019-08-02", datetime(2019, 8, 2, tzinfo=UTC)),
    ],
)
def test_absolute_dates_in_the_head(printed: str, expected: datetime) -> None:
    meta = _meta(["Government and opposition agree to resume talks", printed])
    assert meta.published_at is not None
    assert meta.published_at.date() == expected.date()
    if expected.hour:
        assert (meta.published_at.hour, meta.published_at.minute) == (expected.hour, expected.minute)


@pytest.mark.parametrize(
    ("printed", "expected_day"),
    [("Web Desk | 10 months ago", "2025-01-20"), ("Updated 8 sec ago", "2025-11-20"), ("vor 3 Tagen", "2025-11-17")],
)
def test_relative_dates_count_back_from_the_reference_time(printed: str, expected_day: str) -> None:
    meta = _meta(["Government and opposition agree to resume talks", printed])
    assert meta.published_at is not None and meta.published_at.date().isoformat() == expected_day


@pytest.mark.parametrize(
    ("printed", "expected", "precision"),
    [
        ("Updated 31 January 2025", datetime(2025, 1, 31, tzinfo=UTC), "day"),
        ("Nov. 19, 2019, 9:02 AM", datetime(2019, 11, 19, 9, 2, tzinfo=UTC), "minute"),
        ("Nov. 19, 2019, 9:02 PM", datetime(2019, 11, 19, 21, 2, tzinfo=UTC), "minute"),
        ("31. Januar 2020", datetime(2020, 1, 31, tzinfo=UTC), "day"),
        ("2019-08-02", datetime(2019, 8, 2, tzinfo=UTC), "day"),
        ("2022-12-07T10:10:52", datetime(2022, 12, 7, 10, 10, 52, tzinfo=UTC), "second"),
        ("Erstellt am: 01.11.2023", datetime(2023, 11, 1, tzinfo=UTC), "day"),
        ("Publié le 2 mars 2020", datetime(2020, 3, 2, tzinfo=UTC), "day"),
        ("5 de mayo de 2021", datetime(2021, 5, 5, tzinfo=UTC), "day"),
        ("12 giugno 2018 alle 14:30", datetime(2018, 6, 12, 14, 30, tzinfo=UTC), "minute"),
        ("Freitag, 15. April 2016", datetime(2016, 4, 15, tzinfo=UTC), "day"),
    ],
)
def test_date_forms_and_precision(printed: str, expected: datetime, precision: str) -> None:
    meta = _meta([TITLE, printed])
    assert meta.published_at == expected
    assert meta.date_precision == precision


@pytest.mark.parametrize(
    ("printed", "expected", "precision"),
    [
        ("10 months ago", "2025-01-20", "month"),
        ("8 sec ago", "2025-11-20", "second"),
        ("2 hours ago", "2025-11-20", "hour"),
        ("vor 3 Tagen", "2025-11-17", "day"),
        ("il y a 2 jours", "2025-11-18", "day"),
        ("hace 3 días", "2025-11-17", "day"),
        ("gestern", "2025-11-19", "day"),
    ],
)
def test_relative_dates_with_a_fixed_reference(printed: str, expected: str, precision: str) -> None:
    meta = _meta([TITLE, printed])
    assert meta.published_at is not None and meta.published_at.date().isoformat() == expected
    assert meta.date_precision == precision
    assert meta.published_at <= REFERENCE


def test_relative_words_only_on_a_date_line() -> None:
    yesterday = _meta([TITLE, "Gestern, 14:30 Uhr"], language="de").published_at
    assert yesterday is not None and yesterday.date().isoformat() == "2025-11-19"
    assert _meta([TITLE, "Hier können Sie die Seite empfehlen"]).published_at is None  # German "here"
    assert _meta(["Ayer socios, hoy adversarios: un duro cruce por la deuda"]).published_at is None
