"""The shapes of head lines shared by the metadata modules (metadata/lines.py)."""

from __future__ import annotations

from newsprep.tasks.metadata.lines import count_letters, letters_of


def test_letters_are_counted_as_letters_of_finds_them() -> None:
    # count_letters reads ASCII text by its bytes: the letters there must be the ones letters_of keeps
    ascii_chars = "".join(map(chr, range(128)))
    assert letters_of(ascii_chars) == "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    for text in (ascii_chars, "", "12:30 | Home", "Zürich – ein Bericht", "नई दिल्ली", "東京 2025年", "İstanbul"):
        assert count_letters(text) == len(letters_of(text))
