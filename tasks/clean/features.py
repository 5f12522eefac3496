"""Per-line facts: everything a line's text alone decides, computed once per distinct line text and cached
(a site's template lines repeat on every one of its pages): the line's core without its bullet, its length,
sentence end, tokens and packed stopword counts per language, its language vote, the furniture verdict of
rules.py, comment signature, menu and teaser shapes. _Feat holds them for one line of a page, with the verdicts
the passes over the page add."""

from __future__ import annotations

import operator
import re

from ..text.cache import LINE_CACHE_ENTRIES, LineCache
from ..text.lines import BULLET_MARKS, BULLET_RE
from ..text.scripts import CJK, SOUTHEAST_ASIAN, SOUTHEAST_ASIAN_RE, count_words, ends_sentence, starts_like_sentence
from ..text.stopwords import stopwords
from .guards import _PK
from .rules import (
    _COPYRIGHT_BIT,
    _DIGIT_RE,
    _FOLD_ODD,
    _FOOTER_OPENERS,
    _SAYS,
    _SIGNATURE_FIRST,
    _SIGNATURE_RE,
    _TRIGGER_KEYS,
    _TRIGGERS,
    _is_caption,
    _rule,
)

# Languages tried when guessing the page's stopword list. Ordered by how common they are in our input, so a tie
# goes to the more likely language.
_LANGS = (
    "en",
    "de",
    "es",
    "fr",
    "it",
    "pt",
    "nl",
    "sv",
    "da",
    "no",
    "fi",
    "pl",
    "cs",
    "sk",
    "ro",
    "hu",
    "hr",
    "sl",
    "tr",
    "ru",
    "uk",
    "bg",
    "el",
    "ar",
    "fa",
    "ur",
    "he",
    "hi",
    "bn",
    "id",
    "ms",
    "vi",
    "th",
    "zh",
    "ja",
    "ko",
    "ca",
    "eu",
    "gl",
    "lt",
    "lv",
    "et",
    "sw",
    "tl",
    "af",
    "mr",
    "gu",
    "hy",
    "ku",
    "ha",
    "yo",
    "so",
    "zu",
    "st",
    "ga",
    "eo",
    "la",
    "br",
    "ps",
    "pa",
)


# word -> packed counter: a 1 in the 8-bit field of every language whose stopword list holds the word. Summing
# these integers over a line counts the line's stopwords in all languages at once (one look-up per token).
_FIELD = 8  # bits: at most _DENSITY_WORDS (< 256) words are counted; narrow fields keep the sums cheap
_PACKED_BYTES = _FIELD * len(_LANGS) // 8
_WORD_LANGS: dict[str, int] = {}
for _bit, _lang in enumerate(_LANGS):
    for _w in stopwords(_lang):
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, 0) + (1 << (_FIELD * _bit))
# Lines are tokenised by splitting on spaces (cheap), so a stopword can carry a comma or an opening quote.
for _w, _v in list(_WORD_LANGS.items()):
    for _mark in ",.:;":
        _WORD_LANGS[_w + _mark] = _v
    for _mark in '"“„«(¿¡':
        _WORD_LANGS[_mark + _w] = _v

# CJK ideographs and kana carry a word's worth of meaning per character and are written without spaces: they
# are tokenised one character at a time (the zh/ja stopword lists hold the common single-character particles).
_TOKEN_RE = re.compile(rf"[{CJK}]|[^\W_{CJK}]+")
_CJK_RE = re.compile(rf"[{CJK}]")

_BULLET_RE = BULLET_RE

_GOOD, _NEAR, _SHORT, _BAD = "good", "near-good", "short", "bad"
UNMEASURED = -2  # _Feat.vote of a line whose stopword density cannot be measured (a script without word spaces)

# jusText-like length limits (characters; a CJK character counts as three; 60 rather than jusText's 70 keeps
# short article paragraphs in play). The stopword densities that go with them are in density.py.
_LEN_LOW = 60
_LEN_HIGH = 200
_SENTENCE_MIN = 25  # characters: shorter terminal lines are buttons and fragments, not sentences

# Shapes the text alone decides (_Feat.menuish, _Feat.shape), for the passes over the page in structure.py.
_MENU_ITEM_MAX = 20  # characters: "Home", "World news", "• /Politics"
_PAIR_TITLE = (15, 160)  # characters: a teaser title, then its blurb (see structure.py's teaser pairs)
_PAIR_BLURB = (30, 320)
_CUT_CHARS = 60  # an excerpt cut short with "..."
_TITLE, _BLURB, _CUT = 1, 2, 4  # _Feat.shape bits, decided by the text alone (see _facts)


class _Feat:
    """One non-blank line: the cached facts of its text (see _facts) plus the page-level verdicts."""

    __slots__ = (
        "number",
        "text",
        "core",
        "bullet",
        "length",
        "terminal",
        "nwords",
        "counts",
        "reason",
        "kind",
        "sig",
        "menuish",
        "upper",
        "shape",
        "low",
        "vote",
        "sw",
        "cls",
    )

    def __init__(self, number: int, text: str, facts: tuple) -> None:
        self.number = number
        self.text = text
        (
            self.core,
            self.bullet,
            self.length,
            self.terminal,
            self.nwords,
            self.counts,
            self.reason,
            self.kind,
            self.sig,
            self.menuish,
            self.upper,
            self.shape,
            self.low,
            self.vote,
        ) = facts
        self.sw = 0.0
        self.cls = _SHORT


# Everything a line's text alone decides is computed once per distinct line and cached: a site's template lines
# (menus, share bars, footers) repeat on every one of its pages. Bounded (see tasks/text/cache.py).
_FACTS: LineCache[tuple] = LineCache(LINE_CACHE_ENTRIES)
_DENSITY_WORDS = 48
_HIGH_RE = re.compile("[\u3040-\U0010ffff]")  # any character from the kana on (max(core) made a str per character)
# Either that or a Southeast Asian letter: one scan clears most non-ASCII lines (Latin, Cyrillic, Arabic...) of both.
_HIGH_OR_SOUTHEAST_RE = re.compile(f"[{SOUTHEAST_ASIAN}\u3040-\U0010ffff]")
_HEAD = operator.itemgetter(slice(0, 6))  # a word's first _TRIGGER_LEN letters
_SPLIT_MARKS = "’‘–—/"
_BULLET_FIRST = frozenset(BULLET_MARKS + "0123456789")  # a line's first character when it can be a list item
_DENOMINATOR = [bytes((k,)) for k in range(_DENSITY_WORDS + 1)]


def _facts(s: str) -> tuple:
    m = _BULLET_RE.match(s) if s[0] in _BULLET_FIRST else None
    core = s[m.end() :] if m else s
    ascii_only = core.isascii()
    # Most non-ASCII text holds neither kana or above nor a Southeast Asian letter.
    high_or_southeast = not ascii_only and _HIGH_OR_SOUTHEAST_RE.search(core) is not None
    cjk = high_or_southeast and _HIGH_RE.search(core) is not None
    length = len(core) + 2 * len(_CJK_RE.findall(core)) if cjk else len(core)
    terminal = ends_sentence(core)
    low = core.lower()
    # Tokens are only needed for lines that may be prose: long ones, and short full sentences. Splitting on
    # spaces is 3x cheaper than a token regex; the stopword table also holds "the," / "(the" forms (see above).
    # Unspaced scripts (CJK) still go through the regex, one token per ideograph.
    counts = None
    nwords = 0
    vote = -1  # the language (bit) whose stopwords cover the line best, for lines with a few words
    # Apostrophes and hyphens split words as the token regex did ("don't" -> "don", "t").
    words = low.replace("'", " ").replace("-", " ")
    if not ascii_only:  # str.translate is slow on non-ASCII text; a few replace() scans are not
        for mark in _SPLIT_MARKS:
            if mark in words:
                words = words.replace(mark, " ")
    words = words.split()
    if length >= _LEN_LOW or (terminal and length >= _SENTENCE_MIN):
        if cjk and _CJK_RE.search(low):
            words = _TOKEN_RE.findall(low)
        nwords = len(words)
        if nwords and high_or_southeast and SOUTHEAST_ASIAN_RE.search(core):
            # Thai, Lao, Khmer, Myanmar: a space ends a phrase, not a word, so neither the words nor their stopword
            # density can be read off the tokens: the line is judged by its length and shape alone.
            nwords, vote = max(nwords, count_words(core)), UNMEASURED
        elif nwords:
            # The density of a long paragraph is estimated from its first words: the cost of a line stays bounded.
            # Only stopwords are added up (adding a zero still copies the 360-bit counter).
            packed = sum(
                filter(None, map(_WORD_LANGS.get, words[:_DENSITY_WORDS] if nwords > _DENSITY_WORDS else words))
            )
            if packed:
                # One count per language, and the denominator rides along at the end. Bytes, not a list: the
                # cached facts then hold no container the garbage collector has to traverse again and again.
                counts = packed.to_bytes(_PACKED_BYTES, "little") + _DENOMINATOR[min(len(words), _DENSITY_WORDS)]
                if nwords >= 5:
                    vote = counts.index(max(counts[:-1]))
    # The phrase rules (rules.py) run only if one of their words (by its first six letters) is in the line: a set
    # test instead of a hundred substring searches.
    vocab = 0
    if length <= 600:
        hits = _TRIGGER_KEYS.intersection(map(_HEAD, words))
        if hits:
            for hit in hits:
                vocab |= _TRIGGERS[hit]
        if "©" in s:
            vocab |= _COPYRIGHT_BIT
    elif low.startswith(_FOOTER_OPENERS):  # past the trigger words' 600 characters, rules._phrase_rule still reads it
        vocab |= _COPYRIGHT_BIT
    reason, kind = _rule(s, core, low, length, terminal, vocab)
    # A comment signature ("Name says:", "Reply", "12 Votes"), behind cheap tests: long signatures hold a colon
    # ("says:", "at 6:34 am"); short ones without a colon or a dot are "Reply" or "12 Votes", which start with one
    # of a few characters.
    sig = False
    if (
        length <= 80
        and (not terminal or core.endswith(":"))
        and (":" in core or length <= 30 and ("." in core or low[:1] in _SIGNATURE_FIRST))
        # Every branch of the regex starts with one of those characters, holds a "says" word or a digit.
        and (
            low[:1] in _SIGNATURE_FIRST
            or _DIGIT_RE.search(low) is not None
            or any(w in low for w in _SAYS)
            or (not ascii_only and not _FOLD_ODD.isdisjoint(core))
        )
    ):
        sig = _SIGNATURE_RE.match(core) is not None
    spaces = core.count(" ")
    menuish = length <= _MENU_ITEM_MAX and not terminal and spaces <= 3
    cut = core.endswith(("...", "…"))
    shape = (
        (
            (_PAIR_TITLE[0] <= length <= _PAIR_TITLE[1] and (not terminal or cut) and spaces >= 2)
            and not core.endswith(":")
        )
        * _TITLE
        | (_PAIR_BLURB[0] <= length <= _PAIR_BLURB[1] and (terminal or cut)) * _BLURB
        | (length >= _CUT_CHARS and cut) * _CUT
    )
    # Only density._classify reads it, and only for a short line of five words or more: the test is saved on the
    # others.
    upper = length < _LEN_LOW and nwords >= 5 and starts_like_sentence(core)
    facts = (core, bool(m), length, terminal, nwords, counts, reason, kind, sig, menuish, upper, shape, low, vote)
    _FACTS.put(s, facts)
    return facts


_REASON = 6  # the rule verdict's place in the facts (see the tuple above and _Feat)


def looks_like_caption(line: str) -> bool:
    """True if `line` reads like a photo caption or a photo credit (and not like an article paragraph)."""
    s = line.strip()
    if not s or len(s) > 600:
        return False
    # The metadata stage asks about the lines the cleaner has just judged: their rule verdict answers when it is
    # "caption" or none at all (_rule tries the caption test last), so the test runs again only on the few lines
    # another rule caught first.
    facts = _FACTS.peek(s)
    if facts is not None:
        reason = facts[_REASON]
        if reason is None:
            return False
        if reason == "caption":
            return True
    return _is_caption(s, s[:_PK].lower())
