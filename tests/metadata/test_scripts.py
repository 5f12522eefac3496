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

from newsprep.tasks.models import Document
from newsprep.tasks.pipeline import StageContext, run_stages
from newsprep.tasks.read import normalise_text
from newsprep.tasks.site import SiteMemory
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


def _metadata(text: str):
    document = Document(
        document_id="page",
        source_path="page.txt",
        size_bytes=len(text.encode()),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        status="ok",
        raw_text=normalise_text(text),
    )
    [done] = run_stages([document], StageContext(SiteMemory(), REFERENCE_TIME))
    return done.stories[0]


GEORGIAN = "\n".join(
    [
        "მთავარი · პოლიტიკა · ეკონომიკა · საზოგადოება · სპორტი",
        "თბილისში ახალი ელექტრო ავტობუსების პირველი პარტია ჩამოვიდა",
        "12.02.2025",
        "ავტორი: ნინო ბერიძე",
        "",
        "თბილისის მერიამ დღეს განაცხადა, რომ ქალაქში ორმოცდაათი ახალი ელექტრო ავტობუსი ჩამოვიდა და ისინი "
        "უახლოეს კვირებში ხაზზე გავა.",
        "",
        "მერიის წარმომადგენლის თქმით, ახალი ავტობუსები აღჭურვილია კონდიციონერით და უფასო ინტერნეტით, ძველი "
        "ავტობუსები კი ეტაპობრივად ჩამოიწერება.",
        "",
        "© 2025 ყველა უფლება დაცულია.",
    ]
)


def test_a_georgian_headline_and_byline() -> None:
    # Unicode counts Georgian's everyday letters as lower case: no line could be a headline, no words a name.
    story = _metadata(GEORGIAN)
    assert story.title == "თბილისში ახალი ელექტრო ავტობუსების პირველი პარტია ჩამოვიდა"
    assert story.authors == ["ნინო ბერიძე"]
    assert story.site_name is None  # "ყველა უფლება დაცულია" is "all rights reserved", not the site's name


KHMER = """ទំព័រដើម  ព័ត៌មានជាតិ  សេដ្ឋកិច្ច  កីឡា
ការនាំចេញអង្ករកម្ពុជាកើនឡើងខ្លាំងក្នុងខែមករា
ថ្ងៃព្រហស្បតិ៍ ទី១២ ខែកុម្ភៈ ឆ្នាំ២០២៥

ភ្នំពេញ៖ ក្រសួងកសិកម្មបានឱ្យដឹងថាការនាំចេញអង្ករក្នុងខែមករាបានកើនឡើងជាងម្ភៃភាគរយបើធៀបនឹងរយៈពេលដូចគ្នាកាលពីឆ្នាំមុន។

មន្ត្រីក្រសួងបានបន្ថែមថាទីផ្សារចិននិងសហភាពអឺរ៉ុបនៅតែជាអ្នកទិញធំជាងគេសម្រាប់អង្ករក្រអូបរបស់កម្ពុជា។

ចែករំលែក
"""


def test_a_khmer_page_has_its_paragraphs_date_and_dateline() -> None:
    # Khmer writes no spaces between words: its paragraphs were "3 words", so the metadata stage found no body and
    # took the share button for the headline; the date's particles (ទី day, ខែ month, ឆ្នាំ year) hid the date.
    story = _metadata(KHMER)
    assert story.title == "ការនាំចេញអង្ករកម្ពុជាកើនឡើងខ្លាំងក្នុងខែមករា"
    assert story.published_at.date().isoformat() == "2025-02-12"
    assert story.dateline == "ភ្នំពេញ"


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("Jakarta - Pemerintah resmi memperluas program makan bergizi gratis ke sepuluh provinsi baru.", "Jakarta"),
        ("ΑΘΗΝΑ: Η κυβέρνηση ανακοίνωσε νέα μέτρα για τη στέγαση των νέων.", "ΑΘΗΝΑ"),
    ],
)
def test_datelines_with_a_plain_hyphen_or_greek_capitals(text: str, dateline: str) -> None:
    from newsprep.tasks.text.lines import dateline as find_dateline

    assert find_dateline(text) == dateline
