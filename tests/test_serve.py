"""Scheduled, incremental runs against a real Prefect server; a run killed with SIGKILL loses nothing."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NEWSPREP = [sys.executable, "-c", "from newsprep.flows.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # noqa: BLE001 - the dataset may be between states; ask again
            value = None
        if value is not None and value is not False:
            return value
        time.sleep(every)
    pytest.fail(f"timed out waiting for {what}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _documents(output: Path) -> pd.DataFrame:
    return pd.read_parquet(output / "documents").set_index("source_path")


def test_served_flow_runs_on_schedule_and_reprocesses_only_changed_files(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**prefect_env, "PREFECT_API_URL": api, "PREFECT_SERVER_API_PORT": str(port)}
    inputs, output = tmp_path / "pages", tmp_path / "out"
    shutil.copytree(seeds_dir, inputs)
    logs = tmp_path / "logs"
    logs.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=(logs / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    served = None
    try:
        _wait_for(lambda: urllib.request.urlopen(f"{api}/health", timeout=2).status == 200, 90, "the Prefect server")
        served = subprocess.Popen(
            [
                *NEWSPREP,
                "serve",
                str(inputs),
                "--output",
                str(output),
                "--interval",
                "3",
                "--workers",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stdout=(logs / "serve.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        first = _wait_for(lambda: _documents(output) if len(_documents(output)) == 5 else None, 180, "a first run")
        first_run = set(first.run_id)
        assert len(first_run) == 1
        # A served run killed outright must not stay Running forever: serve made the automation that marks a run
        # Crashed when its heartbeats stop (once per server: serving again below does not make a second one).
        from prefect.automations import Automation
        from prefect.settings import PREFECT_API_URL, temporary_settings

        from newsprep.flows.server import UNRESPONSIVE_RUN_AUTOMATION

        with temporary_settings({PREFECT_API_URL: api}):
            automation = Automation.read(name=UNRESPONSIVE_RUN_AUTOMATION)
        assert automation.enabled and automation.trigger.posture == "Proactive"
        assert automation.trigger.within.total_seconds() == 240  # four missed heartbeats of 60 s
        with temporary_settings({PREFECT_API_URL: api}):
            from prefect.client.orchestration import get_client

            with get_client(sync_client=True) as client:
                deployment = client.read_deployment_by_name("newsprep-ingest/newsprep-schedule")
        # One run at a time across every process serving it: the next waits in Prefect's queue.
        assert deployment.global_concurrency_limit is not None
        assert deployment.global_concurrency_limit.limit == 1
        assert deployment.concurrency_options.collision_strategy == "ENQUEUE"

        changed = inputs / "003_4e7f7cca4277a58b.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA correction was appended to this story.\n")

        def reprocessed() -> pd.DataFrame | None:
            documents = _documents(output)
            return documents if documents.run_id[changed.name] not in first_run else None

        after = _wait_for(reprocessed, 180, "a run that picks up the changed file")
        others = after.drop(index=changed.name)
        assert set(others.run_id) == first_run  # unchanged files were not processed again
        assert after.sha256[changed.name] != first.sha256[changed.name]
        stories = pd.read_parquet(output / "stories")
        assert len(stories) == 6 and stories.story_id.is_unique

        # The README's commands for a run now and for watching runs, as a user types them. Serve again on a
        # yearly cron so no scheduled run is queued ahead of the hand-triggered ones.
        _stop(served)
        served = subprocess.Popen(
            [*NEWSPREP, "serve", str(inputs), "--output", str(output), "--cron", "0 0 1 1 *", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=(logs / "serve-cron.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        triggered = subprocess.run(
            [*NEWSPREP, "trigger", "--full", "--wait"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert triggered.returncode == 0, triggered.stdout + triggered.stderr
        assert "Completed" in triggered.stdout
        assert "**Dataset now:** 6 stories from 5 files" in triggered.stdout  # the run's summary, not only its state
        # Every parameter can be set; a folder outside the served ones is refused by the serving process.
        elsewhere = subprocess.run(
            [*NEWSPREP, "trigger", "--output", str(tmp_path / "elsewhere"), "--wait"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert elsewhere.returncode == 1 and "Failed" in elsewhere.stdout, elsewhere.stdout + elsewhere.stderr
        assert "the run did not complete: " in elsewhere.stderr and "outside" in elsewhere.stderr
        assert not (tmp_path / "elsewhere").exists()
        nope = subprocess.run(
            [*NEWSPREP, "trigger", "--name", "nope"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert nope.returncode == 2
        assert nope.stderr.strip() == (
            f"newsprep: error: no deployment newsprep-ingest/nope on {api}: `newsprep serve --name nope` makes it"
        )
        assert set(_documents(output).run_id).isdisjoint(set(after.run_id))  # --full re-processed every file
        by_name = subprocess.run(
            [sys.executable, "-m", "prefect", "deployment", "run", "newsprep-ingest/newsprep-schedule"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert by_name.returncode == 0, by_name.stdout + by_name.stderr
        for listing in (["flow-run", "ls"], ["deployment", "ls"]):
            # Wide enough that rich does not cut the flow's name short in its table.
            listed = subprocess.run(
                [sys.executable, "-m", "prefect", *listing],
                env={**env, "COLUMNS": "250"},
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert listed.returncode == 0, listed.stdout + listed.stderr
            assert "newsprep-ingest" in listed.stdout
        with temporary_settings({PREFECT_API_URL: api}):
            from prefect.client.orchestration import get_client

            with get_client(sync_client=True) as client:
                automations = client.read_automations_by_name(UNRESPONSIVE_RUN_AUTOMATION)
        assert len(automations) == 1
    finally:
        if served is not None:
            _stop(served)
        _stop(server)


def test_a_run_killed_during_the_write_leaves_the_dataset_whole(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    inputs, output = tmp_path / "pages", tmp_path / "out"
    inputs.mkdir()
    # 200 files, one per batch: a window of a few seconds to kill the run in (a batch is one task run of ~10-20 ms)
    for copy in range(40):
        for seed in seeds_dir.iterdir():
            shutil.copy(seed, inputs / f"{copy}-{seed.name}")
    cli = [
        *NEWSPREP,
        "ingest",
        str(inputs),
        "-o",
        str(output),
        "--batch-size",
        "1",
        "--workers",
        "1",  # killed in this process: no Dask workers left behind to finish its batches
    ]
    first = subprocess.run(cli, cwd=ROOT, env=prefect_env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = pd.read_parquet(output / "stories")

    for path in inputs.iterdir():  # every file changes: the next run rewrites everything
        path.write_text(path.read_text(encoding="utf-8") + "\nLate addition to the page.\n", encoding="utf-8")
    killed = subprocess.Popen(
        cli + ["--full"],
        cwd=ROOT,
        env=prefect_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Kill it as soon as it has written its first part file into its staging folder.
    _wait_for(
        lambda: any((output / "snapshots").glob(".staging-*/stories/part-*-00001.parquet")),
        120,
        "the run to start writing",
        every=0.02,
    )
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait()

    during = pd.read_parquet(output / "stories")
    assert during.equals(before)  # the previous snapshot, whole

    again = subprocess.run(cli, cwd=ROOT, env=prefect_env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "200 changed" in again.stdout  # the next run finishes the work
    after = pd.read_parquet(output / "stories")
    assert len(after) == 240 and after.story_id.is_unique  # 6 stories in every copy of the 5 seeds
    assert not list((output / "snapshots").glob(".staging-*"))
