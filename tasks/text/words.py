"""Words of a piece of text, as the metadata stage and the date finder count them."""

from __future__ import annotations

import re

_WORD_RE = re.compile(r"\w[\w'’.\-]*")


def split_words(text: str) -> list[str]:
    """The words of `text`: runs of word characters, with inner apostrophes, dots and hyphens ("U.S.", "Jean-Luc")."""
    return _WORD_RE.findall(text)
