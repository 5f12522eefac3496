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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from .models import Document, Line
from .read import read_document

MAX_LEARNT_CHARS = 200  # longer lines are prose: a repeated one is more likely a re-saved article
MIN_PAGES = 2  # a menu-shaped line on two different pages is template
MIN_PAGES_SENTENCE = 4  # a sentence-shaped line needs more evidence (re-saved articles repeat too)
PARAGRAPH_CHARS = 120  # a kept line this long is article prose, evidence of what surrounds a repeated line
MAX_KEYS = 4_000_000  # bound on the lines remembered (48 MB); single-page lines are forgotten first
_MERGE_EVERY = 200_000  # learnt line keys held before they are merged into the arrays
STATE_FILE = Path("state") / "site-lines.parquet"
_PAGES_FILE = "site-pages.parquet"

_TWO_LETTERS_RE = re.compile(r"[^\W\d_].*?[^\W\d_]", re.DOTALL)  # two letters, anywhere in the text
_SENTENCE_RE = re.compile(r"[.!?…。！？][\"'”’»)]*$")

_MEMORY_SCHEMA = pa.schema([pa.field("line_key", pa.int64()), pa.field("pages", pa.int32())])
_PAGES_SCHEMA = pa.schema([pa.field("page_id", pa.uint64())])  # the first 8 bytes of the page's sha256


def line_key(text: str) -> int:
    """A stable 64-bit key for a line, insensitive to case and spacing."""
    normal = " ".join(text.split()).casefold()  # runs of whitespace as one space (str.isspace is re's \s)
    return int.from_bytes(hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def page_line_keys(text: str) -> set[int]:
    """Keys of the non-blank lines of a decoded page (long ones too: they tell re-saved articles apart).

    The line_key of each line, computed for the page at once: casefold maps whitespace to itself and anything else
    to something without whitespace, so the page is folded once, not line by line; a page spaced as normalise_text
    leaves most (a single space between words, none at a line's ends) is split into its normal lines directly."""
    folded = text.casefold()
    if _spaced_normally(folded):
        lines = set(folded.encode("utf-8").split(b"\n"))
    else:
        lines = {" ".join(line.split()).encode("utf-8") for line in folded.split("\n")}
    lines.discard(b"")  # blank lines
    digests = b"".join([hashlib.blake2b(line, digest_size=8).digest() for line in lines])  # each distinct line once
    return set(np.frombuffer(digests, dtype=">i8").tolist())  # as line_key: big-endian, signed


# Whitespace but a space or a line break (str.isspace, which is also re's \s), its characters listed: a set of
# characters is searched about twice as fast as "[^\S \n]". (No space character lies above U+3000: a test checks.)
_OTHER_WHITESPACE_CHARACTERS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
_OTHER_WHITESPACE = re.compile(f"[{re.escape(_OTHER_WHITESPACE_CHARACTERS)}]")


def _spaced_normally(text: str) -> bool:
    """Is every line of `text` as " ".join(line.split()) makes it?"""
    return not (
        "  " in text
        or "\n " in text
        or " \n" in text
        or text.startswith(" ")
        or text.endswith(" ")
        or _OTHER_WHITESPACE.search(text) is not None
    )


class SiteMemory:
    """How many distinct pages showed each line; pages are counted once, however often they are ingested.

    Compact, so that it stays small however many pages a folder holds: line keys and their page counts in two
    sorted arrays (12 bytes a line), pages by the first 8 bytes of their hash (8 bytes a page). What a batch of
    pages teaches waits in a list and is merged in bulk. At most MAX_KEYS lines are kept: beyond that, lines
    seen on a single page are forgotten (a template line among them is learnt again from its next pages)."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.int64)  # sorted line keys
        self._pages = np.empty(0, dtype=np.int32)  # on how many pages each was seen
        self._seen = np.empty(0, dtype=np.uint64)  # sorted page ids
        self._new_keys: list[int] = []  # learnt, not yet merged (one entry per page that showed the line)
        self._new_pages: set[int] = set()

    def learn(self, page_sha256: str, keys: Iterable[int]) -> None:
        if not page_sha256:
            return  # a file that could not be read teaches nothing
        page = int(page_sha256[:16], 16)
        if page in self._new_pages or _contains(self._seen, page):
            return
        self._new_pages.add(page)
        self._new_keys.extend(keys)
        if len(self._new_keys) >= _MERGE_EVERY:
            self._merge()

    def pages_showing(self, text: str) -> int:
        return self.pages_showing_each([text])[0]

    def pages_showing_each(self, texts: list[str]) -> list[int]:
        """pages_showing of each text, looked up together (one search of the sorted array for all)."""
        if self._new_pages:
            self._merge()
        keys = np.array([line_key(text) for text in texts], dtype=np.int64)
        at = np.searchsorted(self._keys, keys)  # a lookup in the sorted array: no dict beside it
        known = at < len(self._keys)
        known[known] = self._keys[at[known]] == keys[known]
        pages = np.zeros(len(keys), dtype=np.int64)
        pages[known] = self._pages[at[known]]
        return pages.tolist()

    def __len__(self) -> int:
        """Lines known."""
        self._merge()
        return len(self._keys)

    def _merge(self) -> None:
        if self._new_keys:
            # Merged into the sorted arrays in place where the line is known, inserted where it is new: no
            # temporary copy of the whole memory beyond the one insert makes.
            keys, counts = np.unique(np.array(self._new_keys, dtype=np.int64), return_counts=True)
            at = np.searchsorted(self._keys, keys)
            known = at < len(self._keys)
            known[known] = self._keys[at[known]] == keys[known]
            self._pages[at[known]] += counts[known].astype(np.int32)
            self._keys = np.insert(self._keys, at[~known], keys[~known])
            self._pages = np.insert(self._pages, at[~known], counts[~known].astype(np.int32))
            if len(self._keys) > MAX_KEYS:
                repeated = self._pages > 1
                self._keys, self._pages = self._keys[repeated], self._pages[repeated]
        if self._new_pages:
            self._seen = np.union1d(self._seen, np.array(sorted(self._new_pages), dtype=np.uint64))
        self._new_keys, self._new_pages = [], set()

    def __getstate__(self) -> dict:
        self._merge()
        return {"keys": self._keys, "pages": self._pages, "seen": self._seen}

    def __setstate__(self, state: dict) -> None:
        self.__init__()
        self._keys, self._pages, self._seen = state["keys"], state["pages"], state["seen"]

    def save(self, output_dir: Path) -> None:
        """Write the memory next to the snapshots (atomically: a reader sees the old or the new file)."""
        self._merge()
        path = Path(output_dir) / STATE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = pa.table({"line_key": self._keys, "pages": self._pages}, schema=_MEMORY_SCHEMA)
        pages = pa.table({"page_id": self._seen}, schema=_PAGES_SCHEMA)
        for table, target in ((lines, path), (pages, path.with_name(_PAGES_FILE))):
            temporary = target.with_suffix(".parquet.tmp")
            pq.write_table(table, temporary, compression="zstd")
            os.replace(temporary, target)

    @classmethod
    def load(cls, output_dir: Path) -> SiteMemory:
        """The memory of earlier runs into `output_dir`; empty when there is none (or it is unreadable)."""
        path = Path(output_dir) / STATE_FILE
        memory = cls()
        try:
            lines = pq.read_table(path)
            pages = pq.read_table(path.with_name(_PAGES_FILE))
        except (OSError, pa.ArrowException):
            return memory
        keys = lines.column("line_key").to_numpy()
        order = np.argsort(keys, kind="stable")  # sorted when written; a file of older versions may not be
        memory._keys, memory._pages = keys[order], lines.column("pages").to_numpy().astype(np.int32)[order]
        if "page_id" in pages.column_names:
            memory._seen = np.sort(pages.column("page_id").to_numpy())
        else:  # written by versions that kept the whole hash
            ids = [int(sha[:16], 16) for sha in pages.column("page_sha256").to_pylist() if sha]
            memory._seen = np.unique(np.array(ids, dtype=np.uint64))
        return memory


def _contains(array: np.ndarray, value: int) -> bool:
    """Is `value` in the sorted `array`?"""
    i = int(np.searchsorted(array, value))
    return i < len(array) and int(array[i]) == value


def mark_site_furniture(lines: list[Line], memory: SiteMemory) -> list[Line]:
    """Remove kept lines that the site prints on other pages too, with reason `repeated-on-site`.

    A short line whose neighbouring paragraphs also appear on other pages belongs to an article saved twice,
    not to the template, and stays."""
    kept = [i for i, line in enumerate(lines) if line.keep]
    texts = [lines[i].text for i in kept]
    # Long lines are prose; rules and separators ("___", "×": fewer than two letters) are no site's signature.
    candidates = [
        position
        for position, text in enumerate(texts)
        if len(text) <= MAX_LEARNT_CHARS and _TWO_LETTERS_RE.search(text) is not None
    ]
    shown = memory.pages_showing_each([texts[position] for position in candidates])
    repeated = [
        position
        for position, pages in zip(candidates, shown, strict=True)
        if pages >= (MIN_PAGES_SENTENCE if _SENTENCE_RE.search(texts[position]) else MIN_PAGES)
    ]
    if not repeated:
        return lines
    # The nearest paragraph-long kept line on either side of each repeated line, and which of those paragraphs
    # other pages print too (each looked up once, all together).
    before, after = _nearest_paragraphs(texts)
    paragraphs = sorted({p for position in repeated for p in (before[position], after[position]) if p is not None})
    printed_elsewhere = {
        p
        for p, pages in zip(paragraphs, memory.pages_showing_each([texts[p] for p in paragraphs]), strict=True)
        if pages >= MIN_PAGES
    }
    for position in repeated:
        if before[position] in printed_elsewhere or after[position] in printed_elsewhere:
            continue  # inside an article saved twice
        line = lines[kept[position]]
        line.keep, line.reason = False, "repeated-on-site"
    return lines


def _nearest_paragraphs(texts: list[str]) -> tuple[list[int | None], list[int | None]]:
    """For each of the kept lines' `texts`: the index of the nearest paragraph-long one before it and after it
    (None when there is none)."""
    before: list[int | None] = []
    last = None
    for position, text in enumerate(texts):
        before.append(last)
        if len(text) >= PARAGRAPH_CHARS:
            last = position
    after: list[int | None] = [None] * len(texts)
    last = None
    for position in range(len(texts) - 1, -1, -1):
        after[position] = last
        if len(texts[position]) >= PARAGRAPH_CHARS:
            last = position
    return before, after


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
        unreadable = document.error if document.read_failed else None
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
