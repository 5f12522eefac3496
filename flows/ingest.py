"""The ingest flow: a folder of scraped news pages in, per-story Parquet datasets out.

Reads top to bottom like the run: take the inventory (the files, and which changed since the published snapshot)
-> survey the files to read (identity, and the lines that teach the sites' furniture) -> plan what to process ->
process batch by batch (read, the stages of tasks/pipeline.py in their one order, write a part) -> carry the
unchanged rows over -> publish the run's snapshot atomically. The stages are pure functions in `tasks/`;
tasks/prefect_tasks.py wraps a whole batch in one task run, so Prefect's per-task cost is paid once per batch, not
once per document or per stage. Surveys and batches run where `batch_engine` says: in this process, or on a Dask
cluster.
"""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from time import perf_counter

from prefect import Task, flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.events import emit_event
from prefect.runtime import flow_run

from newsprep.tasks.pipeline import CONTEXT_FILE, STAGE_NAMES, BatchOutcome, StageContext, save_context, warm_up
from newsprep.tasks.prefect_tasks import asset_key, process_batch, publish_snapshot, survey_batch
from newsprep.tasks.read import DEFAULT_MAX_FILE_BYTES, TOO_LARGE, discover, printable, source_names
from newsprep.tasks.site import PageSurvey, SiteMemory
from newsprep.tasks.status import read_status
from newsprep.tasks.write import (
    PIPELINE_VERSION,
    Published,
    Snapshot,
    check_output_layout,
    output_lock,
    published_documents,
    whole_snapshot,
)

DEFAULT_OUTPUT_DIR = "output"
DEFAULT_BATCH_SIZE = 100
SURVEY_BATCHES = 5  # a survey task reads this many batches' files: surveying is cheap, a task run is not

ProgressCallback = Callable[[str, int, int | None], None]  # (phase, files done, files in all or None)
_progress_callbacks: list[ProgressCallback] = []


@contextmanager
def progress_listener(callback: ProgressCallback) -> Iterator[None]:
    """Have `callback(phase, done, total)` called as the flows run inside the block go: "surveying" and
    "processing" after every batch, "publishing" at the end."""
    _progress_callbacks.append(callback)
    try:
        yield
    finally:
        _progress_callbacks.remove(callback)


def _report_progress(phase: str, done: int, total: int | None) -> None:
    # A function of its own: the flow's code must not name the callbacks (a Dask run ships the flow's function
    # to the workers with the globals it names, and a progress bar does not travel).
    for callback in _progress_callbacks:
        callback(phase, done, total)


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
    skipped: dict[str, str] = field(default_factory=dict)  # entries not looked into (unreadable folders) -> why
    languages: dict[str, int] = field(default_factory=dict)
    processes: list[str] = field(default_factory=list)  # "host:pid" of every process that ran batches
    warnings: list[str] = field(default_factory=list)  # what went wrong without failing the run
    seconds: float = 0.0  # the run's own work, from taking the output folder to publishing
    lock_wait_seconds: float = 0.0  # spent waiting for another run to leave the output folder first
    near_duplicates: int = 0  # stories written by this run that repeat an earlier one (their duplicate_of is set)
    dataset_stories: int = 0  # in the published snapshot: this run's and the rows carried over
    dataset_documents: int = 0
    dataset_languages: dict[str, int] = field(default_factory=dict)
    dataset_near_duplicates: int = 0

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
    workers: int = 1,
    dask_address: str | None = None,
    verify: bool = False,
) -> dict:
    """Ingest every text file below `input_dir` into the Parquet datasets under `output_dir`.

    Incremental: a file whose bytes did not change since the published snapshot keeps its rows; new and
    changed files are processed; `full` processes everything (so does a change of the pipeline's code). A file
    of the size and modification time the snapshot recorded is taken for unchanged without being read, unless
    `verify` (then every file is read and hashed).
    Files that disappeared keep their stories unless `prune`. `reference_time` resolves relative dates
    ("10 months ago"); without it a clock printed on the page, else the file's modification time, is used.
    `workers` > 1 runs the batches in parallel on a local Dask cluster of that many worker processes;
    `dask_address` ("tcp://host:8786") on an existing Dask cluster instead (its workers must see `input_dir` and
    `output_dir` at the same paths). The output is the same whatever runs it. Returns the run's summary as a dict.
    """
    input_dir, output_dir = Path(input_dir), Path(output_dir)
    _check_served_folders(input_dir, output_dir)
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder not found: {input_dir}")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    logger = get_run_logger()
    run_id = str(flow_run.id or uuid.uuid4())

    with output_lock(output_dir, lock_wait_seconds) as waited:
        started = perf_counter()
        check_output_layout(output_dir)  # before the work: publication would fail on a folder not ours
        # Taken under the lock: runs that waited for each other get snapshot names in publication order.
        ingested_at = datetime.now(UTC)
        snapshot = Snapshot(output_dir, run_id, ingested_at)
        snapshot.begin()
        inventory = take_inventory(input_dir, output_dir, read_all=full or verify, max_file_bytes=max_file_bytes)
        paths, source_paths, published = inventory.paths, inventory.source_paths, inventory.published
        same, to_read, base = inventory.unchanged, inventory.to_read, inventory.base
        summary = IngestSummary(run_id=run_id, output_dir=str(output_dir), snapshot=snapshot.name, files=len(paths))
        summary.skipped = inventory.skipped
        summary.lock_wait_seconds = round(waited, 2)
        for where, reason in inventory.skipped.items():
            logger.warning("skipped %s: %s", printable(where), printable(reason))  # names from the input: escaped
        if inventory.damage:
            logger.warning("%s", inventory.damage)
            summary.warnings.append(inventory.damage)
        # Only files to read need the engine: a run with nothing new does not start a cluster.
        with batch_engine(*((workers, dask_address) if to_read else (1, None))) as engine:
            # Survey every file to read first: its identity decides whether it needs processing, and its lines
            # teach the sites' furniture before any page is cleaned (so the verdict does not depend on file order).
            # Surveyed where the batches run (in parallel), in bigger batches (each returns its pages' line keys:
            # learnt as they arrive, then dropped).
            site_memory = SiteMemory.load(output_dir)
            surveys = []
            survey_batches = [
                {"batch_number": number, "paths": batch, "input_dir": input_dir, "max_file_bytes": max_file_bytes}
                for number, batch in enumerate(batched(to_read, batch_size * SURVEY_BATCHES))
            ]
            _report_progress("surveying", 0, len(to_read))
            for batch_surveys in engine.run(survey_batch, survey_batches):
                for survey in batch_surveys:
                    site_memory.learn(survey.sha256, survey.line_keys)
                    surveys.append(replace(survey, line_keys=frozenset()))
                _report_progress("surveying", len(surveys), len(to_read))
            to_process, carried, unread = _plan(surveys, same, published, full, prune, summary)
            logger.info(
                "%d files: %d new, %d changed, %d unchanged; %d gone from the input (%s)",
                summary.files,
                summary.new,
                summary.changed,
                summary.unchanged,
                summary.disappeared,
                "pruned" if prune else "their stories kept",
            )
            todo = [path for path in paths if source_paths[path] in to_process]
            # The context goes to the processes that run the batches once, as a file (see tasks/pipeline.py).
            context_file = save_context(StageContext(site_memory, reference_time), snapshot.staging / CONTEXT_FILE)
            logger.info("stages: %s", " -> ".join(STAGE_NAMES))
            outcome = BatchOutcome()
            _report_progress("processing", 0, len(todo))
            batches = [
                {
                    "batch_number": number,
                    "paths": batch,
                    "input_dir": input_dir,
                    "max_file_bytes": max_file_bytes,
                    "context_file": context_file,
                    "snapshot": snapshot,
                    "run_id": run_id,
                    "ingested_at": ingested_at,
                    # A file that cannot be read now keeps what it gave last time: the batch needs to know which
                    # ones gave something.
                    "published_paths": {
                        source_paths[path] for path in batch if source_paths[path] in published and not full
                    },
                }
                for number, batch in enumerate(batched(todo, batch_size))
            ]
            for batch_outcome in engine.run(process_batch, batches):
                outcome.add(batch_outcome)
                _report_progress("processing", outcome.processed + len(outcome.unread), len(todo))
            context_file.unlink()
            engine.release()  # the workers go while the run publishes

            for source_path, reason in outcome.unread.items():  # read by the survey, unreadable when processed
                summary.changed -= 1
                _keep_last_rows(summary, carried, unread, source_path, published[source_path].document_id, reason)
            if base is not None:
                snapshot.carry_over(carried, base, unread)
            _account(summary, outcome)
            _report_progress("publishing", 0, None)
            summary.near_duplicates = snapshot.mark_duplicates()
            _publish(snapshot, input_dir, output_dir, logger)
            # The dataset as readers now see it, carried rows included: this run's snapshot, read under the lock
            # (a later run's may be current by the time the event goes out).
            totals = read_status(output_dir, snapshot.snapshots_dir / snapshot.name)
            try:
                site_memory.save(output_dir)
            except OSError as exc:  # the run's result is published; only what it learnt of the sites is not kept
                warning = f"the learnt site furniture could not be saved ({exc}): the next run learns it again"
                logger.warning("%s", warning)
                summary.warnings.append(warning)

    summary.seconds = round(perf_counter() - started, 2)
    _log_not_ingested(logger, summary)
    summary.dataset_stories, summary.dataset_documents = totals.stories, totals.documents
    summary.dataset_languages = totals.languages
    summary.dataset_near_duplicates = totals.near_duplicates
    logger.info(
        "%d files processed, %d stories written; snapshot %s: %d stories from %d files in %s",
        summary.processed,
        summary.stories,
        snapshot.name,
        totals.stories,
        totals.documents,
        output_dir.resolve(),
    )
    _publish_artifact(summary)
    _announce(summary, snapshot.name)
    return summary.to_dict()


def _publish(snapshot: Snapshot, input_dir: Path, output_dir: Path, logger) -> None:
    """Publish the snapshot as the task that materialises the two datasets, made from the input folder (Prefect's
    assets and lineage), or as a plain call when the folders' paths cannot be asset keys."""
    outputs = [asset_key(output_dir.resolve() / dataset) for dataset in ("stories", "documents")]
    source = asset_key(input_dir)
    if None in outputs or source is None:
        logger.info("the folders' paths cannot be Prefect asset keys: the datasets are published without them")
        publish_snapshot.fn(snapshot)
        return
    publish_snapshot.with_options(assets=outputs, asset_deps=[source])(snapshot)


MAX_LOGGED_REJECTED = 20  # warnings for files not ingested, one each (the artifact lists them all)


def _log_not_ingested(logger, summary: IngestSummary) -> None:
    """One warning per file this run could not ingest (the UI shows warnings apart), then how many more."""
    for path, reason in sorted(summary.rejected.items())[:MAX_LOGGED_REJECTED]:
        logger.warning("not ingested: %s: %s", printable(path), printable(reason))
    if len(summary.rejected) > MAX_LOGGED_REJECTED:
        logger.warning(
            "... and %d more files not ingested (see the run's artifact)", len(summary.rejected) - MAX_LOGGED_REJECTED
        )


SNAPSHOT_EVENT = "newsprep.snapshot-published"


def _announce(summary: IngestSummary, snapshot: str) -> None:
    """A Prefect event for every snapshot published, with the run's and the dataset's totals: what a Prefect
    automation hangs on (notify someone, start a downstream flow). The resource is the output folder."""
    output = str(Path(summary.output_dir).resolve())
    emit_event(
        event=SNAPSHOT_EVENT,
        resource={"prefect.resource.id": f"newsprep.output.{output}", "prefect.resource.name": output},
        related=[{"prefect.resource.id": f"prefect.flow-run.{summary.run_id}", "prefect.resource.role": "flow-run"}],
        payload={
            "snapshot": snapshot,
            "output_dir": output,
            "stories_path": str(Path(output) / "stories"),
            "documents_path": str(Path(output) / "documents"),
            "files": summary.files,
            "new": summary.new,
            "changed": summary.changed,
            "unchanged": summary.unchanged,
            "processed": summary.processed,
            "stories_written": summary.stories,
            "near_duplicates_written": summary.near_duplicates,
            "not_ingested": len(summary.rejected),
            "dataset_stories": summary.dataset_stories,
            "dataset_documents": summary.dataset_documents,
            "dataset_languages": summary.dataset_languages,
            "dataset_near_duplicates": summary.dataset_near_duplicates,
        },
    )


SERVED_FOLDERS_ENV = "NEWSPREP_SERVED_FOLDERS"  # set by `newsprep serve`: "input folder:output folder"


def _check_served_folders(input_dir: Path, output_dir: Path) -> None:
    """In a process of `newsprep serve`, refuse folders outside the ones it was started with: anyone who reaches
    the Prefect API can start a served deployment with other parameters."""
    served = os.environ.get(SERVED_FOLDERS_ENV)
    if not served:
        return
    allowed_input, allowed_output = (Path(folder) for folder in served.split(os.pathsep, 1))
    for folder, allowed, what in ((input_dir, allowed_input, "input_dir"), (output_dir, allowed_output, "output_dir")):
        if not folder.resolve().is_relative_to(allowed):
            raise PermissionError(
                f"{what} {folder} is outside {allowed}, the folder this deployment was served with: refused"
            )


@dataclass
class Inventory:
    """What a run finds before reading anything: the files, the snapshot it builds on, the files to read."""

    paths: list[Path]  # every file below the input folder, in order
    source_paths: dict[Path, str]  # as documents name them
    base: Path | None  # the snapshot to build on (None: nothing published yet, or nothing whole)
    damage: str | None  # why that is not `current`
    published: dict[str, Published]  # source path -> the row the base snapshot has
    unchanged: dict[str, str]  # source path -> document id: known unchanged without reading (size and time)
    to_read: list[Path]
    skipped: dict[str, str]  # entries below the input folder that could not be looked into (path -> why)


def take_inventory(
    input_dir: Path, output_dir: Path, read_all: bool = False, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Inventory:
    """The files below `input_dir` and which of them must be read (all of them when `read_all`)."""
    found = discover(input_dir)
    paths = found.paths
    source_paths = {path: source_names(path, input_dir)[0] for path in paths}
    # A damaged current snapshot (a part cut short, a folder gone) is not built on: the newest whole one is.
    base, damage = whole_snapshot(output_dir)
    published = published_documents(output_dir, base) if base is not None else {}
    # Files of the size and time the published snapshot recorded are unchanged: not read again.
    same = {} if read_all else _unchanged_by_stat(source_paths, published, max_file_bytes)
    to_read = [path for path in paths if source_paths[path] not in same]
    return Inventory(paths, source_paths, base, damage, published, same, to_read, found.skipped)


def prepare_local_workers(
    input_dir: Path, output_dir: Path, read_all: bool = False, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> None:
    """Start the local workers' fork server (start_worker_server) if the run will have files to read. The CLI
    calls this in a thread while Prefect's temporary server starts; a run with nothing to do starts nothing."""
    if take_inventory(input_dir, output_dir, read_all, max_file_bytes).to_read:
        start_worker_server()


def _unchanged_by_stat(
    source_paths: dict[Path, str], published: dict[str, Published], max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> dict[str, str]:
    """source path -> document id of the files whose size and modification time are the ones the published
    snapshot recorded (by this pipeline version): unchanged without reading them. A file refused for its size
    that the limit of this run allows is read again."""
    same: dict[str, str] = {}
    for path, source_path in source_paths.items():
        row = published.get(source_path)
        if row is None or row.modified_at is None or row.pipeline_version != PIPELINE_VERSION:
            continue
        if (row.error or "").startswith(TOO_LARGE) and (row.size_bytes or 0) <= max_file_bytes:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue  # read (and reported) with the others
        if stat.st_size == row.size_bytes and datetime.fromtimestamp(stat.st_mtime, tz=UTC) == row.modified_at:
            same[source_path] = row.document_id
    return same


def _plan(
    surveys: list[PageSurvey],
    same: dict[str, str],
    published: dict[str, Published],
    full: bool,
    prune: bool,
    summary: IngestSummary,
) -> tuple[set[str], set[str], dict[str, str]]:
    """Source paths to process, document ids to carry over unchanged from the published snapshot (`same`: the
    files known unchanged without reading them), and of those the ones whose file could not be read (-> why)."""
    to_process: set[str] = set()
    carried: set[str] = set(same.values())
    unread: dict[str, str] = {}
    summary.unchanged = len(same)
    for survey in surveys:
        before = published.get(survey.source_path)
        if survey.unreadable and before is not None and not full:
            _keep_last_rows(summary, carried, unread, survey.source_path, before.document_id, survey.unreadable)
            continue
        if before is None:
            summary.new += 1
            to_process.add(survey.source_path)
        elif full or (before.document_id, before.pipeline_version) != (survey.document_id, PIPELINE_VERSION):
            summary.changed += 1
            to_process.add(survey.source_path)
        else:
            summary.unchanged += 1
            carried.add(survey.document_id)
    present = {survey.source_path for survey in surveys} | set(same)
    gone = {row.document_id for path, row in published.items() if path not in present}
    summary.disappeared = len(gone)
    if prune:
        summary.pruned = len(gone)
    else:
        carried |= gone
    return to_process, carried, unread


def _keep_last_rows(
    summary: IngestSummary, carried: set[str], unread: dict[str, str], source_path: str, document_id: str, reason: str
) -> None:
    """A published file that cannot be read for a moment keeps what it gave last time (its rows carried over, noted
    as unread); it is read again next run."""
    summary.unchanged += 1
    carried.add(document_id)
    unread[document_id] = reason
    summary.warnings.append(f"{source_path}: {reason}; its last stories are kept")


def status_counts_text(status_counts: dict[str, int]) -> str:
    """`1 empty, 1 no-article, 5 ok`: the processed files by status, as the artifact and the CLI print them."""
    return ", ".join(f"{count} {status}" for status, count in sorted(status_counts.items())) or "none"


SUMMARY_ARTIFACT_KEY = "newsprep-ingest-summary"  # `newsprep trigger --wait` prints the run's one


def _publish_artifact(summary: IngestSummary) -> None:
    """A markdown summary of the run, shown with the flow run in the Prefect UI."""
    languages = ", ".join(f"{lang} {count}" for lang, count in summary.languages.items()) or "none"
    rejected = "".join(f"\n| {_cell(path)} | {_cell(reason)} |" for path, reason in sorted(summary.rejected.items()))
    skipped = "".join(f"\n| {_cell(path)} | {_cell(reason)} |" for path, reason in sorted(summary.skipped.items()))
    dataset_languages = ", ".join(f"{lang} {count}" for lang, count in summary.dataset_languages.items()) or "none"
    markdown = (
        f"## newsprep ingest: snapshot `{summary.snapshot}`\n\n"
        f"**Dataset now:** {summary.dataset_stories} stories from {summary.dataset_documents} files in "
        f"`{_cell(str(Path(summary.output_dir).resolve()))}` (stories/, documents/). "
        f"Languages: {dataset_languages}\n\n"
        f"**This run:**\n\n"
        f"| files | new | changed | unchanged | gone | pruned | stories written | seconds |\n"
        f"|---|---|---|---|---|---|---|---|\n"
        f"| {summary.files} | {summary.new} | {summary.changed} | {summary.unchanged} | {summary.disappeared} "
        f"| {summary.pruned} | {summary.stories} | {summary.seconds} |\n\n"
        f"Processed: {summary.processed} ({status_counts_text(summary.status_counts)})\n\n"
        f"Languages of the stories written: {languages}\n\n"
        f"Near-duplicates (stories repeating an earlier one, see `duplicate_of`): {summary.near_duplicates} of this "
        f"run's, {summary.dataset_near_duplicates} in the dataset\n\n"
        + (f"### Not ingested\n\n| file | reason |\n|---|---|{rejected}\n" if rejected else "")
        + (f"\n### Skipped ({len(summary.skipped)})\n\n| entry | reason |\n|---|---|{skipped}\n" if skipped else "")
    )
    create_markdown_artifact(markdown, key=SUMMARY_ARTIFACT_KEY, description="newsprep ingest run summary")


def _cell(text: str) -> str:
    """`text` safe in a markdown table cell: control characters escaped, pipes escaped."""
    return printable(text).replace("|", "\\|")


def batched(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of `size` items (itertools.batched needs Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _account(summary: IngestSummary, outcome: BatchOutcome) -> None:
    summary.processed, summary.stories = outcome.processed, outcome.stories
    summary.status_counts = dict(outcome.statuses)
    summary.rejected = dict(outcome.not_ok)
    summary.languages = dict(outcome.languages.most_common())
    summary.processes = sorted(outcome.processes)


# Set by the CLI, whose process this is: it then freezes its heap once warm (see tasks.pipeline.warm_up); a Python
# caller's process is left as it is.
freeze_heap_when_warm = False


class Engine:
    """Where a run's batches run: `run(task, parameters)` runs the task once per batch's parameters and yields
    the results in batch order; `release()` says the run needs no more workers (they may go while it publishes)."""

    def __init__(self, run: Callable[[Task, list[dict]], Iterator], release: Callable[[], None] = lambda: None):
        self.run, self.release = run, release


def start_worker_server() -> None:
    """Start the server process that local Dask workers are forked from, if it is not running yet: it imports
    Prefect, Dask and the stages and loads the language models once (flows/worker_start.py), so each worker starts
    ready instead of paying ~2 s of CPU. The CLI calls this before Prefect's temporary server starts, so the two
    start side by side; the flow calls it again (a no-op then) when it starts its cluster."""
    import multiprocessing.forkserver

    multiprocessing.set_forkserver_preload(["newsprep.flows.worker_start"])
    multiprocessing.forkserver.ensure_running()


@contextmanager
def batch_engine(workers: int, dask_address: str | None) -> Iterator[Engine]:
    """Where the batches run: in this process one batch after another (one worker), else on a Dask cluster, all
    batches submitted at once: a local one of `workers` single-threaded processes (the stages hold the GIL), or
    the one at `dask_address`.

    A local cluster starts in the background as soon as the block is entered (its workers forked from the server
    the CLI may have started already, see start_worker_server); the first survey waits for it. After `release()`
    it closes in the background while the flow publishes; leaving the block waits for that, so no worker outlives
    the run."""
    if workers == 1 and dask_address is None:

        def run_here(task: Task, batches: list[dict]) -> Iterator:
            if task is process_batch and batches:  # before the first batch of this process (a run with nothing
                # to process imports no stage and loads no model)
                warm_up(freeze_heap=freeze_heap_when_warm)
            return (task(**parameters) for parameters in batches)

        yield Engine(run_here)
        return
    from concurrent.futures import ThreadPoolExecutor

    import dask
    from distributed import Client, LocalCluster
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect_dask import DaskTaskRunner

    # The workers report their task runs to this run's Prefect API. Without a configured server the flow runs on
    # a temporary one, whose address the workers would not know: each would start a server of its own.
    api_url = PREFECT_API_URL.value() or str(get_client(sync_client=True).api_url)

    def start() -> LocalCluster | None:
        cluster = None
        if dask_address is None:
            start_worker_server()
            with dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
                cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    env={"PREFECT_API_URL": api_url},
                )
        with Client(cluster if cluster is not None else dask_address) as client:
            client.run(warm_up)
        return cluster

    with temporary_settings({PREFECT_API_URL: api_url}), ThreadPoolExecutor(max_workers=1) as background:
        starting = background.submit(start)
        runner: DaskTaskRunner | None = None
        released = False

        def run(task: Task, batches: list[dict]) -> Iterator:
            nonlocal runner
            if runner is None:
                cluster = starting.result()
                runner = DaskTaskRunner(cluster=cluster) if cluster else DaskTaskRunner(address=dask_address)
                runner.__enter__()
            futures = deque(runner.submit(task, parameters=parameters) for parameters in batches)
            while futures:
                # Dropped once read: the cluster then forgets the result (a survey's line keys are big).
                yield futures.popleft().result()

        def release() -> None:
            nonlocal runner, released
            if released:
                return
            released = True
            if runner is not None:
                runner.__exit__(None, None, None)
                runner = None
            background.submit(close)  # after the start (one thread): a start still under way is waited for

        def close() -> None:
            if starting.exception() is None and (cluster := starting.result()) is not None:
                cluster.close()

        try:
            yield Engine(run, release)
        finally:
            release()  # the run failed before it released: no cluster is left behind either
