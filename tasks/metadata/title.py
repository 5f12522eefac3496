"""The headline of a story: which line around the body start is it, scored by its shape, its place, its
repetition on the page and the byline or date line under it; and the headline without its kicker."""

from __future__ import annotations

import re
from functools import lru_cache

from tasks.metadata.authors import name_or_desk
from tasks.metadata.lines import (
    BREADCRUMB_RE,
    BULLET_RE,
    BYLINE_LABEL_RE,
    LETTER_RE,
    NON_WORD_RE,
    TERMINAL_RE,
    flat,
    is_paragraph,
    looks_like_caption,
    strip_marker,
)
from tasks.models import Line
from tasks.text.cache import LINE_MEMO_ENTRIES
from tasks.text.dates import absolute_dates, has_relative_date, is_date_line
from tasks.text.lines import (
    COPYRIGHT_NOTICE_RE,
    HIGHLIGHT_HEADER_RE,
    READ_TIME_RE,
    SKIP_LINK_ANYWHERE_RE,
    line_features,
)
from tasks.text.scripts import count_words, starts_like_sentence
from tasks.text.vocabulary import (
    AMBIGUOUS_BYLINE_LABELS,
    BREADCRUMB_LABELS,
    COMMENT_HEADERS,
    DANGLING_WORDS,
    INTERFACE_PHRASES,
    MENU_LABELS,
    READ_TIME_BEFORE,
    alternation,
    entries,
)
from tasks.text.words import split_words

# menu items, labels and links that are never a headline
_FURNITURE_RE = re.compile(rf"^{alternation(MENU_LABELS)}\b", re.I)
# interface phrases that are title-shaped but never headlines
_UI_RE = re.compile(
    r"\b(?:"
    + "|".join(
        (
            alternation(INTERFACE_PHRASES),
            alternation(COMMENT_HEADERS),  # "Leave a Reply", "Kommentar schreiben"
            alternation(READ_TIME_BEFORE),  # "Lesezeit", "reading time" (READ_TIME_RE has "5 min read")
        )
    )
    + r")\b",
    re.I,
)
# "You are here: Home » News » ..." labels a breadcrumb, whatever follows
_BREADCRUMB_LABEL_RE = re.compile(rf"^{alternation(BREADCRUMB_LABELS)}\b", re.I)
# previous/next post links: "« Older title", "Newer title →"
_PREV_NEXT_RE = re.compile(r"^\s*(?:←|<|‹|«(?!.*»))|(?:→|>|›)\s*$|^[^«]*»\s*$")
# a headline does not end on a function word ("In partnership with", "Mehr von")
_DANGLING_RE = re.compile(rf"\b{alternation(DANGLING_WORDS)}$", re.I)


_AMBIGUOUS_LABELS = tuple(f"{label} " for label in entries(AMBIGUOUS_BYLINE_LABELS))  # "von ", "di ", "text "
_DECK_BONUS = 1.0
_CLEANER_HEADLINE = 0.5  # the cleaner's "headline" verdict: a hint, it also flags decks


def find_title(
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
    page = " \n " + NON_WORD_RE.sub(" ", short.casefold()).replace("\n", " \n ") + " \n "
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
        key = flat(strip_marker(text))
        if not key:
            continue
        nwords = count_words(text)
        if i >= body:  # inside the detected body: only a short line that is not a sentence
            if nwords < 3 or (is_paragraph(lines[i]) and not re.search(r"[?!…]$", text)):
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
        if i + 1 < body and nwords >= 2 and count_words(lines[i + 1].text) > nwords + 2:
            nxt = lines[i + 1].text
            if _title_shape(nxt, language) is not None or (TERMINAL_RE.search(nxt) and not BULLET_RE.match(nxt)):
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


def _content_words(text: str) -> set[str]:
    return {w for w in split_words(text.casefold()) if len(w) >= 4}


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by several passes
def _title_shape(text: str, language: str | None) -> float | None:
    """How headline-shaped a line is: None when it cannot be a headline, else a penalty (0 = fine, < 0 weak).

    Hard rules reject menu items, labels, dates, bylines, captions and interface phrases; soft ones (one word,
    a trailing period, a date inside) only lower the score so that repetition on the page can still win.
    """
    words = count_words(text)  # a Chinese headline is not one word
    if not 1 <= words <= 30 or len(text) > 250:
        return None
    if BULLET_RE.match(text) or BREADCRUMB_RE.match(text):
        return None
    if text.count("|") >= 1 or text.count("•") >= 1 or text.count(" · ") >= 2 or "©" in text or "http" in text:
        return None
    if text.count("/") >= 2:
        return None
    if _BREADCRUMB_LABEL_RE.match(text) or _PREV_NEXT_RE.search(text) or _DANGLING_RE.search(text):
        return None
    if READ_TIME_RE.match(text) or BYLINE_LABEL_RE.match(text) or _UI_RE.search(text):
        return None
    if words <= 4 and _FURNITURE_RE.match(text):
        return None
    features = line_features(text)
    if features.section_header or features.bare_teaser_label or features.read_more_link:  # "Related", "Read more"
        return None
    # "Highlights", "Alle Rechte vorbehalten", "Skip to content"
    if HIGHLIGHT_HEADER_RE.match(text) or COPYRIGHT_NOTICE_RE.search(text) or SKIP_LINK_ANYWHERE_RE.search(text):
        return None
    if looks_like_caption(text) or is_date_line(text) or has_relative_date(text):
        return None
    if len(LETTER_RE.findall(text)) < 0.6 * len(text.replace(" ", "")):
        return None
    # a line of lowercase words is a sentence fragment or menu, not a headline
    if not (starts_like_sentence(text) or text[:1] in "\"“„«‘'¿¡" or text[:1].isdigit() or not text[:1].isalpha()):
        return None
    penalty = 0.0
    if words == 1:
        penalty -= 3.0
    elif words == 2:
        penalty -= 1.5
    elif words > 20:
        penalty -= 1.0
    if re.search(r"[:;,]$", text):
        return None
    if text.endswith(".") and not text.endswith("..."):
        penalty -= 2.0
    if absolute_dates(text, language):
        penalty -= 1.5 * len(absolute_dates(text, language)) + 0.5
    if name_or_desk(text) and words <= 3:
        penalty -= 2.5  # "Jane Smith" under a headline is an unlabelled byline
    return penalty


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by several passes
def _is_byline_or_date(text: str, language: str | None) -> bool:
    """A short line that reads as a byline or a date line (the line printed under a headline)."""
    if count_words(text) > 16:
        return False
    if BYLINE_LABEL_RE.match(text) and not text.lower().startswith(_AMBIGUOUS_LABELS):
        return True
    return bool(absolute_dates(text, language)) or has_relative_date(text)


_KICKER_RE = re.compile(r"^(?P<kicker>[^:|–—]{2,60}?)(?P<sep>\s:\s|:\s|\s[-–—|]\s)(?P<rest>.+)$")


def without_kicker(lines: list[Line], title: int, language: str | None) -> str:
    """The headline without the kicker (topic label) printed in front of it.

    A kicker is a separate element rendered into the same line, and the renderer betrays the join with a
    lone space before the colon ("Klimaschutz : Bohren, bis es heiß wird") on the line or on another copy
    of it on the page.  "Tesla: Profits fall" is kept whole, and so is French, which spaces every colon.
    (A kicker glued without any separator, "Kind krank Was Arbeitgeber ...", is not detected.)
    """
    text = lines[title].text.strip()
    mt = _KICKER_RE.match(text)
    if language == "fr" or not mt or len(split_words(mt["kicker"])) > 6 or len(split_words(mt["rest"])) < 3:
        return text
    rest = mt["rest"].strip()
    if not (rest[:1].isupper() or rest[:1] in "\"“„«‘'"):
        return text
    key = flat(text)
    spaced = any(" : " in line.text and flat(strip_marker(line.text)) == key for line in lines)
    return rest if spaced else text
