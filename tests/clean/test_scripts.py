"""Every script: a news page in Urdu, Arabic, Hindi, Chinese, Thai or Tamil keeps its article and loses its furniture.

Error classes (each failed before): paragraphs ending in a sentence mark of another script (۔ । 。) taken for
fragments; prose of a language without a stopword list (Tamil), or whose stopwords are prefixes of words (Arabic,
Hebrew), judged "not prose" by English density limits; a page of short paragraphs with no line long enough to be
"good" losing all of them; Thai, written without spaces or sentence marks, read as one-word lines."""

from __future__ import annotations

import pytest

from newsprep.tasks.clean import classify_lines
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


def test_a_thai_paragraph_is_not_judged_by_the_stopwords_of_the_english_names_beside_it() -> None:
    # Thai writes no spaces between words, so a Thai line's stopword density cannot be measured; English names
    # and titles in the other paragraphs made the page's prose look "English", and the plain Thai paragraph
    # "not prose".
    thai = (
        "ผู้บริหารกล่าวว่าการท่องเที่ยวที่ฟื้นตัวอย่างต่อเนื่องทำให้มีนักท่องเที่ยวต่างชาติเดินทางเข้ามาจับจ่ายใช้สอยใน"
        "ห้างสรรพสินค้ามากขึ้น โดยเฉพาะในย่านใจกลางกรุงเทพมหานครและเมืองท่องเที่ยวหลักอย่างภูเก็ตและเชียงใหม่ "
        "ซึ่งมียอดผู้มาเยือนสูงที่สุดนับตั้งแต่ก่อนการระบาดของโรคโควิด"
    )
    mixed = [
        "บริษัท The Mall Group of Thailand เปิดเผยว่ายอดขายในไตรมาสแรกเพิ่มขึ้น ตามรายงาน “The State of the Retail "
        "Market in Asia”",
        "ด้านผู้จัดการ The Store at the Park กล่าวว่าจะเปิดสาขาใหม่อีกห้าแห่งในปีนี้ ตามแผน “Growth for the Future”",
    ]
    menu = ["หน้าแรก", "ข่าว", "เศรษฐกิจ", "ห้างค้าปลีกยอดขายพุ่งรับนักท่องเที่ยว"]
    lines = classify_lines("\n".join([*menu, thai, *mixed, "แชร์", "© 2025 สงวนลิขสิทธิ์"]))
    assert [line.text for line in lines if line.keep] == [thai, *mixed]


def test_a_paragraph_ending_in_a_bracketed_date_is_no_caption() -> None:
    # Indonesian papers close a lead with the day and date in brackets: "(27/2/2025)" is no "(Name/Agency)" credit.
    lead = (
        "Jakarta - Pemerintah resmi memperluas program makan bergizi gratis ke sepuluh provinsi baru mulai bulan "
        "depan, kata juru bicara presiden di Istana Kepresidenan, Kamis (27/2/2025)."
    )
    rest = (
        "Program ini akan menjangkau lebih dari dua juta siswa sekolah dasar dan menengah di daerah yang selama "
        "ini belum mendapat bantuan, dengan anggaran yang sudah disetujui oleh parlemen pekan lalu."
    )
    lines = classify_lines("\n".join(["Beranda", "Nasional", "Ekonomi", lead, rest, "Bagikan"]))
    assert [line.text for line in lines if line.keep] == [lead, rest]
