"""The `newsprep` command, run as a user runs it: in a subprocess, through its console script."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

NEWSPREP = [sys.executable, "-c", "from newsprep.flows.cli import main; main()"]


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSPREP, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ingest_runs_and_prints_a_summary(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str], furniture_only_page: str
) -> None:
    inputs = tmp_path / "pages"
    shutil.copytree(seeds_dir, inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "furniture.txt").write_text(furniture_only_page, encoding="utf-8")  # read fine, no story in it
    result = _run(
        ["ingest", str(inputs), "--output", str(tmp_path / "out"), "--batch-size", "2"],
        prefect_env,
        Path(__file__).parents[1],
    )
    assert result.returncode == 0, result.stderr
    assert (
        "7 files (7 new, 0 changed, 0 unchanged); processed 7 (1 empty, 1 no-article, 5 ok): 6 stories" in result.stdout
    )
    # The time is the command's, Prefect's start included (and said).
    assert re.search(r": 6 stories in [\d.]+ s \(Prefect's start [\d.]+ s\)", result.stdout), result.stdout
    assert "languages: en 6" in result.stdout
    assert "not ingested: empty.txt: empty" in result.stdout
    no_article = "not ingested: furniture.txt: no-article: all 11 lines removed (menu-run 6, share-widget 3, "
    assert no_article in result.stdout
    # Prefect's own INFO lines stay out of the way without --verbose.
    assert "Finished in state" not in result.stdout + result.stderr
    assert "distributed." not in result.stdout + result.stderr  # nor the Dask cluster's (it ran on the cores here)
    assert len(pd.read_parquet(tmp_path / "out" / "stories")) == 6
    documents = pd.read_parquet(tmp_path / "out" / "documents").set_index("source_path")
    assert (documents.status["furniture.txt"], documents.story_count["furniture.txt"]) == ("no-article", 0)

    # What the output holds, for a person and for a script; a run's summary as JSON.
    status = _run(["status", str(tmp_path / "out")], prefect_env, tmp_path)
    assert status.returncode == 0, status.stderr
    assert "6 stories from 7 files; 1 snapshot kept" in status.stdout
    assert "languages: en 6" in status.stdout and "files: 5 ok, 1 empty, 1 no-article" in status.stdout
    assert "not ingested: 2 files:" in status.stdout and "    empty.txt: " in status.stdout
    as_json = json.loads(_run(["status", str(tmp_path / "out"), "--json"], prefect_env, tmp_path).stdout)
    assert (as_json["stories"], as_json["documents"], as_json["rejected_count"]) == (6, 7, 2)
    again = _run(["ingest", str(inputs), "-o", str(tmp_path / "out"), "--json"], prefect_env, tmp_path)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)  # the whole of stdout is one JSON object
    assert (summary["unchanged"], summary["processed"], summary["dataset_stories"]) == (7, 0, 6)
    assert summary["snapshot"] > as_json["snapshot"]  # a new snapshot, named later
    status_after = json.loads(_run(["status", str(tmp_path / "out"), "--json"], prefect_env, tmp_path).stdout)
    assert status_after["snapshot"] == summary["snapshot"] and status_after["stories"] == summary["dataset_stories"]


def test_missing_input_folder_is_a_one_line_error(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(["ingest", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")], prefect_env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"newsprep: error: input folder not found: {tmp_path / 'nowhere'}"]
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_a_one_line_error(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _run(["ingest", str(seeds_dir), "--output", str(blocker / "out")], prefect_env, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsprep: error: output folder is not writable:")


def test_bad_reference_time_is_rejected(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(
        ["ingest", str(seeds_dir), "-o", str(tmp_path), "--reference-time", "yesterday"], prefect_env, tmp_path
    )
    assert result.returncode == 2
    assert "--reference-time must be an ISO 8601" in result.stderr


def test_help_describes_the_commands(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    top = _run(["--help"], prefect_env, tmp_path)
    assert top.returncode == 0 and "ingest" in top.stdout
    sub = _run(["ingest", "--help"], prefect_env, tmp_path)
    assert sub.returncode == 0
    for option in ("--output", "--batch-size", "--reference-time", "--verbose"):
        assert option in sub.stdout


def test_explain_marks_every_line_with_plain_markers_when_piped(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    page = seeds_dir / "000_f979448debb8ed49.txt"
    result = _run(["explain", str(page)], prefect_env, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert "\x1b[" not in result.stdout  # no colour codes in a pipe
    assert [line.split(":")[0] for line in out if line.startswith("=== story")] == ["=== story 0", "=== story 1"]
    marked = [line for line in out if line.startswith(("+ ", "- "))]
    non_blank = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(marked) == len(non_blank)
    assert all(line.endswith("]") for line in marked if line.startswith("- "))
    assert any(line.startswith("+ ISLAMABAD: The Pakistan Tehreek-e-Insaf") for line in marked)
    assert out[-1].endswith("; 2 stories")
    one = _run(["explain", str(seeds_dir / "001_a49346cb3bb443b3.txt")], prefect_env, tmp_path)
    assert one.stdout.splitlines()[-1].endswith("; 1 story")  # not "1 stories"


def test_explain_missing_file_is_a_one_line_error(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(["explain", str(tmp_path / "nope.txt")], prefect_env, tmp_path)
    assert result.returncode == 2 and result.stderr.startswith("newsprep: error: file not found")


def test_short_help_and_version(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    for args in (["-h"], ["ingest", "-h"], ["explain", "-h"]):
        result = _run(args, prefect_env, tmp_path)
        assert result.returncode == 0 and "Usage: newsprep" in result.stdout, args
    for flag in ("--version", "-V"):
        result = _run([flag], prefect_env, tmp_path)
        assert result.returncode == 0 and result.stdout.startswith("newsprep "), result.stderr
        assert "prefect 3." in result.stdout


def test_ingest_of_a_file_says_it_reads_a_folder(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    page = seeds_dir / "000_f979448debb8ed49.txt"
    result = _run(["ingest", str(page), "-o", str(tmp_path / "out")], prefect_env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"newsprep: error: {page} is a file: ingest reads a folder of pages (`newsprep explain FILE` shows one page)"
    ]


def test_explain_says_what_is_wrong_with_its_arguments(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    folder = _run(["explain", str(seeds_dir)], prefect_env, tmp_path)
    assert folder.returncode == 2 and folder.stderr.startswith(f"newsprep: error: {seeds_dir} is a folder")
    page = seeds_dir / "000_f979448debb8ed49.txt"
    missing = _run(["explain", str(page), "--output", str(tmp_path / "nowhere")], prefect_env, tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"newsprep: error: output folder not found: {tmp_path / 'nowhere'}")


def test_explain_reads_standard_input(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    page = (seeds_dir / "000_f979448debb8ed49.txt").read_bytes()
    result = subprocess.run(
        [*NEWSPREP, "explain", "-"], input=page, env=prefect_env, cwd=tmp_path, capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "+ ISLAMABAD: The Pakistan Tehreek-e-Insaf" in out
    assert [line.split(":")[0] for line in out.splitlines() if line.startswith("=== story")] == [
        "=== story 0",
        "=== story 1",
    ]


def test_a_busy_output_fails_at_once_without_starting_prefect(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    from newsprep.tasks.write import output_lock

    output = tmp_path / "out"
    with output_lock(output):  # another run is writing
        result = _run(["ingest", str(seeds_dir), "-o", str(output)], prefect_env, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsprep: error: another newsprep run (pid "), result.stderr
    assert "see --lock-wait" in lines[0]
    assert not (Path(prefect_env["PREFECT_HOME"]) / "prefect.db").exists()  # no Prefect server was started


def test_two_runs_started_together_one_runs_the_other_is_refused_in_one_line(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    """The output is held before Prefect starts: a run started while another's server was starting passed the old
    check, started its own server, then failed with a traceback and a Failed run."""
    output = tmp_path / "out"
    command = [*NEWSPREP, "ingest", str(seeds_dir), "-o", str(output), "--workers", "1"]
    runs = [
        subprocess.Popen(
            command,
            env={**prefect_env, "PREFECT_HOME": str(tmp_path / f"home-{n}")},
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0, 2], results
    ((_, _, refused),) = [result for result in results if result[0] == 2]
    lines = refused.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsprep: error: another newsprep run (pid "), refused
    assert len(pd.read_parquet(output / "stories")) == 6


def test_a_folder_not_ours_in_the_output_fails_before_any_work(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    output = tmp_path / "out"
    (output / "stories").mkdir(parents=True)  # a user's own export, say
    result = _run(["ingest", str(seeds_dir), "-o", str(output)], prefect_env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"newsprep: error: {output} already holds stories/, which newsprep did not make (it publishes them as links "
        "to its snapshots): move it away or choose another --output"
    ]
    assert sorted(path.name for path in output.iterdir()) == ["stories"]  # nothing half-published beside it
    assert not (Path(prefect_env["PREFECT_HOME"]) / "prefect.db").exists()
    # A link of someone else's under one of newsprep's names is not taken for a damaged snapshot and replaced.
    (output / "stories").rmdir()
    (output / "current").symlink_to(tmp_path)
    result = _run(["ingest", str(seeds_dir), "-o", str(output)], prefect_env, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"newsprep: error: {output} already holds current -> {tmp_path}, which newsprep")
    assert os.readlink(output / "current") == str(tmp_path)


def test_no_telemetry_notice_in_a_terminal(seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]) -> None:
    """Prefect prints its telemetry notice at the first import in a terminal unless DO_NOT_TRACK is set."""
    import pty

    env = {k: v for k, v in prefect_env.items() if k not in ("DO_NOT_TRACK", "CI", "GITHUB_ACTIONS")}
    out = bytearray()

    def read(fd: int) -> bytes:
        data = os.read(fd, 4096)
        out.extend(data)
        return data

    pid, fd = pty.fork()
    if pid == 0:  # the child: newsprep on a terminal
        os.chdir(tmp_path)
        os.execve(sys.executable, [*NEWSPREP, "ingest", str(seeds_dir), "-o", str(tmp_path / "out")], env)
    try:
        while True:
            try:
                if not read(fd):
                    break
            except OSError:  # the terminal closed
                break
    finally:
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, out.decode(errors="replace")
    assert b"6 stories in" in out
    assert b"anonymous usage data" not in out


def test_status_of_a_folder_without_output(tmp_path: Path, prefect_env: dict[str, str]) -> None:
    result = _run(["status", str(tmp_path)], prefect_env, tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"{tmp_path}: nothing published yet"
    assert result.stderr == ""
    (tmp_path / "current").symlink_to("snapshots/gone")  # published once, and nothing of it is whole now
    damaged = _run(["status", str(tmp_path)], prefect_env, tmp_path)
    assert damaged.stdout.strip() == f"{tmp_path}: nothing published yet"
    assert damaged.stderr.startswith("warning: the current snapshot (snapshots/gone) is damaged: stories is missing")
    missing = _run(["status", str(tmp_path / "nowhere")], prefect_env, tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("newsprep: error: output folder not found")


def test_serve_and_trigger_without_a_server_say_so(
    seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    """Without PREFECT_API_URL, `serve` used to say it was serving on a temporary server that can never run a
    schedule, and `trigger` started a server of its own to find no deployment ("...: None")."""
    serve = _run(["serve", str(seeds_dir), "-o", str(tmp_path / "out"), "--interval", "60"], prefect_env, tmp_path)
    trigger = _run(["trigger"], prefect_env, tmp_path)
    for result in (serve, trigger):
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1, result.stdout + result.stderr
        assert "needs a Prefect server: start one (`prefect server start`) and set PREFECT_API_URL" in lines[0]
    port = _free_port()  # nobody listens there
    nobody = {**prefect_env, "PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    result = _run(["trigger"], nobody, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"newsprep: error: no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:{port}/api"
    )


def test_prefect_yaml_deploys_the_deployment_trigger_starts() -> None:
    import yaml

    from newsprep.flows.cli import DEPLOYMENT_NAME

    config = yaml.safe_load((Path(__file__).parents[1] / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = config["deployments"]
    assert deployment["name"] == DEPLOYMENT_NAME
    # Its folders are placeholders until edited: its schedule must not start runs that can only fail.
    assert all(schedule.get("active") is False for schedule in deployment["schedules"])
    # One run at a time, the others queued (not failed on the output lock), as `serve` sets it.
    assert deployment["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_run_tells_prefect_what_it_did_and_the_terminal_only_the_summary(
    prefect_server, seeds_dir: Path, tmp_path: Path, prefect_env: dict[str, str]
) -> None:
    """Run against the tests' Prefect server, as against a user's own, and read back through Prefect's client what
    the UI shows: the run's tags and its log lines."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.settings import PREFECT_API_URL

    env = {**prefect_env, "PREFECT_API_URL": PREFECT_API_URL.value()}
    result = _run(["ingest", str(seeds_dir), "-o", str(tmp_path / "out"), "--workers", "2", "--json"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # Prefect's INFO lines stay off the terminal
    run_id = json.loads(result.stdout)["run_id"]
    with get_client(sync_client=True) as client:
        run = client.read_flow_run(run_id)
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
    assert {"newsprep", "cli"} <= set(run.tags)
    messages = [log.message for log in logs]
    assert any("5 files processed, 6 stories written" in message for message in messages), messages
    assert any(message.startswith("stages: ") for message in messages), messages
    # One "Finished" line for the flow run, none for its task runs (the UI showed 14 such lines of 17).
    assert sum("Finished in state" in message for message in messages) == 1, messages
    assert all(log.task_run_id is None for log in logs)
