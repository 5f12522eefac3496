"""The article's regions and the last passes over the kept lines.

Kept lines are grouped into maximum-scoring segments; regions much weaker than the page's best go as
"outside-article". Then author bios among the last kept lines, lines repeating other text of the page, and
lines without a word character leave the body, and every line the statistics removed gets a reason a person
understands."""

from __future__ import annotations

import re

from ..text.vocabulary import AUTHOR_BIO_COPULAS, AUTHOR_BIO_VERBS, AUTHOR_BIO_WORDS, alternation, entries
from .features import _BAD, _GOOD, _NEAR, _SHORT, _Feat

_REGION_MIN = 200.0  # a region weaker than this (and than a quarter of the best) is a stray blurb
_REGION_FRAC = 0.25
_REGION_CAP = 600.0  # a region this strong always stays (the next story of a glued file)
_HARD_REASONS = frozenset(("section-header", "teaser", "comment-form", "comment", "author-bio", "copyright", "legal"))


def _regions(feats: list[_Feat], keep: list[bool]) -> list[tuple[int, int, float]]:
    """Disjoint maximal-scoring segments (start, end inclusive, score) over line scores.

    Kadane with reset; when a segment closes, scanning resumes right after its best end, so a strong block
    that follows a long dip (the next glued story after a comment form) is found as a segment of its own
    instead of being swallowed by a run that never got back above its earlier best."""
    scores = [
        (max(20.0, min(f.length, 600) * (1.5 if f.cls == _GOOD else 0.8)))
        if k
        else (-150.0 if f.reason in _HARD_REASONS else -max(25.0, min(f.length, 200) * 0.6))
        for f, k in zip(feats, keep, strict=True)
    ]
    out = []
    n = len(scores)
    i = 0
    while i < n:
        if scores[i] <= 0:
            i += 1
            continue
        total = best = 0.0
        best_end = i
        j = i
        while j < n:
            total += scores[j]
            if total > best:
                best, best_end = total, j
            if total <= 0:
                break
            j += 1
        out.append((i, best_end, best))
        i = best_end + 1
    return out


def _drop_outside_regions(feats: list[_Feat], keep: list[bool]) -> None:
    """Kept lines outside every strong region go as "outside-article". A region stays if it is the page's best,
    or scores at least _REGION_MIN and a _REGION_FRAC of the best (capped at _REGION_CAP: so strong a region
    always stays)."""
    regions = _regions(feats, keep)
    if regions:
        top = max(r[2] for r in regions)
        inside = [False] * len(feats)
        for a, b, score in regions:
            if score == top or score >= max(_REGION_MIN, min(_REGION_FRAC * top, _REGION_CAP)):
                for k in range(a, b + 1):
                    inside[k] = True
        for k, f in enumerate(feats):
            if keep[k] and not inside[k]:
                keep[k] = False
                f.reason = "outside-article"


# Author and site blurbs at the end of an article: "<Name> is a reporter for...", "Molly Wood (@mollywood) is an
# Ideas contributor", "WIRED is where...". A name-shaped subject, a copula, then words that describe a person or
# a publication. Only the last few kept lines are tested: inside the article the same shape is ordinary news.
_BIO_RE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.'’&-]*\s){0,3}[A-ZÀ-Þ][\w.'’&-]*(?:\s\([^)]{1,40}\))?,?\s"
    rf"(?:{alternation(AUTHOR_BIO_COPULAS)}\s|(?P<verb>{alternation(AUTHOR_BIO_VERBS)})\b)",
)
_BIO_WORDS = entries(AUTHOR_BIO_WORDS)
_BIO_TAIL = 3  # kept lines at the end of the page that may be a bio


def _drop_tail_bios(feats: list[_Feat], keep: list[bool]) -> None:
    kept = [k for k in range(len(feats)) if keep[k]]
    for k in kept[-_BIO_TAIL:]:
        f = feats[k]
        m = _BIO_RE.match(f.core) if f.length <= 450 else None
        if m:
            low = f.low
            if m.group("verb") or any(w in low for w in _BIO_WORDS):
                keep[k] = False
                f.reason = "author-bio"


def _repeats(feats: list[_Feat], keep: list[bool]) -> None:
    """Lines repeating other text of the page: headlines printed twice, highlights and pull quotes that
    repeat a sentence of the body. The longer line (the paragraph) is the one that stays."""
    seen: dict[str, int] = {}
    for k, f in enumerate(feats):
        if f.length < 20:  # only lines this long count as repeats (and a repeat has the same length)
            continue
        key = f.low
        if key in seen:
            if keep[k]:
                keep[k] = False
                f.reason = "duplicate"
        else:
            seen[key] = k
    # Each kept line appears once in kept_text; a second hit means it is repeated inside another kept line.
    kept_text = "\n".join(f.core for k, f in enumerate(feats) if keep[k])
    for k, f in enumerate(feats):
        if keep[k] and 40 <= f.length < 400 and kept_text.count(f.core) >= 2:
            keep[k] = False
            f.reason = "highlight"


_WORD_CHAR_RE = re.compile(r"\w")


def _drop_symbol_lines(feats: list[_Feat], keep: list[bool]) -> None:
    """A kept line without a word character ("*", "* * *", "———", a lone zero-width space) carries no text: it
    leaves the body ("___", the news agencies' section rule, stays: it is printed as part of their copy). Done
    last, so such a line still counts as part of the article for the earlier passes (a scene break does not split
    a story)."""
    for k, f in enumerate(feats):
        if keep[k] and _WORD_CHAR_RE.search(f.text) is None:
            keep[k] = False
            f.reason = "no-text"


def _name_reasons(feats: list[_Feat], keep: list[bool], classes: list[str]) -> None:
    """Give lines removed by the statistics (no rule hit) a reason a person understands."""
    first_kept = next((k for k in range(len(feats)) if keep[k]), len(feats))
    # Length of the run of removed short lines each line belongs to (a menu is a run of them).
    runs = [0] * len(feats)
    k = 0
    while k < len(feats):
        j = k
        while j < len(feats) and not keep[j] and feats[j].cls == _SHORT:
            j += 1
        for m in range(k, j):
            runs[m] = j - k
        k = j + 1 if j == k else j
    for k, f in enumerate(feats):
        if keep[k] or f.reason:
            continue
        # Head of the article: headline, bullet highlights and standfirst just before the first kept line.
        if first_kept - 12 <= k < first_kept:
            if f.bullet:
                f.reason = "highlight"
                continue
            if f.cls == _NEAR or (f.cls == _GOOD and f.length < 400):
                f.reason = "standfirst"
                continue
            if f.cls == _SHORT and f.nwords >= 4 and not f.terminal:
                f.reason = "headline"
                continue
        if f.cls == _SHORT:
            f.reason = "menu-run" if runs[k] >= 3 else "short-no-sentence"
        elif f.cls == _BAD:
            f.reason = "not-prose"
        else:
            f.reason = "outside-article"
