"""The headline of a story: which line around the body start is it, scored by its shape, its place, its
repetition on the page and the byline or date line under it; and the headline without its kicker."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import mul
from pathlib import Path

from ..models import Line
from ..text.cache import LINE_MEMO_ENTRIES
from ..text.dates import absolute_dates, has_relative_date, is_date_line
from ..text.lines import (
    COPYRIGHT_NOTICE_RE,
    HIGHLIGHT_HEADER_RE,
    READ_MORE_RE,
    READ_TIME_RE,
    SKIP_LINK_ANYWHERE_RE,
    is_bare_teaser_label,
    is_section_header,
)
from ..text.scripts import count_words, starts_like_sentence
from ..text.vocabulary import (
    AMBIGUOUS_BYLINE_LABELS,
    BREADCRUMB_LABELS,
    COMMENT_HEADERS,
    DANGLING_WORDS,
    INTERFACE_PHRASES,
    MENU_LABELS,
    READ_TIME_BEFORE,
    alternation,
    entries,
    first_letter_alternation,
    phrase_alternation,
)
from ..text.words import split_words
from .authors import name_or_desk
from .lines import (
    BREADCRUMB_RE,
    BULLET_RE,
    BYLINE_LABEL_RE,
    NON_WORD_RE,
    TERMINAL_RE,
    count_letters,
    flat,
    is_paragraph,
    key_word,
    letters_of,
    looks_like_caption,
    strip_marker,
)

# menu items, labels and links that are never a headline
_FURNITURE_RE = re.compile(rf"^{alternation(MENU_LABELS)}\b", re.I)
# interface phrases that are title-shaped but never headlines: "Sign up", "Leave a Reply", "Kommentar schreiben",
# "Lesezeit", "reading time" (READ_TIME_RE has "5 min read")
_UI_RE = re.compile(
    rf"\b{first_letter_alternation(entries(INTERFACE_PHRASES, COMMENT_HEADERS, READ_TIME_BEFORE))}\b", re.I
)
# "You are here: Home » News » ..." labels a breadcrumb, whatever follows
_BREADCRUMB_LABEL_RE = re.compile(rf"^{alternation(BREADCRUMB_LABELS)}\b", re.I)
# a headline does not end on a function word ("In partnership with", "Mehr von"); the words are plain, so a match
# lies in the line's last characters: the longest word, the one before it (\b) and a final newline ($)
_DANGLING_WORDS = entries(DANGLING_WORDS)
_DANGLING_RE = re.compile(rf"\b{phrase_alternation(_DANGLING_WORDS)}$", re.I)
_DANGLING_TAIL = max(map(len, _DANGLING_WORDS)) + 2


# (the last character of a line: lines hold no newline)
_SENTENCE_ENDS = ("?", "!", "…")
_QUESTION_ENDS = ("?", "？", "؟")
_OPEN_ENDS = (":", ";", ",")  # a line that goes on ("Lesen Sie auch:")
_AMBIGUOUS_LABELS = tuple(f"{label} " for label in entries(AMBIGUOUS_BYLINE_LABELS))  # "von ", "di ", "text "
MAX_UI_LINE_WORDS = 4  # a line this short holding an interface phrase is the interface itself
WINDOW_ABOVE, WINDOW_BELOW = 80, 10  # headline candidates: this many lines above the body start, and into it

# What is known of a candidate line, in the order of the fitted weights (title_weights.json, fitted by
# scripts/fit_title.py on the dev pages with cross-validation): its place, its shape, its page.
TITLE_FEATURES = (
    "bias",
    "inside_body",  # at or after the detected body start (the detector may start a line early)
    "lines_into_body",
    "last_above",  # the last title-shaped line above the body
    "second_last_above",
    "rank_above",  # how many title-shaped lines lie between it and the body (/10, at most 1)
    "lines_above_body",  # /WINDOW_ABOVE
    "one_word",
    "two_words",
    "over_20_words",
    "ends_with_period",
    "dates_inside",
    "name_shaped",  # "Jane Smith": an unlabelled byline
    "printed_again",  # alone or in a longer line elsewhere on the page (breadcrumb tail, share text)
    "printed_again_count",  # up to 3, /3
    "cleaner_headline",  # the cleaner's verdict: a hint, it also flags decks
    "longer_line_follows",  # a deck/standfirst right under it
    "words_in_body",  # share of its content words (4+ letters) that recur in the body's first 4,000 characters
    "byline_or_date_follows",  # within 3 lines
    "ends_with_question",
    "words_log",
    "bulleted",
    "ends_with_function_word",  # "In partnership with", "Mehr von"
    "caption_shaped",
    "printed_again_alone",  # as a line of its own (a menu item or a teaser is printed so too)
    "all_capitals",  # "CONTINUA DEPOIS DA PUBLICIDADE": a label
    "shorter_title_above",  # a shorter title-shaped line right above: this one is its deck
    "topmost",  # the first candidate of the window
    "starts_lower_case",  # "iPhone ...", or a fragment or menu item
    "interface_words",  # an interface phrase in a longer line ("... schneller anzeigen", "... kehrt zurück")
    "part_of_line",  # the first or last part of a line joined by " | ", " / ", " » " ("Headline | Site name")
)
_WEIGHTS_FILE = Path(__file__).with_name("title_weights.json")


def _load_weights() -> tuple[float, ...]:
    fitted = json.loads(_WEIGHTS_FILE.read_text(encoding="utf-8"))
    if tuple(fitted["features"]) != TITLE_FEATURES:  # fitted for another feature list: refit (scripts/fit_title.py)
        raise RuntimeError(f"{_WEIGHTS_FILE.name} does not match TITLE_FEATURES: run scripts/fit_title.py")
    return tuple(float(w) for w in fitted["weights"])


TITLE_WEIGHTS = _load_weights()


@dataclass(frozen=True, slots=True)
class TitleChoice:
    index: int  # the line that holds the headline
    part: str | None  # the headline when it is only a part of that line ("Headline | Site name"), else None


def find_title(
    lines: list[Line], body: int, captions: set[int] | None = None, trace: list | None = None
) -> TitleChoice | None:
    """The headline among title-shaped lines (and parts of lines) around the body start: the candidate of the
    highest score, a weighted sum of the features above (weights fitted on the dev pages, see TITLE_FEATURES); of
    equal scores, the first candidate's.

    A candidate's features are read group by group (_Window.read), the cheap ones first: once its score cannot beat
    the best one found before it, whatever the groups not read yet, it could not be chosen and is left (unless a
    trace of every score is asked for). The cheap group is read for every candidate, the others in the order of the
    bound it leaves, the highest first: the best score is found early and more candidates are left sooner, and the
    first one whose bound is below the best score leaves all those after it."""
    window = _Window(lines, body, captions)
    candidates = window.candidates()
    if trace is not None:
        return _traced_choice(window, candidates, trace)
    bounds = [window.read(candidate, 0) for candidate in candidates]
    best_score, best = -math.inf, -1  # the best score and its candidate's place in `candidates`
    for k in sorted(range(len(candidates)), key=lambda k: -bounds[k]):
        if bounds[k] < best_score - _BOUND_MARGIN:
            break
        candidate = candidates[k]
        for group in range(1, FEATURE_GROUPS):
            if window.read(candidate, group) < best_score - _BOUND_MARGIN:
                break
        else:
            score = sum(map(mul, TITLE_WEIGHTS, candidate.features()))  # as many features as weights
            if best < 0 or score > best_score or (score == best_score and k < best):
                best_score, best = score, k
    return TitleChoice(candidates[best].index, candidates[best].part) if candidates else None


def _traced_choice(window: _Window, candidates: list[_Candidate], trace: list) -> TitleChoice | None:
    """find_title's choice, every candidate read in full and its score traced, in the candidates' order."""
    best: tuple[float, TitleChoice] | None = None
    for candidate in candidates:
        for group in range(FEATURE_GROUPS):
            window.read(candidate, group)
        score = sum(map(mul, TITLE_WEIGHTS, candidate.features()))
        trace.append((round(score, 2), candidate.index, candidate.text[:90]))
        if best is None or score > best[0]:
            best = (score, TitleChoice(candidate.index, candidate.part))
    return best[1] if best else None


# Separators that join a headline with the site's name or its section in one printed line (not a dash: headlines
# hold dashes of their own, "Die Minze als Mutmacher – Deniz Yücels Bericht").
_PART_SEPARATOR_RE = re.compile(r"\s+(?:\||/|»|::)\s+")
MIN_PART_WORDS = 3


def title_parts(text: str) -> list[str]:
    """The first and the last part of a line joined by separators ("Headline | Site", "Home / News / Headline"),
    those of at least MIN_PART_WORDS words; none for a line without a separator."""
    # (a separator's mark first, in C: most lines hold none; strip_marker cuts the line's ends only: it adds no
    # separator)
    if not ("|" in text or "/" in text or "»" in text or "::" in text) or _PART_SEPARATOR_RE.search(text) is None:
        return []
    parts = [part.strip() for part in _PART_SEPARATOR_RE.split(strip_marker(text)) if part.strip()]
    if len(parts) < 2:
        return []
    chosen = [parts[0]] if parts[0] == parts[-1] else [parts[0], parts[-1]]
    return [part for part in chosen if count_words(part) >= MIN_PART_WORDS]


def title_candidates(
    lines: list[Line], body: int, captions: set[int] | None = None
) -> list[tuple[int, str | None, list[float]]]:
    """The title-shaped lines (and parts of lines, see `title_parts`) around the body start, each as (line index,
    the part or None for the whole line, its TITLE_FEATURES values).

    Why these cues: the headline sits shortly before the body (sometimes the body detector starts a line or
    two early, on a teaser); the byline/date line follows it; it is printed again elsewhere on the page
    (breadcrumb tail, "3 Kommentare zu “…”", related lists, share text); its words recur in the body; the
    cleaner may have flagged it.  Names, one-word labels and captions are weak.
    """
    window = _Window(lines, body, captions)
    found = []
    for candidate in window.candidates():
        for group in range(FEATURE_GROUPS):
            window.read(candidate, group)
        found.append((candidate.index, candidate.part, candidate.features()))
    return found


# The features of a candidate's text and page that cost the most to read (regexes, the page searched for its
# words), with the largest value each can take; the others (its place, its count of words, its ends) are read for
# every candidate, and these only for a candidate that can still win (see find_title).
_COSTLY_FEATURES_TOP = {
    "dates_inside": math.inf,  # a count of dates
    "name_shaped": 1.0,
    "printed_again": 1.0,
    "printed_again_count": 1.0,
    "longer_line_follows": 1.0,
    "words_in_body": 1.0,
    "byline_or_date_follows": 1.0,
    "ends_with_function_word": 1.0,
    "printed_again_alone": 1.0,
    "all_capitals": 1.0,
    "shorter_title_above": 1.0,
    "interface_words": 1.0,
}
# The groups _Window.read reads in turn: 0, the cheap features; then the costly ones that weigh the most, one group
# each, the cheaper first: 1, the words the candidate shares with the body; 2, the byline or date line under it (a
# candidate whose words are not the body's is mostly left before its next lines are read); 3, the other costly ones.
_TELLING_FEATURES = ("words_in_body", "byline_or_date_follows")
FEATURE_GROUPS = 2 + len(_TELLING_FEATURES)
_GROUP_OF = {
    name: 0
    if name not in _COSTLY_FEATURES_TOP
    else 1 + _TELLING_FEATURES.index(name)
    if name in _TELLING_FEATURES
    else FEATURE_GROUPS - 1
    for name in TITLE_FEATURES
}
_WEIGHT_OF = dict(zip(TITLE_FEATURES, TITLE_WEIGHTS, strict=True))
# the most each feature can add to a score while it is not read (nothing, for a feature of negative weight) ...
_GAIN_UNREAD = {
    name: weight * _COSTLY_FEATURES_TOP.get(name, math.inf) if weight > 0 else 0.0
    for name, weight in _WEIGHT_OF.items()
}
# ... and all the features of the groups after each group can add: a candidate's highest score once a group is read
# is the weighted sum of the features read so far plus this
_GAIN_AFTER_GROUP = tuple(
    sum(gain for name, gain in _GAIN_UNREAD.items() if _GROUP_OF[name] > group) for group in range(FEATURE_GROUPS)
)
_BOUND_MARGIN = 1e-9  # far above the rounding of a sum of 31 products, far below any difference of scores


@dataclass(slots=True)
class _Candidate:
    """A title-shaped line or part of a line of the window, and what its place and text tell cheaply."""

    index: int
    part: str | None  # the part of the line, or None for the whole line
    text: str  # the part, or the whole line
    words: int
    inside: bool  # at or after the detected body start
    rank: int  # title-shaped lines between it and the body (see TITLE_FEATURES)
    caption: bool
    topmost: bool = False
    values: dict[str, float] = field(default_factory=dict)  # its features read so far (_Window.read)
    read_score: float = 0.0  # their weighted sum (in the order read: for the bound only, see find_title)

    def features(self) -> list[float]:
        """Its TITLE_FEATURES values, once every group is read."""
        return [self.values[name] for name in TITLE_FEATURES]


class _Window:
    """The lines around the body start a headline is looked for in (WINDOW_ABOVE, WINDOW_BELOW), and the page
    its candidates are compared with."""

    def __init__(self, lines: list[Line], body: int, captions: set[int] | None) -> None:
        self.lines, self.body, self.captions = lines, body, captions
        self.n = len(lines)
        self.lo, self.hi = max(0, body - WINDOW_ABOVE), min(self.n, body + WINDOW_BELOW)

    @cached_property
    def _folded_page(self) -> str:
        """The page's lines casefolded, joined by newlines; body paragraphs left out: a short label's words recur in
        them by nature."""
        return "\n".join(line.text for line in self.lines if len(line.text) <= 250).casefold()

    def page_for(self, key: str) -> str:
        """The page's lines as `flat` gives them, each between " \n ", for counting how often `key` (a `flat` text)
        is printed there, alone or inside a longer line: the lines that cannot hold it (without its longest word)
        left empty, a run of them as one. (A flat line holds the words of the line; an empty line holds no key and
        keeps apart the lines it stood between.) One regex pass over the few lines left: over the whole page, it
        cost a twelfth of the stage."""
        folded = self._folded_page
        word = key_word(key)
        kept: list[str] = []
        end = -1  # where the last line kept ends
        at = folded.find(word)
        while at >= 0:
            start = folded.rfind("\n", 0, at) + 1
            if start != end + 1:  # lines between, left out
                kept.append("")
            end = folded.find("\n", at)
            if end < 0:
                end = len(folded)
            kept.append(folded[start:end])
            at = folded.find(word, end)
        return " \n " + NON_WORD_RE.sub(" ", "\n".join(kept)).replace("\n", " \n ") + " \n "

    @cached_property
    def body_words(self) -> set[str]:
        """The words of the body's first 4,000 characters: a candidate's content words (_content_words) are looked up
        in them (the shorter words among them are never looked up: no filter is needed)."""
        texts = []
        taken = 0
        for line in self.lines[self.body :]:
            if line.keep and len(line.text) > 60:
                texts.append(line.text)
                taken += len(line.text)
                if taken > 4000:
                    break
        return set(split_words("\n".join(texts).casefold()))  # (one regex pass: no word runs over a newline)

    def candidates(self) -> list[_Candidate]:
        """The candidates, read bottom-up from the window's last line (the ranks count so)."""
        lines, body, captions = self.lines, self.body, self.captions
        found: list[_Candidate] = []
        rank = 0
        for i in range(self.hi - 1, self.lo - 1, -1):
            if captions and i in captions:
                continue
            line_text = lines[i].text
            variants: list[str | None] = [None] if _can_be_title(line_text) else []
            variants += [part for part in title_parts(line_text) if _can_be_title(part)]
            counted = False
            for part in variants:
                text = part or line_text
                nwords = count_words(text)
                inside = i >= body
                if inside and (nwords < 3 or (is_paragraph(lines[i]) and not text.endswith(_SENTENCE_ENDS))):
                    continue  # inside the detected body: only a short line that is not a sentence
                caption = looks_like_caption(text)
                found.append(_Candidate(i, part, text, nwords, inside, rank, caption))
                counted = counted or (not inside and not caption)
            if counted:  # the rank counts the lines that could be headlines
                rank += 1
        if found:  # read bottom-up: the last one found is the topmost
            found[-1].topmost = True
        return found

    def _cheap_features(self, candidate: _Candidate) -> dict[str, float]:
        """The features of a candidate's place, count of words and ends: all but _COSTLY_FEATURES_TOP."""
        i, text, nwords, inside, rank = (
            candidate.index,
            candidate.text,
            candidate.words,
            candidate.inside,
            candidate.rank,
        )
        body = self.body
        return {
            "bias": 1.0,
            "inside_body": float(inside),
            "lines_into_body": float(i - body) if inside else 0.0,
            "last_above": float(not inside and rank == 0),
            "second_last_above": float(not inside and rank == 1),
            "rank_above": 0.0 if inside else min(rank, 10) / 10,
            "lines_above_body": 0.0 if inside else (body - i) / WINDOW_ABOVE,
            "one_word": float(nwords == 1),
            "two_words": float(nwords == 2),
            "over_20_words": float(nwords > 20),
            "ends_with_period": float(text.endswith(".") and not text.endswith("...")),
            "cleaner_headline": float(self.lines[i].reason == "headline"),
            "ends_with_question": float(text.endswith(_QUESTION_ENDS)),
            "words_log": math.log(nwords),
            "bulleted": float(bool(BULLET_RE.match(self.lines[i].text))),
            "caption_shaped": float(candidate.caption),
            "topmost": float(candidate.topmost),
            "part_of_line": float(candidate.part is not None),
            "starts_lower_case": float(_starts_lower_case(text)),
        }

    def read(self, candidate: _Candidate, group: int) -> float:
        """Reads a group of the candidate's features into its values: 0, those of its place, count of words and
        ends (all but _COSTLY_FEATURES_TOP); 1, the words it shares with the body; 2, the byline or date line under
        it (the costly features that weigh the most); 3, the others. Returns the highest score the candidate can
        have, whatever the features not read yet."""
        reader = (self._cheap_features, self._body_share, self._byline_under, self._other_features)[group]
        read = reader(candidate)
        candidate.values |= read
        # (the products in the order read, as a generator would give them: the maps run in C)
        candidate.read_score += sum(map(mul, map(_WEIGHT_OF.__getitem__, read), read.values()))
        return candidate.read_score + _GAIN_AFTER_GROUP[group]

    def _body_share(self, candidate: _Candidate) -> dict[str, float]:
        cw = _content_words(candidate.text)
        body_words = self.body_words
        return {"words_in_body": len(cw & body_words) / len(cw) if cw and body_words else 0.0}

    def _byline_under(self, candidate: _Candidate) -> dict[str, float]:
        lines, i = self.lines, candidate.index
        byline = any(_is_byline_or_date(lines[j].text) for j in range(i + 1, min(self.n, i + 4)))
        return {"byline_or_date_follows": float(byline)}

    def _other_features(self, candidate: _Candidate) -> dict[str, float]:
        lines, body = self.lines, self.body
        i, text, nwords = candidate.index, candidate.text, candidate.words
        # its words as `flat` gives them, to find it printed again on the page: read here, for the few candidates
        # that get this far (never empty: a title-shaped text holds a letter, which strip_marker leaves)
        key = flat(strip_marker(text))
        page = self.page_for(key)
        # printed again on the page, alone or inside a longer line (breadcrumb tail, comment heading)
        # a two-word label counts only when printed alone again, not inside a longer line
        alone = page.count(f"\n {key} \n") - (candidate.part is None)
        repeats = (page.count(f" {key} ") - 1 if nwords >= 3 else alone) if nwords >= 2 else 0
        above = lines[i - 1].text if i > 0 else ""
        shorter_above = i - 1 >= self.lo and 0 < count_words(above) < nwords and _can_be_title(above)
        letters = letters_of(text)
        capitals = len(letters) >= 4 and all(not c.islower() for c in letters) and any(c.isupper() for c in letters)
        deck = False
        if i + 1 < body and nwords >= 2 and count_words(lines[i + 1].text) > nwords + 2:
            nxt = lines[i + 1].text
            deck = _can_be_title(nxt) or bool(TERMINAL_RE.search(nxt) and not BULLET_RE.match(nxt))
        return {
            "dates_inside": float(len(absolute_dates(text))),
            "name_shaped": float(nwords <= 3 and bool(name_or_desk(text))),
            "printed_again": float(repeats > 0),
            "printed_again_count": min(repeats, 3) / 3 if repeats > 0 else 0.0,
            "longer_line_follows": float(deck),
            "ends_with_function_word": float(bool(_DANGLING_RE.search(text[-_DANGLING_TAIL:]))),
            "printed_again_alone": float(alone > 0),
            "all_capitals": float(capitals),
            "shorter_title_above": float(shorter_above),
            "interface_words": float(bool(_UI_RE.search(text))),
        }


def _content_words(text: str) -> set[str]:
    return {w for w in split_words(text.casefold()) if len(w) >= 4}


def _is_prev_next_link(text: str) -> bool:
    """A previous/next post link: "« Older title", "Newer title →", "Newer title »" (a "«" closed by a "»" is a
    quote). The ends of the line are read, where a regex would search it from every place."""
    opened, closed = text.lstrip(), text.rstrip()
    return (
        opened.startswith(("←", "<", "‹"))
        or (opened.startswith("«") and "»" not in opened)
        or closed.endswith(("→", ">", "›"))
        or (closed.endswith("»") and "«" not in text)
    )


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by several passes
def _can_be_title(text: str) -> bool:
    """Whether a line can be a headline at all: menu items, labels, bylines and interface phrases cannot.
    What only makes a line less likely (a bullet, one word, a trailing period or function word, a date, the
    shape of a caption) is a feature of title_candidates, weighed by the fitted score: hard rules of that kind
    turned away real headlines ("CAE bildet künftig Piloten aus" ends on "aus")."""
    if BREADCRUMB_RE.match(text):
        return False
    text = BULLET_RE.sub("", text).strip()  # a bullet only lowers the odds (a feature): "* Headline" in a teaser box
    # (the tests of this module's own first, the cheapest first; the shared verdicts, which cost the most, last)
    if len(text) > 250 or text.endswith(_OPEN_ENDS):
        return False
    words = count_words(text)  # a Chinese headline is not one word
    if not 1 <= words <= 30:
        return False
    if text.count("|") >= 1 or text.count("•") >= 1 or text.count(" · ") >= 2 or "©" in text or "http" in text:
        return False
    if text.count("/") >= 2:
        return False
    if count_letters(text) < 0.6 * len(text.replace(" ", "")):
        return False
    if _BREADCRUMB_LABEL_RE.match(text) or _is_prev_next_link(text):
        return False
    if READ_TIME_RE.match(text) or BYLINE_LABEL_RE.match(text):
        return False
    if words <= MAX_UI_LINE_WORDS and _UI_RE.search(text):  # "Kommentar schreiben"; in a longer line a feature
        return False
    if words <= 4 and _FURNITURE_RE.match(text):
        return False
    if is_date_line(text):  # "May 3, 2019": never a headline
        return False
    # "Related", "Read more": the three shared verdicts asked here, not all that line_features reads
    if is_section_header(text) or is_bare_teaser_label(text) or READ_MORE_RE.search(text):
        return False
    # "Highlights", "Alle Rechte vorbehalten", "Skip to content"
    if HIGHLIGHT_HEADER_RE.match(text) or COPYRIGHT_NOTICE_RE.search(text) or SKIP_LINK_ANYWHERE_RE.search(text):
        return False
    return not has_relative_date(text)  # "2 hours ago"


def _starts_lower_case(text: str) -> bool:
    """A line opening on a small letter: mostly a fragment or a menu, sometimes a brand ("iPhone 17 sales fall")."""
    text = BULLET_RE.sub("", text).strip()
    return not (starts_like_sentence(text) or text[:1] in "\"“„«‘'¿¡" or text[:1].isdigit() or not text[:1].isalpha())


@lru_cache(maxsize=LINE_MEMO_ENTRIES)  # the same line is asked about by several passes
def _is_byline_or_date(text: str) -> bool:
    """A short line that reads as a byline or a date line (the line printed under a headline)."""
    if count_words(text) > 16:
        return False
    if BYLINE_LABEL_RE.match(text) and not text.lower().startswith(_AMBIGUOUS_LABELS):
        return True
    return bool(absolute_dates(text)) or has_relative_date(text)


_KICKER_RE = re.compile(r"^(?P<kicker>[^:|–—]{2,60}?)(?P<sep>\s:\s|:\s|\s[-–—|]\s)(?P<rest>.+)$")


def without_kicker(lines: list[Line], title: int, language: str | None) -> str:
    """The headline without the kicker (topic label) printed in front of it.

    A kicker is a separate element rendered into the same line, and the renderer betrays the join with a
    lone space before the colon ("Klimaschutz : Bohren, bis es heiß wird") on the line or on another copy
    of it on the page.  "Tesla: Profits fall" is kept whole, and so is French, which spaces every colon.
    (A kicker glued without any separator, "Kind krank Was Arbeitgeber ...", is not detected.)
    """
    text = strip_marker(lines[title].text)
    mt = _KICKER_RE.match(text)
    if language == "fr" or not mt or len(split_words(mt["kicker"])) > 6 or len(split_words(mt["rest"])) < 3:
        return text
    rest = mt["rest"].strip()
    if not (rest[:1].isupper() or rest[:1] in "\"“„«‘'"):
        return text
    key = flat(text)
    spaced = any(" : " in line.text and flat(strip_marker(line.text)) == key for line in lines)
    return rest if spaced else text
