"""Every script: the headline, date, dateline and byline of a news page in Urdu, Pashto, Persian, Arabic, Hindi,
Bengali, Chinese, Japanese, Korean, Thai and Russian come out as a reader sees them.

Error classes (each failed before): a headline in a script without capitals was no headline; dates in Eastern
Arabic, Persian, Devanagari or Bengali digits, with the months of those languages, in the Solar Hijri calendar or
the Thai Buddhist era, or written 2025年2月12日, were no dates; relative dates ("2 ساعت پیش") only in seven
languages; datelines ("اسلام آباد:", "МОСКВА:") only in Latin capitals; bylines ("رپورٹ:", "بقلم", "द्वारा:",
"作者：") had no label, and names without capitals were no names; a Chinese page's text was "3 words"."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from tasks.models import Document
from tasks.pipeline import StageContext, run_stages
from tasks.read import normalise_text
from tasks.site import SiteMemory
from tests.world_pages import PAGES

REFERENCE_TIME = datetime(2025, 2, 12, 14, 0, tzinfo=UTC)


def _story(language: str):
    text = normalise_text(PAGES[language].text)
    document = Document(
        document_id=language,
        source_path=f"{language}.txt",
        size_bytes=len(text.encode()),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        status="ok",
        raw_text=text,
    )
    [done] = run_stages([document], StageContext(SiteMemory(), REFERENCE_TIME))
    assert len(done.stories) == 1
    return done.stories[0]


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_page_states_its_metadata(language: str) -> None:
    page, story = PAGES[language], _story(language)
    assert story.language == language
    assert story.title == page.title
    assert (story.published_at.date().isoformat() if story.published_at else None) == page.published
    assert story.dateline == page.dateline
    assert tuple(story.authors or ()) == page.authors
    # the story is the article: every paragraph, no furniture
    assert [line for line in story.text.split("\n") if line] == list(page.body)
