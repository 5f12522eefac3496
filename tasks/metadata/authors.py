"""The authors of a story: bylines ("By A and B", "Von A", "A | 10 months ago"), a bare name under the headline,
"About the Author" blocks; names cleaned of roles, degrees, dates and handles.  Precision first: a doubtful byline
gives no authors."""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from ..models import Line
from ..text.cache import LINE_MEMO_ENTRIES
from ..text.dates import (
    DATE_FILLER_RE,
    MONTHS,
    PUBLISHED_RE,
    TIME_ANY_RE,
    UPDATED_RE,
    absolute_dates,
    date_spans,
    has_relative_date,
    is_date_line,
    relative_spans,
)
from ..text.lines import AUTHOR_HEADER_RE
from ..text.scripts import UNSPACED_RE
from ..text.vocabulary import AUTHOR_LABELS, BYLINE_LABELS, BYLINE_LABELS_BEFORE_A_BREAK, alternation
from ..text.words import split_words
from .lines import BULLET_RE, BYLINE_LABEL_RE, HIGHLIGHT_BULLET_RE, is_paragraph, norm

_DESK_RE = re.compile(
    r"^(?:(?:web|news|city|sports?|foreign|metro|digital|online|business|national|political|monitoring|"
    r"international)\s+desk|staff reporter|staff writer|our (?:staff )?(?:correspondent|reporter)|"
    r"news service|(?:[^\W\d_]+-)?redaktion|newsroom|editorial (?:staff|board|team)|agencies)$",  # "Online-Redaktion"
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
# A word of a name: capitalised in a cased script (Latin, Cyrillic, Greek), or any word of a script without case
# (Arabic, Devanagari, Bengali, Han...: "أحمد السيد", "राहुल शर्मा").
_NAME_TOKEN_RE = regex.compile(
    r"^(?:\p{Lu}[\w'’\-]*\.?|\p{Lu}\.(?:-?\p{Lu}\.)?|Mc\w+|d'\w+|\p{Lo}[\p{Lo}\p{M}\u200c\u200d]*"
    r"|[\u10d0-\u10ff][\u10d0-\u10ff\-]*)$"  # Georgian writes names in the letters Unicode calls lower case
)
_HANGUL_RE = re.compile("[\uac00-\ud7af]")
_HANDLE_NAME_RE = re.compile(r"^[^\W\d_][\w.\-]{1,29}$")  # a user name after an explicit label: "flerche", "HansG"
_DEGREE_RE = re.compile(r"^(?:ph\.?d\.?|m\.?d\.?|mba|msc|m\.?a\.?|b\.?a\.?|jr\.?|sr\.?|dipl\.?[\w.-]*)$", re.I)


def find_authors(
    lines: list[Line],
    head_lo: int,
    body: int,
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
        names = _byline_at(text, near_head=True)
        if not names and _LABEL_BEFORE_A_BREAK_RE.search(text) and i + 1 < n:
            names = _clean_byline(lines[i + 1].text)
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
            if i in captions or is_paragraph(lines[i]) or BULLET_RE.match(text):
                continue  # a bulleted name is a menu or tag item
            name = name_or_desk(text)
            if not name:
                continue
            if _DESK_RE.match(name):  # "Web Desk": a closed vocabulary, safe on its own
                metadata_lines.setdefault(lines[i].number, "byline")
                return [name]
            key = f" {norm(name)} "
            if key in f" {norm(lines[title].text)} ":
                continue  # the headline's own words printed again ("Home » Bosch » Heizjacken von Bosch")
            dated = any(0 <= j < n and j != title and is_date_line(lines[j].text) for j in (i - 1, i + 1))
            # printed again outside the story's sentences (an author box): the people a story is about come
            # back in its paragraphs
            again = sum(key in f" {norm(line.text)} " for line in lines if _outside_prose(line)) >= 2
            if dated or again:
                metadata_lines.setdefault(lines[i].number, "byline")
                return [name]
    # a labelled byline further down ("Text: Ursula Eggers" under the first paragraphs)
    for i in range(min(n, body + 3), min(n, body + 30)):
        if i in captions or len(lines[i].text) > 120:
            continue
        names = _byline_at(lines[i].text, near_head=False)
        if names:
            metadata_lines.setdefault(lines[i].number, "byline")
            return _dedupe(names)
    # an author block near the end: label line, then the name within a few lines
    for i in range(body, n):
        if not AUTHOR_HEADER_RE.match(lines[i].text):
            continue
        for j in range(i + 1, min(n, i + 5)):
            cand = name_or_desk(lines[j].text)
            if cand:
                return [cand]
    return []


def _outside_prose(line: Line) -> bool:
    """A short line or one the cleaner removed: not a sentence of the story itself."""
    return len(line.text) < 300 and (not line.keep or len(split_words(line.text)) <= 8)


# a byline label inside a line: "8. Januar 2020 · by Aureliana · in Gefühle", "Posted on <date> by LD"
# a line ending with a byline label: the names follow on the next line
_LABEL_BEFORE_A_BREAK_RE = re.compile(rf"\b{alternation(BYLINE_LABELS_BEFORE_A_BREAK)}\s*:?$", re.I)
_MID_BYLINE_RE = re.compile(rf"(?:^|[\s·|•,]){alternation(BYLINE_LABELS, AUTHOR_LABELS)}\s*:?\s+(?=\S)", re.I)


def _byline_at(text: str, near_head: bool) -> list[str] | None:
    """Names when `text` is a byline line, else None."""
    text = HIGHLIGHT_BULLET_RE.sub("", text).strip()  # symbol bullets only: "8. Januar 2020 · by X" is a date
    mt = BYLINE_LABEL_RE.match(text)
    labelled = mt is not None and mt.end() < len(text)
    if not (labelled or near_head):  # away from the head only a labelled line: the others' words are not counted
        return None
    if len(split_words(text)) > 20:
        return None
    if labelled:
        return _clean_byline(text[mt.end() :])
    dated = bool(absolute_dates(text)) or has_relative_date(text)
    # a label inside a short line that also carries a date or a "posted/published" label
    if dated or PUBLISHED_RE.search(text) or UPDATED_RE.search(text):
        for mt in _MID_BYLINE_RE.finditer(text):
            names = _clean_byline(text[mt.end() :])
            if names:
                return names
    # "Name | 10 months ago", "Gesine Engels-Krone, 02.01.2023, 11:08 Uhr", "1. Februar 2022 , Daniel Dillenburg"
    if dated:
        rest = text
        for start, end, _, _ in reversed(date_spans(text)):
            rest = rest[:start] + " | " + rest[end:]
        rest = TIME_ANY_RE.sub(" | ", _AVATAR_RE.sub(" ", rest))
        rest = re.sub(r"\b(?:uhr|h)\b", " ", rest, flags=re.I)
        rest = PUBLISHED_RE.sub(" | ", UPDATED_RE.sub(" | ", rest))  # "ACTUALIZADO A" is a label, not a name
        for start, end in reversed(relative_spans(rest)):
            rest = rest[:start] + " | " + rest[end:]
        for seg in re.split(r"\s*[|•·,/]\s*|\s+[-–—]\s+", rest):
            # "um | - Markus Reuter - 91 Ergänzungen": connectives between date and name are skipped
            if not split_words(DATE_FILLER_RE.sub(" ", seg)):
                continue
            end = _BYLINE_END_RE.search(seg)  # "Evgenia Karp Zuletzt geändert am": the name ends at the label
            seg = (seg[: end.start()] if end and end.start() > 0 else seg).strip(" .-–—")
            if seg and not is_date_line(seg):
                # a user name in a post's meta line: "jdoe · May 3, 2019 · 7 comments"
                meta_line = len(_META_FIELD_RE.findall(text)) >= 2
                return [seg] if name_or_desk(seg) or (meta_line and _is_handle(seg)) else None
    return None


_META_FIELD_RE = re.compile(r"\s[|•·]\s|\s[-–—]\s")  # the separators between a meta line's fields


def _is_handle(text: str) -> bool:
    """A user name as sites print it, never a capitalised word ("Politik" is a section): small letters only, or
    with digits or a capital inside ("jdoe", "c1ph4", "MatsWichmann")."""
    low = text.lower()
    return (
        bool(_HANDLE_NAME_RE.match(text))
        and (text.islower() or any(c.isdigit() for c in text) or any(c.isupper() for c in text[1:]))
        and low not in _NOT_NAME_WORDS
        and low not in MONTHS
    )


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


MAX_AFFILIATION_WORDS = 3


def _clean_byline(text: str, single: bool = True) -> list[str] | None:
    """Names from a byline's text (label already removed); None when any part is not a name or a role.

    Roles and degrees after a name are dropped ("Evan Halper Staff Writer", "Grant Tinsley, PhD").
    """
    text = _HANDLE_RE.sub(" ", _AVATAR_RE.sub(" ", text)).strip()
    # the byline ends where a date, relative date, separator or "in <section>" starts
    cut = len(text)
    dates = absolute_dates(text)
    if dates:
        cut = min(cut, dates[0][0])
    for start, _ in relative_spans(text):
        cut = min(cut, start)
    mt = _BYLINE_END_RE.search(text)
    if mt:
        cut = min(cut, mt.start())
    text = text[:cut].strip(" ,.;:|-–—")
    if not text:
        return None
    names: list[str] = []
    parts = [p for p in _AUTHOR_SPLIT_RE.split(text) if p and p.strip()]
    # "By Jane Roe, AgencyX", "by Bob Yirka , Phys.org": a short non-name after the last comma is the writer's
    # outlet or agency, not another author
    if len(parts) >= 2 and "," in text and len(parts[-1].split()) <= MAX_AFFILIATION_WORDS:
        last = parts[-1].strip()
        if not name_or_desk(last, single=False) and name_or_desk(parts[-2].strip()):
            parts = parts[:-1]
    for part in parts:
        part = part.strip()
        if _DEGREE_RE.match(part):
            continue
        role = _ROLE_RE.search(part)
        if role and len(part.split()) <= 6:
            after = part[role.end() :].strip(" -–")
            if name_or_desk(after) and not name_or_desk(part[: role.start()]):
                part = after  # "FOCUS-Online-Experte Robin Tschöpe" -> "Robin Tschöpe"
            else:
                part = part[: role.start()].strip()  # "Evan Halper Staff Writer" -> "Evan Halper"
                if not part or len(part.split()) < 2:
                    continue  # "Opinion Columnist", "Senior Correspondent": a role, not a person
        name = name_or_desk(part, single=single and len(parts) == 1)
        if not name:
            return None
        names.append(name)
    people = [name for name in names if not _DESK_RE.match(name)]
    return (people or names) or None  # "Jane Smith, Online-Redaktion": the person, not the desk


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by several passes
def name_or_desk(text: str, single: bool = False) -> str | None:
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
            and low not in MONTHS
            and low not in _NAME_PARTICLES
            and not _ROLE_RE.match(text)
        ):
            return text
        return None
    if any(ch.isdigit() for ch in text) or not 2 <= len(tokens) <= 4:
        return None
    if UNSPACED_RE.search(text) or _HANGUL_RE.search(text):  # a Chinese or Korean name is one word: "王伟"
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
        has_lower = has_lower or any(c.islower() for c in tok) or not tok[0].isupper()  # caseless: as written
    if not has_lower and not text.isupper():
        return None
    if not _NAME_TOKEN_RE.match(tokens[-1]):
        return None
    return text


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        k = n.casefold()
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out
