"""The headline: which line of the head it is, and the headline without its kicker."""

from __future__ import annotations

from datetime import UTC, datetime

from .helpers import TITLE, _meta


def test_headline_printed_twice_is_the_title_not_the_breadcrumb() -> None:
    title = "Government and opposition agree to resume talks"
    meta = _meta(["• Home", "• /World", f"• /{title}", title, "Updated 31 January 2025", "Follow", title])
    assert meta.title == title
    assert meta.published_at == datetime(2025, 1, 31, tzinfo=UTC)
    assert meta.dateline == "ISLAMABAD"


def test_breadcrumb_with_the_headline_at_its_end_is_not_the_title() -> None:
    meta = _meta(["Sie sind hier: Home » News » " + TITLE, TITLE, "Von Anna Müller"])
    assert meta.title == TITLE


def test_headline_over_its_deck() -> None:
    deck = "A new round is planned in the capital after months of tension between the two camps"
    assert _meta([TITLE, deck]).title == TITLE


def test_name_line_is_not_the_title() -> None:
    assert _meta([TITLE, "Jane Smith"]).title == TITLE


def test_kicker_joined_with_a_spaced_colon_is_dropped() -> None:
    meta = _meta(["Klimaschutz : Bohren, bis es heiß wird", "Von Heike Buchter"], language="de")
    assert meta.title == "Bohren, bis es heiß wird"
    assert _meta(["Tesla: Profits fall for the third quarter in a row"]).title.startswith("Tesla:")
    french = _meta(["Retraites : le gouvernement recule sur l'âge légal"], language="fr")
    assert french.title == "Retraites : le gouvernement recule sur l'âge légal"
