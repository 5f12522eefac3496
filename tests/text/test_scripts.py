"""Writing systems: sentence ends of every script, word counts that mean the same in every script, and first
letters of scripts without case."""

from __future__ import annotations

import pytest
import regex

from newsprep.tasks.text.scripts import SENTENCE_ENDS, count_words, ends_sentence, starts_like_sentence


def test_the_sentence_ends_are_unicodes_sentence_terminals() -> None:
    sterm = {chr(c) for c in range(0x10000) if regex.match(r"\p{STerm}", chr(c))}
    assert sterm <= SENTENCE_ENDS
    assert SENTENCE_ENDS - sterm == {"…", "\u037e", "\u0f0d"}


@pytest.mark.parametrize(
    "text",
    [
        "The council met on Tuesday.",
        "اجلاس کے بعد وزیر خزانہ نے کہا کہ مشکل فیصلے ناگزیر تھے۔",
        "क्या योजना का बजट कम है?",
        "केंद्रीय मंत्री ने लक्ष्य रखा है।",
        "北京迎来今冬首场大雪。",
        "Հանդիպումը կայացավ երեկ։",
        "“We will build it,” she said.”",
        "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่าโครงการนี้ใช้งบประมาณกว่าสองพันล้านบาท",
    ],
)
def test_sentence_ends_in_every_script(text: str) -> None:
    assert ends_sentence(text)


@pytest.mark.parametrize(
    "text", ["Home", "قومی اسمبلی میں بجٹ پر بحث کا آغاز", "2025年2月12日", "หน้าแรก", "Read more:"]
)
def test_lines_that_do_not_end_a_sentence(text: str) -> None:
    assert not ends_sentence(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The council met on Tuesday.", 5),
        ("اجلاس کے بعد وزیر خزانہ نے کہا", 7),
        ("北京迎来今冬首场大雪。", 10),  # one word per ideograph
        ("東京で記録的な大雪", 9),
        ("2025年2月12日 10:30", 7),  # three characters, four numbers
        ("Fit & Gesund", 2),  # words, not the "&" between them
        ("กรุงเทพมหานครเตรียมเปิดใช้", 7),  # 26 letters, four to a word
        ("", 0),
    ],
)
def test_word_counts_in_every_script(text: str, words: int) -> None:
    assert count_words(text) == words


def test_first_letters_of_scripts_without_case_start_a_sentence() -> None:
    assert starts_like_sentence("سینیٹ نے بجٹ منظور کر لیا")
    assert starts_like_sentence("北京迎来今冬首场大雪")
    assert starts_like_sentence("The council")
    assert not starts_like_sentence("the council")
    assert not starts_like_sentence("2025")
