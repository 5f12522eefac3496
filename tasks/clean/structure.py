"""Multi-line structures: passes that judge a line by the lines around it, in the order classify_lines runs
them. Blocks under a header line, comment threads, menu runs, teaser lists (title + blurb pairs, excerpts cut
short), then the rescue of bulleted lists and tables that stand next to the article's prose. Each pass sets
_Feat.reason (and the rescues _Feat.cls) in place."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from .features import _BAD, _BLURB, _CUT, _DIGIT_RE, _GOOD, _NEAR, _SHORT, _TITLE, _Feat

# --------------------------------------------------------------------------------------------------------------
# Blocks opened by a header line
# --------------------------------------------------------------------------------------------------------------


_STAMP_REASONS = frozenset(("clock-weather", "byline", "number-only"))


def _mark_blocks(feats: list[_Feat]) -> None:
    """Lines under a teaser / author / comment header share the header's verdict until the article resumes."""
    i = 0
    n = len(feats)
    while i < n:
        f = feats[i]
        block = None
        if f.kind == "teaser_header":
            block = "teaser"
        elif f.kind == "author_header":
            block = "author-bio"
        elif f.kind == "comment_header":
            block = "comment-form"
        # A header that is one item of a bulleted menu ("* Home", "* Latest", "* Politics") is a link in the site's
        # navigation, not the header of a box on the page.
        in_menu = f.bullet and 0 < i < n - 1 and feats[i - 1].bullet and feats[i + 1].bullet
        if block is None or in_menu:
            i += 1
            continue
        limit = {"teaser": 12, "author-bio": 6, "comment-form": 40}[block]
        j = i + 1
        while j < n and j - i <= limit:
            g = feats[j]
            # Prose means the article goes on (a "Trending" box inside the body): a long paragraph, or for
            # teaser boxes (lists of headlines) any full sentence-shaped paragraph.
            if g.reason is None and (
                (g.length >= 250 and g.cls == _GOOD)
                or (block == "teaser" and g.cls in (_GOOD, _NEAR) and g.terminal and g.length >= 100)
            ):
                break
            if g.reason in ("section-header", "author-bio") and block == "teaser":
                break
            # After a list of bulleted headlines, a plain full sentence is the article again (headlines do not
            # end with a full stop; a teaser's blurb follows an unbulleted title instead).
            prev = feats[j - 1]
            if (
                block == "teaser"
                and g.reason is None
                and g.terminal
                and g.nwords >= 8
                and not g.bullet
                and (prev.bullet or prev.terminal or j == i + 1)
            ):
                break
            # A menu after a comment form is the next page's header (glued files), not more of the form.
            if block == "comment-form" and j + 2 < n and all(_is_menu_item(h) for h in feats[j : j + 3]):
                break
            # In a comment section a date line, a byline or a count is a commenter's stamp: the block's verdict.
            if g.reason is None or (block == "comment-form" and g.reason in _STAMP_REASONS):
                g.reason = block
            j += 1
        i = j


# --------------------------------------------------------------------------------------------------------------
# Comment threads, menu runs
# --------------------------------------------------------------------------------------------------------------

# Comment threads: paragraphs interleaved with comment signatures (rules._SIGNATURE_RE, _Feat.sig).
_THREAD_GAP = 8  # lines between two signatures of the same thread
_THREAD_MIN = 3  # signatures that make a thread


def _mark_threads(feats: list[_Feat]) -> None:
    """A chain of comment signatures, each a few lines from the next, is a comment thread: every line from
    the first signature to the comment after the last one goes, whatever its prose quality."""
    sigs = [k for k, f in enumerate(feats) if f.sig]
    start = 0
    while start < len(sigs):
        end = start
        while end + 1 < len(sigs) and sigs[end + 1] - sigs[end] <= _THREAD_GAP:
            end += 1
        if end - start + 1 >= _THREAD_MIN:
            first, last = sigs[start], sigs[end]
            # The last comment's text follows its signature: up to the next header or menu.
            stop = last + 1
            while (
                stop < len(feats) and stop - last <= 4 and feats[stop].kind is None and not _is_menu_item(feats[stop])
            ):
                stop += 1
            for f in feats[first:stop]:
                # a thread under a comment-section header: its lines are comments, not the form
                if f.reason is None or f.reason in ("clock-weather", "byline", "share-widget", "comment-form"):
                    f.reason = "comment"
        start = end + 1


_MENU_RUN_MIN = 4  # three short lines in a row are as often a list or a fact box of the article


def _is_menu_item(f: _Feat) -> bool:
    return f.menuish and f.reason is None


def _mark_menu_runs(feats: list[_Feat]) -> None:
    """Several tiny unpunctuated lines in a row are a menu, wherever they stand. The context pass must not
    pull them into the article just because paragraphs surround them (jusText would)."""
    items = [f.menuish and f.reason is None for f in feats]  # _is_menu_item, before any run is marked
    i, n = 0, len(feats)
    while i < n:
        if not items[i]:
            i += 1
            continue
        j = i + 1
        while j < n and items[j]:
            j += 1
        if j - i >= _MENU_RUN_MIN:
            for f in feats[i:j]:
                f.reason = "menu-run"
        i = j


# --------------------------------------------------------------------------------------------------------------
# Teaser lists
# --------------------------------------------------------------------------------------------------------------

# Teaser lists: "title / one-paragraph blurb" pairs (with a source or date line here and there) are links to other
# stories, however well their blurbs read. An article's subheads are followed by longer text, or by several
# paragraphs, so three or more short pairs in a row are the list.
# (The shapes of a title, a blurb and an excerpt cut short are in features.py: _PAIR_TITLE, _PAIR_BLURB, _CUT_CHARS.)
_PAIR_BLURB_MEAN = 200
_PAIR_META = 40  # a kicker, source or date line inside a pair ("Company Town", "4 diggs Video")
_PAIR_MIN = 3
_CUT_MIN = 3  # cut-short excerpts in a row


def _is_title(f: _Feat) -> bool:
    # Teaser titles may be cut short ("...plus JBL he..."), but are not sentences (nor interview questions).
    return f.reason is None and bool(f.shape & _TITLE)


def _pair_end(title: list[bool], blurb: list[bool], meta: list[bool], j: int) -> int | None:
    """Index of the blurb of a title+blurb pair starting at j (after at most two meta lines), else None."""
    n = len(title)
    for a in range(j, min(j + 3, n)):
        if a > j and not meta[a - 1]:
            return None
        if not title[a]:
            continue
        b = a + 1
        while b < n and b - a <= 3:
            if blurb[b]:
                return b
            if not meta[b]:
                break
            b += 1
    return None


def _is_teaser_chain(feats: list[_Feat], units: list[tuple[int, int]]) -> bool:
    # Teaser blurbs are a sentence or two; a listicle's items (the article itself) say more.
    if sum(feats[b].length for _, b in units) > _PAIR_BLURB_MEAN * len(units):
        return False
    # Steps of a slideshow or recipe repeat one caption ("Bild anzeigen"); teasers link to different stories.
    titles = [f.core for a, b in units for f in feats[a:b] if _is_title(f)]
    return len(set(titles)) == len(titles)


def _mark_teaser_pairs(feats: list[_Feat]) -> None:
    """Chains of at least _PAIR_MIN title+blurb pairs become "teaser"."""
    title = [f.shape & _TITLE and f.reason is None for f in feats]
    blurb = [f.shape & _BLURB and f.reason is None for f in feats]
    if sum(title) < _PAIR_MIN or sum(blurb) < _PAIR_MIN:
        return
    # A kicker, source or date line, or a line already judged furniture, inside or between pairs.
    meta = [
        (f.length <= 80 and f.reason != "teaser")
        if f.reason is not None
        else (f.length <= _PAIR_META and not f.terminal)
        for f in feats
    ]
    n = len(feats)
    # Lines where a pair can start: a title, or a meta line with a title right after it.
    starts = [k for k in range(n) if title[k] or meta[k] and any(title[k + 1 : k + 3])]
    i = 0
    for k in starts:
        if k < i:
            continue
        i = k
        units: list[tuple[int, int]] = []
        j = i
        while j < n:
            b = _pair_end(title, blurb, meta, j)
            if b is None:
                break
            units.append((j, b))
            j = b + 1
        if len(units) >= _PAIR_MIN and _is_teaser_chain(feats, units):
            for f in feats[units[0][0] : units[-1][1] + 1]:
                if f.reason is None:
                    f.reason = "teaser"
            i = j
        else:
            i += 1


def _mark_cut_excerpts(feats: list[_Feat]) -> None:
    """Several excerpts in a row that each stop mid-sentence with "..." are teasers for other stories (a list of
    "Headline LOCATION: first words..."), however article-like their words are."""
    cut = [f.shape & _CUT and f.reason is None for f in feats]
    if sum(cut) < _CUT_MIN:
        return
    n = len(feats)
    i = 0
    while i < n:
        if not cut[i]:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < n and j - run[-1] <= 2:  # one kicker or date line may sit between two excerpts
            if cut[j]:
                run.append(j)
            elif feats[j].length > _PAIR_META:
                break
            j += 1
        if len(run) >= _CUT_MIN:
            for f in feats[run[0] : run[-1] + 1]:
                if f.reason is None:
                    f.reason = "teaser"
        i = run[-1] + 1


# --------------------------------------------------------------------------------------------------------------
# Lists and tables next to the article's prose
# --------------------------------------------------------------------------------------------------------------

_LIST_MIN_WORDS = 3  # mean words per item: "* 2 tsp dark soya sauce", not "* World" / "* Contact Us"
_LIST_MIN_CHARS = 18


def _is_prose(f: _Feat) -> bool:
    return f.reason is None and f.cls in (_GOOD, _NEAR)


def _runs(feats: list[_Feat], member: Callable[[_Feat], bool]) -> Iterator[tuple[int, int]]:
    """[i, j) of every longest run of consecutive lines that are `member`s, in order (the caller may re-mark a
    run's lines before the next one is looked for)."""
    n = len(feats)
    i = 0
    while i < n:
        if not member(feats[i]):
            i += 1
            continue
        j = i + 1
        while j < n and member(feats[j]):
            j += 1
        yield i, j
        i = j


def _is_list_item(f: _Feat) -> bool:
    return f.bullet and f.reason in (None, "menu-run")


def _rescue_lists(feats: list[_Feat]) -> None:
    """A bulleted list between two paragraphs of the article (ingredients, steps, key facts) is part of it, even
    though its items are short and unpunctuated like a menu: its items are phrases, not one or two nav words."""
    for i, j in _runs(feats, _is_list_item):
        items = feats[i:j]
        if (
            len(items) >= 2
            and sum(f.core.count(" ") + 1 for f in items) >= _LIST_MIN_WORDS * len(items)
            and 4 * sum(" " in f.core for f in items) >= 3 * len(items)  # "* Salz" may be one of them
            and sum(f.length for f in items) >= _LIST_MIN_CHARS * len(items)
            and any(map(_is_prose, feats[max(0, i - 3) : i]))
            and any(map(_is_prose, feats[j : j + 3]))
        ):
            for f in items:
                f.reason = None
                if f.cls in (_SHORT, _BAD):
                    f.cls = _NEAR


# Tables (standings, results, timetables) reach us as rows whose cells are padded apart with runs of spaces.
# Their rows are short on stopwords and sentence endings, so the line statistics call them menus; a block of
# such rows with one column layout, next to the article's prose, is part of the article.
_CELL_GAP_RE = re.compile(r"\S(?=(?: {2,}|\t+)\S)")  # a cell's last character before a padded gap
_TABLE_MIN_ROWS = 4
_TABLE_MIN_CELLS = 3
_TABLE_LAYOUT_SHARE = 0.6  # rows that share the block's most common number of cells
_TABLE_CONTEXT = 3  # lines between the table and the prose it belongs to


def _cells(core: str) -> int:
    """The cells of a row whose cells are padded apart; called only for a line holding a padded gap (two spaces
    or a tab): any other line is one cell, and the call is saved on most lines."""
    return len(_CELL_GAP_RE.findall(core)) + 1


def _rescue_tables(feats: list[_Feat]) -> None:
    """A block of consecutive table rows (at least _TABLE_MIN_ROWS lines of _TABLE_MIN_CELLS padded cells or
    more, most of them in one layout, half of them holding figures) next to the article's prose joins the
    article: its rows become good lines, so the context pass and the regions treat the table as text."""
    cells = [
        (_cells(f.core) if "  " in f.core or "\t" in f.core else 1) if f.reason is None or f.reason == "menu-run" else 0
        for f in feats
    ]
    n = len(feats)
    i = 0
    while i < n:
        if cells[i] < _TABLE_MIN_CELLS:
            i += 1
            continue
        j = i + 1
        while j < n and cells[j] >= _TABLE_MIN_CELLS and feats[j].number == feats[j - 1].number + 1:
            j += 1
        rows = feats[i:j]
        layout = Counter(cells[i:j]).most_common(1)[0][1]
        if (
            len(rows) >= _TABLE_MIN_ROWS
            and layout >= _TABLE_LAYOUT_SHARE * len(rows)
            and 2 * sum(_DIGIT_RE.search(f.core) is not None for f in rows) >= len(rows)
            and (
                any(map(_is_prose, feats[max(0, i - _TABLE_CONTEXT) : i]))
                or any(map(_is_prose, feats[j : j + _TABLE_CONTEXT]))
            )
        ):
            for f in rows:
                f.reason = None
                f.cls = _GOOD
        i = j


# An article may be nothing but rows of data (a season's schedule, results, tour dates): "1a etapa: 10 de março
# – Interlagos". Each row is short and without stopwords, so a run of them reads as a menu. On a page whose prose
# is thinner than one paragraph, a run of such rows -- each holding a figure and a few words, most of them laid out
# alike (the same punctuation) -- is the article.
_DATA_PAGE_MAX_PROSE_WORDS = 60  # good lines' words on the page, below which its article may be data rows
_DATA_MIN_ROWS = 4
_DATA_MIN_WORDS = 3
_DATA_LAYOUT_SHARE = 0.6
_DATA_RESCUABLE = (None, "menu-run", "short-no-sentence")
_PUNCTUATION_RE = re.compile(r"[^\w\s]")


def _is_data_row(f: _Feat) -> bool:
    return (
        f.reason in _DATA_RESCUABLE
        and not f.bullet
        and f.core.count(" ") + 1 >= _DATA_MIN_WORDS
        and _DIGIT_RE.search(f.core) is not None
    )


def _rescue_data_rows(feats: list[_Feat]) -> None:
    """On a page without a paragraph's worth of good prose, runs of at least _DATA_MIN_ROWS consecutive data rows
    (a figure and _DATA_MIN_WORDS words each, most with the same punctuation) become good lines."""
    if sum(f.nwords for f in feats if f.cls == _GOOD and f.reason is None) >= _DATA_PAGE_MAX_PROSE_WORDS:
        return
    for i, j in _runs(feats, _is_data_row):
        rows = feats[i:j]
        layouts = Counter("".join(sorted(set(_PUNCTUATION_RE.findall(f.core)))) for f in rows)
        if len(rows) >= _DATA_MIN_ROWS and layouts.most_common(1)[0][1] >= _DATA_LAYOUT_SHARE * len(rows):
            for f in rows:
                f.reason = None
                f.cls = _GOOD
