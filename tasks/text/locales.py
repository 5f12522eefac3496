"""The date vocabulary of many languages, read from dateparser's locale data (CLDR-derived, maintained with the
library) for the languages in vocabulary.DATE_LANGUAGES: month names, the forms of a relative date with a number
("2 گھنٹے پہلے", "قبل 3 ساعات", "2小时前") and the relative dates said in words ("أمس", "قبل ساعتين", "昨天").

Read once at import; tasks/text/dates.py builds its finders from it. The languages whose dates are curated by hand
in vocabulary.py (MONTHS) and dates.py keep those.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable

from .stopwords import stopwords
from .vocabulary import DATE_LANGUAGES, Vocabulary

_MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NUMBER = r"(\d++[.,]?\d*+)"  # how dateparser's patterns write the count
_AGO_KEY_RE = re.compile(r"^\\1 (second|minute|hour|day|week|month|year) ago$")
_PHRASE_KEY_RE = re.compile(r"^(\d+) (second|minute|hour|day|week|month|year) ago$")
_COUNTED_UNIT_KEY_RE = re.compile(r"^(\d+) (second|minute|hour|day|week|month|year)$")
_FUTURE_KEY_RE = re.compile(r"^in ")
_ROMAN_RE = re.compile(r"^[ivxlc]+$")
_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")


def _info(language: str) -> dict:
    return importlib.import_module(f"dateparser.data.date_translation_data.{language}").info


def _spaces(text: str) -> str:
    return " ".join(text.replace(r"\s*", " ").split()).casefold()


def locale_months(languages: Iterable[str]) -> Vocabulary:
    """Each language's twelve months, as vocabulary.MONTHS writes them: every name and abbreviation of a month
    in one space-separated entry, NFC. Left out: names holding a digit ("2月": dates.py reads the numeric forms),
    a space, fewer than three letters of a cased script, and Roman numerals ("II"): too ambiguous as words."""
    out: dict[str, tuple[str, ...]] = {}
    for language in languages:
        info = _info(language)
        months = []
        for key in _MONTH_KEYS:
            names = []
            for name in info.get(key, ()):
                name = unicodedata.normalize("NFC", name.casefold().replace(".", ""))
                short = len(name) < (3 if name[:1].upper() != name[:1].lower() else 2)  # Thai "กพ" is a month
                if short or " " in name or any(c.isdigit() for c in name) or _ROMAN_RE.match(name):
                    continue
                if name not in names:
                    names.append(name)
            months.append(" ".join(names))
        out[language] = tuple(months)
    return out


def relative_number_forms(languages: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(language, text before the count, text after it, unit) of every past relative date with a count: ("ur",
    "", "گھنٹے پہلے", "hour"), ("ar", "قبل", "ساعة", "hour"). Spaces collapsed, case folded."""
    out = []
    for language in languages:
        for key, patterns in _info(language).get("relative-type-regex", {}).items():
            match = _AGO_KEY_RE.match(key)
            if match is None:
                continue
            for pattern in patterns:
                if pattern.count(_NUMBER) != 1:
                    continue
                before, after = pattern.split(_NUMBER)
                if not re.fullmatch(r"[^\\()\[\]?*+|{}^$]*", _spaces(before + " " + after).replace(" ", "")):
                    continue  # not a literal around the count
                out.append((language, _spaces(before), _spaces(after), match.group(1)))
        # The language's words for "ago" around its unit words, in either order ("منذ 3 ساعات", "3 ساعات مضت"):
        # dateparser reads those too, though its patterns do not spell them out.
        info = _info(language)
        for ago in info.get("ago", ()):
            for unit in _UNITS:
                for word in info.get(unit, ()):
                    word, ago_word = _spaces(word), _spaces(ago)
                    out.append((language, ago_word, word, unit))
                    out.append((language, "", f"{word} {ago_word}", unit))
    return sorted(form for form in set(out) if not _reads_as_english(form[1] + " " + form[2]))


def _reads_as_english(words: str) -> bool:
    """Latin-script words of another language that are English function words ("for 2 h", Danish for "2 h
    ago"): read in an English page they would be a date."""
    return words.isascii() and any(word in stopwords("en") for word in words.split())


def relative_phrases(languages: Iterable[str]) -> list[tuple[str, str, int, str]]:
    """(language, phrase, count, unit) of the past relative dates said in words: ("ar", "أمس", 1, "day"), ("ar",
    "قبل ساعتين", 2, "hour"). A phrase the language also uses for the future (Hindi "कल" is yesterday and
    tomorrow) is left out, and so are the phrases of a week, month or year, or of the present moment, and the
    phrases in Latin letters."""
    out = []
    for language in languages:
        table = _info(language).get("relative-type", {})
        future = {_spaces(p) for key, phrases in table.items() if _FUTURE_KEY_RE.match(key) for p in phrases}
        agos = [_spaces(ago) for ago in _info(language).get("ago", ())]
        for key, phrases in table.items():
            match = _PHRASE_KEY_RE.match(key)
            if match is None:
                bare = _COUNTED_UNIT_KEY_RE.match(key)  # "2 hour": Arabic's dual "ساعتين", with its "ago" word
                if bare and int(bare.group(1)) >= 1 and agos:
                    for phrase in phrases:
                        for ago in agos:
                            out.append((language, f"{ago} {_spaces(phrase)}", int(bare.group(1)), bare.group(2)))
                            out.append((language, f"{_spaces(phrase)} {ago}", int(bare.group(1)), bare.group(2)))
                continue
            count, unit = int(match.group(1)), match.group(2)
            # Today, yesterday, the day before; "two hours ago" said in one word (Arabic's dual): not "this year",
            # "last month" or "now" ("اب"), which are ordinary words of running text.
            if not (unit == "day" or (unit in ("hour", "minute") and count >= 1)):
                continue
            for phrase in phrases:
                phrase = _spaces(phrase)
                # Not the Latin-script ones: "leo" (Swahili "today") is a name, "ma" an abbreviation elsewhere.
                if phrase and phrase not in future and not phrase.isascii() and "/" not in phrase:
                    out.append((language, phrase, count, unit))
    return sorted(set(out))


LOCALE_MONTHS: Vocabulary = locale_months(DATE_LANGUAGES)
RELATIVE_NUMBER_FORMS = relative_number_forms(DATE_LANGUAGES)
RELATIVE_PHRASES = relative_phrases(DATE_LANGUAGES)
