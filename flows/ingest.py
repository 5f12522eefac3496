"""The ingest flow: a folder of scraped news pages in, per-story Parquet datasets out.

Reads top to bottom like the run: discover the files -> survey them (identity, and the lines that teach the
sites' furniture) -> plan what to process -> carry unchanged rows over -> process batch by batch (read, the
stages of tasks/pipeline.py in their one order, write a part) -> publish the run's snapshot atomically. The
stages are pure functions in `tasks/`; tasks/prefect_tasks.py wraps a whole batch in one task run, so
Prefect's per-task cost is paid once per batch, not once per document or per stage.
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
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from tasks.models import Document
from tasks.pipeline import STAGE_NAMES, StageContext
from tasks.prefect_tasks import process_batch, survey_batch
from tasks.read import DEFAULT_MAX_FILE_BYTES, discover_files
from tasks.site import PageSurvey, SiteMemory
from tasks.write import PIPELINE_VERSION, Snapshot, output_lock, published_documents

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
    files: int = 0  # files found below input_dir in this run
    new: int = 0  # not in the previous snapshot
    changed: int = 0  # same path, other bytes (or a pipeline change, or --full)
    unchanged: int = 0  # same bytes as in the previous snapshot: rows carried over, not processed again
    disappeared: int = 0  # in the previous snapshot, gone from input_dir
    pruned: int = 0  # of those, dropped from the output (prune=True)
    processed: int = 0
    stories: int = 0  # stories written by this run's processing (carried-over ones not counted)
    status_counts: dict[str, int] = field(default_factory=dict)  # of processed files
    rejected: dict[str, str] = field(default_factory=dict)  # source_path -> reason, for every processed non-ok file
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
    full: bool = False,
    prune: bool = False,
    lock_wait_seconds: float = 0.0,
) -> dict:
    """Ingest every text file below `input_dir` into the Parquet datasets under `output_dir`.

    Incremental: a file whose bytes did not change since the published snapshot keeps its rows; new and
    changed files are processed; `full` processes everything (so does a change of the pipeline's code).
    Files that disappeared keep their stories unless `prune`. `reference_time` resolves relative dates
    ("10 months ago"); without it a clock printed on the page, else the file's modification time, is used.
    Returns the run's summary as a dict.
    """
    started = perf_counter()
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    logger = get_run_logger()
    run_id = str(flow_run.id or uuid.uuid4())

    with output_lock(output_dir, lock_wait_seconds):
        # Taken under the lock: runs that waited for each other get snapshot names in publication order.
        ingested_at = datetime.now(UTC)
        snapshot = Snapshot(output_dir, run_id, ingested_at)
        snapshot.begin()
        paths = discover_files(input_dir)
        summary = IngestSummary(run_id=run_id, output_dir=str(output_dir), snapshot=snapshot.name, files=len(paths))

        # Survey every file first: its identity decides whether it needs processing, and its lines teach
        # the sites' furniture before any page is cleaned (so the verdict does not depend on file order).
        site_memory = SiteMemory.load(output_dir)
        surveys = [
            survey
            for number, batch in enumerate(batched(paths, batch_size))
            for survey in survey_batch(number, batch, input_dir, max_file_bytes)
        ]
        for survey in surveys:
            site_memory.learn(survey.sha256, survey.line_keys)
        to_process, carried = _plan(surveys, published_documents(output_dir), full, prune, summary)
        logger.info(
            "%d files: %d new, %d changed, %d unchanged; %d gone from the input (%s)",
            summary.files,
            summary.new,
            summary.changed,
            summary.unchanged,
            summary.disappeared,
            "pruned" if prune else "their stories kept",
        )
        snapshot.carry_over(carried)

        statuses: Counter[str] = Counter()
        languages: Counter[str] = Counter()
        todo = [path for path, survey in zip(paths, surveys, strict=True) if survey.source_path in to_process]
        context = StageContext(site_memory, reference_time)
        logger.info("stages: %s", " -> ".join(STAGE_NAMES))
        for number, batch in enumerate(batched(todo, batch_size)):
            # quote(): Prefect would otherwise walk every Line of every document (and every key of the site
            # memory) looking for futures on every task call; that walk cost more than the stages themselves.
            documents = process_batch(
                number, batch, input_dir, max_file_bytes, quote(context), quote(snapshot), run_id, ingested_at
            )
            _account(summary, documents, statuses, languages)
            for callback in _progress_callbacks:
                callback(summary.processed, len(todo))
        snapshot.publish()
        site_memory.save(output_dir)

    summary.status_counts, summary.languages = dict(statuses), dict(languages.most_common())
    summary.seconds = round(perf_counter() - started, 2)
    logger.info("%d files processed, %d stories; snapshot %s", summary.processed, summary.stories, snapshot.name)
    _publish_artifact(summary)
    return summary.to_dict()


def _plan(
    surveys: list[PageSurvey],
    published: dict[str, tuple[str, str]],
    full: bool,
    prune: bool,
    summary: IngestSummary,
) -> tuple[set[str], set[str]]:
    """Source paths to process, and document ids to carry over unchanged from the published snapshot."""
    to_process: set[str] = set()
    carried: set[str] = set()
    for survey in surveys:
        before = published.get(survey.source_path)
        if before is None:
            summary.new += 1
            to_process.add(survey.source_path)
        elif full or before != (survey.document_id, PIPELINE_VERSION):
            summary.changed += 1
            to_process.add(survey.source_path)
        else:
            summary.unchanged += 1
            carried.add(survey.document_id)
    present = {survey.source_path for survey in surveys}
    gone = {document_id for path, (document_id, _) in published.items() if path not in present}
    summary.disappeared = len(gone)
    if prune:
        summary.pruned = len(gone)
    else:
        carried |= gone
    return to_process, carried


def status_counts_text(status_counts: dict[str, int]) -> str:
    """`1 empty, 1 no-article, 5 ok`: the processed files by status, as the artifact and the CLI print them."""
    return ", ".join(f"{count} {status}" for status, count in sorted(status_counts.items())) or "none"


def _publish_artifact(summary: IngestSummary) -> None:
    """A markdown summary of the run, shown with the flow run in the Prefect UI."""
    languages = ", ".join(f"{lang} {count}" for lang, count in summary.languages.items()) or "none"
    rejected = "".join(f"\n| {path} | {reason} |" for path, reason in sorted(summary.rejected.items()))
    markdown = (
        f"## newsprep ingest: snapshot `{summary.snapshot}`\n\n"
        f"| files | new | changed | unchanged | gone | pruned | stories written | seconds |\n"
        f"|---|---|---|---|---|---|---|---|\n"
        f"| {summary.files} | {summary.new} | {summary.changed} | {summary.unchanged} | {summary.disappeared} "
        f"| {summary.pruned} | {summary.stories} | {summary.seconds} |\n\n"
        f"Processed: {summary.processed} ({status_counts_text(summary.status_counts)})\n\n"
        f"Languages: {languages}\n\n"
        + (f"### Not ingested\n\n| file | reason |\n|---|---|{rejected}\n" if rejected else "")
    )
    create_markdown_artifact(markdown, key="newsprep-ingest-summary", description="newsprep ingest run summary")


def batched(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of `size` items (itertools.batched needs Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _account(summary: IngestSummary, documents: list[Document], statuses: Counter, languages: Counter) -> None:
    for document in documents:
        summary.processed += 1
        summary.stories += len(document.stories)
        statuses[document.status] += 1
        if not document.ok:
            summary.rejected[document.source_path] = document.status_line()
        languages.update(story.language for story in document.stories)
