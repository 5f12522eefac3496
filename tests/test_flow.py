"""The ingest flow end to end: real Prefect runs (isolated server), real Parquet read back."""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from prefect.artifacts import Artifact

from newsprep.flows.ingest import ingest
from newsprep.tasks.write import DOCUMENTS_SCHEMA, STORIES_SCHEMA

REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)

SEED_TITLES = {
    ("000_f979448debb8ed49.txt", 0): "Imran Khan’s party rejects Pakistani PM’s offer to relaunch reconciliation talks",
    ("000_f979448debb8ed49.txt", 1): (
        "UN agencies report spike in Afghan arrests as nearly two million return from Pakistan"
    ),
    ("001_a49346cb3bb443b3.txt", 0): "Backchannel talks between the government and PTI suspended",
    ("002_58cc7fd1e5a7fec3.txt", 0): (
        "Imran Khan rejects renewed dialogue with Pak govt, his party chooses mass mobilisation over "
        "negotiations: Report"
    ),
    ("003_4e7f7cca4277a58b.txt", 0): "Pakistan’s PM Says Peace Talks Underway With Pakistani Taliban",
    ("004_1a380d8a8bd6560f.txt", 0): (
        "Pakistan Rejects Taliban’s Misleading Claim Over Istanbul Talks, Clarifies Position on Deportation Offer"
    ),
}

FURNITURE = ["Follow", "Story highlights", "Trending Stories", "Related Articles", "Add WION as a Preferred Source"]


@pytest.fixture(scope="module")
def seeds_run(prefect_server, seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    output = tmp_path_factory.mktemp("seeds-output")
    summary = ingest(input_dir=seeds_dir, output_dir=output, batch_size=2, reference_time=REFERENCE)
    return summary, output


def _stories(output: Path) -> pd.DataFrame:
    return pd.read_parquet(output / "stories").sort_values(["source_path", "story_index"]).reset_index(drop=True)


def test_seeds_give_six_stories_with_their_headlines(seeds_run) -> None:
    summary, output = seeds_run
    stories = _stories(output)
    assert summary["files"] == 5 and summary["stories"] == 6
    assert dict(zip(zip(stories.source_path, stories.story_index, strict=True), stories.title, strict=True)) == (
        SEED_TITLES
    )
    assert set(stories.language) == {"en"}
    assert stories.story_id.is_unique


def test_seed_bodies_run_from_first_to_last_sentence_without_furniture(seeds_run) -> None:
    stories = _stories(seeds_run[1])
    first = stories.iloc[0].text
    assert first.startswith("ISLAMABAD: The Pakistan Tehreek-e-Insaf (PTI) party of jailed former prime minister")
    assert first.rstrip().endswith("hold protests across the country.")
    for text in stories.text:
        paragraphs = text.split("\n\n")
        for furniture in FURNITURE:
            assert furniture not in paragraphs
        assert not any(p in SEED_TITLES.values() for p in paragraphs)
    # The body interrupted by "Trending Stories" goes on after it: one story, the closing paragraph kept.
    trending = stories[stories.source_path.str.startswith("002_")].iloc[0].text
    assert "could drag on for an extended period." in trending


def test_seed_metadata_is_what_the_pages_print(seeds_run) -> None:
    stories = _stories(seeds_run[1]).set_index(["source_path", "story_index"])
    first = stories.loc[("000_f979448debb8ed49.txt", 0)]
    assert first.published_at == pd.Timestamp("2025-01-31", tz="UTC")
    assert first.dateline == "ISLAMABAD"
    assert list(first.highlights) == [
        "Negotiations began last month to ease political tensions in Pakistan with three rounds held so far",
        "PTI says government failed to meet deadline to form judicial commissions to probe so-called violent protests",
    ]
    assert len(first.image_captions) == 1 and first.image_captions[0].endswith("(AFP/File)")
    second = stories.loc[("000_f979448debb8ed49.txt", 1)]
    assert second.highlights[0].startswith("UNHCR and IOM data show weekly spike")
    # "Updated 8 sec ago" counts back from the reference time.
    assert second.published_at.date() == REFERENCE.date()
    web_desk = stories.loc[("001_a49346cb3bb443b3.txt", 0)]
    assert list(web_desk.authors) == ["Web Desk"] and web_desk.dateline == "ISLAMABAD"
    # "Web Desk | 10 months ago": an explicit reference time wins over the clock the page prints.
    assert web_desk.published_at.date().isoformat() == "2025-01-20"
    assert list(stories.loc[("002_58cc7fd1e5a7fec3.txt", 0)].authors) == ["Jatin Verma"]
    # No other story prints a byline ("Short Url" next to the date line is a share widget, not a name).
    others = stories.drop(index=[("001_a49346cb3bb443b3.txt", 0), ("002_58cc7fd1e5a7fec3.txt", 0)])
    assert all(len(authors) == 0 for authors in others.authors)
    last = stories.loc[("004_1a380d8a8bd6560f.txt", 0)]
    assert last.published_at == pd.Timestamp("2025-11-01", tz="UTC")
    assert last.dateline == "Islamabad"


def test_documents_account_for_every_file_with_removed_lines(seeds_run, seeds_dir: Path) -> None:
    documents = pd.read_parquet(seeds_run[1] / "documents")
    assert sorted(documents.source_path) == sorted(p.name for p in seeds_dir.iterdir())
    assert set(documents.status) == {"ok"}
    assert documents.set_index("source_path").story_count.to_dict()["000_f979448debb8ed49.txt"] == 2
    removed = documents.set_index("source_path").removed_lines["004_1a380d8a8bd6560f.txt"]
    reasons = {item["text"]: item["reason"] for item in removed}
    assert "Related Articles" in reasons
    assert all(item["reason"] for item in removed)


def test_parquet_schema_is_the_declared_one(seeds_run) -> None:
    output = seeds_run[1]
    assert pq.read_schema(next((output / "stories").glob("*.parquet"))).remove_metadata() == STORIES_SCHEMA
    assert pq.read_schema(next((output / "documents").glob("*.parquet"))).remove_metadata() == DOCUMENTS_SCHEMA


def test_running_again_gives_the_same_stories_and_no_duplicates(prefect_server, seeds_run, seeds_dir: Path) -> None:
    summary, output = seeds_run
    before = _stories(output)
    second = ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE)
    after = _stories(output)
    # Unchanged input: nothing processed, the rows carried over as they were (their run_id included).
    assert (second["unchanged"], second["processed"]) == (5, 0)
    assert after.equals(before)
    # --full processes everything again: the same stories, no duplicates, the new run's id.
    third = ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE, full=True)
    again = _stories(output)
    assert (third["changed"], third["processed"]) == (5, 5)
    assert len(again) == len(before) == 6
    assert again.story_id.tolist() == before.story_id.tolist()
    assert again.content_sha256.tolist() == before.content_sha256.tolist()
    assert set(again.run_id) == {third["run_id"]} != {summary["run_id"]}


def test_bad_inputs_are_recorded_and_the_run_succeeds(
    prefect_server, seeds_dir: Path, tmp_path: Path, furniture_only_page: str
) -> None:
    inputs = tmp_path / "in"
    (inputs / "nested").mkdir(parents=True)
    shutil.copy(seeds_dir / "001_a49346cb3bb443b3.txt", inputs / "nested" / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "furniture.txt").write_text(furniture_only_page, encoding="utf-8")  # read fine, no story in it
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    latin = "Café owners in Zürich said the naïve plan would fail, according to the façade report. " * 6
    (inputs / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (inputs / "utf16.txt").write_bytes(
        ("Die Straße in München wurde gesperrt, sagte die Polizei am Montag. " * 6).encode("utf-16")
    )
    (inputs / "huge.txt").write_bytes(b"Lorem ipsum dolor sit amet. " * (20 * 1024 * 1024 // 28 + 1))
    (inputs / ".hidden.txt").write_text("never read")
    (inputs / "picture.png").write_bytes(b"\x89PNG not ours")

    summary = ingest(input_dir=inputs, output_dir=tmp_path / "out", batch_size=3)

    documents = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_path")
    assert sorted(documents.index) == [
        "binary.txt",
        "empty.txt",
        "furniture.txt",
        "huge.txt",
        "latin1.txt",
        "nested/good.txt",
        "utf16.txt",
    ]
    assert documents.status.to_dict() == {
        "binary.txt": "rejected",
        "empty.txt": "empty",
        "furniture.txt": "no-article",
        "huge.txt": "rejected",
        "latin1.txt": "ok",
        "nested/good.txt": "ok",
        "utf16.txt": "ok",
    }
    assert "not text" in documents.error["binary.txt"]
    assert "too large" in documents.error["huge.txt"]
    assert documents.raw_text["latin1.txt"].startswith("Café owners in Zürich")
    assert documents.raw_text["utf16.txt"].startswith("Die Straße in München")
    assert documents.encoding["utf16.txt"].startswith("utf_16") or documents.encoding["utf16.txt"].startswith("utf-16")
    furniture = documents.loc["furniture.txt"]
    assert furniture.story_count == 0 and len(furniture.removed_lines) == 11
    assert furniture.error.startswith("no-article: all 11 lines removed (menu-run 6, share-widget 3, ")
    assert documents.error[documents.status == "ok"].isna().all()
    assert summary["files"] == 7
    assert summary["status_counts"] == {"ok": 3, "no-article": 1, "empty": 1, "rejected": 2}
    assert set(summary["rejected"]) == {"binary.txt", "empty.txt", "furniture.txt", "huge.txt"}
    assert summary["rejected"]["furniture.txt"] == furniture.error
    # The run's artifact in Prefect counts the processed files by status and lists the one without a story.
    artifact = Artifact.get("newsprep-ingest-summary")
    assert summary["snapshot"] in artifact.data
    assert "Processed: 7 (1 empty, 1 no-article, 3 ok, 2 rejected)" in artifact.data
    assert f"| furniture.txt | {furniture.error} |" in artifact.data
    stories = pd.read_parquet(tmp_path / "out" / "stories")
    assert "nested/good.txt" in set(stories.source_path)
    # Each file not ingested is a warning of the run in Prefect (the UI shows warnings apart from the rest).
    warnings = {log.message for log in _run_logs(summary["run_id"]) if log.level >= logging.WARNING}
    assert f"not ingested: furniture.txt: {furniture.error}" in warnings
    assert any(message.startswith("not ingested: huge.txt: rejected: too large") for message in warnings)


def _run_logs(run_id: str) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)  # the run's last lines are sent in the background
    with get_client(sync_client=True) as client:
        return client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))


def test_a_run_with_nothing_new_still_says_what_the_dataset_holds(
    prefect_server, seeds_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE)
    summary = ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE)  # nothing changed
    assert (summary["processed"], summary["stories"]) == (0, 0)
    assert (summary["dataset_stories"], summary["dataset_documents"], summary["dataset_languages"]) == (6, 5, {"en": 6})
    artifact = Artifact.get("newsprep-ingest-summary")
    assert summary["snapshot"] in artifact.data
    assert f"**Dataset now:** 6 stories from 5 files in `{output.resolve()}`" in artifact.data


def _events(wanted: dict, expect: int) -> list[dict]:
    """The server's events matching `wanted` (a /events/filter filter), once `expect` of them are there."""
    import time

    from prefect.client.orchestration import get_client

    events: list = []
    with get_client(sync_client=True) as client:
        for _ in range(40):  # events are written by the server in the background
            events = client.request("POST", "/events/filter", json={"filter": wanted, "limit": 10}).json()["events"]
            if len(events) >= expect:
                break
            time.sleep(0.5)
    return events


def test_a_published_snapshot_is_announced_as_a_prefect_event(prefect_server, seeds_dir: Path, tmp_path: Path) -> None:
    output = (tmp_path / "out").resolve()
    summary = ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE)
    wanted = {"event": {"name": ["newsprep.snapshot-published"]}, "resource": {"id": [f"newsprep.output.{output}"]}}
    events = _events(wanted, 1)
    assert len(events) == 1
    payload = events[0]["payload"]
    assert payload["snapshot"] == summary["snapshot"]
    assert (payload["stories_written"], payload["dataset_stories"], payload["dataset_documents"]) == (6, 6, 5)
    assert payload["stories_path"] == str(output / "stories")
    related = {resource["prefect.resource.id"] for resource in events[0]["related"]}
    assert f"prefect.flow-run.{summary['run_id']}" in related


def test_the_run_reports_each_phase_as_it_goes(prefect_server, seeds_dir: Path, tmp_path: Path) -> None:
    from newsprep.flows.ingest import progress_listener

    seen: list[tuple[str, int, int | None]] = []
    with progress_listener(lambda phase, done, total: seen.append((phase, done, total))):
        ingest(input_dir=seeds_dir, output_dir=tmp_path / "out", batch_size=2, reference_time=REFERENCE)
    phases = [phase for phase, _, _ in seen]
    assert phases == sorted(phases, key=["surveying", "processing", "publishing"].index)  # in the run's order
    assert seen[0] == ("surveying", 0, 5) and ("surveying", 5, 5) in seen
    processed = [(done, total) for phase, done, total in seen if phase == "processing"]
    assert processed == [(0, 5), (2, 5), (4, 5), (5, 5)]  # after every batch of two
    assert seen[-1] == ("publishing", 0, None)


def test_time_spent_waiting_for_another_run_is_counted_apart(prefect_server, seeds_dir: Path, tmp_path: Path) -> None:
    import threading
    import time

    from newsprep.tasks.write import output_lock

    output = tmp_path / "out"
    holding = threading.Event()

    def other_run() -> None:
        with output_lock(output):
            holding.set()
            time.sleep(2.0)

    thread = threading.Thread(target=other_run)
    thread.start()
    holding.wait()
    summary = ingest(input_dir=seeds_dir, output_dir=output, lock_wait_seconds=60, reference_time=REFERENCE)
    thread.join()
    assert summary["lock_wait_seconds"] >= 1.0
    assert summary["stories"] == 6


def test_the_datasets_are_prefect_assets_made_from_the_input_folder(
    prefect_server, seeds_dir: Path, tmp_path: Path
) -> None:
    output = (tmp_path / "out").resolve()
    ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE)
    summary = ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE, full=True)
    keys = [f"file://{output}/stories", f"file://{output}/documents"]
    # Every run materialises the same two assets (not the snapshot the `stories` link led to before it).
    wanted = {
        "event": {"name": ["prefect.asset.materialization.succeeded"]},
        "related": {"id": [f"prefect.flow-run.{summary['run_id']}"]},
    }
    events = _events(wanted, 2)
    assert sorted(event["resource"]["prefect.resource.id"] for event in events) == sorted(keys)
    for event in events:
        related = {resource["prefect.resource.id"] for resource in event["related"]}
        assert f"file://{seeds_dir.resolve()}" in related  # lineage: made from the input folder
        assert f"prefect.flow-run.{summary['run_id']}" in related


def test_folders_whose_paths_cannot_be_asset_keys_are_still_published(
    prefect_server, seeds_dir: Path, tmp_path: Path
) -> None:
    output = tmp_path / "news out #1"  # a space and a "#": not in a Prefect asset key
    summary = ingest(input_dir=seeds_dir, output_dir=output, reference_time=REFERENCE)
    assert summary["stories"] == 6 and len(pd.read_parquet(output / "stories")) == 6


def test_a_run_over_an_empty_folder_publishes_readable_empty_datasets(prefect_server, tmp_path: Path) -> None:
    """Readers fail on a dataset folder without a Parquet file (DuckDB "No files found", a column selection in
    pyarrow); an empty run publishes empty parts with the schema."""
    import duckdb
    import pyarrow.dataset as ds

    (tmp_path / "in").mkdir()
    output = tmp_path / "out"
    summary = ingest(input_dir=tmp_path / "in", output_dir=output)
    assert (summary["files"], summary["stories"], summary["dataset_stories"]) == (0, 0, 0)
    for dataset, schema in (("stories", STORIES_SCHEMA), ("documents", DOCUMENTS_SCHEMA)):
        count = duckdb.connect().execute(f"select count(*) from read_parquet('{output}/{dataset}/*.parquet')")
        assert count.fetchall()[0][0] == 0
        table = ds.dataset(output / dataset, format="parquet").to_table(columns=["source_path"])
        assert table.num_rows == 0
        assert list(pd.read_parquet(output / dataset).columns) == schema.names


def test_only_newsprep_s_own_process_freezes_its_heap_and_collects_less_often(
    prefect_server, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI's process (and the Dask workers') move the long-lived objects out of the garbage collector's sight
    # once warm; a Python caller's process is left as it is (frozen objects are never collected).
    import gc

    import newsprep.flows.ingest as ingest_module
    from newsprep.tasks.pipeline import YOUNG_GENERATION_ALLOCATIONS

    gc.unfreeze()
    thresholds = gc.get_threshold()
    ingest(input_dir=seeds_dir, output_dir=tmp_path / "caller", workers=1)
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds
    monkeypatch.setattr(ingest_module, "freeze_heap_when_warm", True)  # what the CLI sets
    try:
        ingest(input_dir=seeds_dir, output_dir=tmp_path / "cli", workers=1)
        assert gc.get_freeze_count() > 100_000  # Prefect, the stages and the language models
        assert gc.get_threshold() == (YOUNG_GENERATION_ALLOCATIONS, *thresholds[1:])  # collected less often
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
