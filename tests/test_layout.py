"""The Parquet layout engines need: small parts merged, row groups of a sensible size, and a full disk that
leaves the published snapshot as it was."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsprep.flows.ingest import ingest
from newsprep.tasks.models import Document, Story
from newsprep.tasks.write import Snapshot, documents_table, stories_table

NOW = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)


def _documents(count: int, start: int = 0) -> list[Document]:
    documents = []
    for n in range(start, start + count):
        document = Document(document_id=f"id-{n}", source_path=f"p{n}.txt", size_bytes=10, sha256="0" * 64)
        document.raw_text = f"Story {n}\n" + "A sentence of the story, long enough to weigh something. " * 20
        story = Story(story_index=0, lines=[], text=document.raw_text, title=f"Story {n}", language="en")
        document.stories = [story]
        documents.append(document)
    return documents


def _rows(folder: Path) -> list[str]:
    return sorted(ds.dataset(folder, format="parquet").to_table(columns=["document_id"]).column(0).to_pylist())


def test_small_parts_are_merged_in_order_and_big_ones_left_alone(tmp_path: Path, monkeypatch) -> None:
    snapshot = Snapshot(tmp_path, "run", NOW)
    snapshot.begin()
    for batch in range(6):
        documents = _documents(5, start=5 * batch)
        snapshot.write_part(
            f"part-{batch:05d}", stories_table(documents, "run", NOW), documents_table(documents, "run", NOW)
        )
    big = max(part.stat().st_size for part in (snapshot.staging / "documents").iterdir())
    monkeypatch.setattr("newsprep.tasks.write.PART_BYTES", big * 9 // 2)  # a quarter of it is above any part: all small
    published = snapshot.publish()
    for dataset in ("documents", "stories"):
        parts = sorted((published / dataset).iterdir())
        assert len(parts) == 2  # 6 parts, at most 4 to a merged part (PART_BYTES): 2 parts, same rows
        assert _rows(published / dataset) == sorted(f"id-{n}" for n in range(30))
    first = pq.read_table(sorted((published / "documents").iterdir())[0], columns=["document_id"]).column(0)
    assert first.to_pylist() == [f"id-{n}" for n in range(20)]  # in the order of the parts' names

    again = Snapshot(tmp_path, "run2", NOW.replace(hour=13))
    again.begin()
    monkeypatch.setattr("newsprep.tasks.write.PART_BYTES", 4)  # now every part is big: nothing is merged
    assert again.carry_over({f"id-{n}" for n in range(30)}) == 30
    assert again.compact() == 0


def test_row_groups_hold_about_row_group_bytes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("newsprep.tasks.write.ROW_GROUP_BYTES", 20_000)
    documents = _documents(40)
    snapshot = Snapshot(tmp_path, "run", NOW)
    snapshot.begin()
    snapshot.write_part("part-00000", stories_table(documents, "run", NOW), documents_table(documents, "run", NOW))
    published = snapshot.publish()
    metadata = pq.read_metadata(published / "documents" / "part-00000.parquet")
    assert metadata.num_rows == 40 and metadata.num_row_groups > 2  # not one group of the whole part
    sizes = [metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups)]
    assert max(sizes) < 4 * 20_000


def test_an_incremental_run_merges_its_small_parts_with_the_carried_ones(
    prefect_server, seeds_dir: Path, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir, pages)
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=1, reference_time=REFERENCE)
    assert len(list((output / "current" / "documents").iterdir())) == 1  # five batches of one file, merged
    changed = sorted(pages.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence of the article, added later.\n")
    ingest(input_dir=pages, output_dir=output, batch_size=1, reference_time=REFERENCE)
    for dataset in ("documents", "stories"):
        assert len(list((output / "current" / dataset).iterdir())) == 1
    assert len(_rows(output / "documents")) == 5 and len(_rows(output / "stories")) == 6


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MB tmpfs (needs root, as in CI; skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_fails_the_run_and_leaves_the_published_snapshot(
    prefect_server, seeds_dir: Path, tmp_path: Path, small_disk: Path
) -> None:
    pages = tmp_path / "pages"
    shutil.copytree(seeds_dir, pages)
    output = small_disk / "out"
    ingest(input_dir=pages, output_dir=output, reference_time=REFERENCE)
    before = sorted(ds.dataset(output / "stories", format="parquet").to_table().column("text").to_pylist())
    published = (output / "current").resolve()
    # The disk fills up (another program's file), and every page changed: the new parts cannot be written.
    filler = small_disk / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    for page in pages.iterdir():
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence of the article, added later.\n")
    with pytest.raises(OSError, match="No space left"):
        ingest(input_dir=pages, output_dir=output, reference_time=REFERENCE)
    assert (output / "current").resolve() == published  # readers still get the last whole snapshot
    after = sorted(ds.dataset(output / "stories", format="parquet").to_table().column("text").to_pylist())
    assert after == before
    # Space again: the next run clears the failed run's staging folder and publishes.
    filler.unlink()
    summary = ingest(input_dir=pages, output_dir=output, reference_time=REFERENCE)
    assert summary["changed"] == 5
    assert not list((output / "snapshots").glob(".staging-*"))
