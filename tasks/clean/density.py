"""Stopword density and the jusText-like line classes (good / near-good / short / bad).

The page's languages (each line votes for the language whose stopwords cover it best) and their density
limits, each line's class from its length, density and sentence shape, hard-wrapped paragraphs judged as the
paragraph their lines form, and the context pass that re-labels short and near-good lines by their
neighbours."""

from __future__ import annotations

import math
import statistics
from typing import NamedTuple

from .features import (
    _BAD,
    _DENSITY_WORDS,
    _FACTS,
    _GOOD,
    _LANGS,
    _LEN_HIGH,
    _LEN_LOW,
    _NEAR,
    _SHORT,
    UNMEASURED,
    _facts,
    _Feat,
)

# jusText-like stopword densities (the length limits are in features.py). The ISO lists are larger than jusText's, so
# "good" needs a higher density than jusText's 0.32; "bad" (not prose at all) is kept low: long sentence-shaped lines
# thin in stopwords are mostly names and numbers of the article (results, figures, lists of people), while furniture is
# caught by shape and vocabulary. Both are scaled down for pages whose article text is sparse in stopwords (see
# _thresholds).
_SW_LOW = 0.15
_SW_HIGH = 0.36
# The page's prose, whose density scales the limits: sentence-ended lines of paragraph size (_LEN_HIGH characters,
# or this many words: a Hangul or Hebrew paragraph is short in characters).
_PARAGRAPH_WORDS = 20
_SENTENCE_WORDS = 10  # a full sentence's worth of words


def _stopword_density(feats: list[_Feat]) -> list[int]:
    """Set every line's stopword density in the page's language(s).

    Each line with a few words votes for the language whose stopwords cover most of its tokens; every language
    with a fair share of the votes is one of the page's languages (a file may hold pages in several languages),
    and a line's density is its best coverage among them."""
    votes = [0] * len(_LANGS)
    scored = [f for f in feats if f.nwords]
    for f in scored:
        if f.vote >= 0:
            votes[f.vote] += 1
    top = max(votes)
    # No stopword hits at all: fall back to English (bit 0), as before.
    chosen = [b for b, v in enumerate(votes) if v == top or v >= max(3, 0.1 * top)] if top else [0]
    _set_density(scored, chosen)
    return chosen


def _set_density(scored: list[_Feat], chosen: list[int]) -> None:
    for f in scored:
        if f.vote == UNMEASURED:
            f.sw = 1.0  # no density to hold against it: every limit is met
    if len(chosen) == 1:
        b = chosen[0]
        for f in scored:
            if f.counts is not None:
                f.sw = f.counts[b] / f.counts[-1]
    else:
        for f in scored:
            c = f.counts
            if c is not None:
                f.sw = max([c[b] for b in chosen]) / c[-1]


class Limits(NamedTuple):
    """A page's (or one of its languages') stopword-density limits, and the density of its prose they come from."""

    low: float
    high: float
    prose: float | None = None


_DEFAULT = Limits(_SW_LOW, _SW_HIGH)


def _thresholds(feats: list[_Feat]) -> Limits:
    """Stopword-density limits, scaled down when the page's prose is sparse in stopwords (odd language guess,
    telegraphic style), so such a page does not lose its whole article."""
    measured = [f for f in feats if f.terminal and f.vote != UNMEASURED]
    prose = [f.sw for f in measured if f.length >= _LEN_HIGH or f.nwords >= _PARAGRAPH_WORDS]
    if not prose:  # an article of short paragraphs: its sentences
        prose = [f.sw for f in measured if f.nwords >= _SENTENCE_WORDS]
    return _scaled(prose, _DEFAULT)


def _scaled(dens: list[float], default: Limits) -> Limits:
    """Limits scaled to the median density of the page's prose (never above the defaults)."""
    if not dens:
        return default
    ref = statistics.median(dens)
    return Limits(min(_SW_LOW, 0.6 * ref), min(_SW_HIGH, 0.75 * ref), ref)


_SPREAD = 2.0  # standard deviations: the conventional "improbable", not fitted


def _below_prose(f: _Feat, limits: Limits) -> bool:
    """Is the line's stopword density too low for prose of the page: below the low limit and, when the page's
    prose density is known, improbably far below it for a sample of the line's size (_SPREAD binomial standard
    deviations: a short line's density, or a line in a language whose stopwords are prefixes, varies a lot)."""
    if f.sw >= limits.low:
        return False
    ref = limits.prose
    if ref is None:
        return True
    n = max(1, min(f.nwords, _DENSITY_WORDS))  # the words the density was measured on
    return f.sw < ref - _SPREAD * math.sqrt(ref * (1 - ref) / n)


def _thresholds_by_language(feats: list[_Feat], chosen: list[int], page: Limits) -> dict[int, Limits]:
    """With several languages on one page (glued stories), each language's lines get limits scaled on its own
    prose: Korean or Turkish prose, whose particles are suffixes, is thinner in stopword tokens than English."""
    if len(chosen) < 2:
        return {}
    dens: dict[int, list[float]] = {b: [] for b in chosen}
    for f in feats:
        # Paragraph-sized sentence-ended lines, counted in words: a length in characters would leave out most
        # Hangul paragraphs, which pack a word into two or three characters.
        if f.vote in dens and f.nwords >= 25 and f.terminal:
            dens[f.vote].append(f.sw)
    return {b: _scaled(d, page) for b, d in dens.items()}


def _classify(f: _Feat, limits: Limits) -> str:
    sw_high = limits.high
    if f.length < _LEN_LOW:
        # A short full sentence ("Nobody was hurt.") reads like the article when its neighbours do; a menu item,
        # button or headline does not end like a sentence.
        if f.nwords >= 5 and f.sw >= sw_high and f.upper and not f.bullet:
            return _NEAR
        return _SHORT
    if f.nwords < 3:
        return _SHORT
    if _below_prose(f, limits):
        return _BAD if f.length >= _LEN_HIGH or f.terminal else _SHORT
    # Lines without a sentence ending are headlines, teaser titles or menu items unless they are long.
    if not f.terminal and f.length < _LEN_HIGH:
        return _SHORT
    if f.bullet and f.length < _LEN_HIGH:
        return _NEAR if f.terminal else _SHORT
    if f.sw >= sw_high and (f.length >= _LEN_HIGH or (f.terminal and f.length >= 120)):
        return _GOOD
    return _NEAR


def _promote_best_prose(feats: list[_Feat]) -> None:
    """A page without a single good line (an article of a few short paragraphs, or in a language whose stopwords
    cover its prose thinly) keeps its near-good sentences of a paragraph's size: its article is the best prose it
    has."""
    if any(f.cls == _GOOD for f in feats):
        return
    for f in feats:
        if f.cls == _NEAR and f.terminal and f.nwords >= _SENTENCE_WORDS:
            f.cls = _GOOD


def _context(classes: list[str]) -> list[str]:
    """jusText's context pass: short and near-good lines take the class of their surroundings.

    For every line, the class of the nearest decided line before and after it, once ignoring near-good lines
    (good / bad only) and once not (page edges count as bad): the ones before are noted in a pass forward, the
    ones after are tracked in the pass backward that decides."""
    n = len(classes)
    out = list(classes)
    prev_i, prev_n = [_BAD] * n, [_BAD] * n
    li = ln = _BAD
    for i, c in enumerate(classes):
        if c in (_GOOD, _BAD):
            li = ln = c
        else:  # only short and near-good lines are re-labelled: only theirs are read
            prev_i[i] = li
            prev_n[i] = ln
            if c == _NEAR:
                ln = c
    li = ln = _BAD
    for i in range(n - 1, -1, -1):
        c = classes[i]
        if c == _SHORT:
            prev = prev_i[i]
            if prev == li:
                out[i] = prev
            elif (prev == _BAD and prev_n[i] == _NEAR) or (li == _BAD and ln == _NEAR):
                out[i] = _GOOD
            else:
                out[i] = _BAD
        elif c == _NEAR:
            out[i] = _BAD if prev_i[i] == li == _BAD else _GOOD
            ln = c
        elif c in (_GOOD, _BAD):
            li = ln = c
    return out


_WRAP_MIN_CHARS = 30  # a hard-wrapped line (but the paragraph's last) fills most of the column


def _continues(a: _Feat, b: _Feat) -> bool:
    """Does line b carry on the sentence of line a on the next raw line (a hard line break mid-sentence)?"""
    return not a.terminal and b.core[:1].islower() and not a.core.endswith(":")


def _join_wrapped(feats: list[_Feat], chosen: list[int], limits: Limits) -> None:
    """Plain-text pages wrapped at a fixed width split each paragraph over several raw lines, none of which looks
    like prose alone. Adjacent lines (no blank line between) that continue each other's sentences are judged as
    the paragraph they form, and every one of them takes the paragraph's verdict."""
    n = len(feats)
    i = 0
    while i < n - 1:
        j = i
        joins = 0
        while (
            j + 1 < n
            and feats[j + 1].number == feats[j].number + 1
            and feats[j].length >= _WRAP_MIN_CHARS
            and not feats[j].bullet
            and not feats[j + 1].bullet
        ):
            joins += _continues(feats[j], feats[j + 1])
            j += 1
        if j > i and joins * 2 >= j - i:
            run = feats[i : j + 1]
            text = " ".join(f.core for f in run)
            para = _Feat(-1, text, _FACTS.get(text) or _facts(text))
            _set_density([para], chosen)
            cls = _BAD if para.reason else _classify(para, limits)
            for f in run:
                f.cls, f.reason, f.kind, f.menuish, f.sig = cls, para.reason, None, False, False
        i = j + 1
