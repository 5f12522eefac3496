"""A run costs in proportion to what changed: a file of the recorded size and time is not read again, the parts
holding only unchanged documents are hard-linked into the new snapshot, and --verify reads everything."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsprep.flows.ingest import ingest

REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)


def _stories(output: Path) -> list[tuple]:
    table = ds.dataset(output / "stories", format="parquet").to_table(columns=["source_path", "story_index", "title"])
    return sorted(zip(*table.to_pydict().values(), strict=True))


@pytest.fixture
def pages(seeds_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    shutil.copytree(seeds_dir, folder)
    return folder


def _documents(output: Path) -> dict[str, dict]:
    table = ds.dataset(output / "documents", format="parquet").to_table()
    return {row["source_path"]: row for row in table.to_pylist()}


def test_unchanged_parts_are_linked_not_rewritten(
    prefect_server, pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsprep.tasks.write.PART_BYTES", 4)  # every part counts as big: none is merged
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    first = {part.name: part.stat().st_ino for part in (output / "current" / "documents").iterdir()}
    # One file changes: the part holding it is rewritten, the other parts are the same files (hard links).
    changed = sorted(pages.iterdir())[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence of the article, added later.\n")
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert (summary["changed"], summary["unchanged"], summary["processed"]) == (1, 4, 1)
    second = {part.name: part.stat().st_ino for part in (output / "current" / "documents").iterdir()}
    linked = {name for name in first if second.get(name) == first[name]}
    assert len(linked) == 2  # of the three parts of two, two, one files: the third held the changed file
    assert len(_stories(output)) == 6


def test_a_file_of_the_recorded_size_and_time_is_not_read_unless_verify(
    prefect_server, pages: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    page = sorted(pages.iterdir())[0]
    stat = page.stat()
    text = page.read_bytes()
    page.write_bytes(text.replace(b"a", b"e", 1))  # same size, other bytes; then the old time put back
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    # Not read: had it been, its new bytes would have made it "changed".
    quick = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert (quick["changed"], quick["unchanged"], quick["processed"]) == (0, 5, 0)
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE, verify=True)
    assert (summary["changed"], summary["processed"]) == (1, 1)


def test_a_run_whose_learnt_state_cannot_be_saved_still_publishes(
    prefect_server, pages: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "state").write_text("a file where the state folder should be")  # the save fails: not a folder
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert summary["stories"] == 6 and len(_stories(output)) == 6
    assert "learnt site furniture could not be saved" in caplog.text


@pytest.mark.parametrize("damage", ["truncated part", "missing folder"])
def test_a_damaged_current_snapshot_is_not_built_on(prefect_server, pages: Path, tmp_path: Path, damage: str) -> None:
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)  # a whole, older snapshot
    changed = sorted(pages.iterdir())[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence of the article, added later.\n")
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    current = (output / "current").resolve()
    if damage == "truncated part":  # a disk that failed mid-write: the run's new part has no footer
        part = sorted((current / "documents").glob("*.parquet"))[-1]  # (the others are links to older parts)
        part.write_bytes(part.read_bytes()[:100])
    else:
        shutil.rmtree(current)
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert summary["warnings"] and "is damaged" in summary["warnings"][0]
    assert (summary["changed"], summary["unchanged"]) == (1, 4)  # measured against the older, whole snapshot
    assert len(_stories(output)) == 6


def test_a_file_that_cannot_be_read_for_a_moment_keeps_its_last_stories(
    prefect_server, pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    page = sorted(pages.iterdir())[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA later sentence.\n")  # changed: it must be read
    real_open = os.open

    def failing_open(path, *args, **kwargs):  # root reads any file whatever its mode: the error is injected
        if os.fspath(path) == os.fspath(page):
            raise OSError(5, "Input/output error")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", failing_open)
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    monkeypatch.undo()
    assert summary["processed"] == 0 and summary["unchanged"] == 5
    assert summary["warnings"] == [f"{page.name}: cannot read file: Input/output error; its last stories are kept"]
    assert len(_stories(output)) == 6
    documents = _documents(output)
    assert documents[page.name]["unread_because"] == "cannot read file: Input/output error"
    assert documents[page.name]["status"] == "ok"  # the row of the run that last read it
    # Readable again: the next run reads it, and the note goes.
    assert ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)["changed"] == 1
    assert {row["unread_because"] for row in _documents(output).values()} == {None}


def test_a_file_deleted_between_the_survey_and_its_batch_keeps_its_last_stories(
    prefect_server, pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    before = _stories(output)
    page = sorted(pages.iterdir())[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA later sentence.\n")  # changed: surveyed, then processed

    from newsprep.tasks import prefect_tasks

    process_files = prefect_tasks.process_files

    def deleted_first(paths: list[Path], *args, **kwargs):  # the scraper removes the file in the meantime
        page.unlink(missing_ok=True)
        return process_files(paths, *args, **kwargs)

    monkeypatch.setattr(prefect_tasks, "process_files", deleted_first)
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert (summary["changed"], summary["unchanged"], summary["processed"]) == (0, 5, 0)
    assert summary["warnings"] and summary["warnings"][0].startswith(f"{page.name}: ")
    assert _stories(output) == before  # its stories are the ones of the last run that read it
    assert "No such file" in _documents(output)[page.name]["unread_because"]


def test_a_published_file_now_refused_is_not_taken_for_unreadable(prefect_server, pages: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    page = sorted(pages.iterdir())[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA later sentence.\n" * 200)  # now above the limit below
    limit = page.stat().st_size - 1
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE, max_file_bytes=limit)
    # Read as what it is now (too large: rejected), not kept as a file unreadable for a moment.
    assert (summary["changed"], summary["warnings"]) == (1, [])
    row = _documents(output)[page.name]
    assert row["status"] == "rejected" and row["error"].startswith("too large") and row["unread_because"] is None


def test_a_file_refused_as_too_large_is_read_when_the_limit_allows_it(
    prefect_server, pages: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    page = sorted(pages.iterdir())[0]
    limit = page.stat().st_size - 1
    ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE, max_file_bytes=limit)
    assert _documents(output)[page.name]["error"].startswith("too large")
    # The same limit again: still refused, and not read again (its size and time are the recorded ones).
    again = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE, max_file_bytes=limit)
    assert (again["unchanged"], again["processed"]) == (5, 0)
    # A higher limit reads it: the file changed nothing, the run's limit did.
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE)
    assert (summary["changed"], summary["unchanged"], summary["processed"]) == (1, 4, 1)
    assert _documents(output)[page.name]["status"] == "ok"
    assert page.name in {row[0] for row in _stories(output)}
