"""Words of a piece of text, as the metadata stage and the date finder count them."""

from __future__ import annotations

import re

import regex

_WORD = r"\w[\w'’.\-]*"
# `regex`'s \w, unlike `re`'s, holds the combining marks: the vowel signs of Devanagari, Bengali, Tamil... are
# part of a word, not breaks inside it ("हिन्दी" is one word, not four).
_WORD_RE = regex.compile(_WORD)
# Where every character is one the two \w agree on, re finds the same words, faster: ASCII, and these blocks
# (tests/text check each of their characters against `regex`). Left out: the combining marks, the superscript and
# fraction digits (re's \w holds those, regex's not), and the scripts that hold either.
_SAME_WORD_CHARS = (
    "\x00-\xb1\xb4-\xb8\xba\xbb\xbf-\u02ff"  # ASCII, Latin-1, Latin Extended
    "\u0370-\u0482\u048a-\u0557"  # Greek, Cyrillic
    "\u1e00-\u200b\u200e-\u203e\u2041-\u2053\u2055-\u206f\u20a0-\u20cf"  # Latin, Greek Extended; punctuation, currency
    "\u2190-\u245f\u2500-\u2775"  # arrows, mathematical and technical symbols, box drawing, shapes, dingbats
    "\u3000-\u3029\u3030-\u3098\u309b-\u3191\u3400-\u9fff\uac00-\ud7a3"  # CJK punctuation, kana, Han, Hangul
    "\uff00-\uff3e\uff40-\uffef"  # full-width and half-width forms
)
_OTHER_WORD_CHAR_RE = re.compile(f"[^{_SAME_WORD_CHARS}]")
_RE_WORD_RE = re.compile(_WORD)


def split_words(text: str) -> list[str]:
    """The words of `text`: runs of word characters, with inner apostrophes, dots and hyphens ("U.S.", "Jean-Luc")."""
    if text.isascii() or _OTHER_WORD_CHAR_RE.search(text) is None:
        return _RE_WORD_RE.findall(text)
    return _WORD_RE.findall(text)
