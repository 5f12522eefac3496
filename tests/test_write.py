from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from tasks.models import Document, Line, Story
from tasks.write import (
    DOCUMENTS_SCHEMA,
    KEEP_SNAPSHOTS,
    STORIES_SCHEMA,
    Snapshot,
    content_hash,
    documents_table,
    stories_table,
)

NOW = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)


def _document(name: str, bodies: list[str]) -> Document:
    document = Document(document_id=f"id-{name}", source_path=f"sub/{name}", size_bytes=10, sha256="0" * 64)
    document.raw_text = "\n".join(bodies)
    document.lines = [Line(1, "Menu", keep=False, reason="menu-run")]
    document.stories = [
        Story(
            story_index=i,
            lines=[],
            text=body,
            title=f"Title {i}",
            language="en",
            language_confidence=0.99,
            published_at=NOW,
            authors=["A. Writer"],
            highlights=["h"],
            image_captions=[],
        )
        for i, body in enumerate(bodies)
    ]
    return document


def _publish(output: Path, run_id: str, documents: list[Document], when: datetime = NOW) -> Snapshot:
    snapshot = Snapshot(output, run_id, when)
    snapshot.begin()
    snapshot.write_part(stories_table(documents, run_id, when), documents_table(documents, run_id, when))
    snapshot.publish()
    return snapshot


def test_tables_follow_the_declared_schema() -> None:
    documents = [_document("a.txt", ["One two three.", "Four five."])]
    stories = stories_table(documents, "run", NOW)
    assert stories.schema == STORIES_SCHEMA
    assert stories.column("word_count").to_pylist() == [3, 2]
    assert stories.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert documents_table(documents, "run", NOW).schema == DOCUMENTS_SCHEMA
    assert documents_table(documents, "run", NOW).column("removed_lines").to_pylist() == [
        [{"line": 1, "text": "Menu", "reason": "menu-run"}]
    ]


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Hello  World\n\nAgain") == content_hash("hello world again")
    assert content_hash("Hello World") != content_hash("Hello Word")


def test_published_snapshot_reads_with_pandas_pyarrow_and_duckdb(tmp_path: Path) -> None:
    _publish(tmp_path, "run-1", [_document("a.txt", ["Body one.", "Body two."]), _document("b.txt", [])])
    frame = pd.read_parquet(tmp_path / "stories")
    assert sorted(frame["text"]) == ["Body one.", "Body two."]
    assert str(frame["published_at"].dt.tz) == "UTC"
    assert ds.dataset(tmp_path / "documents", format="parquet").count_rows() == 2
    count = (
        duckdb.connect().execute(f"select count(*) from read_parquet('{tmp_path}/stories/*.parquet')").fetchall()[0][0]
    )
    assert count == 2


def test_a_new_run_replaces_the_old_one_whole(tmp_path: Path) -> None:
    _publish(tmp_path, "run-1", [_document("a.txt", ["Old body."])])
    _publish(tmp_path, "run-2", [_document("a.txt", ["New body.", "Second."])], datetime(2025, 11, 2, tzinfo=UTC))
    frame = pd.read_parquet(tmp_path / "stories")
    assert sorted(frame["text"]) == ["New body.", "Second."]
    assert set(frame["run_id"]) == {"run-2"}


def test_staging_is_invisible_until_published(tmp_path: Path) -> None:
    _publish(tmp_path, "run-1", [_document("a.txt", ["Old body."])])
    pending = Snapshot(tmp_path, "run-2", datetime(2025, 11, 2, tzinfo=UTC))
    pending.begin()
    pending.write_part(stories_table([_document("a.txt", ["New."])], "run-2", NOW), documents_table([], "run-2", NOW))
    # A run killed here leaves the previous result readable, unchanged.
    assert pd.read_parquet(tmp_path / "stories")["text"].tolist() == ["Old body."]
    # The next run clears the abandoned staging folder.
    _publish(tmp_path, "run-3", [_document("a.txt", ["Newest."])], datetime(2025, 11, 3, tzinfo=UTC))
    assert not list((tmp_path / "snapshots").glob(".staging-*"))
    assert pd.read_parquet(tmp_path / "stories")["text"].tolist() == ["Newest."]


def test_only_the_last_snapshots_are_kept(tmp_path: Path) -> None:
    for day in range(1, KEEP_SNAPSHOTS + 3):
        _publish(tmp_path, f"run-{day}", [_document("a.txt", [f"Day {day}."])], datetime(2025, 11, day, tzinfo=UTC))
    kept = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
    assert len(kept) == KEEP_SNAPSHOTS
    assert (tmp_path / "current").resolve().name == kept[-1]
    oldest = pd.read_parquet(tmp_path / "snapshots" / kept[0] / "stories")
    assert oldest["text"].tolist() == [f"Day {3}."]


def test_refuses_to_replace_a_real_folder(tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    with pytest.raises(FileExistsError):
        _publish(tmp_path, "run-1", [_document("a.txt", ["Body."])])


def test_the_current_snapshot_is_never_pruned(tmp_path: Path) -> None:
    for day in range(KEEP_SNAPSHOTS + 2, 1, -1):  # published newest-named first: the last one sorts oldest
        _publish(tmp_path, f"run-{day}", [_document("a.txt", [f"Day {day}."])], datetime(2025, 11, day, tzinfo=UTC))
    assert pd.read_parquet(tmp_path / "stories")["text"].tolist() == ["Day 2."]


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    from tasks.write import OutputBusyError, output_lock

    busy = pytest.raises(OutputBusyError, match=r"another newsprep run \(pid \d+\) is writing to")
    with output_lock(tmp_path), busy, output_lock(tmp_path, wait_seconds=0.6):
        pass
    with output_lock(tmp_path):  # released: the next run goes ahead
        pass
