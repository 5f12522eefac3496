import re
import sys

import regex

from newsprep.tasks.text import words
from newsprep.tasks.text.words import split_words


def test_re_reads_the_same_word_characters_as_regex_where_split_words_uses_it():
    same = re.compile(f"[{words._SAME_WORD_CHARS}]")
    re_word, regex_word = re.compile(r"\w"), regex.compile(r"\w")
    differing = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if same.match(chr(code)) and (re_word.match(chr(code)) is None) != (regex_word.match(chr(code)) is None)
    ]
    assert differing == []


def test_split_words_same_words_either_way():
    for text in ("Jean-Luc’s U.S. trip, 3.5 km", "Καλημέρα κόσμε — Привет, мир!", "東京で2025年2月12日", "hello ²"):
        assert split_words(text) == words._WORD_RE.findall(text)
    assert split_words("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
