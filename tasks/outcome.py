"""Last stage: a page that was read fine but gave no story is `no-article`, and says why.

Without it such a page would be `ok` with `story_count` 0, indistinguishable from a success unless one reads its
`removed_lines`. Its `error` sums up the line verdicts of every stage before it, most frequent reason first:

    no-article: all 13 lines removed (menu-run 7, not-prose 3, copyright 1, share-widget 1, clock-weather 1)

Pure Python over plain data, like every stage; it runs last so that the verdicts it counts are the ones written to
`removed_lines`.
"""

from __future__ import annotations

from collections import Counter

from .models import NO_ARTICLE, Document, Line

MAX_REASONS = 6  # reasons named in a no-article reason; the rest are left at `...`


def reason_counts(lines: list[Line], limit: int | None = None) -> str:
    """`menu-run 7, not-prose 3, ...`: why the removed lines were removed, most frequent first (a tie in the order
    of the lines), at most `limit` reasons named and then `...`."""
    counts = Counter(line.reason for line in lines if not line.keep).most_common()
    named = ", ".join(f"{reason} {count}" for reason, count in counts[:limit])
    return named + (", ..." if limit is not None and len(counts) > limit else "")


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def no_article_reason(lines: list[Line]) -> str:
    """Why a readable page gave no story, in one line built from its line verdicts."""
    if not lines:
        return f"{NO_ARTICLE}: no line of text"
    removed = sum(not line.keep for line in lines)
    kept = len(lines) - removed
    reasons = f" ({reason_counts(lines, MAX_REASONS)})" if removed else ""
    if not kept:
        every = "the only line" if removed == 1 else f"all {removed} lines"
        return f"{NO_ARTICLE}: {every} removed{reasons}"
    # The splitter makes a story of every span with a kept line, so this should not happen; should a later change
    # make it possible, the row says so rather than passing for a page of furniture.
    removals = f"; {removed} removed{reasons}" if removed else ""
    return f"{NO_ARTICLE}: {kept} of {_lines(len(lines))} kept, but no story was made of them{removals}"


def flag_no_article(documents: list[Document]) -> list[Document]:
    """Stage: every readable document without a story becomes `no-article`, with its reason."""
    for document in documents:
        if document.ok and not document.stories:
            document.status, document.error = NO_ARTICLE, no_article_reason(document.lines)
    return documents
