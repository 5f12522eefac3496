"""The `newsprep` command line.

Prefect reads its settings when it is imported, so this module sets the environment first (quiet logs,
no telemetry) and imports the flow only inside the commands.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsprep.tasks.read import printable

app = typer.Typer(
    help="Turn folders of scraped news pages into clean, per-story Parquet datasets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console(soft_wrap=True)  # summary lines stay whole when piped or in narrow terminals
errors = Console(stderr=True)


def _fail(message: str) -> NoReturn:
    typer.echo(f"newsprep: error: {printable(message)}", err=True)  # plain: one line, never wrapped
    raise typer.Exit(code=2)


def _configure_process(verbose: bool) -> None:
    # (No telemetry: set on importing the flows package, see flows/__init__.py.)
    # Arrow's own allocator (mimalloc) keeps the memory it freed: reading and merging the parts at publication
    # then raised the peak by ~50 MB, every batch's tables held ~30 MB more. The C library's malloc returns it.
    # Read by pyarrow when it is first imported, which is later (inherited by the workers and the fork server).
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    # A batch's "Finished in state Completed()" is no news: the flow logs what the run did (the UI showed 14 such
    # lines of 17).
    os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "WARNING")
    if not verbose:
        # The terminal shows warnings only (the summary says the rest); the run's log in Prefect keeps its INFO
        # lines (what changed, the stages, what was published).
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
        # The Dask cluster's start and stop, and the cancelled tasks of an interrupted run: a worker's failure
        # reaches the flow (and Prefect's log) as the failed task's error anyway.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")


def _check_writable(output_dir: Path) -> None:
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=output_dir, prefix=".newsprep-write-test-"):
            pass
    except OSError as exc:
        _fail(f"output folder is not writable: {output_dir} ({exc.strerror or exc})")


def _parse_reference_time(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        _fail(f"--reference-time must be an ISO 8601 date or date-time, got {value!r}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _version_text() -> str:
    try:
        own = version("newsprep")
    except PackageNotFoundError:  # run from a checkout that was not installed
        own = "(not installed)"
    try:
        prefect = version("prefect")
    except PackageNotFoundError:
        prefect = "missing"
    return f"newsprep {own} (prefect {prefect}, Python {sys.version.split()[0]})"


def _print_version(value: bool) -> None:
    if value:
        typer.echo(_version_text())
        raise typer.Exit()


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """newsprep: scraped news pages in, per-story Parquet out (orchestrated by Prefect)."""


@app.command()
def ingest(
    input_dir: Annotated[Path, typer.Argument(help="Folder of scraped pages (.txt or no extension, recursive).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where the Parquet datasets go.")] = Path("output"),
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per Prefect task run.")] = 100,
    max_file_bytes: Annotated[
        int, typer.Option(min=1, help="Files larger than this are recorded as rejected, not read.")
    ] = 10 * 1024 * 1024,
    reference_time: Annotated[
        str | None,
        typer.Option(help="ISO date-time that relative dates ('10 months ago') count back from."),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Process every file again, changed or not.")] = False,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify", help="Read and hash every file (default: one of the recorded size and time is unchanged)."
        ),
    ] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop the stories of files no longer below INPUT_DIR (default: keep).")
    ] = False,
    lock_wait: Annotated[
        float, typer.Option(min=0, help="Seconds to wait when another run is writing to the output folder.")
    ] = 0.0,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes running batches in parallel (a local Dask cluster); default: the cores."),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Run the batches on this Dask cluster (tcp://host:8786) instead of a local one."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's own log lines.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the run's summary as one JSON object (for scripts), nothing else.")
    ] = False,
) -> None:
    """Run the ingest flow once over every file below INPUT_DIR (incremental: unchanged files are skipped)."""
    started = time.monotonic()
    _configure_process(verbose)  # first: the checks below import pyarrow, which reads its allocator setting once
    _check_input_folder(input_dir)
    _check_writable(output)
    _check_output_layout(output)
    reference = _parse_reference_time(reference_time)
    from newsprep.flows.server import Interrupted, ServerStartError, stop_on_signals, temporary_server

    workers = workers or default_workers()
    try:
        with stop_on_signals(), RunProgress() as progress:
            if lock_wait:
                progress.phase("waiting for the output")
            # The output is held from here, before Prefect starts: a second run is refused at once (or waits here,
            # with no server idling), not after its own server's start. The flow takes the lock again (re-entrant).
            with _output_held(output, lock_wait) as waited, temporary_server() as server:
                summary, prefect_seconds = _start_and_run(
                    progress,
                    server,
                    started,
                    input_dir=input_dir,
                    output_dir=output,
                    batch_size=batch_size,
                    max_file_bytes=max_file_bytes,
                    reference_time=reference,
                    full=full,
                    verify=verify,
                    prune=prune,
                    lock_wait_seconds=lock_wait,
                    workers=workers,
                    dask_address=dask_address,
                )
                summary["lock_wait_seconds"] = round(waited, 2)
    except Interrupted as exc:
        typer.echo("newsprep: interrupted; the previous snapshot is untouched", err=True)
        raise typer.Exit(code=exc.code) from None
    except ServerStartError as exc:
        _fail(str(exc))
    wall_seconds = time.monotonic() - started
    if as_json:
        summary = {
            **summary,
            "wall_seconds": round(wall_seconds, 2),
            "prefect_start_seconds": round(prefect_seconds, 2),
        }
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    _print_summary(summary, wall_seconds=wall_seconds, prefect_seconds=prefect_seconds)


@contextmanager
def _output_held(output: Path, lock_wait: float) -> Iterator[float]:
    """The output folder held for this run (see tasks.write.output_lock); another run's hold is a one-line failure."""
    from newsprep.tasks.write import OutputBusyError, output_lock

    try:
        with output_lock(output, lock_wait) as waited:
            yield waited
    except OutputBusyError as exc:
        _fail(str(exc))


def _start_and_run(
    progress: RunProgress, server, started: float, *, input_dir: Path, output_dir: Path, **parameters
) -> tuple[dict, float]:
    """Wait for Prefect's server (the local workers start meanwhile) and run the flow: its summary, and the seconds
    from the command's start until Prefect answered."""
    workers, dask_address = parameters["workers"], parameters["dask_address"]
    if workers > 1 and dask_address is None:  # the workers' start beside the Prefect server's, not after it
        read_all = parameters["full"] or parameters["verify"]
        threading.Thread(
            target=_prepare_local_workers,
            args=(input_dir, output_dir, read_all, parameters["max_file_bytes"]),
            daemon=True,
        ).start()
    progress.phase("starting Prefect")
    server.wait_until_ready()
    prefect_seconds = time.monotonic() - started
    return _run_ingest(progress, input_dir=input_dir, output_dir=output_dir, **parameters), prefect_seconds


@app.command()
def status(
    output: Annotated[Path, typer.Argument(help="An output folder of `newsprep ingest` or `serve`.")] = Path("output"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as one JSON object.")] = False,
    days: Annotated[int, typer.Option(min=0, help="Publication days listed (the most recent ones).")] = 14,
) -> None:
    """What OUTPUT holds: the published snapshot, its stories by language and day, the files not ingested, the
    snapshots kept and the last run. Reads the Parquet only: no Prefect, no lock (a run may be going)."""
    if not output.is_dir():
        _fail(f"output folder not found: {output}")
    from newsprep.tasks.status import read_status
    from newsprep.tasks.write import output_holder

    found = read_status(output)
    if as_json:
        typer.echo(json.dumps(found.to_dict(), ensure_ascii=False))
        return
    if found.snapshot is None:
        console.print(f"{printable(str(output))}: nothing published yet", markup=False, highlight=False)
        if found.damage:  # something was, but nothing of it is whole
            errors.print(f"warning: {printable(found.damage)}", markup=False, highlight=False)
        return
    _say(f"{output}: snapshot {found.snapshot} (run {found.last_run_id}, started {found.last_ingested_at})")
    if found.damage:
        _say(f"  warning: {found.damage}")
    copies = f" ({found.near_duplicates} repeat an earlier one: duplicate_of)" if found.near_duplicates else ""
    kept = counted(len(found.snapshots), "snapshot")
    _say(f"  {counted(found.stories, 'story')}{copies} from {counted(found.documents, 'file')}; {kept} kept")
    if holder := output_holder(output):
        _say(f"  now: another newsprep run ({holder}) is writing to it")
    _say("  languages: " + (", ".join(f"{lang} {count}" for lang, count in found.languages.items()) or "none"))
    _say("  files: " + (", ".join(f"{count} {state}" for state, count in found.documents_by_status.items()) or "none"))
    recent = list(found.stories_by_day.items())[-days:] if days else []
    if recent:
        _say(f"  stories by publication day (last {len(recent)} of {len(found.stories_by_day)} days):")
        for day, count in recent:
            _say(f"    {day}  {count}")
    if found.undated_stories:
        _say(f"  stories without a date: {found.undated_stories}")
    if found.rejected_count:
        listed = f", the first {len(found.rejected)}" if len(found.rejected) < found.rejected_count else ""
        _say(f"  not ingested: {found.rejected_count} files{listed}:")
        for path, reason in found.rejected.items():
            _say(f"    {path}: {reason}")


def _say(text: str) -> None:
    """print() for text that holds names from the input folder: escaped (no name drives the terminal), no markup."""
    console.print(printable(text), markup=False, highlight=False)


def _check_input_folder(input_dir: Path) -> None:
    if input_dir.is_file():
        _fail(f"{input_dir} is a file: ingest reads a folder of pages (`newsprep explain FILE` shows one page)")
    if not input_dir.is_dir():
        _fail(f"input folder not found: {input_dir}")


def _check_output_layout(output: Path) -> None:
    """Fail at once, before Prefect starts, on an output folder that a run could not publish into."""
    from newsprep.tasks.write import OutputLayoutError, check_output_layout

    try:
        check_output_layout(output)
    except OutputLayoutError as exc:
        _fail(str(exc))


def _prepare_local_workers(input_dir: Path, output: Path, read_all: bool, max_file_bytes: int) -> None:
    from newsprep.flows.ingest import prepare_local_workers

    prepare_local_workers(input_dir, output, read_all, max_file_bytes)


class _RateColumn(ProgressColumn):
    """Files per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.0f} files/s" if task.speed else "", style="progress.data.speed")


class RunProgress:
    """What a run is doing, on the terminal (stderr, and only there): the phase (starting Prefect, surveying,
    processing, publishing) with files done, rate, elapsed and remaining time."""

    def __init__(self) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description:<17}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=errors,
            transient=True,
            disable=not errors.is_terminal,
        )
        self._task = self._progress.add_task("starting", total=None)
        self._phase = ""

    def __enter__(self) -> RunProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc_info) -> None:
        self._progress.__exit__(*exc_info)

    def phase(self, name: str, total: int | None = None) -> None:
        if name != self._phase:  # a new phase's rate and time start from zero
            self._phase = name
            self._progress.remove_task(self._task)  # (reset() cannot take a known total back to unknown)
            self._task = self._progress.add_task(name, total=total)

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        self.phase(phase, total)
        self._progress.update(self._task, completed=done, total=total)


def _run_ingest(progress: RunProgress, **parameters) -> dict:
    """The ingest flow, its progress shown; its summary."""
    from prefect import tags

    import newsprep.flows.ingest as ingest_module
    from newsprep.flows.ingest import ingest as ingest_flow
    from newsprep.flows.ingest import progress_listener
    from newsprep.tasks.write import OutputBusyError, OutputLayoutError

    ingest_module.freeze_heap_when_warm = True  # this process is newsprep's own (see there)
    with progress_listener(progress), tags(*RUN_TAGS, "cli"):  # served runs carry RUN_TAGS too (see serve)
        try:
            return ingest_flow(**parameters)
        except (OutputBusyError, OutputLayoutError) as exc:
            _fail(str(exc))
        except Exception as exc:  # the flow's own failure, already logged by Prefect
            _fail(f"the ingest run failed: {exc}")


def default_workers() -> int:
    """The cores this process may use (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


DEPLOYMENT_NAME = "newsprep-schedule"
HEARTBEAT_SECONDS = 60  # a served run's heartbeat (Prefect's least is 30)
RUN_TAGS = ("newsprep",)  # on every run, served or not: the UI's filter for newsprep's runs


@app.command()
def serve(
    input_dir: Annotated[Path, typer.Argument(help="Folder the scraper keeps filling.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where the Parquet datasets go.")] = Path("output"),
    cron: Annotated[str | None, typer.Option(help="Cron schedule, e.g. '*/15 * * * *'.")] = None,
    interval: Annotated[float | None, typer.Option(min=1, help="Seconds between scheduled runs.")] = None,
    name: Annotated[str, typer.Option(help="Deployment name (trigger it with `newsprep trigger`).")] = DEPLOYMENT_NAME,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per Prefect task run.")] = 100,
    prune: Annotated[bool, typer.Option("--prune", help="Drop the stories of files that disappeared.")] = False,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes per run (a local Dask cluster); default: the cores.")
    ] = None,
    dask_address: Annotated[str | None, typer.Option(help="Run on this Dask cluster (tcp://host:8786).")] = None,
) -> None:
    """Serve the ingest flow as a Prefect deployment on a schedule, until interrupted (Ctrl-C).

    Needs a Prefect server: set PREFECT_API_URL (see the README). Runs triggered by hand (`newsprep trigger`,
    the UI) are executed by this process too. A run that finds another one writing waits for it."""
    if (cron is None) == (interval is None):
        _fail("give exactly one of --cron or --interval")
    _check_input_folder(input_dir)
    _check_writable(output)
    _require_server("serve")
    _configure_process(verbose=True)
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType

    from newsprep.flows.ingest import SERVED_FOLDERS_ENV
    from newsprep.flows.ingest import ingest as ingest_flow

    # The Prefect API has no authentication: whoever reaches it can start this deployment with other parameters.
    # Runs of this process then only read below INPUT_DIR and write below the output folder (see the flow).
    os.environ[SERVED_FOLDERS_ENV] = os.pathsep.join([str(input_dir.resolve()), str(output.resolve())])
    # A run whose process dies outright (SIGKILL, a machine lost) would stay Running forever: its heartbeats stop,
    # and an automation on the server marks it Crashed (Prefect's zombie detection).
    os.environ.setdefault("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", str(HEARTBEAT_SECONDS))
    from newsprep.flows.server import ensure_unresponsive_run_automation

    ensure_unresponsive_run_automation(int(os.environ["PREFECT_FLOWS_HEARTBEAT_FREQUENCY"]), ingest_flow.name)
    ingest_flow.serve(
        name=name,
        # runs import the installed package (newsprep.flows.ingest.ingest), wherever this process was started
        entrypoint_type=EntrypointType.MODULE_PATH,
        cron=cron,
        interval=interval,
        parameters={
            "input_dir": str(input_dir.resolve()),
            "output_dir": str(output.resolve()),
            "batch_size": batch_size,
            "prune": prune,
            "lock_wait_seconds": 3600.0,
            "workers": workers or default_workers(),
            "dask_address": dask_address,
        },
        description="newsprep: scraped pages in, per-story Parquet out (incremental).",
        tags=[*RUN_TAGS, "served"],
        # Runs on one output serialise on its lock anyway; queueing them in Prefect (Late, then run in order)
        # keeps one process alive instead of a pile of processes each waiting on the lock: one run at a time in
        # this process, and one at a time of the deployment however many processes serve it (a deployment
        # concurrency limit that queues, not a run that fails on the lock).
        limit=1,
        global_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE),
    )


def _require_server(command: str) -> str:
    """PREFECT_API_URL of a Prefect server that answers, or a one-line failure: `serve` on a temporary server
    would say it serves while no run could ever start, and `trigger` would start a server of its own."""
    api = os.environ.get("PREFECT_API_URL")
    if not api:
        _fail(
            f"{command} needs a Prefect server: start one (`prefect server start`) and set PREFECT_API_URL "
            "(e.g. http://127.0.0.1:4200/api) here"
            + ("" if command == "serve" else ", as in the terminal running `newsprep serve`")
        )
    try:
        with urllib.request.urlopen(f"{api.rstrip('/')}/health", timeout=10) as response:
            if response.status == 200:
                return api
    except (OSError, ValueError) as exc:
        _fail(f"no Prefect server answers at PREFECT_API_URL={api} ({exc})")
    _fail(f"the Prefect server at PREFECT_API_URL={api} is not healthy")


@app.command()
def trigger(
    name: Annotated[str, typer.Option(help="Deployment name given to `newsprep serve`.")] = DEPLOYMENT_NAME,
    input_dir: Annotated[
        Path | None, typer.Option("--input", help="Folder to read (default: the one the deployment serves).")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Where the Parquet datasets go.")] = None,
    full: Annotated[bool, typer.Option("--full", help="Process every file again.")] = False,
    verify: Annotated[bool, typer.Option("--verify", help="Read and hash every file.")] = False,
    prune: Annotated[
        bool | None, typer.Option("--prune/--no-prune", help="Drop (or keep) the stories of files that disappeared.")
    ] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Documents per Prefect task run.")] = None,
    max_file_bytes: Annotated[int | None, typer.Option(min=1, help="Larger files are rejected, not read.")] = None,
    reference_time: Annotated[
        str | None, typer.Option(help="ISO date-time that relative dates count back from.")
    ] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Processes running batches in parallel.")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for the run to finish and print its summary.")] = False,
) -> None:
    """Start a run of a served ingest deployment now (needs PREFECT_API_URL, like `serve`). Options not given keep
    the deployment's values (those `serve` was started with)."""
    reference = _parse_reference_time(reference_time)
    api = _require_server("trigger")
    _configure_process(verbose=False)
    from prefect.deployments import run_deployment
    from prefect.exceptions import ObjectNotFound

    given = {
        "input_dir": str(input_dir.resolve()) if input_dir else None,
        "output_dir": str(output.resolve()) if output else None,
        "full": full or None,
        "verify": verify or None,
        "prune": prune,
        "batch_size": batch_size,
        "max_file_bytes": max_file_bytes,
        "reference_time": reference.isoformat() if reference else None,
        "workers": workers,
    }
    parameters = {key: value for key, value in given.items() if value is not None}
    deployment = f"newsprep-ingest/{name}"
    try:
        run = run_deployment(deployment, parameters=parameters or None, timeout=None if wait else 0)
    except ObjectNotFound:
        _fail(f"no deployment {deployment} on {api}: `newsprep serve --name {name}` makes it")
    except Exception as exc:  # the server went away, a parameter it refused, ...
        _fail(f"could not trigger {deployment}: {type(exc).__name__}: {exc}")
    state = run.state.name if run.state else "unknown"
    console.print(f"flow run {run.name} ({run.id}): {state}", highlight=False)
    if not wait:
        return
    if run.state and run.state.is_completed():
        summary = _run_summary(run.id)
        if summary:
            console.print(summary, markup=False, highlight=False)
        return
    message = run.state.message if run.state and run.state.message else "no message"
    errors.print(f"the run did not complete: {printable(message)}", markup=False, highlight=False)
    raise typer.Exit(code=1)


def _run_summary(flow_run_id) -> str | None:
    """The summary a finished run left as its artifact (flows/ingest.py), as text."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, FlowRunFilter, FlowRunFilterId

    from newsprep.flows.ingest import SUMMARY_ARTIFACT_KEY

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[SUMMARY_ARTIFACT_KEY])),
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])),
        )
    return str(artifacts[0].data) if artifacts else None


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="One scraped page; - reads it from standard input.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output folder of earlier runs: use the site furniture they learnt."),
    ] = None,
    reference_time: Annotated[
        str | None, typer.Option(help="ISO date-time that relative dates count back from.")
    ] = None,
) -> None:
    """Print FILE with every line marked kept (+) or removed (-) and why, and where each story starts."""
    from_stdin = str(file) == "-"
    if file.is_dir():
        _fail(f"{file} is a folder: explain shows one page (`newsprep ingest {file}` processes a folder)")
    if not from_stdin and not file.is_file():
        _fail(f"file not found: {file}")
    if output is not None and not output.is_dir():
        _fail(f"output folder not found: {output} (give the --output of an earlier ingest run)")
    reference = _parse_reference_time(reference_time)
    _configure_process(verbose=False)
    from newsprep.flows.explain import STDIN, explain_document, render

    try:
        document = explain_document(STDIN if from_stdin else file, output, reference)
    except ValueError as exc:  # standard input too large to be a page
        _fail(str(exc))
    render(document, console)


def _print_summary(summary: dict, wall_seconds: float, prefect_seconds: float) -> None:
    from newsprep.flows.ingest import status_counts_text

    statuses = status_counts_text(summary["status_counts"])
    languages = ", ".join(f"{lang} {count}" for lang, count in summary["languages"].items()) or "none"
    gone = f", {summary['disappeared']} gone ({'pruned' if summary['pruned'] else 'stories kept'})"
    processes = f" on {len(summary['processes'])} processes" if len(summary["processes"]) > 1 else ""
    console.print(
        f"{summary['files']} files ({summary['new']} new, {summary['changed']} changed, {summary['unchanged']} "
        f"unchanged{gone if summary['disappeared'] else ''}); processed {summary['processed']} "
        f"({statuses}): {counted(summary['stories'], 'story')} in {_timing(summary, wall_seconds, prefect_seconds)}"
        f"{processes} "
        f"-> {printable(summary['output_dir'])} (snapshot {summary['snapshot']})",
        markup=False,
        highlight=False,
    )
    console.print(f"languages: {languages}", highlight=False)
    if summary.get("near_duplicates"):
        console.print(f"near-duplicates: {summary['near_duplicates']} of the stories written repeat an earlier one")
    # File names and reasons come from the input folder: escaped, so that no name can drive the terminal.
    for warning in summary.get("warnings", []):
        errors.print(f"warning: {printable(warning)}", markup=False, highlight=False)
    for path, reason in summary["rejected"].items():
        console.print(f"  not ingested: {printable(path)}: {printable(reason)}", markup=False, highlight=False)
    if summary.get("skipped"):
        console.print(f"  skipped {len(summary['skipped'])} entries:", highlight=False)
        for path, reason in summary["skipped"].items():
            console.print(f"    {printable(path)}: {printable(reason)}", markup=False, highlight=False)


def counted(count: int, noun: str) -> str:
    """`1 story`, `2 stories`, `1 file`: a count with its noun in the right number."""
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1]}ies" if noun.endswith("y") else f"{count} {noun}s"


def _timing(summary: dict, wall_seconds: float, prefect_seconds: float) -> str:
    """`31.0 s (Prefect's start 9.1 s)`: the whole command's time, as the user waited for it, with its parts."""
    parts = [f"Prefect's start {prefect_seconds:.1f} s"] if prefect_seconds >= 0.1 else []
    if summary.get("lock_wait_seconds", 0) >= 0.1:
        parts.append(f"waiting for another run {summary['lock_wait_seconds']:.1f} s")
    return f"{wall_seconds:.1f} s" + (f" ({', '.join(parts)})" if parts else "")


def main() -> None:
    app(prog_name="newsprep")


if __name__ == "__main__":
    sys.exit(main())
