"""Metadata of one story, read from the page text alone.

The flow hands us the story's span of lines (head + body + trailing furniture) with the cleaner's verdicts.
We locate the body start (first kept paragraph-shaped line), then read the *head* around it:

- title: the last title-shaped line before the body (a line printed twice wins), never a breadcrumb,
  clock, date, byline or caption;
- dates: candidates found by compiled regexes (numeric, month names in several languages, relative
  "10 months ago" / "vor 3 Tagen"); dateparser only resolves short relative strings, cached;
- authors: bylines ("By A and B", "Von A", "A | 10 months ago", "About the Author" blocks), cleaned of
  roles, dates, handles; precision first, a doubtful byline gives [];
- dateline, highlights/standfirst, image captions, and the site name from a copyright line;
- updated_at (an "Updated ..." date printed with the story) and date_precision (DATE_PRECISIONS:
  second, minute, hour, day, month, year; relative dates are as precise as the unit they count in).

Pure Python, no Prefect, no I/O.  Ideas (not code) from htmldate's text heuristics (bounded date range,
label-driven preference of publication over modification dates) and trafilatura's author cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from tasks.clean import RIGHTS_RESERVED
from tasks.clean import looks_like_caption as _cleaner_says_caption
from tasks.models import Document, Line
from tasks.split import body_text


@dataclass
class StoryMetadata:
    """What the head (and byline/caption lines) of one story tell about it."""

    title: str | None = None
    published_at: datetime | None = None  # timezone-aware, UTC
    updated_at: datetime | None = None  # an "Updated ..." date printed with the story, UTC
    date_precision: str | None = None  # how precise published_at is: one of DATE_PRECISIONS
    site_name: str | None = None  # the site's name when the page prints it
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    highlights: list[str] = field(default_factory=list)
    image_captions: list[str] = field(default_factory=list)
    metadata_lines: dict[int, str] = field(default_factory=dict)  # Line.number -> reason
    body_lines: set[int] = field(default_factory=set)  # Line.number of head lines that stay body text (standfirst)


# --------------------------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {}
for _num, _names in enumerate(
    [
        "january januar jänner janvier janv enero gennaio janeiro januari jan ene gen",
        "february februar feber février fevrier févr fevr febrero febbraio fevereiro februari feb fév fev",
        "march märz maerz mars marzo março maart mar mär mrz",
        "april avril abril aprile apr avr abr",
        "may mai mayo maggio maio mei mag",
        "june juni juin junio giugno junho jun giu",
        "july juli juillet juil julio luglio julho jul lug",
        "august août aout agosto augustus aug ago",
        "september septembre septiembre setiembre settembre setembro sept sep set",
        "october oktober octobre octubre ottobre outubro oct okt ott out",
        "november novembre noviembre novembro nov",
        "december dezember décembre decembre diciembre dicembre dezembro dec dez déc dic",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _num
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

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
_ISO_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d])")
_DOT_RE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d|\d\d)(?![\d.])")
_SLASH_RE = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/-](?P<b>[0-3]?\d)[/-](?P<y>(?:19|20)\d\d)(?![\d/])")
_TIME_AFTER_RE = re.compile(
    r"^\s*(?:,|\||-|–|T|um|at|à|a las|alle|às|kl\.?)?\s*(?:,\s*)?(?P<h>[0-2]?\d)[:.h](?P<mi>[0-5]\d)"
    r"(?::(?P<s>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\.?)?",
    re.I,
)
_TIME_ANY_RE = re.compile(r"\b[0-2]?\d(?::|h(?=[0-5]\d\b))[0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?|uhr\b)?", re.I)

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
_REL_RES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b{_NUM}\s+(?P<u>{_UNIT_ALT})\.?\s+ago\b", re.I), "en"),
    (re.compile(rf"\bvor\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "de"),
    (re.compile(rf"\bil y a\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "fr"),
    (re.compile(rf"\bhace\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "es"),
    (re.compile(rf"\bhá\s+{_NUM}\s+(?P<u>{_UNIT_ALT})\b", re.I), "pt"),
    (re.compile(rf"\b{_NUM}\s+(?P<u>{_UNIT_ALT})\s+fa\b", re.I), "it"),
    (re.compile(rf"\b{_NUM}\s+(?P<u>{_UNIT_ALT})\s+geleden\b", re.I), "nl"),
]
_REL_WORD_RE = re.compile(
    r"^(?:(?:updated|published|aktualisiert|veröffentlicht)\s*:?\s*)?(?P<w>today|yesterday|heute|gestern|"
    r"vorgestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|hoje|ontem|vandaag|gisteren)\b",
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

_UPDATED_RE = re.compile(
    r"\b(?:updated|update|last modified|modified|aktualisiert|zuletzt|stand|mis à jour|actualizado|"
    r"actualización|aggiornato|atualizado|bijgewerkt)\b",
    re.I,
)
_PUBLISHED_RE = re.compile(
    r"\b(?:published|posted|submitted|publiziert|veröffentlicht|erschienen|erstellt|gepostet|gespeichert|"
    r"eingestellt|publié|publicado|publicada|postado|pubblicato|gepubliceerd|datum|date|on)\b\s*:?",
    re.I,
)
# labels too common in running text ("released on", "to date") to mark a publication date far into a line
_WEAK_PUBLISHED_RE = re.compile(r"^(?:datum|date|on)$", re.I)


@dataclass(slots=True)
class _DateHit:
    index: int  # position of the line in the story's list
    when: datetime
    kind: str  # "published" | "updated" | "plain" | "relative"
    precision: str = "day"  # see DATE_PRECISIONS
    clock: bool = False


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


@lru_cache(maxsize=16384)
def _date_spans(text: str, language: str | None) -> tuple[tuple[int, int, datetime, str], ...]:
    """All absolute dates in a short text, as (start, end, datetime, precision), in order (cached: the same
    line is asked about by the title, byline and date passes)."""
    found: list[tuple[int, int, datetime, str]] = []

    def add(match: re.Match[str], y: int, m: int, d: int) -> None:
        s, e = match.span()
        if any(s < fe and fs < e for fs, fe, _, _ in found):
            return
        got = _mk(y, m, d, text[e:])
        if got is not None:
            found.append((s, e, got[0], got[1]))

    for rx in (_DMY_TEXT_RE, _MDY_TEXT_RE):
        for mt in rx.finditer(text):
            add(mt, int(mt["y"]), _MONTHS[mt["m"].lower()], int(mt["d"]))
    for mt in _ISO_RE.finditer(text):
        add(mt, int(mt["y"]), int(mt["m"]), int(mt["d"]))
    for mt in _DOT_RE.finditer(text):
        add(mt, int(mt["y"]), int(mt["m"]), int(mt["d"]))
    for mt in _SLASH_RE.finditer(text):
        a, b = int(mt["a"]), int(mt["b"])
        # Day-first everywhere except English pages, where month-first is the norm.
        if a > 12 or (b <= 12 and (language or "en") != "en"):
            add(mt, int(mt["y"]), b, a)
        else:
            add(mt, int(mt["y"]), a, b)
    found.sort(key=lambda t: t[0])
    return tuple(found)


def _absolute_dates(text: str, language: str | None) -> list[tuple[int, datetime]]:
    """All absolute dates in a short text, as (offset, datetime)."""
    return [(start, when) for start, _, when, _ in _date_spans(text, language)]


@lru_cache(maxsize=4096)
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


@lru_cache(maxsize=16384)
def _relative_match(text: str) -> tuple[str, str, int, str] | None:
    """(language, matched text, count, unit) of the first relative date in `text`; unit "word" for
    today/yesterday forms (count = days back).  Cached: asked many times per line."""
    for rx, lang in _REL_RES:
        mt = rx.search(text)
        if mt:
            n = 1 if mt["n"].lower() in _ONE_WORDS else int(mt["n"])
            return lang, mt.group(0).lower(), n, _UNIT_OF[mt["u"].lower()]
    mw = _REL_WORD_RE.match(text)
    # "Heute, 14:30 Uhr" is a date; "Hier können Sie ..." (German "here") and a headline opening with
    # "Ayer socios, hoy adversarios" are not: the word must stand (almost) alone, beside a time at most
    if mw and len(_words(_TIME_ANY_RE.sub(" ", text[mw.end() :]))) <= 2:
        return "", mw["w"].lower(), _REL_WORD_DAYS[mw["w"].lower()], "word"
    return None


def _relative_info(text: str, base: datetime) -> tuple[datetime, str] | None:
    """The relative date in `text` resolved against `base`, with its precision (the unit it counts in)."""
    found = _relative_match(text)
    if found is None:
        return None
    lang, matched, n, unit = found
    if unit == "word":
        return base - timedelta(days=n), "day"
    got = _dateparser_relative(matched, lang, base)
    if got is None:  # our own arithmetic (month = 30 days is fine at day precision for the metric)
        got = base - n * _UNIT_STEP[unit]
    return got, _UNIT_PRECISION[unit]


def _relative_date(text: str, base: datetime | None) -> tuple[bool, datetime | None]:
    """(is there a relative date in `text`, its resolution against `base`)."""
    if _relative_match(text) is None:
        return False, None
    if base is None:
        return True, None
    got = _relative_info(text, base)
    return True, got[0] if got else None


# ------------------------------------------------------------------------------------- line shapes

_BULLET_RE = re.compile(r"^\s*(?:[•·▪►◦‣∙●■\-–—*+»›]|\d{1,2}[.)])\s+")
_HIGHLIGHT_BULLET_RE = re.compile(r"^\s*[•·▪►◦‣∙●■\-–—*]\s+")
_BREADCRUMB_RE = re.compile(r"^\s*(?:[/>»›]\s*|\d{1,2}\.\s+)")
_READ_TIME_RE = re.compile(
    r"^\s*(?:\d+\s*(?:min(?:ute)?s?|minuten)\.?\s*(?:read|lesezeit|lesen|de lecture|de lectura)?|"
    r"(?:lesezeit|reading time|read time)\s*:?\s*\d+.*)\s*$",
    re.I,
)
_FURNITURE_RE = re.compile(
    r"^(?:share|teilen|follow|folgen|short url|print|drucken|e-?mail|facebook|twitter|whatsapp|linkedin|"
    r"newsletter|login|anmelden|menu|menü|search|suche|home|startseite|watch live|breaking news|"
    r"accessibility links|newsflash|skip to content|advertisement|anzeige|werbung|kommentare?|comments?|"
    r"story highlights|highlights|related articles?|trending|read more|mehr zum thema|weiterlesen)\b",
    re.I,
)
# interface phrases that are title-shaped but never headlines
_UI_RE = re.compile(
    r"\b(?:sign up|subscribe|abonnieren|newsletter|anzeigen|kommentar(?:e|en)? (?:schreiben|verfassen)|"
    r"schreib(?:e|en sie)? einen kommentar|leave a (?:reply|comment)|post a comment|embed|jump to recipe|"
    r"print recipe|votes?\b|add to|view my|complete profile|filed under|lesezeit|de lectura|de lecture|"
    r"reading time|read more|weiterlesen|mehr lesen|zum inhalt|springen|skip to|cookies?|datenschutz|"
    r"privacy|all rights reserved|alle rechte|javascript|werden geladen|loading|funded by|sponsored|"
    r"related (?:posts|articles|stories)|ähnliche (?:beiträge|artikel)|you may also like|das könnte sie|"
    r"toggle navigation|navigation|dark mode|go top|back to top|nach oben|view all|remove ads|exact matches|"
    r"continue reading|sharing options|show me this|schreibe eine antwort|antwort schreiben|empfehlen sie|"
    r"suchbegriff|wechseln zu|zur navigation|like us|follow us|folge uns|folgen sie uns|in partnership|"
    r"vorlesen|zurück|zurückblättern|vorblättern|weiter zum|exklusiv für|nur für abonnenten|abonnent|"
    r"einloggen|registrieren|log in|sign in|mein konto|my account|warenkorb|shopping cart|description de|"
    r"cliquez|click here|hier klicken|mehr erfahren|learn more|more info|donate|spenden|bild \d+ von|"
    r"image \d+ of|photo \d+ of|\d+ shares?|meine kanäle|alle artikel|all articles|alle beiträge|"
    r"page not found|seite nicht gefunden|official site|offizielle seite)\b",
    re.I,
)
# "You are here: Home » News » ..." labels a breadcrumb, whatever follows
_BREADCRUMB_LABEL_RE = re.compile(
    r"^(?:sie sind hier|you are here|vous êtes ici|usted está aquí|du bist hier|sie befinden sich)\b", re.I
)
# previous/next post links: "« Older title", "Newer title →"
_PREV_NEXT_RE = re.compile(r"^\s*(?:←|<|‹|«(?!.*»))|(?:→|>|›)\s*$|^[^«]*»\s*$")
# a headline does not end on a function word ("In partnership with", "Mehr von")
_DANGLING_RE = re.compile(
    r"\b(?:with|and|or|of|the|by|for|to|from|mit|und|oder|von|der|die|das|für|zu|aus|bei|avec|et|de|du|des|"
    r"par|pour|con|y|por|para|del)$",
    re.I,
)
_HIGHLIGHTS_LABEL_RE = re.compile(
    r"^(?:story highlights|highlights|key points|key takeaways|at a glance|das wichtigste(?: in kürze)?|"
    r"auf einen blick|en bref|l'essentiel|lo más importante|in breve)\s*:?$",
    re.I,
)
_CAPTION_RES = [
    re.compile(
        r"\((?:[^()]{0,60}/)?(?:AFP|AP|Reuters|EPA|Getty|Getty Images|dpa|Anadolu|Xinhua|Bloomberg|"
        r"File|Photo|Foto|Image|Bild)(?:/[^()]{0,40})?\)\s*$",
        re.I,
    ),
    re.compile(r"\[[^\[\]]{2,60}/[^\[\]]{2,40}\]\s*$"),
    re.compile(
        r"^(?:in this (?:image|photo|picture|file photo|handout)|this (?:image|photo|picture)|"
        r"file photo|photo|foto|bild|image|picture|credit|credits|photograph|fotos?|quelle|source|"
        r"crédit|crédito)\b\s*(?:[:.…]|by\b|taken|provided|shows|made)",
        re.I,
    ),
]
# credit markers inside a caption, tested as plain substrings of the lowercased line (fast)
_CREDIT_MARKERS = (
    "©",
    "copyright",
    "foto: ",
    "photo: ",
    "bild: ",
    "image: ",
    "getty images",
    "picture alliance",
    "imago images",
    "shutterstock",
    "istock",
    "(photo by ",
    "(foto: ",
    "photo credit",
)
# Lines the cleaner removed as furniture of another kind are no captions of the story, whatever credit marker
# they hold: comment forms ("Du kommentierst mit Deinem Facebook-Konto"), disclaimers, other stories' teasers.
_NOT_CAPTION_REASONS = frozenset(
    {"comment-form", "comment", "legal", "cookie-notice", "call-to-action", "ad", "teaser", "section-header"}
)
# The page's own copyright line credits the site, not a picture: it dates the mark ("... MyCorp © 2016"), reserves
# the rights, or opens with the mark ("© Example Media GmbH") without the "Agency / Photographer" form of a
# picture credit ("© Nordex SE / U. Mertens"). A caption puts the mark after its text ("Lahore. © Jane Doe").
_DATED_RIGHTS_RE = re.compile(
    r"(?:©|\bcopyright)\s*(?:©\s*)?\d{4}\b|\b(?:" + "|".join(map(re.escape, RIGHTS_RESERVED)) + r")\b", re.I
)
_OPENS_WITH_RIGHTS_RE = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.I)


def _credits_the_page(text: str) -> bool:
    return bool(_DATED_RIGHTS_RE.search(text) or (_OPENS_WITH_RIGHTS_RE.match(text) and "/" not in text))


_WORD_RE = re.compile(r"\w[\w'’.\-]*")
_TERMINAL_RE = re.compile(r"[.!?…:;,][\"”’»)]*$")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


@lru_cache(maxsize=32768)
def looks_like_caption(text: str) -> bool:
    """Photo caption or credit: the cleaner's test, or our credit-shaped regexes."""
    if len(text) > 600:  # captions are short; long paragraphs quoting a credit are body text
        return False
    return _cleaner_says_caption(text) or _own_caption(text)


@lru_cache(maxsize=8192)
def _own_caption(text: str) -> bool:
    tail = text.rstrip()[-1:]
    # cheap guards first: the two credit-at-the-end forms need a closing bracket at the end
    if tail == ")" and _CAPTION_RES[0].search(text):
        return True
    if tail == "]" and _CAPTION_RES[1].search(text):
        return True
    if _CAPTION_RES[2].match(text):
        return True
    low = text.lower()
    return any(m in low for m in _CREDIT_MARKERS) or low.endswith(("/ dpa", "/dpa", "| dpa"))


def _is_paragraph(line: Line) -> bool:
    """A body paragraph: kept, sentence-shaped, not a caption, bullet or byline."""
    if not line.keep:
        return False
    text = line.text
    n = len(_words(text))
    if n < 8 or _BULLET_RE.match(text) or looks_like_caption(text):
        return False
    if text.count("|") >= 2 or _BYLINE_LABEL_RE.match(text):
        return False
    letters = len(_LETTER_RE.findall(text))
    if letters < 0.6 * len(text):
        return False
    return n >= 15 or bool(_TERMINAL_RE.search(text))


@lru_cache(maxsize=32768)  # the same line is asked about by several passes
def _is_dateish(text: str, language: str | None) -> bool:
    """The line is mostly a date / time / relative date (plus a label)."""
    stripped = _TIME_ANY_RE.sub(" ", text)
    for rx in (_DMY_TEXT_RE, _MDY_TEXT_RE, _ISO_RE, _DOT_RE, _SLASH_RE):
        stripped = rx.sub(" ", stripped)
    for rx, _ in _REL_RES:
        stripped = rx.sub(" ", stripped)
    stripped = _REL_WORD_RE.sub(" ", stripped)
    if stripped == text:
        return False
    # labels and connectives do not count: "postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50"
    stripped = _DATE_FILLER_RE.sub(" ", _PUBLISHED_RE.sub(" ", _UPDATED_RE.sub(" ", stripped)))
    return len(_words(stripped)) <= 3


_DATE_FILLER_RE = re.compile(r"\b(?:uhr|um|am|at|à|a las|alle|às|em|le|el|a|kl|de|del|the|last|zuletzt)\b", re.I)


# ------------------------------------------------------------------------------------------ authors

_BYLINE_LABEL_RE = re.compile(
    r"^(?:written by|posted by|submitted by|geschrieben von|verfasst von|gespeichert von|erstellt von|"
    r"eingestellt von|gepostet von|publié par|publicado por|"
    r"eine? (?:beitrag|artikel|gastbeitrag|kolumne|kommentar|analyse|glosse|essay|reportage|interview) von|"
    r"an? (?:column|essay|commentary|analysis|opinion piece) by|text von|texte de|text by|words by|"
    r"by|von|par|por|di|door|durch|autor(?:in)?|author|autore|auteur|text|texto|reporter|reportage)\b(?!-)\s*:?\s*",
    re.I,
)
_AUTHOR_BLOCK_RE = re.compile(
    r"^(?:about the author|about the authors|über den autor|über die autorin|über die autoren|zum autor|"
    r"zur autorin|der autor|die autorin|à propos de l'auteur|sobre el autor|sobre la autora|"
    r"l'autore|author|autor|autorin|the author)\s*:?$",
    re.I,
)
_DESK_RE = re.compile(
    r"^(?:(?:web|news|city|sports?|foreign|metro|digital|online|business|national|political|monitoring|"
    r"international)\s+desk|staff reporter|staff writer|our (?:staff )?(?:correspondent|reporter)|"
    r"news service|redaktion|online-redaktion|newsroom|editorial (?:staff|board|team)|agencies)$",
    re.I,
)
_ROLE_RE = re.compile(
    r"\b(?:columnist|editor|sub-editor|reporter|correspondent|writer|contributor|journalist|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|author|chief|senior|staff|analyst|"
    r"photographer|fotograf(?:in)?|head of|leiter(?:in)?|chefredakteur(?:in)?|volontär(?:in)?|"
    r"opinion|kolumnist(?:in)?|experte|expertin|expert|pressesprecher(?:in)?|sprecher(?:in)?)\b",
    re.I,
)
_AVATAR_RE = re.compile(r"\b(?:gravatar|avatar|profile (?:photo|picture)|author image|autorenbild)\b", re.I)
_HANDLE_RE = re.compile(r"(?:\S+@\S+\.\w+|@\w+|https?://\S+|\bwww\.\S+)")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b|\bsowie\b)\s*", re.I)
_NAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "da",
    "di",
    "du",
    "la",
    "le",
    "zu",
    "ten",
    "ter",
    "bin",
    "al",
    "el",
    "dos",
    "das",
    "y",
}
_NOT_NAME_WORDS = {
    "the",
    "news",
    "share",
    # page widgets printed next to the date line ("Short Url", "Copy Link", "Print Page")
    "url",
    "link",
    "copy",
    "e-mail",
    "home",
    "menu",
    "login",
    "facebook",
    "twitter",
    "read",
    "more",
    "photo",
    "foto",
    "der",
    "die",
    "das",
    "und",
    "ein",
    "eine",
    "mit",
    "für",
    "im",
    "in",
    "am",
    "an",
    "auf",
    "zum",
    "zur",
    "oder",
    "this",
    "that",
    "with",
    "for",
    "from",
    "our",
    "your",
    "we",
    "you",
    "all",
    "new",
    "neue",
    "uhr",
    "minutes",
    "minuten",
    "comments",
    "kommentare",
    "artikel",
    "article",
    "view",
    "posts",
    "alle",
    "beiträge",
    "beitrag",
    "profile",
    "profil",
    "mehr",
    "weitere",
    "follow",
    "folgen",
    "email",
    "mail",
    "print",
    "subscribe",
    "sign",
    "abo",
    "startseite",
    "video",
    "live",
    "update",
    "updated",
    "aktualisiert",
    "datum",
    "date",
    "published",
    "veröffentlicht",
    "sponsored",
    "anzeige",
    "werbung",
    "last",
    "modified",
    "online",
    "magazine",
    "magazin",
    "zeitung",
    "newsletter",
    "pressemitteilung",
    "aktuell",
    "uns",
    "über",
    "about",
    "us",
    "quarter",
    "recipes",
    "rezepte",
    "kategorie",
    "category",
    "tags",
    "archiv",
    "archive",
}
_NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?|[A-ZÀ-ÖØ-Þ]\.(?:-?[A-ZÀ-ÖØ-Þ]\.)?|Mc\w+|d'\w+)$")
_SEGMENT_SPLIT_RE = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*")


_HANDLE_NAME_RE = re.compile(r"^[^\W\d_][\w.\-]{1,29}$")  # a user name after an explicit label: "flerche", "HansG"
_DEGREE_RE = re.compile(r"^(?:ph\.?d\.?|m\.?d\.?|mba|msc|m\.?a\.?|b\.?a\.?|jr\.?|sr\.?|dipl\.?[\w.-]*)$", re.I)


@lru_cache(maxsize=32768)  # the same line is asked about by several passes
def _name_or_desk(text: str, single: bool = False) -> str | None:
    """`text` if it is one person's name or a desk, else None.  `single`: a one-word user name is fine
    (only after an explicit "by"/"von" label, where it cannot be a heading)."""
    text = text.strip(" .,:;-–—|·•\"'()*")
    if not text or len(text) > 50:
        return None
    if _DESK_RE.match(text):
        return text
    tokens = text.split()
    if single and len(tokens) == 1:
        low = text.lower()
        if (
            _HANDLE_NAME_RE.match(text)
            and low not in _NOT_NAME_WORDS
            and low not in _MONTHS
            and low not in _NAME_PARTICLES
            and not _ROLE_RE.match(text)
        ):
            return text
        return None
    if any(ch.isdigit() for ch in text) or not 2 <= len(tokens) <= 4:
        return None
    if tokens[0].lower() in _NAME_PARTICLES and tokens[0] != "De":
        return None
    has_lower = False
    for tok in tokens:
        if tok.lower() in _NOT_NAME_WORDS:
            return None
        if tok.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_TOKEN_RE.match(tok):
            return None
        has_lower = has_lower or any(c.islower() for c in tok)
    if not has_lower and not text.isupper():
        return None
    if not _NAME_TOKEN_RE.match(tokens[-1]):
        return None
    return text


# where a byline's names end: a separator, a date, "in <section>", "on <date>", a label of what follows
_BYLINE_END_RE = re.compile(
    r"\s[|•·]\s|\s[-–—]\s|\s/+\s|\s(?:in|am|on|um|le|el|at)\s|(?<!\w)\d|\s\||[|•·]|"
    r"\b(?:veröffentlicht|erstellt|aktualisiert|geändert|zuletzt|updated|last updated|published|posted|foto|fotos|"
    r"photo|photos|bild|symbolbild|illustrations?|illustration(?:en)?|share|teilen|lesezeit|"
    r"(?:ein|eine|one|no|keine)\s+(?:kommentar|comment)|kommentare?|comments?|min read|datum|date|"
    r"kategorien?|categories|category|tags?|rubrik|twitter|facebook|instagram|linkedin|e-?mail|kontakt|"
    r"profil|profile|account)\b",
    re.I,
)


def _clean_byline(text: str, language: str | None, single: bool = True) -> list[str] | None:
    """Names from a byline's text (label already removed); None when any part is not a name or a role.

    Roles and degrees after a name are dropped ("Evan Halper Staff Writer", "Grant Tinsley, PhD").
    """
    text = _HANDLE_RE.sub(" ", _AVATAR_RE.sub(" ", text)).strip()
    # the byline ends where a date, relative date, separator or "in <section>" starts
    cut = len(text)
    dates = _absolute_dates(text, language)
    if dates:
        cut = min(cut, dates[0][0])
    for rx, _ in _REL_RES:
        mt = rx.search(text)
        if mt:
            cut = min(cut, mt.start())
    mt = _BYLINE_END_RE.search(text)
    if mt:
        cut = min(cut, mt.start())
    text = text[:cut].strip(" ,.;:|-–—")
    if not text:
        return None
    names: list[str] = []
    parts = [p for p in _AUTHOR_SPLIT_RE.split(text) if p and p.strip()]
    for part in parts:
        part = part.strip()
        if _DEGREE_RE.match(part):
            continue
        role = _ROLE_RE.search(part)
        if role and len(part.split()) <= 6:
            after = part[role.end() :].strip(" -–")
            if _name_or_desk(after) and not _name_or_desk(part[: role.start()]):
                part = after  # "FOCUS-Online-Experte Robin Tschöpe" -> "Robin Tschöpe"
            else:
                part = part[: role.start()].strip()  # "Evan Halper Staff Writer" -> "Evan Halper"
                if not part or len(part.split()) < 2:
                    continue  # "Opinion Columnist", "Senior Correspondent": a role, not a person
        name = _name_or_desk(part, single=single and len(parts) == 1)
        if not name:
            return None
        names.append(name)
    people = [name for name in names if not _DESK_RE.match(name)]
    return (people or names) or None  # "Jane Smith, Online-Redaktion": the person, not the desk


# ----------------------------------------------------------------------------------------- dateline

_DATELINE_RE = re.compile(
    r"^(?P<place>(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’\-]+)(?:[ ,/]+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’\-]+){0,3})"
    r"\s*(?:,\s*[A-Z][\w.]+\s*)?(?:\((?P<ag>[^()]{2,30})\))?\s*(?::|–|—|-{1,2})\s+\S"
)
_DATELINE_TITLE_RE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+(?:\s+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+){0,2})"
    r"\s*(?:\((?P<ag>[^()]{2,30})\)\s*(?::|–|—|-{1,2})|\s+(?:–|—))\s+\S"
)
_DATELINE_STOP = {
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "WATCH",
    "VIDEO",
    "PHOTO",
    "FOTO",
    "LIVE",
    "EDITOR",
    "NOTE",
    "Q",
    "A",
    "FAQ",
    "TEASER",
    "ANZEIGE",
    "FAZIT",
    "Update",
    "Breaking",
    "Exklusiv",
    "Exclusive",
    "Analysis",
    "Opinion",
    "Video",
    "Live",
}


def _dateline(text: str) -> str | None:
    """The place that opens a first paragraph: "ISLAMABAD:", "Islamabad –", "WASHINGTON (Reuters) -"."""
    mt = _DATELINE_RE.match(text)
    if mt and len(mt["place"].replace(" ", "")) >= 3 and not mt["place"].isdigit():
        place = mt["place"].strip(" ,")
        if place.split()[0] not in _DATELINE_STOP:
            return place
    mt = _DATELINE_TITLE_RE.match(text)
    if mt and mt["place"].split()[0] not in _DATELINE_STOP:
        return mt["place"]
    return None


# -------------------------------------------------------------------------------------------- main


@lru_cache(maxsize=32768)  # the same line is asked about by several passes
def _norm(text: str) -> str:
    return " ".join(_words(text.casefold()))


def _strip_marker(text: str) -> str:
    return _BREADCRUMB_RE.sub("", _BULLET_RE.sub("", text)).strip()


def _body_start(lines: list[Line]) -> int:
    """Index of the first body paragraph (len(lines) when there is none)."""
    for i, line in enumerate(lines):
        if _is_paragraph(line):
            return i
    return len(lines)


@lru_cache(maxsize=32768)  # the same line is asked about by several passes
def _title_shape(text: str, language: str | None) -> float | None:
    """How headline-shaped a line is: None when it cannot be a headline, else a penalty (0 = fine, < 0 weak).

    Hard rules reject menu items, labels, dates, bylines, captions and interface phrases; soft ones (one word,
    a trailing period, a date inside) only lower the score so that repetition on the page can still win.
    """
    words = _words(text)
    if not 1 <= len(words) <= 30 or len(text) > 250:
        return None
    if _BULLET_RE.match(text) or _BREADCRUMB_RE.match(text):
        return None
    if text.count("|") >= 1 or text.count("•") >= 1 or "©" in text or "http" in text or text.count("/") >= 2:
        return None
    if _BREADCRUMB_LABEL_RE.match(text) or _PREV_NEXT_RE.search(text) or _DANGLING_RE.search(text):
        return None
    if _READ_TIME_RE.match(text) or _BYLINE_LABEL_RE.match(text) or _UI_RE.search(text):
        return None
    if len(words) <= 4 and _FURNITURE_RE.match(text):
        return None
    if looks_like_caption(text) or _is_dateish(text, language) or _relative_date(text, None)[0]:
        return None
    if len(_LETTER_RE.findall(text)) < 0.6 * len(text.replace(" ", "")):
        return None
    # a line of lowercase words is a sentence fragment or menu, not a headline
    if not (text[:1].isupper() or text[:1] in "\"“„«‘'¿¡" or text[:1].isdigit() or not text[:1].isalpha()):
        return None
    penalty = 0.0
    if len(words) == 1:
        penalty -= 3.0
    elif len(words) == 2:
        penalty -= 1.5
    elif len(words) > 20:
        penalty -= 1.0
    if re.search(r"[:;,]$", text):
        return None
    if text.endswith(".") and not text.endswith("..."):
        penalty -= 2.0
    if _absolute_dates(text, language):
        penalty -= 1.5 * len(_absolute_dates(text, language)) + 0.5
    if _name_or_desk(text) and len(words) <= 3:
        penalty -= 2.5  # "Jane Smith" under a headline is an unlabelled byline
    return penalty


_KICKER_RE = re.compile(r"^(?P<kicker>[^:|–—]{2,60}?)(?P<sep>\s:\s|:\s|\s[-–—|]\s)(?P<rest>.+)$")


def _without_kicker(lines: list[Line], title: int, language: str | None) -> str:
    """The headline without the kicker (topic label) printed in front of it.

    A kicker is a separate element rendered into the same line, and the renderer betrays the join with a
    lone space before the colon ("Klimaschutz : Bohren, bis es heiß wird") on the line or on another copy
    of it on the page.  "Tesla: Profits fall" is kept whole, and so is French, which spaces every colon.
    (A kicker glued without any separator, "Kind krank Was Arbeitgeber ...", is not detected.)
    """
    text = lines[title].text.strip()
    mt = _KICKER_RE.match(text)
    if language == "fr" or not mt or len(_words(mt["kicker"])) > 6 or len(_words(mt["rest"])) < 3:
        return text
    rest = mt["rest"].strip()
    if not (rest[:1].isupper() or rest[:1] in "\"“„«‘'"):
        return text
    key = _flat(text)
    spaced = any(" : " in line.text and _flat(_strip_marker(line.text)) == key for line in lines)
    return rest if spaced else text


def _title_shaped(text: str, language: str | None) -> bool:
    return _title_shape(text, language) is not None


_DECK_BONUS = 1.0
_CLEANER_HEADLINE = 0.5  # the cleaner's "headline" verdict: a hint, it also flags decks
_NON_WORD_RE = re.compile(r"[^\w\n]+")


def _flat(text: str) -> str:
    """Casefolded words joined by single spaces, as `_find_title` compares lines with the page."""
    return " ".join(_NON_WORD_RE.sub(" ", text.casefold()).split())


def _content_words(text: str) -> set[str]:
    return {w for w in _words(text.casefold()) if len(w) >= 4}


def _find_title(
    lines: list[Line], body: int, language: str | None, captions: set[int] | None = None, trace: list | None = None
) -> int | None:
    """Index of the headline among title-shaped lines around the body start, by a small score.

    Why these cues: the headline sits shortly before the body (sometimes the body detector starts a line or
    two early, on a teaser); the byline/date line follows it; it is printed again elsewhere on the page
    (breadcrumb tail, "3 Kommentare zu “…”", related lists, share text); its words recur in the body; the
    cleaner may have flagged it.  Names, one-word labels and captions are weak.
    """
    n = len(lines)
    lo, hi = max(0, body - 40), min(n, body + 6)
    # one regex pass over the whole page (a per-line normalisation costs more than the rest of this function)
    # (body paragraphs left out: a short label's words recur in them by nature)
    short = "\n".join(line.text for line in lines if len(line.text) <= 250)
    page = " \n " + _NON_WORD_RE.sub(" ", short.casefold()).replace("\n", " \n ") + " \n "
    body_words: set[str] = set()
    taken = 0
    for line in lines[body:]:
        if line.keep and len(line.text) > 60:
            body_words |= _content_words(line.text)
            taken += len(line.text)
            if taken > 4000:
                break
    best: tuple[float, int] | None = None
    rank = 0
    for i in range(hi - 1, lo - 1, -1):
        if captions and i in captions:
            continue
        text = lines[i].text
        shape = _title_shape(text, language)
        if shape is None:
            continue
        key = _flat(_strip_marker(text))
        if not key:
            continue
        nwords = len(_words(text))
        if i >= body:  # inside the detected body: only a short line that is not a sentence
            if nwords < 3 or (_is_paragraph(lines[i]) and not re.search(r"[?!…]$", text)):
                continue
            score = 1.0 - 0.5 * (i - body)
        else:
            # the last two headline-shaped lines are both plausible (headline + standfirst/kicker)
            score = 3.0 - 0.3 * rank if rank < 2 else max(0.0, 2.7 - 0.6 * (rank - 1))
            rank += 1
        score += shape
        # printed again on the page, alone or inside a longer line (breadcrumb tail, comment heading)
        # a two-word label counts only when printed alone again, not inside a longer line
        repeats = (page.count(f" {key} ") if nwords >= 3 else page.count(f"\n {key} \n")) - 1
        if repeats > 0 and nwords >= 2:
            score += min(3.0, 1.5 + 0.75 * repeats)
        if lines[i].reason == "headline":
            score += _CLEANER_HEADLINE
        # a longer deck/standfirst printed right under a headline: the headline is the line above it
        if i + 1 < body and nwords >= 2 and len(_words(lines[i + 1].text)) > nwords + 2:
            nxt = lines[i + 1].text
            if _title_shape(nxt, language) is not None or (_TERMINAL_RE.search(nxt) and not _BULLET_RE.match(nxt)):
                score += _DECK_BONUS
        cw = _content_words(text)
        if cw and body_words:
            score += 1.5 * len(cw & body_words) / len(cw)
        for j in range(i + 1, min(n, i + 4)):
            if _is_byline_or_date(lines[j].text, language):
                score += 2.0
                break
        if trace is not None:
            trace.append((round(score, 2), i, text[:90]))
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


@lru_cache(maxsize=32768)  # the same line is asked about by several passes
def _is_byline_or_date(text: str, language: str | None) -> bool:
    """A short line that reads as a byline or a date line (the line printed under a headline)."""
    if len(_words(text)) > 16:
        return False
    if _BYLINE_LABEL_RE.match(text) and not text.lower().startswith(("von ", "di ", "text ")):
        return True
    return bool(_absolute_dates(text, language)) or _relative_date(text, None)[0]


def _line_dates(text: str, language: str | None) -> list[tuple[int, str, datetime | None, str]]:
    """(offset, kind, datetime or None for a relative date, precision) for each date printed in a line.

    The kind comes from the label printed before each date ("Updated 3 May", "Veröffentlicht: 2.5."); a
    second unlabelled date after a first one is a modification date (WordPress prints "15. April 2016
    4. März 2017" for published + updated).
    """
    out: list[tuple[int, str, datetime | None, str]] = []
    prev_end = 0
    implicit: list[int] = []  # positions in `out` of unlabelled dates (a first one and those after it)
    for start, end, when, precision in _date_spans(text, language):
        label = text[max(prev_end, start - 48) : start]
        pub = _PUBLISHED_RE.search(label)
        if pub and _WEAK_PUBLISHED_RE.match(pub.group(0).strip(" :")) and len(_words(text[:start])) > 3:
            pub = None  # "Mercurial 5.2 was released on November 5, 2019": running text, not a label
        if _UPDATED_RE.search(label):
            kind = "updated"
        elif pub:
            kind = "published"
        elif out and (out[-1][1] in ("published", "plain") or len(out) - 1 in implicit):
            kind = "updated"
            if out[-1][1] == "plain" or len(out) - 1 in implicit:
                implicit.append(len(out))
        else:
            kind = "plain"
            implicit = [len(out)]
        out.append((start, kind, when, precision))
        prev_end = end
    if len(implicit) > 1:
        # unlabelled dates side by side ("2018-08-29 14:15 2018-06-22 10:20"): whatever their order, a
        # story is published before it is modified, so the earliest one is the publication date
        first = min(implicit, key=lambda k: out[k][2] or _EPOCH)
        out = [
            (o, "plain" if k == first else ("updated" if k in implicit else kind), w, p)
            for k, (o, kind, w, p) in enumerate(out)
        ]
    rel = _relative_match(text)
    if rel is not None and not out:
        out.append((0, "updated" if _UPDATED_RE.search(text) else "relative", None, ""))
    return out


def _date_line_ok(text: str, i: int, body: int, language: str | None, strict: bool) -> bool:
    """Whether a line's date can be the story's date, by where the line is and its shape.

    Before the body any short line counts.  Inside the body only a date line of its own, a labelled date
    ("Erstellt am: 01.11.2023"), a byline with a date, or (right at the body start, unless `strict`) a
    paragraph opened by a date or a dateline's date ("PARIS, Nov 19 (AFP) -"): dates the story talks about
    are not when it was published.
    """
    if i < body and not strict:
        return True
    if _is_dateish(text, language) or _BYLINE_LABEL_RE.match(text):
        return True
    dates = _line_dates(text, language)
    # a label and little else before the date: "Erstellt am: 01.11.2023", "Posted on Friday, ..."
    if any(kind in ("published", "updated") and len(_words(text[:off])) <= 4 for off, kind, _, _ in dates):
        return True
    if strict:
        # a teaser-style opening among the first paragraphs: "27.1.2022 - Bei der Erinnerung an ..."
        spans = _date_spans(text, language)
        return bool(spans) and i <= body + 3 and spans[0][0] <= 3 and bool(_DATE_DASH_RE.match(text[spans[0][1] :]))
    return bool(dates) and (dates[0][0] < 40 if i == body else i == body + 1 and dates[0][0] <= 3)


_DATE_DASH_RE = re.compile(r"\s*(?:[0-2]?\d[:.][0-5]\d\s*(?:uhr)?\s*)?[-–—|]\s+\S", re.I)


def _far_date_hits(
    lines: list[Line], skip: set[int], language: str | None, captions: set[int], title: int | None
) -> list[_DateHit]:
    """Last resort, anywhere in the span: a date printed on a line that repeats the headline (a post's meta
    line in a sidebar, a breadcrumb "... Headline 01.05.2017"), or a date under an explicit publication
    label ("Published: 03 December 2019" in a footer).  Comment dates carry neither."""
    key = _flat(lines[title].text) if title is not None else ""
    if len(key.split()) < 3:
        key = ""
    out: list[_DateHit] = []
    for i, line in enumerate(lines):
        if i in skip or i in captions or i == title:
            continue
        text = line.text
        if len(text) > 300 or len(_words(text)) > 40:
            continue
        dates = _line_dates(text, language)
        if not dates:
            continue
        if key and f" {key} " in f" {_flat(text)} ":
            out.extend(_DateHit(i, w or _EPOCH, k, p) for _, k, w, p in dates[:1])
            continue
        for off, kind, when, precision in dates:
            if kind == "published" and when is not None and len(_words(text[:off])) <= 3:
                out.append(_DateHit(i, when, kind, precision))
    return out


def _date_hits(
    lines: list[Line],
    idxs: range,
    language: str | None,
    captions: set[int],
    body: int,
    title: int | None,
    strict: bool,
) -> list[_DateHit]:
    """Absolute and relative date candidates (relative ones unresolved: `when` = epoch) in the given lines."""
    out: list[_DateHit] = []
    for i in idxs:
        if i in captions:
            continue
        text = lines[i].text
        if len(text) > 400 or len(_words(text)) > 40:
            # a long paragraph counts only through a date that opens it ("27.1.2022 - Bei der ...")
            spans = _date_spans(text[:80], language)
            if not spans or spans[0][0] > 3:
                continue
            text = text[:80]
        dates = _line_dates(text, language)
        if not dates or not _date_line_ok(text, i, body, language, strict):
            continue
        clock = bool(title is not None and i < title and _TIME_ANY_RE.search(text) and _is_dateish(text, language))
        for _, kind, when, precision in dates:
            out.append(_DateHit(i, when or _EPOCH, kind, precision, clock))
    return out


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # placeholder for a relative date not yet resolved
DATE_PRECISIONS = ("second", "minute", "hour", "day", "month", "year")


def extract_metadata(
    lines: list[Line],
    *,
    reference_time: datetime | None = None,
    fallback_time: datetime | None = None,
    language: str | None = None,
) -> StoryMetadata:
    """Title, date, authors, dateline, highlights and captions of one story's span of lines."""
    meta = StoryMetadata()
    if not lines:
        return meta
    lang = (language or "").lower()[:2] or None
    body = _body_start(lines)
    title = _find_title(lines, body, lang)
    if title is not None and title >= body:  # the body detector started on the headline itself
        body = _next_body(lines, title + 1)
    head_lo = max(0, (title if title is not None else body) - 3)

    # ---- captions anywhere in the span (each once)
    captions: set[int] = set()
    seen_caps: set[str] = set()
    for i in range(head_lo, len(lines)):
        line = lines[i]
        if len(_words(line.text)) >= 4 and looks_like_caption(line.text) and not _BYLINE_LABEL_RE.match(line.text):
            # Such a line is no headline, byline or paragraph of the story either way (it leaves the text) ...
            captions.add(i)
            # ... but the page's copyright line ("© Oli Scarff/Getty Images" is a picture's, by the cleaner's own
            # caption test) and other furniture holding a credit mark are not the story's image captions.
            furniture = line.reason in _NOT_CAPTION_REASONS
            if furniture or (_credits_the_page(line.text) and not _cleaner_says_caption(line.text)):
                meta.metadata_lines[line.number] = line.reason if furniture else "copyright"
                continue
            meta.metadata_lines[line.number] = "caption"
            key = _norm(line.text)
            if key not in seen_caps:
                seen_caps.add(key)
                meta.image_captions.append(line.text)

    # ---- title and its repetitions
    if title is not None:
        meta.title = _without_kicker(lines, title, lang)
        key = _norm(lines[title].text.strip())
        for line in lines[max(0, body - 40) : min(len(lines), body + 3)]:
            if _norm(_strip_marker(line.text)) == key:
                meta.metadata_lines[line.number] = "headline"

    # ---- highlights, standfirst (between the headline and the body)
    start = (title + 1) if title is not None else head_lo
    under_label = False
    for i in range(start, body):
        line = lines[i]
        text = line.text
        if i in captions or _norm(text) == _norm(meta.title or "\0"):
            continue
        if _HIGHLIGHTS_LABEL_RE.match(text):
            under_label = True
            meta.metadata_lines[line.number] = "highlight"
            continue
        nwords = len(_words(text))
        if _HIGHLIGHT_BULLET_RE.match(text) and nwords >= 5:
            meta.highlights.append(_HIGHLIGHT_BULLET_RE.sub("", text).strip())
            meta.metadata_lines[line.number] = "highlight"
        elif under_label and nwords >= 5:
            meta.highlights.append(text)
            meta.metadata_lines[line.number] = "highlight"
    # A standfirst: the first paragraph-shaped line right under the headline, when what follows it is
    # head furniture (read time, date, byline, caption) before the real body starts.
    if title is not None and body < len(lines) and not meta.highlights:
        sf = _standfirst(lines, title, body, lang, captions)
        if sf is not None:
            meta.highlights.append(lines[sf].text)
            if lines[sf].keep or lines[sf].reason in _STANDFIRST_RESTORES:
                meta.body_lines.add(lines[sf].number)  # the story's opening words: also in the body
            else:
                meta.metadata_lines[lines[sf].number] = "standfirst"
            if sf == body:
                body = _next_body(lines, body + 1)

    # ---- dates: the head first (headline to just inside the body), then a wider look at date lines
    anchor = title if title is not None else body
    n = len(lines)
    head = range(max(0, anchor - 3), min(n, body + 2))
    wide = [i for i in range(max(0, anchor - 10), min(n, body + 25)) if i not in head]
    tiers = [
        _date_hits(lines, head, lang, captions, body, title, strict=False),
        _date_hits(lines, wide, lang, captions, body, title, strict=True),
        _far_date_hits(lines, set(head) | set(wide), lang, captions, title),
    ]
    ref = reference_time
    if ref is None:  # a clock printed above the headline tells when the page was rendered
        for h in tiers[0]:
            if h.clock and h.when is not _EPOCH and any(not o.clock for o in tiers[0]):
                ref = h.when
                break
    if ref is None:
        ref = fallback_time
    if ref is not None and ref.tzinfo is None:
        ref = ref.replace(tzinfo=UTC)
    if fallback_time is not None and fallback_time.tzinfo is None:
        fallback_time = fallback_time.replace(tzinfo=UTC)
    upper = (ref or fallback_time or datetime.now(UTC)) + timedelta(days=2)
    lower = datetime(1995, 1, 1, tzinfo=UTC)
    for tier_no, tier in enumerate(tiers):
        hits: list[_DateHit] = []
        non_clock = [h for h in tier if not h.clock] or tier
        for h in non_clock:
            if h.when is _EPOCH:
                if ref is None:
                    continue
                got = _relative_info(lines[h.index].text, ref)
                if got is None:
                    continue
                h.when, h.precision = got
            if lower <= h.when <= upper:
                hits.append(h)
        chosen = _pick_date(hits, anchor if tier_no else title)
        if chosen is None:
            continue
        meta.published_at, meta.date_precision = chosen.when, chosen.precision
        updates = [h for h in hits if h.kind == "updated" and h.when >= chosen.when]
        if updates:
            meta.updated_at = max(h.when for h in updates)
        for h in hits:
            text = lines[h.index].text
            if h.index not in captions and (_is_dateish(text, lang) or _UPDATED_RE.match(text)):
                meta.metadata_lines.setdefault(lines[h.index].number, "date")
        break

    # ---- authors
    meta.authors = _find_authors(lines, head_lo, body, lang, captions, meta.metadata_lines, title)

    # ---- dateline
    if body < len(lines):
        meta.dateline = _dateline(lines[body].text)
    meta.site_name = _site_name(lines)
    return meta


_COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*)?[,:]?\s*"
    r"(?P<name>[^|•·©\n]{2,60}?)\s*(?:[.,|•·]|\s[-–—]\s|all rights|alle rechte|tous droits|todos los|$)",
    re.I,
)


def _site_name(lines: list[Line]) -> str | None:
    """The site's name from a copyright line ("© 2024 Example News. All rights reserved"), the last one wins
    (page footers come last); a long or sentence-like remainder is not a name."""
    for line in reversed(lines):
        text = line.text
        if len(text) > 200 or ("©" not in text and "opyright" not in text and "(c)" not in text.lower()):
            continue
        mt = _COPYRIGHT_RE.search(text)
        if not mt:
            continue
        name = re.sub(r"^by\s+", "", mt["name"].strip(" -–—,:"), flags=re.I)
        if name and 1 <= len(name.split()) <= 6 and not re.search(r"\d{3,}", name) and name[:1].isalnum():
            return name
    return None


def _next_body(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        if _is_paragraph(lines[i]):
            return i
    return len(lines)


def _is_head_furniture(text: str, language: str | None) -> bool:
    return bool(
        _READ_TIME_RE.match(text)
        or _is_dateish(text, language)
        or _BYLINE_LABEL_RE.match(text)
        or (_absolute_dates(text, language) and len(_words(text)) <= 12)
        or (_relative_date(text, None)[0] and len(_words(text)) <= 12)
    )


# A standfirst stays in the body (it is the story's opening, see scripts/eval_metadata.py --head-lines) when the
# cleaner kept it, or dropped it as a "headline" only for its place in the head: the real headline is known
# here, so a sentence under it is not one.  Every other verdict of the cleaner stands ("standfirst",
# "outside-article", "teaser": on English news pages those are mostly decks that repeat the lede).
_STANDFIRST_RESTORES = frozenset({"headline"})


def _standfirst(lines: list[Line], title: int, body: int, language: str | None, captions: set[int]) -> int | None:
    """Index of a summary sentence under the headline, or None."""
    for i in range(title + 1, min(len(lines), body + 1, title + 4)):
        text = lines[i].text
        if i in captions or _is_head_furniture(text, language):
            continue
        n = len(_words(text))
        if n < 8 or n > 60 or _BULLET_RE.match(text) or _dateline(text) or "|" in text:
            return None
        if i < body:
            return i if _TERMINAL_RE.search(text) or n >= 12 else None
        # i == body: a paragraph is a standfirst only when head furniture separates it from the next one
        saw_furniture = False
        for j in range(i + 1, min(len(lines), i + 8)):
            t = lines[j].text
            if j in captions:
                continue
            if _is_head_furniture(t, language):
                saw_furniture = True
                continue
            if _is_paragraph(lines[j]):
                return i if saw_furniture else None
            if len(_words(t)) > 4:
                return None
        return None
    return None


def _pick_date(hits: list[_DateHit], title: int | None) -> _DateHit | None:
    """Publication date over plain/relative dates over an "Updated" one; the first after the headline,
    else the nearest before it."""
    if not hits:
        return None
    for kinds in (("published",), ("plain", "relative"), ("updated",)):
        chosen = [h for h in hits if h.kind in kinds]
        if chosen:
            if title is not None:
                after = [h for h in chosen if h.index > title]
                if after:
                    return after[0]
            return chosen[-1]
    return None


# a byline label inside a line: "8. Januar 2020 · by Aureliana · in Gefühle", "Posted on <date> by LD"
_MID_BYLINE_RE = re.compile(
    r"(?:^|[\s·|•,])(?:posted by|written by|geschrieben von|veröffentlicht von|erstellt von|verfasst von|"
    r"ein beitrag von|by|von|par|por|durch|door|interview|text|autor(?:in)?|author|redaktion)\s*:?\s+(?=\S)",
    re.I,
)


def _byline_at(text: str, language: str | None, near_head: bool) -> list[str] | None:
    """Names when `text` is a byline line, else None."""
    text = _HIGHLIGHT_BULLET_RE.sub("", text).strip()  # symbol bullets only: "8. Januar 2020 · by X" is a date
    if len(_words(text)) > 20:
        return None
    mt = _BYLINE_LABEL_RE.match(text)
    if mt and mt.end() < len(text):
        return _clean_byline(text[mt.end() :], language)
    dated = bool(_absolute_dates(text, language)) or _relative_date(text, None)[0]
    if not near_head:
        return None
    # a label inside a short line that also carries a date or a "posted/published" label
    if dated or _PUBLISHED_RE.search(text) or _UPDATED_RE.search(text):
        for mt in _MID_BYLINE_RE.finditer(text):
            names = _clean_byline(text[mt.end() :], language)
            if names:
                return names
    # "Name | 10 months ago", "Gesine Engels-Krone, 02.01.2023, 11:08 Uhr", "1. Februar 2022 , Daniel Dillenburg"
    if dated:
        rest = text
        for start, end, _, _ in reversed(_date_spans(text, language)):
            rest = rest[:start] + " | " + rest[end:]
        rest = _TIME_ANY_RE.sub(" | ", _AVATAR_RE.sub(" ", rest))
        rest = re.sub(r"\b(?:uhr|h)\b", " ", rest, flags=re.I)
        rest = _PUBLISHED_RE.sub(" | ", _UPDATED_RE.sub(" | ", rest))  # "ACTUALIZADO A" is a label, not a name
        for rx, _ in _REL_RES:
            rest = rx.sub(" | ", rest)
        for seg in re.split(r"\s*[|•·,/]\s*|\s+[-–—]\s+", rest):
            # "um | - Markus Reuter - 91 Ergänzungen": connectives between date and name are skipped
            if not _words(_DATE_FILLER_RE.sub(" ", seg)):
                continue
            end = _BYLINE_END_RE.search(seg)  # "Evgenia Karp Zuletzt geändert am": the name ends at the label
            seg = (seg[: end.start()] if end and end.start() > 0 else seg).strip(" .-–—")
            if seg and not _is_dateish(seg, language):
                return [seg] if _name_or_desk(seg) else None
    return None


def _find_authors(
    lines: list[Line],
    head_lo: int,
    body: int,
    language: str | None,
    captions: set[int],
    metadata_lines: dict[int, str],
    title: int | None = None,
) -> list[str]:
    """Authors from bylines near the head, else a bare name under the headline, else a labelled byline a
    little further down, else an "About the Author" block."""
    n = len(lines)
    window = range(head_lo, min(n, body + 3))
    for i in window:
        if i in captions or i == title:
            continue
        text = lines[i].text
        names = _byline_at(text, language, near_head=True)
        if not names and re.search(r"\b(?:von|by|par|por)\s*:?$", text, re.I) and i + 1 < n:
            names = _clean_byline(lines[i + 1].text, language)
            if names:
                metadata_lines.setdefault(lines[i + 1].number, "byline")
        if names:
            metadata_lines.setdefault(lines[i].number, "byline")
            return _dedupe(names)
    # a bare name on its own line right under the headline (the byline without its "By"), when a date
    # line stands next to it or the name comes back on the page (author box): "Texas State Capitol" won't
    if title is not None:
        for i in range(title + 1, min(n, title + 4, body + 2)):
            text = lines[i].text
            if i in captions or _is_paragraph(lines[i]) or _BULLET_RE.match(text):
                continue  # a bulleted name is a menu or tag item
            name = _name_or_desk(text)
            if not name:
                continue
            if _DESK_RE.match(name):  # "Web Desk": a closed vocabulary, safe on its own
                metadata_lines.setdefault(lines[i].number, "byline")
                return [name]
            dated = any(0 <= j < n and j != title and _is_dateish(lines[j].text, language) for j in (i - 1, i + 1))
            key = f" {_norm(name)} "
            again = sum(key in f" {_norm(line.text)} " for line in lines if len(line.text) < 300) >= 2
            if dated or again:
                metadata_lines.setdefault(lines[i].number, "byline")
                return [name]
    # a labelled byline further down ("Text: Ursula Eggers" under the first paragraphs)
    for i in range(min(n, body + 3), min(n, body + 30)):
        if i in captions or len(lines[i].text) > 120:
            continue
        names = _byline_at(lines[i].text, language, near_head=False)
        if names:
            metadata_lines.setdefault(lines[i].number, "byline")
            return _dedupe(names)
    # an author block near the end: label line, then the name within a few lines
    for i, line in enumerate(lines):
        if i < body or not _AUTHOR_BLOCK_RE.match(line.text):
            continue
        for j in range(i + 1, min(n, i + 5)):
            cand = _name_or_desk(lines[j].text)
            if cand:
                return [cand]
    return []


def _continues(before: list[Line], lines: list[Line], meta: StoryMetadata) -> bool:
    """Whether a story span is the rest of the one before it, cut off at a subheading or pull quote.

    The body runs on without a break (the span before ends on a kept line and this one opens on a kept
    line, or on its "headline" with no date line under it), and the span has no byline of its own.  A new
    story on the page is set off by furniture (footer, menu, teaser label) or brings its own date/byline.
    """
    if not before or not lines or not before[-1].keep or meta.authors:
        return False
    first = lines[0]
    return first.keep or (meta.metadata_lines.get(first.number) == "headline" and meta.published_at is None)


def _inherit(meta: StoryMetadata, head: StoryMetadata) -> StoryMetadata:
    """A continuation's metadata: the head's title and authors, its date unless the span prints one (a date
    line after a subheading can be the story's own); its own "headline" (a subheading) stays body text."""
    meta.title, meta.authors = head.title, list(head.authors)
    if meta.published_at is None:
        meta.published_at, meta.updated_at = head.published_at, head.updated_at
        meta.date_precision = head.date_precision
    meta.metadata_lines = {n: r for n, r in meta.metadata_lines.items() if r != "headline"}
    return meta


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = n.casefold()
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def apply_metadata(document: Document, reference_time: datetime | None = None) -> Document:
    """Fill each story's metadata from its own head; lines that turned out to be metadata (headline,
    byline, date, caption...) leave the body, with that reason recorded."""
    previous: StoryMetadata | None = None
    for k, story in enumerate(document.stories):
        meta = extract_metadata(
            story.lines, reference_time=reference_time, fallback_time=document.modified_at, language=story.language
        )
        if previous is not None and _continues(document.stories[k - 1].lines, story.lines, meta):
            meta = _inherit(meta, previous)
        previous = meta
        for line in story.lines:
            reason = meta.metadata_lines.get(line.number)
            if reason:  # more telling than the cleaner's generic verdict ("short-no-sentence")
                line.keep, line.reason = False, reason
            elif line.number in meta.body_lines:  # a standfirst: the story's own opening, listed and kept
                line.keep, line.reason = True, None
        story.text = body_text(story.lines)
        story.title, story.published_at, story.authors = meta.title, meta.published_at, meta.authors
        story.updated_at, story.date_precision, story.site_name = meta.updated_at, meta.date_precision, meta.site_name
        story.dateline, story.highlights, story.image_captions = meta.dateline, meta.highlights, meta.image_captions
    return document


def add_metadata(documents: list[Document], reference_time: datetime | None = None) -> list[Document]:
    """Stage: every story's headline, dates, authors, dateline, highlights and captions."""
    return [apply_metadata(document, reference_time) for document in documents]
