"""Ctrl-C, SIGTERM and SIGKILL: a run stops within seconds, says so in one line, leaves the published snapshot as
it was, and leaves no process behind (the Prefect server it started, the Dask workers)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pyarrow.dataset as ds
import pytest

ROOT = Path(__file__).resolve().parents[1]
LINE = "newsprep: interrupted; the previous snapshot is untouched"


@pytest.fixture(scope="module")
def pages(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough pages for a run of several seconds: the seeds 60 times over, each copy a little different."""
    folder = tmp_path_factory.mktemp("pages")
    for copy in range(60):
        for seed in seeds_dir.iterdir():
            text = seed.read_text(encoding="utf-8")
            (folder / f"{copy:02d}-{seed.name}").write_text(f"{text}\nCopy {copy} of the page, kept apart.\n")
    return folder


def _start(pages: Path, output: Path, env: dict, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "newsprep.flows.cli", "ingest", str(pages), "--output", str(output)]
    return subprocess.Popen(
        [*command, "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives a command
    )


def _wait_for_batches(output: Path, process: subprocess.Popen) -> list[psutil.Process]:
    """Wait until the run is processing (its staging folder holds a written part); the whole process tree."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if any((output / "snapshots").glob(".staging-*/documents/*.parquet")):
            break
        time.sleep(0.2)
    assert process.poll() is None, process.communicate()
    tree = psutil.Process(process.pid)
    return [tree, *tree.children(recursive=True)]


def _alive(processes: list[psutil.Process]) -> list[str]:
    time.sleep(2)
    return [" ".join(p.cmdline())[:100] for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def _published(output: Path) -> tuple[Path, int]:
    return (output / "current").resolve(), ds.dataset(output / "stories", format="parquet").count_rows()


@pytest.mark.parametrize(("sent", "code", "workers"), [("SIGINT", 130, 2), ("SIGTERM", 143, 1)])
def test_a_signal_stops_the_run_in_seconds_with_one_line(
    pages: Path, seeds_dir: Path, tmp_path: Path, prefect_env: dict, sent: str, code: int, workers: int
) -> None:
    output = tmp_path / "out"
    first = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsprep.flows.cli",
            "ingest",
            str(seeds_dir),
            "--output",
            str(output),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=prefect_env,
        capture_output=True,
    )
    assert first.returncode == 0, first.stderr
    before = _published(output)
    run = _start(pages, output, prefect_env, workers)
    tree = _wait_for_batches(output, run)
    stopped = time.monotonic()
    os.killpg(run.pid, getattr(signal, sent))  # the whole group, as a terminal's Ctrl-C or systemd does
    _, stderr = run.communicate(timeout=60)
    assert time.monotonic() - stopped < 15
    assert run.returncode == code
    assert stderr.strip().splitlines()[-1] == LINE
    if sent == "SIGINT":
        assert stderr.strip() == LINE  # nothing else: no traceback, no log lines
    assert _alive(tree) == []
    assert _published(output) == before


def test_a_run_killed_outright_leaves_no_server_or_worker_behind(
    pages: Path, tmp_path: Path, prefect_env: dict
) -> None:
    output = tmp_path / "out"
    run = _start(pages, output, prefect_env, workers=2)
    tree = _wait_for_batches(output, run)
    assert any("uvicorn" in " ".join(p.cmdline()) for p in tree)  # the temporary server is one of them
    run.kill()  # SIGKILL to the CLI alone: no handler runs
    run.communicate(timeout=30)
    assert _alive(tree[1:]) == []


def test_a_signal_handled_inside_a_finalizer_still_stops_the_block() -> None:
    # A signal that arrives while the garbage collector runs is handled in the next finalizer, which swallows what
    # the handler raises: it must be delivered again, not lost (the run went on to the end, exit status 0).
    from newsprep.flows.server import Interrupted, stop_on_signals

    class Finalized:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGTERM)
            self.handled_here = True  # the handler runs at the next instruction: inside the finalizer

    with pytest.raises(Interrupted) as caught, stop_on_signals():
        Finalized()  # dropped at once: its __del__ runs here
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.01)
    assert caught.value.code == 143
