"""The Prefect tasks: thin wrappers around the pure stages (the only module of tasks/ that imports Prefect).

A task works on a whole batch, so Prefect's cost per task run (~16 ms of CPU measured here) is paid once per
batch, not once per document or per stage: one task surveys a batch of files, one processes a batch through
every stage (tasks/pipeline.py) and writes its part of the snapshot. Either runs in the flow's process or on a
Dask worker (flows/ingest.py chooses): what they take and return is small (paths, the context's file, counts).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.assets import materialize
from prefect.cache_policies import NO_CACHE

from .pipeline import BatchOutcome, load_context, process_files
from .site import PageSurvey, survey_files
from .write import Snapshot


@task(name="survey-files", task_run_name="survey-batch-{batch_number}", cache_policy=NO_CACHE)
def survey_batch(batch_number: int, paths: list[Path], input_dir: Path, max_file_bytes: int) -> list[PageSurvey]:
    """Identity and line keys of every file of the batch (see tasks.site.survey_files)."""
    return survey_files(paths, input_dir, max_file_bytes)


@task(
    name="process-batch",
    task_run_name="process-batch-{batch_number}",
    cache_policy=NO_CACHE,
    retries=2,  # a write that failed for a moment (I/O): the whole batch is redone, the part rewritten
    retry_delay_seconds=1,
)
def process_batch(
    batch_number: int,
    paths: list[Path],
    input_dir: Path,
    max_file_bytes: int,
    context_file: Path,
    snapshot: Snapshot,
    run_id: str,
    ingested_at: datetime,
    published_paths: frozenset[str] | set[str] = frozenset(),
) -> BatchOutcome:
    """Read, run every stage, and write the batch's part of the snapshot; returns what became of the files. A file
    of `published_paths` (source paths with rows in the published snapshot) that cannot be read now (deleted since
    the survey, unreadable for a moment) is left out of the part: the flow carries its last rows over instead."""
    documents = process_files(paths, input_dir, load_context(context_file), max_file_bytes)
    unread = {
        document.source_path: document.error or "unreadable"
        for document in documents
        if document.read_failed and document.source_path in published_paths
    }
    documents = [document for document in documents if document.source_path not in unread]
    snapshot.write_documents(batch_number, documents, run_id, ingested_at)
    return BatchOutcome.of(documents, unread)


def asset_key(path: Path) -> str | None:
    """The Prefect asset key of a local folder (`file:///abs/path`; the path as given, made absolute: `stories` is a
    link that moves to each new snapshot, the dataset's name does not), or None when Prefect refuses it as a key
    (a space, "%", "#", ... or too long: checked by Prefect's own validator)."""
    from prefect.types.names import validate_valid_asset_key

    try:
        return validate_valid_asset_key(f"file://{Path(os.path.abspath(path)).as_posix()}")
    except ValueError:
        return None


@materialize("file:///newsprep-output", by="newsprep", name="publish-snapshot", cache_policy=NO_CACHE)
def publish_snapshot(snapshot: Snapshot) -> str:
    """Make the run's snapshot the one readers see (Snapshot.publish); returns its name. As a materialising task
    its run records the datasets (assets `file:///.../stories` and `.../documents`, given per run with
    `with_options(assets=...)`) and what they were made from (`asset_deps`: the input folder): Prefect's lineage."""
    snapshot.publish()
    return snapshot.name
