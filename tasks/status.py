"""What an output folder holds now: its published snapshot's totals (stories and files, by language, by day, by
status), the snapshots kept, the last run, the files not ingested. Read from the Parquet as any reader would, a
few columns only; shown by `newsprep status`, the run's artifact and its `newsprep.snapshot-published` event."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from .write import published_snapshots, snapshot_run, whole_snapshot

MAX_LISTED_REJECTED = 50  # files not ingested, listed by name (the count is always whole)


@dataclass
class OutputStatus:
    output_dir: str
    snapshot: str | None = None  # the published snapshot's name (None: nothing published yet)
    snapshots: list[str] = field(default_factory=list)  # every snapshot kept, oldest first
    damage: str | None = None  # why the snapshot shown is not `current`, when it is not
    stories: int = 0
    documents: int = 0
    languages: dict[str, int] = field(default_factory=dict)  # stories per language, most first
    stories_by_day: dict[str, int] = field(default_factory=dict)  # stories per publication day (YYYY-MM-DD)
    undated_stories: int = 0
    near_duplicates: int = 0  # stories whose duplicate_of names an earlier one
    documents_by_status: dict[str, int] = field(default_factory=dict)
    rejected_count: int = 0  # files whose status is not ok
    rejected: dict[str, str] = field(default_factory=dict)  # source path -> why (the first MAX_LISTED_REJECTED)
    last_run_id: str | None = None  # the run that published the snapshot
    last_ingested_at: str | None = None  # when that run started (ISO 8601, UTC)

    def to_dict(self) -> dict:
        return asdict(self)


def read_status(output_dir: Path, snapshot: Path | None = None) -> OutputStatus:
    """The status of `output_dir` (an empty one when nothing was published there yet), of its published snapshot
    or of `snapshot` (a run reads the one it just published, under its lock). Counted by Arrow over a few columns:
    no Python object per row, whatever the dataset's size."""
    output_dir = Path(output_dir)
    status = OutputStatus(output_dir=str(output_dir), snapshots=[p.name for p in published_snapshots(output_dir)])
    if snapshot is None:
        snapshot, status.damage = whole_snapshot(output_dir)
        if snapshot is None:
            return status
    status.snapshot = snapshot.resolve().name
    stories_dataset = ds.dataset(snapshot / "stories", format="parquet")
    columns = ["language", "published_at"] + (
        ["duplicate_of"] if "duplicate_of" in stories_dataset.schema.names else []
    )
    stories = stories_dataset.to_table(columns=columns)
    documents = ds.dataset(snapshot / "documents", format="parquet").to_table(
        columns=["source_path", "status", "error"]
    )
    status.stories, status.documents = stories.num_rows, documents.num_rows
    status.languages = _counts(stories.column("language"))
    days = pc.cast(stories.column("published_at"), pa.date32())
    status.stories_by_day = dict(sorted((str(day), count) for day, count in _counts(days.drop_null()).items()))
    status.undated_stories = stories.column("published_at").null_count
    if "duplicate_of" in stories.column_names:
        status.near_duplicates = stories.num_rows - stories.column("duplicate_of").null_count
    status.documents_by_status = _counts(documents.column("status"))
    not_ok = documents.filter(pc.not_equal(documents.column("status"), "ok"))
    status.rejected_count = not_ok.num_rows
    listed = not_ok.sort_by("source_path").slice(0, MAX_LISTED_REJECTED).to_pylist()
    status.rejected = {row["source_path"]: row["error"] or row["status"] for row in listed}
    started, status.last_run_id = snapshot_run(status.snapshot)
    status.last_ingested_at = started.isoformat()
    return status


def _counts(values: pa.ChunkedArray | pa.Array) -> dict:
    """value -> how many times, most first (ties in value order)."""
    counted = pc.value_counts(values).to_pylist()
    return dict(sorted(((item["values"], item["counts"]) for item in counted), key=lambda kv: (-kv[1], str(kv[0]))))
