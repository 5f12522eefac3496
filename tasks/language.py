"""Stage: detect each story's language with langdetect, deterministically and on a bounded sample.

langdetect draws random samples of the text's n-grams; with its own factory seeded once, the same text
always gives the same answer, in any process. Its cost grows with the text, so only the first
SAMPLE_CHARS characters (cut at a word boundary) are examined: the opening paragraphs of a story are
as good a witness of its language as the whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.models import Document

UNDETERMINED = "und"
SAMPLE_CHARS = 1500
MIN_LETTERS = 12  # below this there is too little evidence for any language
MIN_CONFIDENCE = 0.5
_SEED = 0

# langdetect's codes that are not plain ISO 639-1.
_CODE_FIXES = {"zh-cn": "zh", "zh-tw": "zh", "no": "nb", "iw": "he"}
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class LanguageResult:
    lang: str  # ISO 639-1, lower case, or "und"
    confidence: float  # 0..1


@cache
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(_SEED)
    return factory


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > SAMPLE_CHARS // 2 else SAMPLE_CHARS]


def detect_language(text: str) -> LanguageResult:
    """The language of `text`: ISO 639-1 and a confidence, or `und` when the text cannot tell."""
    sample = _sample(text or "")
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return LanguageResult(UNDETERMINED, 0.0)
    detector = _factory().create()
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return LanguageResult(UNDETERMINED, 0.0)
    confidence = round(float(best.prob), 4)
    if confidence < MIN_CONFIDENCE:
        return LanguageResult(UNDETERMINED, confidence)
    return LanguageResult(_CODE_FIXES.get(best.lang, best.lang), confidence)


def detect_languages(texts: list[str]) -> list[LanguageResult]:
    """Batch entry point: one result per text, in order."""
    return [detect_language(text) for text in texts]


@task(name="detect-language", cache_policy=NO_CACHE)
def language_batch(documents: list[Document]) -> list[Document]:
    stories = [story for document in documents for story in document.stories]
    for story, result in zip(stories, detect_languages([s.text for s in stories]), strict=True):
        story.language, story.language_confidence = result.lang, result.confidence
    return documents
