"""The rest of the head (highlights, standfirst, captions, dateline, site name) and the stage: head lines leave the
body, a continuation span takes the head of the story before it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsprep.tasks.clean import classify_lines
from newsprep.tasks.metadata import apply_metadata
from newsprep.tasks.models import Document, Story

from .helpers import BODY, REFERENCE, TITLE, _meta


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


def test_the_pages_copyright_footer_is_no_image_caption() -> None:
    # A page's footer holds a credit mark too; a picture credit puts it after the caption, or credits an agency
    # and a photographer.
    credit = "A police officer guards the court in Islamabad. © Reuters"
    agency_credit = "© Example Photo Agency / Jane Doe"
    footer = [
        "© 2019 Example Media Inc. All Rights Reserved.",
        "Copyright © 2010 EXAMPLE. Todos os direitos reservados.",
        "© Example Media Group GmbH, Berlin",
    ]
    meta = _meta(["Government and opposition agree to resume talks", credit, agency_credit], [*BODY, *footer])
    assert meta.image_captions == [credit, agency_credit]


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


def test_site_name_from_the_copyright_line() -> None:
    meta = _meta([TITLE], [*BODY, "© 2025 Example News. All rights reserved."])
    assert meta.site_name == "Example News"


def test_apply_metadata_copies_the_new_fields() -> None:
    lines = classify_lines("\n".join([TITLE, "Published 3 May 2021, 10:15, updated 5 May 2021", *BODY]))
    document = Document("d", "a.txt", 1, "x", lines=lines, stories=[Story(0, lines)])
    story = apply_metadata(document, REFERENCE).stories[0]
    assert story.published_at == datetime(2021, 5, 3, 10, 15, tzinfo=UTC)
    assert story.updated_at == datetime(2021, 5, 5, tzinfo=UTC)
    assert story.date_precision == "minute"


def test_continuation_span_takes_the_head_of_the_story_before() -> None:
    head = [TITLE, "Von Anna Müller", "31. Januar 2020"]
    first = classify_lines("\n".join([*head, *BODY[:2]]))
    rest = classify_lines("\n".join(["Was macht man dann?", BODY[2], BODY[0]]))
    for k, line in enumerate(rest):
        line.number = len(first) + 10 + k
    document = Document("d", "a.txt", 1, "x", lines=[*first, *rest], stories=[Story(0, first), Story(1, rest)])
    second = apply_metadata(document, REFERENCE).stories[1]
    assert second.title == TITLE and second.authors == ["Anna Müller"]
    assert second.published_at == datetime(2020, 1, 31, tzinfo=UTC)


# ------------------------------------------------------------------ standfirst: listed, and kept in the body

STANDFIRST = "The two sides will meet again next week after months of tension over political prisoners."


def _standfirst_story(cleaner_keep: bool, cleaner_reason: str | None) -> tuple[Story, list]:
    title = "Government and opposition agree to resume talks"
    lines = classify_lines("\n".join([title, STANDFIRST, "By Jane Smith", "Updated 31 January 2025", *BODY]))
    line = next(line for line in lines if line.text == STANDFIRST)
    line.keep, line.reason = cleaner_keep, cleaner_reason  # the cleaner's verdict under test
    document = Document("d", "a.txt", 1, "x", lines=lines, stories=[Story(0, lines)])
    return apply_metadata(document, REFERENCE).stories[0], lines


@pytest.mark.parametrize(("keep", "reason"), [(True, None), (False, "headline")])
def test_standfirst_is_listed_and_stays_the_first_paragraph(keep: bool, reason: str | None) -> None:
    # kept by the cleaner, or dropped only as a "headline" for its place in the head: the story's opening
    story, lines = _standfirst_story(keep, reason)
    assert story.highlights == [STANDFIRST]
    assert story.text == "\n\n".join([STANDFIRST, *BODY])
    assert story.title == "Government and opposition agree to resume talks" and story.authors == ["Jane Smith"]
    assert story.dateline == "ISLAMABAD"  # read from the first paragraph after the head, as before
    assert next(line for line in lines if line.text == STANDFIRST).reason is None


@pytest.mark.parametrize("reason", ["standfirst", "outside-article", "teaser", "comment"])
def test_standfirst_the_cleaner_dropped_on_its_own_evidence_stays_out(reason: str) -> None:
    story, lines = _standfirst_story(False, reason)
    assert story.highlights == [STANDFIRST]
    assert story.text == "\n\n".join(BODY)
    assert next(line for line in lines if line.text == STANDFIRST).reason == "standfirst"


def test_bullet_highlights_still_leave_the_body() -> None:
    title = "Government and opposition agree to resume talks"
    bullets = ["  • Talks broke down last week after the opposition walked out", "  • Both sides hope for a deal"]
    lines = classify_lines("\n".join([title, *bullets, *BODY]))
    document = Document("d", "a.txt", 1, "x", lines=lines, stories=[Story(0, lines)])
    story = apply_metadata(document, REFERENCE).stories[0]
    assert story.highlights == [bullet.strip(" •") for bullet in bullets]
    assert story.text == "\n\n".join(BODY)
