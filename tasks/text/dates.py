"""Dates in a piece of text: absolute dates in several languages and forms, relative dates ("10 months ago",
"vor 3 Tagen", "gestern"), clock times and the labels printed before dates ("Updated", "Veröffentlicht").

Knows nothing of stories or lines: the metadata stage decides which of these dates is a story's.  Dates are
found by compiled regexes; dateparser only resolves short relative strings, cached.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import regex

from .cache import LINE_MEMO_ENTRIES
from .locales import LOCALE_MONTHS, RELATIVE_NUMBER_FORMS, RELATIVE_PHRASES
from .vocabulary import (
    DATE_PARTICLES,
    SOLAR_HIJRI_MONTHS,
    WEEKDAYS,
    entries,
    first_letter_alternation,
    month_numbers,
    opening_lookahead,
    words,
)
from .vocabulary import MONTHS as MONTHS_BY_LANGUAGE
from .words import split_words

# how precise a date is (a relative date is as precise as the unit it counts in)
DATE_PRECISIONS = ("second", "minute", "hour", "day", "month", "year")

# Digits of every script read as ASCII ("۱۲ فروری ۲۰۲۵", "١٢", "१२", "১২"): one character for one, so the offsets
# found in the translated text hold in the original.
_ASCII_DIGITS = {
    c: ord("0") + unicodedata.decimal(chr(c)) for c in range(0x80, 0x10000) if unicodedata.category(chr(c)) == "Nd"
}


_DIGIT_RE = re.compile(r"\d")  # re's \d: the Unicode decimal digits, those of _ASCII_DIGITS among them
_OTHER_DIGIT_RE = re.compile(r"[^\D0-9]")  # a decimal digit other than ASCII's


def ascii_digits(text: str) -> str:
    """`text` with the decimal digits of every script written as ASCII digits."""
    if text.isascii() or _OTHER_DIGIT_RE.search(text) is None:  # nothing to translate (translate is slow)
        return text
    return text.translate(_ASCII_DIGITS)


# Month names and abbreviations -> month number: the curated languages (their names are matched inside the date
# patterns below) and dateparser's locales (looked up after a generic "day, word, year" pattern finds a word).
_CURATED_MONTHS = month_numbers(MONTHS_BY_LANGUAGE)


_MONTH_ALT = first_letter_alternation(sorted(_CURATED_MONTHS, key=len, reverse=True))
MONTHS: dict[str, int] = {**month_numbers(LOCALE_MONTHS), **_CURATED_MONTHS}
_SOLAR_HIJRI_MONTHS: dict[str, int] = month_numbers(SOLAR_HIJRI_MONTHS)

_DAY_SUFFIX = r"(?:\.|º|er|st|nd|rd|th)?"
# the year may run into a time ("3 de mayo de 202221:25") or into the update date a renderer glued to it
# ("28. Juni 201914. Januar 2020"; that second date is not read)
_DMY_TEXT_RE = re.compile(
    rf"(?<![\d.])(?P<d>[0-3]?\d){_DAY_SUFFIX}\s*(?:de\s+|of\s+)?(?P<m>{_MONTH_ALT})\b\.?,?\s*(?:de\s+)?"
    rf"(?P<y>(?:19|20)\d\d)(?:(?!\d)|(?=[0-2]\d:[0-5]\d)|(?=[0-3]?\d\.\s*(?:{_MONTH_ALT})\b))",
    re.I,
)
_MDY_TEXT_RE = re.compile(
    rf"\b(?P<m>{_MONTH_ALT})\b\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
    r"(?P<y>(?:19|20)\d\d)(?:(?!\d)|(?=[0-2]\d:[0-5]\d))",
    re.I,
)
# Month names of the other languages: a day, a word, a year ("12 فروری 2025", "12 февраля 2025", "12 ก.พ. 2568",
# "24 بهمن 1403"), a word, a day, a year, or a year, a word, a day ("2025. február 12."); the word counts when it
# is a month name.
_MONTH_WORD = r"\p{L}[\p{L}\p{M}.]*"
_DMY_NAMED_RE = regex.compile(
    rf"(?<![\d.])(?P<d>[0-3]?\d)\s*(?P<m>{_MONTH_WORD})\s*[,،]?\s*(?P<y>\d{{4}})(?!\d)", regex.V0
)
_MDY_NAMED_RE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}])(?P<m>{_MONTH_WORD})\s*(?P<d>[0-3]?\d)\s*[,،၊]?\s*(?P<y>\d{{4}})(?!\d)"
)  # "පෙබරවාරි 27, 2025", "ဖေဖော်ဝါရီ ၂၇၊ ၂၀၂၅"
_YMD_NAMED_RE = regex.compile(rf"(?<![\d.])(?P<y>\d{{4}})\.?\s*(?P<m>{_MONTH_WORD})\s*(?P<d>[0-3]?\d)(?![\d])")
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
_TWO_DIGITS_RE = re.compile(r"\d\d")  # every date form has a year of two digits at least
_CENTURY_YEAR_RE = re.compile(r"(?:19|20)\d\d")  # the year of the month-name, ISO and CJK forms
# Pre-tests of single forms, each implied by its form and cheaper to search: a curated month name as a whole word
# (_MDY_TEXT_RE, _MONTH_DAY_RE; not _DMY_TEXT_RE's: "12Mai 2024"), the separators of the numeric forms between two
# digits (_DOT_RE, _SLASH_RE) and a clock time's (TIME_ANY_RE, below). (The forms open with a lookbehind or a day
# and are tried at every position; these are found by their first character, or fail sooner.)
_MONTH_NAME_RE = re.compile(rf"\b(?:{_MONTH_ALT})\b", re.I)
_DOT_DATE_HINT_RE = re.compile(r"\d\.\s?\d")
_SLASH_DATE_HINT_RE = re.compile(r"\d[/-]\d")
_PARTICLE_RE = re.compile("|".join(sorted(entries(DATE_PARTICLES), key=len, reverse=True)))
# Chinese, Japanese and Korean: 2025年2月12日, 2025년 2월 12일.
_CJK_YMD_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?")
_ISO_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d])")
_DOT_RE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d|\d\d)(?![\d.])")
_SLASH_RE = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/-](?P<b>[0-3]?\d)[/-](?P<y>(?:19|20)\d\d|\d\d)(?![\d/])")
_TIME_AFTER_RE = re.compile(
    r"^\s*(?:,|،|\||-|–|T|um|at|à|a las|alle|às|kl\.?)?\s*(?:,\s*)?(?P<h>[0-2]?\d)(?:[:.h時]|시\s?)(?P<mi>[0-5]\d)"
    r"[分분]?(?::(?P<s>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?)?",
    re.I,
)
# a clock time anywhere in a line: "9:02 AM", "14:30 Uhr", "20H06"
TIME_ANY_RE = re.compile(r"\b[0-2]?\d(?::|h(?=[0-5]\d\b))[0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?|uhr\b)?", re.I)
_TIME_HINT_RE = re.compile(r"\d[:h]\d", re.I)  # implied by TIME_ANY_RE (see _MONTH_NAME_RE)

# Relative dates: the candidate finder is ours (fast), dateparser resolves the short match.
_REL_UNITS = {
    "s": [
        "sec",
        "secs",
        "second",
        "seconds",
        "sekunde",
        "sekunden",
        "seconde",
        "secondes",
        "segundo",
        "segundos",
        "secondo",
        "secondi",
        "seconden",
    ],
    "min": ["min", "mins", "minute", "minutes", "minuten", "minuto", "minutos", "minuti", "minuut"],
    "h": [
        "hr",
        "hrs",
        "hour",
        "hours",
        "stunde",
        "stunden",
        "std",
        "heure",
        "heures",
        "hora",
        "horas",
        "ora",
        "ore",
        "uur",
    ],
    "d": [
        "day",
        "days",
        "tag",
        "tagen",
        "tage",
        "jour",
        "jours",
        "día",
        "días",
        "dia",
        "dias",
        "giorno",
        "giorni",
        "dag",
        "dagen",
    ],
    "w": [
        "week",
        "weeks",
        "woche",
        "wochen",
        "semaine",
        "semaines",
        "semana",
        "semanas",
        "settimana",
        "settimane",
        "weken",
    ],
    "mo": ["month", "months", "monat", "monaten", "monate", "mois", "mes", "meses", "mese", "mesi", "maand", "maanden"],
    "y": [
        "year",
        "years",
        "yr",
        "yrs",
        "jahr",
        "jahren",
        "jahre",
        "an",
        "ans",
        "année",
        "années",
        "año",
        "años",
        "ano",
        "anos",
        "anno",
        "anni",
        "jaar",
        "jaren",
    ],
}
_UNIT_OF = {w: u for u, ws in _REL_UNITS.items() for w in ws}
_UNIT_ALT = "|".join(sorted(_UNIT_OF, key=len, reverse=True))
_NUM = r"(?P<n>\d{1,3}|an?|one|einem|einer|einen|un|une|uno|una|um|uma|één|een)"
# relative dates by language: (pattern with the count `n` and the unit `u`, the language dateparser reads it in)
RELATIVE_RES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_NUM}\s+(?P<u>{_UNIT_ALT})\.?\s+ago\b", re.I), "en"),
    (re.compile(rf"\bvor\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "de"),
    (re.compile(rf"\bil y a\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "fr"),
    (re.compile(rf"\bhace\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "es"),
    (re.compile(rf"\bhá\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "pt"),
    (re.compile(rf"\b{_NUM}\s+(?P<u>{_UNIT_ALT})\s+fa\b", re.I), "it"),
    (re.compile(rf"\b{_NUM}\s+(?P<u>{_UNIT_ALT})\s+geleden\b", re.I), "nl"),
]
# Each of these forms holds one of these words as a whole word (a space or \b on either side of it), besides its count
# and unit: a pre-test, one search instead of seven.
_RELATIVE_WORDS = "ago|vor|il y a|hace|há|fa|geleden"
_RELATIVE_WORD_RE = re.compile(rf"{opening_lookahead(_RELATIVE_WORDS.split('|'))}\b(?:{_RELATIVE_WORDS})\b", re.I)


def _curated_relative_forms(text: str) -> list[tuple[re.Pattern[str], str]]:
    """RELATIVE_RES, or none of them when `text` holds none of their words."""
    return RELATIVE_RES if _RELATIVE_WORD_RE.search(text) else []


_REL_WORD_RE = re.compile(
    r"^(?:(?:updated|published|aktualisiert|veröffentlicht)\s*:?\s*)?(?P<w>today|yesterday|heute|gestern|"
    r"vorgestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|hoje|ontem|vandaag|gisteren)\b(?!['’]s\b)",  # not "Today's"
    re.I,
)
_REL_WORD_DAYS = {
    "today": 0,
    "heute": 0,
    "aujourd'hui": 0,
    "hoy": 0,
    "oggi": 0,
    "hoje": 0,
    "vandaag": 0,
    "yesterday": 1,
    "gestern": 1,
    "hier": 1,
    "ayer": 1,
    "ieri": 1,
    "ontem": 1,
    "gisteren": 1,
    "vorgestern": 2,
}
_ONE_WORDS = {"a", "an", "one", "einem", "einer", "einen", "un", "une", "uno", "una", "um", "uma", "één", "een"}

# labels printed before a date: a modification date, a publication date
# (grouped by first letter: see vocabulary.first_letter_alternation)
_UPDATED_WORDS = (
    "updated|update|last modified|modified|aktualisiert|zuletzt|stand|mis à jour|actualizado|"
    "actualización|aggiornato|atualizado|bijgewerkt"
)
UPDATED_RE = re.compile(rf"\b(?:{first_letter_alternation(_UPDATED_WORDS.split('|'))})\b", re.I)
_PUBLISHED_WORDS = (
    "published|posted|submitted|publiziert|veröffentlicht|erschienen|erstellt|gepostet|gespeichert|"
    "eingestellt|publié|publicado|publicada|postado|pubblicato|gepubliceerd|datum|date|on"
)
PUBLISHED_RE = re.compile(rf"\b(?:{first_letter_alternation(_PUBLISHED_WORDS.split('|'))})\b\s*:?", re.I)
# labels too common in running text ("released on", "to date") to mark a publication date far into a line
WEAK_PUBLISHED_RE = re.compile(r"^(?:datum|date|on)$", re.I)


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> tuple[int, int, int]:
    """A Solar Hijri (Jalali) date as a Gregorian one: the arithmetic of the 33-year leap cycle, exact for the years
    1178-1633 (convertdate's astronomical conversion agrees on them and costs 18 ms a date)."""
    jy += 1595
    days = -355668 + 365 * jy + (jy // 33) * 8 + ((jy % 33) + 3) // 4 + jd
    days += (jm - 1) * 31 if jm < 7 else (jm - 7) * 30 + 186
    gy = 400 * (days // 146097)
    days %= 146097
    if days > 36524:
        days -= 1
        gy += 100 * (days // 36524)
        days %= 36524
        if days >= 365:
            days += 1
    gy += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        gy += (days - 1) // 365
        days = (days - 1) % 365
    gd = days + 1
    leap = gy % 4 == 0 and gy % 100 != 0 or gy % 400 == 0
    for gm, length in enumerate((31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), start=1):
        if gd <= length:
            return gy, gm, gd
        gd -= length
    return gy, 12, 31  # not reached for a valid Jalali date


def _gregorian(y: int, m: int, d: int, word: str | None = None) -> tuple[int, int, int] | None:
    """The Gregorian (year, month, day) of a date read with a month name `word` (None: a numeric date): a Solar
    Hijri month with a year 1300-1499 is converted, a Buddhist Era year (2400-2700, Thailand) loses 543."""
    if word is not None and word in _SOLAR_HIJRI_MONTHS:
        return jalali_to_gregorian(y, _SOLAR_HIJRI_MONTHS[word], d) if 1300 <= y <= 1499 and 1 <= d <= 31 else None
    if 2400 <= y <= 2700:
        y -= 543
    return (y, m, d) if y < 100 or 1900 <= y <= 2099 else None


def _mk(y: int, m: int, d: int, rest: str) -> tuple[datetime, str] | None:
    """A UTC datetime from parts, with the time printed right after the date when there is one, and how
    precise it is ("day", "minute" or "second")."""
    if y < 100:
        y += 2000 if y < 70 else 1900
    hour = minute = second = 0
    precision = "day"
    tm = _TIME_AFTER_RE.match(rest)
    if tm:
        hour, minute = int(tm["h"]), int(tm["mi"])
        second = int(tm["s"] or 0)
        precision = "second" if tm["s"] else "minute"
        ap = (tm["ap"] or "").lower().replace(".", "").replace(" ", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if hour > 23:
            hour = minute = second = 0
            precision = "day"
    try:
        return datetime(y, m, d, hour, minute, second, tzinfo=UTC), precision
    except ValueError:
        return None


def numeric_day_first(texts: Iterable[str]) -> bool | None:
    """How a page writes its numeric dates: True when one of them can only be read day first (25/10/2022), False
    when one can only be read month first (10/25/2022), None when every one could be either (or both are seen)."""
    orders = set()
    for text in texts:
        if len(text) <= 300 and ("/" in text or "-" in text):
            for mt in _SLASH_RE.finditer(ascii_digits(text)):
                a, b = int(mt["a"]), int(mt["b"])
                if a > 12 >= b:
                    orders.add(True)
                elif b > 12 >= a:
                    orders.add(False)
    return orders.pop() if len(orders) == 1 else None


@lru_cache(maxsize=LINE_MEMO_ENTRIES)
def date_spans(text: str, day_first: bool | None = None) -> tuple[tuple[int, int, datetime, str], ...]:
    """All absolute dates in a short text, as (start, end, datetime, precision), in order (cached: the same
    line is asked about by the title, byline and date passes). `day_first`: how the page writes its numeric
    dates elsewhere (numeric_day_first), for the ambiguous ones ("03/05/2022"); else day first."""
    found: list[tuple[int, int, datetime, str]] = []
    text = ascii_digits(text)
    # Pre-tests, each implied by the patterns it guards (the same \d; the particles blanked below make no digits):
    # most lines hold no two digits side by side, and the month-name patterns are the costly ones.
    if _TWO_DIGITS_RE.search(text) is None:
        return ()
    century_year = _CENTURY_YEAR_RE.search(text) is not None

    def add(match: re.Match[str] | regex.Match[str], y: int, m: int, d: int) -> None:
        s, e = match.span()
        if any(s < fe and fs < e for fs, fe, _, _ in found):
            return
        got = _mk(y, m, d, text[e:])
        if got is not None:
            found.append((s, e, got[0], got[1]))

    if century_year:
        for rx in (_DMY_TEXT_RE, _MDY_TEXT_RE) if _MONTH_NAME_RE.search(text) else (_DMY_TEXT_RE,):
            for mt in rx.finditer(text):
                add(mt, int(mt["y"]), MONTHS[mt["m"].lower()], int(mt["d"]))
    if not text.isascii() and _FOUR_DIGITS_RE.search(text) is not None:  # every form below has a year
        # the particles before a day, month or year become spaces of their length: the offsets hold
        text = _PARTICLE_RE.sub(lambda mt: " " * len(mt.group()), text)
        for mt in _CJK_YMD_RE.finditer(text):
            add(mt, int(mt["y"]), int(mt["m"]), int(mt["d"]))
        for rx in (_DMY_NAMED_RE, _MDY_NAMED_RE, _YMD_NAMED_RE):
            for mt in rx.finditer(text):
                word = unicodedata.normalize("NFC", mt["m"].lower().replace(".", ""))  # the names are NFC
                month = MONTHS.get(word) or _SOLAR_HIJRI_MONTHS.get(word)
                if month is not None:
                    ymd = _gregorian(int(mt["y"]), month, int(mt["d"]), word)
                    if ymd is not None:
                        add(mt, *ymd)
    if century_year:
        for mt in _ISO_RE.finditer(text):
            add(mt, int(mt["y"]), int(mt["m"]), int(mt["d"]))
    for mt in _DOT_RE.finditer(text) if _DOT_DATE_HINT_RE.search(text) else ():
        add(mt, int(mt["y"]), int(mt["m"]), int(mt["d"]))
    for mt in _SLASH_RE.finditer(text) if _SLASH_DATE_HINT_RE.search(text) else ():
        a, b = int(mt["a"]), int(mt["b"])
        # An ambiguous date is read as the page's unambiguous ones are; without any, day first, as most of the
        # world writes it (English too: Pakistan, India, Britain, Nigeria...; US sites spell the month out).
        if a > 12 or (b <= 12 and day_first is not False):
            add(mt, int(mt["y"]), b, a)
        else:
            add(mt, int(mt["y"]), a, b)
    found.sort(key=lambda t: t[0])
    return tuple(found)


def absolute_dates(text: str) -> list[tuple[int, datetime]]:
    """All absolute dates in a short text, as (offset, datetime)."""
    return [(start, when) for start, _, when, _ in date_spans(text)]


@lru_cache(maxsize=LINE_MEMO_ENTRIES)
def _dateparser_relative(text: str, language: str, base: datetime) -> datetime | None:
    """Resolve a short relative expression with dateparser (slow: only short strings, cached)."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency, but stay usable without it
        return None
    try:
        got = dateparser.parse(
            text,
            languages=[language],
            settings={
                "RELATIVE_BASE": base.replace(tzinfo=None),
                "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return got.replace(tzinfo=UTC) if got else None


_UNIT_PRECISION = {"s": "second", "min": "minute", "h": "hour", "d": "day", "w": "day", "mo": "month", "y": "year"}
_UNIT_STEP = {
    "s": timedelta(seconds=1),
    "min": timedelta(minutes=1),
    "h": timedelta(hours=1),
    "d": timedelta(days=1),
    "w": timedelta(weeks=1),
    "mo": timedelta(days=30),
    "y": timedelta(days=365),
}


class _PhraseIndex:
    """Phrases looked up by their first two characters (a single character's by it): the longest of them that
    starts at a position of a text and ends there as a word ends (a phrase ending in a Han, kana or Hangul
    character needs no boundary). Two characters, since a count is followed by a letter that opens dozens of
    phrases ("5 m...": 79 of them), and tried one by one."""

    def __init__(self, phrases: dict[str, object]) -> None:
        self._by_start: dict[str, list[tuple[str, object]]] = {}
        for phrase, value in sorted(phrases.items(), key=lambda item: -len(item[0])):
            if phrase:
                self._by_start.setdefault(phrase[:2], []).append((phrase, value))

    def match(self, text: str, pos: int) -> tuple[int, object] | None:
        # the phrases of two characters or more first, then the one-character ones: longest first, as sorted
        for start in (text[pos : pos + 2], text[pos : pos + 1]):
            for phrase, value in self._by_start.get(start, ()):
                if text.startswith(phrase, pos):
                    end = pos + len(phrase)
                    if end == len(text) or not text[end].isalnum() or phrase[-1] >= "\u3040":
                        return end, value
        return None


_UNIT_CODE = {"second": "s", "minute": "min", "hour": "h", "day": "d", "week": "w", "month": "mo", "year": "y"}
# dateparser's relative dates with a count: the words after the count ("2 گھنٹے پہلے", "2小时前") ...
_LOCALE_AFTER = _PhraseIndex(
    {after: _UNIT_CODE[unit] for _, before, after, unit in RELATIVE_NUMBER_FORMS if not before}
)
# ... or around it ("قبل 3 ساعات", "منذ 3 ساعات"): the words before -> the words after -> unit
_LOCALE_AROUND: dict[str, dict[str, str]] = {}
for _, _before, _after, _unit in RELATIVE_NUMBER_FORMS:
    if _before:
        _LOCALE_AROUND.setdefault(_before, {})[_after] = _UNIT_CODE[_unit]
_LOCALE_AROUND_INDEX = {before: _PhraseIndex(afters) for before, afters in _LOCALE_AROUND.items()}
_LOCALE_BEFORE_BY_LAST_WORD: dict[str, list[str]] = {}  # the words before a count, by their last word
for _before in _LOCALE_AROUND:
    _LOCALE_BEFORE_BY_LAST_WORD.setdefault(_before.split()[-1], []).append(_before)
# ... and the ones said in words ("أمس", "قبل ساعتين", "昨天"): phrase -> (count, unit)
_LOCALE_PHRASES = _PhraseIndex({phrase: (n, _UNIT_CODE[unit]) for _, phrase, n, unit in RELATIVE_PHRASES})
_PHRASE_LINE_MAX_CHARS = 60  # a line holding a relative date in words is a date line, not a sentence
# A count: one to three digits, not part of a longer number, a decimal or a time ("(?<![\d.,:])\d{1,3}(?![\d:])",
# its first digit matched before the lookbehind checks what precedes it: the search then skips to the next digit).
_COUNT_RE = re.compile(r"\d(?<![\d.,:]\d)\d{0,2}(?![\d:])")


def _lowered(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else text  # offsets must hold ("İ" lower-cases to two characters)


def _locale_relative(text: str) -> tuple[int, int, int, str] | None:
    """(start, end, count, unit code) of the first relative date of dateparser's locales in `text` (digits in
    ASCII): a count with its words, or a phrase in words on a short line (a date line's, not a sentence's)."""
    if text.isascii() and _DIGIT_RE.search(text) is None:  # a count needs a digit, a phrase other letters than ASCII
        return None
    low = _lowered(text)
    for mt in _COUNT_RE.finditer(low):
        pos = mt.end()
        while low[pos : pos + 1] == " ":
            pos += 1
        hit = _LOCALE_AFTER.match(low, pos)
        if hit is not None:
            return mt.start(), hit[0], int(mt.group()), str(hit[1])
        head = low[: mt.start()].rstrip()
        last = head.rsplit(None, 1)[-1] if head else ""
        for before in _LOCALE_BEFORE_BY_LAST_WORD.get(last, ()):
            start = len(head) - len(before)
            if head.endswith(before) and (start == 0 or not head[start - 1].isalnum()):
                hit = _LOCALE_AROUND_INDEX[before].match(low, pos)
                if hit is not None:
                    return start, hit[0], int(mt.group()), str(hit[1])
                if "" in _LOCALE_AROUND[before]:
                    return start, mt.end(), int(mt.group()), _LOCALE_AROUND[before][""]
    # A phrase opens the line (after a label at most: "نشر أمس") and at most two other words follow it.
    if len(low) <= _PHRASE_LINE_MAX_CHARS and not low.isascii():  # the phrases are in other letters
        for pos in _phrase_starts(low):
            hit = _LOCALE_PHRASES.match(low, pos)
            if hit is not None:
                rest = TIME_ANY_RE.sub(" ", low[hit[0] :])
                if len(split_words(rest)) <= 2:
                    n, unit = hit[1]  # type: ignore[misc]
                    return pos, hit[0], n, unit
                return None
    return None


def _phrase_starts(low: str) -> tuple[int, ...]:
    """Where a relative date said in words may start: the line's first word, or its second after a label."""
    first = len(low) - len(low.lstrip())
    second = low.find(" ", first)
    if second < 0:
        return (first,)
    second = len(low) - len(low[second:].lstrip())
    return (first, second)


@lru_cache(maxsize=LINE_MEMO_ENTRIES)
def relative_match(text: str) -> tuple[str, str, int, str] | None:
    """(language, matched text, count, unit) of the first relative date in `text`; unit "word" for
    today/yesterday forms (count = days back).  Cached: asked many times per line."""
    for rx, lang in _curated_relative_forms(text):
        mt = rx.search(text)
        if mt:
            n = 1 if mt["n"].lower() in _ONE_WORDS else int(mt["n"])
            return lang, mt.group(0).lower(), n, _UNIT_OF[mt["u"].lower()]
    mw = _REL_WORD_RE.match(text)
    # "Heute, 14:30 Uhr" is a date; "Hier können Sie ..." (German "here") and a headline opening with
    # "Ayer socios, hoy adversarios" are not: the word must stand (almost) alone, beside a time at most
    if mw and len(split_words(TIME_ANY_RE.sub(" ", text[mw.end() :]))) <= 2:
        return "", mw["w"].lower(), _REL_WORD_DAYS[mw["w"].lower()], "word"
    text = ascii_digits(text)
    found = _locale_relative(text)
    if found is not None:
        start, end, n, unit = found
        return "", text[start:end], n, unit
    return None


def relative_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds relative dates: the curated languages' forms, and the first of dateparser's locales."""
    spans = [mt.span() for rx, _ in _curated_relative_forms(text) for mt in rx.finditer(text)]
    found = _locale_relative(ascii_digits(text))
    if found is not None:
        spans.append(found[:2])
    return sorted(spans)


def relative_info(text: str, base: datetime) -> tuple[datetime, str] | None:
    """The relative date in `text` resolved against `base`, with its precision (the unit it counts in)."""
    found = relative_match(text)
    if found is None:
        return None
    lang, matched, n, unit = found
    if unit == "word":
        return base - timedelta(days=n), "day"
    got = _dateparser_relative(matched, lang, base) if lang else None
    if got is None:  # our own arithmetic (month = 30 days is fine at day precision for the metric)
        got = base - n * _UNIT_STEP[unit]
    return got, _UNIT_PRECISION[unit]


def has_relative_date(text: str) -> bool:
    """Whether `text` holds a relative date ("10 months ago", "vor 3 Tagen", "gestern")."""
    return relative_match(text) is not None


# A day and a month without the year ("Nov 18", "18. März"): a date line's date, though no datetime can be made.
_MONTH_DAY_RE = re.compile(
    rf"\b(?:{_MONTH_ALT})\b\.?\s+[0-3]?\d(?:st|nd|rd|th)?\b|(?<![\d.])[0-3]?\d\.?\s+(?:{_MONTH_ALT})\b", re.I
)
# Words a date line may hold besides its dates and labels: weekdays, time zones, "am"/"pm".
_DATE_LINE_WORDS = words(WEEKDAYS) | frozenset(
    [
        "am",
        "pm",
        "gmt",
        "utc",
        "cet",
        "cest",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "et",
        "ct",
        "pt",
        "ist",
        "pkt",
        "bst",
        "mez",
        "mesz",
        "of",
        "st",
        "nd",
        "rd",
        "th",
    ]
)
DATE_LINE_OTHER_WORDS = 2  # words of a date line that are none of these: a place, a source, a name at most
_DATE_LINE_MAX_CHARS = 120
# The words without which a line holding no digit cannot hold a date (the relative dates' words).
# (grouped by first letter: see vocabulary.first_letter_alternation)
_RELATIVE_HINT_RE = re.compile(
    rf"\b(?:{first_letter_alternation([*_RELATIVE_WORDS.split('|'), *map(re.escape, _REL_WORD_DAYS)])})\b", re.I
)
# The date forms that date_line_words blanks out, each with pre-tests implied by it (searched in the text as it
# is then: a form only matches where each of its pre-tests does).
# (The form, its pre-test, whether it holds a month name as a whole word besides.)
_DATE_LINE_FORMS = (
    (_DMY_TEXT_RE, _CENTURY_YEAR_RE, False),
    (_MDY_TEXT_RE, _CENTURY_YEAR_RE, True),
    (_ISO_RE, _CENTURY_YEAR_RE, False),
    (_DOT_RE, _DOT_DATE_HINT_RE, False),
    (_SLASH_RE, _SLASH_DATE_HINT_RE, False),
    (_MONTH_DAY_RE, _DIGIT_RE, True),
)


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by every stage
def date_line_words(text: str) -> int | None:
    """How many words of `text` are neither a date, a time, a relative date, a date label ("Updated"), a weekday
    nor a connective ("um", "at"); None when it holds no date at all."""
    if not (_DIGIT_RE.search(text) or _RELATIVE_HINT_RE.search(text) or _has_locale_phrase(text)):
        return None
    text = ascii_digits(text)
    found = _locale_relative(text)
    if found is not None:
        text = text[: found[0]] + " " + text[found[1] :]
    stripped = TIME_ANY_RE.sub(" ", text) if _TIME_HINT_RE.search(text) else text
    if not stripped.isascii():  # the other languages' named months, CJK dates
        for start, end, _, _ in reversed(date_spans(stripped)):
            stripped = stripped[:start] + " " + stripped[end:]
    for rx, needed, month_name in _DATE_LINE_FORMS:
        if needed.search(stripped) and (not month_name or _MONTH_NAME_RE.search(stripped)):
            stripped = rx.sub(" ", stripped)
    for rx, _ in _curated_relative_forms(stripped):
        stripped = rx.sub(" ", stripped)
    stripped = _REL_WORD_RE.sub(" ", stripped)
    if stripped == text and found is None:
        return None
    # labels and connectives do not count: "postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50"
    stripped = DATE_FILLER_RE.sub(" ", PUBLISHED_RE.sub(" ", UPDATED_RE.sub(" ", stripped)))
    return sum(1 for word in split_words(stripped) if word.lower().strip(".") not in _DATE_LINE_WORDS)


def _has_locale_phrase(text: str) -> bool:
    """A relative date said in words in one of dateparser's locales ("أمس", "昨天") may be in this short line."""
    if len(text) > _PHRASE_LINE_MAX_CHARS or text.isascii():
        return False
    low = _lowered(text)
    return any(_LOCALE_PHRASES.match(low, pos) is not None for pos in _phrase_starts(low))


def holds_date(text: str) -> bool:
    """Whether `text` holds a date, a time or a relative date anywhere (see date_line_words)."""
    return len(text) <= _DATE_LINE_MAX_CHARS and date_line_words(text) is not None


def is_date_line(text: str) -> bool:
    """The line is a date, a time or a relative date, with its label and at most DATE_LINE_OTHER_WORDS other words
    ("Updated 3 May 2024, 10:20", "vor 2 Stunden", "Stand: 12.03.2023 um 14:00 Uhr", "Nov 18 | Reuters")."""
    if len(text) > _DATE_LINE_MAX_CHARS:
        return False
    other = date_line_words(text)
    return other is not None and other <= DATE_LINE_OTHER_WORDS


# connectives and labels around a date ("am", "um", "Uhr", "a las", "zuletzt")
DATE_FILLER_RE = re.compile(r"\b(?:uhr|um|am|at|à|a las|alle|às|em|le|el|a|kl|de|del|the|last|zuletzt)\b", re.I)
