"""Stage: split a cleaned document into stories.

A file saved from an infinite-scroll page (or a folder concatenated) holds several stories, each printed with
its head and often the furniture of its own page, and may end with teasers of other stories, which are not
stories. The splitter works on the gaps between body lines (lines the cleaner kept) with at least one removed
line: every such gap is a place where a new story could start, and the lines inside it and the bodies on both
sides say how likely that is (SPLIT_FEATURES):

- page evidence: the previous page's footer (a copyright line) with a header after it, a "Skip to content"
  link, the file's own top header printed again, how many lines were removed and why (menus, legal links,
  cookie notices gather at a page's edges; comments, share bars and teasers sit inside a page too);
- a story head: a headline printed twice within a few lines (page title and article title) or followed by a
  date/byline/"Follow" line -- not an item of a teaser list ("Related Articles" and close heads after it);
  highlight bullets before the body, a dateline opening it ("ISLAMABAD: The ...");
- the two sides: how much body each has (words, paragraphs up to the next seam), how much their vocabularies
  overlap (word prefixes, a crude stemmer; with and without function words), whether their language or script
  changes; whether the gap lies inside a comment thread ("12 thoughts on ...") or right after a footer whose
  disclaimers were kept.

No marker is trusted alone: a fitted model weighs them (boosted shallow trees, `split_model.json`, fitted by
scripts/fit_split.py on dev pages glued together, cross-validated over pages; tasks/trees.py scores them). A gap
is a boundary when the model gives it more than even odds, or when it holds a news story's own head (a headline
twice or over its date, then a dateline or highlights) between two real bodies on different subjects: pages of
all kinds, which the model learnt from, print post heads inside listing pages that are one page, while an
infinite-scroll capture appends the next story with exactly that head and nothing else. Likewise where the same
site's page starts over (a footer, then the file's own header or a skip link, real bodies on both sides): pages of
different sites glued at random never show the model two pages of one subject. Two boundaries with
little body between them are one boundary seen twice; the better scored stays.

The boundary is placed at the start of the new page's head (after the previous footer, at the skip link, the
repeated header or the headline), so each span holds its own head for the metadata stage.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .language import LETTER_RUN_RE, script_counts
from .models import Document, Line, Story
from .text.cache import LINE_CACHE_ENTRIES, LINE_MEMO_ENTRIES, LineCache
from .text.dates import holds_date
from .text.lines import (
    BULLET_RE,
    OPENS_WITH_COPYRIGHT_RE,
    SKIP_LINK_RE,
    dateline,
    is_byline,
    is_copyright_notice,
    is_teaser_header,
    opens_comments,
)
from .text.scripts import count_words, ends_sentence
from .text.stopwords import stopwords
from .text.vocabulary import CREDIT_WORDS, LEGAL_LINKS, alternation
from .trees import TreeEnsemble

MIN_STORY_WORDS = 40  # kept words between two cuts, else they are one boundary seen twice
MIN_PARAGRAPH_WORDS = 12  # words that make a kept line a paragraph
HEAD_WINDOW = 8  # a headline's repetition must follow within this many lines
HEAD_CUE_LINES = 3  # the date/byline under a headline follows within this many lines
TEASER_SPACING = 12  # heads this close together after a teaser header are items of one list
MAX_HEADLINE_PRINTS = 3  # a line printed more often in the file is a label, not a headline
SEAM_MIN_REMOVED_LINES = 8  # removed lines that end a block of body text
FOOTER_TEXT_LINES = 4  # kept lines (disclaimers, trademark notes) a footer may still hold after its copyright
MIN_HEADER_LINES = 2  # lines between a footer and the next body when a new page starts there
TOP_HEADER_LINES = 40  # removed lines at the top of the file taken as its page header
HEADER_REPEAT_MIN = 3  # this many top-header lines printed again close together: the page starts over
HEADER_REPEAT_SPAN = 8  # ... within this many lines
STEM = 6  # characters of a word compared for topical overlap
SIMILARITY_WINDOW = 40  # kept lines compared on each side of a gap (the neighbouring blocks)
RULE_MIN_BODY_WORDS = 80  # body words on each side of a gap cut by rule (a story's own head, a page starting over)
STORY_HEAD_MAX_SIMILARITY = 0.35  # the most the blocks' vocabularies may overlap around a story's own head

# The cleaner's reasons for removing a line, counted in a gap: menus, legal links and cookie notices gather at
# a page's edges; comments, share bars, teasers and bios sit inside a page too.
GAP_REASONS = (
    "menu-run",
    "legal",
    "copyright",
    "cookie-notice",
    "comment",
    "comment-form",
    "share-widget",
    "teaser",
    "short-no-sentence",
    "outside-article",
    "call-to-action",
    "author-bio",
)
# The feature counting each reason's lines in a gap -> the reason.
_REMOVED_FEATURES = {f"removed_{reason}": reason for reason in GAP_REASONS}
# What is known of a gap, in the order of the fitted model's columns (split_model.json, fitted by
# scripts/fit_split.py). Counts are log1p'd; the body sides are the SIMILARITY_WINDOW kept lines either side
# (vocabulary, language) and the block of kept lines up to the next seam (words, paragraphs).
SPLIT_FEATURES = (
    "removed_lines",
    "footer",  # a page's copyright notice in the gap
    "footer_then_header",  # ... with the next page's header after it
    "footer_pending",  # a footer ended a gap just before, kept footer text followed
    "skip_link",
    "header_repeat",  # the file's top header printed again
    "header_lines",  # lines of the file's top header in the gap
    "headline",  # a story head, not an item of a teaser list:
    "headline_twice",  # ... printed twice (page title, article title)
    "headline_cue",  # ... with a date/byline under it
    "teaser_header",
    "title_shaped",  # a title-shaped line in the gap
    "in_comments",  # inside a comment thread
    "dateline",  # the body opens with a dateline
    "highlights",  # highlight bullets right before the body
    "similarity",  # cosine of the two sides' vocabularies
    "block_similarity",  # ... of the blocks either side
    "content_similarity",  # the same without function words
    "content_block_similarity",
    "language_change",  # between the blocks either side
    "words_before",
    "words_after",
    "paragraphs_before",
    "paragraphs_after",
    *_REMOVED_FEATURES,
)
_MODEL_FILE = Path(__file__).with_name("split_model.json")


@functools.cache
def split_model() -> TreeEnsemble:
    """The fitted gap model (loaded on first use, so the fitting script can import this module without one)."""
    return TreeEnsemble.load(_MODEL_FILE, SPLIT_FEATURES)


_WORD_LETTERS = 4
_WORD = re.compile(rf"[^\W\d_]{{{_WORD_LETTERS},}}")  # content-ish words: stopwords are mostly shorter
_TOKEN = LETTER_RUN_RE  # letter runs
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


def _is_date_line(text: str) -> bool:
    """A short line holding a date: the line under a headline ("Published on 15/07/2014 by Jane Roe"), or a
    commenter's time stamp."""
    return count_words(text) <= 10 and holds_date(text)


def _is_headline_shaped(text: str) -> bool:
    words = count_words(text)
    return (
        3 <= words <= 30
        # Headlines carry no closing full stop; an ellipsis (a cut-off title) or "!" is fine.
        and (text.endswith(("...", "…", "!")) or not (ends_sentence(text) or text.endswith((":", ";", ",", "،"))))
        and not BULLET_RE.match(text)
        and not text.startswith(("/", "|", "«", "»", "+", "@", "#"))
        # (the cheaper tests first: the date and byline verdicts cost the most)
        and not _CAPTION.match(text)
        and len(_WORD.findall(text)) >= 2
        and not opens_comments(text)
        and not _is_date_line(text)
        and not is_byline(text)
    )


@functools.lru_cache(maxsize=LINE_MEMO_ENTRIES)  # a gap's lines are asked again as the next lines of each head above
def _is_head_cue(text: str) -> bool:
    """A line printed under a headline: a date, a byline or a follow button."""
    # (the cheaper tests first)
    return bool(_FOLLOW.match(text)) or (count_words(text) <= 8 and is_byline(text)) or _is_date_line(text)


def _head_at(page: _Page, i: int) -> str | None:
    """Does line i, headline-shaped (_is_headline_shaped), open a story head: "twice" when the headline is printed
    again right under it (page title and article title), "cue" when a date/byline line follows it, else None."""
    lines, folded = page.lines, page.folded
    key = folded[i]
    # A headline is printed once or twice (three times with a teaser of it); a label printed over and over
    # ("Meal 1", "Eat every 2 hours", a section name) is not one.
    if page.counts[key] > MAX_HEADLINE_PRINTS:
        return None
    # A repetition right before this line means this is the second copy, not a new head.
    if key in folded[max(0, i - HEAD_WINDOW) : i]:
        return None
    if key in folded[i + 1 : i + 1 + HEAD_WINDOW]:
        return "twice"
    # The date/byline must follow the headline directly: only short furniture lines may sit between them.
    for other in lines[i + 1 : i + 1 + HEAD_CUE_LINES]:  # (HEAD_CUE_LINES <= HEAD_WINDOW)
        if _is_head_cue(other.text):
            return "cue"
        if count_words(other.text) > MIN_PARAGRAPH_WORDS:
            return None
    return None


@dataclass(slots=True)
class _Page:
    """A document's lines with what the evidence needs to know about the whole file."""

    lines: list[Line]
    folded: list[str]  # each line's text, casefolded (lines are compared without case)
    header: set[str]  # the file's top header/navigation lines, casefolded
    counts: Counter[str]  # how often each line's text (casefolded) is printed in the file
    # The removed lines between the first and the last kept line (the gaps' lines) by what they are, as ascending
    # line indexes: a gap takes its own with bisect (_within) instead of testing each of its lines again.
    footers: list[int]  # a page's copyright notice (_is_footer_text)
    skip_links: list[int]
    shaped: list[int]  # headline-shaped (_is_headline_shaped)
    teaser_headers: list[int]
    comment_openers: list[int]  # lines that open a comment thread or a comment
    header_lines: list[int]  # lines of the file's top header, printed again

    @classmethod
    def of(cls, lines: list[Line], kept: list[int]) -> _Page:
        folded = [line.text.casefold() for line in lines]
        header = _top_header(lines, folded)
        page = cls(lines, folded, header, Counter(folded), [], [], [], [], [], [])
        found = (
            (_FOOTER, page.footers),
            (_SKIP_LINK, page.skip_links),
            (_HEADLINE_SHAPED, page.shaped),
            (_TEASER_HEADER, page.teaser_headers),
            (_OPENS_COMMENTS, page.comment_openers),
        )
        for i in range(kept[0] + 1, kept[-1]):
            line = lines[i]
            if line.keep:
                continue
            verdicts = _removed_line_verdicts(line.text)
            if verdicts:
                for verdict, indexes in found:
                    if verdicts & verdict:
                        indexes.append(i)
            if folded[i] in header:
                page.header_lines.append(i)
        return page


# What a removed line's text says, as bits of one integer: computed once per distinct line (_removed_line_verdicts).
_FOOTER, _SKIP_LINK, _HEADLINE_SHAPED, _TEASER_HEADER, _OPENS_COMMENTS = 1, 2, 4, 8, 16
_REMOVED_LINE_VERDICTS: LineCache[int] = LineCache(LINE_CACHE_ENTRIES)


def _removed_line_verdicts(text: str) -> int:
    """The verdicts on a removed line's text (the bits above). Cached: the lines in the gaps are mostly a site's
    template (menus, footers, share bars), printed again on every one of its pages."""
    verdicts = _REMOVED_LINE_VERDICTS.get(text)
    if verdicts is None:
        verdicts = (
            (_FOOTER if _is_footer_text(text) else 0)
            | (_SKIP_LINK if SKIP_LINK_RE.match(text) else 0)
            | (_HEADLINE_SHAPED if _is_headline_shaped(text) else 0)
            | (_TEASER_HEADER if is_teaser_header(text) else 0)
            | (_OPENS_COMMENTS if opens_comments(text) else 0)
        )
        _REMOVED_LINE_VERDICTS.put(text, verdicts)
    return verdicts


def _within(indexes: list[int], start: int, end: int) -> list[int]:
    """The ascending `indexes` in [start, end)."""
    return indexes[bisect.bisect_left(indexes, start) : bisect.bisect_left(indexes, end)]


def _top_header(lines: list[Line], folded: list[str]) -> set[str]:
    """The file's first removed lines (its page header and navigation), casefolded, for spotting the page starting
    over."""
    header: set[str] = set()
    for line, text in zip(lines[:TOP_HEADER_LINES], folded, strict=False):
        if line.keep:
            break
        if len(line.text) > 2:
            header.add(text)
    return header


def _header_repeat(hits: list[int]) -> int | None:
    """First line of a run of top-header lines printed again (`hits`: their ascending indexes in a gap), if any."""
    for k in range(len(hits) - HEADER_REPEAT_MIN + 1):
        if hits[k + HEADER_REPEAT_MIN - 1] - hits[k] < HEADER_REPEAT_SPAN:
            return hits[k]
    return None


def _is_footer_text(text: str) -> bool:
    """A removed line's text that is a page's copyright notice (not the copyright credit of an image)."""
    return (
        is_copyright_notice(text)
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


@dataclass(slots=True)
class _Gap:
    """Removed lines (and the kept line after them) where a new story might start, with the evidence."""

    start: int  # first line of the gap
    body: int  # the kept line that ends the gap
    position: int  # where the new story would start: the new page's head
    strong: bool  # page evidence (a footer followed by a header, a skip link): a thread of comments ends here
    ended: bool  # a footer ended here but kept footer text follows: the next gap may still start the page
    features: list[float]  # in SPLIT_FEATURES order


@functools.cache
def _latin_stopword_languages() -> dict[str, tuple[int, ...]]:
    """Each stopword of the Latin-script languages told apart -> the indexes (in _LANGUAGES) of its languages: one
    look-up per word instead of one per word and language."""
    found: dict[str, list[int]] = {}
    for index, lang in enumerate(_LANGUAGES):
        for word in stopwords(lang):
            found.setdefault(word, []).append(index)
    return {word: tuple(indexes) for word, indexes in found.items()}


@functools.cache
def _stopword_sets() -> tuple[dict[str, int], np.ndarray]:
    """Each stopword (_latin_stopword_languages) -> its set of languages as a row of a table, and the table: 1 under
    each language (of _LANGUAGES) of the row's set. Row 0 is no language's: a content word."""
    languages = _latin_stopword_languages()
    sets = sorted(set(languages.values()))
    table = np.zeros((len(sets) + 1, len(_LANGUAGES)), dtype=np.uint8)
    for row, indexes in enumerate(sets, start=1):
        table[row, list(indexes)] = 1
    row_of = {indexes: row for row, indexes in enumerate(sets, start=1)}
    return {word: row_of[indexes] for word, indexes in languages.items()}, table


class _RunFacts:
    """What a letter run says, one integer per distinct run for the process (a page's words are mostly words seen on
    earlier pages): its stem's number (0 when shorter than _WORD_LETTERS, the same number for runs of one stem) and
    the row of its stopword languages in _stopword_sets' table, as stem * rows + row. Forgotten all at once (stems
    numbered again) when it holds MAX_RUNS runs: memory stays bounded whatever the folder's size. A page's runs are
    looked up under a lock: a page must not see the stems numbered again halfway (batches may run in threads)."""

    MAX_RUNS = 50_000

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.stems: dict[str, int] = {}  # a stem (a run's first STEM characters, casefolded) -> its number, from 1
        self.lock = threading.Lock()

    def of(self, runs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The stem numbers (0: none) and the stopword rows of `runs`, in order."""
        row_of, table = _stopword_sets()
        rows = len(table)
        with self.lock:
            missing = set(runs).difference(self.codes)
            if missing and len(self.codes) + len(missing) > self.MAX_RUNS:
                self.codes, self.stems = {}, {}
                missing = set(runs)
            for run in missing:
                stem = (
                    self.stems.setdefault(run.casefold()[:STEM], len(self.stems) + 1)
                    if len(run) >= _WORD_LETTERS
                    else 0
                )
                self.codes[run] = stem * rows + row_of.get(run.lower(), 0)
            codes = np.fromiter(map(self.codes.__getitem__, runs), np.int64, len(runs))
        return np.divmod(codes, rows)


_RUN_FACTS = _RunFacts()


class _Sides:
    """What the kept lines either side of a gap say. Every kept line's figures are computed once, as prefix sums
    (words, paragraphs, letters per script, stopwords per language) and word stems, so any run of kept lines is
    summed without walking it again."""

    def __init__(self, lines: list[Line], kept: list[int]) -> None:
        self.kept = kept
        # Kept line s ends a block (a seam follows it): enough removed lines between it and the next kept line.
        self.seams = [s for s in range(len(kept) - 1) if kept[s + 1] - kept[s] - 1 >= SEAM_MIN_REMOVED_LINES]
        texts = [lines[i].text for i in kept]
        words = [count_words(text) for text in texts]
        # _WORD's matches are exactly the letter runs (_TOKEN's) of _WORD_LETTERS or more: one scan finds both.
        tokens = [_TOKEN.findall(text) for text in texts]
        scripts = list(map(script_counts, texts, tokens))
        self.scripts = list(dict.fromkeys(name for counts in scripts for name in counts))
        # The page's runs in order, as stem numbers and stopword rows (_RunFacts); every per-line figure below is a
        # sum over a line's runs, done by numpy.
        runs = list(itertools.chain.from_iterable(tokens))
        stems, stopword_rows = _RUN_FACTS.of(runs)
        line_ends = np.zeros(len(kept) + 1, dtype=np.int64)  # runs before each kept line, and in all
        np.cumsum([len(line_tokens) for line_tokens in tokens], out=line_ends[1:])
        # The stems of the page's words numbered 0.. (the vocabulary's columns), in the words' order.
        stemmed = stems > 0
        _, self.ids = np.unique(stems[stemmed], return_inverse=True)
        self.vocabulary_size = int(self.ids.max()) + 1 if len(self.ids) else 0
        stemmed_before = np.zeros(len(runs) + 1, dtype=np.int64)
        np.cumsum(stemmed, out=stemmed_before[1:])
        self.offsets = stemmed_before[line_ends].tolist()
        # Content words: the stemmed runs that are no function word of the languages told apart ("dass", "which"
        # are shared by any two texts).
        content = stopword_rows[stemmed] == 0
        self.content_ids = self.ids[content]
        content_before = np.zeros(len(self.ids) + 1, dtype=np.int64)
        np.cumsum(content, out=content_before[1:])
        self.content_offsets = content_before[self.offsets].tolist()
        # Stopwords per language count on lines written in Latin letters only, as does the number of their runs.
        latin = np.array([bool(counts.get("Latin")) for counts in scripts], dtype=bool)
        run_counts = np.diff(line_ends)
        width = 3 + len(_LANGUAGES) + len(self.scripts)  # words, paragraphs, tokens, languages, scripts
        figures = np.zeros((len(kept) + 1, width), dtype=np.int64)
        figures[1:, 0] = words
        figures[1:, 1] = [
            n >= MIN_PARAGRAPH_WORDS and not BULLET_RE.match(text) for n, text in zip(words, texts, strict=True)
        ]
        figures[1:, 2] = np.where(latin, run_counts, 0)
        stopwords_before = np.zeros((len(runs) + 1, len(_LANGUAGES)), dtype=np.int64)
        languages = _stopword_sets()[1][stopword_rows]
        np.cumsum(languages * np.repeat(latin, run_counts)[:, None], axis=0, out=stopwords_before[1:])
        figures[1:, 3 : 3 + len(_LANGUAGES)] = np.diff(stopwords_before[line_ends], axis=0)
        column = {name: 3 + len(_LANGUAGES) + c for c, name in enumerate(self.scripts)}
        for row, counts in enumerate(scripts, start=1):
            for name, letters in counts.items():
                figures[row, column[name]] = letters
        self.sums = figures.cumsum(axis=0)

    def block(self, k: int, step: int) -> tuple[int, int]:
        """The block of kept lines from kept line k on in direction `step`, up to a seam (at most
        SIMILARITY_WINDOW lines), as a range [first, last): the text on this side of a gap that surely belongs
        together."""
        if step > 0:  # up to the first seam after k, or k itself
            seam = bisect.bisect_left(self.seams, k)
            last = min(k + SIMILARITY_WINDOW - 1, len(self.kept) - 1)
            return k, (min(last, self.seams[seam]) if seam < len(self.seams) else last) + 1
        seam = bisect.bisect_left(self.seams, k) - 1  # from just after the last seam before k
        first = max(k - SIMILARITY_WINDOW + 1, 0)
        return (max(first, self.seams[seam] + 1) if seam >= 0 else first), k + 1

    def vocabularies(self, spans: list[tuple[int, int]]) -> np.ndarray:
        """Stem counts of each span [first, last) of kept lines, one row per span: of all words, then the same spans'
        of content words (2 x len(spans) rows, vocabulary_size columns). One bincount: each row's stems are numbered
        in a range of their own."""
        size = self.vocabulary_size
        pieces = [self.ids[self.offsets[first] : self.offsets[last]] for first, last in spans]
        pieces += [self.content_ids[self.content_offsets[first] : self.content_offsets[last]] for first, last in spans]
        rows = np.repeat(np.arange(0, len(pieces) * size, size), [len(piece) for piece in pieces])
        return np.bincount(np.concatenate(pieces) + rows, minlength=len(pieces) * size).reshape(len(pieces), size)

    def side(self, first: int, last: int) -> tuple[int, int, str | None]:
        """Words, paragraphs (at most 10) and language of kept lines [first, last)."""
        total = (self.sums[last] - self.sums[first]).tolist()
        scripts = {name: n for name, n in zip(self.scripts, total[3 + len(_LANGUAGES) :], strict=True) if n}
        language = _language(scripts, total[3 : 3 + len(_LANGUAGES)], total[2])
        return total[0], min(total[1], 10), language

    def features(self, k: int) -> dict[str, float]:
        """The features (SPLIT_FEATURES) of the two sides of the gap before kept line k: each side's window of kept
        lines (topic) and block up to the next seam (what surely belongs together: a short page's window already
        reaches into the page after it)."""
        before, after = self.block(k - 1, -1), self.block(k, 1)
        windows = [(max(0, k - SIMILARITY_WINDOW), k), (k, min(len(self.kept), k + SIMILARITY_WINDOW))]
        # rows: window before, window after, block before, block after; then the same of content words
        counts = self.vocabularies([*windows, before, after])
        squares = np.einsum("ij,ij->i", counts, counts).tolist()
        products = np.einsum("ij,ij->i", counts[0::2], counts[1::2]).tolist()
        similarity, block_similarity, content_similarity, content_block_similarity = (
            _cosine(product, squares[2 * pair], squares[2 * pair + 1]) for pair, product in enumerate(products)
        )
        words_before, paragraphs_before, before_language = self.side(*before)
        words_after, paragraphs_after, after_language = self.side(*after)
        return {
            "similarity": similarity,
            "block_similarity": block_similarity,
            "content_similarity": content_similarity,
            "content_block_similarity": content_block_similarity,
            "language_change": float(before_language is not None and after_language not in (None, before_language)),
            "words_before": math.log1p(words_before),
            "words_after": math.log1p(words_after),
            "paragraphs_before": float(paragraphs_before),
            "paragraphs_after": float(paragraphs_after),
        }


def _language(scripts: dict[str, int], per_language: list[int], tokens: int) -> str | None:
    """A body's language: its script if not Latin, else the stopword list covering most of its words."""
    if not scripts:
        return None
    script = max(scripts, key=scripts.__getitem__)
    if script != "Latin":
        return script
    if tokens < MIN_STORY_WORDS:
        return None
    best = per_language.index(max(per_language))  # the first of equals
    return _LANGUAGES[best] if per_language[best] >= 0.2 * tokens else None


def _cosine(product: int, square_a: int, square_b: int) -> float:
    """The cosine of two count vectors a and b from a @ b, a @ a and b @ b."""
    norms = math.sqrt(square_a) * math.sqrt(square_b)
    return product / norms if norms else 0.0


def _opens_with_dateline(text: str) -> bool:
    """A paragraph opened by a place ("ISLAMABAD: The ..."): a label over a short line or a question ("NEW: ...",
    "Luggage - any restrictions?") is not one."""
    return count_words(text) >= MIN_PARAGRAPH_WORDS and not text.endswith("?") and dateline(text) is not None


def _gap(page: _Page, sides: _Sides, k: int, in_comments: bool, footer_pending: bool) -> _Gap:
    """The evidence in the removed lines before kept line k (and on both sides of them) that a story starts."""
    lines = page.lines
    start, body = sides.kept[k - 1] + 1, sides.kept[k]
    footers = _within(page.footers, start, body)
    skips = _within(page.skip_links, start, body)
    header_lines = _within(page.header_lines, start, body)
    repeat = _header_repeat(header_lines)
    # Headline-shaped lines, the body's first line included: the candidate heads, and the gap's titles.
    shaped = _within(page.shaped, start, body)
    if _is_headline_shaped(lines[body].text):
        shaped.append(body)
    heads: list[int] = []
    kinds: dict[int, str] = {}
    for i in shaped:
        kind = _head_at(page, i)
        # A byline right under a headline is itself followed by the date: one head, not two.
        if kind and not (heads and heads[-1] == i - 1):
            heads.append(i)
            kinds[i] = kind
    teasers = _within(page.teaser_headers, start, body)
    twice = bool(heads) and kinds[heads[-1]] == "twice"
    if teasers and heads:
        # After a teaser-list header, a head that follows other heads closely is one more item of the list,
        # unless it is printed twice (page title and article title), which teasers never are.
        listed = [i for i in heads[:-1] if i > teasers[-1] and heads[-1] - i <= TEASER_SPACING]
        if heads[-1] < teasers[-1] or (listed and not twice):
            heads = []
    # Where the new page would start: after the last footer, else at its skip link, repeated header or headline.
    last_footer = footers[-1] if footers else (start - 1 if footer_pending else None)
    page_starts = []
    ended = False
    if last_footer is not None:
        after_footer = _after_footer(lines, last_footer, body)
        if body - after_footer >= MIN_HEADER_LINES:
            page_starts.append(after_footer)
        else:
            ended = True  # kept text right after a copyright line (a disclaimer) is still the footer
    page_starts += [i for i in skips if last_footer is None or i > last_footer]
    titles = [i for i in shaped if i < body]
    if page_starts:
        position = min(page_starts)
    elif repeat is not None and (not heads or repeat < heads[-1]):
        position = repeat
    elif heads:
        position = heads[-1]  # the head nearest the body: earlier ones in a long gap are menu items
    else:
        position = titles[-1] if titles else body
    reasons = Counter(line.reason for line in lines[start:body])
    bullets = [
        line
        for line in lines[max(start, body - 4) : body]
        if BULLET_RE.match(line.text) and count_words(line.text) >= 6
    ]
    values = {
        "removed_lines": math.log1p(body - start),
        "footer": float(bool(footers)),
        "footer_then_header": float(bool(footers) and not ended),
        "footer_pending": float(footer_pending),
        "skip_link": float(bool(skips)),
        "header_repeat": float(repeat is not None),
        "header_lines": math.log1p(len(header_lines)),
        "headline": float(bool(heads)),
        "headline_twice": float(bool(heads) and twice),
        "headline_cue": float(bool(heads) and not twice),
        "teaser_header": float(bool(teasers)),
        "title_shaped": float(bool(titles)),
        "in_comments": float(in_comments),
        "dateline": float(_opens_with_dateline(lines[body].text)),
        "highlights": float(len(bullets) >= 2),
        **sides.features(k),
        **{name: math.log1p(reasons[reason]) for name, reason in _REMOVED_FEATURES.items()},
    }
    features = [values[name] for name in SPLIT_FEATURES]
    return _Gap(start, body, position, bool(page_starts), ended, features)


def gaps(lines: list[Line]) -> list[_Gap]:
    """Every gap of at least one removed line between two kept lines, with its evidence, in order. (Two pages
    whose texts touch without a single removed line between them cannot be told apart here.)"""
    kept = [i for i, line in enumerate(lines) if line.keep]
    if all(body == previous + 1 for previous, body in zip(kept, kept[1:], strict=False)):
        return []  # one block of body text (or none): no gap to weigh
    page = _Page.of(lines, kept)
    sides = _Sides(lines, kept)
    found = []
    in_comments = False
    footer_pending = 0  # kept lines seen since a footer that ended a page without a new page after it
    for k in range(1, len(kept)):
        previous, body = kept[k - 1], kept[k]
        if body == previous + 1:
            in_comments = in_comments or opens_comments(lines[body].text)
            footer_pending = max(0, footer_pending - 1)
            continue
        gap = _gap(page, sides, k, in_comments, footer_pending > 0)
        found.append(gap)
        footer_pending = FOOTER_TEXT_LINES if gap.ended else 0 if gap.strong else max(0, footer_pending - 1)
        # A thread opens with a comment marker and lasts until the next page starts.
        since = gap.position if gap.strong else previous + 1
        in_comments = (
            (in_comments and not gap.strong)
            or bool(_within(page.comment_openers, since, body))
            or opens_comments(lines[body].text)
        )
    return found


def choose_starts(lines: list[Line], candidates: list[_Gap], model: TreeEnsemble) -> list[int]:
    """Story starts among the gaps the model scores above even odds, that hold a news story's own head, or where
    the same site's page starts over. Two cuts with less than MIN_STORY_WORDS kept words between them are one
    boundary seen twice (a kept cookie notice between a footer and the next page's header): the better scored
    stays. Always begins with 0 when there are lines."""
    if not lines:
        return []
    cuts: list[tuple[int, float]] = []
    for gap in candidates:
        score = model.log_odds(gap.features)
        if score <= 0 and not (_story_head(gap) or _page_starts_over(gap)):
            continue
        if cuts and _kept_words(lines, cuts[-1][0], gap.position) < MIN_STORY_WORDS:
            if score > cuts[-1][1]:
                cuts[-1] = (gap.position, score)
            continue
        cuts.append((gap.position, score))
    return [0] + [position for position, _ in cuts if position > 0]


_COLUMN = {name: k for k, name in enumerate(SPLIT_FEATURES)}


def _story_head(gap: _Gap) -> bool:
    """A news story appended with its own head: a headline printed twice or over its date, a dateline or
    highlights opening the body, real bodies on both sides, and a change of subject."""
    f = gap.features
    return bool(
        (f[_COLUMN["headline_twice"]] or f[_COLUMN["headline_cue"]])
        and (f[_COLUMN["dateline"]] or f[_COLUMN["highlights"]])
        and f[_COLUMN["block_similarity"]] < STORY_HEAD_MAX_SIMILARITY
        and min(f[_COLUMN["words_before"]], f[_COLUMN["words_after"]]) >= math.log1p(RULE_MIN_BODY_WORDS)
    )


def _page_starts_over(gap: _Gap) -> bool:
    """The previous page's footer, then this file's own header or a skip link: the same site's next page, between
    real bodies, however close their subjects (the model learnt from pages of different sites glued together)."""
    f = gap.features
    return bool(
        f[_COLUMN["footer_then_header"]]
        and (f[_COLUMN["header_repeat"]] or f[_COLUMN["skip_link"]])
        and min(f[_COLUMN["words_before"]], f[_COLUMN["words_after"]]) >= math.log1p(RULE_MIN_BODY_WORDS)
    )


def _kept_words(lines: list[Line], start: int, end: int) -> int:
    return sum(count_words(line.text) for line in lines[start:end] if line.keep)


def find_story_starts(lines: list[Line]) -> list[int]:
    """Indexes (into `lines`) where stories start; always begins with 0 when there are lines."""
    return choose_starts(lines, gaps(lines), split_model())


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
