"""Stopword lists, one loader for every stage: stopwordsiso's list of a language with the additions of
vocabulary.STOPWORD_ADDITIONS, lower-cased (the stages lower-case the words they look up)."""

from __future__ import annotations

from functools import cache

import stopwordsiso

from .vocabulary import STOPWORD_ADDITIONS


@cache
def stopwords(language: str) -> frozenset[str]:
    """The stopwords of `language` (ISO 639-1), lower-cased; empty for a language neither source has."""
    try:
        listed = stopwordsiso.stopwords(language)
    except Exception:  # a language missing from the installed stopwordsiso version
        listed = set()
    return frozenset(word.lower() for word in (*listed, *STOPWORD_ADDITIONS.get(language, ())))


@cache
def every_stopword() -> frozenset[str]:
    """The stopwords of every language stopwordsiso has: the words that are a function word somewhere."""
    languages = {*stopwordsiso.langs(), *STOPWORD_ADDITIONS}
    return frozenset(word for language in languages for word in stopwords(language))
