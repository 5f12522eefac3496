"""The flow on a Dask cluster: a local one of two worker processes, and one started apart (`dask scheduler`, `dask
worker`) on 127.0.0.1, as a user would start one on other machines. Either gives the output one process gives."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsprep.flows.ingest import ingest

REFERENCE = datetime(2025, 11, 20, 12, 0, tzinfo=UTC)
RUN_COLUMNS = {"run_id", "ingested_at"}  # differ from run to run by nature
DASK = Path(sys.executable).parent / "dask"
_THIS_PROCESS = f"{socket.gethostname()}:{os.getpid()}"


def _rows(output: Path, dataset: str) -> list[dict]:
    table = ds.dataset(output / dataset, format="parquet").to_table()
    rows = [{k: v for k, v in row.items() if k not in RUN_COLUMNS} for row in table.to_pylist()]
    return sorted(rows, key=lambda row: (row["source_path"], row.get("story_index") or 0))


@pytest.fixture(scope="module")
def pages(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds three times over in sub-folders, and a page without an article: several batches of two."""
    folder = tmp_path_factory.mktemp("pages")
    for copy in range(3):
        (folder / f"site-{copy}").mkdir()
        for seed in seeds_dir.iterdir():
            (folder / f"site-{copy}" / seed.name).write_bytes(seed.read_bytes())
    (folder / "menu-only.txt").write_text("Home\nWorld\nSport\n© 2025 Example News\n")
    return folder


@pytest.fixture(scope="module")
def one_process(prefect_server, pages: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("one-process")
    summary = ingest(input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE, workers=1)
    assert summary["processed"] == 16 and summary["stories"] == 18
    assert summary["processes"] == [_THIS_PROCESS]
    return output


def test_two_local_workers_give_the_same_output(prefect_server, pages: Path, one_process: Path, tmp_path: Path):
    summary = ingest(input_dir=pages, output_dir=tmp_path, batch_size=2, reference_time=REFERENCE, workers=2)
    assert (summary["processed"], summary["stories"]) == (16, 18)
    assert summary["status_counts"] == {"ok": 15, "no-article": 1}
    assert len(summary["processes"]) == 2 and _THIS_PROCESS not in summary["processes"]
    for dataset in ("stories", "documents"):
        assert _rows(tmp_path, dataset) == _rows(one_process, dataset)
    # the same files (named by their batch, merged in name order), whichever worker wrote them
    assert _parts(tmp_path) == _parts(one_process)
    assert not list((tmp_path / "snapshots").glob(".staging-*"))  # the context file left with the staging folder


def _parts(output: Path) -> list[tuple[str, list[str]]]:
    """Each documents part's name (without the run's start) and the documents in it, in order."""
    parts = sorted((output / "documents").iterdir())
    return [(p.name.split("-", 2)[2], ds.dataset(p).to_table().column("document_id").to_pylist()) for p in parts]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_dask_cluster_started_apart_gives_the_same_output(
    prefect_server, pages: Path, one_process: Path, tmp_path: Path
) -> None:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = (tmp_path / "dask.log").open("w")
    scheduler = subprocess.Popen(
        [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [str(DASK), "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:  # the scheduler takes a moment to listen
            try:
                with Client(address, timeout=5) as client:
                    client.wait_for_workers(1, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        output = tmp_path / "out"
        summary = ingest(
            input_dir=pages, output_dir=output, batch_size=2, reference_time=REFERENCE, dask_address=address
        )
        assert (summary["processed"], summary["stories"]) == (16, 18)
        assert len(summary["processes"]) == 1 and _THIS_PROCESS not in summary["processes"]
        for dataset in ("stories", "documents"):
            assert _rows(output, dataset) == _rows(one_process, dataset)
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            process.wait(timeout=30)
        logs.close()
