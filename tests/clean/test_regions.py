"""Regions and the last passes over the kept lines: a stray blurb is outside the article, every story of a glued
file survives, repeated headlines, author bios at the end and lines without text leave the body."""

from __future__ import annotations

from .helpers import BODY, PARAGRAPHS, _verdicts


def test_a_stray_blurb_far_from_the_article_is_outside_it() -> None:
    blurb = "Subscribe to our newsletter and get the best stories of the week delivered to you every Friday."
    nav = ["Home", "World", "Politics", "Business", "Sports", "Opinion", "Video", "Podcasts"]
    verdicts = _verdicts([*PARAGRAPHS, *nav, blurb, *nav])
    assert verdicts[blurb][0] is False
    assert all(verdicts[p][0] for p in PARAGRAPHS)


def test_a_headline_printed_twice_is_kept_out_of_the_body() -> None:
    title = "Council approves library budget after long debate"
    verdicts = _verdicts([title, "Updated 31 January 2025", title, *PARAGRAPHS])
    assert verdicts[title][0] is False


def test_every_story_of_a_glued_file_survives_a_long_dip() -> None:
    nav = ["Home", "World", "Politics", "Business", "Sports", "Opinion", "Video", "Podcasts"]
    form = ["Leave a Reply", "Your email address will not be published. Required fields are marked *", "Name *"]
    second = [
        "Heavy rain flooded the lower town on Sunday night, and firefighters spent hours pumping water out of "
        "cellars and the basement of the primary school, the fire brigade said on Monday. " + tail
        for tail in ["Nobody was hurt.", "The school stays closed until Wednesday.", "Roads have reopened."]
    ]
    big_first = [(p + " " + BODY * 3).strip() for p in PARAGRAPHS]
    verdicts = _verdicts([*big_first, *form, *nav, *nav, *nav, *second])
    assert all(verdicts[p][0] for p in big_first)
    assert all(verdicts[p] == (True, None) for p in second)


def test_author_bio_at_the_end_of_the_article_is_removed() -> None:
    bio = "Jane Smith is a reporter for the Town News, covering city hall and the schools since 2015."
    verdicts = _verdicts([*PARAGRAPHS, bio])
    assert verdicts[bio] == (False, "author-bio")
    # The same shape inside the article is news.
    inside = "Jane Smith is a teacher at the primary school and has lived in the town since 1990."
    verdicts = _verdicts([*PARAGRAPHS[:2], inside, *PARAGRAPHS[2:]])
    assert verdicts[inside][0] is True


def test_a_line_without_a_word_character_leaves_the_body_but_not_the_article() -> None:
    # A scene break between paragraphs: it goes, and the paragraphs on both sides stay.
    lines = [*PARAGRAPHS[:2], "* * *", "\u200b", *PARAGRAPHS[2:]]
    verdicts = _verdicts(lines)
    assert verdicts["* * *"] == (False, "no-text")
    assert verdicts["\u200b"] == (False, "no-text")
    assert all(verdicts[p] == (True, None) for p in PARAGRAPHS)
