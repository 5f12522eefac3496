"""Metadata of one story, read from the page text alone.

The flow hands us the story's span of lines (head + body + trailing furniture) with the cleaner's verdicts.
We locate the body start (first kept paragraph-shaped line), then read the *head* around it:

- title: the last title-shaped line before the body (a line printed twice wins), never a breadcrumb,
  clock, date, byline or caption;
- dates: candidates found by compiled regexes (numeric, month names in several languages, relative
  "10 months ago" / "vor 3 Tagen"); dateparser only resolves short relative strings, cached;
- authors: bylines ("By A and B", "Von A", "A | 10 months ago", "About the Author" blocks), cleaned of
  roles, dates, handles; precision first, a doubtful byline gives [];
- dateline, highlights/standfirst and image captions.

Pure Python, no Prefect, no I/O.  Ideas (not code) from htmldate's text heuristics (bounded date range,
label-driven preference of publication over modification dates) and trafilatura's author cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.clean import looks_like_caption as _cleaner_says_caption
from tasks.models import Document, Line
from tasks.split import body_text


@dataclass
class StoryMetadata:
    """What the head (and byline/caption lines) of one story tell about it."""

    title: str | None = None
    published_at: datetime | None = None  # timezone-aware, UTC
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    highlights: list[str] = field(default_factory=list)
    image_captions: list[str] = field(default_factory=list)
    metadata_lines: dict[int, str] = field(default_factory=dict)  # Line.number -> reason


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
_DMY_TEXT_RE = re.compile(
    rf"(?<![\d.])(?P<d>[0-3]?\d){_DAY_SUFFIX}\s*(?:de\s+|of\s+)?(?P<m>{_MONTH_ALT})\b\.?,?\s*(?:de\s+)?"
    rf"(?P<y>(?:19|20)\d\d)(?!\d)",
    re.I,
)
_MDY_TEXT_RE = re.compile(
    rf"\b(?P<m>{_MONTH_ALT})\b\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.I
)
_ISO_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d])")
_DOT_RE = re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d|\d\d)(?![\d.])")
_SLASH_RE = re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)[/-](?P<b>[0-3]?\d)[/-](?P<y>(?:19|20)\d\d)(?![\d/])")
_TIME_AFTER_RE = re.compile(
    r"^\s*(?:,|\||-|–|um|at|à|a las|alle|às|kl\.?)?\s*(?:,\s*)?(?P<h>[0-2]?\d)[:.h](?P<mi>[0-5]\d)"
    r"(?::[0-5]\d)?\s*(?P<ap>[ap]\.?\s?m\.?)?",
    re.I,
)
_TIME_ANY_RE = re.compile(r"\b[0-2]?\d:[0-5]\d(?::[0-5]\d)?\s*(?:[ap]\.?m\.?)?", re.I)

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
    r"\b(?:published|posted|publiziert|veröffentlicht|erschienen|erstellt|publié|publicado|pubblicato|"
    r"gepubliceerd|datum|date|on)\b\s*:?",
    re.I,
)


@dataclass(slots=True)
class _DateHit:
    index: int  # position of the line in the story's list
    when: datetime
    kind: str  # "published" | "updated" | "plain" | "relative"
    clock: bool = False


def _mk(y: int, m: int, d: int, rest: str) -> datetime | None:
    """A UTC datetime from parts, with the time printed right after the date when there is one."""
    if y < 100:
        y += 2000 if y < 70 else 1900
    hour = minute = 0
    tm = _TIME_AFTER_RE.match(rest)
    if tm:
        hour, minute = int(tm["h"]), int(tm["mi"])
        ap = (tm["ap"] or "").lower().replace(".", "").replace(" ", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if hour > 23:
            hour = minute = 0
    try:
        return datetime(y, m, d, hour, minute, tzinfo=UTC)
    except ValueError:
        return None


def _absolute_dates(text: str, language: str | None) -> list[tuple[int, datetime]]:
    """All absolute dates in a short text, as (offset, datetime)."""
    found: list[tuple[int, datetime]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], y: int, m: int, d: int) -> None:
        s, e = match.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        when = _mk(y, m, d, text[e:])
        if when is not None:
            taken.append((s, e))
            found.append((s, when))

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
    return found


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


def _relative_date(text: str, base: datetime | None) -> tuple[bool, datetime | None]:
    """(is there a relative date in `text`, its resolution against `base`)."""
    for rx, lang in _REL_RES:
        mt = rx.search(text)
        if not mt:
            continue
        if base is None:
            return True, None
        got = _dateparser_relative(mt.group(0).lower(), lang, base)
        if got is None:  # our own arithmetic (month = 30 days is fine at day precision for the metric)
            n = 1 if mt["n"].lower() in _ONE_WORDS else int(mt["n"])
            unit = _UNIT_OF[mt["u"].lower()]
            step = {
                "s": timedelta(seconds=1),
                "min": timedelta(minutes=1),
                "h": timedelta(hours=1),
                "d": timedelta(days=1),
                "w": timedelta(weeks=1),
                "mo": timedelta(days=30),
                "y": timedelta(days=365),
            }[unit]
            got = base - n * step
        return True, got
    mw = _REL_WORD_RE.match(text)
    if mw:
        if base is None:
            return True, None
        return True, base - timedelta(days=_REL_WORD_DAYS[mw["w"].lower()])
    return False, None


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
    r"related (?:posts|articles|stories)|ähnliche (?:beiträge|artikel)|you may also like|das könnte sie)\b",
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
_WORD_RE = re.compile(r"\w[\w'’.\-]*")
_TERMINAL_RE = re.compile(r"[.!?…:;,][\"”’»)]*$")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


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


def _is_dateish(text: str, language: str | None) -> bool:
    """The line is mostly a date / time / relative date (plus a label)."""
    rest = text
    for off, _ in reversed(_absolute_dates(text, language)):
        rest = rest[:off]
    stripped = _TIME_ANY_RE.sub(" ", text)
    for rx in (_DMY_TEXT_RE, _MDY_TEXT_RE, _ISO_RE, _DOT_RE, _SLASH_RE):
        stripped = rx.sub(" ", stripped)
    for rx, _ in _REL_RES:
        stripped = rx.sub(" ", stripped)
    stripped = _REL_WORD_RE.sub(" ", stripped)
    if stripped == text:
        return False
    return len(_words(stripped)) <= 3


def _title_shaped(text: str, language: str | None) -> bool:
    """Headline shape: 3-25 words, no terminal period or colon, not a menu item / label / date."""
    words = _words(text)
    if not 2 <= len(words) <= 25 or len(text) > 250:
        return False
    if _BULLET_RE.match(text) or _BREADCRUMB_RE.match(text):
        return False
    if re.search(r"[.:;,]$", text) and not text.endswith("..."):
        return False
    if text.count("|") >= 1 or text.count("•") >= 1 or "©" in text:
        return False
    if _READ_TIME_RE.match(text) or _BYLINE_LABEL_RE.match(text) or _UI_RE.search(text):
        return False
    if len(words) <= 4 and _FURNITURE_RE.match(text):
        return False
    if _absolute_dates(text, language) or _relative_date(text, None)[0] or looks_like_caption(text):
        return False
    if len(_LETTER_RE.findall(text)) < 0.6 * len(text.replace(" ", "")):
        return False
    # a line of lowercase words is a sentence fragment or menu, not a headline
    return text[:1].isupper() or text[:1] in "\"“„«‘'¿¡" or text[:1].isdigit()


# ------------------------------------------------------------------------------------------ authors

_BYLINE_LABEL_RE = re.compile(
    r"^(?:written by|posted by|geschrieben von|verfasst von|ein (?:beitrag|artikel|gastbeitrag) von|"
    r"by|von|par|por|di|door|autor(?:in)?|author|autore|auteur|text|texto|reporter|reportage)\b\s*:?\s*",
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
    r"opinion|kolumnist(?:in)?)\b",
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
}
_NAME_TOKEN_RE = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?|[A-ZÀ-ÖØ-Þ]\.(?:-?[A-ZÀ-ÖØ-Þ]\.)?|Mc\w+|d'\w+)$")
_SEGMENT_SPLIT_RE = re.compile(r"\s+[|•·–—-]\s+|\s*\|\s*")


def _name_or_desk(text: str) -> str | None:
    """`text` if it is one person's name or a desk, else None."""
    text = text.strip(" .,:;-–—|·•\"'()")
    if not text or len(text) > 50 or any(ch.isdigit() for ch in text):
        return None
    if _DESK_RE.match(text):
        return text
    tokens = text.split()
    if not 2 <= len(tokens) <= 4:
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


def _clean_byline(text: str, language: str | None) -> list[str] | None:
    """Names from a byline's text (label already removed); None when any part is not a name or a role."""
    text = _HANDLE_RE.sub(" ", _AVATAR_RE.sub(" ", text))
    # the byline ends where a date, relative date, separator or "in <section>" starts
    cut = len(text)
    dates = _absolute_dates(text, language)
    if dates:
        cut = min(cut, dates[0][0])
    for rx, _ in _REL_RES:
        mt = rx.search(text)
        if mt:
            cut = min(cut, mt.start())
    mt = re.search(r"\s[|•·]\s|\s[-–—]\s|\s(?:in|am|on|um|le|el)\s|\d", text)
    if mt:
        cut = min(cut, mt.start())
    text = text[:cut].strip(" ,.;:|-–—")
    if not text:
        return None
    names: list[str] = []
    parts = [p for p in _AUTHOR_SPLIT_RE.split(text) if p and p.strip()]
    for part in parts:
        if _ROLE_RE.search(part) and len(part.split()) <= 5:
            continue  # "Opinion Columnist", "Senior Correspondent": a role, not a person
        name = _name_or_desk(part)
        if not name:
            return None
        names.append(name)
    return names or None


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


def _find_title(lines: list[Line], body: int, language: str | None) -> int | None:
    """Index of the headline among the title-shaped lines before the body, by a small score.

    Why these cues: the headline is usually the last title-shaped line before the body; it is followed by
    the byline/date line; it is often printed twice (breadcrumb, h1, share text); the cleaner may already
    have flagged it.  Short two-word lines are more often labels than headlines.
    """
    lo = max(0, body - 30)
    counts: dict[str, int] = {}
    for line in lines[max(0, body - 60) : min(len(lines), body + 3)]:
        key = _norm(_strip_marker(line.text))
        counts[key] = counts.get(key, 0) + 1
    best: tuple[float, int] | None = None
    rank = 0
    for i in range(body - 1, lo - 1, -1):
        text = lines[i].text
        if not _title_shaped(text, language):
            continue
        nwords = len(_words(text))
        score = max(0.0, 3.0 - 0.8 * rank)
        rank += 1
        if counts.get(_norm(text), 0) >= 2:
            score += 2.0
        if lines[i].reason == "headline":
            score += 1.0
        if nwords <= 2:
            score -= 1.5
        elif nwords > 20:
            score -= 1.0
        for j in range(i + 1, min(body, i + 4)):
            if _is_byline_or_date(lines[j].text, language):
                score += 2.5
                break
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best else None


def _is_byline_or_date(text: str, language: str | None) -> bool:
    """A short line that reads as a byline or a date line (the line printed under a headline)."""
    if len(_words(text)) > 16:
        return False
    if _BYLINE_LABEL_RE.match(text) and not text.lower().startswith(("von ", "di ", "text ")):
        return True
    return bool(_absolute_dates(text, language)) or _relative_date(text, None)[0]


def _date_candidates(
    lines: list[Line], idxs: list[int], title: int | None, language: str | None, captions: set[int], body: int
) -> list[tuple[int, str, datetime | None, bool, bool]]:
    """(index, kind, absolute date or None, has relative date, looks like a clock) per line with a date."""
    out = []
    for i in idxs:
        if i in captions:
            continue
        text = lines[i].text
        if len(_words(text)) > 30:
            continue
        dates = _absolute_dates(text, language)
        has_rel, _ = _relative_date(text, None)
        if not dates and not has_rel:
            continue
        # Inside the body only a date line of its own or a dateline's date ("PARIS, Nov 19 (AFP) -") counts;
        # dates the story talks about are not when it was published.
        if i >= body and not _is_dateish(text, language) and not (i == body and dates and dates[0][0] < 40):
            continue
        kind = "plain"
        if _UPDATED_RE.search(text):
            kind = "updated"
        elif _PUBLISHED_RE.search(text):
            kind = "published"
        clock = bool(
            dates and title is not None and i < title and _TIME_ANY_RE.search(text) and _is_dateish(text, language)
        )
        out.append((i, kind, dates[0][1] if dates else None, has_rel, clock))
    return out


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
    head_lo = max(0, (title if title is not None else body) - 3)

    # ---- captions anywhere in the span (each once)
    captions: set[int] = set()
    seen_caps: set[str] = set()
    for i in range(head_lo, len(lines)):
        line = lines[i]
        if len(_words(line.text)) >= 4 and looks_like_caption(line.text) and not _BYLINE_LABEL_RE.match(line.text):
            captions.add(i)
            meta.metadata_lines[line.number] = "caption"
            key = _norm(line.text)
            if key not in seen_caps:
                seen_caps.add(key)
                meta.image_captions.append(line.text)

    # ---- title and its repetitions
    if title is not None:
        meta.title = lines[title].text.strip()
        key = _norm(meta.title)
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
            meta.metadata_lines[lines[sf].number] = "standfirst"
            if sf == body:
                body = _next_body(lines, body + 1)

    # ---- dates
    head_idx = list(range(head_lo, min(len(lines), body + 2)))
    cands = _date_candidates(lines, head_idx, title, lang, captions, body)
    ref = reference_time
    if ref is None:
        clocks = [c for c in cands if c[4]]
        if clocks and len(cands) > len(clocks):
            ref = clocks[0][2]
    if ref is None:
        ref = fallback_time
    if ref is not None and ref.tzinfo is None:
        ref = ref.replace(tzinfo=UTC)
    if fallback_time is not None and fallback_time.tzinfo is None:
        fallback_time = fallback_time.replace(tzinfo=UTC)
    upper = (ref or fallback_time or datetime.now(UTC)) + timedelta(days=2)
    lower = datetime(1995, 1, 1, tzinfo=UTC)
    hits: list[_DateHit] = []
    non_clock = [c for c in cands if not c[4]] or cands
    for i, kind, when, has_rel, clock in non_clock:
        if when is None and has_rel:
            _, when = _relative_date(lines[i].text, ref)
            kind = "updated" if kind == "updated" else "relative"
        if when is None or not lower <= when <= upper:
            continue
        hits.append(_DateHit(i, when, kind, clock))
    meta.published_at = _pick_date(hits, title)
    for h in hits:
        if h.index >= body or h.index in captions:
            continue
        text = lines[h.index].text
        if _is_dateish(text, lang) or _UPDATED_RE.match(text):
            meta.metadata_lines.setdefault(lines[h.index].number, "date")

    # ---- authors
    meta.authors = _find_authors(lines, head_lo, body, lang, captions, meta.metadata_lines)

    # ---- dateline
    if body < len(lines):
        meta.dateline = _dateline(lines[body].text)
    return meta


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


def _standfirst(lines: list[Line], title: int, body: int, language: str | None, captions: set[int]) -> int | None:
    """Index of a summary sentence under the headline, or None."""
    for i in range(title + 1, min(len(lines), body + 1, title + 4)):
        text = lines[i].text
        if i in captions or _is_head_furniture(text, language):
            continue
        n = len(_words(text))
        if n < 8 or n > 60 or _BULLET_RE.match(text) or _dateline(text):
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


def _pick_date(hits: list[_DateHit], title: int | None) -> datetime | None:
    """Publication date over plain/relative head dates over an "Updated" one."""
    if not hits:
        return None
    for kinds in (("published",), ("plain", "relative"), ("updated",)):
        chosen = [h for h in hits if h.kind in kinds]
        if chosen:
            if title is not None:
                after = [h for h in chosen if h.index > title]
                if after:
                    return after[0].when
            return chosen[-1].when
    return None


def _find_authors(
    lines: list[Line], head_lo: int, body: int, language: str | None, captions: set[int], metadata_lines: dict[int, str]
) -> list[str]:
    """Authors from bylines near the head, else from an "About the Author" block."""
    window = range(head_lo, min(len(lines), body + 2))
    for i in window:
        if i in captions:
            continue
        text = lines[i].text
        if len(_words(text)) > 20:
            continue
        names = None
        mt = _BYLINE_LABEL_RE.match(text)
        if mt and mt.end() < len(text):
            names = _clean_byline(text[mt.end() :], language)
        elif re.search(r"\b(?:von|by|par|por)\s*:?$", text, re.I) and i + 1 < len(lines):
            names = _clean_byline(lines[i + 1].text, language)
            if names:
                metadata_lines.setdefault(lines[i + 1].number, "byline")
        elif _SEGMENT_SPLIT_RE.search(text) and (_absolute_dates(text, language) or _relative_date(text, None)[0]):
            # "Name | 10 months ago", "23.06.2016 - Name - 91 Kommentare": a name-shaped segment
            for seg in _SEGMENT_SPLIT_RE.split(_AVATAR_RE.sub(" ", text)):
                seg = _AVATAR_RE.sub(" ", seg).strip()
                cand = _name_or_desk(seg) if seg and not _is_dateish(seg, language) else None
                if cand:
                    names = [cand]
                    break
        if names:
            metadata_lines.setdefault(lines[i].number, "byline")
            return _dedupe(names)
    # an author block near the end: label line, then the name within a few lines
    for i, line in enumerate(lines):
        if i < body or not _AUTHOR_BLOCK_RE.match(line.text):
            continue
        for j in range(i + 1, min(len(lines), i + 5)):
            cand = _name_or_desk(lines[j].text)
            if cand:
                return [cand]
    return []


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
    for story in document.stories:
        meta = extract_metadata(
            story.lines, reference_time=reference_time, fallback_time=document.modified_at, language=story.language
        )
        for line in story.lines:
            reason = meta.metadata_lines.get(line.number)
            if reason:  # more telling than the cleaner's generic verdict ("short-no-sentence")
                line.keep, line.reason = False, reason
        story.text = body_text(story.lines)
        story.title, story.published_at, story.authors = meta.title, meta.published_at, meta.authors
        story.dateline, story.highlights, story.image_captions = meta.dateline, meta.highlights, meta.image_captions
    return document


@task(name="extract-metadata", cache_policy=NO_CACHE)
def metadata_batch(documents: list[Document], reference_time: datetime | None = None) -> list[Document]:
    return [apply_metadata(document, reference_time) for document in documents]
