"""Plain data passed between the pipeline's stages.

Every stage is a pure function over these objects; Prefect only wraps the stages. Nothing here knows about
Prefect, Parquet or the file system.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# What became of a document: every value of the `status` column, in the order the README lists them, with what it
# says about each (tasks/fields.py renders this into the column's meaning). Only OK and NO_ARTICLE files were read.
OK, NO_ARTICLE, EMPTY, REJECTED, ERROR = "ok", "no-article", "empty", "rejected", "error"
STATUSES: dict[str, str] = {
    OK: "read, one story or more",
    NO_ARTICLE: "read, but no story came out of it; `error` says why, e.g. `no-article: all 13 lines removed "
    "(menu-run 7, not-prose 3, ...)`",
    EMPTY: "",
    REJECTED: "not text, too large",
    ERROR: "could not be read",
}


@dataclass(slots=True)
class Line:
    """One non-blank line of a decoded page, with the cleaner's verdict."""

    number: int  # 1-based line number in the decoded text
    text: str  # the line with surrounding whitespace removed
    keep: bool = True  # True: part of an article body
    reason: str | None = None  # why it was removed (None while kept), e.g. "menu-run", "teaser"


@dataclass(slots=True)
class Story:
    """One news story found in a document: a span of the document's lines plus what was extracted."""

    story_index: int
    lines: list[Line]  # the story's span, head included, kept and removed lines alike
    text: str = ""
    title: str | None = None
    language: str = "und"
    language_confidence: float = 0.0
    published_at: datetime | None = None  # timezone-aware (UTC)
    updated_at: datetime | None = None  # an "Updated ..." date printed with the story (UTC), None when none is
    date_precision: str | None = None  # how precise published_at is: second | minute | hour | day | month | year
    site_name: str | None = None  # the site's name when the page prints it (copyright line)
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    highlights: list[str] = field(default_factory=list)
    image_captions: list[str] = field(default_factory=list)

    def body_lines(self) -> list[Line]:
        return [line for line in self.lines if line.keep]


@dataclass(slots=True)
class Document:
    """One input file and everything the pipeline learnt about it."""

    document_id: str
    source_path: str  # relative to the input folder, "/"-separated; bytes that are not UTF-8 written "\xe9"
    size_bytes: int
    sha256: str
    modified_at: datetime | None = None  # the file's mtime (UTC): fallback clock for relative dates
    source_path_bytes: bytes | None = None  # the path's exact bytes, when source_path is not exactly them
    encoding: str | None = None
    status: str = OK  # one of STATUSES; the reading stage sets it, the last stage tells OK from NO_ARTICLE
    error: str | None = None
    raw_text: str | None = None
    lines: list[Line] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def read_failed(self) -> bool:
        """The file could not be read at all (an I/O error, gone): not a verdict on its content, unlike `rejected`."""
        return self.status == ERROR and not self.sha256

    @property
    def readable(self) -> bool:
        """The file's text was read, whatever the stages found in it (`ok` or `no-article`)."""
        return self.status in (OK, NO_ARTICLE)

    def status_line(self) -> str:
        """The status and its reason as one line for a person (`rejected: too large: ...`); a reason that already
        names its status (`no-article: ...`) is not prefixed twice."""
        if self.error is None:
            return self.status
        return self.error if self.error.startswith(f"{self.status}: ") else f"{self.status}: {self.error}"

    def removed_lines(self) -> list[Line]:
        return [line for line in self.lines if not line.keep]
