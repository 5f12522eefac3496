"""Words of a piece of text, as the metadata stage and the date finder count them."""

from __future__ import annotations

import re

import regex

_WORD = r"\w[\w'’.\-]*"
# `regex`'s \w, unlike `re`'s, holds the combining marks: the vowel signs of Devanagari, Bengali, Tamil... are
# part of a word, not breaks inside it ("हिन्दी" is one word, not four).
_WORD_RE = regex.compile(_WORD)
# On ASCII text the two agree (\w is [A-Za-z0-9_] in both), and re finds the words faster.
_ASCII_WORD_RE = re.compile(_WORD)


def split_words(text: str) -> list[str]:
    """The words of `text`: runs of word characters, with inner apostrophes, dots and hyphens ("U.S.", "Jean-Luc")."""
    return (_ASCII_WORD_RE if text.isascii() else _WORD_RE).findall(text)
