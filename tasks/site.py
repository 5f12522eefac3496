"""Site furniture learnt from the corpus: a line printed on many pages is the site's template, not news.

A single page cannot tell its header, footer or "Add X as a Preferred Source" line from a short article
line, but a folder of pages from the same site can: the template repeats, the articles do not. We count, for
every short line, on how many distinct pages (by content hash) it appears. Counting happens over the whole
run before any page is cleaned, so the verdict does not depend on file order, and the counts are kept in the
output folder, so the next run recognises a site's furniture from its first new page.

Guard against the opposite error: the same *article* saved twice (a story glued into two infinite-scroll
files) also repeats. So only short lines are learnt, and a sentence-shaped line needs more pages than a
menu-shaped one before it counts as furniture.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from tasks.models import Document, Line
from tasks.read import read_document

MAX_LEARNT_CHARS = 200  # longer lines are prose: a repeated one is more likely a re-saved article
MIN_PAGES = 2  # a menu-shaped line on two different pages is template
MIN_PAGES_SENTENCE = 4  # a sentence-shaped line needs more evidence (re-saved articles repeat too)
PARAGRAPH_CHARS = 120  # a kept line this long is article prose, evidence of what surrounds a repeated line
MAX_KEYS = 2_000_000  # bound on the stored memory; single-page lines are forgotten first
STATE_FILE = Path("state") / "site-lines.parquet"

_SPACE_RE = re.compile(r"\s+")
_LETTER_RE = re.compile(r"[^\W\d_]")
_SENTENCE_RE = re.compile(r"[.!?…。！？][\"'”’»)]*$")

_MEMORY_SCHEMA = pa.schema([pa.field("line_key", pa.int64()), pa.field("pages", pa.int32())])
_PAGES_SCHEMA = pa.schema([pa.field("page_sha256", pa.string())])


def line_key(text: str) -> int:
    """A stable 64-bit key for a line, insensitive to case and spacing."""
    normal = _SPACE_RE.sub(" ", text.strip()).casefold()
    return int.from_bytes(hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def page_line_keys(text: str) -> set[int]:
    """Keys of the non-blank lines of a decoded page (long ones too: they tell re-saved articles apart)."""
    return {line_key(line) for line in text.split("\n") if line.strip()}


@dataclass
class SiteMemory:
    """How many distinct pages showed each line; pages are counted once, however often they are ingested."""

    pages_per_line: dict[int, int] = field(default_factory=dict)
    seen_pages: set[str] = field(default_factory=set)

    def learn(self, page_sha256: str, keys: Iterable[int]) -> None:
        if page_sha256 in self.seen_pages:
            return
        self.seen_pages.add(page_sha256)
        counts = self.pages_per_line
        for key in keys:
            counts[key] = counts.get(key, 0) + 1

    def pages_showing(self, text: str) -> int:
        return self.pages_per_line.get(line_key(text), 0)

    def save(self, output_dir: Path) -> None:
        """Write the memory next to the snapshots (atomically: a reader sees the old or the new file)."""
        if len(self.pages_per_line) > MAX_KEYS:
            self.pages_per_line = {k: v for k, v in self.pages_per_line.items() if v > 1}
        path = Path(output_dir) / STATE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = pa.table(
            {"line_key": list(self.pages_per_line), "pages": list(self.pages_per_line.values())},
            schema=_MEMORY_SCHEMA,
        )
        pages = pa.table({"page_sha256": sorted(self.seen_pages)}, schema=_PAGES_SCHEMA)
        for table, target in ((lines, path), (pages, path.with_name("site-pages.parquet"))):
            temporary = target.with_suffix(".parquet.tmp")
            pq.write_table(table, temporary, compression="zstd")
            os.replace(temporary, target)

    @classmethod
    def load(cls, output_dir: Path) -> SiteMemory:
        """The memory of earlier runs into `output_dir`; empty when there is none (or it is unreadable)."""
        path = Path(output_dir) / STATE_FILE
        try:
            lines = pq.read_table(path).to_pydict()
            pages = pq.read_table(path.with_name("site-pages.parquet")).to_pydict()
        except (OSError, pa.ArrowException):
            return cls()
        return cls(dict(zip(lines["line_key"], lines["pages"], strict=True)), set(pages["page_sha256"]))


def mark_site_furniture(lines: list[Line], memory: SiteMemory) -> list[Line]:
    """Remove kept lines that the site prints on other pages too, with reason `repeated-on-site`.

    A short line whose neighbouring paragraphs also appear on other pages belongs to an article saved twice,
    not to the template, and stays."""
    kept = [i for i, line in enumerate(lines) if line.keep]
    for position, i in enumerate(kept):
        line = lines[i]
        if len(line.text) > MAX_LEARNT_CHARS or len(_LETTER_RE.findall(line.text)) < 2:
            continue  # long lines are prose; rules and separators ("___", "×") are no site's signature
        needed = MIN_PAGES_SENTENCE if _SENTENCE_RE.search(line.text) else MIN_PAGES
        if memory.pages_showing(line.text) < needed or _inside_repeated_article(lines, kept, position, memory):
            continue
        line.keep, line.reason = False, "repeated-on-site"
    return lines


def _inside_repeated_article(lines: list[Line], kept: list[int], position: int, memory: SiteMemory) -> bool:
    """Is the nearest paragraph-long kept line on either side printed on other pages too?"""
    for step in (-1, 1):
        other = position + step
        while 0 <= other < len(kept):
            text = lines[kept[other]].text
            if len(text) >= PARAGRAPH_CHARS:
                if memory.pages_showing(text) >= MIN_PAGES:
                    return True
                break
            other += step
    return False


@dataclass(frozen=True, slots=True)
class PageSurvey:
    """What the flow needs to know of a file before processing anything: its identity and its lines."""

    source_path: str
    document_id: str
    sha256: str
    line_keys: frozenset[int]
    unreadable: str | None = None  # why the file could not be read now (its sha256 is then "")


def survey_files(paths: list[Path], input_dir: Path, max_file_bytes: int) -> list[PageSurvey]:
    """Identity (path + content hash) and line keys of every file of the batch; the text itself is dropped."""
    surveys = []
    for path in paths:
        document = read_document(path, input_dir, max_file_bytes)
        keys = page_line_keys(document.raw_text) if document.ok and document.raw_text else frozenset()
        unreadable = document.error if document.sha256 == "" else None
        surveys.append(
            PageSurvey(document.source_path, document.document_id, document.sha256, frozenset(keys), unreadable)
        )
    return surveys


def remove_site_furniture(documents: list[Document], memory: SiteMemory) -> list[Document]:
    """Stage: kept lines the site prints on many pages leave the bodies (see mark_site_furniture)."""
    for document in documents:
        if document.ok:
            mark_site_furniture(document.lines, memory)
    return documents
