from __future__ import annotations

import subprocess
import sys

import pytest

from tasks.language import SAMPLE_CHARS, detect_language, detect_languages

SAMPLES = {
    "en": "The government said on Thursday that the talks with the opposition party would resume next week.",
    "de": "Die Regierung teilte am Donnerstag mit, dass die Gespräche mit der Opposition nächste Woche weitergehen.",
    "ur": "حکومت نے جمعرات کو کہا کہ اپوزیشن جماعت کے ساتھ مذاکرات اگلے ہفتے دوبارہ شروع ہوں گے۔",
    "ar": "قالت الحكومة يوم الخميس إن المحادثات مع حزب المعارضة ستستأنف الأسبوع المقبل في العاصمة.",
    "fa": "دولت روز پنجشنبه اعلام کرد که گفتگوها با حزب مخالف هفته آینده از سر گرفته خواهد شد.",
    "hi": "सरकार ने गुरुवार को कहा कि विपक्षी दल के साथ बातचीत अगले सप्ताह फिर से शुरू होगी।",
}


@pytest.mark.parametrize(("lang", "text"), SAMPLES.items())
def test_detects_languages_of_the_region(lang: str, text: str) -> None:
    result = detect_language(text)
    assert result.lang == lang
    assert 0.5 <= result.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "12:45", "OK!", "2025-01-31 10:00"])
def test_too_little_text_is_undetermined(text: str) -> None:
    assert detect_language(text).lang == "und"


def test_long_text_is_bounded_and_still_right() -> None:
    german = (SAMPLES["de"] + " ") * (SAMPLE_CHARS // len(SAMPLES["de"]) + 1)
    text = german + (SAMPLES["en"] + " ") * 500
    assert len(text) > 20 * SAMPLE_CHARS
    assert detect_language(text).lang == "de"  # only the opening is examined, though English dominates


def test_batch_matches_single_calls() -> None:
    texts = list(SAMPLES.values())
    assert detect_languages(texts) == [detect_language(t) for t in texts]


def test_same_answer_in_another_process() -> None:
    # Ambiguous text is where an unseeded langdetect flips between runs.
    text = "Informatie over de situatie in Antwerpen en omgeving"
    code = (
        "import sys; from tasks.language import detect_language as d; r = d(sys.argv[1]); print(r.lang, r.confidence)"
    )
    answers = {
        subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    here = detect_language(text)
    assert answers == {f"{here.lang} {here.confidence}\n"}
