"""A story's metadata read from its span of lines, top to bottom: the body start, the headline, image captions,
highlights or standfirst, dates, authors, the dateline and the site's name; and the stage that applies it to
every story of a document (a span that continues the story before it takes that story's head)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime

from ..clean import looks_like_caption as _cleaner_says_caption
from ..models import Document, Line, Story
from ..split import body_text
from ..text.dates import absolute_dates, has_relative_date, is_date_line, numeric_day_first
from ..text.lines import HIGHLIGHT_HEADER_RE, READ_TIME_RE, dateline
from ..text.vocabulary import RIGHTS_RESERVED, entries, phrase_alternation
from ..text.words import split_words
from .authors import find_authors
from .dates import find_dates
from .lines import (
    BULLET_RE,
    BYLINE_LABEL_RE,
    HIGHLIGHT_BULLET_RE,
    NOT_CAPTION_REASONS,
    TERMINAL_RE,
    credits_the_page,
    has_words,
    is_paragraph,
    key_word,
    looks_like_caption,
    norm,
    strip_marker,
)
from .title import find_title, without_kicker


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
    choice = find_title(lines, body)
    title = choice.index if choice is not None else None
    if title is not None and title >= body:  # the body detector started on the headline itself
        body = _next_body(lines, title + 1)
    head_lo = max(0, (title if title is not None else body) - 3)

    # ---- captions anywhere in the span (each once)
    captions: set[int] = set()
    seen_caps: set[str] = set()
    for i in range(head_lo, len(lines)):
        line = lines[i]
        # (the caption test first: it turns most lines away, and its verdicts on the head's lines are cached)
        if looks_like_caption(line.text) and has_words(line.text, 4) and not BYLINE_LABEL_RE.match(line.text):
            # Such a line is no headline, byline or paragraph of the story either way (it leaves the text) ...
            captions.add(i)
            # ... but the page's copyright line ("© Oli Scarff/Getty Images" is a picture's, by the cleaner's own
            # caption test) and other furniture holding a credit mark are not the story's image captions.
            furniture = line.reason in NOT_CAPTION_REASONS
            if furniture or (credits_the_page(line.text) and not _cleaner_says_caption(line.text)):
                meta.metadata_lines[line.number] = line.reason if furniture else "copyright"
                continue
            meta.metadata_lines[line.number] = "caption"
            key = norm(line.text)
            if key not in seen_caps:
                seen_caps.add(key)
                meta.image_captions.append(line.text)

    # ---- title and its repetitions
    if choice is not None:
        meta.title = choice.part or without_kicker(lines, choice.index, lang)
        key = norm(choice.part or strip_marker(lines[choice.index].text))
        if choice.part:
            meta.metadata_lines[lines[choice.index].number] = "headline"  # "Headline | Site name"
        word = key_word(key)  # (strip_marker only cuts the line's ends)
        for line in lines[max(0, body - 40) : min(len(lines), body + 3)]:
            if word in line.text.casefold() and norm(strip_marker(line.text)) == key:
                meta.metadata_lines[line.number] = "headline"

    # ---- highlights, standfirst (between the headline and the body)
    start = (title + 1) if title is not None else head_lo
    under_label = False
    for i in range(start, body):
        line = lines[i]
        text = line.text
        if i in captions or norm(text) == norm(meta.title or "\0"):
            continue
        if HIGHLIGHT_HEADER_RE.match(text):
            under_label = True
            meta.metadata_lines[line.number] = "highlight"
            continue
        nwords = len(split_words(text))
        if HIGHLIGHT_BULLET_RE.match(text) and nwords >= 5:
            meta.highlights.append(HIGHLIGHT_BULLET_RE.sub("", text).strip())
            meta.metadata_lines[line.number] = "highlight"
        elif under_label and nwords >= 5:
            meta.highlights.append(text)
            meta.metadata_lines[line.number] = "highlight"
    # A standfirst: the first paragraph-shaped line right under the headline, when what follows it is
    # head furniture (read time, date, byline, caption) before the real body starts.
    if title is not None and body < len(lines) and not meta.highlights:
        sf = _standfirst(lines, title, body, captions)
        if sf is not None:
            meta.highlights.append(lines[sf].text)
            if lines[sf].keep or lines[sf].reason in _STANDFIRST_RESTORES:
                meta.body_lines.add(lines[sf].number)  # the story's opening words: also in the body
            else:
                meta.metadata_lines[lines[sf].number] = "standfirst"
            if sf == body:
                body = _next_body(lines, body + 1)

    # ---- dates (their lines leave the body)
    day_first = numeric_day_first(line.text for line in lines)  # "25/10/2022" on the page: "03/05" is 3 May
    dates = find_dates(lines, title, body, captions, meta.metadata_lines, reference_time, fallback_time, day_first)
    if dates is not None:
        meta.published_at, meta.date_precision, meta.updated_at = dates

    # ---- authors
    meta.authors = find_authors(lines, head_lo, body, captions, meta.metadata_lines, title)

    # ---- dateline
    if body < len(lines):
        meta.dateline = dateline(lines[body].text, language)
    meta.site_name = _site_name(lines)
    return meta


def _body_start(lines: list[Line]) -> int:
    """Index of the first body paragraph (len(lines) when there is none)."""
    for i, line in enumerate(lines):
        if is_paragraph(line):
            return i
    return len(lines)


def _next_body(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        if is_paragraph(lines[i]):
            return i
    return len(lines)


# ------------------------------------------------------------------------------ highlights, standfirst


def _is_head_furniture(text: str) -> bool:
    return bool(
        READ_TIME_RE.match(text)
        or is_date_line(text)
        or BYLINE_LABEL_RE.match(text)
        or (absolute_dates(text) and len(split_words(text)) <= 12)
        or (has_relative_date(text) and len(split_words(text)) <= 12)
    )


# A standfirst stays in the body (it is the story's opening, see scripts/eval_metadata.py --head-lines) when the
# cleaner kept it, or dropped it as a "headline" only for its place in the head: the real headline is known
# here, so a sentence under it is not one.  Every other verdict of the cleaner stands ("standfirst",
# "outside-article", "teaser": on English news pages those are mostly decks that repeat the lede).
_STANDFIRST_RESTORES = frozenset({"headline"})


def _standfirst(lines: list[Line], title: int, body: int, captions: set[int]) -> int | None:
    """Index of a summary sentence under the headline, or None."""
    for i in range(title + 1, min(len(lines), body + 1, title + 4)):
        text = lines[i].text
        if i in captions or _is_head_furniture(text):
            continue
        n = len(split_words(text))
        if n < 8 or n > 60 or BULLET_RE.match(text) or dateline(text) or "|" in text:
            return None
        if i < body:
            return i if TERMINAL_RE.search(text) or n >= 12 else None
        # i == body: a paragraph is a standfirst only when head furniture separates it from the next one
        saw_furniture = False
        for j in range(i + 1, min(len(lines), i + 8)):
            t = lines[j].text
            if j in captions:
                continue
            if _is_head_furniture(t):
                saw_furniture = True
                continue
            if is_paragraph(lines[j]):
                return i if saw_furniture else None
            if len(split_words(t)) > 4:
                return None
        return None
    return None


# -------------------------------------------------------------------------------------------- dateline

# ------------------------------------------------------------------------------------------- site name

_COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d)?\s*)?[,:]?\s*"
    rf"(?P<name>[^|•·©\n]{{2,60}}?)\s*(?:[.,|•·]|\s[-–—]\s|{phrase_alternation(entries(RIGHTS_RESERVED))}|$)",
    re.I,
)


_RIGHTS_RESERVED_RE = re.compile(phrase_alternation(entries(RIGHTS_RESERVED)), re.I)


def _site_name(lines: list[Line]) -> str | None:
    """The site's name from a copyright line ("© 2024 Example News. All rights reserved"), the last one wins
    (page footers come last); a long or sentence-like remainder is not a name."""
    for line in reversed(lines):
        text = line.text
        # ("(c)" in the lowered line is "(c)" or "(C)" in the line: no other character lowers to them)
        if len(text) > 200 or ("©" not in text and "opyright" not in text and "(c)" not in text and "(C)" not in text):
            continue
        mt = _COPYRIGHT_RE.search(text)
        if not mt:
            continue
        name = re.sub(r"^by\s+", "", mt["name"].strip(" -–—,:"), flags=re.I)
        if _RIGHTS_RESERVED_RE.match(name):  # "© 2025 ყველა უფლება დაცულია": no name printed
            continue
        if name and 1 <= len(name.split()) <= 6 and not re.search(r"\d{3,}", name) and name[:1].isalnum():
            return name
    return None


# ----------------------------------------------------------------------------------------------- stage

# the fields a Story carries too (not the internal metadata_lines and body_lines): copied onto the story
_STORY_FIELDS = tuple(f.name for f in fields(StoryMetadata) if f.name in {g.name for g in fields(Story)})


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
        for name in _STORY_FIELDS:
            setattr(story, name, getattr(meta, name))
    return document


def add_metadata(documents: list[Document], reference_time: datetime | None = None) -> list[Document]:
    """Stage: every story's headline, dates, authors, dateline, highlights and captions."""
    return [apply_metadata(document, reference_time) for document in documents]


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
