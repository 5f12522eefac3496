#!/usr/bin/env python3
"""Build tasks/text/alphabets.json: each language's letters beyond ASCII, from Unicode CLDR (through Babel).

    .venv/bin/python scripts/build_alphabets.py     # needs the dev extra (babel)

The letters are those of the language's own names for languages, territories, months and days (thousands of
words in its orthography): Czech gets č ď ě ň ř ť ů, Turkish ç ğ ı ö ş ü. tasks/read.py uses them to tell which
single-byte code page makes a page read as one language. Generated once and kept as data, so that newsprep needs
neither Babel nor CLDR at run time.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel.localedata import load, locale_identifiers

TARGET = Path(__file__).resolve().parents[1] / "tasks" / "text" / "alphabets.json"


def letters(data: dict) -> set[str]:
    words: list[str] = [*data.get("languages", {}).values(), *data.get("territories", {}).values()]
    for field in ("months", "days"):
        for context in data.get(field, {}).values():
            for width in context.values():
                words.extend(value for value in getattr(width, "values", lambda: [])() if isinstance(value, str))
    return {char for word in words for char in word.lower() if char.isalpha() and not char.isascii()}


def main() -> None:
    alphabets = {}
    for language in sorted(identifier for identifier in locale_identifiers() if "_" not in identifier):
        found = letters(load(language))
        if len(found) >= 2:
            alphabets[language] = "".join(sorted(found))
    TARGET.write_text(json.dumps(alphabets, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(alphabets)} languages -> {TARGET}")


if __name__ == "__main__":
    main()
