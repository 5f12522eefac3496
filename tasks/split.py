"""Stage: split a cleaned document into stories.

A file saved from an infinite-scroll page holds several stories, each printed with the furniture of its own
page, and may end with teasers of other stories, which are not stories. The splitter works on the gaps
between body lines (lines the cleaner kept): every gap is a place where a new story could start, and the
lines inside it -- removed ones included, since page furniture and headlines are removed lines -- say how
likely that is:

- page evidence (strong): the previous page's footer (a copyright line) or a "Skip to content" link;
- a story head (medium): a headline printed twice within a few lines (page title and article title) or
  followed by an "Updated ..."/date/byline/"Follow" line; or the file's own top header/navigation printed
  again (the next glued page of the same site starting over -- or only a footer repeating the navigation,
  hence not strong alone);
- supporting cues (weak): a long run of removed lines (a seam), highlight bullets right before the body, a
  dateline opening the first paragraph ("ISLAMABAD:", "MADRID —"), the body's language changing (stopwords
  or script) between the two sides.

No marker is trusted alone. Cues add up to a score; below a head's worth (a seam alone) there is no cut. A gap
becomes a boundary only if both sides carry a real body -- enough words in several paragraphs that are not
list items, a higher bar without page evidence -- so teaser lists, tickers, comment threads and short
fragments never become stories, and if the vocabularies of the neighbouring bodies (word prefixes, a crude
stemmer) overlap less than the score allows: a head needs a clear change of subject, a footer less of one.

Furniture that imitates a head is discounted: a line printed more than three times is a label; after a teaser
header ("Related Articles", "Trending", "Read more", "Also see") heads that follow each other closely are the
list's items, and without a head nothing after the list starts a story; inside a comment thread ("12 thoughts
on ...", "... says:") only a head after a seam counts, until page evidence shows up; kept footer text right
after a copyright line (disclaimers) leaves the page end pending for the next gap.

The boundary is placed at the start of the new page's head (after the previous footer, at the repeated
header or at the headline), so each span holds its own head for the metadata stage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from tasks.language import script_counts
from tasks.models import Document, Line, Story
from tasks.text.dates import holds_date
from tasks.text.lines import (
    BULLET_RE,
    OPENS_WITH_COPYRIGHT_RE,
    SKIP_LINK_RE,
    dateline,
    is_copyright_notice,
    line_features,
    opens_comments,
)
from tasks.text.scripts import count_words, ends_sentence
from tasks.text.stopwords import stopwords
from tasks.text.vocabulary import CREDIT_WORDS, LEGAL_LINKS, alternation

MIN_STORY_WORDS = 40  # a cut must leave at least this many body words on each side
MIN_PARAGRAPHS = 2  # ... and this many paragraphs (teaser blurbs and comments come one at a time)
MIN_STORY_WORDS_WEAK = 80  # the same without page evidence
MIN_PARAGRAPHS_WEAK = 3
MIN_PARAGRAPH_WORDS = 12  # words that make a kept line a paragraph
HEAD_WINDOW = 8  # a headline's repetition must follow within this many lines
HEAD_CUE_LINES = 3  # the date/byline under a headline follows within this many lines
TEASER_SPACING = 12  # heads this close together after a teaser header are items of one list
MAX_HEADLINE_PRINTS = 3  # a line printed more often in the file is a label, not a headline
SEAM_MIN_REMOVED_LINES = 8  # removed lines between two bodies that may separate two pages
FOOTER_TEXT_LINES = 4  # kept lines (disclaimers, trademark notes) a footer may still hold after its copyright
MIN_HEADER_LINES = 2  # lines between a footer and the next body when a new page starts there
TOP_HEADER_LINES = 40  # removed lines at the top of the file taken as its page header
HEADER_REPEAT_MIN = 3  # this many top-header lines printed again close together: the page starts over
HEADER_REPEAT_SPAN = 8  # ... within this many lines
STEM = 6  # characters of a word compared for topical overlap
SIMILARITY_WINDOW = 40  # kept lines compared on each side of a gap (the neighbouring blocks)

# Most cosine similarity between the bodies either side of a gap that still allows a cut, by evidence score.
STRONG, HEAD, WEAK = 3, 2, 1
MAX_SIMILARITY = {2: 0.25, 3: 0.45}
MAX_SIMILARITY_TOP = 0.7  # score 4 and up

_WORD = re.compile(r"[^\W\d_]{4,}")  # content-ish words: stopwords are mostly shorter
_TOKEN = re.compile(r"[^\W\d_]+")
_LANGUAGES = ("en", "de", "es", "fr", "it", "pt", "nl", "id", "tr", "pl", "sv")  # Latin-script languages told apart
_FOLLOW = re.compile(r"^(?:follow|folgen|seguir|suivre|segui)$", re.IGNORECASE)
# Lines that still belong to a footer after its copyright line.
_FOOTER_TAIL = re.compile(
    rf"\b{alternation(LEGAL_LINKS)}|terms?\b|cookie|advertis|rights|powered by|part of|network|^\W*$", re.IGNORECASE
)
# Photo credits and captions repeat under every picture of a gallery: never a headline.
_CAPTION = re.compile(rf"^\W*(?:{alternation(CREDIT_WORDS)}|source|video|getty)s?\b", re.IGNORECASE)
# A copyright line naming a picture or its agency credits the picture, not the page.
_IMAGE_CREDIT = re.compile(rf"{alternation(CREDIT_WORDS)}|getty|shutterstock", re.IGNORECASE)


@dataclass(slots=True)
class _Gap:
    """Removed lines (and the kept line after them) where a new story might start."""

    start: int  # first line of the gap
    body: int  # the kept line that ends the gap
    position: int  # where the new story would start
    score: int  # evidence that a story starts here
    strong: bool  # page evidence: footer, skip link or repeated header
    ended: bool = False  # a page footer ended here but kept footer text follows: the next gap starts a page


def _is_date_line(text: str) -> bool:
    """A short line holding a date: the line under a headline ("Published on 15/07/2014 by Jane Roe"), or a
    commenter's time stamp."""
    return count_words(text) <= 10 and holds_date(text)


def _is_byline(text: str) -> bool:
    return line_features(text).byline


def _is_headline_shaped(text: str) -> bool:
    words = count_words(text)
    return (
        3 <= words <= 30
        # Headlines carry no closing full stop; an ellipsis (a cut-off title) or "!" is fine.
        and (text.endswith(("...", "…", "!")) or not (ends_sentence(text) or text.endswith((":", ";", ",", "،"))))
        and not BULLET_RE.match(text)
        and not text.startswith(("/", "|", "«", "»", "+", "@", "#"))
        and not _is_date_line(text)
        and not _is_byline(text)
        and not opens_comments(text)
        and len(_WORD.findall(text)) >= 2
        and not _CAPTION.match(text)
    )


def _is_head_cue(text: str) -> bool:
    """A line printed under a headline: a date, a byline or a follow button."""
    return _is_date_line(text) or (_is_byline(text) and count_words(text) <= 8) or bool(_FOLLOW.match(text))


def _headline_at(page: _Page, i: int) -> bool:
    """Does line i open a story head: a headline repeated nearby or followed by a date/byline line?"""
    lines = page.lines
    text = lines[i].text
    if not _is_headline_shaped(text):
        return False
    key = text.casefold()
    # A headline is printed once or twice (three times with a teaser of it); a label printed over and over
    # ("Meal 1", "Eat every 2 hours", a section name) is not one.
    if page.counts[key] > MAX_HEADLINE_PRINTS:
        return False
    # A repetition right before this line means this is the second copy, not a new head.
    if any(other.text.casefold() == key for other in lines[max(0, i - HEAD_WINDOW) : i]):
        return False
    window = lines[i + 1 : i + 1 + HEAD_WINDOW]
    if any(other.text.casefold() == key for other in window):
        return True
    # The date/byline must follow the headline directly: only short furniture lines may sit between them.
    for other in window[:HEAD_CUE_LINES]:
        if _is_head_cue(other.text):
            return True
        if count_words(other.text) > MIN_PARAGRAPH_WORDS:
            return False
    return False


@dataclass(slots=True)
class _Page:
    """A document's lines with what the evidence needs to know about the whole file."""

    lines: list[Line]
    header: set[str]  # the file's top header/navigation lines, casefolded
    counts: Counter[str]  # how often each line's text (casefolded) is printed in the file

    @classmethod
    def of(cls, lines: list[Line]) -> _Page:
        return cls(lines, _top_header(lines), Counter(line.text.casefold() for line in lines))


def _top_header(lines: list[Line]) -> set[str]:
    """The file's first removed lines (its page header and navigation), for spotting the page starting over."""
    header: set[str] = set()
    for line in lines[:TOP_HEADER_LINES]:
        if line.keep:
            break
        if len(line.text) > 2:
            header.add(line.text.casefold())
    return header


def _header_repeat(lines: list[Line], start: int, end: int, header: set[str]) -> int | None:
    """First line of a run of top-header lines printed again within lines[start:end], if any."""
    hits = [i for i in range(start, end) if lines[i].text.casefold() in header]
    for k in range(len(hits) - HEADER_REPEAT_MIN + 1):
        if hits[k + HEADER_REPEAT_MIN - 1] - hits[k] < HEADER_REPEAT_SPAN:
            return hits[k]
    return None


def _is_footer(lines: list[Line], i: int) -> bool:
    """A page's copyright notice (not the copyright credit of an image)."""
    text = lines[i].text
    return (
        not lines[i].keep
        and is_copyright_notice(text)
        # a footer may run long after the mark that opens it ("© 2024 Example Media. Terms ... Privacy ...")
        and count_words(text) <= (100 if OPENS_WITH_COPYRIGHT_RE.match(text) else 40)
        and not _IMAGE_CREDIT.search(text)
    )


def _after_footer(lines: list[Line], footer: int, end: int) -> int:
    """The first line after a footer's copyright line and the legal links that trail it."""
    position = footer + 1
    while position < end and count_words(lines[position].text) <= 12 and _FOOTER_TAIL.search(lines[position].text):
        position += 1
    return position


def _gap(page: _Page, start: int, body: int, in_comments: bool, footer_pending: bool) -> _Gap:
    """Weigh the evidence in lines[start:body+1] that a story starts there, and where exactly."""
    lines, header = page.lines, page.header
    footers = [i for i in range(start, body) if _is_footer(lines, i)]
    skips = [i for i in range(start, body) if SKIP_LINK_RE.match(lines[i].text)]
    repeat = _header_repeat(lines, start, body, header) if header else None
    heads: list[int] = []
    for i in range(start, body + 1):
        # A byline right under a headline is itself followed by the date: one head, not two.
        if _headline_at(page, i) and not (heads and heads[-1] == i - 1):
            heads.append(i)
    teasers = [i for i in range(start, body) if line_features(lines[i].text).teaser_header]
    if teasers and heads:
        key = lines[heads[-1]].text.casefold()
        # After a teaser-list header, a head that follows other heads closely is one more item of the list,
        # unless it is printed twice (page title and article title), which teasers never are.
        listed = [i for i in heads[:-1] if i > teasers[-1] and heads[-1] - i <= TEASER_SPACING]
        twice = page.counts[key] >= 2 and any(
            line.text.casefold() == key for line in lines[heads[-1] + 1 : heads[-1] + 1 + HEAD_WINDOW]
        )
        if heads[-1] < teasers[-1] or (listed and not twice):
            heads = []
    # Strong page evidence: the new page starts after the last footer, else at its skip link or header.
    page_starts = []
    # A new page opens with its own header: kept text right after a copyright line (a disclaimer, trademark
    # notes) is still the footer, so the page ends at the next gap.
    last_footer = footers[-1] if footers else (start - 1 if footer_pending else None)
    ended = False
    if last_footer is not None:
        if body - _after_footer(lines, last_footer, body) >= MIN_HEADER_LINES:
            page_starts.append(_after_footer(lines, last_footer, body))
        else:
            ended = True
    page_starts += [i for i in skips if last_footer is None or i > last_footer]
    if page_starts:
        return _Gap(start, body, min(page_starts), STRONG + (HEAD if heads else 0), True)
    score = 0
    position = body
    if heads:
        score += HEAD
        position = heads[-1]  # the head nearest the body: earlier ones in a long gap are menu items
    if repeat is not None and (not heads or repeat < heads[-1]):
        # The top header printed again: the same site's next page, or only its footer repeating the navigation
        # (social links, sections), so it weighs as much as a headline, and opens the span when both agree.
        score += HEAD
        position = repeat
    if body - start >= SEAM_MIN_REMOVED_LINES:
        score += WEAK
    first = lines[body].text
    if dateline(first) is not None:
        score += WEAK
    bullets = [
        line
        for line in lines[max(start, body - 4) : body]
        if BULLET_RE.match(line.text) and count_words(line.text) >= 6
    ]
    if len(bullets) >= 2:
        score += WEAK
    if score and not heads:
        # Without a headline, start at the last title-shaped line above the body, else right before it.
        titles = [i for i in range(start, body) if _is_headline_shaped(lines[i].text)]
        position = titles[-1] if titles else body
    if teasers and not heads:
        # What follows a teaser list without a head of its own is the same page's end (footer navigation,
        # disclaimers), not a new story.
        score = 0
    if in_comments and score < HEAD + WEAK:
        # Commenters' names and time stamps look like heads: inside a thread only a head after a seam counts.
        score = 0
    return _Gap(start, body, position, score, False, ended)


def _language(lines: list[Line]) -> str | None:
    """The body's language: its script if not Latin, else the stopword list covering most of its words."""
    text = " ".join(line.text for line in lines)
    scripts = script_counts(text)
    if not scripts:
        return None
    script = max(scripts, key=scripts.__getitem__)
    if script != "Latin":
        return script
    words = [word.lower() for word in _TOKEN.findall(text)]
    if len(words) < MIN_STORY_WORDS:
        return None
    coverage = {lang: sum(1 for word in words if word in stopwords(lang)) for lang in _LANGUAGES}
    best = max(coverage, key=coverage.__getitem__)
    return best if coverage[best] >= 0.2 * len(words) else None


def _vocabulary(lines: list[Line]) -> Counter[str]:
    # Word prefixes: a crude stemmer, so inflected forms ("officials", "official") count as one word.
    return Counter(word.casefold()[:STEM] for line in lines if line.keep for word in _WORD.findall(line.text))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def _body_words(lines: list[Line]) -> int:
    return sum(count_words(line.text) for line in lines if line.keep)


def _has_body(lines: list[Line], strong: bool) -> bool:
    """Enough kept words in real paragraphs (teaser blurbs and comment one-liners come one at a time). Without
    page evidence the bar is higher: a teaser list with blurbs must not pass for a story."""
    # List items do not count as paragraphs: a kept ticker or teaser list is bullets all the way.
    paragraphs = sum(
        1
        for line in lines
        if line.keep and count_words(line.text) >= MIN_PARAGRAPH_WORDS and not BULLET_RE.match(line.text)
    )
    if strong:
        return _body_words(lines) >= MIN_STORY_WORDS and paragraphs >= MIN_PARAGRAPHS
    return _body_words(lines) >= MIN_STORY_WORDS_WEAK and paragraphs >= MIN_PARAGRAPHS_WEAK


def _kept_window(lines: list[Line], from_end: bool) -> list[Line]:
    kept = [line for line in lines if line.keep]
    return kept[-SIMILARITY_WINDOW:] if from_end else kept[:SIMILARITY_WINDOW]


def _gaps(lines: list[Line]) -> list[_Gap]:
    """Every gap before a kept line (after the first body line) with its evidence, in order."""
    page = _Page.of(lines)
    kept = [i for i, line in enumerate(lines) if line.keep]
    gaps = []
    in_comments = False
    footer_pending = 0  # kept lines seen since a footer that ended a page without a new page after it
    for previous, body in zip(kept, kept[1:], strict=False):
        gap = _gap(page, previous + 1, body, in_comments, footer_pending > 0)
        footer_pending = FOOTER_TEXT_LINES if gap.ended else 0 if gap.strong else max(0, footer_pending - 1)
        # A thread opens with a comment marker and lasts until the next page starts.
        since = gap.position if gap.strong else previous + 1
        in_comments = (in_comments and not gap.strong) or any(
            opens_comments(lines[i].text) for i in range(since, body + 1)
        )
        if gap.score:
            gaps.append(gap)
    return gaps


def find_story_starts(lines: list[Line]) -> list[int]:
    """Indexes (into `lines`) where stories start; always begins with 0 when there are lines."""
    if not lines:
        return []
    gaps = _gaps(lines)
    starts = [0]
    for k, gap in enumerate(gaps):
        # The new side runs to the next gap with at least as much evidence (a weaker cue inside it is no cut).
        end = next((later.position for later in gaps[k + 1 :] if later.score >= min(gap.score, HEAD)), len(lines))
        before, after = lines[starts[-1] : gap.position], lines[gap.position : end]
        if gap.position <= starts[-1] or not _has_body(before, gap.strong) or not _has_body(after, gap.strong):
            continue
        tail, head = _kept_window(before, True), _kept_window(after, False)
        score = gap.score
        language = _language(tail)
        if language and _language(head) not in (None, language):
            score += WEAK  # glued pages of different sites often change language too
        if score < HEAD:
            continue  # a seam alone is no cut: too many teaser blocks and footers look like one
        similarity = _cosine(_vocabulary(tail), _vocabulary(head))
        if similarity > MAX_SIMILARITY.get(score, MAX_SIMILARITY_TOP):
            continue
        starts.append(gap.position)
    return starts


def split_stories(lines: list[Line]) -> list[list[Line]]:
    """The document's lines cut into story spans; spans without any body line are dropped."""
    starts = find_story_starts(lines)
    if not starts:
        return []
    spans = [lines[start:end] for start, end in zip(starts, [*starts[1:], len(lines)], strict=True)]
    return [span for span in spans if any(line.keep for line in span)]


def body_text(lines: list[Line]) -> str:
    """A story's body as the contract prints it: kept lines as paragraphs."""
    return "\n\n".join(line.text for line in lines if line.keep)


def split_documents(documents: list[Document]) -> list[Document]:
    """Stage: each readable document's lines cut into stories."""
    for document in documents:
        if document.ok:
            document.stories = [
                Story(story_index=index, lines=span, text=body_text(span))
                for index, span in enumerate(split_stories(document.lines))
            ]
    return documents
