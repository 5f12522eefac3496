from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsprep.flows.ingest import ingest
from newsprep.tasks.fields import content_hash
from newsprep.tasks.models import Document, Line, Story
from newsprep.tasks.outcome import flag_no_article
from newsprep.tasks.write import (
    DOCUMENTS_SCHEMA,
    KEEP_SNAPSHOTS,
    PIPELINE_VERSION,
    STORIES_SCHEMA,
    Snapshot,
    conform,
    documents_table,
    published_documents,
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
    snapshot.write_part("part-00000", stories_table(documents, run_id, when), documents_table(documents, run_id, when))
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
    pending.write_part(
        "part-00000", stories_table([_document("a.txt", ["New."])], "run-2", NOW), documents_table([], "run-2", NOW)
    )
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


def test_pruning_leaves_what_newsprep_did_not_name(tmp_path: Path) -> None:
    (tmp_path / "snapshots").mkdir()
    for stranger in ("0-backup", "notes", "20250101-export"):  # a person's folders, sorting before ours
        (tmp_path / "snapshots" / stranger).mkdir()
        (tmp_path / "snapshots" / stranger / "keep.txt").write_text("mine")
    for day in range(1, KEEP_SNAPSHOTS + 3):
        _publish(tmp_path, f"run-{day}", [_document("a.txt", [f"Day {day}."])], datetime(2025, 11, day, tzinfo=UTC))
    names = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
    assert {"0-backup", "notes", "20250101-export"} <= set(names)
    assert len(names) == 3 + KEEP_SNAPSHOTS


def test_refuses_to_replace_a_real_folder(tmp_path: Path) -> None:
    (tmp_path / "stories").mkdir()
    with pytest.raises(FileExistsError):
        _publish(tmp_path, "run-1", [_document("a.txt", ["Body."])])


def test_the_current_snapshot_is_never_pruned(tmp_path: Path) -> None:
    for day in range(KEEP_SNAPSHOTS + 2, 1, -1):  # published newest-named first: the last one sorts oldest
        _publish(tmp_path, f"run-{day}", [_document("a.txt", [f"Day {day}."])], datetime(2025, 11, day, tzinfo=UTC))
    assert pd.read_parquet(tmp_path / "stories")["text"].tolist() == ["Day 2."]


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    from newsprep.tasks.write import OutputBusyError, output_lock

    holder = (
        "import sys, time; from newsprep.tasks.write import output_lock\n"
        "with output_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", holder, str(tmp_path)], cwd=Path(__file__).parents[1], stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline().strip() == "held"
        busy = pytest.raises(
            OutputBusyError, match=r"another newsprep run \(pid \d+, since [\d-]+ [\d:]+ \w+\) is writing to"
        )
        started = time.monotonic()
        with busy, output_lock(tmp_path, wait_seconds=0.6):
            pass
        assert time.monotonic() - started >= 0.5  # it waited as long as it was told
    finally:
        other.kill()
        other.wait()
    with output_lock(tmp_path):  # released when its holder died: the next run goes ahead
        pass


# The previous version's output: the current schema without these columns (all nullable, as every column added
# from now on must be). Rows carried over from such a folder read them as null.
OLD_MISSING = {"stories": ["title", "date_precision"], "documents": ["encoding"]}
REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)


def _rewrite_without(snapshot: Path, missing: dict[str, list[str]]) -> None:
    """Rewrite every part of a published snapshot as a previous version (without `missing`) would have."""
    for dataset, columns in missing.items():
        for part in (snapshot / dataset).glob("*.parquet"):
            pq.write_table(pq.read_table(part).drop_columns(columns), part, compression="zstd")


def test_carry_over_from_an_older_snapshot_fills_new_columns_with_nulls_and_drops_removed_ones(tmp_path: Path) -> None:
    _publish(tmp_path, "run-1", [_document("a.txt", ["Old one.", "Old two."]), _document("b.txt", ["Old b."])])
    _rewrite_without(tmp_path / "current", OLD_MISSING)
    for part in (tmp_path / "current").glob("*/*.parquet"):  # and a column this version no longer writes
        table = pq.read_table(part)
        pq.write_table(table.append_column("obsolete", pa.array(["x"] * table.num_rows)), part)
    # The published documents still read from the older snapshot.
    assert {path: row[:2] for path, row in published_documents(tmp_path).items()} == {
        "sub/a.txt": ("id-a.txt", PIPELINE_VERSION),
        "sub/b.txt": ("id-b.txt", PIPELINE_VERSION),
    }

    later = datetime(2025, 11, 2, tzinfo=UTC)
    snapshot = Snapshot(tmp_path, "run-2", later)
    snapshot.begin()
    assert snapshot.carry_over({"id-a.txt"}) == 1
    processed = _document("b.txt", ["New b."])
    processed.encoding = "utf-8"
    snapshot.write_documents(0, [processed], "run-2", later)
    snapshot.publish()

    for dataset, schema in (("stories", STORIES_SCHEMA), ("documents", DOCUMENTS_SCHEMA)):
        for part in (tmp_path / dataset).glob("*.parquet"):
            assert pq.read_schema(part).remove_metadata() == schema
    stories = {row["text"]: row for row in ds.dataset(tmp_path / "stories", format="parquet").to_table().to_pylist()}
    assert {text: row["title"] for text, row in stories.items()} == {
        "Old one.": None,
        "Old two.": None,
        "New b.": "Title 0",
    }
    assert {text: row["run_id"] for text, row in stories.items()} == {
        "Old one.": "run-1",
        "Old two.": "run-1",
        "New b.": "run-2",
    }
    assert "obsolete" not in stories["Old one."]
    assert stories["Old one."]["authors"] == ["A. Writer"]  # the rest carried over as it was
    documents = ds.dataset(tmp_path / "documents", format="parquet").to_table().to_pylist()
    assert {(d["source_path"], d["run_id"], d["encoding"]) for d in documents} == {
        ("sub/a.txt", "run-1", None),
        ("sub/b.txt", "run-2", "utf-8"),
    }


def test_a_carried_over_no_article_row_keeps_its_status_and_reason(tmp_path: Path) -> None:
    furniture = flag_no_article([_document("n.txt", [])])[0]  # its one line removed as a menu, no story
    assert (furniture.status, furniture.error) == ("no-article", "no-article: the only line removed (menu-run 1)")
    _publish(tmp_path, "run-1", [furniture, _document("a.txt", ["Old a."])])
    before = {row["source_path"]: row for row in pq.read_table(tmp_path / "documents").to_pylist()}
    _rewrite_without(tmp_path / "current", OLD_MISSING)  # and conformed from an older snapshot's columns

    later = datetime(2025, 11, 2, tzinfo=UTC)
    snapshot = Snapshot(tmp_path, "run-2", later)
    snapshot.begin()
    assert snapshot.carry_over({"id-n.txt"}) == 1
    snapshot.write_documents(0, [_document("a.txt", ["New a."])], "run-2", later)
    snapshot.publish()

    after = {row["source_path"]: row for row in pq.read_table(tmp_path / "documents").to_pylist()}
    assert after["sub/n.txt"] == before["sub/n.txt"]  # status, error, story_count 0, run_id: all as written
    processed = after["sub/a.txt"]
    assert (processed["status"], processed["error"], processed["run_id"]) == ("ok", None, "run-2")
    assert set(pd.read_parquet(tmp_path / "stories").source_path) == {"sub/a.txt"}


def test_a_required_column_missing_from_an_older_snapshot_is_refused_clearly() -> None:
    table = stories_table([_document("a.txt", ["Body."])], "run-1", NOW).drop_columns(["text", "title"])
    with pytest.raises(ValueError, match=r"the previous snapshot has no text column, which cannot be null"):
        conform(table, STORIES_SCHEMA)


def test_a_run_over_an_output_folder_of_the_previous_schema_works(
    prefect_server, seeds_dir: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(seeds_dir, inputs)
    old = tmp_path / "old"
    first = ingest(input_dir=inputs, output_dir=old, reference_time=REFERENCE)
    _rewrite_without(old / "current", OLD_MISSING)
    assert "title" not in pq.read_schema(next((old / "stories").glob("*.parquet"))).names
    before = pd.read_parquet(old / "stories").set_index("story_id")
    # Since then: one file edited (a blank line more), one gone, three unchanged.
    edited, gone = inputs / "000_f979448debb8ed49.txt", inputs / "004_1a380d8a8bd6560f.txt"
    edited.write_bytes(edited.read_bytes() + b"\n")
    gone.unlink()

    for full in (False, True):
        output = tmp_path / f"full-{full}"
        shutil.copytree(old, output, symlinks=True)
        summary = ingest(input_dir=inputs, output_dir=output, reference_time=REFERENCE, full=full)

        assert (summary["changed"], summary["unchanged"], summary["disappeared"]) == ((4, 0, 1) if full else (1, 3, 1))
        for dataset, schema in (("stories", STORIES_SCHEMA), ("documents", DOCUMENTS_SCHEMA)):
            for part in (output / dataset).glob("*.parquet"):
                assert pq.read_schema(part).remove_metadata() == schema
        stories = pd.read_parquet(output / "stories")
        documents = pd.read_parquet(output / "documents")
        carried_paths = {gone.name} if full else {p.name for p in inputs.iterdir() if p != edited} | {gone.name}
        carried = stories[stories.run_id == first["run_id"]]
        processed = stories[stories.run_id == summary["run_id"]]
        assert set(carried.source_path) == carried_paths
        assert set(processed.source_path) == {p.name for p in inputs.iterdir()} - carried_paths
        assert carried[OLD_MISSING["stories"]].isna().all().all()
        # The carried rows are otherwise those of the old folder, unchanged.
        assert carried.set_index("story_id").text.to_dict() == before.text[carried.story_id].to_dict()
        assert processed.title.notna().all() and processed.date_precision.notna().any()
        old_documents = documents[documents.run_id == first["run_id"]]
        assert set(old_documents.source_path) == carried_paths
        assert old_documents.encoding.isna().all()
        assert (documents[documents.run_id == summary["run_id"]].encoding == "utf-8").all()


def test_a_stale_staging_folder_goes_before_the_next_run_writes(tmp_path: Path) -> None:
    # A run that failed (a full disk) left its staging folder; the next run must not need room for both.
    _publish(tmp_path, "run-1", [_document("a.txt", ["Old body."])])
    stale = Snapshot(tmp_path, "run-2", datetime(2025, 11, 2, tzinfo=UTC))
    stale.begin()
    (stale.staging / "stories" / "big.parquet").write_bytes(b"\0" * 1024)
    fresh = Snapshot(tmp_path, "run-3", datetime(2025, 11, 3, tzinfo=UTC))
    fresh.begin()
    assert not stale.staging.exists() and fresh.staging.is_dir()


_WITHOUT_FCNTL = """
import os, sys, types
sys.modules["fcntl"] = None  # as on Windows: importing it fails
held = {}  # (file, offset) -> descriptor: msvcrt's byte-range locks, between the descriptors of this process
fake = types.ModuleType("msvcrt")
fake.LK_NBLCK, fake.LK_UNLCK = 2, 0
def locking(fd, mode, nbytes):
    key = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
    if mode == fake.LK_UNLCK:
        del held[key]
    elif held.setdefault(key, fd) != fd:
        raise PermissionError(13, "Permission denied")
fake.locking = locking
sys.modules["msvcrt"] = fake
from pathlib import Path
from newsprep.tasks.write import OutputBusyError, output_busy, output_lock
out = Path(sys.argv[1])
import newsprep.tasks.write as write
with output_lock(out):
    assert output_busy(out).startswith("another newsprep run (pid ")
    with open(out / write.LOCK_FILE) as other:  # another process's attempt: another descriptor
        if write._try_lock(other):
            raise SystemExit("a second lock was granted")
assert output_busy(out) is None
with output_lock(out):  # released: taken again
    pass
print("ok")
"""


def test_the_output_lock_works_where_there_is_no_fcntl(tmp_path: Path) -> None:
    """Windows has no fcntl: the module must still import, and lock with msvcrt (emulated here)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_FCNTL, str(tmp_path / "out")],
        cwd=Path(__file__).parents[1],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_output_lock_is_re_entrant_within_a_process_only(tmp_path: Path) -> None:
    """The CLI holds the output before Prefect starts and the flow it runs takes it again: that must not block,
    while another process is still refused."""
    import subprocess
    import sys

    from newsprep.tasks.write import output_lock

    probe = "import sys; from newsprep.tasks.write import output_busy; print(output_busy(sys.argv[1]) is not None)"
    with output_lock(tmp_path) as outer_wait, output_lock(tmp_path, wait_seconds=0) as inner_wait:
        assert (outer_wait, inner_wait) == (pytest.approx(0, abs=0.5), 0.0)
        other = subprocess.run(
            [sys.executable, "-c", probe, str(tmp_path)], cwd=Path(__file__).parents[1], capture_output=True, text=True
        )
        assert other.stdout.strip() == "True", other.stderr
    after = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], cwd=Path(__file__).parents[1], capture_output=True, text=True
    )
    assert after.stdout.strip() == "False", after.stderr  # both blocks left: released
