"""The story's dates: which printed date is its publication date, its "Updated" date, and the clock relative
dates count back from."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsprep.tasks.clean import classify_lines
from newsprep.tasks.metadata import extract_metadata

from .helpers import BODY, REFERENCE, TITLE, _meta


def test_relative_date_falls_back_to_the_file_time() -> None:
    lines = classify_lines("\n".join(["Government and opposition agree to resume talks", "2 days ago", *BODY]))
    meta = extract_metadata(lines, fallback_time=datetime(2024, 3, 10, tzinfo=UTC), language="en")
    assert meta.published_at is not None and meta.published_at.date().isoformat() == "2024-03-08"


def test_dates_inside_the_body_are_not_the_publication_date() -> None:
    body = [*BODY[:1], "The last session took place on December 19, 2024, in the capital, the sources said today."]
    meta = _meta(["Government and opposition agree to resume talks"], [*body, *BODY[1:]])
    assert meta.published_at is None


def test_reference_time_beats_the_page_clock_which_beats_the_file_time() -> None:
    head = ["01:56 PM, 23 October 2025", TITLE, "2 days ago"]
    lines = classify_lines("\n".join([*head, *BODY]))
    file_time = datetime(2024, 3, 10, tzinfo=UTC)
    on_page = extract_metadata(lines, fallback_time=file_time, language="en")
    assert on_page.published_at is not None and on_page.published_at.date().isoformat() == "2025-10-21"
    explicit = extract_metadata(lines, reference_time=REFERENCE, fallback_time=file_time, language="en")
    assert explicit.published_at is not None and explicit.published_at.date().isoformat() == "2025-11-18"


def test_publication_date_preferred_and_update_date_kept() -> None:
    meta = _meta([TITLE, "Published 3 May 2021, updated 5 May 2021"])
    assert meta.published_at == datetime(2021, 5, 3, tzinfo=UTC)
    assert meta.updated_at == datetime(2021, 5, 5, tzinfo=UTC)
    wordpress = _meta([TITLE, "Posted on Freitag, 15. April 2016 Samstag, 4. März 2017 by LD"])
    assert wordpress.published_at == datetime(2016, 4, 15, tzinfo=UTC)
    assert wordpress.updated_at == datetime(2017, 3, 4, tzinfo=UTC)
    assert wordpress.authors == ["LD"]


def test_no_printed_date_gives_none() -> None:
    meta = _meta([TITLE])
    assert meta.published_at is None and meta.date_precision is None and meta.updated_at is None


def test_date_line_after_the_first_paragraph() -> None:
    body = [BODY[0], "Erstellt am: 01.11.2023", *BODY[1:]]
    assert _meta([TITLE], body).published_at == datetime(2023, 11, 1, tzinfo=UTC)


def test_photo_caption_date_is_not_the_publication_date() -> None:
    caption = "Protesters gather in Islamabad on 12 May 2023. (Photo: AFP)"
    meta = _meta([TITLE, caption])
    assert meta.published_at is None
    assert meta.image_captions == [caption]


@pytest.mark.parametrize(
    ("printed", "language", "expected"),
    [
        ("07/05/2022 20H06 - ACTUALIZADO A 07/05/2022 20H17", "es", "2022-05-07"),  # "20H06" times
        ("postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50", "pt", "2022-05-04"),
        ("3 de mayo de 202221:25", "es", "2022-05-03"),  # a time glued to the year
        ("28. Juni 201914. Januar 2020", "de", "2019-06-28"),  # published + updated glued by the renderer
        ("2018-08-29 14:15:57 2018-06-22 10:20:00", "de", "2018-06-22"),  # unlabelled pair: the earlier one
    ],
)
def test_more_date_line_forms(printed: str, language: str, expected: str) -> None:
    meta = _meta([TITLE, "Web Desk", printed], language=language)
    assert meta.published_at is not None and meta.published_at.date().isoformat() == expected
    assert meta.authors == ["Web Desk"]  # a label such as "ACTUALIZADO A" is no name


def test_on_inside_running_text_is_not_a_publication_label() -> None:
    body = [
        "Mercurial 5.2 was released on November 5, 2019, and it is the first version to support the new API.",
        *BODY,
    ]
    meta = _meta([TITLE, "January 13, 2020 at 08:45 AM | categories: Python"], body)
    assert meta.published_at is not None and meta.published_at.date().isoformat() == "2020-01-13"


def test_dated_paragraph_opening_among_the_first_ones() -> None:
    body = [BODY[0], "27.1.2022 - " + BODY[1], *BODY[2:]]
    assert _meta([TITLE, "Von Claudia Lindner"], body).published_at == datetime(2022, 1, 27, tzinfo=UTC)


def test_far_dates_need_the_headline_or_a_publication_label() -> None:
    tail = ["Share this article", "* Published: 03 December 2019"]
    assert _meta([TITLE], [*BODY, *tail]).published_at == datetime(2019, 12, 3, tzinfo=UTC)
    sidebar = [f"{TITLE} wurde am 19. Mai 2010 um 23:03 Uhr gepostet", "Archiv", "Suche nach:"]
    assert _meta([*sidebar, TITLE]).published_at == datetime(2010, 5, 19, 23, 3, tzinfo=UTC)


def test_an_ambiguous_numeric_date_is_read_as_the_page_writes_its_dates() -> None:
    # (#18: dd/mm read as mm/dd on English pages) "03/05/2022" is 3 May on a page that prints "25/10/2022"
    # elsewhere, 5 March on one that prints "10/25/2022", and day first without any such evidence (as
    # Pakistani, Indian and British sites write it)
    day_first = _meta([TITLE, "By Jane Smith", "03/05/2022"], [*BODY, "Related: 25/10/2022 Budget talks resume"])
    month_first = _meta([TITLE, "By Jane Smith", "03/05/2022"], [*BODY, "Related: 10/25/2022 Budget talks resume"])
    alone = _meta([TITLE, "By Jane Smith", "03/05/2022"])
    assert [m.published_at.date().isoformat() for m in (day_first, month_first, alone)] == [
        "2022-05-03",
        "2022-03-05",
        "2022-05-03",
    ]


def test_a_far_relative_date_counts_on_a_line_repeating_the_headline_only() -> None:
    # the last resort reads a relative date only on a line that repeats the headline (a sidebar's post list)
    menu = ["Archiv", "Kategorien", "Suche", "Kontakt", "Impressum", "Themen", "Sport", "Kultur", "Wetter", "Mehr"]
    far = [f"{TITLE} - 3 days ago", "Posted 3 days ago", *menu]
    assert _meta([*far, TITLE]).published_at == datetime(2025, 11, 17, 12, 0, tzinfo=UTC)
    assert _meta([far[1], *menu, TITLE]).published_at is None
