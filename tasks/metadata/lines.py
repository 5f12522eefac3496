"""Shapes of the lines around a story's head, shared by the metadata modules: bullets, breadcrumbs, read
times, byline labels, the body-paragraph test, photo captions and credits, and the normalised forms in which
lines are compared."""

from __future__ import annotations

import re
import string
from functools import lru_cache

import regex

from ..clean import looks_like_caption as _cleaner_says_caption
from ..models import Line
from ..text.cache import LINE_MEMO_ENTRIES
from ..text.lines import (
    BULLET_RE,
    BYLINE_LABEL_RE,  # noqa: F401  (the shared byline labels, re-exported)
    COPYRIGHT_NOTICE_RE,
    OPENS_WITH_COPYRIGHT_RE,
    SYMBOL_BULLET_RE,
)
from ..text.scripts import CLOSERS, SENTENCE_ENDS, count_words
from ..text.vocabulary import CREDIT_WORDS, PICTURE_AGENCIES, alternation
from ..text.words import split_words

HIGHLIGHT_BULLET_RE = SYMBOL_BULLET_RE
BREADCRUMB_RE = re.compile(r"^\s*(?:[/>»›]\s*|\d{1,2}\.\s+)")
TERMINAL_RE = re.compile(r"[.!?…:;,][\"”’»)]*$")
_LETTER = r"\p{L}\p{M}"  # with the vowel signs of Indic scripts, which re's \w leaves out
_NON_LETTERS_RE = regex.compile(f"[^{_LETTER}]+")


def letters_of(text: str) -> str:
    """The letters of `text`, in order: the runs of other characters removed (one pass, where a findall of the
    letters one by one builds a list of them)."""
    return _NON_LETTERS_RE.sub("", text)


_ASCII_LETTERS = string.ascii_letters.encode("ascii")  # the letters (and marks) of _LETTER that ASCII holds


def count_letters(text: str) -> int:
    """len(letters_of(text)); in ASCII text (most lines) the bytes left once its letters are deleted are counted,
    one C pass where the regex replaces every run of other characters."""
    if text.isascii():
        return len(text) - len(text.encode("ascii").translate(None, _ASCII_LETTERS))
    return len(letters_of(text))


# -------------------------------------------------------------------------------------- compared forms


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by several passes
def norm(text: str) -> str:
    return " ".join(split_words(text.casefold()))


def has_words(text: str, n: int) -> bool:
    """len(split_words(text)) >= n, reading the first 100 characters of a long line first: the words found in a
    prefix are the words that start in it (the last one cut short), never more than the line's."""
    return len(split_words(text[:100])) >= n or (len(text) > 100 and len(split_words(text)) >= n)


def strip_marker(text: str) -> str:
    return BREADCRUMB_RE.sub("", BULLET_RE.sub("", text)).strip()


NON_WORD_RE = regex.compile(r"[^\w\n]+")  # regex's \w holds the combining marks


def flat(text: str) -> str:
    """Casefolded words joined by single spaces, as `find_title` compares lines with the page."""
    return " ".join(NON_WORD_RE.sub(" ", text.casefold()).split())


def key_word(key: str) -> str:
    """The longest word of `key` (a `norm` or `flat` text: casefolded words joined by single spaces). A line whose
    `norm` or `flat` holds the key holds this word in its casefolded text (both only cut that text into words): a
    cheap test that leaves most lines before they are normalised."""
    return max(key.split(" "), key=len)


# ------------------------------------------------------------------------------------------ paragraphs


def is_paragraph(line: Line) -> bool:
    """A body paragraph: kept, sentence-shaped, not a caption, bullet or byline."""
    if not line.keep:
        return False
    text = line.text
    n = count_words(text)  # a Khmer or Japanese paragraph is not "3 words"
    if n < 8 or BULLET_RE.match(text) or looks_like_caption(text):
        return False
    if text.count("|") >= 2 or BYLINE_LABEL_RE.match(text):
        return False
    if count_letters(text) < 0.6 * len(text):
        return False
    return n >= 15 or bool(TERMINAL_RE.search(text)) or text.rstrip(CLOSERS)[-1:] in SENTENCE_ENDS  # "۔", "।", "។"


# -------------------------------------------------------------------------------------------- captions

_CAPTION_RES = [
    re.compile(
        r"\((?:[^()]{0,60}/)?" + alternation(PICTURE_AGENCIES) + r"(?:/[^()]{0,40})?\)\s*$",
        re.I,
    ),
    re.compile(r"\[[^\[\]]{2,60}/[^\[\]]{2,40}\]\s*$"),
    re.compile(
        r"^(?:in this (?:image|photo|picture|file photo|handout)|this (?:image|photo|picture)|file photo|"
        + alternation(CREDIT_WORDS)
        + r"|credits|source)\b\s*(?:[:.…]|by\b|taken|provided|shows|made)",
        re.I,
    ),
]
# credit markers inside a caption, found as plain substrings of the lowercased line
_CREDIT_MARKERS = (
    "©",
    "copyright",
    "foto: ",
    "photo: ",
    "bild: ",
    "image: ",
    "getty images",
    "picture alliance",
    "imago images",
    "shutterstock",
    "istock",
    "(photo by ",
    "(foto: ",
    "photo credit",
)
_CREDIT_MARKER_RE = re.compile("|".join(map(re.escape, _CREDIT_MARKERS)))  # one search for any of them
# Lines the cleaner removed as furniture of another kind are no captions of the story, whatever credit marker
# they hold: comment forms ("Du kommentierst mit Deinem Facebook-Konto"), disclaimers, other stories' teasers.
NOT_CAPTION_REASONS = frozenset(
    {"comment-form", "comment", "legal", "cookie-notice", "call-to-action", "ad", "teaser", "section-header"}
)


# The page's own copyright line credits the site, not a picture: it dates the mark ("... MyCorp © 2016"), reserves
# the rights, or opens with the mark ("© Example Media GmbH") without the "Agency / Photographer" form of a
# picture credit ("© Nordex SE / U. Mertens"). A caption puts the mark after its text ("Lahore. © Jane Doe").
def credits_the_page(text: str) -> bool:
    return bool(COPYRIGHT_NOTICE_RE.search(text) or (OPENS_WITH_COPYRIGHT_RE.match(text) and "/" not in text))


@lru_cache(maxsize=LINE_MEMO_ENTRIES)
def looks_like_caption(text: str) -> bool:
    """Photo caption or credit: the cleaner's test, or our credit-shaped regexes."""
    if len(text) > 600:  # captions are short; long paragraphs quoting a credit are body text
        return False
    return _cleaner_says_caption(text) or _own_caption(text)


def _own_caption(text: str) -> bool:  # (asked only by looks_like_caption, whose memo holds its verdicts)
    tail = text.rstrip()[-1:]
    # cheap guards first: the two credit-at-the-end forms need a closing bracket at the end
    if tail == ")" and _CAPTION_RES[0].search(text):
        return True
    if tail == "]" and _CAPTION_RES[1].search(text):
        return True
    if _CAPTION_RES[2].match(text):
        return True
    low = text.lower()
    return _CREDIT_MARKER_RE.search(low) is not None or low.endswith(("/ dpa", "/dpa", "| dpa"))
