"""Metadata from a story's own lines: headline, dates, authors, dateline, highlights, captions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tasks.clean import classify_lines
from tasks.metadata import apply_metadata, extract_metadata
from tasks.models import Document, Story

REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)
BODY = [
    "ISLAMABAD: The government and the opposition agreed on Thursday to resume talks next week, officials "
    "said, after months of tension over the release of political prisoners and the election results.",
    "The talks broke down last week when the opposition walked out of a meeting in the capital, saying the "
    "government had failed to meet its demands within the deadline both sides had agreed in December.",
    "Both sides said they hoped the new round would bring an agreement before the budget session of parliament "
    "begins in June, when the government needs the votes of the opposition to pass its spending plans.",
]


def _meta(head: list[str], body: list[str] = BODY, **kwargs):
    lines = classify_lines("\n".join([*head, *body]))
    return extract_metadata(lines, **{"reference_time": REFERENCE, "language": "en", **kwargs})


def test_headline_printed_twice_is_the_title_not_the_breadcrumb() -> None:
    title = "Government and opposition agree to resume talks"
    meta = _meta(["• Home", "• /World", f"• /{title}", title, "Updated 31 January 2025", "Follow", title])
    assert meta.title == title
    assert meta.published_at == datetime(2025, 1, 31, tzinfo=UTC)
    assert meta.dateline == "ISLAMABAD"


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


def test_german_date_and_author() -> None:
    body = [
        "Die Regierung und die Opposition haben sich am Donnerstag darauf geeinigt, die Gespräche in der nächsten "
        "Woche wieder aufzunehmen, wie Beamte am Abend in der Hauptstadt mitteilten.",
        "Die Gespräche waren in der vergangenen Woche gescheitert, als die Opposition eine Sitzung verließ und "
        "erklärte, die Regierung habe ihre Forderungen nicht innerhalb der vereinbarten Frist erfüllt.",
    ]
    meta = _meta(["Regierung und Opposition reden wieder", "Von Anna Müller", "31. Januar 2020"], body, language="de")
    assert meta.published_at is not None and meta.published_at.date().isoformat() == "2020-01-31"
    assert meta.authors == ["Anna Müller"]


@pytest.mark.parametrize(
    ("printed", "expected_day"),
    [("Web Desk | 10 months ago", "2025-01-20"), ("Updated 8 sec ago", "2025-11-20"), ("vor 3 Tagen", "2025-11-17")],
)
def test_relative_dates_count_back_from_the_reference_time(printed: str, expected_day: str) -> None:
    meta = _meta(["Government and opposition agree to resume talks", printed])
    assert meta.published_at is not None and meta.published_at.date().isoformat() == expected_day


def test_relative_date_falls_back_to_the_file_time() -> None:
    lines = classify_lines("\n".join(["Government and opposition agree to resume talks", "2 days ago", *BODY]))
    meta = extract_metadata(lines, fallback_time=datetime(2024, 3, 10, tzinfo=UTC), language="en")
    assert meta.published_at is not None and meta.published_at.date().isoformat() == "2024-03-08"


def test_dates_inside_the_body_are_not_the_publication_date() -> None:
    body = [*BODY[:1], "The last session took place on December 19, 2024, in the capital, the sources said today."]
    meta = _meta(["Government and opposition agree to resume talks"], [*body, *BODY[1:]])
    assert meta.published_at is None


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Jane Smith and John Doe", ["Jane Smith", "John Doe"]),
        ("Gravatar Avatar Web Desk | 10 months ago", ["Web Desk"]),
        ("By Jane Smith, Senior Correspondent | @janesmith", ["Jane Smith"]),
    ],
)
def test_bylines_give_one_name_per_item(byline: str, authors: list[str]) -> None:
    meta = _meta(["Government and opposition agree to resume talks", byline])
    assert meta.authors == authors


def test_author_from_about_the_author_block() -> None:
    tail = ["About the Author", "Jatin Verma", "Jatin Verma is a journalist who covers South Asia for the site."]
    meta = _meta(["Government and opposition agree to resume talks"], [*BODY, *tail])
    assert meta.authors == ["Jatin Verma"]


def test_no_byline_gives_no_authors() -> None:
    assert _meta(["Government and opposition agree to resume talks"]).authors == []


def test_highlights_and_captions() -> None:
    caption = "Opposition leaders speak to the media outside the parliament in Islamabad on Monday. (AFP/File)"
    meta = _meta(
        [
            "Government and opposition agree to resume talks",
            "  • Talks broke down last week after the opposition walked out",
            "  • Both sides hope for an agreement before the budget session",
            caption,
        ]
    )
    assert meta.highlights == [
        "Talks broke down last week after the opposition walked out",
        "Both sides hope for an agreement before the budget session",
    ]
    assert meta.image_captions == [caption]


def test_dateline_forms() -> None:
    for opening, place in [("Islamabad – The", "Islamabad"), ("MADRID — The", "MADRID")]:
        body = [BODY[0].replace("ISLAMABAD: The", opening), *BODY[1:]]
        assert _meta(["Government and opposition agree to resume talks"], body).dateline == place


def test_apply_metadata_moves_head_lines_out_of_the_body() -> None:
    title = "Government and opposition agree to resume talks"
    lines = classify_lines("\n".join([title, "By Jane Smith", "Updated 31 January 2025", *BODY]))
    document = Document("d", "a.txt", 1, "x", lines=lines, stories=[Story(0, lines)])
    story = apply_metadata(document, REFERENCE).stories[0]
    assert story.title == title and story.authors == ["Jane Smith"]
    assert story.text == "\n\n".join(BODY)  # the dateline stays in the body; its column repeats it
    assert {line.text: line.reason for line in lines if not line.keep}[title] == "headline"
