"""Stage: write the Parquet datasets and publish them atomically.

Layout of OUTPUT_DIR:

    stories   -> current/stories        (symlinks made once; readers open these paths)
    documents -> current/documents
    current   -> snapshots/<snapshot>   (swapped in one atomic rename when a run is complete)
    snapshots/<snapshot>/{stories,documents}/part-00000.parquet ...
    snapshots/.staging-<run>/           (the run being written; invisible to readers)

A run writes one part file per batch into its staging folder, renames the folder into `snapshots/` and
then replaces the `current` symlink with `os.replace`, which is atomic on POSIX: a reader sees the
previous run or this one, never half of one, never both. Older snapshots are kept for a while so that
readers still holding them can finish, and so a previous result can be read again.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from tasks.models import Document, Story

KEEP_SNAPSHOTS = 3
LOCK_FILE = ".newsprep.lock"


def _pipeline_version() -> str:
    """Digest of the stage code: any change to how pages are processed makes the next run redo every file."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".json"}:
            digest.update(path.relative_to(Path(__file__).parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


PIPELINE_VERSION = _pipeline_version()
_TS = pa.timestamp("us", tz="UTC")

STORIES_SCHEMA = pa.schema(
    [
        pa.field("story_id", pa.string(), nullable=False),
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("story_index", pa.int32(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("language", pa.string(), nullable=False),
        pa.field("language_confidence", pa.float64(), nullable=False),
        pa.field("published_at", _TS),
        pa.field("updated_at", _TS),
        pa.field("date_precision", pa.string()),
        pa.field("authors", pa.list_(pa.string()), nullable=False),
        pa.field("dateline", pa.string()),
        pa.field("highlights", pa.list_(pa.string()), nullable=False),
        pa.field("image_captions", pa.list_(pa.string()), nullable=False),
        pa.field("site_name", pa.string()),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("content_sha256", pa.string(), nullable=False),
        pa.field("ingested_at", _TS, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REMOVED_LINE = pa.struct([pa.field("line", pa.int32()), pa.field("text", pa.string()), pa.field("reason", pa.string())])

DOCUMENTS_SCHEMA = pa.schema(
    [
        pa.field("document_id", pa.string(), nullable=False),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("encoding", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("story_count", pa.int32(), nullable=False),
        pa.field("raw_text", pa.string()),
        pa.field("removed_lines", pa.list_(REMOVED_LINE), nullable=False),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("ingested_at", _TS, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

_SPACES = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the text with case, Unicode compatibility forms and spacing normalised away."""
    normalised = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()
    return hashlib.sha256(normalised.encode()).hexdigest()


def story_id_for(document_id: str, story_index: int) -> str:
    return hashlib.sha256(f"{document_id}:{story_index}".encode()).hexdigest()[:24]


def story_row(document: Document, story: Story, run_id: str, ingested_at: datetime) -> dict:
    return {
        "story_id": story_id_for(document.document_id, story.story_index),
        "document_id": document.document_id,
        "source_path": document.source_path,
        "story_index": story.story_index,
        "title": story.title,
        "text": story.text,
        "language": story.language,
        "language_confidence": story.language_confidence,
        "published_at": story.published_at,
        "updated_at": story.updated_at,
        "date_precision": story.date_precision,
        "authors": story.authors,
        "dateline": story.dateline,
        "highlights": story.highlights,
        "image_captions": story.image_captions,
        "site_name": story.site_name,
        "word_count": len(story.text.split()),
        "content_sha256": content_hash(story.text),
        "ingested_at": ingested_at,
        "run_id": run_id,
    }


def document_row(document: Document, run_id: str, ingested_at: datetime) -> dict:
    return {
        "document_id": document.document_id,
        "source_path": document.source_path,
        "size_bytes": document.size_bytes,
        "sha256": document.sha256,
        "encoding": document.encoding,
        "status": document.status,
        "error": document.error,
        "story_count": len(document.stories),
        "raw_text": document.raw_text,
        "removed_lines": [
            {"line": line.number, "text": line.text, "reason": line.reason} for line in document.removed_lines()
        ],
        "pipeline_version": PIPELINE_VERSION,
        "ingested_at": ingested_at,
        "run_id": run_id,
    }


def stories_table(documents: list[Document], run_id: str, ingested_at: datetime) -> pa.Table:
    rows = [story_row(d, s, run_id, ingested_at) for d in documents for s in d.stories]
    return pa.Table.from_pylist(rows, schema=STORIES_SCHEMA)


def documents_table(documents: list[Document], run_id: str, ingested_at: datetime) -> pa.Table:
    return pa.Table.from_pylist([document_row(d, run_id, ingested_at) for d in documents], schema=DOCUMENTS_SCHEMA)


class Snapshot:
    """One run's output, written into a staging folder and then published in one atomic step."""

    def __init__(self, output_dir: Path, run_id: str, started_at: datetime) -> None:
        self.output_dir = Path(output_dir)
        self.snapshots_dir = self.output_dir / "snapshots"
        # Names sort in publication order when `started_at` is taken under the output lock; the whole run id
        # keeps them apart (Prefect's ids are time-ordered UUIDv7s whose prefixes collide within a second).
        self.name = f"{started_at:%Y%m%dT%H%M%S.%f}Z-{run_id}"
        self.staging = self.snapshots_dir / f".staging-{self.name}"
        self._parts = 0

    def begin(self) -> None:
        """Create the staging folder (and the output folder); raises OSError when it cannot be written."""
        for dataset in ("stories", "documents"):
            (self.staging / dataset).mkdir(parents=True, exist_ok=True)

    def write_part(self, stories: pa.Table, documents: pa.Table) -> None:
        part = f"part-{self._parts:05d}.parquet"
        # Empty tables still get a file, so the dataset carries its schema even when a run finds nothing.
        if stories.num_rows or self._parts == 0:
            pq.write_table(stories, self.staging / "stories" / part, compression="zstd")
        if documents.num_rows or self._parts == 0:
            pq.write_table(documents, self.staging / "documents" / part, compression="zstd")
        self._parts += 1

    def write_documents(self, documents: list[Document], run_id: str, ingested_at: datetime) -> None:
        """One part holding these documents' rows and their stories' rows."""
        self.write_part(stories_table(documents, run_id, ingested_at), documents_table(documents, run_id, ingested_at))

    def carry_over(self, document_ids: set[str]) -> int:
        """Copy these documents' rows (and their stories) unchanged from the published snapshot; returns how
        many documents were copied. Their `run_id` and `ingested_at` stay those of the run that made them."""
        if not document_ids:
            return 0
        current = self.output_dir / "current"
        wanted = ds.field("document_id").isin(sorted(document_ids))
        stories = ds.dataset(current / "stories", format="parquet").to_table(filter=wanted)
        documents = ds.dataset(current / "documents", format="parquet").to_table(filter=wanted)
        self.write_part(
            stories.select(STORIES_SCHEMA.names).cast(STORIES_SCHEMA),
            documents.select(DOCUMENTS_SCHEMA.names).cast(DOCUMENTS_SCHEMA),
        )
        return documents.num_rows

    def publish(self) -> Path:
        """Make this snapshot the one readers see; returns its folder."""
        final = self.snapshots_dir / self.name
        os.replace(self.staging, final)
        _replace_symlink(self.output_dir / "current", Path("snapshots") / self.name)
        for dataset in ("stories", "documents"):
            link = self.output_dir / dataset
            if not link.is_symlink():
                _replace_symlink(link, Path("current") / dataset)
        self._prune()
        return final

    def _prune(self) -> None:
        published = sorted(p for p in self.snapshots_dir.iterdir() if not p.name.startswith("."))
        current = (self.output_dir / "current").resolve()
        for old in published[:-KEEP_SNAPSHOTS]:
            if old.resolve() == current:  # never the one readers are sent to
                continue
            shutil.rmtree(old, ignore_errors=True)
        for staging in self.snapshots_dir.glob(".staging-*"):  # left by runs that were killed
            if staging != self.staging:
                shutil.rmtree(staging, ignore_errors=True)


def published_documents(output_dir: Path) -> dict[str, tuple[str, str]]:
    """source_path -> (document_id, pipeline_version) in the published snapshot; empty when there is none
    or it was written by a newsprep without these columns (then everything is processed again)."""
    path = Path(output_dir) / "current" / "documents"
    try:
        table = ds.dataset(path, format="parquet").to_table(columns=["source_path", "document_id", "pipeline_version"])
    except (OSError, pa.ArrowException):
        return {}
    rows = table.to_pydict()
    return {
        source: (document_id, version)
        for source, document_id, version in zip(
            rows["source_path"], rows["document_id"], rows["pipeline_version"], strict=True
        )
    }


class OutputBusyError(RuntimeError):
    """Another run holds the output folder."""


@contextmanager
def output_lock(output_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the output folder for one run. A second run waits up to `wait_seconds`, then gives up with a
    clear message. The kernel releases the lock when its holder dies, even by SIGKILL."""
    path = Path(output_dir) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise OutputBusyError(
                        f"another newsprep run ({holder}) is writing to {output_dir}; try again when it ends"
                    ) from None
                time.sleep(0.5)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _replace_symlink(link: Path, target: Path) -> None:
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} exists and is not a newsprep symlink; move it away first")
    temporary = link.with_name(f".{link.name}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)
