"""What a line of a page is, by its text alone: verdicts the cleaner, the splitter and the metadata stage share.

Each verdict is decided here once, from the concept's one vocabulary (tasks/text/vocabulary.py), and computed
once per distinct line (`line_features`, cached: a site's template lines repeat on every page). A stage may weigh
a verdict its own way (the cleaner removes a date line, the splitter takes it as the line under a headline), but
no stage has its own idea of what a date line, a "Related Articles" header or a byline label is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .cache import LINE_CACHE_ENTRIES, LineCache
from .dates import is_date_line
from .stopwords import every_stopword, stopwords
from .vocabulary import (
    AUTHOR_BOX_LABELS,
    AUTHOR_HEADERS,
    AUTHOR_LABELS,
    BYLINE_LABELS,
    COMMENT_COUNTS,
    COMMENT_HEADERS,
    CREDIT_WORDS,
    HIGHLIGHT_HEADERS,
    KICKER_LABELS,
    LEGAL_LINKS,
    MINUTE_WORDS,
    READ_MORE_LINKS,
    READ_TIME_AFTER,
    READ_TIME_BEFORE,
    RIGHTS_RESERVED,
    SAYS_VERBS,
    SECTION_LABELS,
    SKIP_LINKS,
    TEASER_LABELS,
    TEASER_LIST_HEADERS,
    alternation,
    entries,
    opening_lookahead,
    phrase_alternation,
    words,
)

# Anchored at the start of the (stripped) line; the cleaner compiles its short-line rules from the same patterns.
TEASER_LIST_HEADER_RE = re.compile(rf"^{alternation(TEASER_LIST_HEADERS)}[\s:.!…]*$", re.I)
SECTION_HEADER_RE = re.compile(rf"^{alternation(TEASER_LIST_HEADERS, SECTION_LABELS)}[\s:.!…]*$", re.I)
TEASER_LABEL_RE = re.compile(rf"^{alternation(TEASER_LABELS, READ_MORE_LINKS)}(?!\w)", re.I)
# anywhere in the line (its entries, like SKIP_LINKS's, open with their first letter as written: see opening_lookahead)
READ_MORE_RE = re.compile(rf"{opening_lookahead(entries(READ_MORE_LINKS))}\b{alternation(READ_MORE_LINKS)}\b", re.I)
HIGHLIGHT_HEADER_RE = re.compile(rf"^{alternation(HIGHLIGHT_HEADERS)}[\s:]*$", re.I)
# A person's name as an author box prints it after its label: two to four capitalised words, particles between.
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’.-]+"
_NAME_AFTER_LABEL = rf"(?-i:{_CAPITALISED}(?:\s+(?:{_CAPITALISED}|van|von|de|da|del|der|den|la|le|di|du)){{1,3}})"
AUTHOR_HEADER_RE = re.compile(
    rf"^(?:{alternation(AUTHOR_HEADERS)}|{alternation(AUTHOR_BOX_LABELS)}\s+{_NAME_AFTER_LABEL})[\s:.]*$", re.I
)
# A byline label, and where the names after it would start: "By Jane Roe", "Von: Max Muster", "Autor Max Muster"
# (the caller checks that names follow; see tasks/metadata/authors.py).
# (`regex`, whose \b knows that a Devanagari vowel sign ends a word: "द्वारा:"; the colon may be full-width: "作者：")
# The author's label may share the line with the picture's: "Text & photos:", "Text und Fotos:", "Texto y fotos:".
_AND_PICTURES = rf"(?:\s*(?:&|\+|/|\band\b|\bund\b|\by\b|\bet\b|\be\b)\s*{alternation(CREDIT_WORDS)})?"
BYLINE_LABEL_RE = regex.compile(
    rf"^{alternation(BYLINE_LABELS, AUTHOR_LABELS)}{_AND_PICTURES}\b(?![-@.])\s*[:：៖፡፦]?\s*", regex.I
)
# A byline line by its label alone: a label and something after it; the author labels ("Text", "Autor") only with
# their colon, since without it they open ordinary sentences ("Text messages flood ...").
BYLINE_RE = regex.compile(
    rf"^{alternation(BYLINE_LABELS)}[\s៖]+\S|^{alternation(AUTHOR_LABELS)}{_AND_PICTURES}(?::\s+|[：៖፡፦]\s*)\S|^gravatar",
    regex.I,
)
# The link over a page's navigation ("Skip to content"), at the start of the line ...
SKIP_LINK_RE = re.compile(rf"^\W*{alternation(SKIP_LINKS)}\b", re.I)
# ... or anywhere in it ("Menu Skip to content Search").
SKIP_LINK_ANYWHERE_RE = re.compile(rf"{opening_lookahead(entries(SKIP_LINKS))}\b{alternation(SKIP_LINKS)}\b", re.I)
# The site's legal and service links, the line opening with one ("Impressum", "Privacy Policy | Contact").
LEGAL_LINK_RE = re.compile(rf"^{alternation(LEGAL_LINKS)}[\s|•·,]*", re.I)
# A reading time: "5 min read", "3 Minuten Lesezeit", "Lesezeit: 3 min".
READ_TIME_RE = re.compile(
    rf"^\s*(?:\d+\s*{alternation(MINUTE_WORDS)}\.?\s*{alternation(READ_TIME_AFTER)}?"
    rf"|{alternation(READ_TIME_BEFORE)}\s*:?\s*\d+.*)\s*$",
    re.I,
)
# A list item's mark ("* ", "• ", "– ", "1. ", "2) "): symbols, or a number up to two digits.
BULLET_MARKS = "*+-•·◦▪►▸‣∙●■>»›|–—"
BULLET_RE = re.compile(rf"^\s*(?:[{re.escape(BULLET_MARKS)}]+|\d{{1,2}}[.)])\s+")
SYMBOL_BULLET_RE = re.compile(rf"^\s*[{re.escape(BULLET_MARKS)}]+\s+")  # a symbol, not a number: "8. Januar" is a date
# The comment section: its header ("Leave a Reply", "12 comments"), whole line ...
COMMENT_HEADER_RE = re.compile(rf"^(?:{alternation(COMMENT_HEADERS)}|\d+ {alternation(COMMENT_COUNTS)})[\s:.!]*$", re.I)
# ... or any line that opens it or one comment: "12 thoughts on “Title”", "Leave a comment", "jsmith says:". The
# forms that open the line are matched at its start only (one attempt instead of a search at every position); a
# signature's verb ending a longer line ("... Jane Roe says:") is searched for only in a line ending with a colon.
_COMMENT_START_RE = re.compile(rf"\d+\s+{alternation(COMMENT_COUNTS)}\b|{alternation(COMMENT_HEADERS)}", re.I)
# A signature as the whole line: a name of up to four words and the verb. Tried only on a line of that many
# words at most (most lines are longer, and there the pattern backtracks through their first words in vain).
_SIGNATURE_NAME_WORDS = 4
_SIGNATURE_RE = re.compile(rf"\S+(?:\s+\S+){{0,{_SIGNATURE_NAME_WORDS - 1}}}\s+{alternation(SAYS_VERBS)}:?$", re.I)
_SIGNATURE_MAX_WORDS = _SIGNATURE_NAME_WORDS + max(len(verb.split()) for verb in entries(SAYS_VERBS))
_COMMENT_SIGNATURE_END_RE = re.compile(rf"\s{alternation(SAYS_VERBS)}:$", re.I)
# A copyright notice: the mark opening the line ("© Example Media"), the mark with a year or beside the word
# ("Copyright © 2024", "... MyCorp © 2016"), or the rights reserved in words ("Alle Rechte vorbehalten").
OPENS_WITH_COPYRIGHT_RE = re.compile(r"^\W{0,3}(?:©|\(c\)|copyright\b)", re.I)
COPYRIGHT_NOTICE_RE = re.compile(
    rf"{opening_lookahead(['©', '(c)', 'copyright', *entries(RIGHTS_RESERVED)])}"
    r"(?:(?:©|\(c\)|\bcopyright)\s*(?:©\s*|\(c\)\s*)?\d{4}\b|©\s*copyright|\bcopyright\s*(?:©|\(c\))|"
    rf"\b{phrase_alternation(entries(RIGHTS_RESERVED))}\b)",
    re.I,
)
_LEADING_MARKS_RE = re.compile(r"^[\W_]+")  # "» Related Articles", "— Most read —"


def _without_marks(text: str) -> str:
    stripped = text.strip()
    if stripped[:1].isalnum():  # most lines open with a letter or digit: no mark to remove ([\W_] is not alnum)
        return stripped
    return _LEADING_MARKS_RE.sub("", stripped)


def is_section_header(text: str) -> bool:
    """The line is only a header over other stories or over a part of the page that is not the article
    ("Related Articles", "Most read", "Tags"); leading marks ("»", "—") are ignored."""
    return SECTION_HEADER_RE.match(_without_marks(text)) is not None


def is_teaser_label(text: str) -> bool:
    """The line opens with a label that links to another story ("Read more: ...", "Lesen Sie auch")."""
    return TEASER_LABEL_RE.match(_without_marks(text)) is not None


def _is_bare_label(core: str, match: re.Match[str] | None) -> bool:
    return match is not None and not core[match.end() :].strip(" :.!…—–-")


def is_bare_teaser_label(text: str) -> bool:
    """The line is a teaser label and nothing else ("Read more", "Lesen Sie auch:"): a header over links."""
    core = _without_marks(text)
    return _is_bare_label(core, TEASER_LABEL_RE.match(core))


def is_teaser_header(text: str) -> bool:
    """LineFeatures.teaser_header alone, without the other verdicts (the date line's above all): a teaser-list
    header or a bare teaser label."""
    # (_without_marks is asked twice, but costs a strip and a test for a line opening with a letter or digit)
    return is_teaser_list_header(text) or is_bare_teaser_label(text)


def is_teaser_list_header(text: str) -> bool:
    """The line is only a header over a list of other stories ("Related Articles", "Most read")."""
    return TEASER_LIST_HEADER_RE.match(_without_marks(text)) is not None


def opens_comments(text: str) -> bool:
    """The line opens the comment section or one comment ("Leave a Reply", "12 thoughts on ...", "jsmith says:")."""
    return (
        _COMMENT_START_RE.match(text) is not None
        # (\s is what str.split splits at)
        or (
            len(text.split(maxsplit=_SIGNATURE_MAX_WORDS)) <= _SIGNATURE_MAX_WORDS
            and _SIGNATURE_RE.match(text) is not None
        )
        # the signature regex ends with ":$", and "$" matches at the end or before a final newline
        or (text.endswith((":", ":\n")) and _COMMENT_SIGNATURE_END_RE.search(text) is not None)
    )


def is_copyright_notice(text: str) -> bool:
    """The line is (or holds) a copyright notice: a page footer's, or a picture credit's ("© Jane Roe / AFP");
    the stages tell these apart by what else the line holds."""
    return OPENS_WITH_COPYRIGHT_RE.match(text) is not None or COPYRIGHT_NOTICE_RE.search(text) is not None


def is_byline(text: str) -> bool:
    """The line opens with a byline label and something after it ("By Jane Roe", "Text: Anna Schmidt")."""
    return BYLINE_RE.match(_without_marks(text)) is not None


def byline_label_end(text: str) -> int | None:
    """Where the names would start when `text` opens with a byline label ("By ", "Von: ", "Autor "), else None."""
    match = BYLINE_LABEL_RE.match(text)
    return match.end() if match else None


# A place opening a first paragraph: "ISLAMABAD:", "Islamabad –", "WASHINGTON (Reuters) -" (the first word of the
# place may not be a label printed the same way: "UPDATE:", "VIDEO -").
# Capitals of every cased script (Latin, Cyrillic, Greek: "МОСКВА:"), from `regex`'s Unicode properties.
_DATELINE_RE = regex.compile(
    r"^(?P<place>(?:\p{Lu}[\p{Lu}.'’\-]+)(?:[ ,/]+\p{Lu}[\p{Lu}.'’\-]+){0,3})"
    r"\s*(?:,\s*[A-Z][\w.]+\s*)?(?:\((?P<ag>[^()]{2,30})\))?\s*(?::|–|—|-{1,2})\s+\S"
)
_DATELINE_TITLE_RE = regex.compile(
    r"^(?P<place>\p{Lu}[\p{Ll}'’\-]+(?:\s+\p{Lu}[\p{Ll}'’\-]+){0,2})"
    r"\s*(?:\((?P<ag>[^()]{2,30})\)\s*(?::|–|—|-{1,2})|\s+(?:–|—|-))\s+\S"
)  # "Islamabad –", "Jakarta - " (Indonesian papers print a plain hyphen)
# Scripts without case (Arabic, Devanagari, Bengali...): one to three words and a colon or dash, "اسلام آباد:",
# "नई दिल्ली -", Khmer "ភ្នំពេញ៖" (its colon). The words may be no function word of any language
# ("انہوں نے کہا:" opens a quote, not a place).
_CASELESS_DATELINE_RE = regex.compile(
    r"^(?P<place>\p{Lo}[\p{Lo}\p{M}]*(?:\s\p{Lo}[\p{Lo}\p{M}]*){0,2})\s*(?::|៖|፥|፦|–|—|-{1,2})\s*\S"
)
_DATELINE_PLACE_MAX = 30  # characters
# Labels printed where a dateline would be ("UPDATE:", "Exklusiv –"): never a place.
_DATELINE_STOP = {form for word in words(KICKER_LABELS) for form in (word.upper(), word.capitalize())}


def dateline(text: str, language: str | None = None) -> str | None:
    """The place that opens a first paragraph: "ISLAMABAD:", "Islamabad –", "WASHINGTON (Reuters) -",
    "МОСКВА:", "اسلام آباد:". In a script without case, the place's words may be no function word of the text's
    `language` (of any language, when it is not known yet)."""
    mt = _DATELINE_RE.match(text)
    if mt and len(mt["place"].replace(" ", "")) >= 3 and not mt["place"].isdigit():
        place = mt["place"].strip(" ,")
        if place.split()[0] not in _DATELINE_STOP:
            return place
    mt = _DATELINE_TITLE_RE.match(text)
    if mt and mt["place"].split()[0] not in _DATELINE_STOP:
        return mt["place"]
    mt = _CASELESS_DATELINE_RE.match(text) if not text.isascii() else None
    function_words = stopwords(language) if language else every_stopword()  # both cached
    if (
        mt
        and len(mt["place"]) <= _DATELINE_PLACE_MAX
        and not function_words.intersection(mt["place"].split())
        and not line_features(text).teaser_label  # "مزید پڑھیں:" is a teaser's label, "رپورٹ:" a byline's
        and not is_byline(text)
    ):
        return mt["place"]
    return None


@dataclass(frozen=True, slots=True)
class LineFeatures:
    """The shared verdicts on one line's text."""

    date_line: bool
    section_header: bool
    teaser_label: bool
    bare_teaser_label: bool
    byline: bool
    byline_label_end: int | None
    teaser_list_header: bool
    read_more_link: bool  # holds the words of a link to the rest of a story ("... Read more")

    @property
    def teaser_header(self) -> bool:
        """A header over a list of teasers: a teaser-list header or a bare teaser label ("Read more")."""
        return self.teaser_list_header or self.bare_teaser_label


_CACHE: LineCache[LineFeatures] = LineCache(LINE_CACHE_ENTRIES)


def line_features(text: str) -> LineFeatures:
    """The shared verdicts on `text` (a stripped line), computed once per distinct line."""
    features = _CACHE.get(text)
    if features is None:
        core = _without_marks(text)  # the line without its leading marks, for the verdicts that ignore them
        label = TEASER_LABEL_RE.match(core)
        features = LineFeatures(
            date_line=is_date_line(text),
            section_header=SECTION_HEADER_RE.match(core) is not None,
            teaser_label=label is not None,
            bare_teaser_label=_is_bare_label(core, label),
            byline=BYLINE_RE.match(core) is not None,
            byline_label_end=byline_label_end(text),
            teaser_list_header=TEASER_LIST_HEADER_RE.match(core) is not None,
            read_more_link=READ_MORE_RE.search(text) is not None,
        )
        _CACHE.put(text, features)
    return features
