"""Authors from bylines, a bare name under the headline, or an "About the Author" block."""

from __future__ import annotations

import pytest

from .helpers import BODY, TITLE, _meta


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


def test_the_person_a_story_is_about_is_not_its_author() -> None:
    # A name under the headline that the story's own paragraphs name again is its subject (a photo caption),
    # not a byline; and the headline's words printed again are no name either.
    body = [
        "ISLAMABAD: Amina Rauf was elected president of the national council on Friday with a large majority, "
        "the first woman to lead the body since it was founded, officials said after the vote in the capital.",
        "Amina Rauf said she would push for reforms of the council's procedures and publish its budget online, "
        "and thanked the delegates for their trust after a campaign that lasted several months.",
        "Her rival conceded defeat and promised to work with the new president on the reforms she announced.",
    ]
    assert _meta(["Council elects its first woman president", "Amina Rauf"], body).authors == []
    assert _meta(["Amina Rauf elected council president", "Amina Rauf", "31 January 2025"], body).authors == []
    assert _meta(["Home » Council » Reform Plans Von Bosch", "Reform Plans Von Bosch"], body).authors == []
    # ... while an author box printing the name again still makes a bare name under the headline a byline
    box = [*body, "About the author", "Jane Roe", "Jane Roe covers the council for the paper."]
    assert _meta(["Council elects its first woman president", "Jane Roe"], box).authors == ["Jane Roe"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # (#18) a user name in a post's meta line, beside its date and comment count
        ("jdoe · May 3, 2019 · 7 comments", ["jdoe"]),
        ("c1ph4 | 22. Januar 2020 | 2 Kommentare", ["c1ph4"]),
        ("Politik · 3. Mai 2019 · 7 Kommentare", []),  # a section's name is no user name
        # a byline with the writer's outlet after a comma
        ("By Jane Roe, AgencyX", ["Jane Roe"]),
        ("by Bob Yirka , Phys.org", ["Bob Yirka"]),
        ("By Jane Smith, John Doe", ["Jane Smith", "John Doe"]),
        # the author's label shared with the pictures'
        ("Text & photos: Jane Roe", ["Jane Roe"]),
        ("Text und Fotos: Anna Müller", ["Anna Müller"]),
    ],
)
def test_bylines_of_pages_never_seen(byline: str, authors: list[str]) -> None:
    assert _meta([TITLE, byline]).authors == authors
