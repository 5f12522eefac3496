"""The dates of a story: which of the dates printed around its head is its publication date, and its
"Updated" date.  Candidates come from the head first, then date lines a little further, then a date on a line
that repeats the headline or under an explicit publication label; the label printed before a date tells a
publication from a modification date (htmldate's idea, not its code)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..models import Line
from ..text.dates import (
    PUBLISHED_RE,
    TIME_ANY_RE,
    UPDATED_RE,
    WEAK_PUBLISHED_RE,
    date_spans,
    is_date_line,
    relative_info,
    relative_match,
)
from ..text.words import split_words
from .lines import BYLINE_LABEL_RE, flat, key_word

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # placeholder for a relative date not yet resolved


@dataclass(slots=True)
class _DateHit:
    index: int  # position of the line in the story's list
    when: datetime
    kind: str  # "published" | "updated" | "plain" | "relative"
    precision: str = "day"  # see DATE_PRECISIONS
    clock: bool = False


def find_dates(
    lines: list[Line],
    title: int | None,
    body: int,
    captions: set[int],
    metadata_lines: dict[int, str],
    reference_time: datetime | None = None,
    fallback_time: datetime | None = None,
    day_first: bool | None = None,
) -> tuple[datetime, str, datetime | None] | None:
    """(publication date, its precision, the latest "Updated" date or None) of a story, or None when it prints
    no usable date; the date lines that leave the body are added to `metadata_lines` ("date").

    The head first (headline to just inside the body), then a wider look at date lines, then the last resort
    (_far_date_hits).  Relative dates count back from `reference_time`, else a clock printed above the headline,
    else `fallback_time` (the file's time); a date more than two days after that clock (or now), or before 1995,
    is not taken.
    """
    anchor = title if title is not None else body
    n = len(lines)
    head = range(max(0, anchor - 3), min(n, body + 2))
    wide = [i for i in range(max(0, anchor - 10), min(n, body + 25)) if i not in head]
    head_hits = _date_hits(lines, head, captions, body, title, strict=False, day_first=day_first)

    def tiers() -> Iterator[list[_DateHit]]:
        # lazily: a tier is read only when the ones before it chose no date (reading one changes nothing else)
        yield head_hits
        yield _date_hits(lines, wide, captions, body, title, strict=True, day_first=day_first)
        yield _far_date_hits(lines, set(head) | set(wide), captions, title, day_first)

    ref = reference_time
    if ref is None:  # a clock printed above the headline tells when the page was rendered
        for h in head_hits:
            if h.clock and h.when is not _EPOCH and any(not o.clock for o in head_hits):
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
    for tier_no, tier in enumerate(tiers()):
        hits: list[_DateHit] = []
        non_clock = [h for h in tier if not h.clock] or tier
        for h in non_clock:
            if h.when is _EPOCH:
                if ref is None:
                    continue
                got = relative_info(lines[h.index].text, ref)
                if got is None:
                    continue
                h.when, h.precision = got
            if lower <= h.when <= upper:
                hits.append(h)
        chosen = _pick_date(hits, anchor if tier_no else title)
        if chosen is None:
            continue
        updates = [h for h in hits if h.kind == "updated" and h.when >= chosen.when]
        updated_at = max(h.when for h in updates) if updates else None
        for h in hits:
            text = lines[h.index].text
            if h.index not in captions and (is_date_line(text) or UPDATED_RE.match(text)):
                metadata_lines.setdefault(lines[h.index].number, "date")
        return chosen.when, chosen.precision, updated_at
    return None


def _date_hits(
    lines: list[Line],
    idxs: range,
    captions: set[int],
    body: int,
    title: int | None,
    strict: bool,
    day_first: bool | None = None,
) -> list[_DateHit]:
    """Absolute and relative date candidates (relative ones unresolved: `when` = epoch) in the given lines."""
    out: list[_DateHit] = []
    for i in idxs:
        if i in captions:
            continue
        text = lines[i].text
        # (a line of 80 characters holds at most 40 words: a word and the break after it take two)
        if len(text) > 80 and (len(text) > 400 or len(split_words(text)) > 40):
            # a long paragraph counts only through a date that opens it ("27.1.2022 - Bei der ...")
            spans = date_spans(text[:80], day_first)
            if not spans or spans[0][0] > 3:
                continue
            text = text[:80]
        dates = _line_dates(text, day_first)
        if not dates or not _date_line_ok(text, dates, i, body, strict, day_first):
            continue
        clock = bool(title is not None and i < title and TIME_ANY_RE.search(text) and is_date_line(text))
        for _, kind, when, precision in dates:
            out.append(_DateHit(i, when or _EPOCH, kind, precision, clock))
    return out


def _far_date_hits(
    lines: list[Line],
    skip: set[int],
    captions: set[int],
    title: int | None,
    day_first: bool | None = None,
) -> list[_DateHit]:
    """Last resort, anywhere in the span: a date printed on a line that repeats the headline (a post's meta
    line in a sidebar, a breadcrumb "... Headline 01.05.2017"), or a date under an explicit publication
    label ("Published: 03 December 2019" in a footer).  Comment dates carry neither."""
    key = flat(lines[title].text) if title is not None else ""
    if len(key.split()) < 3:
        key = ""
    word = key_word(key)  # a line repeats the headline only if it holds this word
    out: list[_DateHit] = []
    for i, line in enumerate(lines):
        if i in skip or i in captions or i == title:
            continue
        text = line.text
        if len(text) > 300:
            continue
        # Other lines count only through a labelled absolute date: without one, their relative dates are not looked
        # for (most lines hold no date at all).
        if not date_spans(text, day_first) and not (key and word in text.casefold()):
            continue
        dates = _line_dates(text, day_first)
        if not dates or len(split_words(text)) > 40:  # (most lines hold no date: their words are not counted)
            continue
        if key and f" {key} " in f" {flat(text)} ":
            out.extend(_DateHit(i, w or _EPOCH, k, p) for _, k, w, p in dates[:1])
            continue
        for off, kind, when, precision in dates:
            if kind == "published" and when is not None and len(split_words(text[:off])) <= 3:
                out.append(_DateHit(i, when, kind, precision))
    return out


def _line_dates(text: str, day_first: bool | None = None) -> list[tuple[int, str, datetime | None, str]]:
    """(offset, kind, datetime or None for a relative date, precision) for each date printed in a line.

    The kind comes from the label printed before each date ("Updated 3 May", "Veröffentlicht: 2.5."); a
    second unlabelled date after a first one is a modification date (WordPress prints "15. April 2016
    4. März 2017" for published + updated).
    """
    out: list[tuple[int, str, datetime | None, str]] = []
    prev_end = 0
    implicit: list[int] = []  # positions in `out` of unlabelled dates (a first one and those after it)
    for start, end, when, precision in date_spans(text, day_first):
        label = text[max(prev_end, start - 48) : start]
        pub = PUBLISHED_RE.search(label)
        if pub and WEAK_PUBLISHED_RE.match(pub.group(0).strip(" :")) and len(split_words(text[:start])) > 3:
            pub = None  # "Mercurial 5.2 was released on November 5, 2019": running text, not a label
        if UPDATED_RE.search(label):
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
    if not out and relative_match(text) is not None:
        out.append((0, "updated" if UPDATED_RE.search(text) else "relative", None, ""))
    return out


def _date_line_ok(
    text: str,
    dates: list[tuple[int, str, datetime | None, str]],
    i: int,
    body: int,
    strict: bool,
    day_first: bool | None = None,
) -> bool:
    """Whether a line's date can be the story's date (`dates`: its _line_dates), by where the line is and its shape.

    Before the body any short line counts.  Inside the body only a date line of its own, a labelled date
    ("Erstellt am: 01.11.2023"), a byline with a date, or (right at the body start, unless `strict`) a
    paragraph opened by a date or a dateline's date ("PARIS, Nov 19 (AFP) -"): dates the story talks about
    are not when it was published.
    """
    if i < body and not strict:
        return True
    if is_date_line(text) or BYLINE_LABEL_RE.match(text):
        return True
    # a label and little else before the date: "Erstellt am: 01.11.2023", "Posted on Friday, ..."
    if any(kind in ("published", "updated") and len(split_words(text[:off])) <= 4 for off, kind, _, _ in dates):
        return True
    if strict:
        # a teaser-style opening among the first paragraphs: "27.1.2022 - Bei der Erinnerung an ..."
        spans = date_spans(text, day_first)
        return bool(spans) and i <= body + 3 and spans[0][0] <= 3 and bool(_DATE_DASH_RE.match(text[spans[0][1] :]))
    return bool(dates) and (dates[0][0] < 40 if i == body else i == body + 1 and dates[0][0] <= 3)


_DATE_DASH_RE = re.compile(r"\s*(?:[0-2]?\d[:.][0-5]\d\s*(?:uhr)?\s*)?[-–—|]\s+\S", re.I)


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
