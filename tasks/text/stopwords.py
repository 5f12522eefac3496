"""Stopword lists, one loader for every stage: stopwordsiso's list of a language, lower-cased (the stages lower-case
the words they look up)."""

from __future__ import annotations

from functools import cache

import stopwordsiso


@cache
def stopwords(language: str) -> frozenset[str]:
    """The stopwords of `language` (ISO 639-1), lower-cased; empty for a language stopwordsiso does not have."""
    try:
        return frozenset(word.lower() for word in stopwordsiso.stopwords(language))
    except Exception:  # a language missing from the installed stopwordsiso version
        return frozenset()
