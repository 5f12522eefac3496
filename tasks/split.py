"""Stage: split a cleaned document into stories.

A file saved from an infinite-scroll page holds several stories, each printed with the furniture of its
own page. Two kinds of evidence mark where a new story starts:

- its head: a headline printed twice within a few lines (page title and article title), or a headline
  followed by an "Updated ..."/date line;
- a seam: a long stretch of removed lines (the previous page's footer, the next page's navigation)
  between two bodies whose vocabularies hardly overlap.

Neither is trusted alone to cut a short fragment off: each side of a cut must carry a real body. Teaser
blocks ("Related Articles", "Trending") are removed by the cleaner, so they never become stories.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.models import Document, Line, Story

MIN_STORY_WORDS = 40  # a cut must leave at least this many body words on each side
HEAD_WINDOW = 8  # a headline's repetition must follow within this many lines
SEAM_MIN_REMOVED_LINES = 8  # removed lines between two bodies that may separate two pages
SEAM_MAX_SIMILARITY = 0.12  # cosine similarity of content words above which two bodies are one story

_WORD = re.compile(r"[^\W\d_]{4,}")  # content-ish words: stopwords are mostly shorter
_DATE_CUE = re.compile(
    r"^(updated|published|posted|last updated|aktualisiert|veröffentlicht|stand)\b"
    r"|\b(ago|\d{4})\b",
    re.IGNORECASE,
)


def _words(text: str) -> int:
    return len(text.split())


def _is_headline_shaped(text: str) -> bool:
    words = _words(text)
    return (
        3 <= words <= 30
        and not text.endswith((".", ":", "!", ";", ","))
        and not text.startswith(("•", "*", "-", "/", "|"))
    )


def _headline_starts(lines: list[Line]) -> list[int]:
    """Indexes of lines that open a story head: a headline repeated nearby or followed by a date line."""
    starts = []
    for i, line in enumerate(lines):
        if not _is_headline_shaped(line.text):
            continue
        key = line.text.casefold()
        window = lines[i + 1 : i + 1 + HEAD_WINDOW]
        repeated = any(other.text.casefold() == key for other in window)
        dated = any(_DATE_CUE.search(other.text) and _words(other.text) <= 8 for other in window[:3])
        # A repetition right before this line means this is the second copy, not a new head.
        earlier = lines[max(0, i - HEAD_WINDOW) : i]
        if (repeated or dated) and not any(other.text.casefold() == key for other in earlier):
            starts.append(i)
    return starts


def _vocabulary(lines: list[Line]) -> Counter[str]:
    return Counter(word.casefold() for line in lines if line.keep for word in _WORD.findall(line.text))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(count * b[word] for word, count in a.items() if word in b)
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def _seam_starts(lines: list[Line]) -> list[int]:
    """Indexes just after the previous body where a long run of removed lines separates two bodies."""
    kept = [i for i, line in enumerate(lines) if line.keep]
    return [
        before + 1
        for before, after in zip(kept, kept[1:], strict=False)
        if after - before - 1 >= SEAM_MIN_REMOVED_LINES
    ]


def _body_words(lines: list[Line]) -> int:
    return sum(_words(line.text) for line in lines if line.keep)


def find_story_starts(lines: list[Line]) -> list[int]:
    """Indexes (into `lines`) where stories start; always begins with 0 when there are lines."""
    if not lines:
        return []
    head_starts = set(_headline_starts(lines))
    candidates = sorted(head_starts | set(_seam_starts(lines)))
    starts = [0]
    for position, candidate in enumerate(candidates):
        if candidate == 0:
            continue
        next_candidate = candidates[position + 1] if position + 1 < len(candidates) else len(lines)
        before, after = lines[starts[-1] : candidate], lines[candidate:next_candidate]
        if _body_words(before) < MIN_STORY_WORDS or _body_words(after) < MIN_STORY_WORDS:
            continue
        # A seam alone must also show a change of subject; a story head speaks for itself.
        if candidate not in head_starts and _cosine(_vocabulary(before), _vocabulary(after)) > SEAM_MAX_SIMILARITY:
            continue
        starts.append(candidate)
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


@task(name="split-stories", cache_policy=NO_CACHE)
def split_batch(documents: list[Document]) -> list[Document]:
    for document in documents:
        if document.ok:
            document.stories = [
                Story(story_index=index, lines=span, text=body_text(span))
                for index, span in enumerate(split_stories(document.lines))
            ]
    return documents
