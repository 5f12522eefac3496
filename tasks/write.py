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

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .duplicates import find_duplicates, signature_values
from .fields import DOCUMENTS_SCHEMA, STORIES_SCHEMA, Run, document_row, story_row
from .models import Document

try:  # the output lock: flock on POSIX, msvcrt's byte-range lock on Windows (both die with their process)
    import fcntl
except ImportError:
    fcntl = None
    import msvcrt

KEEP_SNAPSHOTS = 3
_SNAPSHOT_TIME = "%Y%m%dT%H%M%S.%f"  # a snapshot's name: when its run started (UTC), "Z-", the run's id
_SNAPSHOT_NAME = re.compile(r"\d{8}T\d{6}\.\d{6}Z-[\w-]+$")  # as Snapshot names them
# Parquet layout for engines that split work by file and by row group (DuckDB, Spark, polars): parts of up to
# ~PART_BYTES on disk (smaller ones are merged, see Snapshot.compact), row groups of ~ROW_GROUP_BYTES of data
# (in memory, before compression: what a reader decodes at once).
PART_BYTES = 64 * 1024 * 1024
ROW_GROUP_BYTES = 16 * 1024 * 1024
LOCK_FILE = ".newsprep.lock"


def _pipeline_version() -> str:
    """Digest of the stage code: any change to how pages are processed makes the next run redo every file."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".txt", ".json"}:
            digest.update(path.relative_to(Path(__file__).parent).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


PIPELINE_VERSION = _pipeline_version()


def stories_table(documents: list[Document], run_id: str, ingested_at: datetime) -> pa.Table:
    run = Run(run_id, ingested_at, PIPELINE_VERSION)
    return pa.Table.from_pylist([story_row(d, s, run) for d in documents for s in d.stories], schema=STORIES_SCHEMA)


def documents_table(documents: list[Document], run_id: str, ingested_at: datetime) -> pa.Table:
    run = Run(run_id, ingested_at, PIPELINE_VERSION)
    return pa.Table.from_pylist([document_row(d, run) for d in documents], schema=DOCUMENTS_SCHEMA)


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` as `schema` says: the columns in its order and types, a column the table lacks (added by a newer
    version than the one that wrote it) all null, a column it has beyond the schema (since removed) dropped."""
    missing = [field.name for field in schema if field.name not in table.column_names and not field.nullable]
    if missing:
        raise ValueError(
            f"the previous snapshot has no {', '.join(missing)} column, which cannot be null: run with --full --prune"
        )
    columns = [
        table.column(field.name) if field.name in table.column_names else pa.nulls(table.num_rows, field.type)
        for field in schema
    ]
    return pa.Table.from_arrays(columns, names=schema.names).cast(schema)


class Snapshot:
    """One run's output, written into a staging folder and then published in one atomic step."""

    def __init__(self, output_dir: Path, run_id: str, started_at: datetime) -> None:
        self.output_dir = Path(output_dir)
        self.snapshots_dir = self.output_dir / "snapshots"
        # Names sort in publication order when `started_at` is taken under the output lock; the whole run id
        # keeps them apart (Prefect's ids are time-ordered UUIDv7s whose prefixes collide within a second).
        self.name = f"{started_at.strftime(_SNAPSHOT_TIME)}Z-{run_id}"
        self.staging = self.snapshots_dir / f".staging-{self.name}"
        # This run's parts are named after it: parts carried over from earlier runs keep their names beside them.
        self.part_prefix = f"part-{started_at:%Y%m%dT%H%M%S%f}"

    def begin(self) -> None:
        """Create the staging folder (and the output folder); raises OSError when it cannot be written. Staging
        folders of runs that died (killed, or failed on a full disk) go first: the caller holds the output lock,
        so no other run is writing, and their bytes would only stand in this run's way."""
        if self.snapshots_dir.is_dir():
            for stale in self.snapshots_dir.glob(".staging-*"):
                shutil.rmtree(stale, ignore_errors=True)
        for dataset in ("stories", "documents"):
            (self.staging / dataset).mkdir(parents=True, exist_ok=True)

    def write_part(self, name: str, stories: pa.Table, documents: pa.Table) -> None:
        """`name`.parquet in each dataset (an empty table writes no file: publish() sees to the schema). A part is
        named after what it holds, not after the order parts were written in, so batches written in parallel,
        in any order, on any machine, give the same files."""
        for dataset, table in (("stories", stories), ("documents", documents)):
            if table.num_rows:
                _write_durably(table, self.staging / dataset / f"{name}.parquet")

    def write_documents(self, batch_number: int, documents: list[Document], run_id: str, ingested_at: datetime) -> None:
        """The batch's part: these documents' rows and their stories' rows."""
        self.write_part(
            self._batch_part(batch_number),
            stories_table(documents, run_id, ingested_at),
            documents_table(documents, run_id, ingested_at),
        )

    def _batch_part(self, batch_number: int) -> str:
        return f"{self.part_prefix}-{batch_number:05d}"

    def is_batch_part(self, file_name: str) -> bool:
        """Whether `file_name` is one of this run's batch parts (see write_documents), not a carried one."""
        stem, _, number = file_name.removesuffix(".parquet").rpartition("-")
        return stem == self.part_prefix and number.isdigit() and file_name == f"{self._batch_part(int(number))}.parquet"

    def carry_over(self, document_ids: set[str], base: Path | None = None, unread: dict[str, str] | None = None) -> int:
        """Bring these documents' rows (and their stories) unchanged from the published snapshot; returns how many
        documents were carried. A part holding only such documents, in this version's schema, is hard-linked into
        the new snapshot (copied where the filesystem cannot link): no bytes are rewritten for what did not change.
        A part only some of whose documents are carried (the others changed or gone) is rewritten without them, on
        its own: a change costs the parts it touches, not the dataset. Their `run_id` and `ingested_at` stay those
        of the run that made them; a column the snapshot's version did not write yet reads as null in them (see
        tasks/fields.py). `unread` (document id -> why): carried documents whose file this run could not read; their
        rows say so in `unread_because`."""
        unread = unread or {}
        if not document_ids:
            return 0
        current = base if base is not None else self.output_dir / "current"
        carried = rewritten = 0
        for part in sorted((current / "documents").glob("*.parquet")):
            part_schema = pq.read_schema(part)
            noted = "unread_because" in part_schema.names
            read = pq.read_table(part, columns=["document_id", "unread_because"] if noted else ["document_id"])
            ids = set(read.column(0).to_pylist())  # a document has one row in documents
            wanted = document_ids & ids
            if not wanted:
                continue
            # A note of an earlier run's that does not hold any more (the file was read since) must go.
            stale = noted and read.column(1).null_count < read.num_rows
            carried += len(wanted)
            stories = current / "stories" / part.name
            if (
                wanted == ids
                and not stale
                and not unread.keys() & ids
                and _same_schema(part_schema, DOCUMENTS_SCHEMA)
                and (not stories.exists() or _same_schema(pq.read_schema(stories), STORIES_SCHEMA))
            ):
                _link(part, self.staging / "documents" / part.name)
                if stories.exists():
                    _link(stories, self.staging / "stories" / part.name)
                continue
            name = f"{self.part_prefix}-kept-{rewritten:05d}.parquet"
            for dataset, schema in (("stories", STORIES_SCHEMA), ("documents", DOCUMENTS_SCHEMA)):
                source = current / dataset / part.name
                if source.exists():
                    notes = unread if dataset == "documents" and (unread or stale) else None
                    _rewrite_durably([source], self.staging / dataset / name, schema, wanted, notes)
            rewritten += 1
        return carried

    def mark_duplicates(self) -> int:
        """Set `duplicate_of` in this run's stories (tasks/duplicates.py); returns how many of them repeat an
        earlier story. Reads four columns (story_id, ingested_at, minhash, duplicate_of) of every part in the
        staging folder, carried and new. Carried rows keep the value of the run that wrote them (a story points only
        to an earlier one, so a new story never changes an earlier row), unless it names a story gone since (its
        file changed or was pruned): those are decided again, and only the parts holding them are rewritten (a new
        file; the earlier snapshot keeps its own). Carried rows without a signature (from a snapshot written before
        the column) are not compared. Call it after carry_over."""
        folder = self.staging / "stories"
        parts = sorted(folder.glob("*.parquet"))
        new = {part for part in parts if self.is_batch_part(part.name)}
        if not new:  # no new story: nothing to mark, nothing read (a run with nothing to do stays cheap)
            return 0
        rows: list[tuple[str, object, object]] = []
        stored: dict[str, str | None] = {}
        for part in parts:
            names = pq.read_schema(part).names
            if "minhash" not in names:  # carried from before the column: not compared, nothing to change
                continue
            table = pq.read_table(part, columns=["story_id", "ingested_at", "minhash", "duplicate_of"])
            story_ids = table.column("story_id").to_pylist()
            times = table.column("ingested_at").cast(pa.int64()).to_numpy(zero_copy_only=False)
            signatures = [signature_values(s) for s in table.column("minhash").to_pylist()]  # bytes dropped here
            rows.extend(zip(story_ids, times.tolist(), signatures, strict=True))
            if part not in new:
                stored.update(zip(story_ids, table.column("duplicate_of").to_pylist(), strict=True))
        duplicate_of = find_duplicates(rows, stored)
        del rows
        changed = {story_id for story_id, value in stored.items() if duplicate_of.get(story_id, value) != value}
        marked = 0
        for part in parts:
            if part not in new and not (
                changed and changed.intersection(pq.read_table(part, columns=["story_id"]).column(0).to_pylist())
            ):
                continue
            table = pq.read_table(part)
            before = table.column("duplicate_of").to_pylist()
            values = [duplicate_of.get(k, v) for k, v in zip(table.column("story_id").to_pylist(), before, strict=True)]
            if values == before:
                continue
            if part in new:
                marked += sum(value is not None for value in values)
            column = table.schema.get_field_index("duplicate_of")
            table = table.set_column(column, "duplicate_of", pa.array(values, pa.string()))
            temporary = part.with_name(f".{part.name}.tmp")
            _write_durably(table, temporary)
            os.replace(temporary, part)  # a carried part was a hard link: the earlier snapshot keeps its file
        return marked

    def compact(self) -> int:
        """Merge the snapshot's small parts (this run's batches, rewritten parts, small parts carried from earlier
        runs) into parts of up to PART_BYTES, in name order; returns how many parts were merged away. Parts of a
        quarter of the target or more are left as they are, so a run rewrites only small files, and a folder that
        grows by small runs does not end as thousands of small files. Streamed part by part: memory holds one
        row group, not the merged part."""
        folder = self.staging / "documents"
        small = [
            (part, size) for part in sorted(folder.glob("*.parquet")) if (size := part.stat().st_size) < PART_BYTES // 4
        ]
        groups: list[list[Path]] = [[]]
        total = 0
        for part, size in small:
            if groups[-1] and total + size > PART_BYTES:
                groups.append([])
                total = 0
            groups[-1].append(part)
            total += size
        merged = 0
        for number, group in enumerate(groups):
            if len(group) < 2:
                continue
            name = f"{self.part_prefix}-compacted-{number:05d}.parquet"
            for dataset, schema in (("stories", STORIES_SCHEMA), ("documents", DOCUMENTS_SCHEMA)):
                parts = [self.staging / dataset / part.name for part in group]
                _rewrite_durably([part for part in parts if part.exists()], self.staging / dataset / name, schema)
                for part in parts:
                    part.unlink(missing_ok=True)
            merged += len(group) - 1
        return merged

    def publish(self) -> Path:
        """Make this snapshot the one readers see (its small parts merged first); returns its folder."""
        self.compact()
        for dataset, schema in (("stories", STORIES_SCHEMA), ("documents", DOCUMENTS_SCHEMA)):
            folder = self.staging / dataset
            if not any(folder.glob("*.parquet")):  # a run that found nothing: readers still get the schema
                _write_durably(schema.empty_table(), folder / f"{self.part_prefix}-empty.parquet")
            _fsync_dir(folder)  # the parts' names are on disk before the snapshot is
        final = self.snapshots_dir / self.name
        os.replace(self.staging, final)
        _fsync_dir(self.snapshots_dir)
        _replace_symlink(self.output_dir / "current", Path("snapshots") / self.name)
        _fsync_dir(self.output_dir)  # and the swap itself survives a power loss
        for dataset in ("stories", "documents"):
            link = self.output_dir / dataset
            if not link.is_symlink():
                _replace_symlink(link, Path("current") / dataset)
        self._prune()
        return final

    def _prune(self) -> None:
        published = published_snapshots(self.output_dir)
        current = (self.output_dir / "current").resolve()
        for old in published[:-KEEP_SNAPSHOTS]:
            if old.resolve() == current:  # never the one readers are sent to
                continue
            shutil.rmtree(old, ignore_errors=True)


def published_snapshots(output_dir: Path) -> list[Path]:
    """The snapshot folders of `output_dir`, oldest first. Only folders newsprep named: anything else a person put
    in snapshots/ is not ours (to list, or to delete)."""
    folder = Path(output_dir) / "snapshots"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _SNAPSHOT_NAME.match(p.name) and p.is_dir())


def snapshot_run(name: str) -> tuple[datetime, str]:
    """When the run that wrote snapshot `name` started (UTC), and its run id (see Snapshot: the name holds both)."""
    moment, run_id = name.split("Z-", 1)
    return datetime.strptime(moment, _SNAPSHOT_TIME).replace(tzinfo=UTC), run_id


class Published(NamedTuple):
    """A document as the published snapshot has it: enough to tell whether its file changed."""

    document_id: str
    pipeline_version: str
    size_bytes: int | None = None
    modified_at: datetime | None = None  # null in snapshots written before the column existed
    error: str | None = None  # why the file gave no story (see the documents dataset), None for a story's file


def whole_snapshot(output_dir: Path) -> tuple[Path | None, str | None]:
    """The snapshot a run builds on, and why it is not `current` (None when it is): `current` when it is whole,
    else the newest older snapshot that is. Whole: its two datasets' folders exist and every part's footer reads
    (a part cut short by a failing disk has none). (None, None) when nothing was published yet."""
    output_dir = Path(output_dir)
    current = output_dir / "current"
    if not current.is_symlink() and not current.exists():
        return None, None
    problem = _damage(current)
    if problem is None:
        return current, None
    target = os.readlink(current) if current.is_symlink() else str(current)
    resolved = current.resolve()
    older = sorted((p for p in published_snapshots(output_dir) if p.resolve() != resolved), reverse=True)
    for snapshot in older:
        if _damage(snapshot) is None:
            return snapshot, f"the current snapshot ({target}) is damaged: {problem}; building on {snapshot.name}"
    return None, f"the current snapshot ({target}) is damaged: {problem}, and no older one is whole; starting afresh"


def _damage(snapshot: Path) -> str | None:
    for dataset in ("stories", "documents"):
        folder = snapshot / dataset
        if not folder.is_dir():
            return f"{dataset} is missing"
        for part in folder.glob("*.parquet"):
            try:
                pq.read_metadata(part)
            except (OSError, pa.ArrowException) as exc:
                return f"{dataset}/{part.name} is unreadable ({exc})"
    return None


def published_documents(output_dir: Path, snapshot: Path | None = None) -> dict[str, Published]:
    """source_path -> Published in the published snapshot (or in `snapshot`); empty when there is none or it
    was written by a newsprep without these columns (then everything is processed again)."""
    path = (snapshot if snapshot is not None else Path(output_dir) / "current") / "documents"
    try:
        dataset = ds.dataset(path, format="parquet")
        columns = ["source_path", "document_id", "pipeline_version", "size_bytes", "error"]
        columns += ["modified_at"] if "modified_at" in dataset.schema.names else []
        rows = dataset.to_table(columns=columns).to_pydict()
    except (OSError, pa.ArrowException):
        return {}
    times = rows.get("modified_at") or [None] * len(rows["source_path"])
    return {
        source: Published(document_id, version, size, modified, error)
        for source, document_id, version, size, modified, error in zip(
            rows["source_path"],
            rows["document_id"],
            rows["pipeline_version"],
            rows["size_bytes"],
            times,
            rows["error"],
            strict=True,
        )
    }


class OutputBusyError(RuntimeError):
    """Another run holds the output folder."""


# The lock files held in this context (see output_lock). A context variable, not a process-wide set: a thread of
# its own (another run in the same process) does not inherit it, and waits like another process would.
_HELD: ContextVar[frozenset[Path]] = ContextVar("newsprep_held_outputs", default=frozenset())


@contextmanager
def output_lock(output_dir: Path, wait_seconds: float = 0.0) -> Iterator[float]:
    """Hold the output folder for one run; yields the seconds spent waiting for it. A second run waits up to
    `wait_seconds`, then gives up with a clear message. The kernel releases the lock when its holder dies, even
    by SIGKILL. Re-entrant within a context: the CLI takes the lock before Prefect starts (a second run is then
    refused at once, not after its server's start) and the flow it runs takes it again, at no cost."""
    path = Path(output_dir) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    key = path.resolve()
    if key in _HELD.get():
        yield 0.0
        return
    with open(path, "a+") as handle:
        started = time.monotonic()
        while True:
            if _try_lock(handle):
                break
            if time.monotonic() - started >= wait_seconds:
                raise OutputBusyError(_busy_message(output_dir, _holder_note(handle)))
            time.sleep(0.5)
        waited = time.monotonic() - started
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %Z}")
        handle.flush()
        token = _HELD.set(_HELD.get() | {key})
        try:
            yield waited
        finally:
            _HELD.reset(token)
            _unlock(handle)


def output_holder(output_dir: Path) -> str | None:
    """The note of the run holding `output_dir` now ("pid 12, since ..."), else None. A look, not a hold."""
    path = Path(output_dir) / LOCK_FILE
    try:
        handle = open(path)  # noqa: SIM115 - held only for the probe below
    except OSError:
        return None  # no lock file: nobody has run here
    with handle:
        if not _try_lock(handle, shared=True):
            return _holder_note(handle)
        _unlock(handle)
    return None


def output_busy(output_dir: Path) -> str | None:
    """Why a run could not write to `output_dir` now (another run holds it), else None."""
    holder = output_holder(output_dir)
    return None if holder is None else _busy_message(output_dir, holder)


_WINDOWS_LOCK_OFFSET = 1 << 20  # Windows locks bytes for reading too: a byte past the holder's note, not the note


def _try_lock(handle, shared: bool = False) -> bool:
    """Take the lock without waiting (a shared one only looks); False when another process holds it."""
    if fcntl is not None:
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    handle.seek(_WINDOWS_LOCK_OFFSET)
    try:
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False
    finally:
        handle.seek(0)


def _unlock(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        return
    handle.seek(_WINDOWS_LOCK_OFFSET)
    msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    handle.seek(0)


def _holder_note(handle) -> str:
    """What the run holding the lock wrote in its file ("pid 12, since ...")."""
    for _ in range(5):  # the holder writes its note just after it takes the lock: a look in between finds none
        handle.seek(0)
        if note := handle.read().strip():
            return note
        time.sleep(0.05)
    return "unknown"


def _busy_message(output_dir: Path, holder: str) -> str:
    return f"another newsprep run ({holder}) is writing to {output_dir}; try again when it ends (or see --lock-wait)"


def _is_snapshot_link(target: str) -> bool:
    """Whether a `current` link's target is one newsprep writes: `snapshots/<snapshot name>`."""
    folder, _, name = target.partition("/")
    return folder == "snapshots" and bool(_SNAPSHOT_NAME.match(name))


class OutputLayoutError(FileExistsError):
    """The output folder holds entries of the names newsprep publishes under, which are not newsprep's."""


def check_output_layout(output_dir: Path) -> None:
    """Raise OutputLayoutError when `stories`, `documents` or `current` in `output_dir` is something other than
    newsprep's symlink (a folder a user made, an old export): publication would fail on it after all the work."""
    ours = {"stories": "current/stories", "documents": "current/documents"}
    foreign = []
    for name in ("stories", "documents", "current"):
        entry = Path(output_dir) / name
        if entry.is_symlink():
            target = os.readlink(entry)
            made_by_us = target == ours[name] if name in ours else _is_snapshot_link(target)
            if not made_by_us:  # a link of someone else's ("current -> /data"): not ours to replace
                foreign.append(name)
        elif entry.exists():
            foreign.append(name)
    if foreign:
        names = ", ".join(_describe(Path(output_dir) / name) for name in foreign)
        raise OutputLayoutError(
            f"{output_dir} already holds {names}, which newsprep did not make (it publishes them as links to its "
            "snapshots): move it away or choose another --output"
        )


def _note_unread(documents: pa.Table, unread: dict[str, str]) -> pa.Table:
    """`documents` with `unread_because` set for the documents of `unread` (and null for the others: read)."""
    column = DOCUMENTS_SCHEMA.get_field_index("unread_because")
    reasons = [unread.get(document_id) for document_id in documents.column("document_id").to_pylist()]
    return documents.set_column(column, "unread_because", pa.array(reasons, pa.string()))


def _write_durably(table: pa.Table, path: Path) -> None:
    """A Parquet file whose bytes are on disk when this returns (fsync), not only in the page cache."""
    with open(path, "wb") as handle:
        pq.write_table(table, handle, compression="zstd", row_group_size=_row_group_rows(table))
        handle.flush()
        os.fsync(handle.fileno())


def _rewrite_durably(
    parts: list[Path],
    path: Path,
    schema: pa.Schema,
    documents: set[str] | None = None,
    unread: dict[str, str] | None = None,
) -> None:
    """The rows of `parts`, in order, in `schema` (see conform), as one Parquet file at `path` (fsynced; none when
    no row is left): only the rows of `documents` when given, with `unread` noted (see _note_unread) when given.
    Streamed a few hundred rows at a time: memory holds about one row group, however big the parts."""
    wanted = pa.array(sorted(documents), pa.string()) if documents is not None else None
    pending: list[pa.Table] = []
    pending_bytes = written = 0
    with open(path, "wb") as handle, pq.ParquetWriter(handle, schema, compression="zstd") as writer:

        def flush() -> None:
            nonlocal pending_bytes, written
            if pending:
                table = pa.concat_tables(pending)
                writer.write_table(table, row_group_size=max(table.num_rows, 1))  # the buffer is one row group
                written += table.num_rows
                pending.clear()
                pending_bytes = 0

        for part in parts:
            # Read page by page, one thread: pre-buffering whole column chunks, and Arrow's reader threads, held
            # ~60 MB more at a time (measured on 64 MB parts).
            source = pq.ParquetFile(part, buffer_size=1 << 20, pre_buffer=False)
            for batch in source.iter_batches(batch_size=256, use_threads=False):
                table = pa.Table.from_batches([batch])
                if wanted is not None:
                    table = table.filter(pc.is_in(table.column("document_id"), value_set=wanted))
                table = conform(table, schema)
                if unread is not None:
                    table = _note_unread(table, unread)
                pending.append(table)
                pending_bytes += table.nbytes
                if pending_bytes >= ROW_GROUP_BYTES:
                    flush()
        flush()
        handle.flush()
        os.fsync(handle.fileno())
    if not written:
        path.unlink()


def _row_group_rows(table: pa.Table) -> int:
    """Rows per row group for about ROW_GROUP_BYTES of data each (a news story's row is kilobytes of text, so
    Parquet's default of a million rows would make one unsplittable group of any part)."""
    return max(1, ROW_GROUP_BYTES * max(table.num_rows, 1) // max(table.nbytes, 1))


def _fsync_dir(folder: Path) -> None:
    """Make the names in `folder` (files created or renamed in it) durable. (Windows cannot open a folder: there
    NTFS's own journal keeps renames.)"""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _same_schema(found: pa.Schema, schema: pa.Schema) -> bool:
    return found.remove_metadata().equals(schema.remove_metadata())


def _link(source: Path, target: Path) -> None:
    """`target` as a hard link to `source` (a carried part shares its bytes), or a copy across filesystems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _replace_symlink(link: Path, target: Path) -> None:
    if link.exists() and not link.is_symlink():
        raise FileExistsError(f"{link} exists and is not a newsprep symlink; move it away first")
    temporary = link.with_name(f".{link.name}.tmp")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)


def _describe(entry: Path) -> str:
    """`current -> /data`, `stories/`, `documents`: an entry of the output folder as a person recognises it."""
    if entry.is_symlink():
        return f"{entry.name} -> {os.readlink(entry)}"
    return f"{entry.name}/" if entry.is_dir() else entry.name
