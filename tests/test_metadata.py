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


# ------------------------------------------------------------------ date forms, languages and precision

TITLE = "Government and opposition agree to resume talks"


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


# ------------------------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("von Mathilda Trausch, Online-Redaktion Veröffentlicht: 26.12.2022", ["Mathilda Trausch"]),
        ("By Evan Halper Staff Writer", ["Evan Halper"]),
        ("Written by Grant Tinsley, PhD on April 29, 2018", ["Grant Tinsley"]),
        ("Gesine Engels-Krone, 02.01.2023, 11:08 Uhr", ["Gesine Engels-Krone"]),
        ("8. Januar 2020 · by Aureliana · in Gefühle", ["Aureliana"]),
        ("Veröffentlicht von HansG", ["HansG"]),
        ("Par Barbara Stiegler", ["Barbara Stiegler"]),
        ("Por Camila Méndez y Juan Pérez", ["Camila Méndez", "Juan Pérez"]),
        ("Web Desk", ["Web Desk"]),
        ("By Jane Smith | @janesmith | 10 months ago", ["Jane Smith"]),
    ],
)
def test_more_bylines(byline: str, authors: list[str]) -> None:
    assert _meta([TITLE, byline]).authors == authors


def test_bare_name_under_the_headline_needs_a_date_beside_it() -> None:
    assert _meta([TITLE, "Marie Rövekamp", "19.10.2019"]).authors == ["Marie Rövekamp"]
    assert _meta([TITLE, "Texas State Capitol"]).authors == []


def test_a_date_line_is_not_an_author_and_a_menu_is_not_a_byline() -> None:
    assert _meta([TITLE, "Updated 31 January 2025"]).authors == []
    assert _meta(["• Home", "• Internationale Politik", TITLE]).authors == []


# --------------------------------------------------------------------------------------------- title


def test_breadcrumb_with_the_headline_at_its_end_is_not_the_title() -> None:
    meta = _meta(["Sie sind hier: Home » News » " + TITLE, TITLE, "Von Anna Müller"])
    assert meta.title == TITLE


def test_headline_over_its_deck() -> None:
    deck = "A new round is planned in the capital after months of tension between the two camps"
    assert _meta([TITLE, deck]).title == TITLE


def test_name_line_is_not_the_title() -> None:
    assert _meta([TITLE, "Jane Smith"]).title == TITLE


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


# ------------------------------------------------------------------- rules added for issue #5 (dev errors)


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


def test_relative_words_only_on_a_date_line() -> None:
    yesterday = _meta([TITLE, "Gestern, 14:30 Uhr"], language="de").published_at
    assert yesterday is not None and yesterday.date().isoformat() == "2025-11-19"
    assert _meta([TITLE, "Hier können Sie die Seite empfehlen"]).published_at is None  # German "here"
    assert _meta(["Ayer socios, hoy adversarios: un duro cruce por la deuda"]).published_at is None


def test_dated_paragraph_opening_among_the_first_ones() -> None:
    body = [BODY[0], "27.1.2022 - " + BODY[1], *BODY[2:]]
    assert _meta([TITLE, "Von Claudia Lindner"], body).published_at == datetime(2022, 1, 27, tzinfo=UTC)


def test_far_dates_need_the_headline_or_a_publication_label() -> None:
    tail = ["Share this article", "* Published: 03 December 2019"]
    assert _meta([TITLE], [*BODY, *tail]).published_at == datetime(2019, 12, 3, tzinfo=UTC)
    sidebar = [f"{TITLE} wurde am 19. Mai 2010 um 23:03 Uhr gepostet", "Archiv", "Suche nach:"]
    assert _meta([*sidebar, TITLE]).published_at == datetime(2010, 5, 19, 23, 3, tzinfo=UTC)


def test_kicker_joined_with_a_spaced_colon_is_dropped() -> None:
    meta = _meta(["Klimaschutz : Bohren, bis es heiß wird", "Von Heike Buchter"], language="de")
    assert meta.title == "Bohren, bis es heiß wird"
    assert _meta(["Tesla: Profits fall for the third quarter in a row"]).title.startswith("Tesla:")
    french = _meta(["Retraites : le gouvernement recule sur l'âge légal"], language="fr")
    assert french.title == "Retraites : le gouvernement recule sur l'âge légal"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("* Author: Gàbor Muniér , Datum: 03.Mär.19", ["Gàbor Muniér"]),
        ("von Claudio Kummerfeld Twitter Account von Claudio Kummerfeld", ["Claudio Kummerfeld"]),
        ("Von Felix Eisenreich // 1. November 2023", ["Felix Eisenreich"]),
        ("Eine Kolumne von Nils Pickert", ["Nils Pickert"]),
        ("Text von Christian Seiler Illustration von Markus Roost", ["Christian Seiler"]),
        ("Von Katharina Schmidt Kategorien: Mode 6. November 2023, 15:25 Uhr", ["Katharina Schmidt"]),
        ("1. Januar 2016 von KleineGrüneMonster Ein Kommentar", ["KleineGrüneMonster"]),
        ("23.06.2016 um 16:14 Uhr - Markus Reuter - 91 Ergänzungen", ["Markus Reuter"]),
        ("Evgenia Karp Zuletzt geändert am 06.11.2023", ["Evgenia Karp"]),
        ("durch Yirou Chen", ["Yirou Chen"]),
    ],
)
def test_bylines_from_the_dev_set_shapes(byline: str, authors: list[str]) -> None:
    assert _meta([TITLE, byline]).authors == authors


def test_a_hyphenated_compound_is_not_a_byline_label() -> None:
    assert _meta([TITLE, "Durch- und Weiterreise"]).authors == []


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
