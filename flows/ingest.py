"""The ingest flow: a folder of scraped news pages in, per-story Parquet datasets out.

Reads top to bottom like the pipeline: discover -> learn the sites' furniture -> read -> clean -> remove
site furniture -> split -> detect language -> extract metadata -> write, batch by batch, then publish the
run's snapshot atomically. Each stage is a pure function in `tasks/`; the @task wrappers work on a whole
batch so Prefect's per-task cost is paid once per batch, not once per document.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from time import perf_counter

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from tasks.clean import clean_batch
from tasks.language import language_batch
from tasks.metadata import metadata_batch
from tasks.models import Document
from tasks.read import DEFAULT_MAX_FILE_BYTES, discover_files, read_batch
from tasks.site import SiteMemory, learn_batch, site_batch
from tasks.split import split_batch
from tasks.write import Snapshot, write_batch

DEFAULT_OUTPUT_DIR = "output"
DEFAULT_BATCH_SIZE = 100

ProgressCallback = Callable[[int, int], None]  # (files done, files in all)
_progress_callbacks: list[ProgressCallback] = []


@contextmanager
def progress_listener(callback: ProgressCallback) -> Iterator[None]:
    """Have `callback(done, total)` called after every batch of the flows run inside the block."""
    _progress_callbacks.append(callback)
    try:
        yield
    finally:
        _progress_callbacks.remove(callback)


@dataclass
class IngestSummary:
    run_id: str
    output_dir: str
    snapshot: str
    files: int = 0
    stories: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)  # source_path -> reason, for every non-ok file
    languages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


@flow(name="newsprep-ingest", log_prints=False, validate_parameters=True)
def ingest(
    input_dir: Path,
    output_dir: Path = Path(DEFAULT_OUTPUT_DIR),
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    reference_time: datetime | None = None,
) -> dict:
    """Ingest every text file below `input_dir` into the Parquet datasets under `output_dir`.

    `reference_time` resolves relative dates ("10 months ago"); without it a clock printed on the page,
    else the file's modification time, is used. Returns the run's summary as a dict.
    """
    started = perf_counter()
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    logger = get_run_logger()
    run_id = str(flow_run.id or uuid.uuid4())
    ingested_at = datetime.now(UTC)

    snapshot = Snapshot(output_dir, run_id, ingested_at)
    snapshot.begin()
    paths = discover_files(input_dir)
    logger.info("%d files to ingest from %s", len(paths), input_dir)

    # Site furniture: count every line over the whole run (and earlier runs) before cleaning any page.
    site_memory = SiteMemory.load(output_dir)
    for batch in batched(paths, batch_size):
        for page_sha256, line_keys in learn_batch(batch, input_dir, max_file_bytes).items():
            site_memory.learn(page_sha256, line_keys)

    summary = IngestSummary(run_id=run_id, output_dir=str(output_dir), snapshot=snapshot.name)
    statuses: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for batch in batched(paths, batch_size):
        documents = read_batch(batch, input_dir, max_file_bytes)
        documents = clean_batch(documents)
        documents = site_batch(documents, site_memory)
        documents = split_batch(documents)
        documents = language_batch(documents)
        documents = metadata_batch(documents, reference_time)
        write_batch(snapshot, documents, run_id, ingested_at)
        _account(summary, documents, statuses, languages)
        for callback in _progress_callbacks:
            callback(summary.files, len(paths))
    snapshot.publish()
    site_memory.save(output_dir)

    summary.status_counts, summary.languages = dict(statuses), dict(languages.most_common())
    summary.seconds = round(perf_counter() - started, 2)
    logger.info(
        "%d files, %d stories, %s; snapshot %s", summary.files, summary.stories, summary.status_counts, snapshot.name
    )
    return summary.to_dict()


def batched(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of `size` items (itertools.batched needs Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _account(summary: IngestSummary, documents: list[Document], statuses: Counter, languages: Counter) -> None:
    for document in documents:
        summary.files += 1
        summary.stories += len(document.stories)
        statuses[document.status] += 1
        if not document.ok:
            summary.rejected[document.source_path] = f"{document.status}: {document.error}"
        languages.update(story.language for story in document.stories)
