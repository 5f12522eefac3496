"""Page furniture recognised by its vocabulary and shape, whatever the line's neighbours.

Share widgets, clocks and dates, teasers, section / author / comment headers, comment forms, copyright, policy
and cookie notices, calls to action, disclaimers, legal links, ads, bylines, highlight headers, captions and
photo credits, comment signatures. _rule gives a line's verdict from its text alone (features.py caches it per
distinct line). Anchored regexes sit behind prefix guards (guards.py); phrase lists only run on lines holding
one of their trigger words (_TRIGGERS)."""

from __future__ import annotations

import re

from ..text.lines import (
    AUTHOR_HEADER_RE,
    BYLINE_RE,
    COMMENT_HEADER_RE,
    HIGHLIGHT_HEADER_RE,
    LEGAL_LINK_RE,
    SECTION_HEADER_RE,
    TEASER_LABEL_RE,
    is_date_line,
)
from ..text.vocabulary import (
    AD_BREAKS,
    AD_LABELS,
    BROWSER_NOTICE_PHRASES,
    CALL_TO_ACTION_PHRASES,
    COMMENT_FORM_FIELDS,
    COMMENT_FORM_PHRASES,
    COOKIE_CONTEXT_WORDS,
    COOKIE_WORDS,
    CREDIT_WORDS,
    DISCLAIMER_PHRASES,
    LIVE_LABELS,
    MINUTE_WORDS,
    PICTURE_AGENCIES,
    POLICY_PHRASES,
    READ_TIME_AFTER,
    READ_TIME_BEFORE,
    READER_PROMPTS,
    SAYS_VERBS,
    SHARE_WIDGET_WORDS,
    SKIP_LINKS,
    WEATHER_WORDS,
    alternation,
    entries,
    first_letter_alternation,
    words,
)
from ..text.vocabulary import RIGHTS_RESERVED as RIGHTS_RESERVED_BY_LANGUAGE
from .guards import _PK, _Guard, _heads

# --------------------------------------------------------------------------------------------------------------
# Vocabulary: one regex or phrase list per kind of furniture
# --------------------------------------------------------------------------------------------------------------

# A toolbar line: share / follow / print / login words (and skip links) only, in any order and number.
_SHARE_RE = re.compile(rf"^(?:{alternation(SHARE_WIDGET_WORDS, SKIP_LINKS)}[\s,|/·•:]*)+$", re.I)
_SHARE_PHRASE_RE = re.compile(rf"^{alternation(READER_PROMPTS)}[\s.!:]*$", re.I)

_CLOCK_PHRASE_RE = re.compile(
    r"^(?:"
    + alternation(WEATHER_WORDS)
    + r"|\d{1,3}\s?°\s?[cf]?\b|"  # a temperature
    + alternation(LIVE_LABELS)
    + r"|\d+\s*"
    + alternation(MINUTE_WORDS)
    + r"\.?\s*"
    + alternation(READ_TIME_AFTER)
    + "|"
    + alternation(READ_TIME_BEFORE)
    + r"[:\s]+.{0,20})\W*",
    re.I,
)

# Teaser labels ("Read more: ..."), section headers ("Related Articles") and author-box headers: the shared
# verdicts' patterns (tasks/text/lines.py), from the one vocabulary of each concept.
_TEASER_RE = TEASER_LABEL_RE
_TEASER_HEADER_RE = SECTION_HEADER_RE  # opens a block of teasers: the lines under it link to other stories
_AUTHOR_HEADER_RE = AUTHOR_HEADER_RE
_COMMENT_HEADER_RE = COMMENT_HEADER_RE
_COMMENT_FIELD_RE = re.compile(rf"^{alternation(COMMENT_FORM_FIELDS)}[\s:.!*]*$", re.I)
# Comment-form sentences, found as plain substrings of the lower-cased line (much faster than a regex search).
_COMMENT_PHRASES = entries(COMMENT_FORM_PHRASES)
# "All rights reserved" in every language of the vocabulary: also the splitter's and metadata stage's.
RIGHTS_RESERVED = entries(RIGHTS_RESERVED_BY_LANGUAGE)
_COPYRIGHT_PHRASES = ("©", "copyright", *RIGHTS_RESERVED)
_FOOTER_OPENERS = ("©", "copyright")  # a line opening so is a footer however long it runs on
# Policy notices (C4's policy substrings) and browser / ad-blocker notices.
_POLICY_PHRASES = entries(POLICY_PHRASES, BROWSER_NOTICE_PHRASES)
# Calls to action around an article (newsletter boxes, "follow us", app and donation pleas), found by vocabulary a
# news paragraph almost never uses, in lines too short to be a paragraph about the subject itself.
_CTA_WORDS = entries(CALL_TO_ACTION_PHRASES)
_CTA_MAX = 250
# Disclaimers and affiliate notes: the site speaking about itself.
_DISCLAIMER_WORDS = entries(DISCLAIMER_PHRASES)


_LEGAL_RE = LEGAL_LINK_RE
_AD_RE = re.compile(rf"^{alternation(AD_LABELS, AD_BREAKS)}[\s:.]*$", re.I)
# A byline: the shared verdict's label and a name or two ("gravatar": a commenter's avatar).
_BYLINE_RE = re.compile(BYLINE_RE.pattern.replace("\\S", "\\S.{0,80}$"), re.I)
_HIGHLIGHT_HEADER_RE = HIGHLIGHT_HEADER_RE


# --------------------------------------------------------------------------------------------------------------
# Phrase lists: searched only in lines holding one of their trigger words
# --------------------------------------------------------------------------------------------------------------


def _trigger(phrase: str) -> str:
    words = phrase.lower().replace("'", " ").replace("-", " ").split()
    return max(words, key=len)[:_TRIGGER_LEN] if words else ""


_TRIGGER_LEN = 6
_COOKIE_WORDS = entries(COOKIE_WORDS)
_COOKIE_CONTEXT = entries(COOKIE_CONTEXT_WORDS)  # a consent banner's sentence
# Phrase list -> bit; a trigger maps to the lists it came from, so a line only searches the lists it may match.
_GROUPS = {
    "comment": (1, _COMMENT_PHRASES),
    "copyright": (2, _COPYRIGHT_PHRASES),
    "policy": (4, _POLICY_PHRASES),
    "cookie": (8, _COOKIE_WORDS),
    "cta": (16, _CTA_WORDS),
    "disclaimer": (32, _DISCLAIMER_WORDS),
}
_G = {name: bit for name, (bit, _) in _GROUPS.items()}
_TRIGGERS: dict[str, int] = {}
for _bit, _phrases in _GROUPS.values():
    for _p in _phrases:
        _t = _trigger(_p)
        _TRIGGERS[_t] = _TRIGGERS.get(_t, 0) | _bit
_TRIGGER_KEYS = frozenset(_TRIGGERS)

# Lines over 200 characters search the policy phrases only: "your browser" / "JavaScript" / "ad blocker" in a
# paragraph is more likely a tech article than a browser notice.
_POLICY_PHRASES_LONG = entries(POLICY_PHRASES)

_COMMENT_BIT, _COPYRIGHT_BIT, _POLICY_BIT = _G["comment"], _G["copyright"], _G["policy"]
_COOKIE_BIT, _CTA_BIT, _DISCLAIMER_BIT = _G["cookie"], _G["cta"], _G["disclaimer"]


# --------------------------------------------------------------------------------------------------------------
# Short lines: the full-line rules, each behind its prefix guard
# --------------------------------------------------------------------------------------------------------------


def _body(rx: re.Pattern[str]) -> str:
    p = rx.pattern
    return p[1:-1] if p.startswith("^") and p.endswith("$") else p.lstrip("^")


# The full-line rules for short lines, in precedence order; the key is the verdict's kind (_SHORT_REASON).
_SHORT_RULES = {
    "comment_header": _COMMENT_HEADER_RE,
    "teaser_header": _TEASER_HEADER_RE,
    "author_header": _AUTHOR_HEADER_RE,
    "highlight_header": _HIGHLIGHT_HEADER_RE,
    "share": _SHARE_RE,
    "share_phrase": _SHARE_PHRASE_RE,
    "comment_field": _COMMENT_FIELD_RE,
    "clock": _CLOCK_PHRASE_RE,
    "ad": _AD_RE,
    "legal": _LEGAL_RE,
}
_SHORT_REASON = {
    "comment_header": "comment-form",
    "teaser_header": "section-header",
    "author_header": "author-bio",
    "highlight_header": "highlight",
    "share": "share-widget",
    "share_phrase": "share-widget",
    "comment_field": "comment-form",
    "clock": "clock-weather",
    "ad": "ad",
    "legal": "legal",
}


def _short_alternation() -> re.Pattern[str]:
    """All the short-line rules in one regex, group order the precedence and group name the verdict: the verdict
    _rule must give (the tests hold _SHORT_CANDS to it; compiled only there)."""
    return re.compile("|".join(f"(?P<{k}>{_body(v)})" for k, v in _SHORT_RULES.items()), re.I)


# The short-line rules one by one, each behind its own (much narrower) guard: a line runs only the few rules that
# can start the way it does, in _SHORT_RULES' precedence order, instead of the whole alternation (which one line
# in four reached through the union of the guards). Same verdict: the alternation's first matching branch. (A rule
# regex is anchored at both ends or ends open: its fullmatch is its body's.)
_SHORT_EACH = [(k, v, _Guard(v)) for k, v in _SHORT_RULES.items()]

# The anchored rules _rule tries apart from the short-line ones, each behind its guard as one set test.
_TEASER_G = _Guard(_TEASER_RE)
_BYLINE_G = _Guard(_BYLINE_RE)
_SHARE_PHRASE_G = next(g for k, _, g in _SHORT_EACH if k == "share_phrase")  # the same regex
_TEASER_HEADS = _heads(_TEASER_G)
_BYLINE_HEADS = _heads(_BYLINE_G)
_SHARE_PHRASE_HEADS = _heads(_SHARE_PHRASE_G)
_SHORT_CANDS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _k, _rx, _g in _SHORT_EACH:
    for _h in _g.exact:
        _SHORT_CANDS[_h] = (*_SHORT_CANDS.get(_h, ()), (_k, _rx))
_SHORT_STARTS = tuple({p for _, _, _g in _SHORT_EACH for p in _g.starts})  # ("3°", ...): rare, slow path


def _short_cands(head: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, rx) for k, rx, g in _SHORT_EACH if g.possible(head))


# --------------------------------------------------------------------------------------------------------------
# Photo captions and credits
# --------------------------------------------------------------------------------------------------------------

# Grouped by first letter (see vocabulary.first_letter_alternation): the tail is searched at every position.
_AGENCY = first_letter_alternation(entries(PICTURE_AGENCIES))
_CREDIT = first_letter_alternation(entries(CREDIT_WORDS))
_CAPTION_START_RE = re.compile(
    r"^(?:in this (?:image|photo|picture|handout|file|undated|video|photograph|frame|screen ?grab|aerial)|"
    r"this (?:image|photo|picture|handout photo|file photo|undated photo)|file photo|file picture|"
    r"(?:photo|foto|bild|image|picture|pictured|photograph|credit|caption|fotografía|crédit|quelle|"
    r"bildquelle|image source|photo credit|photo by|image by)\s*[:|(]|photo by |image: |pictured:|"
    r"\((?:photo|image|picture|foto)\b)",
    re.I,
)
_CAPTION_END_RE = re.compile(
    # The lookahead (the characters a branch can start with, or the line's start) is implied by the branches: it
    # lets the search pass over the other positions of the tail at the cost of one class test each.
    r"(?=[(\[\s|/©cvg]|^)(?:"
    r"[(\[]\s*(?:[^()\[\]]{0,60}/\s*)?" + _AGENCY + r"\b[^()\[\]]{0,60}[)\]]"  # (AFP/File), [Name/AFP]
    r"|[(\[](?![\d/\s.-]+[)\]])[^()\[\]/]{1,60}/[^()\[\]]{1,60}[)\]]"  # (Name/Agency), not a date "(27/2/2025)"
    r"|(?:^|[\s|/(])" + _CREDIT + r"s?\s*:\s*[^.:]{2,80}"  # Photo: Name
    r"|\bcc[ -]by(?:[ -](?:sa|nc|nd))*(?:[ -]\d\.\d)?"  # a Creative Commons licence
    r"|(?:[/|©]|\bvia)\s*" + _AGENCY + r"\b[^.]{0,40}"  # / AFP, © dpa
    r"|\bgetty images\b[^.]{0,30}"
    r")\s*[.)\]]?\s*$",
    re.I,
)

_CAPTION_START_G = _Guard(_CAPTION_START_RE)
_CAPTION_HEADS = _heads(_CAPTION_START_G)

# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not give that letter
# ("ı" ~ "i", "ſ" ~ "s", Kelvin "K" ~ "k"): a line holding one skips the substring pre-tests below (and the
# signature's in features.py).
_FOLD_ODD = frozenset("ıİſKÅ")
_CAPTION_WORDS = tuple(sorted(words(CREDIT_WORDS)))  # one of them precedes the colon of "Photo: Name"


def _is_caption(s: str, head: str) -> bool:
    """Does `s` read like a photo caption or a photo credit (and not like an article paragraph)? For a stripped,
    non-empty line of at most 600 characters; `head` = s[:3].lower(). (features.looks_like_caption, the public
    test, answers from the cached verdicts of _rule first.)"""
    if head in _CAPTION_HEADS and _CAPTION_START_RE.match(s):
        return True
    # Credits sit at the end of the line; look only there, and only if a credit's marks are present.
    tail = s[-120:]
    if not (")" in tail or "]" in tail or ":" in tail or "/" in tail or "©" in tail):
        low = tail.lower()
        if not ("getty" in low or "via " in low):
            return False
    # Each branch of _CAPTION_END_RE needs some marks or words in the tail; the regex search (every start
    # position of the tail) only runs if one of them can match.
    if (
        "/" in tail
        or "|" in tail
        or "©" in tail
        or (("(" in tail or "[" in tail) and (")" in tail or "]" in tail))
        or (not tail.isascii() and not _FOLD_ODD.isdisjoint(tail))
    ):
        return _CAPTION_END_RE.search(tail) is not None
    low = tail.lower()
    if (
        "cc by" in low
        or "cc-by" in low
        or "via" in low
        or "getty" in low
        or ":" in tail
        and any(w in low for w in _CAPTION_WORDS)
    ):
        return _CAPTION_END_RE.search(tail) is not None
    return False


# --------------------------------------------------------------------------------------------------------------
# Comment signatures
# --------------------------------------------------------------------------------------------------------------

# The lines between the comments of a thread: "Name says:", "Reply", "12 Votes", "May 3, 2019 at 6:34 am"
# (structure.py finds the threads).
_SIGNATURE_RE = re.compile(
    rf"^(?:.{{1,60}}\s{alternation(SAYS_VERBS)}\s?:|"
    r"(?:reply|replies|antworten|antwort|responder|répondre|rispondi|report|report abuse|melden|like|likes|"
    r"permalink|flag|upvote|downvote|(?:view|load|show) (?:all|more)(?: replies| comments)?|\(view all\))"
    r"(?:\s*[↓↑|·•]\s*(?:reply|report|like|share|flag|permalink))*|"
    r"(?:rating:\s*)?[+-]?\d+\s*(?:votes?|likes?|replies|points|stimmen|antworten)|"
    r".{0,40}\d{4}\s+(?:at|um|à|a las|alle)\s+\d{1,2}[:.]\d\d.{0,12}|"
    r".{0,30}\bago\s+at\s+\d{1,2}[:.]\d\d.{0,12})[\s.!]*$",
    re.I,
)
_SIGNATURE_FIRST = frozenset("rapmlfudvs(+-0123456789")  # reply, antworten, permalink, like, flag, 12 votes...
_SAYS = tuple(word for verb in entries(SAYS_VERBS) for word in verb.split())  # _SIGNATURE_RE's "Name says:" verbs


# --------------------------------------------------------------------------------------------------------------
# The verdict of a line's text alone
# --------------------------------------------------------------------------------------------------------------

_LETTER_RE = re.compile(r"[^\W\d_]")
_DIGIT_RE = re.compile(r"\d")


def _is_number_only(core: str) -> bool:
    """A figure standing alone: a vote or comment count, a page or gallery counter ("3", "1 of 6", "2/10")."""
    if _DIGIT_RE.search(core) is None:
        return False
    if _LETTER_RE.search(core) is None:
        return True
    # at most one short word between the figures: "1 of 6", "1 von 6", "3 de 8" (the letters are only counted
    # in a line of three words)
    parts = core.split()
    return len(parts) == 3 and parts[1].isalpha() and len(_LETTER_RE.findall(core)) <= 3


def _rule(s: str, core: str, low: str, n: int, terminal: bool, vocab: int) -> tuple[str | None, str | None]:
    """The reason a line is furniture whatever its neighbours (or None), and which short-line rule matched.
    `vocab` has the bit of every phrase list (_GROUPS) one of whose trigger words the line holds."""
    head = low[:_PK]
    if n <= 80:
        cands = _short_cands(head) if _SHORT_STARTS and head.startswith(_SHORT_STARTS) else _SHORT_CANDS.get(head)
        if cands:
            for kind, rx in cands:
                if rx.fullmatch(core):
                    return _SHORT_REASON[kind], kind
        if is_date_line(core):
            return "clock-weather", None
        if _is_number_only(core):
            return "number-only", None
        if not terminal and (low.endswith(" ago") or head in _BYLINE_HEADS and _BYLINE_RE.match(core)):
            return "byline", None
    elif n <= 200 and head in _SHARE_PHRASE_HEADS and _SHARE_PHRASE_RE.match(core):
        return "share-widget", None
    if head in _TEASER_HEADS and _TEASER_RE.match(core):
        return "teaser", None
    if vocab:
        verdict = _phrase_rule(low, n, vocab)
        if verdict is not None:
            return verdict, None
    # The caption test last (s is stripped and non-empty; the 600-character limit is tested here): features.py's
    # looks_like_caption reads a verdict of None as "not a caption".
    if len(s) <= 600 and _is_caption(s, s[:_PK].lower()):
        return "caption", None
    return None, None


def _phrase_rule(low: str, n: int, vocab: int) -> str | None:
    if vocab & _COMMENT_BIT and n <= 300 and any(p in low for p in _COMMENT_PHRASES):
        return "comment-form"
    short_enough = n <= 400 or low.startswith(_FOOTER_OPENERS)
    if vocab & _COPYRIGHT_BIT and short_enough and any(p in low for p in _COPYRIGHT_PHRASES):
        return "copyright"
    if vocab & _POLICY_BIT and any(p in low for p in (_POLICY_PHRASES if n <= 200 else _POLICY_PHRASES_LONG)):
        return "cookie-notice" if "cookie" in low else "legal"
    # Consent banners explain their cookie categories in full sentences ("Necessary cookies are essential...").
    if vocab & _COOKIE_BIT and any(w in low for w in _COOKIE_WORDS) and any(w in low for w in _COOKIE_CONTEXT):
        return "cookie-notice"
    if vocab & _CTA_BIT and n <= _CTA_MAX and any(w in low for w in _CTA_WORDS):
        return "call-to-action"
    if vocab & _DISCLAIMER_BIT and n <= 500 and any(w in low for w in _DISCLAIMER_WORDS):
        return "legal"
    return None
