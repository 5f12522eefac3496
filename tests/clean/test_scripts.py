"""Every script: a news page in Urdu, Arabic, Hindi, Chinese, Thai or Tamil keeps its article and loses its furniture.

Error classes (each failed before): paragraphs ending in a sentence mark of another script (۔ । 。) taken for
fragments; prose of a language without a stopword list (Tamil), or whose stopwords are prefixes of words (Arabic,
Hebrew), judged "not prose" by English density limits; a page of short paragraphs with no line long enough to be
"good" losing all of them; Thai, written without spaces or sentence marks, read as one-word lines."""

from __future__ import annotations

import pytest

from tasks.clean import classify_lines
from tests.world_pages import PAGES


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_page_keeps_its_paragraphs_and_loses_its_furniture(language: str) -> None:
    page = PAGES[language]
    verdicts = {line.text: (line.keep, line.reason) for line in classify_lines(page.text)}
    assert [p[:30] for p in page.body if not verdicts[p][0]] == []
    assert [f for f in page.furniture if verdicts[f][0]] == []


def test_a_paragraph_thin_in_stopwords_stays_beside_denser_ones() -> None:
    # Hebrew writes "the", "and", "in" as prefixes: one paragraph's stopword density is far below another's, and
    # below the English limit, though both are the article.
    page = PAGES["he"]
    kept = {line.text for line in classify_lines(page.text) if line.keep}
    assert set(page.body) <= kept
