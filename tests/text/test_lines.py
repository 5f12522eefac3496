"""The verdicts the stages share (tasks/text/lines.py): every stage takes a date line, a teaser header and a byline
label from the same function, in every language the vocabulary has."""

from __future__ import annotations

import pytest

from newsprep.tasks.clean import classify_lines, looks_like_caption
from newsprep.tasks.metadata.title import _can_be_title as can_be_title
from newsprep.tasks.split import _is_date_line, _is_headline_shaped
from newsprep.tasks.text.dates import is_date_line
from newsprep.tasks.text.lines import SKIP_LINK_RE, dateline, is_byline, line_features

BODY = (
    "The city council voted on Tuesday to approve a new budget for the public library, which had been closed "
    "for repairs since the storm last spring, and officials said the work would take about a year."
)
DATE_LINES = [
    "Updated 3 May 2024, 10:20",
    "Nov 18, 2019 | Reuters",
    "vor 2 Stunden",
    "Stand: 12.03.2023 um 14:00 Uhr",
    "15 de marzo de 2023",
    "3 maart 2021",
    "il y a 3 jours",
    "Tuesday, November 19, 2019 08:38 AM",
    "30/10/23 | StarsInsider",  # a two-digit year after slashes, as after dots
]
NOT_DATE_LINES = [
    "2,5 %",
    "1.234",
    "Monday briefing",
    "Paris, a city of 2 million people, votes again",
    "Today's Paper",
]
TEASER_HEADERS = ["Related Articles", "Most read", "Lo más leído", "Noticias relacionadas", "Ähnliche Beiträge",
                  "À lire aussi", "Read more", "Lesen Sie auch:", "» Related stories"]  # fmt: skip
BYLINES = ["By Jane Roe", "Von Max Muster", "Par Jean Dupont", "Text: Anna Schmidt", "Written by John Smith"]


def _cleaner_reason(text: str) -> str | None:
    lines = classify_lines("\n\n".join([BODY, text, BODY]))
    return next(line.reason for line in lines if line.text == text)


@pytest.mark.parametrize("text", DATE_LINES + NOT_DATE_LINES)
def test_the_stages_take_date_lines_from_one_verdict(text: str) -> None:
    date_line = is_date_line(text)
    assert date_line == (text in DATE_LINES)
    assert line_features(text).date_line == date_line
    assert (_cleaner_reason(text) == "clock-weather") == date_line  # the cleaner removes it as a clock or date
    if date_line:
        assert _is_date_line(text)  # the splitter takes it for the line under a headline ...
        assert not _is_headline_shaped(text)  # ... and never for a headline
        assert not can_be_title(text)  # nor does the metadata stage


@pytest.mark.parametrize("text", TEASER_HEADERS)
def test_the_stages_take_teaser_headers_from_one_verdict(text: str) -> None:
    features = line_features(text)
    assert features.teaser_header
    # The cleaner: a header over a block of teasers, or a teaser label ("Read more").
    assert _cleaner_reason(text) in ("section-header", "teaser")
    assert features.section_header or features.teaser_label
    assert not can_be_title(text)


@pytest.mark.parametrize("text", BYLINES)
def test_the_stages_take_byline_labels_from_one_verdict(text: str) -> None:
    assert line_features(text).byline_label_end is not None
    assert _cleaner_reason(text) == "byline"
    assert is_byline(text) and not _is_headline_shaped(text)
    assert not can_be_title(text)


def test_plain_prose_is_none_of_them() -> None:
    features = line_features(BODY)
    assert not (features.date_line or features.teaser_header or features.teaser_label)
    assert features.byline_label_end is None


@pytest.mark.parametrize(
    "text",
    [
        "5 min read",
        "3 Minuten Lesezeit",
        "Tiempo de lectura: 8 minutos",
        "Lesezeit: 4 min",
        "Tempo de leitura: 1 minuto",
        "Tempo di lettura: 3 minuti",
        "Leestijd: 2 minuten",
    ],
)
def test_a_reading_time_is_furniture_for_the_cleaner_and_never_a_headline(text: str) -> None:
    assert _cleaner_reason(text) == "clock-weather"
    assert not can_be_title(text)


@pytest.mark.parametrize("text", ["Skip to content", "Zum Inhalt springen", "Aller au contenu", "Saltar al contenido"])
def test_a_skip_link_is_furniture_for_the_cleaner_and_opens_a_page_for_the_splitter(text: str) -> None:
    assert _cleaner_reason(text) == "share-widget"
    assert SKIP_LINK_RE.match(text) is not None
    assert not can_be_title(text)


@pytest.mark.parametrize(
    "text",
    [
        "Nicole pedalea junto a una rival en la Copa de Naciones. (Créditos: UCI)",
        "Crowds gather in the square after the vote. (AFP/File)",
        "Die Demonstranten vor dem Rathaus. Bildquelle: dpa",
    ],
)
def test_a_credit_in_any_language_of_the_vocabulary_makes_a_caption(text: str) -> None:
    assert looks_like_caption(text)
    assert _cleaner_reason(text) == "caption"


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("اسلام آباد: سینیٹ نے بدھ کے روز بجٹ منظور کر لیا۔", "ur", "اسلام آباد"),
        ("नई दिल्ली: बुधवार को हुई बैठक में सहमति बनी।", "hi", "नई दिल्ली"),
        ("МОСКВА: Правительство утвердило план.", "ru", "МОСКВА"),
        ("انہوں نے کہا: ہم یہ فیصلہ واپس نہیں لیں گے۔", "ur", None),  # a quote's lead-in: function words
        ("مزید پڑھیں: قومی اسمبلی میں بجٹ پر بحث", "ur", None),  # a teaser's label
        ("رپورٹ: عامر خان", "ur", None),  # a byline's label
    ],
)
def test_datelines_in_scripts_without_latin_capitals(text: str, language: str, place: str | None) -> None:
    assert dateline(text, language) == place


def test_the_searched_phrases_open_with_their_first_letter() -> None:
    """READ_MORE_RE and SKIP_LINK_ANYWHERE_RE look ahead for their entries' first characters (opening_lookahead):
    each entry must open with the character it matches first, not with regex syntax."""
    from newsprep.tasks.text.vocabulary import READ_MORE_LINKS, SKIP_LINKS, entries

    assert all(entry[:1].isalnum() for entry in entries(READ_MORE_LINKS, SKIP_LINKS))


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("© 2024 Example Media", True),
        ("Copyright (c) 2019 MyCorp", True),
        ("Alle Rechte vorbehalten.", True),
        ("ALL RIGHTS RESERVED", True),
        ("جميع الحقوق محفوظة", True),
        ("版权所有", True),
        ("Photo: Jane Roe", False),
        ("The rights of the reserved seats", False),
    ],
)
def test_copyright_notices(text: str, notice: bool) -> None:
    from newsprep.tasks.text.lines import is_copyright_notice

    assert is_copyright_notice(text) is notice
